"""MkDocs hook: the documents as printed books, the whole site and one volume per year.

Thin adapter around ``chibo.rendering.book``: records each document page (nav title, nav
section, year) and, after ``hooks/pdf.py`` has its per-document PDFs, has the books
assembled from them into ``site/pdf/`` (``van-ban-chi-bo.pdf``, ``van-ban-nam-2022.pdf``
…), from the cache when nothing in a book changed. The home page links each year's volume
next to the whole book. Follows ``hooks/pdf.py`` (``CHIBO_PDF``): off under ``mkdocs
serve``, and then nothing here imports WeasyPrint or pikepdf.
"""

from __future__ import annotations

import logging
import time
from html import escape, unescape
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from chibo.document.config import load_settings
from chibo.rendering.book import (
    BOOK_FOLDER, OTHER_SECTION, WHOLE_FILE, Chapter, build_books, document_year, plan_volumes, year_file,
)
from chibo.rendering.pdf import PdfError
from chibo.document.config import project_dir

STATE_KEY = "chibo_pdf"  # the Renderer of hooks/pdf.py (None when PDFs are off)
FOLDER = BOOK_FOLDER  # the books' folder in the site
log = logging.getLogger("mkdocs.hooks.pdf_book")

_nav: Navigation | None = None
_pages: dict[str, tuple[str, str, int | None, str]] = {}  # source -> (title, section, year, page file)
_years: set[int] = set()
_doctypes = None  # the document types of data/, read once per build


def on_pre_build(config: MkDocsConfig) -> None:
    global _nav, _doctypes
    _nav, _doctypes = None, None
    _pages.clear()
    _years.clear()


def on_nav(nav: Navigation, *, config: MkDocsConfig, files) -> Navigation:
    global _nav
    _nav = nav
    return nav


def _types(config: MkDocsConfig):
    global _doctypes
    if _doctypes is None:
        _doctypes = load_settings(project_dir(config) / "data").types
    return _doctypes


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
    if str(page.meta.get("loai", "")) in _types(config):
        year = document_year(page.meta)
        if year is not None:
            _years.add(year)
    return markdown


def _section(page: Page) -> str:
    top = page.parent
    while top is not None and top.parent is not None:
        top = top.parent
    return unescape(str(top.title)) if top is not None and top.title else OTHER_SECTION


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if config.get(STATE_KEY) is not None and str(page.meta.get("loai", "")) in _types(config):
        # page titles are HTML (hooks/escaping.py); the book's template escapes text itself
        _pages[page.file.src_uri] = (unescape(str(page.title or page.file.src_uri)), _section(page),
                                     document_year(page.meta), PurePosixPath(page.file.dest_uri).as_posix())
    return output


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    """The home page offers each year's volume beside the whole book."""
    if not page.is_homepage or config.get(STATE_KEY) is None or not _years or not page.content:
        return context
    whole = f'href="{FOLDER}/{WHOLE_FILE}"'
    at = page.content.find(whole)
    end = page.content.find("</p>", at) if at >= 0 else -1
    if end < 0:
        return context
    links = " · ".join(
        f'<a href="{escape(get_relative_url(f"{FOLDER}/{year_file(year)}", page.url or "."))}" download>'
        f"Năm {year}</a>" for year in sorted(_years))
    block = f'\n<p class="pdf-theo-nam">Văn bản từng năm, mỗi năm một tệp PDF để in: {links}</p>'
    page.content = page.content[:end + 4] + block + page.content[end + 4:]
    return context


@event_priority(-50)  # after hooks/pdf.py has the documents' PDFs
def on_post_build(config: MkDocsConfig) -> None:
    renderer = config.get(STATE_KEY)
    if renderer is None:
        return
    in_nav = [page for page in (_nav.pages if _nav else []) if page.file.src_uri in _pages]
    left_out = [f'"{title}" ({source})' for source, (title, *_) in _pages.items()
                if source not in {page.file.src_uri for page in in_nav}]
    if left_out:
        raise PluginError("Các văn bản sau không có trong mục lục (nav) nên không vào được tệp "
                          "PDF toàn bộ văn bản: " + ", ".join(left_out))
    chapters = []
    for page in in_nav:
        source = page.file.src_uri
        if source not in renderer.files:
            continue
        title, section, year, dest = _pages[source]
        chapters.append(Chapter(source, title, section, year, str(renderer.files[source]),
                                renderer.keys[source], dest))
    settings = load_settings(project_dir(config) / "data")
    volumes = plan_volumes(chapters)
    start = time.perf_counter()
    try:
        report = build_books(volumes, renderer, renderer.cache_dir,
                             Path(config.site_dir) / FOLDER, cell=dict(settings.cell),
                             site_name=str(config.site_name))
    except PdfError as error:
        raise PluginError(str(error)) from error
    finally:
        renderer.close()
    log.info("PDF toàn bộ văn bản và %d tập theo năm: đã ghép %d tệp, lấy lại %d tệp từ bộ nhớ "
             "đệm (%.1f giây).", max(0, len(volumes) - 1), len(report.assembled), len(report.cached),
             time.perf_counter() - start)
    if not report.assembled and not renderer.report.rendered:
        log.info("PDF: không có văn bản nào thay đổi, không dựng lại tệp PDF nào.")
