"""A cell's year gathered from its published documents: the plan with its schedule and
targets, the monthly meetings with their documents, the year-end report, and how each
target and each month's tasks were followed through (``chibo.document.meeting``).

Callers pass only documents that may be published: withheld documents (drafts,
confidential) are dropped here again, so that nothing they say reaches a page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chibo.document.diagnostics import Problem
from chibo.document.meeting import (PLAN_TYPE, TARGET_WORDS, Item, Meeting, clean, content_words, find_section,
                                    is_monthly, is_year_end_report, items_under, meeting_line, month_of, names,
                                    parse_meeting, previous_month, refers_to, results_section, tasks, units,
                                    year_of, _EXPLICIT_ID, _folded)
from chibo.document.model import Document
from chibo.document.visibility import is_withheld

ACHIEVED, NOT_ACHIEVED, UNCLEAR, NOT_REPORTED = "dat", "chua-dat", "chua-ro", "chua-bao-cao"
STATUS_LABELS = {ACHIEVED: "Đạt", NOT_ACHIEVED: "Chưa đạt", UNCLEAR: "Có báo cáo, chưa rõ đạt hay không",
                 NOT_REPORTED: "Chưa báo cáo"}
# Folded phrases that say a target was not reached (checked first) or was reached.
NEGATIVE = ("chua dat", "khong dat", "chua hoan thanh", "khong hoan thanh", "chua thuc hien", "chua ket nap")
POSITIVE = ("dat", "hoan thanh", "vuot", "duoc cong nhan", "da ket nap", "100")


@dataclass
class MonthRecord:
    """A month's meeting document (resolution or conclusion) and its meeting."""

    page: str
    doc: Document
    year: int
    month: int
    meeting: Meeting | None


@dataclass
class Target:
    id: str
    text: str
    line: int
    anchor: str


@dataclass
class Finding:
    """Where a later document answers a task or a target."""

    page: str
    doc: Document
    item: Item


@dataclass
class TargetResult:
    target: Target
    status: str
    finding: Finding | None = None


@dataclass
class Year:
    year: int
    plan: tuple[str, Document] | None = None
    report: tuple[str, Document] | None = None
    records: dict[int, list[MonthRecord]] = field(default_factory=dict)
    planned: dict[int, list[Meeting]] = field(default_factory=dict)

    def record(self, month: int) -> MonthRecord | None:
        found = self.records.get(month) or []
        return found[0] if found else None


def collect(documents: Mapping[str, Document], types: Mapping[str, Any],
            fields: Mapping[str, Mapping[str, Any]]) -> dict[int, Year]:
    """Years by number, from documents keyed by page (docs-relative path)."""
    years: dict[int, Year] = {}

    def year(number: int) -> Year:
        return years.setdefault(number, Year(number))

    for page, doc in sorted(documents.items()):
        if is_withheld(doc.meta):
            continue
        if is_monthly(doc, types):
            y, m = month_of(doc.meta)  # type: ignore[misc]
            meeting, _ = parse_meeting(doc.meta.get("hop"), fields, doc.path, meeting_line(doc, "hop"),
                                       "TH005", "hop") if "hop" in doc.meta else (None, [])
            year(y).records.setdefault(m, []).append(MonthRecord(page, doc, y, m, meeting))
        elif doc.doc_type == PLAN_TYPE and year_of(doc.meta) is not None and doc.meta.get("dang") != "chuyen-de":
            if types.get(PLAN_TYPE) is not None and types[PLAN_TYPE].form_of(doc.meta) == "chuyen-de":
                continue
            entry = year(year_of(doc.meta))  # type: ignore[arg-type]
            if entry.plan is None:
                entry.plan = (page, doc)
                for meeting in schedule(doc, fields)[0]:
                    if meeting.date.year == entry.year:
                        entry.planned.setdefault(meeting.date.month, []).append(meeting)
        elif is_year_end_report(doc, types):
            entry = year(year_of(doc.meta))  # type: ignore[arg-type]
            if entry.report is None:
                entry.report = (page, doc)
    for entry in years.values():
        for records in entry.records.values():
            records.sort(key=lambda r: (r.doc.doc_type != "nghi-quyet", r.page))
        for meetings in entry.planned.values():
            meetings.sort(key=lambda m: (m.date, m.time or dt.time(0)))
    return years


