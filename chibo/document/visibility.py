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

import re
from collections.abc import Mapping
from typing import Any

from chibo.document.diagnostics import Problem, Severity
from chibo.document.text import fold

# Front-matter keys (see data/loai-van-ban.yml) that keep a document off the site.
CONFIDENTIAL_KEY = "mat"
DRAFT_KEY = "nhap"
WITHHOLD_KEYS = (DRAFT_KEY, CONFIDENTIAL_KEY)

# Folded spellings (see _fold_key) read as the same key.
_CONFIDENTIAL_KEYS = {"mat", "bimat", "tuyetmat", "toimat", "tailieumat", "vanbanmat", "baomat",
                      "confidential", "secret"}
_DRAFT_KEYS = {"nhap", "bannhap", "vanbannhap", "duthao", "draft"}
_YES = {"true", "yes", "y", "co", "1", "x", "dung", "phai", "on", "mat", "nhap", "bimat", "duthao"}
_NO = {"false", "no", "n", "khong", "0", "off", "sai"}


def _fold_key(key: Any) -> str:
    return re.sub(r"[\s_\-.]+", "", fold(str(key)).lower())


def _reading(value: Any) -> bool | None:
    """True/False when the value clearly means yes/no; None when it is ambiguous."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = _fold_key(value)
        if word in _YES:
            return True
        if word in _NO:
            return False
    return None


def _entries(meta: Mapping[str, Any], family: set[str]) -> list[tuple[str, Any]]:
    return [(str(key), value) for key, value in meta.items() if _fold_key(key) in family]


def _protected(meta: Mapping[str, Any], family: set[str]) -> bool:
    # Fail closed: every key of the family that does not clearly say "no" says "yes".
    return any(_reading(value) is not False for _, value in _entries(meta, family))


def is_protection_key(key: Any) -> bool:
    """Whether a front-matter key is read as a protection key (any spelling of mat, nhap)."""
    folded = _fold_key(key)
    return folded in _CONFIDENTIAL_KEYS or folded in _DRAFT_KEYS


def is_confidential(meta: Mapping[str, Any]) -> bool:
    """``mat: true`` however it is spelt: never published, not even in a preview."""
    return _protected(meta, _CONFIDENTIAL_KEYS)


def is_draft(meta: Mapping[str, Any]) -> bool:
    """``nhap: true`` however it is spelt: previewed by ``make serve``, never published."""
    return _protected(meta, _DRAFT_KEYS)


def is_withheld(meta: Mapping[str, Any]) -> bool:
    """True for a draft or confidential document."""
    return is_confidential(meta) or is_draft(meta)


_NAMES = {CONFIDENTIAL_KEY: "văn bản mật", DRAFT_KEY: "bản nháp"}


def protection_problems(meta: Mapping[str, Any], meta_lines: Mapping[str, int], path: str) -> list[Problem]:
    """BM001 (warning): a protection key spelt otherwise, read as meant; BM002 (error): a
    value or a combination whose meaning is unclear (the document is withheld meanwhile)."""
    problems = []
    for canonical, family in ((CONFIDENTIAL_KEY, _CONFIDENTIAL_KEYS), (DRAFT_KEY, _DRAFT_KEYS)):
        entries = _entries(meta, family)
        readings = {_reading(value) for _, value in entries}
        for key, value in entries:
            line = meta_lines.get(key, 1)
            reading = _reading(value)
            if reading is None:
                problems.append(Problem(path, line, "BM002", (
                    f"thuộc tính \"{key}: {value}\" không rõ có phải là {_NAMES[canonical]} hay không; "
                    f"văn bản được giữ lại, không đăng. Hãy viết \"{canonical}: true\" hoặc "
                    f"\"{canonical}: false\""), Severity.ERROR))
            elif key != canonical or not isinstance(value, bool):
                problems.append(Problem(path, line, "BM001", (
                    f"thuộc tính \"{key}: {value}\" được hiểu là \"{canonical}: {str(reading).lower()}\""
                    + (f" ({_NAMES[canonical]}, không đăng)" if reading else "")
                    + f"; hãy viết đúng \"{canonical}: {str(reading).lower()}\""), Severity.WARNING))
        if len(entries) > 1 and len(readings) > 1:
            key = entries[0][0]
            problems.append(Problem(path, meta_lines.get(key, 1), "BM002", (
                "các thuộc tính " + ", ".join(f"\"{k}: {v}\"" for k, v in entries)
                + f" mâu thuẫn nhau; văn bản được giữ lại, không đăng. Chỉ giữ một dòng "
                f"\"{canonical}: true\" hoặc \"{canonical}: false\""), Severity.ERROR))
    return problems
