"""Build times of the staged tree with MkDocs and with Zensical (ENGINES.md).

    python -m bench.engines [--runs 5] [--years 10]

Stages a copy of the real project (and, with --years, the generated corpus) once, then
builds the staged tree in turn with ``mkdocs build`` and our hooks (CHIBO_PDF=0), with
``mkdocs build`` of the config Zensical gets (no hooks: the same work as Zensical), and with
Zensical (``chibo.publishing.engines``); prints the median, best and every run, in seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import copy_project, generate
from chibo.publishing.engines import build_zensical, zensical_config

from chibo.publishing.stage import stage


def _mkdocs(config: Path, out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHIBO_PDF="0", PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config), "-d", str(out)],
                   cwd=config.parent, env=env, check=True, capture_output=True)


def _time(build, config: Path, out: Path) -> float:
    started = time.perf_counter()
    build(config, out)
    return time.perf_counter() - started


def measure(project: Path, work: Path, runs: int) -> dict[str, list[float]]:
    staged = stage(project, work / "staged")
    bare = zensical_config(staged.config)
    times: dict[str, list[float]] = {"mkdocs + hooks": [], "mkdocs, no hooks": [], "zensical": []}
    for _ in range(runs):  # interleaved: a busy machine slows all alike
        times["mkdocs + hooks"].append(_time(_mkdocs, staged.config, work / "out-mkdocs"))
        times["mkdocs, no hooks"].append(_time(_mkdocs, bare, work / "out-bare"))
        times["zensical"].append(_time(build_zensical, staged.config, work / "out-zensical"))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=0, help="also the generated corpus of that many years")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subjects = {"real site": copy_project(work / "real" / "project")}
        if args.years:
            generate(work / "corpus" / "project", years=args.years)
            subjects[f"{args.years}-year corpus"] = work / "corpus" / "project"
        print("| staged tree | engine | median s | best s | runs |\n|---|---|---|---|---|")
        for name, project in subjects.items():
            for engine, samples in measure(project, project.parent, args.runs).items():
                print(f"| {name} | {engine} | {statistics.median(samples):.2f} | {min(samples):.2f} | "
                      f"{', '.join(f'{s:.2f}' for s in samples)} |")


if __name__ == "__main__":
    main()
