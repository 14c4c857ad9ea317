"""Generate the Word corpus: the same kinds of content in every shape real secretaries type.

    python -m tests.wordcorpus.make_corpus DEST      # writes DEST/*.docx, prints the cases

Each :class:`Case` says what a reader of the Word file sees — the type, the header
facts (``None`` when the file does not have them), the headings (number as shown and
title) and every sentence of the body — so the import can be checked against it. Shapes:
numbering typed every way or made by Word's automatic numbering, heading styles, bold or
capital lines; every bullet (typed, Symbol font, Word lists, nested by marker or by
indentation); the header as a table, as lines, as tab-separated columns, glued, or absent;
TCVN3 and VNI fonts and TCVN3 words pasted into Unicode text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from chibo.reading.legacy import decode, encode
from tests.wordcorpus.content import DOCUMENTS, REGULATION_TEXT

# Phrases that arrive pasted from TCVN3 documents in the "fragments" shape.
PASTED = ("cấp Tiểu học", "học tập nghị quyết", "năm học mới", "đảng viên dự bị", "phòng học bộ môn",
          "trách nhiệm cao", "kết nạp đảng viên mới")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
ORDINAL = ["NHẤT", "HAI", "BA", "TƯ", "NĂM"]
LETTERS = "abcdeghik"


@dataclass
class Shape:
    numbering: str = "dot"      # dot nospace dash colon slash paren auto web-twice arabic heading-style bold-only
    bullets: tuple[str, str] = ("-", "+")   # markers for depth 0 and 1; "symbol", "word", "indent"
    header: str = "table"       # table lines tabs glued stars none
    closing: str = "lines"      # lines table tabs none
    encoding: str = "unicode"   # unicode tcvn3 vni fragments
    summary: str = "normal"     # normal caps two-lines
    number: str = "Số 01-{abbr}/CB"
    part: str = "PHẦN {roman}:"  # or "PHẦN THỨ {ordinal}" (title on the next line) or "Phần {roman}."
    date: str = "Mỹ Hưng, ngày 15 tháng 3 năm 2023"
    date_value: str | None = "15/03/2023"   # what the date line says; None when day and month are blank


@dataclass
class Case:
    name: str
    klass: str                  # ke-hoach nghi-quyet bao-cao van-ban-goc chung hong
    expected_type: str | None
    well_formed: bool = True
    facts: dict[str, str | None] = field(default_factory=dict)
    headings: list[tuple[int, str]] = field(default_factory=list)  # (depth, "I. ĐẶC ĐIỂM …") as shown
    sentences: list[str] = field(default_factory=list)
    refusal: str = ""           # for bad files: words the message must contain
    title: str | None = None    # the page title expected, when the case says


class Writer:
    """A python-docx document with the OOXML python-docx has no API for."""

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.word = WordDocument()
        self._numbering()

    # -- numbering.xml: Roman/decimal/letter headings and a Symbol bullet list ----------
    def _numbering(self) -> None:
        numbering = self.word.part.numbering_part.element
        definitions = {
            "901": [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")],
            "902": [("bullet", "\uf0b7"), ("bullet", "o"), ("bullet", "\uf0a7")],
        }
        for abstract_id, levels in definitions.items():
            abstract = OxmlElement("w:abstractNum")
            abstract.set(qn("w:abstractNumId"), abstract_id)
            for ilvl, (fmt, text) in enumerate(levels):
                lvl = OxmlElement("w:lvl")
                lvl.set(qn("w:ilvl"), str(ilvl))
                for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
                    element = OxmlElement(tag)
                    element.set(qn("w:val"), value)
                    lvl.append(element)
                ppr = OxmlElement("w:pPr")
                ind = OxmlElement("w:ind")
                ind.set(qn("w:left"), str(720 * (ilvl + 1)))
                ind.set(qn("w:hanging"), "360")
                ppr.append(ind)
                lvl.append(ppr)
                if fmt == "bullet" and "\uf000" <= text[:1] <= "\uf0ff":
                    rpr = OxmlElement("w:rPr")
                    fonts = OxmlElement("w:rFonts")
                    fonts.set(qn("w:ascii"), "Symbol" if text == "\uf0b7" else "Wingdings")
                    fonts.set(qn("w:hAnsi"), fonts.get(qn("w:ascii")))
                    rpr.append(fonts)
                    lvl.append(rpr)
                abstract.append(lvl)
            numbering.insert(0, abstract)
            num = OxmlElement("w:num")
            num.set(qn("w:numId"), abstract_id)
            ref = OxmlElement("w:abstractNumId")
            ref.set(qn("w:val"), abstract_id)
            num.append(ref)
            numbering.append(num)

    def _text(self, text: str, caps: bool) -> tuple[str, str | None]:
        encoding = self.shape.encoding
        if encoding == "tcvn3":
            return (encode(text, "tcvn3-upper"), ".VnTimeH") if caps else (encode(text, "tcvn3"), ".VnTime")
        if encoding == "vni":
            return encode(text, "vni"), "VNI-Times"
        if encoding == "fragments" and not caps:
            # Phrases pasted from an old TCVN3 document into Unicode text ("cÊp TiÓu häc").
            for phrase in PASTED:
                text = text.replace(phrase, encode(phrase, "tcvn3"))
            return text, "Times New Roman"
        return text, None

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False, center: bool = False,
                  style: str | None = None, num: tuple[str, int] | None = None, indent: float | None = None,
                  symbol: bool = False, container=None):
        target = container if container is not None else self.word
        paragraph = target.add_paragraph(style=style) if style else target.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent is not None:
            paragraph.paragraph_format.left_indent = Cm(indent)
        if num is not None:
            ppr = paragraph._p.get_or_add_pPr()
            num_pr = OxmlElement("w:numPr")
            ilvl = OxmlElement("w:ilvl")
            ilvl.set(qn("w:val"), str(num[1]))
            num_id = OxmlElement("w:numId")
            num_id.set(qn("w:val"), num[0])
            num_pr.append(ilvl)
            num_pr.append(num_id)
            ppr.append(num_pr)
        if symbol:
            run = paragraph.add_run()
            sym = OxmlElement("w:sym")
            sym.set(qn("w:font"), "Symbol")
            sym.set(qn("w:char"), "F0B7")
            run._r.append(sym)
            paragraph.add_run("\t")
        for position, piece in enumerate(text.split("\t")):
            if position:
                paragraph.add_run().add_tab()
            if not piece:
                continue
            stored, font = self._text(piece, caps=piece.upper() == piece and any(c.isalpha() for c in piece))
            run = paragraph.add_run(stored)
            run.bold, run.italic = bold, italic
            if font:
                run.font.name = font
        return paragraph

    def cell_lines(self, cell, lines: list[tuple[str, bool]]) -> None:
        first = True
        for text, bold in lines:
            if first:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                stored, font = self._text(text, caps=text.upper() == text)
                run = cell.paragraphs[0].add_run(stored)
                run.bold = bold
                if font:
                    run.font.name = font
                first = False
            else:
                self.paragraph(text, bold=bold, center=True, container=cell)

    def save(self, path: Path) -> None:
        self.word.save(path)


def shown(text: str, shape: Shape, caps: bool | None = None) -> str:
    """What a reader of the Word file sees: TCVN3 cannot hold capital toned letters in a
    lower-case font, so those read as small letters there (as they did on screen)."""
    if shape.encoding == "tcvn3":
        caps = text.upper() == text if caps is None else caps
        return decode(encode(text, "tcvn3-upper" if caps else "tcvn3"), "tcvn3-upper" if caps else "tcvn3")
    return text


# --- one document --------------------------------------------------------------------------

def write_document(path: Path, kind: str, shape: Shape, *, issuer: tuple[str, str] | None = None,
                   number: str | None = None, signer: str | None = "Nguyễn Thị Minh Hằng",
                   label: str | None = None, summary: str | None = None, body=None,
                   hostile: bool = False, title: str | None = None) -> Case:
    default_label, default_summary, default_body, expected_type, abbr = DOCUMENTS.get(
        kind, ("QUY ĐỊNH", "", REGULATION_TEXT, "quy-dinh", "QĐ"))
    label = label or default_label
    summary = summary if summary is not None else default_summary
    body = body if body is not None else default_body
    superior, cell = issuer or ("ĐẢNG BỘ XÃ MỸ HƯNG", "CHI BỘ TRƯỜNG TIỂU HỌC MỸ HƯNG")
    number_text = number if number is not None else shape.number.format(abbr=abbr)
    writer = Writer(shape)
    case = Case(name=path.name, klass="", expected_type=expected_type, title=title)
    facts: dict[str, str | None] = {"cap_tren": None, "chi_bo": None, "so": None, "ngay": None,
                                    "trich_yeu": None, "nguoi_ky": None}

    # the header blocks
    date_line = shape.date
    number_value = number_text.removeprefix("Số:").removeprefix("Số").strip() if number_text else ""
    if shape.header != "none":
        facts.update(cap_tren=shown(superior, shape, True), chi_bo=shown(cell, shape, True),
                     so=shown(number_value, shape) or None, ngay=shape.date_value)
        party = "ĐẢNG CỘNG SẢN VIỆT NAM"
        if shape.header == "table":
            table = writer.word.add_table(rows=1, cols=2)
            left, right = table.rows[0].cells
            writer.cell_lines(left, [(superior, False), (cell, True), ("*", False)] +
                              ([(number_text, False)] if number_text else []))
            writer.cell_lines(right, [(party, True), (date_line, False)])
        elif shape.header in ("lines", "stars"):
            writer.paragraph(superior)
            writer.paragraph(cell, bold=True)
            writer.paragraph("*****" if shape.header == "stars" else "*")
            if number_text:
                writer.paragraph(number_text)
            writer.paragraph(party, bold=True, center=True)
            writer.paragraph(date_line, italic=True, center=True)
        elif shape.header == "tabs":
            writer.paragraph(f"{superior}\t\t{party}", bold=True)
            writer.paragraph(f"{cell}\t\t*")
            writer.paragraph(f"{number_text}\t\t{date_line}" if number_text else f"\t\t{date_line}")
        elif shape.header == "congress":
            # issue 20: "ĐẠI HỘI" alone above the cell, the term line, stars, then "S:" typed short
            writer.paragraph(superior)
            writer.paragraph("ĐẠI HỘI", bold=True)
            writer.paragraph(cell, bold=True)
            writer.paragraph("NHIỆM KỲ 2020-2022", bold=True)
            writer.paragraph("*********")
            writer.paragraph(party, bold=True, center=True)
            writer.paragraph(f"S:   {number_value}")
            writer.paragraph(date_line, italic=True, center=True)
            facts["chi_bo"] = shown(f"ĐẠI HỘI {cell}", shape, True)
        elif shape.header == "glued":
            writer.paragraph(f"{superior}{cell}", bold=True)
            writer.paragraph(f"{number_text}\t\t{party}" if number_text else party)
            writer.paragraph(date_line, italic=True, center=True)
        if not number_text:
            facts["so"] = None
    # type and trích yếu
    if shape.summary == "caps":
        writer.paragraph(label, bold=True, center=True)
        writer.paragraph(summary.upper(), bold=True, center=True)
        facts["trich_yeu"] = shown(summary.upper(), shape, True)
    elif shape.summary == "two-lines":
        words = summary.upper().split()
        half = len(words) // 2
        writer.paragraph(label, bold=True, center=True)
        writer.paragraph(" ".join(words[:half]), bold=True, center=True)
        writer.paragraph(" ".join(words[half:]), bold=True, center=True)
        facts["trich_yeu"] = shown(" ".join(words), shape, True)
    elif shape.summary == "glued-label":
        writer.paragraph(f"{label} {summary.upper()}", bold=True, center=True)
        facts["trich_yeu"] = shown(summary.upper(), shape, True)
    else:
        writer.paragraph(label, bold=True, center=True)
        writer.paragraph(summary, bold=True, center=True)
        facts["trich_yeu"] = shown(summary, shape, False)
    writer.paragraph("-----", center=True)

    # the body
    _write_body(writer, shape, body, case, hostile=hostile)

    # the closing blocks
    recipients = ["Đảng ủy xã;", "Các đảng viên;", "Lưu."]
    if shape.closing != "none" and signer:
        facts["nguoi_ky"] = shown(signer, shape, False)
        if shape.closing == "table":
            table = writer.word.add_table(rows=1, cols=2)
            left, right = table.rows[0].cells
            writer.cell_lines(left, [("Nơi nhận:", True)] + [(f"- {r}", False) for r in recipients])
            writer.cell_lines(right, [("T/M CHI BỘ", True), ("BÍ THƯ", True), ("(Đã ký)", False), (signer, True)])
        elif shape.closing == "tabs":
            writer.paragraph("Nơi nhận:\t\t\tT/M CHI BỘ", bold=True)
            writer.paragraph(f"- {recipients[0]}\t\t\tBÍ THƯ")
            for recipient in recipients[1:]:
                writer.paragraph(f"- {recipient}")
            writer.paragraph(signer, bold=True, center=True)
        else:
            writer.paragraph("Nơi nhận:", bold=True)
            for recipient in recipients:
                writer.paragraph(f"- {recipient}")
            writer.paragraph("T/M CHI BỘ", bold=True, center=True)
            writer.paragraph("BÍ THƯ", bold=True, center=True)
            writer.paragraph(signer, bold=True, center=True)
    if shape.header == "none":
        for key in ("cap_tren", "chi_bo", "so", "ngay"):
            facts[key] = None
    case.facts = facts
    writer.save(path)
    return case


def _marker(kind: str, index: int, shape: Shape, parents: tuple[int, ...]) -> str:
    style = shape.numbering
    if kind == "section":
        if style == "arabic":
            return f"{index}."
        numeral = ROMAN[index - 1]
        return {"dot": f"{numeral}.", "nospace": f"{numeral}.", "dash": f"{numeral}-", "colon": f"{numeral}:",
                "slash": f"{numeral}/", "paren": f"{numeral})", "web-twice": f"{numeral}.",
                "heading-style": f"{numeral}.", "auto": f"{numeral}."}.get(style, f"{numeral}.")
    if kind == "sub":
        return f"{parents[0]}.{index}." if style == "arabic" and parents[0] else f"{index}."
    if kind == "item":
        return f"{LETTERS[index - 1]})"
    return ""


def _write_body(writer: Writer, shape: Shape, body, case: Case, *, hostile: bool) -> None:
    counters = {"part": 0, "section": 0, "sub": 0, "item": 0, "chapter": 0, "article": 0, "decision": 0}
    has_parts = any(kind in ("part", "chapter") for kind, *_ in body)
    for element in body:
        kind = element[0]
        if kind in ("part", "chapter"):
            counters[kind] += 1
            counters["section"] = 0
            title = element[1]
            if kind == "chapter":
                marker = f"Chương {ROMAN[counters[kind] - 1]}"
                writer.paragraph(marker, bold=True, center=True)
                writer.paragraph(title, bold=True, center=True)
                case.headings.append((0, f"{marker} {shown(title, shape)}"))
            elif shape.part.startswith("PHẦN THỨ"):
                marker = f"PHẦN THỨ {ORDINAL[counters[kind] - 1]}"
                writer.paragraph(marker, bold=True, center=True)
                writer.paragraph(title, bold=True, center=True)
                case.headings.append((0, f"{shown(marker, shape)} {shown(title, shape)}"))
            else:
                marker = shape.part.format(roman=ROMAN[counters[kind] - 1])
                writer.paragraph(f"{marker} {title}", bold=True)
                case.headings.append((0, f"{shown(marker, shape)} {shown(title, shape)}"))
            continue
        if kind in ("section", "sub", "item", "article"):
            counters[kind] += 1
            if kind == "section":
                counters["sub"] = 0
            if kind == "sub":
                counters["item"] = 0
            title = element[1]
            depth = {"section": 0, "sub": 1, "item": 2, "article": 0}[kind] + (1 if has_parts else 0)
            if kind == "article":
                marker = f"Điều {counters['article']}."
                writer.paragraph(f"{marker} {title}", bold=True)
                case.headings.append((depth, f"{marker} {shown(title, shape)}"))
                continue
            if kind == "section" and shape.numbering == "bold-only":
                writer.paragraph(title.capitalize() if title.isupper() else title, bold=True)
                case.headings.append((depth, shown(title.capitalize(), shape, False)))
                continue
            marker = _marker(kind, counters[kind], shape, (counters["section"],))
            text_title = title if kind == "section" else title + ":"
            if shape.numbering == "auto":
                level = {"section": 0, "sub": 1, "item": 2}[kind]
                writer.paragraph(text_title, bold=True, num=("901", level))
            elif shape.numbering == "heading-style":
                level = {"section": 1, "sub": 2, "item": 3}[kind]
                writer.paragraph(f"{marker} {text_title}", style=f"Heading {level}")
            elif shape.numbering == "web-twice" and kind in ("section", "sub"):
                writer.paragraph(f"{counters[kind]}. {marker}{text_title}", bold=True)
            elif shape.numbering == "nospace":
                writer.paragraph(f"{marker}{text_title}", bold=True)
            else:
                writer.paragraph(f"{marker} {text_title}", bold=True)
            case.headings.append((depth, f"{marker} {shown(text_title, shape)}"))
            continue
        if kind == "text":
            text = element[1]
            if hostile and counters["section"] == 1:
                text += " <script>alert('x')</script> {: onclick=\"x\" } [xem](javascript:alert(1))"
            writer.paragraph(text)
            case.sentences.append(_expected(writer, text, shape))
        elif kind == "label":
            text = element[1]
            writer.paragraph(f"* {text}" if shape.bullets[0] == "*" else text, bold=shape.bullets[0] != "*")
            case.sentences.append(shown(text, shape))
        elif kind == "decision":
            counters["decision"] += 1
            writer.paragraph(f"{counters['decision']}. {element[1]}")
            case.sentences.append(f"{counters['decision']}. {_expected(writer, element[1], shape)}")
        elif kind == "bullet":
            depth, text = element[1], element[2]
            marker = shape.bullets[min(depth, 1)]
            if marker == "word":
                writer.paragraph(text, style="List Bullet" if depth == 0 else "List Bullet 2")
            elif marker == "wordsymbol":
                writer.paragraph(text, num=("902", depth))
            elif marker == "symbol":
                writer.paragraph(text, symbol=True, indent=0.6 + depth)
            elif marker == "indent":
                writer.paragraph(f"- {text}", indent=0.5 + 1.2 * depth)
            elif marker.endswith("nospace"):
                writer.paragraph(f"{marker[0]}{text}")
            else:
                writer.paragraph(f"{marker} {text}")
            case.sentences.append(_expected(writer, text, shape))


def _expected(writer: Writer, text: str, shape: Shape) -> str:
    if shape.encoding == "fragments":
        return text  # the pasted TCVN3 word must come back as it was
    return shown(text, shape, False)


# --- the corpus ---------------------------------------------------------------------------

SHAPES: list[tuple[str, str, Shape, dict]] = [
    # name, kind, shape, extra arguments
    ("kh-nam-la-ma-cham", "plan-year", Shape(), {}),
    ("kh-nam-la-ma-lien", "plan-year", Shape(numbering="nospace", bullets=("–", "+")), {}),
    ("kh-nam-la-ma-gach", "plan-year", Shape(numbering="dash", bullets=("—", "•"), header="lines"), {}),
    ("kh-nam-la-ma-hai-cham", "plan-year", Shape(numbering="colon", bullets=("•", "o"), header="tabs"), {}),
    ("kh-nam-la-ma-xien", "plan-year", Shape(numbering="slash", bullets=("+", "-"), header="glued"), {}),
    ("kh-nam-la-ma-ngoac", "plan-year", Shape(numbering="paren", bullets=("*", "-"), header="stars"), {}),
    ("kh-nam-so-tu-dong", "plan-year", Shape(numbering="auto", bullets=("word", "word")), {}),
    ("kh-nam-chep-web", "plan-year", Shape(numbering="web-twice", bullets=("o", "-")), {}),
    ("kh-nam-so-a-rap", "plan-year", Shape(numbering="arabic", bullets=("-", "+")), {}),
    ("kh-nam-kieu-heading", "plan-year", Shape(numbering="heading-style", bullets=("symbol", "symbol")), {}),
    ("kh-nam-in-dam", "plan-year", Shape(numbering="bold-only", bullets=("indent", "indent")), {}),
    ("kh-nam-ky-hieu-word", "plan-year", Shape(bullets=("wordsymbol", "wordsymbol"), header="lines"), {}),
    ("kh-nam-gach-lien", "plan-year", Shape(bullets=("-nospace", "+nospace"), summary="caps"), {}),
    ("kh-nam-tcvn3", "plan-year", Shape(encoding="tcvn3", header="lines", summary="caps"), {}),
    ("kh-nam-vni", "plan-year", Shape(encoding="vni", bullets=("–", "+")), {}),
    ("kh-nam-tcvn3-dan-lan", "plan-year", Shape(encoding="fragments"), {}),
    ("kh-nam-hoc", "plan-school-year", Shape(summary="caps", number="Số: 24/KH-CB"), {}),
    ("kh-nam-hoc-hai-dong", "plan-school-year", Shape(summary="two-lines", header="tabs"), {}),
    ("kh-chuyen-de", "plan-topic", Shape(numbering="dash", number="Số ….. /KH-CB"), {}),
    ("kh-chuyen-de-vni", "plan-topic", Shape(encoding="vni", header="lines"), {}),
    ("kh-khong-dau", "plan-year", Shape(header="none", closing="none"), {"signer": None}),
    ("kh-khong-nguoi-ky", "plan-year", Shape(closing="none"), {"signer": None}),
    ("kh-doc-hai", "plan-year", Shape(), {"hostile": True}),
    ("nq-thang", "resolution-month", Shape(number="Số 05-NQ/CB"), {}),
    ("nq-thang-bang-ky", "resolution-month", Shape(closing="table", header="lines"), {}),
    ("nq-thang-tab-ky", "resolution-month", Shape(closing="tabs", numbering="auto"), {}),
    ("nq-thang-tcvn3", "resolution-month", Shape(encoding="tcvn3", header="table"), {}),
    ("nq-thang-dan-lan", "resolution-month", Shape(encoding="fragments", bullets=("–", "+")), {}),
    ("nq-dai-hoi", "resolution-congress", Shape(summary="caps"), {}),
    ("nq-dai-hoi-dong", "resolution-congress", Shape(summary="two-lines", header="glued"), {}),
    ("nq-hoi-nghi", "resolution-conference", Shape(numbering="paren"), {}),
    ("bc-tong-ket-phan", "report-year", Shape(number="Số: 10/ BCTK"), {}),
    ("bc-tong-ket-phan-thu", "report-year", Shape(part="PHẦN THỨ {ordinal}", summary="two-lines"), {}),
    ("bc-tong-ket-phan-thuong", "report-year", Shape(part="Phần {roman}.", bullets=("•", "o")), {}),
    ("bc-tong-ket-tcvn3", "report-year", Shape(encoding="tcvn3", number="Số ….. /BC-CB"), {}),
    ("bc-so-ket", "report-midterm", Shape(number="01-BC/CB"), {}),
    ("bc-so-ket-a-rap", "report-midterm", Shape(numbering="arabic", header="tabs"), {}),
    ("bc-so-ket-vni", "report-midterm", Shape(encoding="vni", numbering="auto"), {}),
    ("kl-chi-bo", "conclusion", Shape(numbering="arabic"), {}),
    ("tb-ket-luan", "notice", Shape(numbering="arabic", header="lines", summary="caps"), {}),
    ("ctr-hanh-dong", "program", Shape(), {}),
    ("ctr-hanh-dong-tcvn3", "program", Shape(encoding="tcvn3"), {}),
    # issue 20: dates left blank for handwriting or aligned with spaces, a congress issuer block,
    # a Central guidance not in the registry whose trích yếu begins "THỰC HIỆN", titles to case
    ("bc-ngay-de-trong", "report-year", Shape(header="tabs", date="Tân Thái, ngày     tháng    năm 2023",
                                              date_value=None), {}),
    ("kh-ngay-canh-le", "plan-year", Shape(header="lines", date="Mỹ Hưng, ngày  15  tháng 03   năm 2023"), {}),
    ("bc-dai-hoi-khoi-la", "report-year", Shape(header="congress", number="-BC/CB"), {}),
    ("kh-chuyen-de-vi-pham", "plan-topic", Shape(summary="caps"),
     {"summary": "Chuyên đề năm 2023 phòng ngừa đảng viên vi phạm những điều đảng viên không được làm, làm theo Bác Hồ",
      "title": "Kế hoạch chuyên đề năm 2023 phòng ngừa đảng viên vi phạm những điều đảng viên không được làm, làm theo Bác Hồ"}),
    ("hd-ubkt-thuc-hien", "regulation", Shape(header="lines", summary="caps"),
     {"issuer": ("BAN CHẤP HÀNH TRUNG ƯƠNG", "ỦY BAN KIỂM TRA"), "number": "Số 906-HD/UBKTTW", "label": "HƯỚNG DẪN",
      "summary": "Thực hiện một số điều trong quy định về xử lý kỷ luật đảng viên vi phạm",
      "signer": "Nguyễn Văn Thử"}),
    ("qd-213-toan-van", "regulation", Shape(header="table"),
     {"issuer": ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BỘ CHÍNH TRỊ"), "number": "Số 213-QĐ/TW", "label": "QUY ĐỊNH",
      "summary": "Về trách nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng và "
                 "nhân dân nơi cư trú", "signer": "(Văn bản thử nghiệm)"}),
    ("ct-05-toan-van", "regulation", Shape(header="lines"),
     {"issuer": ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BỘ CHÍNH TRỊ"), "number": "Số 05-CT/TW", "label": "CHỈ THỊ",
      "summary": "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
      "signer": "(Văn bản thử nghiệm)"}),
    ("qd-55-dang-lai", "regulation", Shape(header="none", closing="none", summary="glued-label"),
     {"label": "QUY ĐỊNH", "summary": "Về những việc cần làm ngay để tăng cường vai trò nêu gương của cán bộ, "
                                    "đảng viên", "signer": None}),
]

CLASS_OF = {"ke-hoach": "ke-hoach", "nghi-quyet": "nghi-quyet", "bao-cao": "bao-cao", "quy-dinh": "van-ban-goc",
            "van-ban": "chung"}


def _bad_files(dest: Path) -> list[Case]:
    cases = []
    (dest / "hong-khong-phai-zip.docx").write_bytes(b"day khong phai tep zip")
    cases.append(Case("hong-khong-phai-zip.docx", "hong", None, refusal="không phải tệp Word .docx"))
    (dest / "hong-doc-cu.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    cases.append(Case("hong-doc-cu.docx", "hong", None, refusal=".doc cũ"))
    WordDocument().save(dest / "hong-rong.docx")
    cases.append(Case("hong-rong.docx", "hong", None, refusal="trống"))
    encrypted = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le")
                 + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 2048)
    (dest / "hong-co-mat-khau.docx").write_bytes(encrypted)
    cases.append(Case("hong-co-mat-khau.docx", "hong", None, refusal="mật khẩu"))
    torn = WordDocument()
    torn.add_paragraph("và phấn đấu hoàn thành các chỉ tiêu đã đề ra trong năm học.")
    torn.add_paragraph("3. Công tác kiểm tra, giám sát:")
    torn.add_paragraph("- Kiểm tra việc thực hiện nghị quyết của chi bộ.")
    torn.save(dest / "hong-trang-bi-xe.docx")
    cases.append(Case("hong-trang-bi-xe.docx", "hong", None, refusal="bị tách ra giữa"))
    return cases


def build_corpus(dest: Path) -> list[Case]:
    dest.mkdir(parents=True, exist_ok=True)
    cases = []
    for name, kind, shape, extra in SHAPES:
        case = write_document(dest / f"{name}.docx", kind, shape, **extra)
        case.klass = CLASS_OF[case.expected_type or ""]
        case.well_formed = extra.get("signer", "x") is not None and shape.header != "none" and kind != "regulation" \
            and not extra.get("hostile")
        cases.append(case)
    return cases + _bad_files(dest)


def main(argv: list[str]) -> int:
    dest = Path(argv[0] if argv else "corpus")
    for case in build_corpus(dest):
        print(f"{case.klass:12} {case.expected_type or '-':11} {case.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

