"""The meeting calendar as an iCalendar file (RFC 5545) members subscribe to.

Times are local to Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving: the VTIMEZONE
says so). Each month's meeting keeps its UID from plan to minutes ("sinh-hoat-2022-03@..."),
so a phone that subscribed sees a planned meeting become the held one, not a second event.
Text values are escaped (backslash, ";", ",", new lines) and lines are folded at 75 octets
without splitting a UTF-8 character; lines end with CRLF. Nothing depends on the clock:
the same documents give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from chibo.document.meeting import KIND_LABELS, Meeting
from chibo.document.text import slugify
from chibo.document.year import Year

TZID = "Asia/Ho_Chi_Minh"
VTIMEZONE = [
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "TZNAME:+07",
    "END:STANDARD", "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (continuations start with one space)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        room = limit if not out else limit - 1
        if size + width > room:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _stamp(meeting: Meeting) -> str:
    return f"{meeting.date:%Y%m%d}T000000Z"


def events(years: Mapping[int, Year]) -> list[tuple[str, Meeting, bool, str, str]]:
    """(uid stem, meeting, held, document title, document page) per meeting: the held
    meeting of a month replaces what the plan foresaw for it."""
    found = []
    for number in sorted(years):
        entry = years[number]
        for month in range(1, 13):
            records = [r for r in entry.records.get(month, []) if r.meeting is not None]
            if records:
                chosen = [(r.meeting, True, str(r.doc.meta.get("title") or ""), r.page) for r in records]
            else:
                plan_title = str(entry.plan[1].meta.get("title") or "") if entry.plan else ""
                plan_page = entry.plan[0] if entry.plan else ""
                chosen = [(m, False, plan_title, plan_page) for m in entry.planned.get(month, [])]
            for index, (meeting, held, title, page) in enumerate(chosen):
                stem = f"sinh-hoat-{number}-{month:02d}" + (f"-{index + 1}" if index else "")
                found.append((stem, meeting, held, title, page))  # type: ignore[arg-type]
    return found


def calendar(years: Mapping[int, Year], cell: str, *, duration_minutes: int = 90, site_url: str = "",
             page_url=None) -> str:
    """The .ics text. ``page_url(page) -> str`` gives a document's address when the site's
    address is known (an absolute URL property); otherwise events carry no URL."""
    domain = slugify(cell) or "chi-bo"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Chi bo//Lich sinh hoat chi bo//VI", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text('Lịch sinh hoạt — ' + cell)}", f"X-WR-TIMEZONE:{TZID}",
             *VTIMEZONE]
    for stem, meeting, held, title, page in events(years):
        kind = KIND_LABELS.get(meeting.kind, meeting.kind)
        summary = f"Sinh hoạt chi bộ {kind} tháng {meeting.date.month}/{meeting.date.year}"
        if meeting.is_topic and meeting.topic:
            summary += f": {meeting.topic}"
        description = ("Đã họp. " if held else "Dự kiến theo kế hoạch năm. ") + (f"Văn bản: {title}" if title else "")
        lines += ["BEGIN:VEVENT", f"UID:{stem}@{domain}.chibo", f"DTSTAMP:{_stamp(meeting)}",
                  f"SEQUENCE:{1 if held else 0}"]
        if meeting.time is not None:
            start = dt.datetime.combine(meeting.date, meeting.time)
            end = start + dt.timedelta(minutes=duration_minutes)
            lines += [f"DTSTART;TZID={TZID}:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID={TZID}:{end:%Y%m%dT%H%M%S}"]
        else:
            lines += [f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{meeting.date + dt.timedelta(days=1):%Y%m%d}"]
        lines += [f"SUMMARY:{escape_text(summary)}", f"DESCRIPTION:{escape_text(description.strip())}",
                  "STATUS:CONFIRMED", "TRANSP:OPAQUE"]
        if meeting.place:
            lines.append(f"LOCATION:{escape_text(meeting.place)}")
        lines.append(f"CATEGORIES:{escape_text(kind)}")
        if site_url and page_url is not None and page:
            lines.append(f"URL:{page_url(page)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
