"""``python -m bench.pipeline``: what the staged pipeline (issue 19) costs, side by side.

On the real site and on the ten-year corpus (with two withheld documents and an
attachment only they reference, so that staging and the scan have work), interleaved
in one run so that the machine's load hits both alike:

- before: ``mkdocs build --strict`` of ``docs/`` (the design before issue 19: hooks
  validate, withhold and render in one MkDocs run), PDFs on, warm cache;
- after: ``python -m chibo.commands.site`` (read, check, stage, ``mkdocs build`` of the
  staged tree, scan of every output incl. PDFs), PDFs on, warm caches.

Prints medians and the pipeline's own split (check, stage, render, scan).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import copy_project, generate

PYTHON = sys.executable
_TIMINGS = re.compile(r"CHIBO_TIMINGS=(\{.*?\})")


def _run(command: list[str], project: Path) -> tuple[float, dict]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHIBO_PDF": "1"}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    match = _TIMINGS.search(result.stderr)
    return elapsed, json.loads(match.group(1)) if match else {}


def _withhold_some(project: Path) -> None:
    """Two of the corpus' resolutions become withheld (one confidential, one draft), each
    with an attachment only it references."""
    pages = sorted((project / "docs" / "nghi-quyet").glob("*.md"))
    pages = [page for page in pages if page.name != "index.md"][:2]
    for page, key in zip(pages, ("mat: true", "nhap: true")):
        (page.parent / f"phu-luc-{page.stem}.pdf").write_bytes(b"%PDF-1.4\nBENCHSECRET\n%%EOF\n")
        text = page.read_text(encoding="utf-8").replace("---\n", f"---\n{key}\n", 1)
        page.write_text(text + f"\n[Phụ lục](phu-luc-{page.stem}.pdf)\n", encoding="utf-8")


def compare(name: str, project: Path, runs: int) -> dict:
    before = [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(project / "site-before")]
    after = [PYTHON, "-m", "chibo.commands.site", "--project", str(project), "--site-dir", str(project / "site-after")]
    _run(before, project)  # warm both caches (PDFs, scan)
    _run(after, project)
    times: dict[str, list[float]] = {"before": [], "after": []}
    splits: list[dict] = []
    for _ in range(runs):
        times["before"].append(_run(before, project)[0])
        seconds, split = _run(after, project)
        times["after"].append(seconds)
        splits.append(split)
    result = {key: round(statistics.median(values), 2) for key, values in times.items()}
    result["all"] = {key: [round(v, 2) for v in values] for key, values in times.items()}
    result["ratio"] = round(result["after"] / result["before"], 3)
    result["split"] = {step: round(statistics.median(s.get(step, 0.0) for s in splits), 2) for step in splits[0]}
    result["load"] = os.getloadavg()[0]
    print(f"{name}: before {result['before']} s, after {result['after']} s, ratio {result['ratio']}, "
          f"split {result['split']}, load {result['load']:.1f}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as work:
        real = copy_project(Path(work) / "real", with_sources=False)
        results["real"] = compare("real site", real, args.runs)
        corpus = Path(work) / "corpus"
        generate(corpus, years=args.years)
        _withhold_some(corpus)
        results["ten_years"] = compare(f"{args.years}-year corpus", corpus, args.runs)
    out = Path("bench-results") / "pipeline.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
