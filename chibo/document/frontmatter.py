"""The one reading of a page's front matter, used by the checks, the import, the desk and
(through the staged tree, ``chibo.publishing.stage``) by whatever engine builds the site.

A front matter opens with ``---`` on the first line and closes at the first line that is
``---`` or ``...`` at the start of a line (trailing blanks allowed): the same rule as
MkDocs and Python-Markdown, so that no reader sees a longer or shorter block than we do.
Line ends (CRLF, CR) are read like LF, a BOM is dropped, text is NFC.

The YAML is a strict subset: anchors and aliases are refused (no alias bomb can expand),
explicit tags are refused, nesting is bounded, duplicate keys are an error. Every key is
normalised: NFC, invisible characters (zero-width, soft hyphen, BOM, bidi marks) removed,
surrounding blanks dropped, and a key that reads as a known key once folded (case,
diacritics, ``_``/``-``/blanks) becomes that key: ``Trích yếu`` -> ``trich_yeu``,
``độ mật``/``do_mat``/``Mật`` -> ``mat``, ``dự thảo`` -> ``nhap``.

Fail closed: a line anywhere in the file outside code blocks that reads as a protection
key (``mật: …``, ``độ mật: Mật``, ``nháp: có``) but is not in the front matter we read makes
the file withheld (``protection_lines``), whatever a reader would make of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from chibo.document.diagnostics import Problem
from chibo.document.text import fold

# What MkDocs (and Python-Markdown's meta readers) treat as a page: every one is read.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext")
MAX_FRONT_MATTER = 64 * 1024  # characters
MAX_DEPTH = 12
# Folded spellings of the protection keys (see fold_key).
CONFIDENTIAL_KEYS = {"mat", "domat", "mucdomat", "domatvanban", "bimat", "tuyetmat", "toimat", "tailieumat",
                     "vanbanmat", "confidential", "secret", "classified", "classification"}
DRAFT_KEYS = {"nhap", "bannhap", "vanbannhap", "duthao", "banduthao", "draft"}
# A key holding one of these words (with its diacritics) is a protection key too: "mức độ mật".
# Only the word with its diacritics: "co_mat" (có mặt, present) is not a protection key.
_CONFIDENTIAL_WORD = re.compile(r"(?<![\w])mật(?![\w])", re.IGNORECASE)
_DRAFT_WORD = re.compile(r"(?<![\w])(nháp|dự thảo)(?![\w])", re.IGNORECASE)

# Outside the front matter only these exact spellings count (a body line "Công tác bảo mật: …"
# is text): the folded keys above, and the Vietnamese words as typed.
STRAY_KEYS = (CONFIDENTIAL_KEYS | DRAFT_KEYS) - {"secret", "classification", "draft"}
STRAY_WORDS = {"độ mật", "mức độ mật", "mật", "tuyệt mật", "tối mật", "nháp", "bản nháp", "dự thảo"}

_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
_OPEN = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
# "key: value" as a line, for the fail-closed scan (any indentation, list dash, quotes).
# The list/quote markers before a key are taken possessively (*+): a line of thousands of
# spaces cannot make the key be tried at every split of them (issue 19, linear cost).
_KEY_LINE = re.compile(r"^[\"']?([^:=\"'\n]{1,40}?)[\"']?[ \t]*[:：=][ \t]*(.*)$")


def is_page(path: str) -> bool:
    return path.lower().endswith(PAGE_SUFFIXES)


# Letters of other scripts that look like Latin ones ("mаt" with a Cyrillic а).
_CONFUSABLE = str.maketrans("аеорсхуіјѕԁһмтвкнАЕОРСХУІЈЅМТВКНαοιρτνκ", "aeopcxyijsdhmtbkhAEOPCXYIJSMTBKHaoiptvk")


def clean_key(key: Any) -> str:
    """NFKC (fullwidth letters too), look-alike letters of other scripts, invisible
    characters removed, blanks folded: the key as meant."""
    text = unicodedata.normalize("NFKC", str(key))
    text = _INVISIBLE.sub("", text).translate(_CONFUSABLE)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def fold_key(key: Any) -> str:
    """Case, diacritics and separators dropped: ``Độ_mật`` -> ``domat``."""
    return re.sub(r"[\s_\-.]+", "", fold(clean_key(key)).lower())


def protection_family(key: Any) -> str | None:
    """"mat", "nhap" or None for a front-matter key as typed."""
    cleaned = clean_key(key)
    folded = fold_key(cleaned)
    if folded in CONFIDENTIAL_KEYS or _CONFIDENTIAL_WORD.search(cleaned.lower().replace("_", " ")):
        return "mat"
    if folded in DRAFT_KEYS or _DRAFT_WORD.search(cleaned.lower().replace("_", " ")):
        return "nhap"
    return None


# "công khai: không", "publish: false": a key saying whether the document is public, whose
# value is anything but a clear yes, withholds it.
PUBLIC_KEYS = {"congkhai", "public", "publish", "published", "duocdang", "chodang", "dangtai", "dangtrang",
               "phathanhcongkhai"}
# "status: draft", "trạng thái: nháp": a state key whose value is a draft or classified word.
STATUS_KEYS = {"status", "trangthai", "tinhtrang", "giaidoan", "state"}
# A value that, alone, is a classification or a draft state, under any key ("phân loại: Mật").
CONFIDENTIAL_VALUES = {"mat", "toimat", "tuyetmat", "bimat", "vanbanmat", "tailieumat", "confidential", "secret",
                       "topsecret", "classified", "noibomat"}
DRAFT_VALUES = {"draft", "nhap", "bannhap", "duthao", "banduthao", "chuabanhanh"}


def fold_value(value: Any) -> str:
    return fold_key(value) if isinstance(value, str) and len(value) <= 40 else ""


def implied_protection(key: Any, value: Any) -> str | None:
    """"mat"/"nhap" when a key that is not a protection key still says the document is
    not public: a classification value, a draft state, "công khai: không"."""
    folded_key = fold_key(key)
    folded = fold_value(value)
    if folded_key in PUBLIC_KEYS:
        from chibo.document.visibility import reading  # no import cycle at module load

        return None if reading(value) is True else "mat"
    if folded in CONFIDENTIAL_VALUES:
        return "mat"
    if folded in DRAFT_VALUES and (folded_key in STATUS_KEYS or folded in ("draft", "duthao", "bannhap", "nhap")):
        return "nhap"
    return None


def canonical_key(key: Any, known: Iterable[str] = ()) -> str:
    """The key as the project names it: a protection family, a known key, else cleaned."""
    family = protection_family(key)
    if family is not None:
        return family
    cleaned = clean_key(key)
    folded = fold_key(cleaned)
    for name in known:
        if fold_key(name) == folded:
            return name
    return cleaned


@dataclass
class FrontMatter:
    present: bool = False  # the file opens with a --- block
    meta: dict[str, Any] = field(default_factory=dict)  # canonical key -> value
    lines: dict[str, int] = field(default_factory=dict)  # canonical key -> 1-based line
    typed: dict[str, str] = field(default_factory=dict)  # canonical key -> key as typed
    body_index: int = 0  # 0-based index of the first body line
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # a block we could not read: the file is never published
    # Protection keys found outside the front matter we read: (line, key as typed, value)
    stray_protection: list[tuple[int, str, str]] = field(default_factory=list)
    duplicate_protection: dict[str, list[Any]] = field(default_factory=dict)
    # Protection said elsewhere: (line, path of the key as typed, value, family)
    implied: list[tuple[int, str, str, str]] = field(default_factory=list)

    @property
    def body_start(self) -> int:
        return self.body_index + 1


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _events_allowed(source: str) -> None:
    """Refuse anchors, aliases, explicit tags and deep nesting before anything is built."""
    depth = 0
    for event in yaml.parse(source, Loader=_LOADER):
        line = event.start_mark.line if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(line, "có neo/tham chiếu YAML (&… hoặc *…); phần thuộc tính không được dùng chúng")
        tag = getattr(event, "tag", None)
        if tag and not (isinstance(event, yaml.ScalarEvent) and any(event.implicit)) and tag != "!":
            raise _Refused(line, f"có thẻ YAML {tag!r}; hãy ghi giá trị bình thường, không dùng dấu ! ")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(line, f"lồng nhau quá {MAX_DEPTH} tầng")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _yaml_hint(error: yaml.YAMLError) -> str:
    """A Vietnamese explanation of a YAML error, for authors who never heard of YAML."""
    context = str(getattr(error, "context", "") or "")
    problem = str(getattr(error, "problem", "") or "")
    if "quoted scalar" in context or "end of stream" in problem and "quoted" in context:
        hint = "có dấu ngoặc kép mở mà chưa đóng"
    elif "tab" in problem:
        hint = "có ký tự Tab; chỉ dùng dấu cách để thụt lề"
    elif "mapping values are not allowed" in problem:
        hint = "có dấu hai chấm \": \" trong giá trị; hãy đặt cả giá trị trong ngoặc kép"
    elif "could not find expected ':'" in problem:
        hint = "có dòng không theo dạng \"tên: giá trị\""
    elif "indent" in problem or "block" in context:
        hint = "thụt lề không đều"
    else:
        hint = "sai cú pháp; kiểm tra dấu ngoặc kép, dấu hai chấm và thụt lề"
    return f"phần thuộc tính (YAML) không đọc được: {hint}"


def _error_line(error: yaml.YAMLError) -> int:
    """0-based line in the YAML source where the fault began (an unclosed quote: its opening)."""
    context = str(getattr(error, "context", "") or "")
    mark = getattr(error, "context_mark", None) if "quoted scalar" in context else None
    mark = mark or getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line if mark is not None else 0


def _unbalanced_quote(block: list[str], upto: int) -> int | None:
    """The first line (0-based) at or before ``upto`` whose value opens a quote it does not
    close: the author's mistake, where YAML only notices it a line or more later."""
    for index, line in enumerate(block[:upto + 1]):
        value = line.split(":", 1)[1].strip() if ":" in line else line.strip()
        if value.startswith('"') and (len(value) == 1 or not re.search(r'(?<!\\)"\s*(#.*)?$', value[1:])):
            return index
        if value.startswith("'") and value.count("'") % 2 == 1:
            return index
    return None


