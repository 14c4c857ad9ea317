"""A new month's document starts with last month's tasks in its results section, ready to
be answered (``make new TYPE=nghi-quyet MONTH=2022-04``), and with the meeting the plan
foresees for the month (``hop:``) when the plan has a schedule.

Only published documents are read (a draft or confidential document of last month is
skipped, and the author is told so).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from chibo.document.config import Settings
from chibo.document.meeting import (MONTHLY_TYPES, PLAN_TYPE, RESULT_WORDS, is_monthly, load_meeting_spec,
                                    month_of, previous_month, task_name, tasks, year_of, _folded)
from chibo.document.model import Document, load_file
from chibo.document.visibility import is_withheld
from chibo.document.year import schedule


def _documents(docs: Path, settings: Settings) -> list[tuple[Path, Document]]:
    folders = {settings.types[code].folder for code in (*MONTHLY_TYPES, PLAN_TYPE) if code in settings.types}
    found = []
    for folder in sorted(folders):
        for file in sorted((docs / folder).glob("*.md")):
            if file.name != "index.md":
                found.append((file, load_file(file, file.relative_to(docs.parent).as_posix())))
    return found


def previous_tasks(docs: Path, settings: Settings, year: int, month: int) -> tuple[Document | None, list[str], str]:
    """Last month's published document, its tasks, and a note for the author ("" if none)."""
    want = previous_month(year, month)
    withheld = None
    for _, doc in _documents(docs, settings):
        if is_monthly(doc, settings.types) and month_of(doc.meta) == want:
            if is_withheld(doc.meta):
                withheld = doc
                continue
            return doc, [task_name(item.text) for item in tasks(doc)], ""
    if withheld is not None:
        return None, [], (f"văn bản tháng {want[1]}/{want[0]} ({withheld.path}) còn là bản nháp hoặc mật nên chưa "
                          "điền sẵn nhiệm vụ tháng trước")
    return None, [], f"chưa có nghị quyết hay thông báo kết luận tháng {want[1]}/{want[0]} để điền sẵn nhiệm vụ"


def planned_meeting(docs: Path, settings: Settings, data_dir: Path, year: int, month: int) -> dict[str, Any]:
    """The ``hop:`` of a new month's document: what the year's plan schedules, or blanks."""
    fields, _ = load_meeting_spec(data_dir)
    for _, doc in _documents(docs, settings):
        if doc.doc_type == PLAN_TYPE and year_of(doc.meta) == year and not is_withheld(doc.meta):
            for meeting in schedule(doc, fields)[0]:
                if (meeting.date.year, meeting.date.month) == (year, month):
                    hop: dict[str, Any] = {"ngay": f"{meeting.date:%d/%m/%Y}"}
                    if meeting.time:
                        hop["gio"] = f"{meeting.time:%H:%M}"
                    if meeting.place:
                        hop["dia_diem"] = meeting.place
                    hop["hinh_thuc"] = meeting.kind
                    if meeting.topic:
                        hop["chu_de"] = meeting.topic
                    return hop
    return {"ngay": "", "gio": "", "dia_diem": "", "hinh_thuc": "thuong-ky"}


def prefill(body: str, previous: Document | None, items: list[str], year: int, month: int) -> str:
    """Insert last month's tasks under the results heading of a template body."""
    if previous is None or not items:
        return body
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("## ") and any(word in _folded(line) for word in RESULT_WORDS):
            at = index + 1
            while at < len(lines) and (not lines[at].strip() or lines[at].lstrip().startswith("<!--")):
                at += 1
            y, m = previous_month(year, month)
            title = str(previous.meta.get("title") or previous.path)
            block = [f"<!-- Nhiệm vụ tháng {m}/{y} theo \"{title}\": ghi kết quả sau mỗi nhiệm vụ "
                     "(đạt / chưa đạt, vì sao); có thể viết lại câu chữ nhưng giữ vài từ của nhiệm vụ. -->"]
            block += [f"- Nhiệm vụ {n}. {re.sub(r'[.:;]+$', '', text)}: (ghi kết quả)" for n, text in enumerate(items, 1)]
            return "\n".join(lines[:at] + block + [""] + lines[at:])
    return body


_HOP_COMMENTS = {
    "ngay": "ngày họp, dạng 05/03/2022",
    "gio": "giờ bắt đầu, trong ngoặc kép, ví dụ \"14:00\"",
    "dia_diem": "nơi họp",
    "hinh_thuc": "thuong-ky (thường kỳ) hoặc chuyen-de (chuyên đề)",
    "chu_de": "chủ đề sinh hoạt chuyên đề",
}


def hop_yaml(hop: dict[str, Any]) -> str:
    """The ``hop:`` block of the front matter, one commented line per field."""
    import yaml

    lines = ["hop:  # cuộc họp chi bộ của tháng (có mặt: thêm co_mat: 18 và tong_so: 20)"]
    for key, value in hop.items():
        text = '""' if value == "" else yaml.safe_dump(value, allow_unicode=True, default_style='"' if key == "gio" else None,
                                                       width=10_000).strip().removesuffix("...").strip()
        lines.append(f"  {key}: {text}  # {_HOP_COMMENTS.get(key, '')}".rstrip(" #"))
    return "\n".join(lines) + "\n"
