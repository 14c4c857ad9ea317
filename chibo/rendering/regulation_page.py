"""The generated parts of a regulation page, as Markdown: attributes, validity, backlinks.

Everything comes from the registry and the citation index, so nothing is typed twice.
Links are relative to the page's source file (``link(target, anchor)``), which lets
MkDocs check every one of them in strict mode.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from chibo.checking.citations import Backlink, CitationIndex
from chibo.document.registry import UNKNOWN, Entry, Registry
from chibo.rendering.escape import markdown_text

LinkFn = Callable[[str, str], str]
BACKLINKS_HEADING = "Được dẫn chiếu tại"
BACKLINKS_ID = "duoc-dan-chieu-tai"


def relative_link(current: str) -> LinkFn:
    """Link maker for a page: docs-relative target (+ anchor) -> path relative to the page."""
    base = posixpath.dirname(current)

    def link(target: str, anchor: str = "") -> str:
        path = posixpath.relpath(target, base) if target != current else ""
        return f"{path}#{anchor}" if anchor else (path or "#")

    return link


def _value(text: str) -> str:
    return _escape(text) if text else f'<span class="chua-ro">{UNKNOWN}</span>'


def _escape(text: str) -> str:
    return markdown_text(text)


def _entry_link(entry: Entry, link: LinkFn) -> str:
    return f"[{_escape(entry.label)}]({link(entry.page)})" if entry.page else _escape(entry.label)


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


def decorate(markdown: str, entry: Entry, index: CitationIndex, current: str) -> str:
    """The page's own Markdown with the generated blocks around it."""
    link = relative_link(current)
    top = "\n".join(part for part in (validity_banner(entry, index.registry, link),
                                      attributes(entry, index.registry, link)) if part)
    return f"{top}\n{markdown.rstrip()}\n\n{backlinks(entry, index, link)}"
