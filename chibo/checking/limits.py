"""Bounds on input that the Markdown renderer cannot take (issue 13: bounded input).

Checked by the validator on every Markdown page, so ``make check`` and the build agree,
and a page nested thousands of levels deep is refused with a line number instead of
ending the build in a RecursionError. Linear in the text; no Markdown parser (which is
what recurses). The importer asks :func:`large_file_note` before converting a Word file.
"""

from __future__ import annotations

import re

from chibo.document.diagnostics import Problem, Severity
from chibo.document.model import fenced

# A real document nests lists/quotes three or four levels; the renderer fails in the
# hundreds. Between the two, a generous bound.
MAX_NESTING = 20
MAX_PAGE_BYTES = 5_000_000     # a page this big is unreadable on a phone; GH002
LARGE_WORD_BYTES = 20_000_000  # a Word file this big is mostly pictures or a mistake

_MARKER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")


def _columns(prefix: str) -> int:
    width = 0
    for char in prefix:
        width = width + 4 - width % 4 if char == "\t" else width + 1
    return width


def nesting_depth(line: str) -> int:
    """How many lists/quotes a line opens or sits in: quote markers, list markers at its
    start, and each four columns of indentation."""
    depth = 0
    position = 0
    while True:
        match = _MARKER.match(line, position)
        if not match:
            break
        depth += 1 + _columns(line[position:match.end()].rstrip(">-*+.)0123456789")) // 4
        position = match.end()
    rest = line[position:]
    return depth + _columns(rest[:len(rest) - len(rest.lstrip(" \t"))]) // 4


def check_limits(text: str, path: str, size_bytes: int | None = None) -> list[Problem]:
    """GH001 for the first line nested deeper than MAX_NESTING, GH002 for a page too big."""
    problems: list[Problem] = []
    size = len(text.encode("utf-8", "surrogatepass")) if size_bytes is None else size_bytes
    if size > MAX_PAGE_BYTES:
        problems.append(Problem(path, 1, "GH002", f"tệp quá lớn ({size / 1e6:.1f} MB, tối đa "
                                f"{MAX_PAGE_BYTES / 1e6:.0f} MB): hãy chia thành nhiều văn bản hoặc bỏ bớt "
                                "phần không cần thiết (ảnh, bảng chép lặp)"))
    lines = text.split("\n")
    for number, (line, code) in enumerate(zip(lines, fenced(lines)), start=1):
        if code:
            continue
        depth = nesting_depth(line)
        if depth > MAX_NESTING:
            problems.append(Problem(path, number, "GH001", f"danh sách hoặc trích dẫn (>) lồng nhau quá sâu "
                                    f"({depth} cấp, tối đa {MAX_NESTING}): hãy bớt thụt lề hoặc bớt dấu >, "
                                    "- ở đầu dòng"))
            break  # one message is enough: the following lines are nested as deep
    return problems


def large_file_note(size_bytes: int) -> str | None:
    """A Vietnamese warning for a very large Word file, None when its size is ordinary."""
    if size_bytes <= LARGE_WORD_BYTES:
        return None
    return (f"cảnh báo: tệp Word rất lớn ({size_bytes / 1e6:.0f} MB, thường dưới {LARGE_WORD_BYTES / 1e6:.0f} MB): "
            "trang nhập vào sẽ rất nặng khi đọc trên điện thoại; hãy kiểm tra tệp có đúng là văn bản cần nhập, "
            "bỏ bớt ảnh rồi nhập lại")


__all__ = ["MAX_NESTING", "MAX_PAGE_BYTES", "LARGE_WORD_BYTES", "check_limits", "large_file_note",
           "nesting_depth", "Severity"]
