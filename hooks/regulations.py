"""MkDocs hook: a regulation page's attributes, validity banner and backlinks.

Thin adapter over ``chibo.rendering.regulation_page``: the attribute block and the banner are put
before the page's own Markdown, the "Được dẫn chiếu tại" list after it, in memory only.
The data come from the registry and the citation index built by ``hooks/citations.py``
(``config["chibo_citations"]``), so this hook must be listed after that one.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from chibo.checking.citations import CitationIndex
from chibo.rendering.regulation_page import decorate, is_summary

STATE_KEY = "chibo_citations"
log = logging.getLogger("mkdocs.hooks.regulations")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("loai") != "quy-dinh":
        return markdown
    index: CitationIndex | None = config.get(STATE_KEY)
    if index is None:
        return markdown
    entry = index.registry.by_page(page.file.src_uri) or index.registry.get(str(page.meta.get("ma") or ""))
    if entry is None:
        return markdown  # reported by the validation (DC005)
    summary = is_summary(markdown)
    if summary:
        # Our own summary: its printed copy must not look like the original document.
        page.meta["tom_tat"] = True
    else:
        # The printed copy's header names the issuing body and date from the registry.
        page.meta["van_ban_goc"] = {"co_quan": entry.issuer, "ngay": entry.date}
    return decorate(markdown, entry, index, page.file.src_uri, summary=summary)
