"""Reading a Word .docx into paragraphs, as the secretary sees them in Word.

Read straight from the package's XML (lxml, entities and network off), because what
matters in real cell documents is exactly what generic converters drop:

- Word's automatic numbering: the "I.", "1.", "a)" a reader sees are in numbering.xml,
  not in the text; they are recomputed (counters per list, restarts, levels);
- fonts: runs in TCVN3 (.VnTime, .VnTimeH) or VNI (VNI-Times) fonts are converted to
  Unicode, and TCVN3 words pasted into Unicode text are repaired (``chibo.reading.legacy``);
- Symbol/Wingdings bullets (w:sym, private-use characters), list bullets, indentation;
- bold, italic and "all caps" resolved through the style chain, heading styles;
- tables (the two-column header block, the signature block, tables in the body),
  line breaks inside a paragraph, tracked insertions (deletions dropped), text boxes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from chibo.reading import legacy
from chibo.reading.paragraph import Paragraph, Span

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS = {"w": W}
# Internal entities (<!ENTITY x "..."> in the part itself) are text: resolved, within
# libxml2's amplification limit (left unresolved, the text after one was lost). External
# ones are never read (no file, no network): the part is refused as damaged.
_PARSER = etree.XMLParser(resolve_entities="internal", no_network=True, huge_tree=False, remove_comments=True)
# Bounds on what one part may cost (issue 19): a cell's longest report is a few hundred KB
# of document.xml and tens of thousands of elements; a 580 KB file can unpack to 190 MB.
# At these bounds a part parses in a few seconds and well under 500 MB.
MAX_XML_BYTES = 16 * 1024 * 1024
MAX_XML_ELEMENTS = 1_000_000
# Word's own range for a list's first number (Định dạng số > Bắt đầu từ: 0 .. 32767).
MAX_LIST_START = 32767


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class DocxError(Exception):
    """The file is not a readable .docx; the message is Vietnamese and complete."""


@dataclass
class Table:
    """A table of the body: rows of cells, each cell a list of paragraphs."""

    rows: list[list[list[Paragraph]]] = field(default_factory=list)
    index: int = 0


@dataclass
class Reading:
    """What was read: blocks in order (paragraphs and tables) and what was converted."""

    blocks: list[Paragraph | Table] = field(default_factory=list)
    conversions: dict[str, int] = field(default_factory=dict)  # "tcvn3" -> runs converted
    dropped_images: int = 0

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph in reading order, table cells row by row."""
        out: list[Paragraph] = []
        for block in self.blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        out.extend(cell)
            else:
                out.append(block)
        return out


# --- properties through the style chain -----------------------------------------

def _on(element: etree._Element | None) -> bool | None:
    """A w:b / w:i / w:caps toggle: None when absent."""
    if element is None:
        return None
    value = element.get(_w("val"))
    return value is None or value.lower() not in ("0", "false", "off", "none")


@dataclass
class _Style:
    kind: str = "paragraph"
    name: str = ""
    based_on: str = ""
    ppr: etree._Element | None = None
    rpr: etree._Element | None = None


class _Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_rpr: etree._Element | None = None
        self.default_paragraph = ""
        if root is None:
            return
        defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", _NS)
        self.default_rpr = defaults
        for style in root.findall("w:style", _NS):
            sid = style.get(_w("styleId")) or ""
            name = style.find("w:name", _NS)
            based = style.find("w:basedOn", _NS)
            self.styles[sid] = _Style(
                kind=style.get(_w("type")) or "paragraph",
                name=(name.get(_w("val")) if name is not None else sid) or sid,
                based_on=(based.get(_w("val")) if based is not None else "") or "",
                ppr=style.find("w:pPr", _NS), rpr=style.find("w:rPr", _NS))
            if style.get(_w("default")) in ("1", "true") and style.get(_w("type")) == "paragraph":
                self.default_paragraph = sid

    def chain(self, sid: str) -> list[_Style]:
        out, seen = [], set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return out

    def run_property(self, tag: str, run_rpr, run_style: str, para_style: str):
        """First w:<tag> found on the run, its character style, the paragraph style, defaults."""
        sources = [run_rpr] + [s.rpr for s in self.chain(run_style)] + \
                  [s.rpr for s in self.chain(para_style or self.default_paragraph)] + [self.default_rpr]
        for rpr in sources:
            if rpr is not None:
                found = rpr.find(f"w:{tag}", _NS)
                if found is not None:
                    return found
        return None

    def paragraph_property(self, path: str, para_ppr, para_style: str):
        sources = [para_ppr] + [s.ppr for s in self.chain(para_style or self.default_paragraph)]
        for ppr in sources:
            if ppr is not None:
                found = ppr.find(path, _NS)
                if found is not None:
                    return found
        return None

    def heading_level(self, para_style: str, para_ppr) -> int:
        outline = self.paragraph_property("w:outlineLvl", para_ppr, para_style)
        for style in self.chain(para_style):
            match = re.fullmatch(r"(?:heading|tiêu đề|tieu de|đầu đề)\s*(\d)", style.name.strip(), re.IGNORECASE)
            if match:
                return int(match.group(1))
            if style.name.strip().lower() in ("title", "tiêu đề"):
                return 1
        if outline is not None:
            value = outline.get(_w("val")) or ""
            if value.isdigit() and len(value) == 1 and int(value) < 9:
                return int(value) + 1
        return 0


