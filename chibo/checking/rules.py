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
from chibo.document.model import Document, Section
from chibo.document.numbering import int_to_roman
from chibo.document.text import fold
from chibo.document.visibility import is_draft, is_protection_key, protection_problems

# code -> (short Vietnamese description for the authors' table)
RULES: dict[str, str] = {
    "VB001": "Tệp không phải mã UTF-8",
    "VB002": "Văn bản thiếu phần thuộc tính (front matter) giữa hai dòng ---",
    "VB003": "Phần thuộc tính (YAML) viết sai cú pháp",
    "VB004": "Loại văn bản (loai) không có trong data/loai-van-ban.yml",
    "VB005": "Văn bản chưa có trong mục lục (nav) của mkdocs.yml",
    "VB006": "Một thuộc tính được ghi hai lần",
    "VB007": "Phần thuộc tính mở bằng --- nhưng không có dòng --- đóng lại; văn bản bị giữ lại",
    "VB008": "Phần thuộc tính quá dài; văn bản bị giữ lại",
    "TT001": "Thiếu thuộc tính bắt buộc",
    "TT002": "Thuộc tính bắt buộc để trống",
    "TT003": "Số văn bản không theo dạng của văn bản Đảng (ví dụ 01-KH/CB); giữ nguyên như bản gốc (cảnh báo)",
    "TT004": "Ngày sai định dạng hoặc không có thật (dạng đúng: 10/01/2022)",
    "TT005": "Năm hoặc tháng sai định dạng (năm: 2022; tháng: 2022-03)",
    "TT006": "Thuộc tính có kiểu giá trị sai (danh sách, có/không)",
    "TT007": "Thuộc tính lạ, có thể gõ nhầm tên (cảnh báo)",
    "CT001": "Chưa có đoạn mở đầu (ví dụ \"Căn cứ ...\") hay mục căn cứ (cảnh báo)",
    "CT002": "Thiếu mục bắt buộc",
    "CT003": "Mục đứng khác thứ tự thường gặp (cảnh báo)",
    "CT004": "Một mục xuất hiện hai lần (cảnh báo)",
    "CT005": "Số La Mã của mục lớn không liên tiếp (lỗi) hoặc mục lớn không đánh số La Mã (cảnh báo)",
    "CT006": "Đánh số mục con không liên tiếp (1., 2., 3. hoặc 4.1, 4.2 ...)",
    "CT007": "Mục bắt buộc không có nội dung",
    "CT008": "Cấp tiêu đề nhảy cóc, ví dụ từ ## xuống thẳng #### (cảnh báo)",
    "CT009": "Mục lớn không thuộc cấu trúc thường gặp của loại văn bản (cảnh báo)",
    "CT010": "Không dùng tiêu đề cấp 1 (#) trong văn bản; tên văn bản lấy từ thuộc tính (cảnh báo)",
    "CT011": "Số Điều không liên tiếp",
    "DC001": "Dẫn chiếu tới số hiệu không có trong sổ văn bản dẫn chiếu, không tạo liên kết (cảnh báo)",
    "DC002": "Dẫn chiếu tới văn bản đã hết hiệu lực, đã bị thay thế (cảnh báo)",
    "DC003": "Ngày ghi kèm dẫn chiếu khác ngày ban hành trong sổ văn bản dẫn chiếu (cảnh báo)",
    "DC004": "Sổ văn bản dẫn chiếu (data/van-ban-dan-chieu.yml) ghi sai",
    "DC005": "Trang quy định có số hiệu (ma) không có trong sổ văn bản dẫn chiếu, hoặc sổ ghi trang khác (cảnh báo)",
    "BM001": "Thuộc tính bảo vệ (mat, nhap) viết khác cách chuẩn; đã hiểu theo nghĩa rõ ràng của nó (cảnh báo)",
    "BM002": "Thuộc tính bảo vệ (mat, nhap) có giá trị không rõ hoặc mâu thuẫn; văn bản bị giữ lại",
    "BM003": "Dòng thuộc tính bảo vệ (mật, độ mật, nháp) nằm ngoài phần thuộc tính; văn bản bị giữ lại",
    "BM004": "Một thuộc tính khác cho thấy văn bản mật hoặc nháp (ví dụ \"công khai: không\", \"phân loại: Mật\"); văn bản bị giữ lại",
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
        text = str(value).strip()
        party = re.match(r"^\d{1,4}-(?P<abbr>[A-ZĐ]{1,6})/[A-ZĐ]{1,12}$", text)
        if not party or (doctype.abbreviation and party.group("abbr") != doctype.abbreviation):
            example = f"01-{doctype.abbreviation or 'TB'}/CB"
            return _problem(doc, line, "TT003", f"số văn bản \"{value}\" không theo dạng của văn bản Đảng "
                            f"(ví dụ {example}); được giữ nguyên như văn bản gốc", Severity.WARNING)
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
        if key not in doctype.attributes and key not in _PAGE_KEYS and not is_protection_key(key):
            close = difflib.get_close_matches(key, list(doctype.attributes), n=1)
            hint = f"; có phải là \"{close[0]}\"?" if close else ""
            problems.append(_problem(doc, doc.meta_lines.get(key, 1), "TT007",
                                     f"thuộc tính lạ \"{key}\" không có trong loại văn bản này{hint}",
                                     Severity.WARNING))
    return problems


# --- structure -------------------------------------------------------------------

def _keywords(spec: dict[str, Any]) -> list[str]:
    return [comparable(k) for k in spec.get("tu_khoa") or [] if comparable(str(k))]


def _variants(spec: dict[str, Any]) -> list[str]:
    return [comparable(c) for c in [spec["tieu_de"], *(spec.get("bien_the") or [])] if comparable(str(c))]


def _section_spec_matches(title: str, spec: dict[str, Any], *, fuzzy: bool = True) -> bool:
    """Whether a heading's title is this section: same words (case, accents and punctuation
    aside), the same words followed by more ("Tổ chức thực hiện kế hoạch"), or a small
    misspelling."""
    have = comparable(title)
    for target in _variants(spec):
        if have == target or have.startswith(target + " "):
            return True
    if not fuzzy:
        return False
    for target in _variants(spec):
        matcher = difflib.SequenceMatcher(None, have, target)
        # quick_ratio() bounds ratio() from above and costs far less
        if matcher.quick_ratio() >= 0.88 and matcher.ratio() >= 0.88:
            return True
    return False


def _keyword_position(title: str, spec: dict[str, Any]) -> int | None:
    """Where the earliest of a section's keywords stands in a title, None if none does."""
    have = f" {comparable(title)} "
    found = [have.find(f" {word} ") for word in _keywords(spec)]
    found = [position for position in found if position >= 0]
    return min(found) if found else None


def match_section(title: str, specs: list[dict[str, Any]]) -> int | None:
    """Index of the section spec a heading title stands for, by meaning: its words or a
    variant (data/loai-van-ban.yml "bien_the"), then a keyword it contains ("tu_khoa",
    the earliest in the title wins), then a small misspelling."""
    index, _ = match_how(title, specs)
    return index


def match_how(title: str, specs: list[dict[str, Any]]) -> tuple[int | None, str]:
    """The matching section spec and how it matched: "exact", "keyword", "fuzzy" or ""."""
    for index, spec in enumerate(specs):
        if _section_spec_matches(title, spec, fuzzy=False):
            return index, "exact"
    positions = [(position, index) for index, spec in enumerate(specs)
                 if (position := _keyword_position(title, spec)) is not None]
    if positions:
        return min(positions)[1], "keyword"
    for index, spec in enumerate(specs):
        if _section_spec_matches(title, spec, fuzzy=True):
            return index, "fuzzy"
    return None, ""


def _canonical(spec: dict[str, Any]) -> str:
    return str(spec["tieu_de"])


def check_heading_levels(doc: Document) -> list[Problem]:
    problems = []
    previous = 1
    for section in doc.all_sections():
        if section.level == 1:
            problems.append(_problem(doc, section.line, "CT010",
                                     f"không dùng tiêu đề cấp 1 \"# {section.title}\"; hãy dùng \"##\"",
                                     Severity.WARNING))
        elif section.level > previous + 1:
            problems.append(_problem(doc, section.line, "CT008",
                                     f"tiêu đề \"{section.title}\" nhảy từ cấp {previous} xuống cấp "
                                     f"{section.level}; nên dùng {'#' * (previous + 1)}", Severity.WARNING))
        previous = max(section.level, 1)
    return problems


def check_preamble(doc: Document, doctype: DocType, matched: dict[int, Section] | None = None) -> list[Problem]:
    if not doctype.preamble:
        return []
    first = doc.preamble[0][1] if doc.preamble else ""
    if comparable(first).startswith(comparable(doctype.preamble)):
        return []
    specs = doctype.sections_for(doc.meta)
    if matched and any(specs[i].get("la_can_cu") for i in matched if i < len(specs)):
        return []  # "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH": the căn cứ have a section of their own
    line = doc.sections[0].line if doc.sections else doc.body_start
    return [_problem(doc, line, "CT001", f"chưa có đoạn mở đầu \"{doctype.preamble} ...\" trước mục đầu tiên",
                     Severity.WARNING)]


def main_parts(doc: Document) -> list[Section]:
    """The document's main parts, wherever their headings sit: the outermost headings
    below any "PHẦN" or "Chương" — Roman-numbered (restarting under each PHẦN), lettered,
    arabic, or titles without numbers (bold or capital lines)."""
    outer = [s for s in doc.all_sections() if s.level >= 2 and s.number.kind not in ("part", "chapter")]
    if not outer:
        return []
    level = min(s.level for s in outer)
    return [s for s in outer if s.level == level]


def _parts(doc: Document) -> list[Section]:
    return [s for s in doc.all_sections() if s.number.kind == "part"]


def check_sections(doc: Document, doctype: DocType) -> tuple[list[Problem], dict[int, Section]]:
    specs = doctype.sections_for(doc.meta)
    problems: list[Problem] = []
    tops = main_parts(doc)
    candidates = _parts(doc) + tops
    seen: dict[int, Section] = {}
    by_keyword: set[int] = set()
    highest = -1
    highest_section: Section | None = None
    for section in sorted(candidates, key=lambda s: s.line):
        index, how = match_how(section.number.rest or section.title, specs)
        if index is None:
            if specs and section in tops and section.number.kind != "part":
                problems.append(_problem(doc, section.line, "CT009",
                                         f"mục \"{section.title}\" không thuộc cấu trúc thường gặp của "
                                         f"{doctype.label.lower()}", Severity.WARNING))
            continue
        if index in seen:
            if how != "keyword" and index not in by_keyword:
                problems.append(_problem(doc, section.line, "CT004",
                                         f"mục \"{_canonical(specs[index])}\" xuất hiện hai lần "
                                         f"(lần đầu ở dòng {seen[index].line})", Severity.WARNING))
            continue
        seen[index] = section
        if how == "keyword":
            by_keyword.add(index)
        if index < highest and highest_section is not None:
            problems.append(_problem(doc, section.line, "CT003",
                                     f"mục \"{_canonical(specs[index])}\" thường đứng trước mục "
                                     f"\"{_canonical(specs[highest])}\" (dòng {highest_section.line})",
                                     Severity.WARNING))
        else:
            highest, highest_section = index, section
        if not section.has_content():
            required = specs[index].get("bat_buoc", True) and not specs[index].get("co_the_trong")
            problems.append(_problem(doc, section.line, "CT007",
                                     f"mục \"{_canonical(specs[index])}\" chưa có nội dung",
                                     Severity.ERROR if required else Severity.WARNING))

    titles = [section.title for section in candidates]
    for index, spec in enumerate(specs):
        if index in seen or not spec.get("bat_buoc", True):
            continue
        if any(_keyword_position(title, spec) is not None for title in titles):
            continue  # its subject is there, under another section's title
        later = [seen[i].line for i in seen if i > index]
        line = min(later) if later else doc.last_line()
        problems.append(_problem(doc, line, "CT002", f"thiếu mục \"{_canonical(spec)}\""))

    problems.extend(_check_roman(doc, tops))
    return problems, seen


def _check_roman(doc: Document, tops: list[Section]) -> list[Problem]:
    """Roman numerals of the main parts run I, II, III ... under each parent."""
    problems = []
    if not any(s.number.kind == "roman" for s in tops):
        return problems
    previous: dict[int, int] = {}
    for section in tops:
        key = id(section.parent)
        kind, value, _ = section.numbering
        before = previous.get(key, 0)
        if kind != "roman":
            problems.append(_problem(doc, section.line, "CT005",
                                     f"mục lớn \"{section.title}\" nên bắt đầu bằng số La Mã, "
                                     f"ví dụ \"{int_to_roman(before + 1)}. {section.title}\"", Severity.WARNING))
            previous[key] = before + 1
            continue
        number = value[0]
        if number != before + 1:
            problems.append(_problem(doc, section.line, "CT005",
                                     f"số La Mã \"{int_to_roman(number)}\" không liên tiếp: sau "
                                     f"\"{int_to_roman(before) if before else '(đầu văn bản)'}\" "
                                     f"phải là \"{int_to_roman(before + 1)}\""))
        previous[key] = number
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
        previous_line = parent.line if parent is not None else doc.body_start
        for child in children:
            kind, numbers, _ = child.numbering
            if kind != "decimal":
                continue
            want = (*parent_numbers, expected)
            if len(numbers) != len(want) and len(numbers) == 1 and parent_numbers:
                want = (expected,)  # "1." under "4." rather than "4.1"
            if numbers != want and _numbered_paragraph_between(doc, previous_line, child.line, want, numbers):
                want = numbers  # the missing numbers are paragraphs of text ("3\\. …"), not a skip
            if numbers != want:
                label = ".".join(map(str, numbers))
                wanted = ".".join(map(str, want))
                after = f"sau \"{previous_label}\" " if previous_label else ""
                problems.append(_problem(doc, child.line, "CT006",
                                         f"đánh số \"{label}\" không liên tiếp: {after}phải là \"{wanted}\""))
                if len(numbers) == len(want):
                    expected = numbers[-1]
            previous_label = ".".join(map(str, numbers))
            previous_line = child.line
            expected = numbers[-1] + 1 if numbers[: len(parent_numbers)] == parent_numbers else expected + 1
    return problems


def _numbered_paragraph_between(doc: Document, start: int, end: int, want: tuple[int, ...],
                                found: tuple[int, ...]) -> bool:
    """Whether every number from ``want`` up to ``found`` opens a paragraph between two lines."""
    if len(want) != len(found) or found[-1] <= want[-1]:
        return False
    lines = doc.lines[start:end - 1]
    for number in range(want[-1], found[-1]):
        label = re.escape(".".join(map(str, (*want[:-1], number))))
        if not any(re.match(rf"^\s*(?:\*\*)?{label}\\?[.)]\s", line) for line in lines):
            return False
    return True


def check_articles(doc: Document) -> list[Problem]:
    problems = []
    expected = 1
    for section in doc.all_sections():
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
    if any(p.code in ("VB003", "VB007", "VB008") for p in problems):
        return problems
    problems += protection_problems(doc)  # fail closed on mat/nhap
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
    structure, matched = check_sections(doc, doctype)
    problems += structure
    problems += check_preamble(doc, doctype, matched)
    problems += check_sub_numbering(doc)
    if doctype.numbered_articles:
        problems += check_articles(doc)
    if is_draft(doc.meta):
        problems = [as_draft_note(p) for p in problems]
    return sorted(problems, key=lambda p: (p.line, p.code))


# A draft's problems are reminders, never a stopped build: publishing it (nhap: false)
# is a deliberate change, and then the full rules apply. Attribute and structure rules
# (TT, CT) are softened; problems of reading the file or of protecting it are not.
_DRAFT_SOFT = ("TT", "CT")


def as_draft_note(problem: Problem) -> Problem:
    if problem.severity is Severity.WARNING or not problem.code.startswith(_DRAFT_SOFT):
        return problem
    return Problem(problem.path, problem.line, problem.code, f"(bản nháp) {problem.message}", Severity.WARNING)
