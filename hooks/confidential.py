"""MkDocs hook: drafts and confidential documents never reach the built site.

Thin adapter around ``chibo.document.visibility.is_withheld``, using MkDocs' own inclusion levels
(the machinery behind ``draft_docs`` / ``exclude_docs``):

- ``on_files`` reads each page's front matter and marks a withheld page ``EXCLUDED``
  (``mat: true``) or ``DRAFT`` (``nhap: true``: previewed by ``mkdocs serve``, never
  built by ``mkdocs build``). An excluded page is not rendered, so it is absent from the
  site, the search index, the sitemap and everything fed by ``on_page_*`` / ``on_post_page``
  (per-document PDFs, the site-wide PDF book). A ``nav`` entry that names it is only an
  INFO message for MkDocs, so strict mode still passes;
- ``on_nav`` removes such entries (and sections left empty) from the navigation, so no
  menu, "previous/next" footer or PDF book chapter mentions them;
- ``on_page_content`` turns a link from a published page to a withheld one into plain
  text instead of a dead link, and says so.

Runs before other hooks and plugins (priority 100) so that they only ever see the
published pages. ``hooks/validation.py`` still validates withheld documents.
"""

from __future__ import annotations

import logging
import posixpath
import re
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from chibo.document.model import load
from chibo.document.visibility import is_withheld

log = logging.getLogger("mkdocs.hooks.confidential")

_serving = False
_withheld: dict[str, str] = {}  # site URL of a withheld page -> its source path
_LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.DOTALL | re.IGNORECASE)


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _visible(file: File) -> bool:
    return file.inclusion.is_in_serve() if _serving else file.inclusion.is_included()


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _withheld.clear()
    for file in files.documentation_pages(inclusion=InclusionLevel.all):
        meta = load(file.content_bytes, file.src_uri).meta
        if not is_withheld(meta):
            continue
        confidential = meta.get("mat") is True
        file.inclusion = InclusionLevel.EXCLUDED if confidential else InclusionLevel.DRAFT
        if not _visible(file):
            _withheld[unquote(file.url)] = file.src_uri
            log.info("Không đăng %s (%s).", file.src_uri, "văn bản mật" if confidential else "bản nháp")
        else:
            log.info("Bản nháp %s: chỉ hiện khi soạn (make serve), không được đăng.", file.src_uri)
    if _withheld or not _serving:
        log.info("Đã giữ lại %d văn bản nháp hoặc mật: không có trên trang web, trong tìm kiếm, "
                 "sơ đồ trang và các tệp PDF.", len(_withheld))
    return files


def _prune(items: list) -> list:
    kept = []
    for item in items:
        if isinstance(item, Page) and not _visible(item.file):
            continue
        if isinstance(item, Section):
            item.children = _prune(item.children)
            if not item.children:
                continue
        kept.append(item)
    return kept


@event_priority(100)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    if not _withheld:
        return nav
    nav.items = _prune(nav.items)
    nav.pages = [page for page in nav.pages if _visible(page.file)]
    for index, page in enumerate(nav.pages):
        page.previous_page = nav.pages[index - 1] if index else None
        page.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None
    _reparent(nav.items, None)
    return nav


def _reparent(items: list, parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _reparent(item.children, item)


def _target(href: str, page: Page) -> str | None:
    """Site URL of a relative link's target page, or None for other links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = posixpath.dirname(page.file.url) if not page.file.url.endswith("/") else page.file.url
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = "" if path == "." else path.lstrip("/")
    return path + "/" if parts.path.endswith("/") and path else path


@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _withheld:
        return html

    def unlink(match: re.Match[str]) -> str:
        source = _withheld.get(_target(match.group(1), page) or "\0")
        if source is None:
            return match.group(0)
        log.info("cảnh báo: %s dẫn tới văn bản không đăng %s; đã bỏ liên kết, chỉ giữ chữ.",
                 page.file.src_uri, source)
        return match.group(2)

    return _LINK.sub(unlink, html)
