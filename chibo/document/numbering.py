"""How the parts of a Vietnamese Party document are numbered, in every way secretaries type it.

One recognizer for the importer (Word paragraphs) and the validator (Markdown headings),
so that what imports is read the same way when it is checked:

- parts: "PHẦN I:", "Phần I", "PHẦN THỨ NHẤT", "Phần thứ hai"
- chapters and sections of a regulation: "Chương I", "Mục 2"
- articles: "Điều 3.", "Điều 3:"
- capital letters: "A. KẾT QUẢ ...", "B/ PHƯƠNG HƯỚNG"
- Roman numerals: "I. ", "I." with no space ("I.Đặc điểm"), "I-", "I:", "I/", "I)"
- decimals: "1. ", "1.Về ...", "1)", "1/", "1-", "4.1.", "4.1 ", "4.1.2."
- small letters: "a.", "a)", "b/"
- numbering copied twice from a web page: "1. I.Đặc điểm" (I), "1. 1. Thuận lợi" (1)

``parse(title)`` returns a :class:`Numbering`: its kind, its numbers and the rest of the
title. Kinds rank from the outermost part to the innermost (``RANK``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chibo.document.text import fold

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7,
             "tam": 8, "chin": 9, "muoi": 10}

# Outermost first. Decimal depth adds to "decimal" (4.1 is one deeper than 4).
RANK = {"part": 0, "chapter": 1, "section": 2, "upper": 3, "roman": 4, "article": 5, "decimal": 6,
        "lower": 9, "none": 10}


def roman_to_int(numeral: str) -> int | None:
    """Value of a well-formed Roman numeral (I..CXXX), None if it is not one."""
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = _ROMAN_VALUES.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if total and int_to_roman(total) == numeral.upper() else None


def int_to_roman(number: int) -> str:
    parts = []
    for value, symbol in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                          (4, "IV"), (1, "I")):
        while number >= value:
            parts.append(symbol)
            number -= value
    return "".join(parts)


@dataclass(frozen=True)
class Numbering:
    kind: str                     # part, chapter, section, upper, roman, article, decimal, lower, none
    numbers: tuple[int, ...] = ()
    rest: str = ""                # the title without its number
    marker: str = ""              # the number as written ("I.", "4.1.", "PHẦN THỨ NHẤT:")

    @property
    def rank(self) -> float:
        base = RANK[self.kind]
        return base + (len(self.numbers) - 1) * 0.5 if self.kind == "decimal" else base

    @property
    def label(self) -> str:
        """Canonical label: "IV", "4.1", "Điều 3", "Phần 1", "a", "B"; "" when unnumbered."""
        if self.kind == "roman":
            return int_to_roman(self.numbers[0])
        if self.kind == "decimal":
            return ".".join(str(n) for n in self.numbers)
        if self.kind == "article":
            return f"Điều {self.numbers[0]}"
        if self.kind == "part":
            return f"Phần {int_to_roman(self.numbers[0])}"
        if self.kind == "chapter":
            return f"Chương {int_to_roman(self.numbers[0])}"
        if self.kind == "section":
            return f"Mục {self.numbers[0]}"
        if self.kind == "upper":
            return chr(ord("A") + self.numbers[0] - 1)
        if self.kind == "lower":
            return chr(ord("a") + self.numbers[0] - 1)
        return ""

    @property
    def numbered(self) -> bool:
        return self.kind != "none"


_SEP = r"(?:\s*[.:)/\-–]\s*|\s+)"
# Numbers of parts, chapters and sections are bounded like articles' (a document has a handful;
# "PHẦN" and 5,000 digits is not a part, and int() of it raises).
_PART = re.compile(rf"^(phan)\s+(thu\s+(?P<ord>[a-z]+)|(?P<roman>[ivxlc]{{1,8}})\b|(?P<num>\d{{1,3}})\b){_SEP}?",
                   re.I)
_CHAPTER = re.compile(rf"^(chuong)\s+((?P<roman>[ivxlc]{{1,8}})\b|(?P<num>\d{{1,3}})\b){_SEP}?", re.I)
_SECTION = re.compile(r"^(muc)\s+(?P<num>\d{1,3})\b\s*[.:]\s*", re.I)
_ARTICLE = re.compile(r"^(dieu)\s+(?P<num>\d{1,3})\b\s*[.:]?\s*", re.I)
_ROMAN = re.compile(r"^(?P<roman>[IVXLC]{1,6})(?:\s*[.:)/\-–]\s*|\s+(?=[^\W\d_]))")
_DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?P<sep>\s*[.:)/\-–]\s*|\s+(?=[^\W\d_]))")
_LETTER = re.compile(r"^(?P<letter>[A-Za-zĐđ])\s*[.)/]\s*(?=\S)")
# Vietnamese lists run a, b, c, d, đ, e ...; documents typed without "đ" run a .. e too.
_LOWER_ORDER = "abcdđefghijklmnopqrstuvwxyz"


def _numbering(kind: str, numbers: tuple[int, ...], text: str, end: int) -> Numbering:
    return Numbering(kind, numbers, text[end:].strip(), text[:end].strip())


def _single(text: str, *, previous_upper: int | None = None) -> Numbering:
    """The outermost numbering of a title (one level; see :func:`parse`)."""
    folded = fold(text)
    if not folded:
        return Numbering("none", (), text, "")
    match = _PART.match(folded)
    if match:
        value = None
        if match.group("ord"):
            value = _ORDINALS.get(match.group("ord").lower())
        elif match.group("roman"):
            value = roman_to_int(match.group("roman"))
        elif match.group("num"):
            value = int(match.group("num"))
        if value:
            return _numbering("part", (value,), text, match.end())
    match = _CHAPTER.match(folded)
    if match:
        value = roman_to_int(match.group("roman")) if match.group("roman") else int(match.group("num"))
        if value:
            return _numbering("chapter", (value,), text, match.end())
    match = _SECTION.match(folded)
    if match:
        return _numbering("section", (int(match.group("num")),), text, match.end())
    match = _ARTICLE.match(folded)
    if match:
        return _numbering("article", (int(match.group("num")),), text, match.end())
    match = _ROMAN.match(text)
    if match:
        numeral = match.group("roman")
        value = roman_to_int(numeral)
        single = len(numeral) == 1
        # "C. ..." after "B. ...", "I. ..." after "H. ...": capital letters, not Roman numerals.
        letter_follows = single and previous_upper is not None and ord(numeral) - 64 == previous_upper + 1
        if value and not letter_follows and (not single or numeral in "IVX"):
            return _numbering("roman", (value,), text, match.end())
    match = _LETTER.match(text)
    if match:
        letter = match.group("letter")
        if letter.isupper() and letter != "Đ":
            return _numbering("upper", (ord(letter) - 64,), text, match.end())
        if letter.islower():
            return _numbering("lower", (_LOWER_ORDER.index(letter) + 1,), text, match.end())
    match = _DECIMAL.match(text)
    if match:
        numbers = tuple(int(part) for part in match.group("num").split("."))
        rest = text[match.end():].strip()
        spaced_only = not match.group("sep").strip()
        # "2022 ...", "15 Đại học", "1.000 đồng" and "2-3 đảng viên" are not numbering.
        # "01-KH/CB" is a document number, not "1." followed by "KH/CB".
        code = re.match(r"^[A-ZĐ]{1,6}\s*/", rest)
        if (all(0 < n < 100 for n in numbers) and rest and not rest[0].isdigit() and not code
                and not (spaced_only and len(numbers) == 1)):
            return _numbering("decimal", numbers, text, match.end())
    return Numbering("none", (), text, "")


_TWICE = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")


def parse(title: str, *, previous_upper: int | None = None) -> Numbering:
    """The numbering of a heading or paragraph title.

    Numbering typed twice ("1. I.Đặc điểm", "1. 1. Thuận lợi") counts once: the inner
    one, which is the document's own, when the outer one is a bare arabic number.
    """
    text = title.strip().lstrip("*_ ").strip()
    outer = _TWICE.match(text)
    if outer:
        inner = _single(text[outer.end():], previous_upper=previous_upper)
        if inner.kind in ("roman", "decimal", "upper", "part") and inner.rest:
            return inner
    first = _single(text, previous_upper=previous_upper)
    if first.kind == "decimal" and len(first.numbers) == 1 and first.rest:
        inner = _single(first.rest, previous_upper=previous_upper)
        if inner.kind in ("roman", "decimal", "upper", "part") and inner.rest:
            return Numbering(inner.kind, inner.numbers, inner.rest, inner.marker)
    return first
