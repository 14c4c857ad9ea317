"""The cell's month: meetings, the month's tasks, the year's targets (no MkDocs here).

A monthly resolution (``nghi-quyet``) or a meeting conclusion (``thong-bao-ket-luan``)
carries its meeting in the front matter (``hop:``); a yearly plan may carry the year's
schedule (``lich_hop:``). The fields of a meeting are declared in ``data/loai-van-ban.yml``
(``cuoc_hop``). Tasks are read from a document's "nhiệm vụ" section, targets from a plan's
"chỉ tiêu" heading, both as the list items under them.

Matching a task (or a target) against a later text ("is this task reviewed?") is fuzzy, on
folded words (no diacritics, lower case, so "dang phi" is "đảng phí"):

* the text's *content words* are its words minus a short list of function words and words
  every cell document repeats (``STOP_WORDS``: "và", "các", "chi bộ", "đảng viên" ...);
* a block of the later text (one list item with its sub-items, or one paragraph) answers
  the task when it names it: it holds at least ``COVERAGE`` (60 %) of the task's content
  words in any order *and* two pairs of the task's consecutive content words (one for a
  task of three words): the pairs anchor the phrase, so that words scattered in a long
  paragraph, or another word with the same letters once folded ("nói"/"nội"), do not match;
  a task of one or two content words needs them all;
* or when it refers to it by number: "nhiệm vụ 3", "NV3" for the third task.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from chibo.document.config import DATA_DIR, read_data
from chibo.document.diagnostics import Problem, Severity
from chibo.document.model import Document, Section
from chibo.document.text import fold

MONTHLY_TYPES = ("nghi-quyet", "thong-bao-ket-luan")
PLAN_TYPE = "ke-hoach"
REPORT_TYPE = "bao-cao"
REGULAR, TOPIC = "thuong-ky", "chuyen-de"
KIND_LABELS = {REGULAR: "thường kỳ", TOPIC: "chuyên đề"}
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]

COVERAGE = 0.6
STOP_WORDS = frozenset("""
va cac cua cho voi trong nhung mot la de da duoc dang se co khong cung nay do tai theo ve tu tren den
nhu hon rat moi nhieu tot chi bo vien toan the thuc hien tiep tuc tac nham ra vao sau truoc
khi thi ma hay hoac bang o ngay thang nam dong chi d c
""".split())
_WORD = re.compile(r"[a-z0-9]+")
_ASSIGNMENT = re.compile(r"[;,(:\-–]\s*(?:nguoi\s+)?(?:phu\s+trach|thoi\s+han|thuc\s+hien\s+boi|giao\s+cho)\b")
_REF = re.compile(r"\b(?:nhiem\s*vu|nv)\s*(?:so\s*)?(\d{1,2})(?!\d)")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,2}[.)])\s+(.*)$")
_EXPLICIT_ID = re.compile(r"<!--\s*ma\s*:\s*([A-Za-z0-9_-]+)\s*-->")
_COMMENT = re.compile(r"<!--.*?-->")
_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:hg]\s*(\d{2})?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


# --- words ---------------------------------------------------------------------------

def words(text: str) -> list[str]:
    """Folded, lower-case words: "Đảng phí" -> ["dang", "phi"]."""
    return _WORD.findall(fold(text).lower())


def content_words(text: str) -> list[str]:
    all_words = words(_COMMENT.sub(" ", text))
    kept = [w for w in all_words if w not in STOP_WORDS]
    return kept or all_words


def _pairs(seq: list[str]) -> set[tuple[str, str]]:
    return set(zip(seq, seq[1:]))


@lru_cache(maxsize=16384)
def _profile(text: str, *, task: bool) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Content words and consecutive pairs of a text (a task without who does it)."""
    seq = content_words(_ASSIGNMENT.split(fold(text).lower(), 1)[0] if task else text)
    return frozenset(seq), frozenset(_pairs(seq))