# --- automatic numbering -----------------------------------------------------------

@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    font: str = ""
    indent: int = 0
    legal: bool = False


def _format_number(value: int, fmt: str) -> str:
    from chibo.document.numbering import int_to_roman

    if fmt in ("upperRoman", "lowerRoman"):
        roman = int_to_roman(max(1, value))
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters, n = "", max(1, value)
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(65 + rest) + letters
        return letters if fmt == "upperLetter" else letters.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


class _Numbering:
    def __init__(self, root: etree._Element | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for abstract in root.findall("w:abstractNum", _NS):
            levels = {}
            for lvl in abstract.findall("w:lvl", _NS):
                levels[_ilvl(lvl.get(_w("ilvl")))] = self._level(lvl)
            self.abstract[abstract.get(_w("abstractNumId")) or ""] = levels
        for num in root.findall("w:num", _NS):
            ref = num.find("w:abstractNumId", _NS)
            overrides = {}
            for override in num.findall("w:lvlOverride", _NS):
                start = override.find("w:startOverride", _NS)
                if start is not None and (start.get(_w("val")) or "").isdigit():
                    overrides[_ilvl(override.get(_w("ilvl")))] = _list_start(start.get(_w("val")))
            self.instances[num.get(_w("numId")) or ""] = (
                (ref.get(_w("val")) if ref is not None else "") or "", overrides)

    @staticmethod
    def _level(lvl) -> _Level:
        def val(path: str, default: str = "") -> str:
            found = lvl.find(path, _NS)
            return (found.get(_w("val")) if found is not None else None) or default

        fonts = lvl.find("w:rPr/w:rFonts", _NS)
        font = ""
        if fonts is not None:
            font = fonts.get(_w("ascii")) or fonts.get(_w("hAnsi")) or ""
        ind = lvl.find("w:pPr/w:ind", _NS)
        indent = _twips(ind.get(_w("left")) or ind.get(_w("start"))) if ind is not None else 0
        start = val("w:start", "1")
        return _Level(start=_list_start(start) if start.lstrip("-").isdigit() else 1, fmt=val("w:numFmt", "decimal"),
                      text=val("w:lvlText", ""), font=font, indent=indent,
                      legal=lvl.find("w:isLgl", _NS) is not None)

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        abstract_id, _ = self.instances.get(num_id, ("", {}))
        return self.abstract.get(abstract_id, {}).get(ilvl)

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """("number", "II.") or ("bullet", "") for the next paragraph of list num_id at ilvl."""
        abstract_id, overrides = self.instances.get(num_id, ("", {}))
        levels = self.abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return "", ""
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "bullet", ""
        # Lists sharing an abstract definition continue each other unless one restarts.
        key = num_id if overrides else f"a{abstract_id}"
        counters = self.counters.setdefault(key, {})
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = overrides.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            lvl = levels.get(index)
            if lvl is None:
                return ""
            number = counters.get(index, overrides.get(index, lvl.start))
            return _format_number(number, "decimal" if level.legal and index != ilvl else lvl.fmt)

        label = re.sub(r"%(\d)", value, level.text).strip()
        return ("number", label) if label else ("", "")


def _list_start(value: str) -> int:
    """A list's first number as Word allows it; anything beyond is a damaged or crafted file
    (a roman numeral of 10,000,000,000 is millions of letters)."""
    digits = value.lstrip("-")
    if len(digits) > 5 or int(digits) > MAX_LIST_START:
        raise DocxError(f"NH003 danh sách đánh số tự động bắt đầu từ số {value[:12]}{'…' if len(value) > 12 else ''}, "
                        f"ngoài giới hạn của Word (0 đến {MAX_LIST_START}): tệp hỏng; hãy mở bằng Word, đặt lại "
                        "số bắt đầu của danh sách rồi lưu lại")
    return max(0, int(value))


def _ilvl(value: str | None) -> int:
    """A list level (Word has nine, 0..8); anything else reads as the first."""
    return int(value) if value and value.isdigit() and len(value) == 1 else 0


def _twips(value: str | None) -> int:
    try:
        return int(float((value or "0")[:12]))
    except (ValueError, OverflowError):  # "1e400" is inf
        return 0


# --- text -----------------------------------------------------------------------------

# Private-use characters that Symbol / Wingdings fonts show as bullets and arrows.
_SYMBOL_BULLETS = {0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "➢", 0xF076: "❖", 0xF0FC: "✓", 0xF0A8: "◦", 0xF06C: "●",
                   0xF06E: "■", 0xF0D7: "►", 0xF0E0: "➔", 0xF02D: "-", 0xF0BE: "—", 0xF0A5: "•", 0xF0F0: "⇒"}


# Zero-width characters and the BOM: invisible in Word, noise in a page. U+00AD stays until
# TCVN3 fragments are repaired: in w:t it is almost always the TCVN3 byte of "ư" (Word
# writes a real optional hyphen as <w:softHyphen/>).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _symbol(char_code: str, font: str) -> str:
    try:
        code = int(char_code[:8], 16)
    except ValueError:
        return ""
    if code > 0x10FFFF:
        return ""
    if code < 0xF000 and font.lower().startswith(("symbol", "wingdings", "webdings")):
        code += 0xF000
    if code in _SYMBOL_BULLETS:
        return _SYMBOL_BULLETS[code]
    return "•" if 0xF000 <= code <= 0xF0FF else chr(code)


class _Reader:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.styles = _Styles(self._xml("word/styles.xml"))
        self.numbering = _Numbering(self._xml("word/numbering.xml"))
        self.conversions: dict[str, int] = {}
        self.tables = 0
        self.images = 0

    def _xml(self, name: str) -> etree._Element | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_XML_BYTES:
            raise DocxError(f"NH003 phần {name} của tệp lớn bất thường ({info.file_size / 2**20:.0f} MB khi giải nén, "
                            f"tối đa {MAX_XML_BYTES // 2**20} MB): tệp hỏng hoặc không phải văn bản soạn bằng Word; "
                            "hãy mở bằng Word, chép nội dung sang một văn bản mới rồi lưu lại")
        data = self.archive.read(name)
        elements = data.count(b"<") - data.count(b"</")  # start and empty tags (an upper bound), linear
        if elements > MAX_XML_ELEMENTS:
            raise DocxError(f"NH003 phần {name} của tệp có quá nhiều thành phần ({elements:,} thẻ XML, tối đa "
                            f"{MAX_XML_ELEMENTS:,}): tệp hỏng hoặc không phải văn bản soạn bằng Word; hãy mở bằng "
                            "Word, chép nội dung sang một văn bản mới rồi lưu lại".replace(",", "."))
        return etree.fromstring(data, _PARSER)

    def body(self) -> list[Paragraph | Table]:
        root = self._xml("word/document.xml")
        body = root.find("w:body", _NS) if root is not None else None
        if body is None:
            raise DocxError("NH003 tệp không có phần thân văn bản (word/document.xml)")
        return self._blocks(body)

    def _blocks(self, container, table: int = -1, cell: tuple[int, int] = (0, 0)) -> list[Paragraph | Table]:
        blocks: list[Paragraph | Table] = []
        for child in container:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "p":
                blocks.extend(self._paragraph(child, table, cell))
            elif tag == "tbl":
                blocks.append(self._table(child))
            elif tag in ("sdt", "customXml", "ins", "smartTag"):
                content = child.find("w:sdtContent", _NS) if tag == "sdt" else child
                if content is not None:
                    blocks.extend(self._blocks(content, table, cell))
        return blocks

    def _table(self, element) -> Table:
        self.tables += 1
        index = self.tables
        rows = []
        for r, row in enumerate(element.findall("w:tr", _NS)):
            cells = []
            for c, tc in enumerate(row.findall("w:tc", _NS)):
                content: list[Paragraph] = []
                for block in self._blocks(tc, index, (r, c)):
                    if isinstance(block, Table):  # a table in a cell: its text, in order
                        content.extend(p for rr in block.rows for cc in rr for p in cc)
                    else:
                        content.append(block)
                cells.append(content)
            rows.append(cells)
        return Table(rows=rows, index=index)

    def _paragraph(self, element, table: int, cell: tuple[int, int]) -> list[Paragraph]:
        ppr = element.find("w:pPr", _NS)
        style_el = ppr.find("w:pStyle", _NS) if ppr is not None else None
        style = (style_el.get(_w("val")) if style_el is not None else "") or ""
        heading = self.styles.heading_level(style, ppr)
        jc = self.styles.paragraph_property("w:jc", ppr, style)
        center = jc is not None and jc.get(_w("val")) in ("center", "centre")
        ind = self.styles.paragraph_property("w:ind", ppr, style)

        list_kind, label, level, indent = "", "", 0, 0
        num_pr = self.styles.paragraph_property("w:numPr", ppr, style)
        if num_pr is not None:
            num_el, lvl_el = num_pr.find("w:numId", _NS), num_pr.find("w:ilvl", _NS)
            num_id = (num_el.get(_w("val")) if num_el is not None else "") or ""
            level = _ilvl(lvl_el.get(_w("val")) if lvl_el is not None else None)
            if num_id and num_id != "0":
                list_kind, label = self.numbering.next_label(num_id, level)
                numbered = self.numbering.level(num_id, level)
                indent = numbered.indent if numbered else 0
        if ind is not None:
            indent = _twips(ind.get(_w("left")) or ind.get(_w("start"))) or indent

        lines: list[list[Span]] = [[]]
        extra: list[Paragraph] = []
        before = dict(self.conversions)
        for run, text in self._decoded(self._runs(element, style, extra, table, cell)):
            if text == "\n":
                lines.append([])
                continue
            lines[-1].append(Span(text, run[0], run[1]))
        paragraphs = []
        for number, spans in enumerate(lines):
            paragraph = Paragraph(spans=spans, heading=heading, center=center, indent=indent, table=table, cell=cell,
                                  converted=next((f for f, n in self.conversions.items() if n != before.get(f, 0)), ""))
            if number == 0:
                paragraph.list_kind, paragraph.list_label, paragraph.list_level = list_kind, label, level
            if paragraph.plain or (number == 0 and list_kind == "number" and label):
                paragraphs.append(paragraph)
        return paragraphs + extra

    def _decoded(self, pieces):
        """The runs' text as Unicode: legacy-font runs decoded together (a VNI tone may sit
        in the next run), symbol bullets mapped, invisible characters dropped, NFC."""
        pending: list[tuple[tuple, str]] = []

        def flush():
            if not pending:
                return
            encoding = pending[0][0][3]
            texts = [text for _, text in pending]
            decoded = legacy.decode_runs(texts, encoding) if encoding else texts
            for (props, original), text in zip(pending, decoded):
                if text != original:
                    family = "vni" if encoding == "vni" else "tcvn3"
                    self.conversions[family] = self.conversions.get(family, 0) + 1
                text = "".join(_SYMBOL_BULLETS.get(ord(ch), ch) if 0xF000 <= ord(ch) <= 0xF0FF else ch
                               for ch in text if ch not in _INVISIBLE)
                text = unicodedata.normalize("NFC", text)  # Unikey's "tổ hợp" typing is NFD
                yield props[:2], (text.upper() if props[2] else text)
            pending.clear()

        for props, text in pieces:
            if len(props) == 4:
                if pending and pending[0][0][3] != props[3]:
                    yield from flush()
                pending.append((props, text))
                continue
            yield from flush()
            yield props, text
        yield from flush()

    def _runs(self, paragraph, para_style: str, extra: list[Paragraph], table: int, cell: tuple[int, int]):
        """((bold, italic, caps, legacy encoding), text) of each w:t, in order; ((bold,
        italic), text) for tabs, breaks ("\\n") and symbols."""
        for run in paragraph.iter(_w("r")):
            if _skipped(run, paragraph):
                continue
            rpr = run.find("w:rPr", _NS)
            rstyle_el = rpr.find("w:rStyle", _NS) if rpr is not None else None
            rstyle = (rstyle_el.get(_w("val")) if rstyle_el is not None else "") or ""
            bold = bool(_on(self.styles.run_property("b", rpr, rstyle, para_style)))
            italic = bool(_on(self.styles.run_property("i", rpr, rstyle, para_style)))
            caps = bool(_on(self.styles.run_property("caps", rpr, rstyle, para_style)))
            fonts = self.styles.run_property("rFonts", rpr, rstyle, para_style)
            font = ""
            if fonts is not None:
                font = fonts.get(_w("ascii")) or fonts.get(_w("hAnsi")) or ""
            encoding = legacy.encoding_of_font(font)
            for child in run:
                tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
                if tag == "t":
                    yield (bold, italic, caps, encoding), child.text or ""
                elif tag in ("tab", "ptab"):
                    yield (bold, italic), "\t"
                elif tag in ("br", "cr"):
                    if child.get(_w("type")) not in ("page", "column"):
                        yield (bold, italic), "\n"
                    else:
                        yield (bold, italic), " "
                elif tag == "sym":
                    yield (bold, italic), _symbol(child.get(_w("char")) or "", child.get(_w("font")) or font)
                elif tag == "noBreakHyphen":
                    yield (bold, italic), "-"
                elif tag in ("drawing", "pict", "AlternateContent"):
                    if child.find(f".//{{{_A}}}blip") is not None or child.find(".//{urn:schemas-microsoft-com:vml}imagedata") is not None:
                        self.images += 1
                    for box in child.iter(_w("txbxContent")):
                        for block in self._blocks(box, table, cell):
                            if isinstance(block, Paragraph):
                                extra.append(block)
                            else:
                                extra.extend(p for r in block.rows for c in r for p in c)
                        break


def _skipped(run, paragraph) -> bool:
    """Deleted text, and runs of a text box (read as paragraphs of their own)."""
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            return False
        if isinstance(ancestor.tag, str) and etree.QName(ancestor).localname in ("del", "moveFrom", "txbxContent"):
            return True
    return False


def _is_encrypted(raw: bytes) -> bool:
    return raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and "EncryptedPackage".encode("utf-16-le") in raw


def read_docx(raw: bytes, name: str) -> Reading:
    """Blocks of a .docx; raises DocxError with a Vietnamese message on anything unreadable."""
    if _is_encrypted(raw):
        raise DocxError(f"{name}: NH002 tệp Word có đặt mật khẩu nên không đọc được; hãy mở bằng Word, bỏ mật khẩu "
                        "(Tệp > Thông tin > Bảo vệ tài liệu) rồi lưu lại.")
    if raw[:4] != b"PK\x03\x04" or not zipfile.is_zipfile(io.BytesIO(raw)):
        hint = (" (có vẻ là tệp .doc cũ: hãy mở bằng Word và \"Lưu thành\" .docx)"
                if raw[:4] == b"\xd0\xcf\x11\xe0" else "")
        raise DocxError(f"{name}: NH001 không phải tệp Word .docx đọc được{hint}.")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise DocxError(f"{name}: NH001 tệp nén này không chứa văn bản Word (thiếu word/document.xml).")
            reader = _Reader(archive)
            blocks = reader.body()
    except DocxError as error:
        message = str(error)
        raise DocxError(message if message.startswith(name) else f"{name}: {message}.") from None
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError, OSError, EOFError) as error:
        raise DocxError(f"{name}: NH003 tệp Word bị hỏng, không đọc được ({type(error).__name__}).") from None
    reading = Reading(blocks=blocks, conversions=reader.conversions, dropped_images=reader.images)
    _repair_fragments(reading)
    if not any(p.plain for p in reading.paragraphs()):
        raise DocxError(f"{name}: NH004 văn bản Word trống, không có nội dung để nhập.")
    return reading


def _repair_fragments(reading: Reading) -> None:
    """TCVN3 words pasted into Unicode runs ("cÊp TiÓu häc" -> "cấp Tiểu học")."""
    for paragraph in reading.paragraphs():
        # runs of one formatting are read together: a word's neighbours decide it ("chi bé nhận mét
        # việc", each word its own run once the font is lost)
        merged: list[Span] = []
        for span in paragraph.spans:
            if merged and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
                merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
            else:
                merged.append(span)
        paragraph.spans[:] = merged
        for index, span in enumerate(paragraph.spans):
            fixed, count = legacy.repair_tcvn3_fragments(span.text)
            if count:
                reading.conversions["tcvn3-fragment"] = reading.conversions.get("tcvn3-fragment", 0) + count
                paragraph.converted = paragraph.converted or "tcvn3-fragment"
            fixed = fixed.replace("\u00ad", "")
            if fixed != span.text:
                paragraph.spans[index] = Span(fixed, span.bold, span.italic)
