"""Continuity of the cell's year (warnings, never errors; Hướng dẫn 12-HD/BTCTW):

* TH001 a month of a year with a plan has no resolution nor conclusion (past months only;
  one warning per year naming the months);
* TH002 a quarter (already over) with no chuyên đề meeting;
* TH003 a month's document does not review a task of the previous month;
* TH004 the year-end report leaves a target of its plan unanswered;
* TH005 the meeting (``hop:``) of a document is written wrongly;
* TH006 the plan's schedule (``lich_hop:``) is written wrongly.

Run by ``chibo.checking.tree.check_tree`` as an extra check: called once per document, then
``finish()`` once with everything seen. "Today" is a parameter (``CHIBO_TODAY=2022-06-15``
in the environment for a build), so that no month of the future is reported.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from chibo.document.config import load_settings
from chibo.document.diagnostics import Problem, Severity
from chibo.document.meeting import (PLAN_TYPE, clean, load_meeting_spec, meeting_line, parse_meeting,
                                    results_section)
from chibo.document.model import Document
from chibo.document.visibility import is_withheld
from chibo.document.year import NOT_REPORTED, collect, follow, previous_record, review, schedule

RULES: dict[str, str] = {
    "TH001": "Tháng đã qua của năm có kế hoạch mà chưa có nghị quyết hay thông báo kết luận (cảnh báo)",
    "TH002": "Quý đã qua không có buổi sinh hoạt chuyên đề nào (cảnh báo)",
    "TH003": "Nghị quyết/kết luận tháng không kiểm điểm một nhiệm vụ của tháng trước (cảnh báo)",
    "TH004": "Báo cáo cuối năm chưa trả lời một chỉ tiêu của kế hoạch năm (cảnh báo)",
    "TH005": "Thuộc tính cuộc họp (hop) ghi sai (cảnh báo)",
    "TH006": "Lịch sinh hoạt của kế hoạch (lich_hop) ghi sai (cảnh báo)",
}


def today_from_env() -> dt.date:
    value = os.environ.get("CHIBO_TODAY", "").strip()
    try:
        return dt.date.fromisoformat(value) if value else dt.date.today()
    except ValueError:
        return dt.date.today()


def _short(text: str, limit: int = 90) -> str:
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _warn(path: str, line: int, code: str, message: str) -> Problem:
    return Problem(path, line, code, message, Severity.WARNING)


class ContinuityCheck:
    """Per-document checks of the meeting attributes; cross-document checks in ``finish``."""

    def __init__(self, types: Mapping[str, Any], fields: Mapping[str, Mapping[str, Any]],
                 today: dt.date | None = None) -> None:
        self.types = types
        self.fields = fields
        self.today = today or today_from_env()
        self.documents: dict[str, Document] = {}

    def __call__(self, doc: Document) -> list[Problem]:
        if is_withheld(doc.meta):
            return []  # not on the site: not part of its year
        self.documents[doc.path] = doc
        problems: list[Problem] = []
        if "hop" in doc.meta and doc.doc_type in self.types and "hop" in self.types[doc.doc_type].attributes:
            if doc.meta.get("hop") not in (None, ""):
                problems += parse_meeting(doc.meta["hop"], self.fields, doc.path, meeting_line(doc, "hop"),
                                          "TH005", "hop")[1]
        if doc.doc_type == PLAN_TYPE:
            problems += schedule(doc, self.fields)[1]
        return problems

    def finish(self) -> list[Problem]:
        documents, self.documents = self.documents, {}
        return check_year_continuity(documents, self.types, self.fields, self.today)


def check_year_continuity(documents: Mapping[str, Document], types: Mapping[str, Any],
                          fields: Mapping[str, Mapping[str, Any]], today: dt.date) -> list[Problem]:
    years = collect(documents, types, fields)
    problems: list[Problem] = []
    current = (today.year, today.month)
    for number, entry in sorted(years.items()):
        # TH001: each month before the current one, in a year with a plan
        if entry.plan is not None:
            _, plan = entry.plan
            line = plan.meta_lines.get("nam", 1)
            missing = [m for m in range(1, 13) if (number, m) < current and entry.record(m) is None]
            if missing:  # one line per year, however many months
                months = (f"tháng {missing[0]}/{number}" if len(missing) == 1
                          else f"các tháng {', '.join(map(str, missing))} năm {number}")
                problems.append(_warn(plan.path, line, "TH001", (
                    f"{months} chưa có nghị quyết hay thông báo kết luận (đã đăng) của cuộc họp chi bộ "
                    "(Hướng dẫn 12-HD/BTCTW: chi bộ sinh hoạt mỗi tháng một lần)")))
        # TH002: each quarter that is over, without a chuyên đề meeting held in it
        for quarter in range(1, 5):
            months = range(3 * quarter - 2, 3 * quarter + 1)
            if (number, months[-1]) >= current:
                continue
            records = [r for m in months for r in entry.records.get(m, [])]
            if not records and entry.plan is None:
                continue
            topic = any((r.meeting is not None and r.meeting.is_topic)
                        or (r.doc.doc_type in types and types[r.doc.doc_type].form_of(r.doc.meta) == "chuyen-de")
                        for r in records)
            if not topic:
                if entry.plan is not None:
                    where = entry.plan[1]
                    line = where.meta_lines.get("lich_hop") or where.meta_lines.get("nam") or 1
                else:
                    where = records[-1].doc
                    line = where.meta_lines.get("hop") or 1
                problems.append(_warn(where.path, line, "TH002", (
                    f"quý {quarter}/{number} (tháng {months[0]}–{months[-1]}) không có buổi sinh hoạt chuyên đề "
                    "nào (Hướng dẫn 12-HD/BTCTW: mỗi quý ít nhất một lần); ghi \"hinh_thuc: chuyen-de\" và "
                    "\"chu_de\" trong thuộc tính hop của tháng đã sinh hoạt chuyên đề")))
        # TH003: each month's document reviews every task of the month before
        for month in sorted(entry.records):
            for record in entry.records[month]:
                before = previous_record(years, record)
                if before is None:
                    continue
                section = results_section(record.doc)
                if section is None:
                    continue  # the missing section is reported by the structure check (CT002)
                for task_number, task, block in review(before.doc, record.doc):
                    if block is None:
                        problems.append(_warn(record.doc.path, section.line, "TH003", (
                            f"mục \"{_short(section.title, 60)}\" chưa kiểm điểm nhiệm vụ {task_number} của tháng "
                            f"{before.month}/{before.year}: \"{_short(task.text)}\" ({before.doc.path}:{task.line}); "
                            f"hãy ghi kết quả của nhiệm vụ này, nêu vài từ của nó hoặc ghi \"nhiệm vụ {task_number}\"")))
        # TH004: the year-end report answers every target of the plan
        if entry.plan is not None and entry.report is not None:
            _, report = entry.report
            section = results_section(report)
            line = section.line if section is not None else 1
            for result in follow(entry):
                if result.status == NOT_REPORTED:
                    problems.append(_warn(report.path, line, "TH004", (
                        f"báo cáo chưa trả lời chỉ tiêu \"{_short(result.target.text)}\" của kế hoạch năm {number} "
                        f"({entry.plan[1].path}:{result.target.line}); hãy ghi kết quả (đạt / chưa đạt) của chỉ "
                        "tiêu này trong mục kết quả")))
    return problems


def continuity_check(data_dir: Path | None = None, today: dt.date | None = None) -> ContinuityCheck:
    fields, _ = load_meeting_spec(data_dir)
    return ContinuityCheck(load_settings(data_dir).types, fields, today)
