"""Protection keys fail closed: however "mat" (confidential) or "nhap" (draft) is spelt, the
document is withheld, or the build stops with a Vietnamese message (BM001, BM002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chibo.checking.rules import RULES, validate
from chibo.document.config import load_types
from chibo.document.diagnostics import Severity
from chibo.document.model import load
from chibo.document.visibility import is_confidential, is_draft, is_withheld

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
TYPES = load_types()

CONFIDENTIAL = [
    {"mat": True}, {"mật": True}, {"bi_mat": True}, {"bí_mật": True}, {"Bí mật": "có"},
    {"mat": "true"}, {"mat": "có"}, {"Mat": "yes"}, {"MẬT": "Có"}, {"mat": 1}, {"tuyet_mat": True},
    {"mat": None}, {"mat": ""}, {"mat": "hình như có"}, {"mat": ["true"]},  # unclear: withheld
    {"mat": False, "mật": True},  # contradicting spellings: withheld
]
PUBLIC = [{}, {"mat": False}, {"mat": "không"}, {"Mat": "no"}, {"nhap": False}, {"title": "Mật thư"}]
DRAFTS = [{"nhap": True}, {"nháp": True}, {"Nhap": "có"}, {"nhap": "true"}, {"ban_nhap": "yes"},
          {"du_thao": True}, {"nhap": "chưa biết"}]


@pytest.mark.parametrize("meta", CONFIDENTIAL, ids=repr)
def test_every_spelling_of_mat_is_confidential(meta):
    assert is_confidential(meta) and is_withheld(meta)


@pytest.mark.parametrize("meta", PUBLIC, ids=repr)
def test_a_clear_no_is_published(meta):
    assert not is_withheld(meta)


@pytest.mark.parametrize("meta", DRAFTS, ids=repr)
def test_every_spelling_of_nhap_is_a_draft(meta):
    assert is_draft(meta) and is_withheld(meta) and not is_confidential(meta)


def document(extra: str) -> bytes:
    text = (FIXTURES / "valid-ke-hoach.md").read_text(encoding="utf-8")
    return text.replace("loai: ke-hoach", f"loai: ke-hoach\n{extra}", 1).encode("utf-8")


def codes(extra: str) -> list[tuple[str, Severity, int]]:
    found = validate(load(document(extra), "docs/ke-hoach/x.md"), TYPES, must_be_document=True)
    return [(p.code, p.severity, p.line) for p in found if p.code.startswith("BM")]


def test_the_fixture_has_no_protection_message():
    assert codes("") == [] and codes("mat: true") == [] and codes("nhap: false") == []


def test_a_clear_other_spelling_is_a_warning_that_names_the_right_one():
    found = validate(load(document("mật: true"), "docs/ke-hoach/x.md"), TYPES, must_be_document=True)
    bm = [p for p in found if p.code == "BM001"]
    assert len(bm) == 1 and bm[0].severity is Severity.WARNING
    assert "mat: true" in bm[0].message and "không đăng" in bm[0].message
    line = document("mật: true").decode().split("\n").index("mật: true") + 1
    assert bm[0].line == line


@pytest.mark.parametrize("extra", ["mat: hình như có", "mat:", "mat: false\nmật: true", "nhap: 2"])
def test_an_unclear_value_stops_the_build(extra):
    found = codes(extra)
    assert ("BM002", Severity.ERROR) in [(code, severity) for code, severity, _ in found], found


def test_a_draft_keeps_its_protection_errors():
    # A draft's TT/CT problems are warnings; an unclear protection value is not.
    assert ("BM002", Severity.ERROR) in [(c, s) for c, s, _ in codes("nhap: true\nmat: hình như có")]


def test_the_codes_are_in_the_rules_table():
    assert "BM001" in RULES and "BM002" in RULES
