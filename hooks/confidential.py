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
- a file (image, annex) that only withheld pages link to is withheld with them
  (``chibo.document.attachments``), so it is not copied to the site;
- ``on_page_content`` turns a link from a published page to a withheld one into plain
  text instead of a dead link, and says so (any quoting of ``href``).

Protection keys fail closed (``chibo.document.visibility``): ``mật: true``, ``mat: có``...
count. Pages are read from the build's snapshot (``hooks/snapshot.py`` runs first).

Runs before other hooks and plugins (priority 100) so that they only ever see the
published pages. ``hooks/validation.py`` still validates withheld documents.
"""

from __future__ import annotations

from html import unescape
import logging
import posixpath
import re
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from chibo.document.attachments import resolve, withheld_attachments
from chibo.document.config import is_staged
from chibo.document.model import load
from chibo.document.visibility import is_confidential, is_withheld

log = logging.getLogger("mkdocs.hooks.confidential")

_serving = False
_withheld: dict[str, str] = {}  # site URL of a withheld page -> its source path
_LINK = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))[^>]*>(.*?)</a>""",
                   re.DOTALL | re.IGNORECASE)
_withheld_src: dict[str, str] = {}  # docs-relative path of a withheld page or attachment -> itself


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _visible(file: File) -> bool:
    return file.inclusion.is_in_serve() if _serving else file.inclusion.is_included()


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _withheld.clear()
    _withheld_src.clear()
    sources: dict[str, str] = {}
    confidential_pages: set[str] = set()
    withheld_pages: set[str] = set()
    for file in files.documentation_pages(inclusion=InclusionLevel.all):
        raw = file.content_bytes  # the build's snapshot
        sources[file.src_uri] = raw.decode("utf-8", "replace")
        meta = load(raw, file.src_uri).meta
        if not is_withheld(meta):
            continue
        confidential = is_confidential(meta)
        withheld_pages.add(file.src_uri)
        if confidential:
            confidential_pages.add(file.src_uri)
        if is_staged(config):
            # The staged tree holds only what may be published (chibo.publishing.stage): a
            # withheld page here is a bug upstream, and nothing may be built from it.
            raise Abort(f"Dừng: trang {file.src_uri} không được đăng nhưng có trong cây dựng (lỗi chương trình).")
        _withhold(file, confidential)
        if _visible(file):
            log.info("Bản nháp %s: chỉ hiện khi soạn (make serve), không được đăng.", file.src_uri)
        else:
            log.info("Không đăng %s (%s).", file.src_uri, "văn bản mật" if confidential else "bản nháp")
    for path, linking in sorted(withheld_attachments(sources, withheld_pages).items()):
        attachment = files.get_file_from_path(path)
        if attachment is None or attachment.is_documentation_page():
            continue
        # Withheld like the most visible page linking to it (a draft's image: preview only).
        _withhold(attachment, confidential=linking <= confidential_pages)
        if not _visible(attachment):
            log.info("Không đăng tệp %s: chỉ văn bản không đăng (%s) dẫn tới.", path, ", ".join(sorted(linking)))
    if (_withheld or not _serving) and not is_staged(config):
        hidden = sum(1 for src in _withheld.values() if src in withheld_pages)
        log.info("Đã giữ lại %d văn bản nháp hoặc mật: không có trên trang web, trong tìm kiếm, "
                 "sơ đồ trang và các tệp PDF.", hidden)
    return files


def _withhold(file: File, confidential: bool) -> None:
    file.inclusion = InclusionLevel.EXCLUDED if confidential else InclusionLevel.DRAFT
    if not _visible(file):
        _withheld[unquote(file.url)] = file.src_uri
        _withheld_src[file.src_uri] = file.src_uri


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
        href = unescape(next(g for g in match.groups()[:3] if g is not None))
        source = _withheld.get(_target(href, page) or "\0")
        if source is None:  # raw HTML keeps the author's path to the source file
            source = _withheld_src.get(resolve(href, page.file.src_uri) or "\0")
        if source is None:
            return match.group(0)
        log.info("cảnh báo: %s dẫn tới văn bản không đăng %s; đã bỏ liên kết, chỉ giữ chữ.",
                 page.file.src_uri, source)
        return match.group(4)

    return _LINK.sub(unlink, html)
