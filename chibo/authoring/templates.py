"""Writing new document pages: front matter, templates, numbering, the navigation.

Used by ``python -m chibo.commands.new`` (``make new``), by the Word importer and by the "Hướng
dẫn" pages. Nothing here overwrites an existing file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from chibo.atomic import write_atomic
from chibo.document.config import DocType, Settings
from chibo.document.model import load_file
from chibo.document.numbering import int_to_roman

# Front-matter keys in the order a secretary reads them, with a Vietnamese comment each.
FRONT_MATTER_ORDER = [
    ("title", "tên trang trên web"),
    ("loai", "loại văn bản"),
    ("trich_yeu", "trích yếu, in dưới tên loại văn bản"),
    ("nam", "năm"),
    ("thang", "tháng, dạng năm-tháng"),
    ("so", "số văn bản, ví dụ 01-KH/CB; để trống \"\" nếu chưa có"),
    ("ngay", "ngày ban hành, dạng 10/01/2022; để trống \"\" nếu chưa có"),
    ("dia_danh", "địa danh ghi trước ngày tháng"),
    ("cap_tren", "cấp ủy cấp trên"),
    ("chi_bo", "chi bộ ban hành"),
    ("tham_quyen", "quyền hạn ký"),
    ("chuc_vu", "chức vụ người ký"),
    ("nguoi_ky", "họ và tên người ký"),
    ("noi_nhan", "nơi nhận, kết thúc bằng Lưu"),
    ("nhap", "true: bản nháp, chưa đăng lên trang; đổi thành false khi ban hành"),
]
FRONT_MATTER_ORDER.insert(2, ("ten_loai", "tên loại in ở đầu văn bản, ví dụ THÔNG BÁO KẾT LUẬN"))


class AuthoringError(Exception):
    """A problem the author must fix; the message is Vietnamese and complete."""


def _scalar(value: Any) -> str:
    if value == "":
        return '""'
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()


def render_front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter with one commented line per attribute (lists one item a line)."""
    comments = dict(FRONT_MATTER_ORDER)
    keys = [k for k, _ in FRONT_MATTER_ORDER if k in meta] + [k for k in meta if k not in comments]
    lines = ["---"]
    for key in keys:
        value = meta[key]
        comment = f"  # {comments[key]}" if key in comments else ""
        if isinstance(value, list):
            lines.append(f"{key}:{comment}")
            lines.extend(f"  - {_scalar(item)}" for item in value)
        else:
            lines.append(f"{key}: {_scalar(value)}{comment}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def split_front_matter(text: str) -> tuple[str, str]:
    """(the YAML of the front matter, the body after it); ("", text) without a closed one.
    The block's bounds are the front-matter reader's (``chibo.document.frontmatter.split``)."""
    from chibo.document.frontmatter import split

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    opened, close, body = split(lines)
    if not opened or close < 0:
        return "", text
    return "\n".join(lines[1:close]) + "\n", "\n".join(lines[body:])


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 10_000
    handler.allow_unicode = True
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def _typed(value: Any) -> Any:
    """A value as written: every text double-quoted (PyYAML reads "14:00" or "yes" back as
    the same text), lists and mappings item by item."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    return value


def update_front_matter(text: str, changes: dict[str, Any]) -> str:
    """The page with these attributes set (``None`` removes one), comments and the body kept.

    The YAML is written by ruamel.yaml's round trip, never by pasting text, and read back
    with PyYAML (the reader of the build): a value can never break the front matter.
    Raises AuthoringError when the existing front matter cannot be read.
    """
    from ruamel.yaml.error import YAMLError as RoundTripError

    source, body = split_front_matter(text)
    handler = _round_trip()
    try:
        data = handler.load(source) if source.strip() else None
    except RoundTripError as error:
        raise AuthoringError(f"phần thuộc tính đang viết sai, chưa sửa được bằng biểu mẫu ({error.__class__.__name__})")
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap()
    if not hasattr(data, "insert"):
        raise AuthoringError("phần thuộc tính không phải là danh sách \"tên: giá trị\"")
    order = [key for key, _ in FRONT_MATTER_ORDER]
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        elif key in data:
            if data[key] != value or type(data[key]) is not type(value):
                data[key] = _typed(value)
        else:
            # a new attribute goes after the last present one that precedes it in the usual order
            position = len(data)
            if key in order:
                later = [k for k in order[order.index(key) + 1:] if k in data]
                if later:
                    position = list(data).index(later[0])
            data.insert(position, key, _typed(value))
    import io

    out = io.StringIO()
    handler.dump(data, out)
    result = "---\n" + out.getvalue() + "---\n" + body
    written = yaml.safe_load(out.getvalue()) or {}
    for key, value in changes.items():
        if value is not None and written.get(key) != value:
            raise AuthoringError(f"không ghi được giá trị của \"{key}\" một cách an toàn")
    return result


def section_heading(index: int, spec: dict[str, Any]) -> str:
    return f"## {int_to_roman(index + 1)}. {spec['tieu_de'].upper()}"


def template_sections(doctype: DocType) -> list[dict[str, Any]]:
    """The sections a new document starts with: the type's usual ones, without a section
    for the căn cứ (they are the opening paragraph)."""
    return [spec for spec in doctype.sections if not spec.get("la_can_cu")]


def template_body(doctype: DocType) -> str:
    """Required sections as headings, each with a one-line hint in an HTML comment."""
    parts = []
    if doctype.preamble:
        parts.append(f"<!-- Gợi ý: các căn cứ, mỗi căn cứ một đoạn, bắt đầu bằng \"{doctype.preamble}\". -->\n"
                     f"{doctype.preamble} Điều lệ Đảng Cộng sản Việt Nam;\n")
    for index, spec in enumerate(template_sections(doctype)):
        heading = section_heading(index, spec)
        hint = spec.get("goi_y") or "Nội dung của mục."
        if spec.get("them_chu"):
            hint += " Có thể ghi thêm tháng/năm vào cuối tiêu đề."
        parts.append(f"{heading}\n\n<!-- Gợi ý: {hint} -->\n")
    return "\n".join(parts)


# The years the validator accepts (TT005): a new document outside them could not be built.
FIRST_YEAR, LAST_YEAR = 1930, 2099


def _plausible(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


@dataclass(frozen=True)
class Period:
    """What a new document is about: a year (plan, report) or a month (resolution)."""

    year: int
    month: int | None = None

    @classmethod
    def parse(cls, year: str | None, month: str | None) -> Period:
        if month:
            match = re.fullmatch(r"(\d{4})-(\d{1,2})", month.strip())
            if not match or not 1 <= int(match.group(2)) <= 12 or not _plausible(int(match.group(1))):
                raise AuthoringError(f"Tháng \"{month}\" không hợp lệ; hãy ghi dạng năm-tháng, ví dụ MONTH=2022-03.")
            return cls(int(match.group(1)), int(match.group(2)))
        if year:
            if not re.fullmatch(r"\d{4}", year.strip()) or not _plausible(int(year)):
                raise AuthoringError(f"Năm \"{year}\" không hợp lệ; hãy ghi 4 chữ số, từ {FIRST_YEAR} đến "
                                     f"{LAST_YEAR}, ví dụ YEAR=2023.")
            return cls(int(year))
        raise AuthoringError("Hãy cho biết năm (YEAR=2023) hoặc tháng (MONTH=2022-03) của văn bản.")


def document_year(meta: dict[str, Any]) -> int | None:
    for key in ("ngay",):
        match = re.search(r"(\d{4})\s*$", str(meta.get(key) or ""))
        if match:
            return int(match.group(1))
    if str(meta.get("thang") or "")[:4].isdigit():
        return int(str(meta["thang"])[:4])
    if isinstance(meta.get("nam"), int):
        return meta["nam"]
    return None


def next_number(docs_dir: Path, doctype: DocType, settings: Settings, year: int) -> tuple[str, str]:
    """Next free number of this type in the committee's term, e.g. ("03-NQ/CB", "").

    Returns ("", reason) when the year lies outside the term written in data/chi-bo.yml:
    numbers are never guessed.
    """
    term = settings.cell.get("nhiem_ky") or {}
    start, end = term.get("tu_nam"), term.get("den_nam")
    if not (isinstance(start, int) and isinstance(end, int) and start <= year <= end):
        return "", (f"năm {year} nằm ngoài nhiệm kỳ {start}–{end} ghi trong data/chi-bo.yml nên chưa tự "
                    "đánh số; hãy cập nhật nhiệm kỳ rồi điền số văn bản")
    highest = 0
    for file in sorted((docs_dir / doctype.folder).glob("*.md")):
        if file.name == "index.md":
            continue
        doc = load_file(file, str(file))
        if doc.doc_type != doctype.code:
            continue
        match = re.match(r"^(\d{1,6})-", str(doc.meta.get("so") or ""))
        doc_year = document_year(doc.meta)
        if match and doc_year is not None and start <= doc_year <= end:
            highest = max(highest, int(match.group(1)))
    body = settings.cell.get("ky_hieu_co_quan", "CB")
    return f"{highest + 1:02d}-{doctype.abbreviation}/{body}", ""


def file_name(doctype: DocType, period: Period) -> str:
    if period.month:
        return f"{period.year}-{period.month:02d}-{doctype.code}.md"
    return f"{period.year}-{doctype.code}.md"


def new_meta(doctype: DocType, settings: Settings, period: Period, number: str) -> dict[str, Any]:
    cell = settings.cell
    label = doctype.label.capitalize()
    if period.month:
        when = f"tháng {period.month}/{period.year}"
        summary = (f"Kết luận cuộc họp chi bộ tháng {period.month} năm {period.year}" if doctype.code == "thong-bao-ket-luan"
                   else f"Nghị quyết sinh hoạt chi bộ tháng {period.month} năm {period.year}")
    else:
        when = f"năm {period.year}"
        summary = {"ke-hoach": f"Hoạt động của chi bộ năm {period.year}",
                   "bao-cao": f"Kết quả hoạt động của chi bộ năm {period.year}"}.get(doctype.code, f"Năm {period.year}")
    meta: dict[str, Any] = {"title": f"{label} {when}", "loai": doctype.code, "trich_yeu": summary}
    if "thang" in doctype.attributes:
        meta["thang"] = f"{period.year}-{period.month or 1:02d}"
    if "nam" in doctype.attributes:
        meta["nam"] = period.year
    meta.update({
        "so": number,
        "ngay": "",
        "dia_danh": cell.get("dia_danh", ""),
        "cap_tren": cell.get("cap_tren", ""),
        "chi_bo": cell.get("chi_bo", ""),
        "tham_quyen": cell.get("tham_quyen", ""),
        "chuc_vu": cell.get("chuc_vu", ""),
        "nguoi_ky": cell.get("nguoi_ky", ""),
        "noi_nhan": ["Đảng ủy phường;", "Các đảng viên;", "Lưu."],
        "nhap": True,
    })
    return meta


def add_to_nav(mkdocs_yml: Path, doctype: DocType, title: str, relative: str) -> bool:
    """Append ``- title: relative`` to the nav section of this type; keeps the file's comments.

    Returns False when the page is already listed or no section of that type is found.
    """
    text = mkdocs_yml.read_text(encoding="utf-8")
    if re.search(rf":\s*{re.escape(relative)}\s*$", text, re.M):
        return False
    lines = text.split("\n")
    # The nav section whose entries live in this type's folder (e.g. "nghi-quyet/index.md").
    anchor = next((i for i, line in enumerate(lines)
                   if re.match(rf"^\s+- (?:[^:]+:\s*)?{re.escape(doctype.folder)}/index\.md\s*$", line)), None)
    if anchor is None:
        return False
    indent = len(lines[anchor]) - len(lines[anchor].lstrip())
    end = anchor + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) >= indent:
        end += 1
    entry = " " * indent + f"- {_scalar(title)}: {relative}"
    lines.insert(end, entry)
    write_atomic(mkdocs_yml, "\n".join(lines).encode("utf-8"))  # a full disk never truncates it
    return True


def write_new(path: Path, content: str) -> None:
    """Create the file, whole or not at all; refuse if it exists (nothing the author wrote
    is ever lost)."""
    try:
        write_atomic(path, content.encode("utf-8"), new=True)
    except FileExistsError:
        raise AuthoringError(f"Tệp {path} đã có; không ghi đè. Hãy đổi tên hoặc sửa trực tiếp tệp đó.") from None


def guide_page(doctype: DocType, settings: Settings) -> str:
    """The "Hướng dẫn" page of one type: its structure and the template ``make new`` writes."""
    term = settings.cell.get("nhiem_ky") or {}
    year = term.get("den_nam") or 2022
    period = Period(int(year), 3 if "thang" in doctype.attributes else None)
    body_abbr = settings.cell.get("ky_hieu_co_quan", "CB")
    meta = new_meta(doctype, settings, period, f"01-{doctype.abbreviation}/{body_abbr}")
    template = render_front_matter(meta) + "\n" + template_body(doctype)
    label = doctype.label.capitalize()
    command = (f"make new TYPE={doctype.code} MONTH={period.year}-{period.month:02d}" if period.month
               else f"make new TYPE={doctype.code} YEAR={period.year}")
    lines = [f"# Mẫu {label.lower()}", "",
             f"Cấu trúc bắt buộc của một {label.lower()} (khai báo trong `data/loai-van-ban.yml`):", ""]
    if doctype.preamble:
        lines.append(f"- Đoạn mở đầu bắt đầu bằng \"{doctype.preamble} …\"")
    for index, spec in enumerate(template_sections(doctype)):
        hint = f" — {spec['goi_y']}" if spec.get("goi_y") else ""
        optional = "" if spec.get("bat_buoc", True) else " (không bắt buộc)"
        lines.append(f"- **{int_to_roman(index + 1)}. {spec['tieu_de']}**{optional}{hint}")
    lines += ["", "Các mục con đánh số 1., 2., 3. …; dưới mục 4. là 4.1, 4.2 … (không được nhảy số).", "",
              f"Tạo văn bản mới theo mẫu này bằng lệnh `{command}`. Tệp mới tạo có nội dung như sau:", "",
              "```markdown", template.rstrip("\n"), "```", ""]
    return "\n".join(lines)
