"""MkDocs hook: a PDF of each document page, in the official layout, next to the page.

Thin adapter: layout, cache and parallel rendering live in ``chibo.rendering.pdf``. This hook
decides whether PDFs are on, offers the "Tải PDF" button, and hands each document page's
rendered HTML to a ``Renderer`` as soon as MkDocs has converted it: a cache miss starts
rendering in a worker process while the other pages are still being built; the build waits
for them at the end. The renderer is shared with ``hooks/pdf_book.py`` as
``config["chibo_pdf"]`` (the books use its cache and worker pool).

PDFs are on for ``mkdocs build`` and off for ``mkdocs serve``; the environment variable
CHIBO_PDF=1 / CHIBO_PDF=0 forces them on / off (the books follow). With PDFs off nothing
imports WeasyPrint or pikepdf.
"""

from __future__ import annotations

import logging
import os
from html import unescape
import time
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from chibo.document.config import Settings, load_settings
from chibo.rendering.pdf import DocumentPdf, PdfError, Renderer, document_view
from chibo.document.config import project_dir

ENV = "CHIBO_PDF"
STATE_KEY = "chibo_pdf"  # the build's Renderer, read by hooks/pdf_book.py
log = logging.getLogger("mkdocs.hooks.pdf")

_settings: Settings | None = None
_enabled = False
_renderer: Renderer | None = None


def on_startup(command: str, dirty: bool) -> None:
    # Decided once per process.
    os.environ.setdefault(ENV, "0" if command == "serve" else "1")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _settings, _enabled
    _enabled = os.environ.get(ENV, "1") == "1"
    _settings = load_settings(project_dir(config) / "data")
    if not _enabled:
        log.info("Không tạo tệp PDF (biến %s=%s).", ENV, os.environ.get(ENV))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    global _renderer
    _close()
    config[STATE_KEY] = None
    if not _enabled:
        return
    try:
        _renderer = Renderer(cache_dir(config))
    except PdfError as error:
        raise PluginError(str(error)) from error
    config[STATE_KEY] = _renderer


def _close() -> None:
    global _renderer
    if _renderer is not None:
        _renderer.close()
        _renderer = None


def on_build_error(error: Exception) -> None:
    _close()


def on_shutdown() -> None:
    _close()


def _pdf_path(page: Page) -> str:
    """Site path of the page's PDF: next to the page, named after its Markdown file."""
    stem = PurePosixPath(page.file.src_uri).stem
    return str(PurePosixPath(page.file.dest_uri).parent / f"{stem}.pdf")


def _doctype(page: Page):
    assert _settings is not None
    return _settings.types.get(str(page.meta.get("loai", "")))


@event_priority(-150)  # last: the body as the site shows it (after hooks/escaping.py's -100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files) -> str:
    """Offer the page's PDF and hand the document to the renderer.

    Here rather than in ``on_post_page``: MkDocs converts every page's Markdown before it
    renders any template, so a document handed over now is rendered by a worker while
    MkDocs is still converting the others and then writing every page.
    """
    doctype = _doctype(page)
    if not _enabled or doctype is None or _renderer is None:
        return html
    assert _settings is not None
    # Read by overrides/partials/document-pdf.html ("Tải PDF" button).
    page.meta["pdf_url"] = get_relative_url(_pdf_path(page), page.file.url or ".")
    site_dir = Path(config.site_dir).resolve()
    _renderer.add(DocumentPdf(
        source=page.file.src_uri,
        # page titles are HTML (hooks/escaping.py); the PDF template escapes text itself
        title=unescape(str(page.meta.get("title") or page.title or page.file.src_uri)),
        content=html or "",
        view=document_view(page.meta, doctype, _settings.cell),
        base_dir=str(Path(page.file.abs_dest_path).resolve().parent),
        output=str(site_dir / _pdf_path(page)),
    ))
    return html


def cache_dir(config: MkDocsConfig) -> Path:
    override = os.environ.get("CHIBO_PDF_CACHE")
    if override:
        return Path(override)
    return project_dir(config) / ".cache" / "pdf"


def on_post_build(config: MkDocsConfig) -> None:
    if _renderer is None:
        return
    waited = time.perf_counter()
    try:
        report = _renderer.finish()
    except PdfError as error:
        _close()
        raise PluginError(str(error)) from error
    # The first figure is how long the build waited for the PDFs after its last page (the
    # rendering started with the first page that was not in the cache); the second, the
    # rendering time of the documents themselves, summed over the worker processes.
    log.info(
        "PDF văn bản: đã tạo %d tệp, lấy lại %d tệp từ bộ nhớ đệm (%.1f giây; dựng %.1f giây).",
        len(report.rendered), len(report.cached), time.perf_counter() - waited, report.seconds,
    )
    # the worker pool stays up for hooks/pdf_book.py; closed in on_shutdown
