"""What a document's official header and signature block show, from its attributes.

The templates (``overrides/partials/document-*.html``) and the PDF renderer both use
this, so the screen and the printed document never disagree.
"""

from __future__ import annotations

import re
from typing import Any

from chibo.document.config import DocType

_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
UNKNOWN = "…"


def date_line(place: str, date: str) -> str:
    """"Thạch Bàn, ngày 10 tháng 01 năm 2022"; unknown parts stay as dots, never guessed."""
    match = _DATE.match(str(date or ""))
    if match:
        day, month, year = match.groups()
        when = f"ngày {int(day):02d} tháng {int(month):02d} năm {year}"
    else:
        when = f"ngày {UNKNOWN} tháng {UNKNOWN} năm {UNKNOWN}"
    return f"{place}, {when}" if place else when


def number_line(number: str, doctype: DocType, body_abbreviation: str) -> str:
    """"Số 01-KH/CB", or "Số    -KH/CB" with the number left blank when unknown."""
    if number:
        return f"Số {number}"
    return f"Số \u2003\u2003-{doctype.abbreviation}/{body_abbreviation}"


def header_view(meta: dict[str, Any], doctype: DocType, cell: dict[str, Any]) -> dict[str, Any]:
    """Everything the header and signature templates print, already formatted."""

    def attr(key: str) -> str:
        # The cell's own values fill only attributes a document does not have at all: an
        # attribute left empty (an imported document of another cell) stays empty.
        value = meta.get(key) if key in meta else cell.get(key, "")
        return str(value or "")

    recipients = meta.get("noi_nhan") or []
    if isinstance(recipients, str):
        recipients = [recipients]
    return {
        "loai": str(meta.get("ten_loai") or doctype.label),
        "trich_yeu": attr("trich_yeu"),
        "cap_tren": attr("cap_tren").upper(),
        "chi_bo": attr("chi_bo").upper(),
        "so": number_line(str(meta.get("so") or ""), doctype, str(cell.get("ky_hieu_co_quan", "CB"))),
        "ngay": date_line(attr("dia_danh"), str(meta.get("ngay") or "")),
        "tham_quyen": attr("tham_quyen"),
        "chuc_vu": attr("chuc_vu"),
        "nguoi_ky": attr("nguoi_ky"),
        "noi_nhan": [str(item) for item in recipients],
    }
