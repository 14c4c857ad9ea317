"""Generated lists of documents (Markdown): the "Văn bản" index and the home page's
"Văn bản mới". Built from the documents' front matter and the registry, newest first.
Withheld documents (drafts, confidential) never appear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from chibo.document.config import DocType
from chibo.document.model import Document
from chibo.document.registry import UNKNOWN, Registry
from chibo.rendering.escape import markdown_text
from chibo.rendering.regulation_page import LinkFn
from chibo.document.visibility import is_withheld

ALL_MARKER = "<!-- danh-sach-van-ban -->"
RECENT_MARKER = "<!-- van-ban-moi -->"
REGULATION_TYPE = "quy-dinh"

_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def when(meta: Mapping[str, Any]) -> tuple[int, int, int]:
    """(year, month, day) of a document for sorting; missing parts are 0."""
    match = _DATE.match(str(meta.get("ngay") or ""))
    if match:
        return int(match.group(3)), int(match.group(2)), int(match.group(1))
    match = _MONTH.match(str(meta.get("thang") or ""))
    if match:
        return int(match.group(1)), int(match.group(2)), 0
    try:
        return int(str(meta.get("nam") or 0)), 0, 0
    except ValueError:
        return 0, 0, 0


def period(meta: Mapping[str, Any]) -> str:
    """"2022", "tháng 3/2022" or "" as shown in the lists."""
    year, month, _ = when(meta)
    if not year:
        return ""
    return f"tháng {month}/{year}" if month and meta.get("thang") else str(year)


def _cell(text: Any) -> str:
    value = str(text or "").strip()
    return markdown_text(value) if value else UNKNOWN


def cell_documents(documents: Mapping[str, Document], types: Mapping[str, DocType]) -> list[tuple[str, Document]]:
    """Published documents of the cell (not the cited regulations), newest first."""
    found = [(page, doc) for page, doc in documents.items()
             if doc.doc_type in types and doc.doc_type != REGULATION_TYPE and not is_withheld(doc.meta)]
    return sorted(found, key=lambda item: (when(item[1].meta), item[0]), reverse=True)


def recent(documents: Mapping[str, Document], types: Mapping[str, DocType], link: LinkFn, limit: int = 5) -> str:
    items = []
    for page, doc in cell_documents(documents, types)[:limit]:
        label = types[doc.doc_type].label.capitalize()
        extra = f" — {markdown_text(label.lower())}" + (f", {markdown_text(period(doc.meta))}" if period(doc.meta) else "")
        items.append(f"- [{markdown_text(doc.meta.get('title') or page)}]({link(page, '')}){extra}")
    return "\n".join(items) if items else "Chưa có văn bản nào."


def full_index(documents: Mapping[str, Document], types: Mapping[str, DocType], registry: Registry,
               link: LinkFn) -> str:
    """Every document by type (newest first), then every cited document with its status."""
    parts = []
    docs = cell_documents(documents, types)
    for code, doctype in types.items():
        if code == REGULATION_TYPE:
            continue
        rows = [(page, doc) for page, doc in docs if doc.doc_type == code]
        parts.append(f"## {doctype.label.capitalize()}\n")
        if not rows:
            parts.append("Chưa có văn bản nào.\n")
            continue
        table = ["| Văn bản | Thời gian | Số | Ngày ban hành |", "|---|---|---|---|"]
        for page, doc in rows:
            title = markdown_text(doc.meta.get("title") or page)
            table.append(f"| [{title}]({link(page, '')}) | {_cell(period(doc.meta))} | "
                         f"{_cell(doc.meta.get('so'))} | {_cell(doc.meta.get('ngay'))} |")
        parts.append("\n".join(table) + "\n")
    parts.append("## Văn bản được dẫn chiếu\n")
    parts.append("Quy định, chỉ thị, nghị quyết của Đảng và văn bản của ngành mà văn bản của chi bộ "
                 "dẫn chiếu, theo sổ văn bản dẫn chiếu.\n")
    entries = sorted(registry.entries, key=lambda e: (e.kind, -(e.year or 0), e.label))
    table = ["| Văn bản | Tình trạng hiệu lực | Loại | Năm | Cơ quan ban hành |", "|---|---|---|---|---|"]
    for entry in entries:
        name = f"[{markdown_text(entry.label)}]({link(entry.page, '')})" if entry.page else markdown_text(entry.label)
        status = markdown_text(entry.status_label)
        if entry.superseded and registry.replacing(entry) is not None:
            status += f" (thay bằng {markdown_text(registry.replacing(entry).label)})"  # type: ignore[union-attr]
        table.append(f"| {name} | {status} | {_cell(entry.kind)} | {_cell(entry.year)} | "
                     f"{_cell(entry.issuer_label)} |")
    parts.append("\n".join(table) + "\n")
    return "\n".join(parts)
