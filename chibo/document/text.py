"""Vietnamese text helpers shared by the slugs, the validator and the search index."""

from __future__ import annotations

import re
import unicodedata

# NFD splits "ặ" into "a" + marks, but "đ" is a letter of its own: map it explicitly.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^\s*Điều\s+(\d+)(?:\s*[.:]|\s*$)", re.IGNORECASE)


def nfc(text: str) -> str:
    """Return text in NFC, the form the site stores and compares."""
    return unicodedata.normalize("NFC", text)


def _slow_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: None for code in range(0x300, 0x370)}  # combining marks
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        folded = _slow_fold(chr(code))
        if folded != chr(code):
            table[code] = folded
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Strip Vietnamese diacritics: "Đảng viên" -> "Dang vien". Case is kept.

    One C-speed translation for the Latin letters with diacritics (every Vietnamese one) and
    the combining diacritical marks (so NFD input folds alike); other scripts are kept."""
    return text.translate(_FOLD)


def slugify(value: str, separator: str = "-") -> str:
    """ASCII heading anchors: "I. ĐẶC ĐIỂM TÌNH HÌNH:" -> "i-dac-diem-tinh-hinh".

    Signature matches Python-Markdown's toc ``slugify(value, separator)``. An article
    heading keeps a short stable anchor whatever its title: "Điều 2. Trách nhiệm ..." ->
    "dieu-2", so that citations can point at ``#dieu-2`` before the text is pasted.
    """
    article = _ARTICLE.match(value)
    if article:
        return f"dieu{separator}{int(article.group(1))}"
    return _NON_SLUG.sub(separator, fold(value).lower()).strip(separator)
