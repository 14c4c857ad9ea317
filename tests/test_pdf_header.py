"""The printed header's issuing-body lines fit their column, never one word alone (issue 22)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from chibo.rendering import header_lines, pdf
from conftest import PLAN_PAGE

CELL = "CHI BỘ TRƯỜNG MẦM NON HOA MAI"


def _bold() -> str:
    return str(pdf.font_dir() / pdf.FONT_FILES[(pdf.FONT_FAMILY, 700, "normal")])


def test_the_cell_name_breaks_where_a_reader_would():
    got = header_lines.lines(CELL, _bold(), 14)
    assert got == ["CHI BỘ TRƯỜNG", "MẦM NON HOA MAI"]
    assert all(header_lines.width(line, _bold(), 14) <= header_lines.COLUMN_PT for line in got)
    # what the browser did: fill the first line, leave "MAI" alone
    assert header_lines.width("CHI BỘ TRƯỜNG MẦM NON HOA", _bold(), 14) <= header_lines.COLUMN_FULL_PT


@pytest.mark.parametrize("name", [
    "CHI BỘ TRƯỜNG TRUNG HỌC CƠ SỞ NGUYỄN BỈNH KHIÊM",
    "CHI BỘ TRƯỜNG TIỂU HỌC VÀ TRUNG HỌC CƠ SỞ THỊ TRẤN TRÂU QUỲ HUYỆN GIA LÂM",
    "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
])
def test_long_names_get_balanced_lines_of_two_words_or_more(name: str):
    got = header_lines.lines(name, _bold(), 14)
    assert " ".join(got) == name
    assert all(len(line.split()) >= 2 for line in got), got
    assert all(header_lines.width(line, _bold(), 14) <= header_lines.COLUMN_PT for line in got), got


def test_short_names_stay_on_one_line():
    assert header_lines.lines("BỘ CHÍNH TRỊ", _bold(), 14) == ["BỘ CHÍNH TRỊ"]
    assert header_lines.lines("", _bold(), 14) == []


def _left_column(pdf_file: Path) -> list[str]:
    """The header's left-column lines on page 1, as pdftotext -layout lays them out."""
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf_file), "-"],
                          capture_output=True, text=True, check=True).stdout
    left = []
    for line in text.splitlines():
        if re.match(r"\s*Số\b", line) or not line.strip() and left:
            break
        chunk = re.split(r"\s{3,}", line.strip())[0] if line.strip() else ""
        if chunk and "ĐẢNG CỘNG SẢN" not in chunk and not chunk.startswith(("Thạch Bàn", "ngày")):
            left.append(chunk)
    return left


def test_the_plan_pdf_prints_the_cell_on_two_full_lines(built_site: Path):
    plan = built_site / PLAN_PAGE.replace("index.html", "2022-ke-hoach-hoat-dong.pdf")
    left = _left_column(plan)
    assert left[:3] == ["ĐẢNG BỘ PHƯỜNG THẠCH BÀN", "CHI BỘ TRƯỜNG", "MẦM NON HOA MAI"], left


def test_no_pdf_leaves_one_word_alone_in_the_header(built_site: Path):
    pdfs = [p for p in built_site.rglob("*.pdf") if p.parent.name != "pdf"]
    assert len(pdfs) >= 5
    lefts = {p.name: _left_column(p) for p in pdfs}
    assert {name: left for name, left in lefts.items() if any(len(line.split()) == 1 and line != "*"
                                                              for line in left)} == {}
