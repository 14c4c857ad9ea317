"""The document model and its rules, without MkDocs."""

from __future__ import annotations

import codecs
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chibo.checking.tree import check_tree
from chibo.document.config import load_types
from chibo.document.diagnostics import Problem, Severity
from chibo.document.model import load, load_file, parse
from chibo.checking.rules import RULES, validate
from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
TYPES = load_types()
PLAN = ROOT / "docs" / "ke-hoach" / "2022-ke-hoach-hoat-dong.md"


def problems_of(raw: bytes, path: str = "docs/ke-hoach/x.md") -> list[Problem]:
    return validate(load(raw, path), TYPES, must_be_document=True)


def test_the_2022_plan_validates_with_no_message():
    assert problems_of(PLAN.read_bytes()) == []


def test_valid_fixture_validates_with_no_message():
    assert problems_of((FIXTURES / "valid-ke-hoach.md").read_bytes()) == []


@pytest.mark.parametrize(
    ("fixture", "code", "line"),
    [
        ("missing-front-matter.md", "VB002", 1),
        ("yaml-error.md", "VB003", 4),
        ("unknown-type.md", "VB004", 3),
        ("missing-attribute.md", "TT001", 1),
        ("bad-number.md", "TT003", 6),
        ("bad-date.md", "TT004", 7),
        ("missing-section.md", "CT002", 47),
        ("out-of-order.md", "CT003", 40),
        ("duplicate-section.md", "CT004", 52),
        ("roman-skipped.md", "CT005", 44),
        ("subnumber-skip.md", "CT006", 40),
        ("empty-section.md", "CT007", 44),
        ("heading-jump.md", "CT008", 30),
    ],
)
def test_each_fixture_yields_exactly_its_code_and_line(fixture: str, code: str, line: int):
    found = problems_of((FIXTURES / fixture).read_bytes(), f"docs/ke-hoach/{fixture}")
    assert [(p.code, p.line) for p in found] == [(code, line)], [p.format() for p in found]
    message = found[0].format()
    assert message.startswith(f"docs/ke-hoach/{fixture}:{line}: {code} ")
    assert code in RULES


def test_missing_section_message_names_the_canonical_title():
    found = problems_of((FIXTURES / "missing-section.md").read_bytes())
    assert found[0].message == 'thiếu mục "Tổ chức thực hiện"'


def test_non_utf8_file_is_a_clear_error_not_a_traceback():
    raw = (FIXTURES / "valid-ke-hoach.md").read_text(encoding="utf-8").replace("Đảng", "Dang")
    raw_bytes = raw.encode("utf-8").replace("Chi bộ có".encode(), "Chi b\xf4 c\xf3".encode("latin-1"))
    found = problems_of(raw_bytes)
    assert [p.code for p in found] == ["VB001"]
    assert found[0].line == raw_bytes[: raw_bytes.index(b"\xf4")].count(b"\n") + 1


@pytest.mark.parametrize("source", [PLAN, FIXTURES / "valid-ke-hoach.md", FIXTURES / "missing-section.md",
                                    FIXTURES / "yaml-error.md"])
@pytest.mark.parametrize("variant", ["nfd", "crlf", "bom", "all"])
def test_nfd_crlf_and_bom_validate_exactly_as_nfc_lf(source: Path, variant: str):
    text = source.read_text(encoding="utf-8")
    if variant in ("nfd", "all"):
        text = unicodedata.normalize("NFD", text)
    if variant in ("crlf", "all"):
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    if variant in ("bom", "all"):
        raw = codecs.BOM_UTF8 + raw
    assert problems_of(raw) == problems_of(source.read_bytes())


def test_pages_that_are_not_documents_are_not_validated(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "ke-hoach").mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n\nKhông phải văn bản.\n", encoding="utf-8")
    (docs / "ke-hoach" / "index.md").write_text("# Kế hoạch\n", encoding="utf-8")
    (docs / "huong-dan.md").write_text("# Hướng dẫn\n\n## Mục lạ\n", encoding="utf-8")
    report = check_tree(docs, display_root=tmp_path)
    assert report.documents == [] and report.problems == []


