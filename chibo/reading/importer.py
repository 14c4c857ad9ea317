"""Turn a document written in Word (.docx) — or its plain-text export — into a page.

The pipeline: read the file (``docx.read_docx``: numbering, legacy fonts, bullets, tables;
or ``read_text``), find the official header and closing blocks (``header``), recognise
the type from its label line and its issuer block, write the body as Markdown
(``body``). Nothing is invented: a fact the file does not contain is left empty and
said so. Imported documents are drafts (``nhap: true``): their problems are warnings,
so one imported file never stops the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from chibo.checking.rules import comparable, match_section
from chibo.document.config import DocType, Settings
from chibo.document.numbering import parse as parse_numbering
from chibo.document.registry import Entry, Registry, code_key
from chibo.document.text import fold, nfc
from chibo.reading import body as body_md
from chibo.reading.casing import proper_names, sentence_case
from chibo.reading.docx import DocxError, Reading, Table, read_docx
from chibo.reading.header import BODY, SEPARATOR, date_exists, read_closing, read_header, stamp
from chibo.reading.paragraph import Paragraph, Span, escape_inline, protect_line_start

GENERIC = "van-ban"
REGULATION = "quy-dinh"


class ImportError_(Exception):  # noqa: N801 - avoid shadowing the builtin ImportError
    """The input cannot be imported; the message is Vietnamese and names the file."""


@dataclass(frozen=True)
class Line:
    """Where one line of the input ended: a front-matter fact ("so", "trich_yeu" …), a
    part of the official layout the page prints itself ("khuon:…"), or "body"."""

    number: int          # the input line (paragraph), 1-based in reading order, table cells included;
                         # a line typed in columns gives one Line per column, with the same number
    text: str
    place: str


@dataclass
class Imported:
    doc_type: DocType
    meta: dict[str, Any]
    body: str
    notes: list[str] = field(default_factory=list)
    entry: Entry | None = None        # the registry entry a regulation's text belongs to
    year: int | None = None
    month: int | None = None
    detected_by: str = ""             # how the type was known, in Vietnamese
    lines: list[Line] = field(default_factory=list)  # the fate of every input line
    facts: dict[str, Any] = field(default_factory=dict)  # every fact read from the file
    new_entry: dict[str, Any] | None = None  # registry record of a Central document that has none yet
    replaces: list[str] = field(default_factory=list)  # numbers the document says it replaces

    def summary(self) -> str:
        """One line for the author: what was recognised."""
        levels: dict[int, int] = {}
        for line in self.body.splitlines():
            marks = len(line) - len(line.lstrip("#"))
            if 2 <= marks <= 6 and line[marks:marks + 1] == " ":
                levels[marks] = levels.get(marks, 0) + 1
        parts = ", ".join(f"{count} tiêu đề cấp {level}" for level, count in sorted(levels.items())) or "không có tiêu đề"
        label = str(self.meta.get("ten_loai") or self.doc_type.label).lower()
        return f"Nhận ra: {label} ({self.detected_by}); {parts}."


# --- reading ------------------------------------------------------------------------

def read_source(raw: bytes, name: str) -> Reading:
    """A .docx, or a UTF-8 text export (.txt); ImportError_ with a Vietnamese message."""
    if name.lower().endswith(".txt"):
        try:
            return read_text(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ImportError_(f"{name}: NH005 tệp văn bản không phải mã UTF-8.") from None
    try:
        return read_docx(raw, name)
    except DocxError as error:
        raise ImportError_(str(error)) from None


def read_text(text: str) -> Reading:
    """A plain-text export: one paragraph per non-empty line ("*** Thuận lợi:**" is bold)."""
    blocks: list[Paragraph | Table] = []
    for number, line in enumerate(nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        bold = False
        marker = re.fullmatch(r"\*{2,3}\s*(.+?)\s*\*{2}", stripped)
        if marker:
            stripped, bold = marker.group(1), True
        blocks.append(Paragraph(spans=_emphasis_spans(stripped, bold), source_line=number))
    return Reading(blocks=blocks)


_EMPHASIS = re.compile(r"\*\*(?P<b>[^*\n]+?)\*\*|(?<![*\w])\*(?P<i>[^*\s](?:[^*\n]*?[^*\s])?)\*(?![*\w])")


def _emphasis_spans(text: str, bold: bool) -> list[Span]:
    """A text export's "**bold**" and "*italic*" pairs as formatting, other stars as text."""
    spans, last = [], 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > last:
            spans.append(Span(text[last:match.start()], bold=bold))
        if match.group("b"):
            spans.append(Span(match.group("b"), bold=True))
        else:
            spans.append(Span(match.group("i"), bold=bold, italic=True))
        last = match.end()
    if last < len(text):
        spans.append(Span(text[last:], bold=bold))
    return spans or [Span(text, bold=bold)]


