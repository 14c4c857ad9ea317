"""Structure rules of the cell's documents, driven by ``data/loai-van-ban.yml``.

Every rule has a stable code (see ``RULES``); messages are Vietnamese and point at the
line where the author has to look. ``validate`` never raises on a malformed document.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from chibo.document.config import DocType
from chibo.document.diagnostics import Problem, Severity
from chibo.document.model import Document, Section, int_to_roman
from chibo.document.text import fold

# code -> (short Vietnamese description for the authors' table)
RULES: dict[str, str] = {
    "VB001": "Tệp không phải mã UTF-8",
    "VB002": "Văn bản thiếu phần thuộc tính (front matter) giữa hai dòng ---",
    "VB003": "Phần thuộc tính (YAML) viết sai cú pháp",
    "VB004": "Loại văn bản (loai) không có trong data/loai-van-ban.yml",
    "VB005": "Văn bản chưa có trong mục lục (nav) của mkdocs.yml",
    "TT001": "Thiếu thuộc tính bắt buộc",
    "TT002": "Thuộc tính bắt buộc để trống",
    "TT003": "Số văn bản sai định dạng (ví dụ đúng: 01-KH/CB)",
    "TT004": "Ngày sai định dạng hoặc không có thật (dạng đúng: 10/01/2022)",
    "TT005": "Năm hoặc tháng sai định dạng (năm: 2022; tháng: 2022-03)",
    "TT006": "Thuộc tính có kiểu giá trị sai (danh sách, có/không)",
    "TT007": "Thuộc tính lạ, có thể gõ nhầm tên (cảnh báo)",
    "CT001": "Thiếu đoạn mở đầu bắt buộc (ví dụ \"Căn cứ ...\")",
    "CT002": "Thiếu mục bắt buộc",
    "CT003": "Mục sai thứ tự",
    "CT004": "Một mục xuất hiện hai lần",
    "CT005": "Số La Mã của mục lớn không liên tiếp hoặc bị thiếu",
    "CT006": "Đánh số mục con không liên tiếp (1., 2., 3. hoặc 4.1, 4.2 ...)",
    "CT007": "Mục bắt buộc không có nội dung",
    "CT008": "Cấp tiêu đề nhảy cóc (ví dụ từ ## xuống thẳng ####)",
    "CT009": "Mục lớn không có trong cấu trúc của loại văn bản (cảnh báo)",
    "CT010": "Không dùng tiêu đề cấp 1 (#) trong văn bản; tên văn bản lấy từ thuộc tính",
    "CT011": "Số Điều không liên tiếp",
    "DC001": "Dẫn chiếu tới số hiệu không có trong sổ văn bản dẫn chiếu, không tạo liên kết (cảnh báo)",
    "DC002": "Dẫn chiếu tới văn bản đã hết hiệu lực, đã bị thay thế (cảnh báo)",
    "DC003": "Ngày ghi kèm dẫn chiếu khác ngày ban hành trong sổ văn bản dẫn chiếu (cảnh báo)",
    "DC004": "Sổ văn bản dẫn chiếu (data/van-ban-dan-chieu.yml) ghi sai",
    "DC005": "Trang quy định có số hiệu (ma) không có trong sổ văn bản dẫn chiếu, hoặc sổ ghi trang khác (cảnh báo)",
}

# Keys MkDocs and Material understand on any page; never reported as unknown.
_PAGE_KEYS = {"title", "description", "hide", "template", "search", "status", "tags", "icon", "subtitle"}

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def comparable(text: str) -> str:
    """Lower-case, folded, without punctuation: how section titles are compared."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", fold(text).lower())).strip()


def _problem(doc: Document, line: int, code: str, message: str,
             severity: Severity = Severity.ERROR) -> Problem:
    return Problem(doc.path, line, code, message, severity)


# --- attributes ------------------------------------------------------------------

def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value) or (
        isinstance(value, str) and not value.strip())


