"""Bounded input (issue 13): nesting and size limits checked by the validator, so that
``make check`` and the build agree and the build never ends in a RecursionError."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chibo.checking.limits import LARGE_WORD_BYTES, MAX_NESTING, check_limits, large_file_note, nesting_depth
from conftest import build_env, copy_project, run_build

PLAN = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
DEEP = {
    "blockquote": "> " * 5000 + "sâu quá\n",
    "list": "- " * 5000 + "mục\n",
    "indented list": "\n".join("    " * level + "- mục" for level in range(1000)) + "\n",
}


@pytest.mark.parametrize("line, depth", [("- a", 1), ("    - b", 2), ("> > - c", 3), ("- - - x", 3),
                                         ("1. a", 1), ("văn bản", 0), ("\t\t- x", 3)])
def test_nesting_depth_of_a_line(line, depth):
    assert nesting_depth(line) == depth


def test_limits_name_the_first_line_too_deep_and_ignore_code_fences():
    text = "a\n\n" + "\n".join("    " * level + "- mục" for level in range(MAX_NESTING + 3))
    [problem] = check_limits(text, "x.md")
    assert (problem.code, problem.line) == ("GH001", 3 + MAX_NESTING)
    assert "lồng nhau quá sâu" in problem.message
    assert check_limits("```\n" + "> " * 100 + "\n```\n", "x.md") == []
    assert [p.code for p in check_limits("x", "x.md", size_bytes=10**9)] == ["GH002"]


def test_large_word_file_note():
    assert large_file_note(2_000_000) is None
    assert "rất lớn" in large_file_note(LARGE_WORD_BYTES + 1)


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_is_a_message_in_check_and_build(tmp_path: Path, kind: str):
    project = copy_project(tmp_path / "p")
    plan = project / PLAN
    text = plan.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index("\nTrên đây là")) + 2
    plan.write_text(text.replace("\nTrên đây là", "\n" + DEEP[kind] + "\nTrên đây là", 1), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "chibo.commands.check", "docs"], cwd=project, env=build_env(),
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 1, check.stdout + check.stderr
    line += MAX_NESTING if kind == "indented list" else 0  # the first line nested too deep
    assert f"{PLAN}:{line}: GH001" in check.stdout, check.stdout
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{PLAN}:{line}: GH001" in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr, result.stderr[-3000:]


HUGE = "1" * 5000


@pytest.mark.parametrize("title", [f"PHẦN {HUGE}: KẾT QUẢ", f"Chương {HUGE}", f"Mục {HUGE}. Phạm vi",
                                   "PHẦN " + "C" * 5000 + ": KẾT QUẢ"])
def test_part_numbers_are_bounded(title):
    """A 5,000-digit part number is not a part (it raised ValueError from int())."""
    from chibo.document.numbering import parse

    assert parse(title).kind == "none"
    assert parse("PHẦN 2: KẾT QUẢ").numbers == (2,) and parse("Chương XII").numbers == (12,)


def test_huge_numbers_in_a_page_are_messages_not_tracebacks(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    plan = project / PLAN
    text = plan.read_text(encoding="utf-8")
    text = text.replace("\nTrên đây là", f"\n## PHẦN {HUGE}: KẾT QUẢ\n\nNội dung.\n\nTrên đây là", 1)
    plan.write_text(text.replace("so: ", f"so: {HUGE}-KH/CB\nso_cu: ", 1), encoding="utf-8")
    for command in (["chibo.commands.check", "docs"],
                    ["chibo.commands.new", "--project", str(project), "--type", "ke-hoach", "--year", "2030"]):
        result = subprocess.run([sys.executable, "-m", *command], cwd=project, env=build_env(),
                                capture_output=True, text=True, timeout=300)
        assert "Traceback" not in result.stderr and "ValueError" not in result.stderr, result.stderr[-3000:]
        assert result.stdout.strip() or result.stderr.strip()