# --- the type ---------------------------------------------------------------------------

def _labels(types: dict[str, DocType]) -> dict[str, str]:
    labels = {}
    for doctype in types.values():
        for label in (doctype.label, *doctype.other_labels):
            labels[" ".join(fold(label).upper().split())] = label
    return labels


def _type_of_label(label: str, types: dict[str, DocType], *, central: bool) -> DocType | None:
    wanted = " ".join(fold(label).upper().split())
    regulation = types.get(REGULATION)
    if central and regulation is not None and wanted in {" ".join(fold(x).upper().split())
                                                         for x in (regulation.label, *regulation.other_labels)}:
        return regulation
    for doctype in types.values():
        if doctype.code in (REGULATION, GENERIC):
            continue
        if wanted == " ".join(fold(doctype.label).upper().split()):
            return doctype
    if regulation is not None and wanted == " ".join(fold(regulation.label).upper().split()):
        return regulation
    return types.get(GENERIC)


def detect_type_by_sections(titles: list[str], types: dict[str, DocType]) -> DocType | None:
    """The type whose own sections the titles name best (at least two, words not keywords)."""
    best, score = None, 0.0
    for doctype in types.values():
        if not doctype.sections:
            continue
        hits: dict[int, float] = {}
        for title in titles:
            index = match_section(title, doctype.sections)
            if index is None:
                continue
            exact = any(comparable(title) == comparable(v) or comparable(title).startswith(comparable(v) + " ")
                        for v in [doctype.sections[index]["tieu_de"], *(doctype.sections[index].get("bien_the") or [])])
            hits[index] = max(hits.get(index, 0), 1.0 if exact else 0.5)
        total = sum(hits.values())
        if total > score:
            best, score = doctype, total
    return best if score >= 2 else None


def _torn(paragraphs: list[Paragraph]) -> bool:
    """A page torn from the middle of a document: it starts mid-sentence, or its first
    numbered part is not the first one ("III.", "2.", "Điều 5")."""
    texts = [p.plain for p in paragraphs if p.plain]
    if not texts:
        return True
    if texts[0][:1].islower():
        return True
    for text in texts:
        numbering = parse_numbering(text)
        if numbering.kind in ("roman", "upper", "decimal", "article", "part"):
            return numbering.numbers[0] > 1
    return False


def _registry_entry(registry: Registry | None, number: str, summary: str) -> Entry | None:
    if registry is None:
        return None
    if number:
        entry = registry.get(number.strip())
        if entry is not None:
            return entry
        if any(ch.isdigit() for ch in number):
            # The file says its own number: a trích yếu naming another document ("Hướng dẫn thực
            # hiện … Quy định số 69-QĐ/TW …") does not make it that document.
            return None
    if summary:
        wanted = comparable(summary)
        found = [e for e in registry.entries if e.subject and comparable(e.subject) in wanted]
        if len(found) == 1:
            return found[0]
    return None


# --- words of the title -----------------------------------------------------------------

