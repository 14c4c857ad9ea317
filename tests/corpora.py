"""Every test corpus of Word documents, found by one rule, and the conservation of text.

Discovery rule: a folder ``tests/<name>/`` holding a ``make_corpus.py`` that defines
``build_corpus(dest) -> list[Case]`` is a corpus (tests/wordcorpus, tests/realdocs, and
any corpus added the same way). Cases differ between corpora; ``expected(case)`` reads
the fields they share in meaning (type, header facts, headings, sentences, title).

``conservation(imported)`` checks, independently of how the importer decided, that every
input line ended in exactly one place — a front-matter fact that holds its text, the
printed layout (motto, separators, "đã ký"), or the body, where its words are found.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from bs4 import BeautifulSoup

TESTS = Path(__file__).resolve().parent


def discover() -> list[tuple[str, Any]]:
    """(name, build_corpus) of every corpus under tests/, in name order."""
    found = []
    for maker in sorted(TESTS.glob("*/make_corpus.py")):
        module = importlib.import_module(f"tests.{maker.parent.name}.make_corpus")
        build = next((getattr(module, n) for n in ("build_corpus", "build", "make_corpus")
                      if callable(getattr(module, n, None))), None)
        if callable(build):
            found.append((maker.parent.name, build))
    return found


@dataclass
class Expected:
    name: str
    bad: bool
    doc_type: str | None
    facts: dict[str, Any] = field(default_factory=dict)
    headings: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    title: str | None = None


def _field(case: Any, *names: str) -> Any:
    for name in names:
        value = case.get(name) if isinstance(case, dict) else getattr(case, name, None)
        if value not in (None, "", [], {}):
            return value
    return None


def expected(case: Any) -> Expected:
    """The shared meaning of a corpus case, whatever its corpus calls the fields."""
    klass = str(_field(case, "klass", "kind_of_file", "group") or "")
    bad = klass in ("hong", "bad", "broken") or bool(_field(case, "refusal", "must_refuse", "refused", "bad"))
    doc_type = _field(case, "expected_type", "type_code", "doc_type", "loai", "type")
    facts = dict(_field(case, "facts", "header", "expected_facts", "meta") or {})
    headings = []
    for item in _field(case, "headings", "expected_headings") or []:
        if isinstance(item, str):
            headings.append(item)
        elif len(item) == 2:
            headings.append(str(item[1]))
        elif len(item) >= 3:
            headings.append(f"{item[0]} {item[1]}".strip())
    name = _field(case, "name", "file", "filename", "path")
    return Expected(str(name), bad, doc_type, facts, headings, list(_field(case, "sentences", "expected_sentences") or []),
                    _field(case, "title", "expected_title"))


def key(text: str) -> str:
    """Case, spaces and punctuation aside; diacritics count."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", str(text)).casefold())


def body_text(body: str) -> str:
    html = markdown.markdown(body, extensions=["tables", "attr_list", "admonition"])
    return key(BeautifulSoup(html, "html.parser").get_text(" "))


def heading_keys(body: str) -> list[str]:
    out = []
    for line in body.splitlines():
        match = re.match(r"^#{1,6}\s+(.*)$", line)
        if match:
            html = markdown.markdown(line)  # the whole line: "1. X" alone would read as a list
            out.append(key(BeautifulSoup(html, "html.parser").get_text(" ")))
    return out


_MARKER = re.compile(r"^(?:[-–—+•·▪►➢❖◦●■○✓⇒➔*]+|o(?=\s)|\d+[.)]\s*(?=(?:[IVXLC]+|\d+)[.)]))\s*")
_MOTTO = re.compile(r"DANG CONG SAN VIET NAM|CONG HOA XA HOI CHU NGHIA|DOC LAP")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if unicodedata.category(c) != "Mn").upper()