def test_all_problems_of_all_documents_are_listed_at_once(tmp_path: Path):
    docs = tmp_path / "docs" / "ke-hoach"
    docs.mkdir(parents=True)
    for name in ("missing-section.md", "bad-date.md", "valid-ke-hoach.md"):
        (docs / name).write_bytes((FIXTURES / name).read_bytes())
    report = check_tree(tmp_path / "docs", display_root=tmp_path)
    assert [p.format().split(" ")[0:2] for p in report.errors] == [
        ["docs/ke-hoach/bad-date.md:7:", "TT004"],
        ["docs/ke-hoach/missing-section.md:47:", "CT002"],
    ]
    assert len(report.documents) == 3


def test_check_command_prints_messages_and_exits_non_zero(tmp_path: Path):
    docs = tmp_path / "docs" / "ke-hoach"
    docs.mkdir(parents=True)
    (docs / "a.md").write_bytes((FIXTURES / "roman-skipped.md").read_bytes())
    result = subprocess.run([sys.executable, "-m", "chibo.commands.check", "docs"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert 'docs/ke-hoach/a.md:44: CT005 số La Mã "V" không liên tiếp' in result.stdout
    assert "Traceback" not in result.stderr
    ok = subprocess.run([sys.executable, "-m", "chibo.commands.check", "docs"], cwd=ROOT,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout
    assert "0 lỗi" in ok.stdout


def test_unknown_attribute_is_only_a_warning_with_a_suggestion():
    raw = (FIXTURES / "valid-ke-hoach.md").read_text(encoding="utf-8").replace("nguoi_ky:", "nguoi_ki:")
    found = problems_of(raw.encode())
    codes = {(p.code, p.severity) for p in found}
    assert ("TT007", Severity.WARNING) in codes and ("TT001", Severity.ERROR) in codes
    assert any('có phải là "nguoi_ky"' in p.message for p in found)


def test_section_titles_accept_case_and_small_spelling_variants():
    raw = (FIXTURES / "valid-ke-hoach.md").read_text(encoding="utf-8")
    raw = raw.replace("## II. PHƯƠNG HƯỚNG, NHIỆM VỤ CHUNG", "## II. Phương hướng nhiệm vụ chung:")
    raw = raw.replace("## IV. CÁC GIẢI PHÁP THỰC HIỆN", "## IV. Các giải phap thực hiện")
    assert problems_of(raw.encode()) == []


def test_resolution_type_with_month_in_titles():
    raw = """---
title: Nghị quyết tháng 3/2023
loai: nghi-quyet
trich_yeu: Nghị quyết sinh hoạt chi bộ tháng 3 năm 2023
thang: 2023-03
so: 15-NQ/CB
ngay: 05/03/2023
cap_tren: Đảng bộ Phường Thạch Bàn
chi_bo: Chi bộ Trường Mầm non Hoa Mai
tham_quyen: T/M CHI BỘ
chuc_vu: BÍ THƯ
nguoi_ky: Nguyễn Văn A
noi_nhan: [Lưu.]
---

## I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 2/2023

- Ưu điểm: hoàn thành.

## II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 3/2023

- Tổ chức ngày 8/3.

## III. TỔ CHỨC THỰC HIỆN

- Các đồng chí đảng viên thực hiện.
"""
    assert problems_of(raw.encode(), "docs/nghi-quyet/2023-03.md") == []
    broken = raw.replace("thang: 2023-03", "thang: 2023-13")
    assert [p.code for p in problems_of(broken.encode())] == ["TT005"]


# --- the validator never raises, whatever it is fed -------------------------------

_valid = (FIXTURES / "valid-ke-hoach.md").read_text(encoding="utf-8")
_lines = _valid.split("\n")
_fragments = st.sampled_from(_lines + ["---", "## ", "#### 9.9.", "## Điều 0", "loai: [", ": :", "\t", "\ufeff",
                                       "```", "## I.", "## MMMM. x", "so: 1-KH/CB", "ngay: 2022-01-10", "nam: true"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(_fragments, max_size=60).map(lambda ls: "\n".join(ls).encode()),
    st.lists(st.sampled_from(_lines), min_size=1, max_size=len(_lines)).map(lambda ls: "\n".join(ls).encode()),
    st.permutations(_lines).map(lambda ls: "\n".join(ls).encode()),
))
def test_validator_never_raises_on_random_or_mutated_documents(raw: bytes):
    found = problems_of(raw)
    assert all(isinstance(p, Problem) and p.code in RULES and p.line >= 1 for p in found)


def test_model_tree_and_anchors_match_the_site():
    doc = load_file(PLAN, "plan")
    tops = [s for s in doc.all_sections() if s.level == 2]
    assert [s.label for s in tops] == ["I", "II", "III", "IV", "V"]
    third = tops[2]
    assert [c.label for c in third.children] == ["1", "2", "3", "4"]
    four = third.children[3]
    assert [c.label for c in four.children] == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"]
    assert four.children[1].path_label() == "III.4.2"
    assert tops[0].anchor == "i-dac-diem-tinh-hinh"


def test_every_rule_code_is_documented_in_the_readme():
    readme = (ROOT / "THAM-KHAO.md").read_text(encoding="utf-8")
    for code, description in RULES.items():
        assert f"| `{code}` | {description} |" in readme, code


def test_a_document_missing_from_the_nav_is_reported_in_vietnamese(tmp_path: Path):
    from chibo.document.config import nav_files

    docs = tmp_path / "docs" / "ke-hoach"
    docs.mkdir(parents=True)
    (docs / "listed.md").write_bytes((FIXTURES / "valid-ke-hoach.md").read_bytes())
    (docs / "forgotten.md").write_bytes((FIXTURES / "valid-ke-hoach.md").read_bytes())
    draft = (FIXTURES / "valid-ke-hoach.md").read_text(encoding="utf-8").replace("loai: ke-hoach", "loai: ke-hoach\nnhap: true")
    (docs / "draft.md").write_text(draft, encoding="utf-8")
    nav = nav_files([{"Trang chủ": "index.md"}, {"Kế hoạch": ["ke-hoach/index.md", {"A": "ke-hoach/listed.md"}]}])
    report = check_tree(tmp_path / "docs", display_root=tmp_path, nav=nav)
    assert [(p.path, p.code) for p in report.problems] == [("docs/ke-hoach/forgotten.md", "VB005")]
    assert "ke-hoach/forgotten.md" in report.problems[0].message


def test_build_with_a_document_outside_the_nav_stops_with_the_vietnamese_message(tmp_path: Path):
    from conftest import copy_project, run_build

    project = copy_project(tmp_path / "project")
    (project / "docs/ke-hoach/2023-moi.md").write_bytes((FIXTURES / "valid-ke-hoach.md").read_bytes())
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/ke-hoach/2023-moi.md:1: VB005 văn bản chưa có trong mục lục" in result.stderr
    assert "Traceback" not in result.stderr


def test_fenced_code_is_one_rule_for_the_model_the_citations_and_the_limits():
    from chibo.document.model import fenced

    lines = ["a", "````", "```", "## not a heading", "````", "~~~", "````", "~~~", "b"]
    assert fenced(lines) == [False, True, True, True, True, True, True, True, False]
    doc = parse("---\nloai: ke-hoach\n---\n\n```\n## I. TRONG MÃ\n```\n\n## I. NGOÀI MÃ\n", "x.md")
    assert [s.title for s in doc.all_sections()] == ["I. NGOÀI MÃ"]