def _title(doctype: DocType, label: str, summary: str, known: dict[str, str]) -> str:
    shown = (label or doctype.label).strip()
    kind = shown[:1].upper() + shown[1:].lower()
    if not summary:
        return kind
    cased = sentence_case(summary, known, first=False)
    if fold(cased).lower().startswith(fold(kind).lower()):
        return cased[:1].upper() + cased[1:]  # "Quy định xử lý …": the label is not said twice
    if cased == summary and not cased[:2].isupper() and not _starts_with_name(cased):
        cased = cased[:1].lower() + cased[1:]  # a trích yếu typed as a sentence
    return f"{kind} {cased}"


def _starts_with_name(text: str) -> bool:
    """"Đại hội chi bộ …", "Đảng …": the text opens with a proper name of data/ten-rieng.yml."""
    names, lower = proper_names()
    if any(text.lower().startswith(phrase.lower() + " ") for phrase in lower):
        return False
    return any(text == name or text.startswith(name + " ") or text.startswith(name + ",") for name in names)


def _year_month(meta: dict[str, Any], summary: str) -> tuple[int | None, int | None]:
    folded = fold(summary).lower()
    match = re.search(r"thang\s+(\d{1,2})\s*(?:/|-|\.|nam)\s*(\d{4})", folded)
    if match and 1 <= int(match.group(1)) <= 12:
        return int(match.group(2)), int(match.group(1))
    match = re.search(r"nam\s+hoc\s+(\d{4})", folded) or re.search(r"nam\s+(\d{4})", folded) or \
        re.search(r"nhiem\s+ky\s+(\d{4})", folded) or re.search(r"\b(19[5-9]\d|20\d\d)\b", folded)
    date = re.match(r"(\d{2})/(\d{2})/(\d{4})$", str(meta.get("ngay", "")))
    if match:
        year = int(match.group(1))
        month = int(date.group(2)) if date and int(date.group(3)) == year else None
        return year, month
    if date:
        return int(date.group(3)), int(date.group(2))
    return None, None


# --- the whole conversion ---------------------------------------------------------------

_EXPECTED = ("so", "ngay", "dia_danh", "cap_tren", "chi_bo", "tham_quyen", "chuc_vu", "nguoi_ky", "noi_nhan")
_SHOWN = {"so": "số văn bản", "ngay": "ngày ban hành", "dia_danh": "địa danh", "cap_tren": "cấp ủy cấp trên",
          "chi_bo": "chi bộ ban hành", "tham_quyen": "quyền hạn ký", "chuc_vu": "chức vụ người ký",
          "nguoi_ky": "người ký", "noi_nhan": "nơi nhận", "trich_yeu": "trích yếu"}


def _layout_table(table: Table) -> bool:
    """A table used for layout, not data: at most two columns, and it holds the
    document's own numbered parts (a Roman or PHẦN heading) in its cells."""
    if any(len(row) > 2 for row in table.rows):
        return False
    return any(parse_numbering(p.plain).kind in ("roman", "part", "chapter")
               for row in table.rows for cell in row for p in cell if len(p.plain) <= 200)


def _flatten_tables(blocks: list[Paragraph | Table]) -> list[Paragraph | Table]:
    """Tables holding the header or signature blocks read as their paragraphs."""
    out: list[Paragraph | Table] = []
    for block in blocks:
        if isinstance(block, Table):
            text = fold(" ".join(p.plain for row in block.rows for cell in row for p in cell)).upper()
            official = any(word in text for word in ("DANG CONG SAN VIET NAM", "NOI NHAN", "T/M", "TM.", "BI THU",
                                                      "CHI BO", "DANG BO", "DANG UY"))
            small = sum(len(p.plain) for row in block.rows for cell in row for p in cell) < 600
            if official and small and len(block.rows) <= 6:
                out.extend(p for row in block.rows for cell in row for p in cell)
                continue
            if _layout_table(block):
                # A whole document typed inside a one- or two-column table: read its text.
                out.extend(p for row in block.rows for cell in row for p in cell)
                continue
        out.append(block)
    return out