def split(lines: list[str]) -> tuple[bool, int, int]:
    """(opens with ---, index of the closing line or -1, index of the first body line)."""
    if not lines or not _OPEN.match(lines[0]):
        return False, -1, 0
    for index in range(1, len(lines)):
        if _CLOSE.match(lines[index]):
            return True, index, index + 1
    return True, -1, len(lines)


def parse_lines(lines: list[str], path: str, known: Iterable[str] = ()) -> FrontMatter:
    """Read the front matter of already decoded (NFC, LF) lines."""
    known = tuple(known)
    result = FrontMatter()
    opened, close, body = split(lines)
    if opened:
        result.present = True
        result.body_index = body
        if close < 0:
            result.unreadable = True
            result.problems.append(Problem(path, 1, "VB007", "phần thuộc tính mở bằng \"---\" ở dòng 1 nhưng "
                                           "không có dòng \"---\" đóng lại (đứng đầu dòng, không thụt lề)"))
        else:
            _read_block(result, lines[1:close], path, known)
    _scan_protection(result, lines, path)
    return result


def _read_block(result: FrontMatter, block: list[str], path: str, known: tuple[str, ...]) -> None:
    source = "\n".join(block)
    if len(source) > MAX_FRONT_MATTER:
        result.unreadable = True
        result.problems.append(Problem(path, 2, "VB008", f"phần thuộc tính dài quá {MAX_FRONT_MATTER // 1024} KB"))
        return
    try:
        _events_allowed(source)
        loader = _LOADER(source)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as refused:
        result.unreadable = True
        result.problems.append(Problem(path, 2 + refused.line, "VB003",
                                       f"phần thuộc tính (YAML) không đọc được: {refused.message}"))
        return
    except yaml.YAMLError as error:
        result.unreadable = True
        line, hint = _error_line(error), _yaml_hint(error)
        quoted = _unbalanced_quote(block, line)
        if quoted is not None:  # a quote left open is closed by the next line's quote
            line, hint = quoted, "phần thuộc tính (YAML) không đọc được: có dấu ngoặc kép mở mà chưa đóng"
        result.problems.append(Problem(path, 2 + line, "VB003", hint))
        return
    except (RecursionError, MemoryError, ValueError, OverflowError) as error:  # pragma: no cover - belt and braces
        result.unreadable = True
        result.problems.append(Problem(path, 2, "VB003", f"phần thuộc tính (YAML) không đọc được ({type(error).__name__})"))
        return
    if data is None:
        return
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        result.unreadable = True
        result.problems.append(Problem(path, 2, "VB003", "phần thuộc tính (YAML) phải là các dòng \"tên: giá trị\""))
        return
    # construct_document keeps the last of duplicate keys: walk the nodes for all of them.
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        typed = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        key = canonical_key(typed, known)
        line = 2 + key_node.start_mark.line
        family = protection_family(typed)
        if family is not None:
            value = _node_value(value_node)
            result.duplicate_protection.setdefault(family, []).append(value)
        if key in seen:
            result.problems.append(Problem(path, line, "VB006",
                                           f"thuộc tính \"{typed}\" được ghi hai lần (lần đầu ở dòng {seen[key]}); "
                                           "chỉ giữ một dòng"))
            if family is None:
                continue
        seen.setdefault(key, line)
        result.lines.setdefault(key, line)
        result.typed.setdefault(key, typed)
    for typed_key, value in data.items():
        key = canonical_key(typed_key, known)
        family = protection_family(typed_key)
        if family is not None:
            continue
        result.meta.setdefault(key, value)
    for family, values in result.duplicate_protection.items():
        # Fail closed: the value that protects wins over one that does not.
        result.meta[family] = _most_protective(values)
    for key_node, value_node in node.value:
        typed = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        if protection_family(typed) is None:
            _walk_implied(result, typed, key_node, value_node, top=True)


