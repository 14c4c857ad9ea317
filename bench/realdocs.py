"""``python -m bench.realdocs``: import the Word corpus and print the table of issue 12.

Columns: class, files, imported, type right, text kept (sentences), headings recognised,
then the problems ``make check`` reports — as imported (drafts: warnings only) and once the
well-formed files are published (``nhap: false``: errors must be 0).
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bench.corpus import copy_project  # noqa: E402
from tests.wordcorpus.evaluate import check_project, publish_well_formed, run_corpus  # noqa: E402

CLASSES = ["ke-hoach", "nghi-quyet", "bao-cao", "chung", "van-ban-goc", "hong"]


def table() -> str:
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        project = copy_project(work_path / "project")
        results = run_corpus(work_path, project)
        drafts = check_project(project)
        publish_well_formed(results)
        published = check_project(project)

    def problems(report, paths, severity):
        shown = {str(p) for p in paths}
        return sum(1 for p in report.problems if p.severity.value == severity and any(p.path.endswith(s) for s in shown))

    rows = ["| class | files | imported | type right | text kept | headings | errors (draft / published) | "
            "warnings (draft) |", "|---|---|---|---|---|---|---|---|"]
    totals = defaultdict(int)
    for klass in CLASSES:
        group = [r for r in results if r.case.klass == klass]
        if not group:
            continue
        paths = [r.path.relative_to(project).as_posix() for r in group if r.path is not None]
        sentences = sum(len(r.case.sentences) for r in group)
        kept = sum(r.sentences_kept for r in group)
        headings = sum(len(r.case.headings) for r in group)
        found = sum(r.headings_found for r in group)
        if klass == "hong":
            refused_ok = sum(1 for r in group if r.type_right)
            rows.append(f"| {klass} (bad files) | {len(group)} | refused clearly: {refused_ok}/{len(group)} | – | – | – "
                        "| – | – |")
            continue
        imported = sum(1 for r in group if r.imported)
        right = sum(1 for r in group if r.type_right)
        errors = (problems(drafts, paths, "error"), problems(published, paths, "error"))
        warnings = problems(drafts, paths, "warning")
        rows.append(f"| {klass} | {len(group)} | {imported}/{len(group)} | {right}/{len(group)} | "
                    f"{kept}/{sentences} ({100 * kept / max(1, sentences):.0f} %) | "
                    f"{found}/{headings} ({100 * found / max(1, headings):.0f} %) | {errors[0]} / {errors[1]} | {warnings} |")
        for name, value in (("files", len(group)), ("imported", imported), ("right", right), ("sentences", sentences),
                            ("kept", kept), ("headings", headings), ("found", found)):
            totals[name] += value
    rows.append(f"| **all documents** | {totals['files']} | {totals['imported']}/{totals['files']} | "
                f"{totals['right']}/{totals['files']} | {totals['kept']}/{totals['sentences']} | "
                f"{totals['found']}/{totals['headings']} | {len(drafts.errors)} / {len(published.errors)} (whole site) | "
                f"{len(drafts.warnings)} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
    from bench.realdocs_third import table as third_table
    print("\nThird corpus (tests/thirdcorpus, issue 20):\n")
    print(third_table())