def convert(reading: Reading, settings: Settings, name: str, forced_type: str | None = None,
            registry: Registry | None = None) -> Imported:
    types = settings.types
    if forced_type and forced_type not in types:
        raise ImportError_(f"NH008 loại văn bản \"{forced_type}\" không có; hãy dùng TYPE= một trong: {', '.join(types)}.")
    blocks = _flatten_tables(reading.blocks)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    header = read_header(paragraphs, _labels(types))
    position = {id(block): index for index, block in enumerate(blocks)}  # by identity: equal texts recur
    start_block = position[id(paragraphs[header.end])] if header.end < len(paragraphs) else len(blocks)
    closing = read_closing(paragraphs, header.end)
    end_block = position[id(paragraphs[closing.start])] if closing.start < len(paragraphs) else len(blocks)
    body_blocks = blocks[start_block:end_block]
    body_paragraphs = [b for b in body_blocks if isinstance(b, Paragraph)]
    if not any(p.plain for p in body_paragraphs) and not any(isinstance(b, Table) for b in body_blocks):
        raise ImportError_(f"{name}: NH006 không tìm thấy nội dung văn bản (chỉ có phần đầu hoặc phần ký).")

    if not (header.label or header.meta or closing.meta) and _torn(body_paragraphs):
        raise ImportError_(f"{name}: NH007 có vẻ chỉ là một phần bị tách ra giữa một văn bản (không có phần đầu, "
                           "không có phần ký, bắt đầu giữa chừng); hãy nhập cả văn bản.")
    meta: dict[str, Any] = {}
    meta.update(header.meta)
    meta.update(closing.meta)
    notes = list(header.notes)
    number = str(meta.get("so", ""))
    central_number = bool(CENTRAL_NUMBER.search(number))
    central = header.issuer_central or central_number
    summary = str(meta.get("trich_yeu", ""))
    entry = _registry_entry(registry, number, summary) if (central or header.label) else None
    central = central or entry is not None

    doctype: DocType | None = types.get(forced_type or "")
    detected_by = "theo TYPE= đã chỉ" if doctype is not None else ""
    if doctype is None and header.label:
        doctype = _type_of_label(header.label, types, central=central)
        detected_by = f"theo dòng tên loại \"{header.label}\"" + (", văn bản của cấp trên" if central else "")
    if doctype is None:
        detected_by = "theo tên các mục"
        titles = []
        for paragraph in body_paragraphs:
            numbering = parse_numbering(paragraph.plain)
            if numbering.kind in ("roman", "upper", "decimal") and len(numbering.numbers) == 1:
                titles.append(numbering.rest)
        doctype = detect_type_by_sections(titles, types)
        if doctype is None:
            articles = sum(1 for p in body_paragraphs if parse_numbering(p.plain).kind == "article")
            doctype = types.get(REGULATION) if articles >= 2 and entry is not None else types.get(GENERIC)
            if doctype is not None and doctype.code == GENERIC:
                detected_by = "không có dòng tên loại nên nhập là văn bản khác"
    if doctype is None:  # pragma: no cover - data/loai-van-ban.yml without the generic type
        raise ImportError_(f"{name}: NH008 không nhận ra loại văn bản; hãy chỉ rõ, ví dụ TYPE=ke-hoach.")
    new_entry = None
    if doctype.code == REGULATION and central_number and header.label and (
            entry is None or not entry.page and code_key(entry.code) == code_key(number)):
        # A Central document with no record yet, or a record without a page: its own facts
        # make the record or fill its empty fields (marked so).
        new_entry = _entry_from_file(number, header, {**header.meta, **closing.meta}, summary)
    elif doctype.code == REGULATION and (entry is None or not entry.page) and types.get(GENERIC) is not None:
        # Never guess which cited document this is: keep it as a document of its own.
        which = f" ({entry.label} chưa có trang)" if entry is not None else ""
        notes.append(f"văn bản của cấp trên nhưng không xác định được trang quy định trong sổ văn bản dẫn chiếu"
                     f"{which}: đã nhập thành văn bản khác; nếu là toàn văn của một văn bản trong sổ, hãy ghi "
                     "trang của văn bản đó vào sổ (trường \"trang\") rồi nhập lại")
        doctype = types[GENERIC]

    headline_used = None
    if not summary:
        headline = next((p for p in body_paragraphs[:2] if p.plain and (p.bold or p.center or
                         p.plain.upper() == p.plain) and len(p.plain) < 200
                         and not parse_numbering(p.plain).numbered and not p.plain.endswith(":")), None)
        if headline is not None and not header.meta:
            # A reprint with no header: its headline is the trích yếu.
            summary = headline.plain
            meta["trich_yeu"] = summary
            body_blocks = [b for b in body_blocks if b is not headline]
            headline_used = headline

    # The place name of the file's own header is a proper name wherever the title says it.
    known = {word.lower(): word for word in str(meta.get("dia_danh", "")).split() if word[:1].isupper()}
    out: dict[str, Any] = {"title": _title(doctype, header.label, summary, known), "loai": doctype.code}
    if summary:
        out["trich_yeu"] = summary
    year, month = _year_month(meta, summary)
    if year is None and header.year:
        year = header.year  # "ngày … tháng … năm 2011": the year is kept, day and month left blank
    if doctype.code == GENERIC:
        out["ten_loai"] = (header.label or "").upper() or "VĂN BẢN"
    if "thang" in doctype.attributes and doctype.code != GENERIC:
        out["thang"] = f"{year}-{month:02d}" if year and month else ""
        issued = re.match(r"\d{2}/(\d{2})/(\d{4})$", str(meta.get("ngay", "")))
        if not out["thang"] and issued:
            # A congress or conference resolution: the month it was adopted.
            out["thang"] = f"{issued.group(2)}-{issued.group(1)}"
        if not out["thang"]:
            notes.append("chưa rõ tháng của nghị quyết (thang): hãy điền dạng năm-tháng, ví dụ 2022-03")
    if "nam" in doctype.attributes:
        out["nam"] = year if year else ""
        if not year:
            notes.append("chưa rõ năm của văn bản (nam): hãy điền, ví dụ 2022")
    for key in _EXPECTED:
        if key not in doctype.attributes:
            continue
        value = meta.get(key)
        if value:
            out[key] = value
        else:
            out[key] = [] if key == "noi_nhan" else ""
            notes.append(f"văn bản gốc không ghi {_SHOWN[key]} ({key}): để trống, không tự điền")
    if meta.get("nhiem_ky"):
        out["nhiem_ky"] = meta["nhiem_ky"]
    if out.get("ngay") and not date_exists(str(out["ngay"])):
        notes.append(f"ngày \"{out['ngay']}\" trong văn bản gốc không có thật: hãy kiểm tra lại")
    if doctype.code == REGULATION:
        label = entry.label if entry else f"{new_entry['loai']} {number}" if new_entry else out["title"]
        out = {"title": label, "loai": REGULATION, "ma": entry.code if entry else number}
    out["nhap"] = True
    stamps = {stamp(p.plain) for p in paragraphs[:20] + paragraphs[-12:]}
    if "mat" in stamps:
        # A document stamped secret never leaves the machine, whatever is done to nhap.
        out["mat"] = True
        notes.insert(0, "văn bản gốc có dấu MẬT: đã ghi \"mat: true\", văn bản sẽ không bao giờ được đăng")
    if "nhap" in stamps:
        notes.append("văn bản gốc ghi DỰ THẢO")
    if reading.dropped_images:
        notes.append(f"văn bản có {reading.dropped_images} hình ảnh chưa được nhập: hãy thêm vào trang nếu cần")
    notes.extend(_conversion_notes(reading))
    markdown = body_md.to_markdown(body_blocks, doctype.sections_for({**out, **meta}))
    lead = [text for line in header.to_body for text, place in header.fates[line] if place == BODY]
    if lead:
        notes.append("các dòng ở phần đầu không nhận ra được (" + "; ".join(f"\"{t}\"" for t in lead) +
                     "): đã giữ ở đầu nội dung, hãy xem lại")
    if closing.leftover:
        notes.append("các dòng ở khối ký không nhận ra được (" + "; ".join(f"\"{t}\"" for t in closing.leftover) +
                     "): đã giữ ở cuối nội dung, hãy xem lại")
    markdown = _plain_lines(lead) + markdown + ("\n" + _plain_lines(closing.leftover) if closing.leftover else "")
    lines = _fates(blocks, paragraphs, header, closing, start_block, end_block, headline_used)
    replaces = sorted({m.group("code").replace(" ", "") for p in body_paragraphs for m in _REPLACES.finditer(p.plain)
                       if code_key(m.group("code")) != code_key(number)}) if doctype.code == REGULATION else []
    facts = {**header.meta, **closing.meta, **({"trich_yeu": summary} if summary else {}),
             **({"nam": header.year} if header.year else {})}
    if header.label:
        facts["ten_loai"] = header.label
    return Imported(doc_type=doctype, meta=out, body=markdown, notes=notes, entry=entry, year=year, month=month,
                    detected_by=detected_by, lines=lines, facts=facts, new_entry=new_entry, replaces=replaces)