def names(task: str, block: str) -> bool:
    """Whether ``block`` names ``task`` (see the module's docstring)."""
    wanted, want_pairs = _profile(task, task=True)  # "...; phụ trách: ..." is not the task
    if not wanted:
        return False
    have, have_pairs = _profile(block, task=False)
    found = len(wanted & have)
    if len(wanted) <= 2:
        return found == len(wanted)
    if found / len(wanted) < COVERAGE:
        return False
    return len(want_pairs & have_pairs) >= (2 if len(wanted) >= 4 else 1)


def task_name(text: str) -> str:
    """A task without who does it or by when: "Thu đảng phí; phụ trách: đ/c Lan" -> "Thu đảng phí"."""
    text = clean(text)
    folded = fold(text).lower()
    match = _ASSIGNMENT.search(folded) if len(folded) == len(text) else None
    return text[: match.start()].rstrip(" ;,.:") if match else text


def refers_to(number: int, block: str) -> bool:
    """"nhiệm vụ 3", "NV 3", "nhiệm vụ số 3" in ``block``."""
    return number in _references(block)


@lru_cache(maxsize=16384)
def _references(block: str) -> frozenset[int]:
    return frozenset(int(m.group(1)) for m in _REF.finditer(fold(block).lower()))


# --- list items under a heading ------------------------------------------------------

