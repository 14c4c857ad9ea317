"""Helpers of the desk tests: a project copy with accounts, a Word file of a 2023 plan, the
session's CSRF token."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as WordDocument

from conftest import SEED
from chibo.desk.accounts import Accounts, USERS_FILE

PASSWORD = "mat-khau-thu-2023"
UNIQUE = "Vuonhoaxanh"  # a word of the imported plan that the site's search must find


def add_accounts(project: Path) -> None:
    accounts = Accounts(project / USERS_FILE)
    accounts.set("bithu", "bi-thu", PASSWORD)
    accounts.set("soanthao", "soan-thao", PASSWORD)


def plan_docx(path: Path, *, year: int = 2023, extra: str = f"Xây dựng mô hình {UNIQUE} trong nhà trường.") -> Path:
    """The seed plan as a Word file, for another year, with bold headings: no issuing bodies
    (cap_tren, chi_bo), which the secretary fills in the desk's form."""
    word = WordDocument()
    for raw in SEED.read_text(encoding="utf-8").replace("2022", str(year)).replace("2021", str(year - 1)).splitlines():
        line = raw.strip()
        if not line:
            continue
        label = re.fullmatch(r"\*{3}\s*(.+?)\*\*", line)
        text = label.group(1) if label else line.replace("*", "")
        heading = bool(re.match(r"^(?:[IVX]+|\d+(?:\.\d+)?)\.\s", text))
        paragraph = word.add_paragraph()
        paragraph.add_run(text).bold = bool(label) or heading or text == "KẾ HOẠCH"
        if text.startswith("Căn cứ vào tình hình") and extra:
            word.add_paragraph(extra)
    word.save(path)
    return path


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1)