# "…/TW", "…/BCTW", "-HD/UBKTTW", "-HD/BTCTW": a number given by a Central body.
CENTRAL_NUMBER = re.compile(r"\d\s*[-/]\s*[A-ZĐ]{1,4}\s*/\s*[A-ZĐ]{0,5}TW\b", re.IGNORECASE)
_KINDS = r"Quy\s+định|Chỉ\s+thị|Nghị\s+quyết|Hướng\s+dẫn|Kết\s+luận|Quy\s+chế"
_REPLACES = re.compile(rf"thay\s+thế\s+(?:cho\s+)?(?:(?:{_KINDS})\s+)?(?:số\s+)?"
                       r"(?P<code>\d{1,4}\s*[-/]\s*[A-ZĐ]{2,3}\s*[-/]\s*[A-ZĐ]{0,5}TW)\b", re.IGNORECASE)


def _issuer_of(header, facts: dict[str, Any]) -> str:
    """The Central body issuing the document: the one it signs for ("T/M BỘ CHÍNH TRỊ"),
    else its last issuer line; "ỦY BAN KIỂM TRA" under "BAN CHẤP HÀNH TRUNG ƯƠNG" is the
    Central one."""
    authority = str(facts.get("tham_quyen", ""))
    body = re.sub(r"^(T\s*/\s*M|TM\.?|K\s*/\s*T|KT\.?|TL\.?|T\s*/\s*L)\s+", "", authority).strip()
    names = [str(facts.get(k, "")) for k in ("cap_tren", "chi_bo") if facts.get(k)]
    body = body or (names[-1] if names else "")
    if not body:
        return ""
    folded = fold(body).upper()
    central_lines = any("TRUNG UONG" in fold(n).upper() for n in names)
    if central_lines and "TRUNG UONG" not in folded and not folded.startswith(("BO CHINH TRI", "BAN BI THU")):
        body = f"{body} TRUNG ƯƠNG"
    return sentence_case(body.upper())


