"""The generated parts of a regulation page, as Markdown: attributes, validity, backlinks.

Everything comes from the registry and the citation index, so nothing is typed twice.
Links are relative to the page's source file (``link(target, anchor)``), which lets
MkDocs check every one of them in strict mode.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from chibo.checking.citations import Backlink, CitationIndex
from chibo.document.registry import UNKNOWN, Entry, Registry
from chibo.rendering.escape import markdown_text

LinkFn = Callable[[str, str], str]
BACKLINKS_HEADING = "Được dẫn chiếu tại"
BACKLINKS_ID = "duoc-dan-chieu-tai"


def relative_link(current: str, withheld: set[str] | None = None) -> LinkFn:
    """Link maker for a page: docs-relative target (+ anchor) -> path relative to the page;
    "" for a ``withheld`` target (a draft or confidential page is not in the site)."""
    base = posixpath.dirname(current)

    def link(target: str, anchor: str = "") -> str:
        if withheld and target in withheld:
            return ""
        path = posixpath.relpath(target, base) if target != current else ""
        return f"{path}#{anchor}" if anchor else (path or "#")

    return link


def _value(text: str) -> str:
    return _escape(text) if text else f'<span class="chua-ro">{UNKNOWN}</span>'


def _escape(text: str) -> str:
    return markdown_text(text)


UNCHECKED = "chưa kiểm chứng"


# The facts whose source a page shows: (field, name shown, the value as the registry holds it).
_SOURCED = (("co_quan", "cơ quan ban hành", lambda e: e.issuer), ("ngay", "ngày ban hành", lambda e: e.date),
            ("nguoi_ky", "người ký", lambda e: e.signer), ("tinh_trang", "tình trạng hiệu lực", lambda e: e.status),
            ("thay_the_boi", "văn bản thay thế", lambda e: e.replaced_by))


def sources(entry: Entry) -> str:
    """Where each known fact comes from and when it was checked; "chưa kiểm chứng" for a
    fact the registry gives no source for."""
    items = []
    for name, shown, value in _SOURCED:
        if not value(entry):
            continue
        found = entry.source(name)
        if found is None:
            items.append(f'{shown}: <span class="chua-kiem-chung">{UNCHECKED}</span>')
        else:
            where, checked = found
            when = f" (kiểm ngày {_escape(checked)})" if checked else ""
            items.append(f"{shown}: {_escape(where)}{when}")
    return "; ".join(items) if items else _value("")


def _entry_link(entry: Entry, link: LinkFn) -> str:
    href = link(entry.page) if entry.page else ""
    return f"[{_escape(entry.label)}]({href})" if href else _escape(entry.label)


def attributes(entry: Entry, registry: Registry, link: LinkFn) -> str:
    """The legal-portal style attribute block (a definition list)."""
    signer = entry.signer
    if signer and entry.signer_title:
        signer = f"{signer} ({entry.signer_title})"
    status = _escape(entry.status_label)
    newer = registry.replacing(entry)
    if entry.superseded and newer is not None:
        status += f" — được thay thế bởi {_entry_link(newer, link)}"
        status += f" từ ngày {_escape(entry.replaced_on)}" if entry.replaced_on else ""
    rows = [
        ("Số hiệu", _value(entry.code) if entry.code else "không có số hiệu"),
        ("Loại văn bản", _value(entry.kind)),
        ("Cơ quan ban hành", _value(entry.issuer_label)),
        ("Người ký", _value(signer)),
        ("Ngày ban hành", _value(entry.date)),
        ("Trích yếu", _value(entry.subject)),
        ("Tình trạng hiệu lực", status if entry.status else _value("")),
    ]
    older = registry.replaced(entry)
    if older:
        rows.append(("Thay thế", ", ".join(
            _entry_link(old, link) + (f" (từ ngày {_escape(old.replaced_on)})" if old.replaced_on else "")
            for old in older)))
    if entry.note:
        rows.append(("Ghi chú", _escape(entry.note)))
    rows.append(("Nguồn thông tin", sources(entry)))
    body = "\n\n".join(f"{name}\n:   {value}" for name, value in rows)
    return f'<div class="dc-thuoc-tinh" markdown>\n\n{body}\n\n</div>\n'


def validity_banner(entry: Entry, registry: Registry, link: LinkFn) -> str:
    """A warning admonition on a superseded document's page; "" when in force."""
    if not entry.superseded:
        return ""
    newer = registry.replacing(entry)
    by = f" bởi {_entry_link(newer, link)}" if newer else ""
    when = f" từ ngày {_escape(entry.replaced_on)}" if entry.replaced_on else ""
    return (f'!!! warning "Văn bản đã hết hiệu lực"\n\n'
            f"    {_escape(entry.label)} đã được thay thế{by}{when}. Trang này được giữ lại để tra cứu "
            "các văn bản cũ có dẫn chiếu tới nó; văn bản mới cần dẫn chiếu văn bản thay thế.\n")


def _backlink_item(backlink: Backlink, link: LinkFn) -> str:
    articles = ""
    if backlink.articles:
        articles = " (" + ", ".join(f"Điều {n}" for n in backlink.articles) + ")"
    text = _escape(f"{backlink.title} — {backlink.where}")
    return f"- [{text}]({link(backlink.page, backlink.anchor)}){articles}"


def backlinks(entry: Entry, index: CitationIndex, link: LinkFn) -> str:
    items = [_backlink_item(b, link) for b in index.backlinks(entry)]
    body = "\n".join(items) if items else "Chưa có văn bản nào của chi bộ dẫn chiếu tới văn bản này."
    return f"## {BACKLINKS_HEADING} {{#{BACKLINKS_ID}}}\n\n{body}\n"


_ARTICLE_HEADING = re.compile(r"^#{2,6}[ \t]+Điều[ \t]+\d+", re.MULTILINE | re.IGNORECASE)
SUMMARY_NOTE = ('!!! info "Bản tóm tắt của chi bộ, không phải văn bản gốc"\n\n'
                "    Trang này tóm tắt văn bản bằng lời của chi bộ để tiện tra cứu; khi cần trích dẫn, hãy dùng "
                "toàn văn chính thức của văn bản.\n")


def is_summary(markdown: str) -> bool:
    """A regulation page without the text's own articles ("Điều N") is our summary of it."""
    return not _ARTICLE_HEADING.search(markdown)


def decorate(markdown: str, entry: Entry, index: CitationIndex, current: str, *, summary: bool = False) -> str:
    """The page's own Markdown with the generated blocks around it; a summary says so."""
    link = relative_link(current, index.withheld)
    top = "\n".join(part for part in (validity_banner(entry, index.registry, link),
                                      attributes(entry, index.registry, link),
                                      SUMMARY_NOTE if summary else "") if part)
    return f"{top}\n{markdown.rstrip()}\n\n{backlinks(entry, index, link)}"