def _fact_holds(place: str, text: str, imported: Any) -> bool:
    """Whether the fact ``place`` holds the line ``text`` (in the front matter, or for a
    cited Central document, in what goes to its registry record)."""
    regulation = imported.doc_type.code == "quy-dinh"
    facts = imported.facts if regulation else imported.meta
    line = key(text)
    if place == "ten_loai":
        return bool(imported.facts.get("ten_loai")) and key(imported.facts["ten_loai"]) in line
    if place in ("mat", "nhap"):
        return bool(imported.meta.get(place)) or (place == "nhap" and imported.meta.get("nhap") is True)
    if place == "nam":
        # the year of a date left blank: the document's year, or (when its trích yếu names
        # another year) said to the author with the line quoted
        value = imported.meta.get("nam") if not regulation else imported.facts.get("nam")
        return (bool(value) and str(value) in text) or any(text.strip() in note for note in imported.notes)
    if place == "ngay":
        value = str(facts.get("ngay") or imported.facts.get("ngay") or "")
        if not value:  # an incomplete date is said in a note, the place name kept
            return any(text.strip() in note for note in imported.notes)
        numbers = [str(int(n)) for n in re.findall(r"\d+", value)]
        return all(re.search(rf"(?<!\d)0?{n}(?!\d)", text) for n in numbers)
    if place == "noi_nhan":
        items = facts.get("noi_nhan") or []
        return line.startswith(key("Nơi nhận")) or any(key(item) and key(item) in line for item in items)
    if place == "so" and regulation:
        value = imported.meta.get("ma") or imported.facts.get("so")
        return bool(value) and key(value) in line
    values = [facts.get(name) for name in place.split("+")]
    if not all(values):
        return False
    return any(line in key(v) or key(v) in line for v in values)


def conservation(imported: Any) -> list[str]:
    """Lines that did not end in exactly one right place; [] when nothing was dropped."""
    problems = []
    body = body_text(imported.body)
    for line in imported.lines:
        if not line.place:
            problems.append(f"dòng {line.number} không đi đâu cả: {line.text!r}")
        elif line.place == "body":
            # a list marker ("o", "-", "•") or a number typed twice ("1. I.") is layout, not text
            bare = _MARKER.sub("", line.text)
            if key(line.text) not in body and key(bare) not in body:
                problems.append(f"dòng {line.number} ghi là nội dung nhưng không có trong nội dung: {line.text!r}")
        elif line.place.startswith("khuon:"):
            folded = _fold(line.text)
            shape_ok = {"khuon:quoc-hieu": bool(_MOTTO.search(folded)),
                        "khuon:phan-cach": not any(c.isalnum() for c in line.text),
                        "khuon:da-ky": "KY" in folded}.get(line.place, False)
            if not shape_ok:
                problems.append(f"dòng {line.number} coi là khuôn mẫu ({line.place}) nhưng không phải: {line.text!r}")
        elif not _fact_holds(line.place, line.text, imported):
            problems.append(f"dòng {line.number} ghi vào {line.place} nhưng thuộc tính đó không giữ nó: {line.text!r}")
    return problems


def input_lines(reading: Any) -> list[str]:
    """Non-empty lines of the input (paragraphs, table cells included), in reading order."""
    from chibo.reading.docx import Table

    out: list[str] = []
    for block in reading.blocks:
        if isinstance(block, Table):
            out.extend(p.plain for row in block.rows for cell in row for p in cell if p.plain)
        elif block.plain:
            out.append(block.plain)
    return out


def unaccounted(reading: Any, imported: Any) -> list[str]:
    """Input lines with no fate, or whose fates do not hold all of their text."""
    pieces: dict[int, str] = {}
    for line in imported.lines:
        pieces[line.number] = pieces.get(line.number, "") + line.text
    problems = []
    for number, text in enumerate(input_lines(reading), start=1):
        if number not in pieces:
            problems.append(f"dòng {number} không được ghi nhận: {text!r}")
        elif key(pieces[number]) != key(text):
            problems.append(f"dòng {number} chỉ được ghi nhận một phần: {text!r} -> {pieces[number]!r}")
    if len(pieces) > len(input_lines(reading)):
        problems.append(f"{len(pieces)} dòng được ghi nhận cho {len(input_lines(reading))} dòng đầu vào")
    return problems