def _entry_from_file(number: str, header, facts: dict[str, Any], summary: str) -> dict[str, Any]:
    """Registry fields of a Central document, from what its own file says (nothing else)."""
    kind = sentence_case(header.label.upper()) if header.label else ""
    signer_title = ", ".join(str(facts[k]) for k in ("tham_quyen", "chuc_vu") if facts.get(k))
    # a date left blank ("Hà Nội, ngày … tháng … năm"): its line is kept in the record's note
    notes = [f"Ngày ban hành trong tệp để trống: \"{header.date_written}\"."] if header.date_written and \
        not facts.get("ngay") else []
    issuer = _issuer_of(header, facts)
    # the issuer block as typed, when the body signing ("T/M BAN BÍ THƯ") is not the one it names
    block = [str(facts[k]) for k in ("cap_tren", "chi_bo") if facts.get(k)]
    if block and not any(comparable(issuer) in comparable(line) for line in block):
        notes.append("Phần đầu tệp ghi: " + " / ".join(f"\"{line}\"" for line in block) + ".")
    return {"ghi_chu": " ".join(notes), "ma": number, "loai": kind, "co_quan": issuer, "khoa": "",
            "ngay": str(facts.get("ngay", "")), "nguoi_ky": str(facts.get("nguoi_ky", "")),
            "chuc_vu_ky": signer_title, "trich_yeu": sentence_case(summary) if summary else "",
            "tinh_trang": "", "thay_the_boi": "", "ngay_thay_the": "", "ten_goi_khac": []}


