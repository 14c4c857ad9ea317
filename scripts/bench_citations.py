"""Time and peak memory of one long paragraph full of citations (issue 13: linear cost).

    .venv/bin/python scripts/bench_citations.py [--counts 1000 4000 16000] [--pdf]

For each count N, a project copy gets one paragraph of N citations (about 53 bytes each:
4,000 make the 213 KB paragraph of the issue) in the 2022 plan, then runs, each in a fresh
process: the Markdown conversion alone, ``make check`` (``python -m chibo.commands.check``)
and ``mkdocs build --strict`` (PDFs off unless ``--pdf``). Peak memory is the child's
maximum resident set (``wait4``). ``--sources`` makes the copy use its own ``chibo/``
(to measure another version of the code by replacing files in the copy; see ``--keep``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import copy_project  # noqa: E402

PLAN = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
UNIT = "theo Quy định số 213-QĐ/TW ngày 02/01/2020, "  # 53 bytes in UTF-8

CONVERT = """
import sys, markdown
from chibo.document.registry import load_registry
from chibo.checking.citations import Detector, CitationIndex
from chibo.rendering.mdx_citations import CitationExtension, citation_link
registry = load_registry()
index = CitationIndex(registry=registry)
text = open(sys.argv[1], encoding="utf-8").read()
md = markdown.Markdown(extensions=[CitationExtension(Detector(registry),
                                                     lambda c: citation_link(c, "ke-hoach/x.md", index))])
html = md.convert(text)
assert html.count('class="dan-chieu"') == int(sys.argv[2]), html.count('class="dan-chieu"')
"""


def paragraph(count: int) -> str:
    return "- Chi bộ thực hiện " + (UNIT * count).rstrip(", ") + "."


def measure(argv: list[str], cwd: Path, env: dict[str, str], timeout: float) -> tuple[float, float, int]:
    """(seconds, peak resident MiB, exit code) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            return float("inf"), usage.ru_maxrss / 1024, -9
        time.sleep(0.02)
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        print(err[-2000:], file=sys.stderr)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, child.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--pdf", action="store_true", help="build the PDFs too")
    parser.add_argument("--sources", action="store_true", help="use the copy's own chibo package")
    parser.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temporary one")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHIBO_PDF="1" if args.pdf else "0")
    if not args.sources:  # this checkout's chibo, whatever the editable install points at
        env["PYTHONPATH"] = str(ROOT)
    python = sys.executable
    print(f"{'citations':>9} {'KB':>6} | {'markdown s':>10} {'MiB':>6} | {'check s':>8} {'MiB':>6} | "
          f"{'build s':>8} {'MiB':>6}")
    with tempfile.TemporaryDirectory(prefix="bench-citations-") as tmp:
        base = args.keep or Path(tmp)
        for count in args.counts:
            project = base / f"n{count}"
            if not project.exists():
                copy_project(project, with_sources=args.sources)
            plan = project / PLAN
            text = (ROOT / PLAN).read_text(encoding="utf-8")
            marker = "\nTrên đây là Kế hoạch"
            text = text.replace(marker, "\n" + paragraph(count) + "\n" + marker, 1)
            plan.write_text(text, encoding="utf-8")
            alone = project / "paragraph.md"
            alone.write_text(paragraph(count) + "\n", encoding="utf-8")
            size = len(paragraph(count).encode()) / 1000
            row = [measure([python, "-c", CONVERT, str(alone), str(count)], project, env, args.timeout),
                   measure([python, "-m", "chibo.commands.check", "docs"], project, env, args.timeout),
                   measure([python, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
                           project, env, args.timeout)]
            cells = " | ".join(f"{s:>{w}.2f} {m:>6.0f}" + ("" if rc == 0 else f" (exit {rc})")
                               for (s, m, rc), w in zip(row, (10, 8, 8)))
            print(f"{count:>9} {size:>6.0f} | {cells}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