def _check_format(doc: Document, key: str, value: Any, fmt: str, doctype: DocType) -> Problem | None:
    line = doc.meta_lines.get(key, 1)
    if fmt == "so-van-ban":
        pattern = rf"^\d{{1,3}}-{re.escape(doctype.abbreviation)}/[A-ZĐ]{{1,10}}$"
        if not re.match(pattern, str(value).strip()):
            return _problem(doc, line, "TT003", f"số văn bản \"{value}\" sai định dạng; phải có dạng "
                            f"01-{doctype.abbreviation}/CB")
    elif fmt == "ngay":
        if isinstance(value, dt.date):
            return None
        match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", str(value).strip())
        valid = False
        if match:
            try:
                dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
                valid = True
            except ValueError:
                valid = False
        if not valid:
            return _problem(doc, line, "TT004", f"ngày \"{value}\" sai; phải có dạng ngày/tháng/năm "
                            "và là ngày có thật, ví dụ 10/01/2022")
    elif fmt == "nam":
        if not (isinstance(value, int) and not isinstance(value, bool) and 1930 <= value <= 2100) and not (
                isinstance(value, str) and re.fullmatch(r"(19[3-9]\d|20\d\d)", value.strip())):
            return _problem(doc, line, "TT005", f"năm \"{value}\" sai; phải là số năm, ví dụ 2022")
    elif fmt == "thang":
        match = re.fullmatch(r"(19[3-9]\d|20\d\d)-(\d{2})", str(value).strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            return _problem(doc, line, "TT005", f"tháng \"{value}\" sai; phải có dạng năm-tháng, ví dụ 2022-03")
    elif fmt == "danh-sach":
        if not isinstance(value, (list, str)) or (isinstance(value, list) and any(
                isinstance(item, (dict, list)) for item in value)):
            return _problem(doc, line, "TT006", f"thuộc tính \"{key}\" phải là danh sách, mỗi dòng bắt đầu bằng \"- \"")
    elif fmt == "co-khong":
        if not isinstance(value, bool):
            return _problem(doc, line, "TT006", f"thuộc tính \"{key}\" chỉ nhận true (có) hoặc false (không)")
    return None


def check_attributes(doc: Document, doctype: DocType) -> list[Problem]:
    problems = []
    for key, spec in doctype.attributes.items():
        spec = spec or {}
        required = bool(spec.get("bat_buoc"))
        if key not in doc.meta:
            if required:
                problems.append(_problem(doc, 1, "TT001", f"thiếu thuộc tính bắt buộc \"{key}\" "
                                         f"({spec.get('mo_ta', '')})".replace(" ()", "")))
            continue
        value = doc.meta[key]
        if _is_empty(value):
            if required:
                problems.append(_problem(doc, doc.meta_lines.get(key, 1), "TT002",
                                         f"thuộc tính bắt buộc \"{key}\" đang để trống"))
            continue
        problem = _check_format(doc, key, value, str(spec.get("dinh_dang", "chu")), doctype)
        if problem:
            problems.append(problem)
    for key in doc.meta:
        if key not in doctype.attributes and key not in _PAGE_KEYS:
            close = difflib.get_close_matches(key, list(doctype.attributes), n=1)
            hint = f"; có phải là \"{close[0]}\"?" if close else ""
            problems.append(_problem(doc, doc.meta_lines.get(key, 1), "TT007",
                                     f"thuộc tính lạ \"{key}\" không có trong loại văn bản này{hint}",
                                     Severity.WARNING))
    return problems


# --- structure -------------------------------------------------------------------

def _section_spec_matches(title: str, spec: dict[str, Any], *, fuzzy: bool = True) -> bool:
    """Whether a heading's title is this section: same words (case, accents and punctuation
    aside), a longer title when the type allows extra words, or a small misspelling."""
    wanted = [spec["tieu_de"], *(spec.get("bien_the") or [])]
    have = comparable(title)
    for candidate in wanted:
        target = comparable(candidate)
        if have == target or (spec.get("them_chu") and have.startswith(target + " ")):
            return True
    if not fuzzy:
        return False
    for candidate in wanted:
        matcher = difflib.SequenceMatcher(None, have, comparable(candidate))
        # quick_ratio() bounds ratio() from above and costs far less
        if matcher.quick_ratio() >= 0.88 and matcher.ratio() >= 0.88:
            return True
    return False


def match_section(title: str, specs: list[dict[str, Any]]) -> int | None:
    """Index of the section spec a heading title stands for: exact matches first."""
    for fuzzy in (False, True):
        for index, spec in enumerate(specs):
            if _section_spec_matches(title, spec, fuzzy=fuzzy):
                return index
    return None


def _canonical(index: int, spec: dict[str, Any]) -> str:
    return f"{int_to_roman(index + 1)}. {spec['tieu_de']}"


def check_heading_levels(doc: Document) -> list[Problem]:
    problems = []
    previous = 1
    for section in doc.all_sections():
        if section.level == 1:
            problems.append(_problem(doc, section.line, "CT010",
                                     f"không dùng tiêu đề cấp 1 \"# {section.title}\"; hãy dùng \"##\""))
        elif section.level > previous + 1:
            problems.append(_problem(doc, section.line, "CT008",
                                     f"tiêu đề \"{section.title}\" nhảy từ cấp {previous} xuống cấp "
                                     f"{section.level}; hãy dùng {'#' * (previous + 1)}"))
        previous = max(section.level, 1)
    return problems


def check_preamble(doc: Document, doctype: DocType) -> list[Problem]:
    if not doctype.preamble:
        return []
    first = doc.preamble[0][1] if doc.preamble else ""
    if comparable(first).startswith(comparable(doctype.preamble)):
        return []
    line = doc.sections[0].line if doc.sections else doc.body_start
    return [_problem(doc, line, "CT001", f"thiếu đoạn mở đầu \"{doctype.preamble} ...\" trước mục I")]


def _top_sections(doc: Document) -> list[Section]:
    """The level-2 headings: the document's main parts."""
    return [s for s in doc.all_sections() if s.level == 2]


def check_sections(doc: Document, doctype: DocType) -> list[Problem]:
    specs = doctype.sections
    problems: list[Problem] = []
    tops = _top_sections(doc)
    matched: list[int | None] = []
    for section in tops:
        matched.append(match_section(section.bare_title, specs))

    seen: dict[int, Section] = {}
    highest = -1
    highest_section: Section | None = None
    for section, index in zip(tops, matched):
        if index is None:
            if specs:
                problems.append(_problem(doc, section.line, "CT009",
                                         f"mục \"{section.title}\" không thuộc cấu trúc của "
                                         f"{doctype.label.lower()}", Severity.WARNING))
            continue
        if index in seen:
            problems.append(_problem(doc, section.line, "CT004",
                                     f"mục \"{_canonical(index, specs[index])}\" xuất hiện hai lần "
                                     f"(lần đầu ở dòng {seen[index].line})"))
            continue
        seen[index] = section
        if index < highest and highest_section is not None:
            problems.append(_problem(doc, section.line, "CT003",
                                     f"mục \"{_canonical(index, specs[index])}\" sai thứ tự: phải đứng trước "
                                     f"mục \"{_canonical(highest, specs[highest])}\" (dòng {highest_section.line})"))
        else:
            highest, highest_section = index, section
        if not specs[index].get("co_the_trong") and not section.has_content():
            problems.append(_problem(doc, section.line, "CT007",
                                     f"mục \"{_canonical(index, specs[index])}\" chưa có nội dung"))

    for index, spec in enumerate(specs):
        if index in seen:
            continue
        later = [seen[i].line for i in seen if i > index]
        line = min(later) if later else doc.last_line()
        problems.append(_problem(doc, line, "CT002", f"thiếu mục \"{_canonical(index, spec)}\""))

    if specs:
        problems.extend(_check_roman(doc, tops, matched))
    return problems


def _check_roman(doc: Document, tops: list[Section], matched: list[int | None]) -> list[Problem]:
    problems = []
    previous = 0
    for section, index in zip(tops, matched):
        kind, value, _ = section.numbering
        if kind != "roman":
            problems.append(_problem(doc, section.line, "CT005",
                                     f"mục lớn \"{section.title}\" phải bắt đầu bằng số La Mã, "
                                     f"ví dụ \"{int_to_roman(previous + 1)}. {section.title}\""))
            previous += 1
            continue
        number = value[0]
        # A gap left by a missing section is reported once, as the missing section (CT002).
        if number != previous + 1 and not (index is not None and number == index + 1):
            problems.append(_problem(doc, section.line, "CT005",
                                     f"số La Mã \"{int_to_roman(number)}\" không liên tiếp: sau "
                                     f"\"{int_to_roman(previous) if previous else '(đầu văn bản)'}\" "
                                     f"phải là \"{int_to_roman(previous + 1)}\""))
        previous = number
    return problems


def check_sub_numbering(doc: Document) -> list[Problem]:
    """1., 2., 3. consecutive under a section; 4.1, 4.2 ... under 4."""
    problems = []
    parents: list[Section | None] = [None, *doc.all_sections()]
    for parent in parents:
        children = parent.children if parent is not None else doc.sections
        parent_numbers: tuple[int, ...] = ()
        if parent is not None and parent.numbering[0] == "decimal":
            parent_numbers = parent.numbering[1]
        expected = 1
        previous_label = ""
        for child in children:
            kind, numbers, _ = child.numbering
            if kind != "decimal":
                continue
            want = (*parent_numbers, expected)
            if numbers != want:
                label = ".".join(map(str, numbers))
                wanted = ".".join(map(str, want))
                after = f"sau \"{previous_label}\" " if previous_label else ""
                problems.append(_problem(doc, child.line, "CT006",
                                         f"đánh số \"{label}\" không liên tiếp: {after}phải là \"{wanted}\""))
                if numbers[: len(parent_numbers)] == parent_numbers and len(numbers) == len(want):
                    expected = numbers[-1]
            previous_label = ".".join(map(str, numbers))
            expected += 1
    return problems


def check_articles(doc: Document) -> list[Problem]:
    problems = []
    expected = 1
    for section in _top_sections(doc):
        kind, numbers, _ = section.numbering
        if kind != "article":
            continue
        if numbers[0] != expected:
            problems.append(_problem(doc, section.line, "CT011",
                                     f"\"Điều {numbers[0]}\" không liên tiếp: phải là \"Điều {expected}\""))
        expected = numbers[0] + 1
    return problems


def validate(doc: Document, types: dict[str, DocType], *, must_be_document: bool = False) -> list[Problem]:
    """All problems of one document (reading problems included), sorted by line."""
    problems = list(doc.problems)
    if problems and problems[0].code == "VB001":
        return problems
    if not doc.has_front_matter:
        if must_be_document:
            problems.append(_problem(doc, 1, "VB002", "văn bản thiếu phần thuộc tính ở đầu tệp "
                                     "(các dòng \"tên: giá trị\" nằm giữa hai dòng ---)"))
        return problems
    if any(p.code == "VB003" for p in problems):
        return problems
    if "loai" not in doc.meta:
        if must_be_document:
            problems.append(_problem(doc, 1, "TT001", "thiếu thuộc tính bắt buộc \"loai\" (loại văn bản: "
                                     + ", ".join(types) + ")"))
        return problems
    doctype = types.get(doc.doc_type)
    if doctype is None:
        known = ", ".join(types)
        problems.append(_problem(doc, doc.meta_lines.get("loai", 1), "VB004",
                                 f"loại văn bản \"{doc.doc_type}\" không có; chỉ dùng: {known}"))
        return problems
    problems += check_attributes(doc, doctype)
    problems += check_heading_levels(doc)
    problems += check_preamble(doc, doctype)
    problems += check_sections(doc, doctype)
    problems += check_sub_numbering(doc)
    if doctype.numbered_articles:
        problems += check_articles(doc)
    if doc.meta.get("nhap") is True:
        problems = [_as_draft_note(p) for p in problems]
    return sorted(problems, key=lambda p: (p.line, p.code))


# In a draft (nhap: true) what is merely still empty is a reminder, not an error.
_STILL_EMPTY = {"TT002", "CT001", "CT007"}


def _as_draft_note(problem: Problem) -> Problem:
    if problem.code not in _STILL_EMPTY:
        return problem
    return Problem(problem.path, problem.line, problem.code, f"(bản nháp) {problem.message}", Severity.WARNING)
