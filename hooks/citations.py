"""MkDocs hook: citations of other documents become links, computed once per build.

Thin adapter over ``chibo.checking.citations`` (detector, scan, index) and ``chibo.rendering.mdx_citations``
(the Markdown extension). ``on_files`` reads every source page once with the core model
and builds the citation index; other hooks (regulation pages, document lists) read it
from ``config[STATE_KEY]``. Source files are never modified.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from chibo.checking.citations import Citation, CitationIndex, Detector, build_index
from chibo.document.config import load_settings
from chibo.rendering.mdx_citations import CitationExtension, Link, citation_link
from chibo.document.model import load
from chibo.document.registry import Registry, load_registry
from chibo.document.config import project_dir

STATE_KEY = "chibo_citations"  # the CitationIndex of the current build
log = logging.getLogger("mkdocs.hooks.citations")

_serving = False
_registry = Registry()
_index: CitationIndex | None = None
_current = ""  # src_uri of the page being rendered


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _registry
    _registry = load_registry(project_dir(config) / "data")
    for problem in _registry.problems:
        # An ERROR fails the strict build; under serve it would stall the server.
        (log.info if _serving else log.error)(problem.format())
    config.markdown_extensions.append(CitationExtension(Detector(_registry), _resolve))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _index
    project = project_dir(config)
    documents = {}
    for file in files.documentation_pages():
        shown = posixpath.join(Path(config.docs_dir).name, file.src_uri)
        documents[file.src_uri] = load(file.content_bytes, shown)  # the build's snapshot
    types = load_settings(project / "data").types
    _index = build_index(documents, _registry, types)
    config[STATE_KEY] = _index
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    global _current
    _current = page.file.src_uri
    return markdown


def _resolve(citation: Citation) -> Link | None:
    """Where a citation on the page being rendered links to; None leaves plain text."""
    return citation_link(citation, _current, _index)
