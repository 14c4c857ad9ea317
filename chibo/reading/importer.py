"""Turn a document written in Word (.docx) — or its plain-text export — into a page.

The .docx is read with mammoth (no hand-written parser). Recognition works on plain
paragraphs, so it does not matter whether Word used heading styles or bold paragraphs:

* header blocks (superior committee, cell, "Số …", place and date, type, summary) and the
  closing blocks (Nơi nhận, authority, title, signer) become front matter;
* "I. …" become ``##``, "1. …" ``###``, "4.1. …" ``####``; "- " and "+ " lines lists;
* paragraphs split mid-sentence (by a page break) are mended, without rewording.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from chibo.document.config import DocType, Settings
from chibo.checking.rules import comparable, match_section

_ROMAN_HEAD = re.compile(r"^([IVX]{1,4})\.\s+\S")
_SUB_HEAD = re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+\S")
_NUM_HEAD = re.compile(r"^(\d{1,2})\.\s+\S")
_PLACE_DATE = re.compile(r"^(?P<place>[^,]{2,40}),\s*ngày\s+(?P<d>[\d.…]+)\s+tháng\s+(?P<m>[\d.…]+)\s+năm\s+(?P<y>[\d.…]+)",
                         re.IGNORECASE)
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<so>\S*)", re.IGNORECASE)
_LIST_MARK = re.compile(r"^[-•]\s*")
_TERMINAL = tuple(".;:!?…\"”)/")


class ImportError_(Exception):  # noqa: N801 - avoid shadowing the builtin ImportError
    """The input cannot be imported; the message is Vietnamese and names the file."""


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    heading: int = 0  # Word heading style level, 0 if none
    list_item: bool = False


@dataclass
class Imported:
    doc_type: DocType
    meta: dict[str, Any]
    body: str
    notes: list[str] = field(default_factory=list)


# --- reading -------------------------------------------------------------------

def _inline_markdown(element) -> str:
    """Text of an HTML element with <strong>/<em> kept as Markdown emphasis."""
    from bs4 import NavigableString

    parts = []
    for child in element.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif child.name in ("strong", "b"):
            inner = _inline_markdown(child).strip()
            parts.append(f"**{inner}**" if inner else "")
        elif child.name in ("em", "i"):
            inner = _inline_markdown(child).strip()
            parts.append(f"*{inner}*" if inner else "")
        elif child.name == "br":
            parts.append(" ")
        else:
            parts.append(_inline_markdown(child))
    return "".join(parts)


def read_docx(raw: bytes, name: str) -> list[Paragraph]:
    """Paragraphs of a .docx, in reading order (table cells flattened row by row)."""
    if raw[:4] != b"PK\x03\x04" or not zipfile.is_zipfile(io.BytesIO(raw)):
        hint = " (có vẻ là tệp .doc cũ: hãy mở bằng Word và \"Lưu thành\" .docx)" if raw[:4] == b"\xd0\xcf\x11\xe0" else ""
        raise ImportError_(f"{name}: không phải tệp Word .docx đọc được{hint}.")
    import mammoth
    from bs4 import BeautifulSoup

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ImportError_(f"{name}: tệp nén này không chứa văn bản Word (thiếu word/document.xml).")
        result = mammoth.convert_to_html(io.BytesIO(raw))
    except ImportError_:
        raise
    except Exception as error:  # mammoth raises many kinds on a corrupt package
        raise ImportError_(f"{name}: tệp Word bị hỏng, không đọc được ({type(error).__name__}).") from None
    soup = BeautifulSoup(result.value, "html.parser")
    paragraphs: list[Paragraph] = []
    for element in soup.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"]):
        if element.find_parent("li") is not None and element.name != "li":
            continue
        text = _inline_markdown(element)
        if element.name == "li":
            nested = element.find(["ul", "ol"])
            if nested is not None:
                text = _inline_markdown(element).split(nested.get_text())[0]
        plain = element.get_text(" ").strip()
        if not plain:
            continue
        strong = element.find_all(["strong", "b"])
        bold_chars = sum(len(s.get_text().replace(" ", "")) for s in strong)
        bold = bool(strong) and bold_chars >= 0.9 * len(plain.replace(" ", ""))
        paragraphs.append(Paragraph(
            text=re.sub(r"\s+", " ", text).strip(),
            bold=bold,
            heading=int(element.name[1]) if element.name.startswith("h") else 0,
            list_item=element.name == "li",
        ))
    if not paragraphs:
        raise ImportError_(f"{name}: văn bản Word trống, không có nội dung để nhập.")
    return paragraphs


def read_text(text: str) -> list[Paragraph]:
    """Paragraphs of a plain-text export: one per non-empty line."""
    paragraphs = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        bold = False
        marker = re.fullmatch(r"\*{2,3}\s*(.+?)\s*\*{2}", stripped)  # "*** Thuận lợi:**"
        if marker:
            stripped, bold = marker.group(1), True
        paragraphs.append(Paragraph(text=stripped, bold=bold))
    return paragraphs


# --- recognising the parts ---------------------------------------------------

def _plain(text: str) -> str:
    return re.sub(r"\*+", "", text).strip()


def _type_of_label(text: str, types: dict[str, DocType]) -> DocType | None:
    wanted = comparable(_plain(text))
    return next((t for t in types.values() if comparable(t.label) == wanted), None)


def _detect_type_by_sections(paragraphs: list[Paragraph], types: dict[str, DocType]) -> DocType | None:
    """The type whose required sections the Roman-numbered titles match best (at least two)."""
    titles = [re.sub(r"^[IVX]+\.\s*", "", _plain(p.text)) for p in paragraphs if _ROMAN_HEAD.match(_plain(p.text))]
    best, score = None, 0
    for doctype in types.values():
        hits = len({match_section(title, doctype.sections) for title in titles} - {None})
        if doctype.sections and hits > score:
            best, score = doctype, hits
    return best if score >= 2 else None


def _split_header(paragraphs: list[Paragraph], types: dict[str, DocType]) -> tuple[dict[str, Any], DocType | None, int]:
    """Read header blocks up to and including the summary line; returns meta, type, body start."""
    meta: dict[str, Any] = {}
    doc_type = None
    for index, paragraph in enumerate(paragraphs[:15]):
        text = _plain(paragraph.text)
        label_type = _type_of_label(text, types)
        if label_type is not None:
            doc_type = label_type
            body = index + 1
            if body < len(paragraphs):
                summary = _plain(paragraphs[body].text)
                if not summary.lower().startswith("căn cứ") and not _ROMAN_HEAD.match(summary):
                    meta["trich_yeu"] = summary
                    body += 1
            return meta, doc_type, body
        if comparable(text) == comparable("ĐẢNG CỘNG SẢN VIỆT NAM") or text == "*":
            continue
        upper = comparable(text)
        if upper.startswith("dang bo ") or upper.startswith("dang uy "):
            meta["cap_tren"] = text
        elif upper.startswith("chi bo "):
            meta["chi_bo"] = text
        elif _NUMBER.match(text) and len(text) < 30:
            number = _NUMBER.match(text).group("so").strip(".…")  # type: ignore[union-attr]
            if re.match(r"^\d", number):
                meta["so"] = number
        elif _PLACE_DATE.match(text):
            match = _PLACE_DATE.match(text)
            assert match is not None
            meta["dia_danh"] = match.group("place").strip()
            if all(match.group(k).isdigit() for k in ("d", "m", "y")):
                meta["ngay"] = f"{int(match.group('d')):02d}/{int(match.group('m')):02d}/{match.group('y')}"
    return meta, doc_type, 0


def _split_closing(paragraphs: list[Paragraph]) -> tuple[int, dict[str, Any]]:
    """Find "Nơi nhận:" and the signature block at the end; returns body end and meta."""
    meta: dict[str, Any] = {}
    end = len(paragraphs)
    for index in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 25), -1):
        text = comparable(_plain(paragraphs[index].text))
        if text.startswith("noi nhan"):
            end = index
            break
        if re.match(r"^(t m|tm) ", text) and index < end:
            end = index
    closing = [_plain(p.text) for p in paragraphs[end:]]
    recipients: list[str] = []
    signature: list[str] = []
    mode = None
    for text in closing:
        folded = comparable(text)
        if folded.startswith("noi nhan"):
            mode = "recipients"
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                recipients.append(rest.lstrip("-+ ").strip())
            continue
        if re.match(r"^(t m|tm) ", folded):
            mode = "signature"
        if mode == "recipients" and re.match(r"^[-+•]", text):
            recipients.append(text.lstrip("-+• ").strip())
        elif mode == "recipients" and comparable(text).startswith("luu"):
            recipients.append(text)
        else:
            signature.append(text)
    if recipients:
        meta["noi_nhan"] = recipients
    if signature:
        meta["tham_quyen"] = signature[0]
        if len(signature) >= 2:
            meta["chuc_vu"] = signature[1]
        if len(signature) >= 3:
            meta["nguoi_ky"] = signature[-1]
    return end, meta


# --- the body ------------------------------------------------------------------

def _is_structural(paragraph: Paragraph) -> bool:
    text = _plain(paragraph.text)
    return bool(paragraph.list_item or paragraph.heading or re.match(r"^[-+•]", text)
                or _ROMAN_HEAD.match(text) or _SUB_HEAD.match(text) or _NUM_HEAD.match(text))


def mend(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join paragraphs a page break split mid-sentence; never changes a word."""
    mended: list[Paragraph] = []
    for paragraph in paragraphs:
        text = paragraph.text
        if mended and not _is_structural(paragraph) and not paragraph.bold:
            previous = mended[-1]
            previous_text = _plain(previous.text)
            continues = text[:1].islower() or not previous_text.endswith(_TERMINAL)
            if continues and not previous.heading and not previous.bold and not (
                    _ROMAN_HEAD.match(previous_text) or _SUB_HEAD.match(previous_text)
                    or _NUM_HEAD.match(previous_text)):
                previous.text = f"{previous.text} {text}"
                continue
        mended.append(Paragraph(paragraph.text, paragraph.bold, paragraph.heading, paragraph.list_item))
    return mended