@dataclass
class Item:
    """One list item (or paragraph) of a section, with its sub-items."""

    text: str
    line: int
    anchor: str  # the anchor of the heading it lies under
    indent: int = 0
    children: list[Item] = field(default_factory=list)

    def full_text(self) -> str:
        return " ".join([self.text] + [child.full_text() for child in self.children])

    def walk(self) -> Iterable[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


def section_end(doc: Document, section: Section) -> int:
    """The line (1-based) where the section ends: the next heading of its level or above."""
    after = False
    for other in doc.all_sections():
        if other is section:
            after = True
            continue
        if after and other.level <= section.level:
            return other.line
    return len(doc.lines) + 1


def _heading_at(doc: Document, section: Section) -> dict[int, str]:
    """Line -> anchor of the heading a line of the section lies under."""
    anchors = {}
    for sub in section.walk():
        anchors[sub.line] = sub.anchor
    return anchors


def items_under(doc: Document, section: Section) -> list[Item]:
    """The list items (nested) and paragraphs of a section and its sub-sections, in order.

    A sub-heading with no item under it counts as an item (its title)."""
    lines = doc.lines
    end = section_end(doc, section)
    heading_anchor = _heading_at(doc, section)
    anchor = section.anchor
    roots: list[Item] = []
    stack: list[Item] = []
    last: Item | None = None
    in_fence = in_comment = False
    pending_heading: Item | None = None
    for number in range(section.line, end):
        raw = lines[number - 1]
        if number in heading_anchor:
            anchor = heading_anchor[number]
            if number != section.line:
                title = re.sub(r"^#+\s*", "", raw).strip().rstrip("#").strip()
                title = re.sub(r"^(\d+(\.\d+)*|[IVXLC]+)[.)]?\s+", "", title)
                pending_heading = Item(title, number, anchor)
                roots.append(pending_heading)
            stack, last = [], None
            continue
        stripped = raw.strip()
        if stripped.startswith("```") or stripped.startswith("~~~"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if in_comment or stripped.startswith("<!--") and not _EXPLICIT_ID.fullmatch(stripped):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            last = None if not stack else last
            continue
        expanded = raw.replace("\t", "    ")
        match = _ITEM.match(expanded)
        if match:
            indent = len(match.group(1))
            item = Item(match.group(2).strip(), number, anchor, indent)
            while stack and stack[-1].indent >= indent:
                stack.pop()
            if stack:
                stack[-1].children.append(item)
            else:
                if pending_heading is not None and pending_heading in roots and not pending_heading.children:
                    roots.remove(pending_heading)  # the heading has items: they are the units
                roots.append(item)
            pending_heading = None
            stack.append(item)
            last = item
        elif last is not None and expanded.startswith(" "):
            last.text += " " + stripped  # a continuation line of the item
        elif re.match(r"^\*\*[^*]+\*\*:?$", stripped):
            continue  # a bold label such as "**Thuận lợi:**"
        else:
            item = Item(stripped, number, anchor)
            if pending_heading is not None and pending_heading in roots:
                roots.remove(pending_heading)
                pending_heading = None
            roots.append(item)
            stack, last = [], None
    return roots


def units(items: list[Item]) -> list[Item]:
    """The tasks (or targets) among items: every item, except a group label ending with ":"
    whose sub-items are the units."""
    found: list[Item] = []
    for item in items:
        if not (item.children and item.text.rstrip().endswith(":")):
            found.append(item)
        found += units(item.children)
    return found


def clean(text: str) -> str:
    """An item's text as shown: without comments and a trailing ";" or ","."""
    return _COMMENT.sub("", text).strip().rstrip(";,").strip()


# --- sections by role ----------------------------------------------------------------

def _folded(text: str) -> str:
    return " ".join(words(text))


RESULT_WORDS = ("ket qua", "danh gia", "kiem diem", "tinh hinh thuc hien")
TASK_WORDS = ("phuong huong", "nhiem vu", "ke hoach")
TARGET_WORDS = ("chi tieu",)


def find_section(doc: Document, keywords: tuple[str, ...], *, avoid: tuple[str, ...] = ()) -> Section | None:
    """The first heading whose folded title contains one of the keywords (and none of avoid)."""
    for section in doc.all_sections():
        title = _folded(section.title)
        if any(word in title for word in keywords) and not any(word in title for word in avoid):
            return section
    return None


def results_section(doc: Document) -> Section | None:
    return find_section(doc, RESULT_WORDS)


def tasks_section(doc: Document) -> Section | None:
    return find_section(doc, TASK_WORDS, avoid=RESULT_WORDS)


def tasks(doc: Document) -> list[Item]:
    section = tasks_section(doc)
    return units(items_under(doc, section)) if section is not None else []


# --- meetings ------------------------------------------------------------------------

@dataclass(frozen=True)
class Meeting:
    date: dt.date
    time: dt.time | None = None
    place: str = ""
    kind: str = REGULAR
    topic: str = ""
    present: int | None = None
    total: int | None = None
    line: int = 1

    @property
    def is_topic(self) -> bool:
        return self.kind == TOPIC

    def when(self) -> str:
        """"Thứ Năm, 05/05/2022, 14:00"."""
        text = f"{WEEKDAYS[self.date.weekday()]}, {self.date:%d/%m/%Y}"
        return text + (f", {self.time:%H:%M}" if self.time else "")


def load_meeting_spec(data_dir: Path | None = None) -> tuple[dict[str, dict[str, Any]], int]:
    """The fields of a meeting (``cuoc_hop``) and its length in minutes (``thoi_luong_hop``)."""
    path = (data_dir or DATA_DIR) / "loai-van-ban.yml"
    raw = read_data(path) or {}  # a broken file: DataError (file:line), not a yaml traceback
    raw = raw if isinstance(raw, dict) else {}
    spec = raw.get("cuoc_hop") or {"ngay": {"bat_buoc": True, "dinh_dang": "ngay"}}
    return {str(k): dict(v or {}) for k, v in spec.items()}, int(raw.get("thoi_luong_hop") or 90)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(str(value or ""))
    if match:
        try:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return None
    return None


def _time(value: Any) -> dt.time | None:
    if isinstance(value, int) and 0 <= value < 24 * 60:  # YAML 1.1 reads 14:00 unquoted as 840
        return dt.time(value // 60, value % 60)
    match = _TIME.match(str(value or ""))
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    return None


def parse_meeting(value: Any, fields: Mapping[str, Mapping[str, Any]], path: str, line: int,
                  code: str, where: str) -> tuple[Meeting | None, list[Problem]]:
    """A meeting from its mapping; problems are warnings with ``code`` (TH005, TH006)."""
    def warn(message: str) -> Problem:
        return Problem(path, line, code, f"{where}: {message}", Severity.WARNING)

    if not isinstance(value, Mapping):
        return None, [warn("phải ghi các trường ngay, gio, dia_diem ... mỗi trường một dòng (xem cuoc_hop "
                           "trong data/loai-van-ban.yml)")]
    problems = []
    for key in value:
        if str(key) not in fields:
            problems.append(warn(f"trường lạ \"{key}\"; các trường được nhận: {', '.join(fields)}"))
    for key, spec in fields.items():
        if spec.get("bat_buoc") and (value.get(key) in (None, "")):
            problems.append(warn(f"thiếu trường \"{key}\" ({spec.get('mo_ta', '')})"))
    date = _date(value.get("ngay"))
    if value.get("ngay") not in (None, "") and date is None:
        problems.append(warn(f"ngày họp \"{value.get('ngay')}\" sai; dạng đúng: 05/03/2022"))
    time = _time(value.get("gio")) if value.get("gio") not in (None, "") else None
    if value.get("gio") not in (None, "") and time is None:
        problems.append(warn(f"giờ họp \"{value.get('gio')}\" sai; dạng đúng: \"14:00\" (trong ngoặc kép)"))
    kind = str(value.get("hinh_thuc") or REGULAR).strip()
    allowed = (fields.get("hinh_thuc") or {}).get("gia_tri") or [REGULAR, TOPIC]
    if kind not in allowed:
        problems.append(warn(f"hình thức \"{kind}\" không có; chỉ ghi một trong: {', '.join(allowed)}"))
        kind = TOPIC if "chuyen" in _folded(kind) else REGULAR
    topic = str(value.get("chu_de") or "").strip()
    if kind == TOPIC and not topic:
        problems.append(warn("sinh hoạt chuyên đề cần ghi chủ đề (chu_de)"))
    numbers = {}
    for key in ("co_mat", "tong_so"):
        raw = value.get(key)
        if raw in (None, ""):
            numbers[key] = None
        elif isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
            numbers[key] = raw
        else:
            numbers[key] = None
            problems.append(warn(f"\"{key}: {raw}\" phải là một số, ví dụ 18"))
    if numbers["co_mat"] is not None and numbers["tong_so"] is not None and numbers["co_mat"] > numbers["tong_so"]:
        problems.append(warn(f"số có mặt ({numbers['co_mat']}) lớn hơn tổng số đảng viên ({numbers['tong_so']})"))
    if date is None:
        return None, problems
    return Meeting(date, time, str(value.get("dia_diem") or "").strip(), kind, topic,
                   numbers["co_mat"], numbers["tong_so"], line), problems


def meeting_line(doc: Document, key: str, index: int | None = None) -> int:
    """The line of ``key`` in the front matter (of its index-th list entry when given)."""
    start = doc.meta_lines.get(key, 1)
    if index is None:
        return start
    seen = -1
    for number in range(start + 1, min(len(doc.lines), doc.body_start) + 1):
        if doc.lines[number - 1].lstrip().startswith("- "):
            seen += 1
            if seen == index:
                return number
    return start


# --- the month's documents -----------------------------------------------------------

def month_of(meta: Mapping[str, Any]) -> tuple[int, int] | None:
    match = _MONTH.match(str(meta.get("thang") or ""))
    if match and 1 <= int(match.group(2)) <= 12:
        return int(match.group(1)), int(match.group(2))
    return None


def year_of(meta: Mapping[str, Any]) -> int | None:
    value = meta.get("nam")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def is_monthly(doc: Document, types: Mapping[str, Any]) -> bool:
    """A monthly meeting's document: a conclusion, or a resolution that is neither a
    congress's nor a conference's."""
    if doc.doc_type not in MONTHLY_TYPES or month_of(doc.meta) is None:
        return False
    doctype = types.get(doc.doc_type)
    return doctype is None or doctype.form_of(doc.meta) not in ("dai-hoi", "hoi-nghi")


def is_year_end_report(doc: Document, types: Mapping[str, Any]) -> bool:
    if doc.doc_type != REPORT_TYPE or year_of(doc.meta) is None:
        return False
    doctype = types.get(REPORT_TYPE)
    return doctype is None or doctype.form_of(doc.meta) != "so-ket"


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)
