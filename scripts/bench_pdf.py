#!/usr/bin/env python3
"""Time and memory of the PDFs on the real site: the book and the per-document PDFs.

Builds a temporary copy of the project (own PDF cache) several times:
  no-pdf       CHIBO_PDF=0, the baseline build
  cold         empty cache: every document PDF rendered, plus the book
  warm         nothing changed: every document PDF from the cache
  edited       one document edited: that one rendered again
each with CHIBO_PDF_JOBS=1 (serial) and with one worker per core (parallel).
Reports wall time, the books' and the documents' share (from the build log: the books'
merge, and how long the build waited for the documents after its last page), and the
peak memory: the largest single process and the sum over the process tree (sampled).

    .venv/bin/python scripts/bench_pdf.py               # the real site
    .venv/bin/python scripts/bench_pdf.py --copies 12   # + 12 copies of the 2022 plan
    .venv/bin/python scripts/bench_pdf.py --repeat 3    # fastest of 3 (a busy machine)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "site", ".git", "test-artifacts", ".cache", ".pytest_cache", ".hypothesis",
        "__pycache__", "build", "tests"}
PLAN = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
NAV = "      - Kế hoạch hoạt động năm 2022: ke-hoach/2022-ke-hoach-hoat-dong.md\n"
BOOK = re.compile(r"PDF toàn bộ văn bản và \d+ tập theo năm: đã ghép (\d+) tệp, .*? \(([\d.]+) giây\)")
DOCS = re.compile(r"PDF văn bản: đã tạo (\d+) tệp, lấy lại (\d+) tệp từ bộ nhớ đệm \(([\d.]+) giây")


def copy_project(dest: Path, copies: int) -> Path:
    shutil.copytree(ROOT, dest, ignore=lambda _d, names: [
        n for n in names if n in SKIP or n.endswith(".egg-info")])
    if copies:
        text = (dest / PLAN).read_text(encoding="utf-8")
        nav = []
        for i in range(copies):
            name = f"ke-hoach/ban-sao-{i:03d}.md"
            (dest / "docs" / name).write_text(text.replace(
                "title: Kế hoạch hoạt động của Chi bộ năm 2022",
                f"title: Kế hoạch hoạt động (bản sao {i + 1})", 1), encoding="utf-8")
            nav.append(f"      - Bản sao {i + 1}: {name}\n")
        config = dest / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(NAV, NAV + "".join(nav)),
                          encoding="utf-8")
    return dest


def _tree_rss(root: int) -> tuple[int, int]:
    """(sum, max) resident memory in KiB of ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        match = re.search(r"VmRSS:\s+(\d+)", status)
        rss[int(entry)] = int(match.group(1)) if match else 0
    total, largest, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        stack.extend(children.get(pid, []))
    return total, largest


def build(project: Path, site: Path, cache: Path, **env: str) -> dict[str, object]:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHIBO_PDF_CACHE=str(cache), **env)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)], cwd=project, env=environment, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    peak = {"sum": 0, "max": 0}

    def sample() -> None:
        while process.poll() is None:
            total, largest = _tree_rss(process.pid)
            peak["sum"] = max(peak["sum"], total)
            peak["max"] = max(peak["max"], largest)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed:\n{stderr}")
    book = BOOK.search(stderr)
    docs = DOCS.search(stderr)
    return {
        "wall": wall,
        "book_s": float(book.group(2)) if book else None,
        "docs_s": float(docs.group(3)) if docs else None,
        "rendered": int(docs.group(1)) if docs else 0,
        "cached": int(docs.group(2)) if docs else 0,
        "peak_sum_mib": peak["sum"] / 1024,
        "peak_max_mib": peak["max"] / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=0, help="add N copies of the 2022 plan")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run everything N times (fresh caches) and keep the fastest of each")
    args = parser.parse_args()
    best: dict[tuple[str, str], dict[str, object]] = {}

    def keep(name: str, mode: str, result: dict[str, object]) -> None:
        old = best.get((name, mode))
        if old is None or result["wall"] < old["wall"]:
            if old is not None:  # peaks: the highest seen
                result["peak_sum_mib"] = max(result["peak_sum_mib"], old["peak_sum_mib"])
                result["peak_max_mib"] = max(result["peak_max_mib"], old["peak_max_mib"])
            best[(name, mode)] = result
        else:
            old["peak_sum_mib"] = max(result["peak_sum_mib"], old["peak_sum_mib"])
            old["peak_max_mib"] = max(result["peak_max_mib"], old["peak_max_mib"])

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as temp:
        base = Path(temp)
        project = copy_project(base / "project", args.copies)
        plan = project / PLAN
        original = plan.read_text(encoding="utf-8")
        for round_no in range(args.repeat):
            keep("no-pdf", "-", build(project, base / "site", base / f"cache0-{round_no}", CHIBO_PDF="0"))
            for mode, jobs in (("serial", "1"), ("parallel", str(os.cpu_count() or 1))):
                cache = base / f"cache-{mode}-{round_no}"
                env = {"CHIBO_PDF": "1", "CHIBO_PDF_JOBS": jobs}
                keep("cold", mode, build(project, base / "site", cache, **env))
                keep("warm", mode, build(project, base / "site", cache, **env))
                plan.write_text(original + f"\nSửa thử ({mode} {round_no}).\n", encoding="utf-8")
                keep("edited", mode, build(project, base / "site", cache, **env))
                plan.write_text(original, encoding="utf-8")
    rows = [(name, mode, result) for (name, mode), result in best.items()]
    print(f"cores: {os.cpu_count()}  extra copies of the plan: {args.copies}  "
          f"fastest of {args.repeat} run(s)")
    print(f"{'build':8} {'mode':9} {'wall s':>7} {'book s':>7} {'docs s':>7} {'new':>4} {'cache':>5} "
          f"{'peak tree MiB':>13} {'peak proc MiB':>13}")
    for name, mode, r in rows:
        fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
        print(f"{name:8} {mode:9} {r['wall']:7.2f} {fmt(r['book_s']):>7} {fmt(r['docs_s']):>7} "
              f"{r['rendered']:4d} {r['cached']:5d} {r['peak_sum_mib']:13.0f} {r['peak_max_mib']:13.0f}")


if __name__ == "__main__":
    main()