def _walk_implied(result: FrontMatter, path: str, key_node: yaml.Node, node: yaml.Node, *, top: bool) -> None:
    """Protection keys nested under another key, and values that say "not public"."""
    line = 2 + key_node.start_mark.line
    if isinstance(node, yaml.ScalarNode):
        key = path.rsplit(" > ", 1)[-1]
        family = implied_protection(key, node.value)
        if family is not None:
            result.implied.append((line, path, str(node.value), family))
        return
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk_implied(result, path, item, item, top=False)
        return
    if isinstance(node, yaml.MappingNode):
        for child_key, child_value in node.value:
            typed = str(child_key.value) if isinstance(child_key, yaml.ScalarNode) else str(child_key)
            family = protection_family(typed)
            if family is not None:
                result.implied.append((2 + child_key.start_mark.line, f"{path} > {typed}",
                                       str(getattr(child_value, "value", "")), family))
            else:
                _walk_implied(result, f"{path} > {typed}", child_key, child_value, top=False)


def _node_value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_object(node, deep=True)
        finally:
            loader.dispose()
    return node.value if isinstance(node, yaml.ScalarNode) else [getattr(n, "value", n) for n in node.value]


def _most_protective(values: list[Any]) -> Any:
    from chibo.document.visibility import reading  # no import cycle at module load

    for value in values:
        if reading(value) is not False:
            return value
    return values[-1]


def _scan_protection(result: FrontMatter, lines: list[str], path: str) -> None:
    """Protection keys outside the block we read (indented closer, no fences, a later block)."""
    fence: str | None = None
    start = result.body_index if result.present and not result.unreadable else 0
    for index in range(start, len(lines)):
        line = lines[index]
        opening = _FENCE.match(line)
        if opening:
            if fence is None:
                fence = opening.group(1)
            elif opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        # Markers stripped first (C speed): the pattern then never backtracks over them.
        # "<!-- mat: true -->" and TOML's "mat = true" count too.
        bare = _INVISIBLE.sub("", unicodedata.normalize("NFKC", line)).strip()
        bare = bare.removeprefix("<!--").removesuffix("-->").strip().lstrip(" \t>*+-")
        match = _KEY_LINE.match(bare)
        if match is None:
            continue
        key = match.group(1)
        if fold_key(key) in STRAY_KEYS or clean_key(key).lower() in STRAY_WORDS:
            result.stray_protection.append((index + 1, key.strip(), match.group(2).strip()))
