"""Which documents may be published: drafts and confidential documents never are.

Protection keys fail closed. The canonical spellings are ``mat: true`` (confidential) and
``nhap: true`` (draft), but an author may well type ``mật: true``, ``Mat: yes``,
``bi_mat: có`` or ``mat: "true"``. Any key that reads as a protection key once folded
(diacritics, case, ``_``/``-``/spaces dropped) counts, and any value that is not clearly
"no" counts as "yes": such a document is withheld, never published by accident.
``protection_problems`` says what to write instead (a warning when the meaning is clear,
an error that stops the build when it is not).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chibo.document.diagnostics import Problem, Severity
from chibo.document.frontmatter import fold_key, protection_family

# Front-matter keys (see data/loai-van-ban.yml) that keep a document off the site.
CONFIDENTIAL_KEY = "mat"
DRAFT_KEY = "nhap"
WITHHOLD_KEYS = (DRAFT_KEY, CONFIDENTIAL_KEY)

_YES = {"true", "yes", "y", "co", "1", "x", "dung", "phai", "on", "mat", "nhap", "bimat", "duthao", "toimat",
        "tuyetmat", "domat"}
_NO = {"false", "no", "n", "khong", "0", "off", "sai"}


def reading(value: Any) -> bool | None:
    """True/False when the value clearly means yes/no; None when it is ambiguous."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = fold_key(value)
        if word in _YES:
            return True
        if word in _NO:
            return False
    return None


def _entries(meta: Mapping[str, Any], family: str) -> list[tuple[str, Any]]:
    return [(str(key), value) for key, value in meta.items() if protection_family(key) == family]


def _protected(meta: Mapping[str, Any], family: str) -> bool:
    # Fail closed: every key of the family that does not clearly say "no" says "yes".
    return any(reading(value) is not False for _, value in _entries(meta, family))


def is_protection_key(key: Any) -> bool:
    """Whether a front-matter key is read as a protection key (any spelling of mat, nhap)."""
    return protection_family(key) is not None


def is_confidential(meta: Mapping[str, Any]) -> bool:
    """``mat: true`` however it is spelt: never published, not even in a preview."""
    return _protected(meta, CONFIDENTIAL_KEY)


def is_draft(meta: Mapping[str, Any]) -> bool:
    """``nhap: true`` however it is spelt: previewed by ``make serve``, never published."""
    return _protected(meta, DRAFT_KEY)


def is_withheld(meta: Mapping[str, Any]) -> bool:
    """True for a draft or confidential document."""
    return is_confidential(meta) or is_draft(meta)


_NAMES = {CONFIDENTIAL_KEY: "văn bản mật", DRAFT_KEY: "bản nháp"}


def path_of(doc: Any) -> str:
    return str(doc.path)


def protection_problems(doc: Any) -> list[Problem]:
    """BM001 (warning): a protection key spelt otherwise, read as meant; BM002 (error): a
    value or a combination whose meaning is unclear; BM003 (error): a protection line outside
    the front matter. The document is withheld meanwhile in every error case."""
    front = doc.front
    path = doc.path
    problems = []
    if front is None:
        return problems
    for canonical in (CONFIDENTIAL_KEY, DRAFT_KEY):
        values = front.duplicate_protection.get(canonical, [])
        typed = front.typed.get(canonical, canonical)
        line = front.lines.get(canonical, 1)
        for value in values:
            meaning = reading(value)
            if meaning is None:
                problems.append(Problem(path, line, "BM002", (
                    f"thuộc tính \"{typed}: {value}\" không rõ có phải là {_NAMES[canonical]} hay không; "
                    f"văn bản được giữ lại, không đăng. Hãy viết \"{canonical}: true\" hoặc "
                    f"\"{canonical}: false\""), Severity.ERROR))
            elif len(values) == 1 and (typed != canonical or not isinstance(value, bool)):
                problems.append(Problem(path, line, "BM001", (
                    f"thuộc tính \"{typed}: {value}\" được hiểu là \"{canonical}: {str(meaning).lower()}\""
                    + (f" ({_NAMES[canonical]}, không đăng)" if meaning else "")
                    + f"; hãy viết đúng \"{canonical}: {str(meaning).lower()}\""), Severity.WARNING))
        if len(values) > 1:
            problems.append(Problem(path, line, "BM002", (
                f"thuộc tính {_NAMES[canonical]} được ghi {len(values)} lần ("
                + ", ".join(str(v) for v in values)
                + f"); văn bản được giữ lại, không đăng. Chỉ giữ một dòng "
                f"\"{canonical}: true\" hoặc \"{canonical}: false\""), Severity.ERROR))
    for line, path, value, family in front.implied:
        problems.append(Problem(path_of(doc), line, "BM004", (
            f"\"{path}: {value}\" cho thấy văn bản {'mật' if family == CONFIDENTIAL_KEY else 'là bản nháp'}; "
            f"văn bản được giữ lại, không đăng. Hãy ghi rõ \"{family}: true\" (hoặc \"{family}: false\" "
            "nếu được đăng) ở phần thuộc tính"), Severity.ERROR))
    for line, key, value in front.stray_protection:
        problems.append(Problem(path, line, "BM003", (
            f"dòng \"{key}: {value}\" nằm ngoài phần thuộc tính (giữa hai dòng --- ở đầu tệp); "
            "văn bản được giữ lại, không đăng. Hãy chuyển dòng này vào phần thuộc tính, "
            f"ví dụ \"{CONFIDENTIAL_KEY if protection_family(key) == CONFIDENTIAL_KEY else DRAFT_KEY}: true\""),
            Severity.ERROR))
    return problems
