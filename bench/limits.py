"""Cost of the attack files of issue 19 (limits): each must be answered, with a message and
a rule code, in <= 10 s and <= 500 MB. Prints a Markdown table (wall time, peak RSS of the
command, its first message code).

    python -m bench.limits
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.corpus import copy_project

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = "<w:p><w:r><w:t>Chi bộ họp thường kỳ.</w:t></w:r></w:p>"
PLAN = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
LIMIT = 120  # seconds before a command is reported as still running (the goal is 10)
# Peak memory of the command alone: a small Python in between forks it (Linux counts the
# forking process's own peak in a direct child's ru_maxrss).
_WRAPPER = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
            "sys.stderr.write('\\npeak-kb %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "sys.exit(code)")


def _docx(document: str, numbering: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{document}</w:body></w:document>')
        if numbering:
            archive.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


def _roman(start: str) -> bytes:
    numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="{start}"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    item = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:r><w:t>ĐẶC ĐIỂM</w:t></w:r></w:p>')
    return _docx(PARAGRAPH + item * 3, numbering)


WORD = {
    ".docx zip bomb (190 MB document.xml)": lambda: _docx(PARAGRAPH * (190 * 2**20 // len(PARAGRAPH.encode()))),
    ".docx 2,500,000 empty paragraphs": lambda: _docx("<w:p/>" * 2_500_000),
    ".docx roman list from 10^10": lambda: _roman("10000000000"),
}
PAGES = {
    "3,000 nested <div markdown>": "<div markdown>\n" * 3000 + "\nx\n\n" + "</div>\n" * 3000,
    "20,000 nested brackets": "[" * 20000 + "x" + "](y)" * 20000,
    "20,000 unclosed link destinations": "[a](" * 20000,
    "3,000 nested emphasis": "*" * 3000 + "x" + "*" * 3000,
    "30,000 unclosed <a href>": "<a href='x' " * 30000,
    "list indented 1,000 levels": "\n".join("    " * level + "- mục" for level in range(1000)),
    "part number of 5,000 digits": "## PHẦN " + "1" * 5000 + ": KẾT QUẢ\n\nx",
}


def measure(command: list[str], cwd: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-c", _WRAPPER, *command], cwd=cwd, capture_output=True, text=True,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=LIMIT)
    except subprocess.TimeoutExpired:
        return float("inf"), float("nan"), f"still running after {LIMIT} s"
    seconds = time.perf_counter() - started
    stderr, _, peak = result.stderr.rpartition("\npeak-kb ")
    codes = re.findall(r"\b(?:NH|GH|VB|CT|HT)\d{3}\b", result.stdout + stderr)
    if "Traceback" in stderr:
        codes = ["Traceback"]
    return seconds, int(peak) / 1024, (codes[0] if codes else f"exit {result.returncode}")


HIDDEN = {  # what the citation scan hides (code, links, HTML): quadratic before issue 19
    "20,000 nested brackets": "[" * 20000 + "Quy định 213-QĐ/TW" + "]" * 20000,
    "20,000 unclosed <a href": "<a href='x' " * 20000,
    "20,000 unclosed <!--": "<!-- " * 20000,
    "20,000 unclosed [a](": "[a](" * 20000,
}


def citation_scan() -> None:
    from chibo.checking.citations import hidden_spans

    print("\n| citation scan input | seconds | steps per character |\n|---|---|---|")
    for name, text in HIDDEN.items():
        started = time.perf_counter()
        _, work = hidden_spans(text)
        print(f"| {name} | {time.perf_counter() - started:.2f} | {work / len(text):.2f} |", flush=True)


def main() -> int:
    rows = ["| attack | command | seconds | peak MiB | answer |", "|---|---|---|---|---|"]
    print("\n".join(rows), flush=True)
    with tempfile.TemporaryDirectory() as work:
        project = copy_project(Path(work) / "p")
        for name, make in WORD.items():
            source = Path(work) / "tan-cong.docx"
            source.write_bytes(make())
            seconds, peak, code = measure([sys.executable, "-m", "chibo.commands.importdoc", str(source)], project)
            rows.append(f"| {name} ({len(source.read_bytes()) // 1024} KB) | make import | {seconds:.2f} | "
                        f"{peak:.0f} | {code} |")
            print(rows[-1], flush=True)
        plan = project / PLAN
        original = plan.read_text(encoding="utf-8")
        for name, markdown in PAGES.items():
            plan.write_text(original.replace("\nTrên đây là", "\n" + markdown + "\n\nTrên đây là", 1), encoding="utf-8")
            for label, command in (("make check", [sys.executable, "-m", "chibo.commands.check", "docs"]),
                                   ("make site", [sys.executable, "-m", "chibo.commands.site", "--project",
                                                  str(project), "--site-dir", str(Path(work) / "site"),
                                                  "--no-pdf"])):
                seconds, peak, code = measure(command, project)
                rows.append(f"| {name} | {label} | {seconds:.2f} | {peak:.0f} | {code} |")
                print(rows[-1], flush=True)
        plan.write_text(original, encoding="utf-8")
    citation_scan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
