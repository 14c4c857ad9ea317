"""MkDocs hook: generated lists of documents where a page asks for them.

``<!-- danh-sach-van-ban -->`` becomes every document by type plus every cited document
with its status (the "Văn bản" page); ``<!-- van-ban-moi -->`` becomes the latest
documents (home page). Thin adapter over ``chibo.rendering.listing``; the documents come from the
index built once by ``hooks/citations.py``, which must be listed before this hook.
"""

from __future__ import annotations


from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from chibo.checking.citations import CitationIndex
from chibo.document.config import load_settings
from chibo.rendering.listing import ALL_MARKER, RECENT_MARKER, full_index, recent
from chibo.rendering.regulation_page import relative_link
from chibo.document.config import project_dir

STATE_KEY = "chibo_citations"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if ALL_MARKER not in markdown and RECENT_MARKER not in markdown:
        return markdown
    index: CitationIndex | None = config.get(STATE_KEY)
    if index is None:
        return markdown
    types = load_settings(project_dir(config) / "data").types
    link = relative_link(page.file.src_uri)
    if ALL_MARKER in markdown:
        markdown = markdown.replace(ALL_MARKER, full_index(index.documents, types, index.registry, link))
    if RECENT_MARKER in markdown:
        markdown = markdown.replace(RECENT_MARKER, recent(index.documents, types, link))
    return markdown