def schedule(doc: Document, fields: Mapping[str, Mapping[str, Any]]) -> tuple[list[Meeting], list[Problem]]:
    """A plan's ``lich_hop``: the meetings it schedules, and warnings (TH006)."""
    value = doc.meta.get("lich_hop")
    if value in (None, "", []):
        return [], []
    if not isinstance(value, list):
        from chibo.document.diagnostics import Severity
        return [], [Problem(doc.path, meeting_line(doc, "lich_hop"), "TH006",
                            "lich_hop: phải là danh sách, mỗi cuộc họp một dòng bắt đầu bằng \"- \"", Severity.WARNING)]
    meetings, problems = [], []
    for index, entry in enumerate(value):
        meeting, found = parse_meeting(entry, fields, doc.path, meeting_line(doc, "lich_hop", index),
                                       "TH006", f"lich_hop, cuộc họp thứ {index + 1}")
        problems += found
        if meeting is not None:
            meetings.append(meeting)
    return meetings, problems


# --- tasks reviewed ------------------------------------------------------------------

def answered_by(task: Item, number: int, blocks: list[Item]) -> Item | None:
    """The first block of a results section that names the task or refers to its number."""
    for block in blocks:
        text = block.full_text()
        if refers_to(number, text) or names(task.text, text):
            return block
    return None


def result_blocks(doc: Document) -> list[Item]:
    section = results_section(doc)
    if section is None:
        return []
    return [item for root in items_under(doc, section) for item in root.walk()]


def review(previous: Document, current: Document) -> list[tuple[int, Item, Item | None]]:
    """Each task of ``previous`` (number, task, the block of ``current`` answering it or None)."""
    blocks = result_blocks(current)
    return [(number, task, answered_by(task, number, blocks))
            for number, task in enumerate(tasks(previous), start=1)]


def previous_record(years: Mapping[int, Year], record: MonthRecord) -> MonthRecord | None:
    y, m = previous_month(record.year, record.month)
    entry = years.get(y)
    return entry.record(m) if entry else None


# --- targets -------------------------------------------------------------------------

def _slug(words: list[str]) -> str:
    return "-".join(words[:6]) or "chi-tieu"


def targets(plan: Document) -> list[Target]:
    """The targets under the plan's "chỉ tiêu" heading, each with a stable id: the one
    written after it (``<!-- ma: dang-phi -->``) or its first six content words, folded."""
    section = find_section(plan, TARGET_WORDS)
    if section is None:
        return []
    found, used = [], set()
    for item in units(items_under(plan, section)):
        explicit = _EXPLICIT_ID.search(item.text)
        base = explicit.group(1).lower() if explicit else "ct-" + _slug(content_words(item.text))
        ident, count = base, 1
        while ident in used:
            count += 1
            ident = f"{base}-{count}"
        used.add(ident)
        found.append(Target(ident, clean(item.text), item.line, item.anchor))
    return found


def status_of(text: str) -> str:
    folded = f" {_folded(text)} "
    if any(f" {phrase} " in folded for phrase in NEGATIVE):
        return NOT_ACHIEVED
    if any(f" {phrase} " in folded for phrase in POSITIVE) or re.search(r" 100 ", folded):
        return ACHIEVED
    return UNCLEAR


def follow(entry: Year) -> list[TargetResult]:
    """Each target of the year's plan with what the year-end report (or, without one, the
    latest monthly document that names it) says about it."""
    if entry.plan is None:
        return []
    sources: list[tuple[str, Document]] = []
    if entry.report is not None:
        sources.append(entry.report)
    else:
        for month in sorted(entry.records, reverse=True):
            sources += [(r.page, r.doc) for r in entry.records[month]]
    blocks = [(page, doc, block) for page, doc in sources for block in result_blocks(doc)]
    results = []
    for target in targets(entry.plan[1]):
        finding = next((Finding(page, doc, block) for page, doc, block in blocks
                        if names(target.text, block.full_text())), None)
        if finding is None:
            results.append(TargetResult(target, NOT_REPORTED))
        else:
            results.append(TargetResult(target, status_of(finding.item.full_text()), finding))
    return results
