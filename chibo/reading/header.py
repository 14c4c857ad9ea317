"""The official blocks around a document's body: header (issuer, number, place and date,
type, trích yếu) and closing (Nơi nhận, authority, title, signer).

However they were typed — a two-column table, lines one under another, columns on one
line separated by tabs, two lines glued together ("ĐẢNG BỘ XÃ MỸ HƯNGCHI BỘ TRƯỜNG …"),
"*****" separators, or no header at all (a reprint) — the facts found are returned as
written; what the file does not contain is not returned (never guessed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from chibo.document.numbering import parse as parse_numbering
from chibo.document.text import fold
from chibo.reading.paragraph import Paragraph

_PARTY = "DANG CONG SAN VIET NAM"
# Lines of a state document's header, read past without a fact.
_MOTTOS = ("CONG HOA XA HOI CHU NGHIA VIET NAM", "DOC LAP - TU DO - HANH PHUC", "DOC LAP TU DO HANH PHUC",
           "DOC LAP-TU DO-HANH PHUC")
# A stamp of secrecy or of a draft ("MẬT", "TUYỆT MẬT", "DỰ THẢO") on a line of its own.
_SECRET = re.compile(r"^(MAT|TOI MAT|TUYET MAT|TAI LIEU MAT|LUU HANH NOI BO)$")
_DRAFT = re.compile(r"^(DU THAO|BAN DU THAO|DU THAO LAN \d+)$")
_ORG = re.compile(r"^(DANG BO|DANG UY|DANG UY VIEN|CHI BO|CHI UY|HUYEN UY|QUAN UY|THI UY|THANH UY|TINH UY|"
                  r"BAN CHAP HANH|BO CHINH TRI|BAN BI THU|BAN TO CHUC|BAN TUYEN GIAO|VAN PHONG TRUNG UONG|"
                  r"UY BAN KIEM TRA|BCH DANG BO|BAN THUONG VU|TRUNG UONG|UBND|UY BAN NHAN DAN|BO [A-Z]|SO [A-Z]|"
                  r"PHONG GIAO DUC|TRUONG [A-Z]|CONG DOAN|DOAN TNCS|HOI DONG)\b")
_CENTRAL = re.compile(r"^(BAN CHAP HANH TRUNG UONG|BO CHINH TRI|BAN BI THU|TRUNG UONG|BAN TO CHUC TRUNG UONG|"
                      r"BAN TUYEN GIAO TRUNG UONG|VAN PHONG TRUNG UONG|UY BAN KIEM TRA TRUNG UONG)")
_GLUE = re.compile(r"(?<=[^\s])(?=(CHI BỘ|CHI ỦY|CHI UỶ|ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ)\s)")
_SEPARATOR = re.compile(r"^[\s*\-_=~.·•–—]+$")
_NUMBER = re.compile(r"^Số\s*[:.]?\s*(?P<so>.*)$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^(?P<so>\d{1,4}\s*[-/]\s*[A-ZĐ]{1,6}(?:\s*[-/]\s*[A-ZĐ]{1,12})+)$")
_DATE = re.compile(r"(?:(?P<place>[^,]{1,50}),\s*)?ngày\s*(?P<d>[\d.…_]*)\s*tháng\s*(?P<m>[\d.…_]*)\s*năm\s*"
                   r"(?P<y>[\d.…_]*)", re.IGNORECASE)
_SHORT_DATE = re.compile(r"(?:(?P<place>[^,]{1,50}),\s*)?ngày\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*"
                         r"(?P<y>\d{4})", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(T\s*/\s*M|TM\.?|K\s*/\s*T|KT\.?|Q\s*/\s*|TL\.?|T\s*/\s*L)\s+\S")
_ROLE = re.compile(r"^(BÍ THƯ|PHÓ BÍ THƯ|CHI ỦY VIÊN|CHI UỶ VIÊN|CHỦ TỊCH|CHỦ TRÌ|THƯ KÝ|TỔNG BÍ THƯ|"
                   r"TRƯỞNG BAN|PHÓ TRƯỞNG BAN|CHÁNH VĂN PHÒNG|UỶ VIÊN|ỦY VIÊN)\b", re.IGNORECASE)
_SIGNED = re.compile(r"^\(?\s*(đã ký|da ky|ký|ký tên|ký, ghi rõ họ tên|ký và ghi rõ họ tên|đã ký và đóng dấu)"
                     r"[^)]*\)?$", re.IGNORECASE)
_RECIPIENT_MARK = re.compile(r"^[-–—+•*·]\s*")


# Where a line of the header ends: a front-matter fact ("so", "ngay" …), a part of the
# official layout the page template prints itself (the motto, separators), or the body.
MOTTO, SEPARATOR, BODY = "khuon:quoc-hieu", "khuon:phan-cach", "body"

_TERM = re.compile(r"^(NHIEM KY|KHOA|LAN THU)\b")
# "ĐẠI HỘI" ("ĐẠI HỘI ĐẢNG VIÊN") typed alone above the cell's name: part of the issuer
_MEETING = re.compile(r"^(DAI HOI( DANG VIEN| DAI BIEU)?|HOI NGHI)$")
_SHORT_NUMBER = re.compile(r"^(?:Số|S|So)\s*[:.]\s*(?P<so>.*)$", re.IGNORECASE)


@dataclass
class Header:
    meta: dict[str, Any] = field(default_factory=dict)
    label: str = ""          # the type label as written ("KẾ HOẠCH"), "" when none
    issuer_central: bool = False
    end: int = 0             # index of the first body paragraph
    notes: list[str] = field(default_factory=list)
    year: int | None = None  # the year of a date whose day and month were left blank
    date_written: str = ""   # a place-date line whose date is not complete, as written
    # paragraph index -> [(text of the segment, where it went)], for every header line
    fates: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    to_body: list[int] = field(default_factory=list)  # header-zone lines kept as body text


def _upper_folded(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).upper()).strip()


_NUMBER_ONLY = re.compile(r"^(Số|S|So)\s*[:.]?$", re.IGNORECASE)  # "S:   -BC/CB": the number, aligned
# What may follow an aligned date's gap: "tháng …", "năm 2016", or the day or month alone ("20").
_DATE_GOES_ON = re.compile(r"^[\d.…_\s]*((tháng|năm)\b.*)?$", re.IGNORECASE)
_DATE_START = re.compile(r"\bngày\b", re.IGNORECASE)
_DATE_DONE = re.compile(r"\bnăm\s*[\d.…_]+\s*$", re.IGNORECASE)


def _date_open(text: str) -> bool:
    """A place-date cut by wide gaps and not yet at its year: "Tân Thái, ngày", "… ngày 20 tháng"."""
    return bool(_DATE_START.search(text)) and not _DATE_DONE.search(text)


def _columns(paragraph: Paragraph) -> list[str]:
    """Columns of a header line; a date aligned with spaces ("ngày     tháng    năm 2011",
    "ngày  10  tháng 01   năm 2021") is one column, not three."""
    out: list[str] = []
    for column in paragraph.columns or [paragraph.plain]:
        if out and (_date_open(out[-1]) and _DATE_GOES_ON.match(column) or _NUMBER_ONLY.match(out[-1])):
            out[-1] = f"{out[-1]} {column}"
        else:
            out.append(column)
    return [re.sub(r"\s+", " ", c).strip() for c in out]


def _segments(paragraph: Paragraph) -> list[str]:
    """The pieces of a header line: columns, the motto typed on the same line, glued names."""
    out: list[str] = []
    for column in _columns(paragraph):
        folded = fold(column).upper()
        at = folded.find(_PARTY)
        pieces = [column[:at], column[at:]] if at > 0 else [column]
        for piece in pieces:
            out.extend(_glued_split(piece))
    return [s for s in out if s]


def _glued_split(text: str) -> list[str]:
    pieces, last = [], 0
    for match in _GLUE.finditer(text):
        pieces.append(text[last:match.start()])
        last = match.start()
    pieces.append(text[last:])
    return [p.strip() for p in pieces if p.strip()]


def _date(match: re.Match[str]) -> str:
    """"dd/mm/yyyy" when every part is a number; the date may not exist (checked later)."""
    parts = [match.group(k).strip() for k in ("d", "m", "y")]
    if all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        return f"{int(parts[0]):02d}/{int(parts[1]):02d}/{parts[2]}"
    return ""


def is_separator(text: str) -> bool:
    return bool(text) and bool(_SEPARATOR.match(text)) and len(text.strip()) >= 1


def date_exists(value: str) -> bool:
    try:
        day, month, year = (int(p) for p in value.split("/"))
        dt.date(year, month, day)
        return True
    except (ValueError, TypeError):
        return False


def _label_at(paragraphs: list[Paragraph], labels: dict[str, str], limit: int) -> tuple[int | None, int]:
    """(index of the type label line, or None; where the header can end at the latest):
    the label is looked for among the first lines, before anything that reads as body."""
    for index in range(limit):
        text = paragraphs[index].plain
        if not text:
            continue
        if _label(text, labels)[0]:
            return index, limit
        # A sentence ends the search; columns typed on one line ("CHI BỘ …<tab>Sơn Phú, ngày …")
        # are judged one by one, not as one long line.
        if _looks_like_body(paragraphs[index], text) or any(
                len(column.split()) > 14 and column.upper() != column for column in _columns(paragraphs[index])):
            return None, index  # a sentence: the header, if any, is above it
    return None, limit


def read_header(paragraphs: list[Paragraph], labels: dict[str, str]) -> Header:
    """Facts of the header blocks. ``labels``: folded upper-case type label -> label as shown.

    Every line above the type label is classified on its own (issuer, motto, number,
    place and date, term, separator, stamp), in whatever order the two columns were
    typed; a line that is none of these is kept as body text, never dropped. Without a
    label line the header is read until the first line that is not a header line."""
    header = Header()
    orgs: list[tuple[int, str]] = []
    label_at, limit = _label_at(paragraphs, labels, min(len(paragraphs), 30))
    index = 0
    pending: list[tuple[int, str]] = []   # unrecognised capital lines: maybe part of an issuer name
    while index < limit:
        paragraph = paragraphs[index]
        text = paragraph.plain
        if not text:
            index += 1
            continue
        label, rest = _label(text, labels) if (label_at is None or index == label_at) else ("", "")
        if label:
            header.label = label
            header.fates[index] = [(text, "ten_loai" if not rest else "trich_yeu")]
            index += 1
            summary = [rest] if rest else []
            index = _summary(paragraphs, index, summary, header)
            if summary:
                header.meta["trich_yeu"] = re.sub(r"\s+", " ", " ".join(summary)).strip(" .:")
            break
        if label_at is None and _looks_like_body(paragraph, text):
            break
        fates: list[tuple[str, str]] = []
        for segment in _segments(paragraph):
            place = _header_fact(segment, header, orgs, index)
            if not place and segment.upper() == segment and len(segment) < 80 and \
                    _MEETING.match(_upper_folded(segment)):
                place = "issuer-prefix"
            fates.append((segment, place))
        found_any = any(place for _, place in fates)
        if label_at is None and (not found_any and index > 0 and (header.meta or orgs) or
                                 (not found_any and index >= 8)):
            break  # an unrecognised line after some header facts: the header has ended
        header.fates[index] = fates
        for segment, place in fates:
            if not place:
                pending.append((index, segment))
        index += 1
    header.end = index if (header.label or header.meta or orgs) else 0
    if header.end == 0:
        header.fates = {}
        return header
    _issuer(header, orgs, paragraphs)
    # What stays unrecognised above the label is body text at the top of the body.
    for line, fates in header.fates.items():
        if any(not place for _, place in fates):
            header.fates[line] = [(segment, place or BODY) for segment, place in fates]
            if line not in header.to_body:
                header.to_body.append(line)
    return header


def _issuer(header: Header, orgs: list[tuple[int, str]], paragraphs: list[Paragraph]) -> None:
    """cap_tren and chi_bo from the issuer lines; "ĐẠI HỘI" typed above a name is part of it."""
    prefix_lines = [(line, seg) for line, fates in header.fates.items() for seg, place in fates
                    if place == "issuer-prefix"]
    names = [text for _, text in orgs]
    if not names:
        for line, _segment in prefix_lines:  # no name follows: an ordinary line, kept as body text
            header.fates[line] = [(s, p if p != "issuer-prefix" else "") for s, p in header.fates[line]]
        return
    for line, segment in prefix_lines:
        following = next((i for i, (org_line, _) in enumerate(orgs) if org_line > line), None)
        if following is None:
            header.fates[line] = [(s, p if p != "issuer-prefix" else "") for s, p in header.fates[line]]
            continue
        names[following] = f"{segment} {names[following]}"
        # the prefix line goes where the name it heads goes (set below)
    last = len(names) - 1
    places: list[str] = []
    if len(names) >= 2:
        header.meta["cap_tren"] = " ".join(names[:-1]) if len(names) > 2 else names[0]
        header.meta["chi_bo"] = names[-1]
        places = ["cap_tren"] * last + ["chi_bo"]
    elif _upper_folded(names[0]).startswith(("CHI BO", "CHI UY")) or "CHI BO" in _upper_folded(names[0]):
        header.meta["chi_bo"] = names[0]
        places = ["chi_bo"]
    else:
        key = "chi_bo" if _CENTRAL.match(_upper_folded(names[0])) else "cap_tren"
        header.meta[key] = names[0]
        places = [key]
    header.issuer_central = any(_CENTRAL.match(_upper_folded(_text)) for _, _text in orgs)
    on_line: dict[int, list[str]] = {}
    for (line, _name), place in zip(orgs, places):
        on_line.setdefault(line, [])
        if place not in on_line[line]:
            on_line[line].append(place)
    for line, found in on_line.items():
        header.fates[line] = [(s, "+".join(found) if p == "org" else p) for s, p in header.fates[line]]
    for line, segment in prefix_lines:
        following = next((i for i, (org_line, _) in enumerate(orgs) if org_line > line), None)
        if following is not None:
            header.fates[line] = [(s, places[following] if p == "issuer-prefix" else p)
                                  for s, p in header.fates[line]]


def _label(text: str, labels: dict[str, str]) -> tuple[str, str]:
    """("KẾ HOẠCH", rest) when the line is a type label, alone or followed by the trích yếu."""
    folded = _upper_folded(text)
    for key in sorted(labels, key=len, reverse=True):
        if folded == key or folded.startswith(key + " ") or folded.startswith(key + ":"):
            words = len(key.split())
            original = text.split()
            rest = " ".join(original[words:]).lstrip(": ").strip()
            # "Kế hoạch này được xây dựng ..." is a sentence, not a label line.
            if rest and not (text.upper() == text or rest[:1].isupper()):
                continue
            return text.split()[0] if words == 1 else " ".join(original[:words]), rest
    return "", ""


def _summary(paragraphs: list[Paragraph], index: int, summary: list[str], header: Header) -> int:
    """Lines of the trích yếu after the label; returns the first body index."""
    taken = 0
    while index < len(paragraphs) and taken < 4:
        paragraph = paragraphs[index]
        text = paragraph.plain
        if not text:
            index += 1
            continue
        if is_separator(text):
            header.fates[index] = [(text, SEPARATOR)]
            index += 1
            break
        folded = _upper_folded(text)
        capitals = text.upper() == text
        # "THỰC HIỆN MỘT SỐ ĐIỀU …" in capitals under "HƯỚNG DẪN" is the trích yếu; "Thực
        # hiện Nghị quyết …" in a sentence starts the body; set bold and centred under the
        # label ("Thực hiện nhiệm vụ năm 2011") it is the trích yếu too.
        headline = capitals or (paragraph.bold and paragraph.center)
        opening = folded.startswith(("CAN CU", "KINH GUI")) or (folded.startswith("THUC HIEN") and not (
            not summary and headline and len(text) < 200))
        if opening or parse_numbering(text).numbered:
            break
        formatted = paragraph.center or paragraph.bold or capitals
        continues = bool(summary) and (text[:1].islower() or folded.startswith(("VA ", "VE ", "NAM ", "NHIEM KY")))
        if not summary and (formatted or len(text) < 160 or folded.startswith(("VE ", "V/V"))):
            summary.append(text)
        elif summary and (formatted and capitals == (summary[-1].upper() == summary[-1])
                          and len(text) < 160 or continues):
            summary.append(text)
        else:
            break
        header.fates[index] = [(text, "trich_yeu")]
        taken += 1
        index += 1
    return index


def _looks_like_body(paragraph: Paragraph, text: str) -> bool:
    if _BARE_NUMBER.match(text.strip()) or _NUMBER.match(text) or _SHORT_NUMBER.match(text):
        return False
    folded = _upper_folded(text)
    if folded.startswith("CAN CU"):
        return True
    number = parse_numbering(text)
    if number.numbered and number.kind != "part" and not _NUMBER.match(text):
        return True
    return len(text) > 200


def stamp(text: str) -> str:
    """"mat" for a secrecy stamp ("MẬT", "TUYỆT MẬT"), "nhap" for "DỰ THẢO", else ""."""
    folded = _upper_folded(text).strip(" *()[]-.:")
    if len(folded) > 24:
        return ""
    if _SECRET.match(folded):
        return "mat"
    if _DRAFT.match(folded):
        return "nhap"
    return ""


def _header_fact(segment: str, header: Header, orgs: list[tuple[int, str]], line: int) -> str:
    """Where the segment goes ("so", "ngay", MOTTO …), its fact recorded; "" when unknown."""
    folded = _upper_folded(segment)
    if folded == _PARTY or folded.startswith(_PARTY) or folded.startswith(_MOTTOS):
        return MOTTO
    if stamp(segment):
        return stamp(segment)  # "mat" / "nhap": the stamp is that fact
    if is_separator(segment) or folded in ("*", "***"):
        return SEPARATOR
    date = _DATE.search(segment) or _SHORT_DATE.search(segment)
    if date and (date.start() == 0 or date.group("place")):
        place = (date.group("place") or "").strip()
        if place:
            header.meta["dia_danh"] = place
        value = _date(date)
        if value:
            header.meta["ngay"] = value
            return "ngay"
        year = date.group("y").strip()
        header.date_written = segment.strip()
        if year.isdigit() and len(year) == 4:
            header.year = int(year)
            header.notes.append(f"ngày ban hành trong văn bản gốc để trống ngày, tháng (\"{segment.strip()}\"), "
                                f"có lẽ để ghi tay: để trống ngay, giữ năm {year}")
            return "nam"
        header.notes.append(f"ngày ghi trong văn bản gốc chưa đủ (\"{segment.strip()}\"): để trống")
        return "dia_danh" if place else "ngay"
    number = _NUMBER.match(segment) or _SHORT_NUMBER.match(segment)
    if number and len(segment) < 60:
        value = number.group("so").strip()
        if value:
            header.meta["so"] = value
        return "so"
    bare = _BARE_NUMBER.match(segment.strip())
    if bare:
        header.meta["so"] = bare.group("so")
        return "so"
    if _TERM.match(folded) and len(segment) < 60 and segment.upper() == segment and orgs:
        header.meta["nhiem_ky"] = segment.strip()
        return "nhiem_ky"
    # Organisation lines are written in capitals (a mixed-case "Chi bộ vùng cao đẩy mạnh …"
    # is a headline, not an issuer): a fact is never taken from a sentence.
    if _ORG.match(folded) and len(segment) < 120 and segment.upper() == segment:
        for piece in _glued_split(segment):
            orgs.append((line, piece))
        return "org"
    return ""


# --- the closing blocks ---------------------------------------------------------------

@dataclass
class Closing:
    meta: dict[str, Any] = field(default_factory=dict)
    start: int = 0           # index of the first closing paragraph (body ends there)
    fates: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    leftover: list[str] = field(default_factory=list)  # signature-block lines no fact holds: kept as body text


def _is_recipients(text: str) -> bool:
    return _upper_folded(text).startswith("NOI NHAN")


def _is_authority(text: str) -> bool:
    return bool(_AUTHORITY.match(text.strip())) or bool(re.match(r"^(T/M|TM)\b", text.strip()))


SIGNED = "khuon:da-ky"


def read_closing(paragraphs: list[Paragraph], start: int) -> Closing:
    """Nơi nhận and the signature block at the end of ``paragraphs[start:]``."""
    end = len(paragraphs)
    closing = Closing(start=end)
    low = max(start, end - 40)
    first = None
    for index in range(end - 1, low - 1, -1):
        paragraph = paragraphs[index]
        texts = paragraph.columns or [paragraph.plain]
        if any(_is_recipients(t) or _is_authority(t) for t in texts):
            first = index
        elif first is not None and index == first - 1 and any(_ROLE.match(t) for t in texts) and \
                len(paragraph.plain) < 60:
            first = index
    if first is None:
        # A signature without Nơi nhận nor T/M: "BÍ THƯ" then a name in the last lines.
        for index in range(end - 1, max(start, end - 6) - 1, -1):
            text = paragraphs[index].plain
            if _ROLE.match(text) and len(text) < 40 and text.upper() == text:
                first = index
                break
    if first is None:
        return closing
    closing.start = first
    recipients: list[str] = []
    signature: list[tuple[int, str]] = []
    listing = False
    for index, paragraph in enumerate(paragraphs[first:], start=first):
        fates = closing.fates.setdefault(index, [])
        for text in paragraph.columns or [paragraph.plain]:
            text = text.strip()
            if not text:
                continue
            if _is_recipients(text):
                listing = True
                rest = text.split(":", 1)[1].strip() if ":" in text else ""
                if rest:
                    recipients.append(_RECIPIENT_MARK.sub("", rest))
                fates.append((text, "noi_nhan"))
                continue
            bulleted = paragraph.list_kind == "bullet"  # a Word list item: its "-" is not in the text
            if listing and (bulleted or _RECIPIENT_MARK.match(text) or _upper_folded(text).startswith("LUU")):
                recipients.append(_RECIPIENT_MARK.sub("", text))
                fates.append((text, "noi_nhan"))
            elif _SIGNED.match(text):
                fates.append((text, SIGNED))
            elif is_separator(text):
                fates.append((text, SEPARATOR))
            else:
                signature.append((index, text))
    if recipients:
        closing.meta["noi_nhan"] = recipients
    texts = [s for _, s in signature]
    authority = [s for s in texts if _is_authority(s)]
    roles = [s for s in texts if _ROLE.match(s) and s.upper() == s]
    names = [s for s in texts if s not in authority and s not in roles and _looks_like_name(s)]
    if authority:
        closing.meta["tham_quyen"] = authority[0]
    if roles:
        closing.meta["chuc_vu"] = roles[-1]
    if names:
        closing.meta["nguoi_ky"] = names[-1]
    held = {("tham_quyen", closing.meta.get("tham_quyen")), ("chuc_vu", closing.meta.get("chuc_vu")),
            ("nguoi_ky", closing.meta.get("nguoi_ky"))}
    for index, text in signature:
        place = next((key for key, value in held if value == text), "")
        if not place:
            closing.leftover.append(text)
            place = BODY
        closing.fates[index].append((text, place))
    return closing


def _looks_like_name(text: str) -> bool:
    """"Nguyễn Thị Minh Hằng", "NGUYỄN VĂN AN": two to six capitalised words, no digits."""
    words = text.replace(".", " ").split()
    return (2 <= len(words) <= 6 and not any(ch.isdigit() for ch in text)
            and all(word[:1].isupper() for word in words) and not _ROLE.match(text)
            and not _upper_folded(text).startswith(("LUU", "NOI NHAN", "DANG", "CHI BO")))
