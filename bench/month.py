"""What the cell's month costs (issue 16): ``python -m bench.month [--years 10] [--runs 5]``.

On the seeded corpus (``bench.corpus``: a plan, twelve resolutions and a report per year),
times side by side, medians of ``--runs``: ``check_tree`` with the citation check only and
with the continuity check added; gathering the years; rendering every "Lịch sinh hoạt" and
"Theo dõi chỉ tiêu" page, the home block and the ``.ics``. Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import generate
from chibo.checking.citations import Detector, check_citations
from chibo.checking.continuity import continuity_check
from chibo.checking.tree import check_tree
from chibo.document.config import load_settings
from chibo.document import meeting
from chibo.document.meeting import load_meeting_spec
from chibo.document.model import load_file
from chibo.document.registry import load_registry
from chibo.document.year import collect
from chibo.rendering import calendar, month, targets
from chibo.rendering.regulation_page import relative_link


def _median(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        generate(project, years=args.years)
        docs, data = project / "docs", project / "data"
        registry = load_registry(data)
        detector = Detector(registry)
        types = load_settings(data).types
        fields, minutes = load_meeting_spec(data)
        today = dt.date(2100, 1, 1)

        def citations_only():
            return check_tree(docs, display_root=project, types=types,
                              extra_checks=[lambda d: check_citations(d, registry, detector)])

        def with_continuity():
            meeting._profile.cache_clear()  # cold: each run folds every text again
            meeting._references.cache_clear()
            return check_tree(docs, display_root=project, types=types,
                              extra_checks=[lambda d: check_citations(d, registry, detector),
                                            continuity_check(data, today)])

        documents = {p.relative_to(docs).as_posix(): load_file(p, p.as_posix()) for p in sorted(docs.rglob("*.md"))}

        def gather():
            return collect(documents, types, fields)

        years = gather()

        def render():
            for number, entry in years.items():
                month.year_calendar(entry, today, relative_link(month.calendar_page(number)))
                if entry.plan is not None:
                    targets.page(entry, relative_link(month.targets_page(number)))
            month.home(years, today, relative_link("index.md"))
            calendar.calendar(years, "Chi bộ", duration_minutes=minutes)

        base = _median(citations_only, args.runs)
        full = _median(with_continuity, args.runs)
        warnings = sum(p.code.startswith("TH") for p in with_continuity().problems)
        rows = [("check_tree, citations only", base), ("check_tree + continuity (TH001–TH006)", full),
                ("collect the years", _median(gather, args.runs)),
                ("render calendars, targets pages, home block, .ics", _median(render, args.runs))]
        print(f"{len(documents)} documents, {len(years)} years; {warnings} TH warnings on the random corpus\n")
        print("| step | median (s) |\n|---|---|")
        for name, seconds in rows:
            print(f"| {name} | {seconds:.3f} |")
        print(f"\ncontinuity adds {full - base:.3f} s ({100 * (full - base) / base:.0f} %) to check_tree")


if __name__ == "__main__":
    main()
