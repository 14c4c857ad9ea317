"""Bounded input (issue 13): nesting and size limits checked by the validator, so that
``make check`` and the build agree and the build never ends in a RecursionError."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chibo.checking.limits import (LARGE_WORD_BYTES, MAX_NESTING, MAX_UNCLOSED_TAGS, check_limits, large_file_note,
                                   nesting_depth)
from conftest import build_env, copy_project, run_build

PLAN = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
# kind -> (Markdown, rule code, the line of the message counted from the inserted text)
DEEP = {
    "blockquote": ("> " * 5000 + "sâu quá\n", "GH001", 0),
    "list": ("- " * 5000 + "mục\n", "GH001", 0),
    "indented list": ("\n".join("    " * level + "- mục" for level in range(1000)) + "\n", "GH001", MAX_NESTING),
    # issue 19: RecursionError inside Python-Markdown (md_in_html, emphasis), or quadratic links
    "div markdown": ("<div markdown>\n" * 3000 + "\nsâu\n\n" + "</div>\n" * 3000, "GH003", MAX_NESTING),
    "span markdown": ("<span markdown>" * 3000 + "sâu" + "</span>" * 3000 + "\n", "GH003", 0),
    # quadratic inside Python-Markdown's HTML reading: 2,000 took 14 s, 30,000 hours
    "unclosed tags": ("x <a href='x' " * 30000 + "\n", "GH003", 0),
    "unclosed tags in paragraphs": ("<a href='x'\n\n" * 3000, "GH003", 2 * MAX_UNCLOSED_TAGS + 2),
    "brackets": ("[" * 20000 + "x" + "](y)" * 20000 + "\n", "GH004", 0),
    "link destinations": ("[a](" * 20000 + "\n", "GH004", 0),
    "emphasis": ("*" * 3000 + "x" + "*" * 3000 + "\n", "GH005", 0),
    "strong words": ("**a " * 3000 + "x" + " b**" * 3000 + "\n", "GH005", 0),
    "underscores": ("_" * 3000 + "x" + "_" * 3000 + "\n", "GH005", 0),
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


@pytest.mark.parametrize("text", [
    "**Thuận lợi:** chi bộ *đoàn kết*, ***thống nhất***; __a__ và _b_.",
    "Họ và tên:______________________ Ngày ____/____/2022",
    "Xem [Quy định 213-QĐ/TW](../quy-dinh/213.md) (ngày 02/01/2020) và [[1]] (a (b (c))).",
    "<div markdown>\n<p>đoạn<br>dòng<img src=x><hr>\n<details markdown><summary>x</summary>y</details>\n</div>",
    "2 * 3 * 4 = 24; a_b_c; 1) 2) 3); 3 < 5 > 2; <https://x.vn>; <a@b.vn>",
    "<a\nhref=\"x\">hai dòng</a> <!-- ghi chú\nhai dòng -->",
    "```\n" + "[" * 100 + "*" * 100 + "<div>" * 100 + "\n```",
])
def test_ordinary_text_is_within_every_bound(text):
    assert check_limits("\n".join([text] * 30), "x.md") == []


def test_nesting_resets_at_each_paragraph():
    assert check_limits("\n\n".join(["[ " * 15, "( " * 15, "*a " * 15 + "x*"] * 10), "x.md") == []
    assert [p.code for p in check_limits("[ " * 15 + "\n" + "[ " * 15, "x.md")] == ["GH004"]


def test_large_word_file_note():
    assert large_file_note(2_000_000) is None
    assert "rất lớn" in large_file_note(LARGE_WORD_BYTES + 1)


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_is_a_message_in_check_and_build(tmp_path: Path, kind: str):
    project = copy_project(tmp_path / "p")
    plan = project / PLAN
    text = plan.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index("\nTrên đây là")) + 2
    deep, code, offset = DEEP[kind]
    plan.write_text(text.replace("\nTrên đây là", "\n" + deep + "\nTrên đây là", 1), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "chibo.commands.check", "docs"], cwd=project, env=build_env(),
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 1, check.stdout + check.stderr
    line += offset  # the first line nested too deep
    assert f"{PLAN}:{line}: {code}" in check.stdout, check.stdout
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{PLAN}:{line}: {code}" in result.stderr, result.stderr[-3000:]
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
