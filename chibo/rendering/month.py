"""Generated Markdown for the cell's month: "Tháng này" on the home page, the "Lịch sinh
hoạt" page of each year and the index of the "Sinh hoạt chi bộ" section.

Every text taken from a document is escaped (``markdown_text``): it shows as typed and never
becomes HTML. Links are Markdown links to the documents' source pages, so MkDocs checks them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from chibo.document.meeting import KIND_LABELS, Meeting, clean, tasks
from chibo.document.year import MonthRecord, Year
from chibo.rendering.escape import markdown_text
from chibo.rendering.install_page import PAGE as INSTALL_PAGE  # says what works for calendars
from chibo.rendering.regulation_page import LinkFn

HOME_MARKER = "<!-- thang-nay -->"
FOLDER = "sinh-hoat"
ICS_NAME = "lich-sinh-hoat.ics"
HOME_TASKS = 5  # what fits one phone screen with the next meeting


def calendar_page(year: int) -> str:
    return f"{FOLDER}/lich-{year}.md"


def targets_page(year: int) -> str:
    return f"{FOLDER}/chi-tieu-{year}.md"


def latest_record(years: Mapping[int, Year], today: dt.date) -> MonthRecord | None:
    """The latest month (not after the current one) with an adopted resolution or conclusion."""
    found = [record for entry in years.values() for records in entry.records.values() for record in records
             if (record.year, record.month) <= (today.year, today.month)]
    return max(found, key=lambda r: (r.year, r.month, r.doc.doc_type == "nghi-quyet"), default=None)


def next_meeting(years: Mapping[int, Year], today: dt.date) -> tuple[Meeting, bool] | None:
    """The first meeting on or after today: (meeting, held-document-exists)."""
    candidates = []
    for entry in years.values():
        for month in range(1, 13):
            held = [r.meeting for r in entry.records.get(month, []) if r.meeting is not None]
            for meeting in held or entry.planned.get(month, []):
                if meeting.date >= today:
                    candidates.append((meeting, bool(held)))
    return min(candidates, key=lambda c: (c[0].date, c[0].time or dt.time(0)), default=None)


def meeting_text(meeting: Meeting) -> str:
    parts = [f"**{markdown_text(meeting.when())}**"]
    if meeting.place:
        parts.append(markdown_text(meeting.place))
    kind = f"sinh hoạt {KIND_LABELS.get(meeting.kind, meeting.kind)}"
    if meeting.is_topic and meeting.topic:
        kind += f": {markdown_text(meeting.topic)}"
    parts.append(kind)
    return " — ".join(parts)


def home(years: Mapping[int, Year], today: dt.date, link: LinkFn) -> str:
    """The home page's "Tháng này": the latest adopted month's tasks and the next meeting."""
    lines = ['<div class="thang-nay" markdown="1">', ""]
    record = latest_record(years, today)
    if record is None:
        lines.append("Chưa có nghị quyết hay thông báo kết luận tháng nào được đăng.")
    else:
        title = markdown_text(record.doc.meta.get("title") or record.page)
        items = tasks(record.doc)
        lines.append(f"**Nhiệm vụ tháng {record.month}/{record.year}** theo [{title}]({link(record.page, '')}):")
        lines.append("")
        for task in items[:HOME_TASKS]:
            lines.append(f"1. {markdown_text(clean(task.text))}")
        if len(items) > HOME_TASKS:
            lines += ["", f"[Xem cả {len(items)} nhiệm vụ]({link(record.page, '')})"]
        if not items:
            lines.append("Văn bản chưa ghi nhiệm vụ tháng.")
    lines.append("")
    upcoming = next_meeting(years, today)
    if upcoming is None:
        lines.append("**Cuộc họp tới:** chưa có lịch (kế hoạch năm chưa ghi lịch sinh hoạt).")
    else:
        meeting, _ = upcoming
        lines.append(f"**Cuộc họp tới:** {meeting_text(meeting)}.")
    year = upcoming[0].date.year if upcoming else (record.year if record else today.year)
    if year in years:
        lines += ["", f"[Lịch sinh hoạt năm {year}]({link(calendar_page(year), '')}) · "
                      f"[Thêm vào lịch điện thoại]({link(FOLDER + '/' + ICS_NAME, '')})"]
    lines += ["", "</div>"]
    return "\n".join(lines)


def year_calendar(entry: Year, today: dt.date, link: LinkFn) -> str:
    """The "Lịch sinh hoạt" page of a year: a month per row."""
    lines = [f"# Lịch sinh hoạt chi bộ năm {entry.year}", "",
             "Mỗi tháng chi bộ sinh hoạt thường kỳ một lần; mỗi quý ít nhất một lần sinh hoạt chuyên đề "
             "(Hướng dẫn 12-HD/BTCTW ngày 06/7/2018).", ""]
    if entry.plan is not None:
        lines += [f"Theo [{markdown_text(entry.plan[1].meta.get('title') or entry.plan[0])}]"
                  f"({link(entry.plan[0], '')}).", ""]
    lines += [f"Thêm lịch vào điện thoại: [tệp lịch (.ics)]({link(FOLDER + '/' + ICS_NAME, '')}) — mở bằng "
              "ứng dụng Lịch để chép các cuộc họp vào lịch; lịch tự cập nhật được hay không: xem "
              f"[Cài lên điện thoại]({link(INSTALL_PAGE, 'lich-sinh-hoat')}).",
              "", "| Tháng | Cuộc họp | Văn bản |", "|---|---|---|"]
    for month in range(1, 13):
        records = entry.records.get(month, [])
        planned = entry.planned.get(month, [])
        held = [r.meeting for r in records if r.meeting is not None]
        meeting = held[0] if held else (None if records else (planned[0] if planned else None))
        if records and (meeting is None or meeting.date <= today):
            state = "đã họp"
        elif records or planned:
            state = "dự kiến"
        else:
            state = "chưa có" if (entry.year, month) < (today.year, today.month) else "chưa có lịch"
        details = []
        if meeting is not None:
            details.append(markdown_text(meeting.when()))
            if meeting.place:
                details.append(markdown_text(meeting.place))
            if meeting.present is not None:
                details.append(f"có mặt {meeting.present}" + (f"/{meeting.total}" if meeting.total else ""))
        elif records:
            details.append("văn bản chưa ghi ngày họp")
        topic_meeting = next((m for m in held + ([] if held else planned) if m.is_topic), None)
        if topic_meeting is not None:
            details.append(f"**Chuyên đề:** {markdown_text(topic_meeting.topic or 'chưa ghi chủ đề')}")
        docs = "<br>".join(f"[{markdown_text(r.doc.meta.get('title') or r.page)}]({link(r.page, '')})"
                           for r in records) or "—"
        lines.append(f"| **{month}**<br>{state} | {'<br>'.join(details) or '—'} | {docs} |")
    return "\n".join(lines) + "\n"


def index_page(years: Mapping[int, Year], link: LinkFn) -> str:
    lines = ["# Sinh hoạt chi bộ", "",
             "Lịch sinh hoạt hằng tháng và việc thực hiện các chỉ tiêu của kế hoạch năm, lấy từ kế hoạch, "
             "nghị quyết, thông báo kết luận và báo cáo đã đăng.", ""]
    if not years:
        lines.append("Chưa có kế hoạch hay nghị quyết tháng nào được đăng.")
    for number in sorted(years, reverse=True):
        parts = [f"[Lịch sinh hoạt]({link(calendar_page(number), '')})"]
        if years[number].plan is not None:
            parts.append(f"[Theo dõi chỉ tiêu]({link(targets_page(number), '')})")
        lines.append(f"- **Năm {number}**: " + " · ".join(parts))
    lines += ["", f"Lịch của mọi năm trong một tệp cho điện thoại: [lịch sinh hoạt (.ics)]({link(FOLDER + '/' + ICS_NAME, '')})."]
    return "\n".join(lines) + "\n"