def to_markdown(paragraphs: list[Paragraph]) -> str:
    blocks: list[str] = []
    for paragraph in mend(paragraphs):
        text = paragraph.text
        plain = _plain(text)
        if _ROMAN_HEAD.match(plain):
            blocks.append(f"## {plain}")
        elif _SUB_HEAD.match(plain):
            blocks.append(f"#### {plain}")
        elif _NUM_HEAD.match(plain) and not paragraph.list_item:
            blocks.append(f"### {plain}")
        elif plain.startswith("+"):
            blocks.append(f"    + {text.lstrip('+ ').strip()}")
        elif re.match(r"^[-•]\s*", text) or paragraph.list_item:
            blocks.append("- " + _LIST_MARK.sub("", text))
        elif paragraph.bold and len(plain) < 80:
            blocks.append(f"**{plain}**")
        else:
            blocks.append(text)
    return "\n\n".join(blocks) + "\n"


def _year_month(meta: dict[str, Any], summary: str) -> tuple[int | None, int | None]:
    match = re.search(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", summary, re.IGNORECASE)
    if match:
        return int(match.group(2)), int(match.group(1))
    match = re.search(r"năm\s+(?:học\s+)?(\d{4})", summary, re.IGNORECASE)
    if match:
        return int(match.group(1)), None
    match = re.search(r"(\d{2})/(\d{4})$", str(meta.get("ngay", "")))
    if match:
        return int(match.group(2)), int(match.group(1))
    return None, None


def convert(paragraphs: list[Paragraph], settings: Settings, name: str, forced_type: str | None = None) -> Imported:
    types = {code: t for code, t in settings.types.items() if t.sections}
    if forced_type and forced_type not in types:
        raise ImportError_(f"Loại văn bản \"{forced_type}\" không có; hãy dùng TYPE= một trong: {', '.join(types)}.")
    header, label_type, body_start = _split_header(paragraphs, types)
    body_end, closing = _split_closing(paragraphs[body_start:])
    body = paragraphs[body_start: body_start + body_end]
    if not any(_ROMAN_HEAD.match(_plain(p.text)) for p in body):
        raise ImportError_(f"{name}: không nhận ra mục nào (I., II., III. …) trong văn bản; "
                           "chưa thể chuyển thành trang.")
    doc_type = types.get(forced_type or "") or label_type or _detect_type_by_sections(body, types)
    if doc_type is None:
        raise ImportError_(f"{name}: không nhận ra loại văn bản; hãy chỉ rõ, ví dụ TYPE=ke-hoach.")
    notes = []
    meta: dict[str, Any] = {"loai": doc_type.code}
    meta.update(header)
    meta.update(closing)
    summary = str(meta.get("trich_yeu", ""))
    year, month = _year_month(meta, summary)
    if "thang" in doc_type.attributes:
        meta["thang"] = f"{year}-{month:02d}" if year and month else ""
    if "nam" in doc_type.attributes:
        meta["nam"] = year if year else ""
    label = doc_type.label.capitalize()
    meta["title"] = f"{label} {summary[:1].lower()}{summary[1:]}".strip() if summary else label
    meta.setdefault("so", "")
    meta.setdefault("ngay", "")
    for key in ("dia_danh", "cap_tren", "chi_bo", "tham_quyen", "chuc_vu", "nguoi_ky"):
        if not meta.get(key) and settings.cell.get(key):
            meta[key] = settings.cell[key]
            notes.append(f"\"{key}\" không có trong văn bản gốc: đã lấy từ data/chi-bo.yml, hãy kiểm tra lại")
    for key in ("so", "ngay"):
        if not meta.get(key):
            notes.append(f"\"{key}\" không có trong văn bản gốc: để trống, điền khi biết")
    return Imported(doc_type=doc_type, meta=meta, body=to_markdown(body), notes=notes)