_FAMILIES = {"tcvn3": "gõ bằng phông TCVN3 (.VnTime …)", "vni": "gõ bằng phông VNI (VNI-Times …)",
             "tcvn3-fragment": "có chữ TCVN3 dán lẫn trong văn bản Unicode"}


def _conversion_notes(reading: Reading) -> list[str]:
    """Which paragraphs were converted from an old encoding, so the author can reread them."""
    notes = []
    listed = [(n, p) for n, p in enumerate(reading.paragraphs(), start=1) if p.converted and p.plain]
    for family in sorted({p.converted for _, p in listed}):
        mine = [(n, p.plain) for n, p in listed if p.converted == family]
        shown = "; ".join(f"đoạn {n} \"{' '.join(text.split()[:6])}{' …' if len(text.split()) > 6 else ''}\""
                          for n, text in mine[:8])
        more = f" và {len(mine) - 8} đoạn khác" if len(mine) > 8 else ""
        notes.append(f"đã chuyển sang Unicode {len(mine)} đoạn {_FAMILIES.get(family, family)}: {shown}{more}; "
                     "hãy đọc lại cho chắc")
    return notes


def _plain_lines(texts: list[str]) -> str:
    """Lines kept as plain paragraphs (never headings), escaped."""
    return "".join(protect_line_start(escape_inline(text)) + "\n\n" for text in texts)


def _fates(blocks: list[Paragraph | Table], paragraphs: list[Paragraph], header, closing, start_block: int,
           end_block: int, headline: Paragraph | None) -> list[Line]:
    """Where every non-empty input line went (the conservation of text, see ``Line``)."""
    index_of = {id(p): i for i, p in enumerate(paragraphs)}
    out: list[Line] = []
    counter = [0]

    def add(text: str, place: str, same_line: bool = False) -> None:
        counter[0] += 0 if same_line else 1
        out.append(Line(counter[0], text, place))

    for position, block in enumerate(blocks):
        if isinstance(block, Table):
            inside = start_block <= position < end_block
            for row in block.rows:
                for cell in row:
                    for paragraph in cell:
                        if paragraph.plain:
                            add(paragraph.plain, BODY if inside else "")
            continue
        if not block.plain:
            continue
        index = index_of[id(block)]
        fates = header.fates.get(index) if index < header.end or index in header.to_body else None
        if fates is None and index >= closing.start:
            fates = closing.fates.get(index)
        if fates:
            for position_in_line, (text, place) in enumerate(fates):
                add(text, place, same_line=position_in_line > 0)
        elif block is headline:
            add(block.plain, "trich_yeu")
        elif start_block <= position < end_block:
            add(block.plain, SEPARATOR if body_md.is_divider(block.plain) else BODY)
        else:
            add(block.plain, "")
    return out
