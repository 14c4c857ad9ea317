"""Bounds on input that the Markdown renderer cannot take (issues 13 and 19: bounded input).

Checked by the validator on every Markdown page, so ``make check`` and the build agree,
and a page nested thousands of levels deep is refused with a line number instead of
ending the build in a RecursionError. Linear in the text; no Markdown parser (which is
what recurses, or goes quadratic). Nesting of every kind is bounded: lists and quotes
(GH001), HTML elements such as ``<div markdown>``, and tag starts left without ">" (GH003), brackets and parentheses of links
(GH004), emphasis marks ``*`` ``_`` (GH005). The importer asks :func:`large_file_note` before converting a Word file.
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

# Elements with no end tag, or whose end tag HTML lets one leave out: they nest nothing.
_VOID = frozenset("area base br col embed hr img input link meta source track wbr p li dt dd tr td th thead tbody "
                  "tfoot option colgroup".split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})(?=[\s/>])[^<>]*?(/?)>|<!--.*?-->", re.S)
# Escapes, brackets/parentheses (links), runs of emphasis marks: the inline tokens that nest.
_INLINE = re.compile(r"\\.|[\[\]()]|[*_]+")
_OPENS_AFTER = frozenset("([{\"'“‘>")
_CLOSES_BEFORE = frozenset(".,:;!?)]}\"'”’<")
MAX_EMPHASIS = 3 * MAX_NESTING  # emphasis marks open at once (***x*** is three)
# A tag start "<a ..." never closed by ">": Python-Markdown's HTML reading rescans the rest
# of the page from each one (2,000 of them: 14 s; 30,000: hours). A page has none or a few.
_ANGLE = re.compile(r"<[A-Za-z/!]|>")
MAX_UNCLOSED_TAGS = 50

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
    if not problems:
        problems += _nesting(lines, path)
    return problems


def _nesting(lines: list[str], path: str) -> list[Problem]:
    """GH003 (HTML elements), GH004 (brackets and parentheses within a paragraph), GH005
    (emphasis within a paragraph): the first place each goes deeper than its bound."""
    found: dict[str, Problem] = {}
    elements: list[str] = []
    brackets = emphasis = unclosed = 0
    pending = False  # a tag start waiting for its ">"
    for number, (line, code) in enumerate(zip(lines, fenced(lines)), start=1):
        if code:
            continue
        if not line.strip():
            brackets = emphasis = 0  # a new paragraph: inline marks never run across it
            continue
        if "GH003" not in found:
            for match in _ANGLE.finditer(line):
                if match.group() != ">":
                    unclosed += pending
                    pending = True
                else:
                    pending = False
            if unclosed > MAX_UNCLOSED_TAGS:
                found["GH003"] = Problem(path, number, "GH003", f"quá nhiều thẻ HTML mở mà không đóng bằng dấu > "
                                         f"(hơn {MAX_UNCLOSED_TAGS}): hãy đóng các thẻ, hoặc viết &lt; nếu dấu < là chữ")
        if "GH003" not in found:
            for match in _TAG.finditer(line):
                name = (match.group(2) or "").lower()
                if not name or name in _VOID or match.group(3):
                    continue
                if not match.group(1):
                    elements.append(name)
                    if len(elements) > MAX_NESTING:
                        found["GH003"] = Problem(path, number, "GH003", f"các thẻ HTML lồng nhau quá sâu (hơn "
                                                 f"{MAX_NESTING} cấp, ví dụ <div markdown> trong <div markdown>): hãy "
                                                 "bớt thẻ lồng nhau hoặc đóng các thẻ đã mở")
                        break
                elif name in elements:  # an end tag closes its element and any left open inside it
                    del elements[len(elements) - 1 - elements[::-1].index(name):]
        for match in _INLINE.finditer(line):
            token = match.group()
            if token[0] == "\\":
                continue
            if token in "[(":
                brackets += 1
                if brackets > MAX_NESTING and "GH004" not in found:
                    found["GH004"] = Problem(path, number, "GH004", f"quá nhiều dấu ngoặc [ hoặc ( mở mà chưa đóng "
                                             f"trong một đoạn (hơn {MAX_NESTING}): hãy đóng ngoặc hoặc viết "
                                             "\\[ nếu đó là chữ")
            elif token in "])":
                brackets = max(0, brackets - 1)
            else:
                before = line[match.start() - 1] if match.start() else " "
                after = line[match.end()] if match.end() < len(line) else " "
                if not before.isspace() and (after.isspace() or after in _CLOSES_BEFORE) and emphasis:
                    if emphasis > MAX_EMPHASIS and "GH005" not in found:
                        found["GH005"] = Problem(path, number, "GH005", f"dấu nhấn mạnh (* hoặc _) lồng nhau quá "
                                                 f"sâu ({emphasis} dấu đang mở, tối đa {MAX_EMPHASIS}): hãy bớt dấu * "
                                                 "_ hoặc viết \\* \\_ nếu đó là chữ")
                    emphasis = max(0, emphasis - len(token))
                elif not after.isspace() and (before.isspace() or before in _OPENS_AFTER):
                    emphasis += len(token)
        if len(found) == 3:
            break
    return sorted(found.values(), key=lambda problem: problem.line)


def large_file_note(size_bytes: int) -> str | None:
    """A Vietnamese warning for a very large Word file, None when its size is ordinary."""
    if size_bytes <= LARGE_WORD_BYTES:
        return None
    return (f"cảnh báo: tệp Word rất lớn ({size_bytes / 1e6:.0f} MB, thường dưới {LARGE_WORD_BYTES / 1e6:.0f} MB): "
            "trang nhập vào sẽ rất nặng khi đọc trên điện thoại; hãy kiểm tra tệp có đúng là văn bản cần nhập, "
            "bỏ bớt ảnh rồi nhập lại")


__all__ = ["MAX_NESTING", "MAX_EMPHASIS", "MAX_UNCLOSED_TAGS", "MAX_PAGE_BYTES", "LARGE_WORD_BYTES", "check_limits", "large_file_note",
           "nesting_depth", "Severity"]
