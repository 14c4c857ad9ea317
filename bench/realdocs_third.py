"""``python -m bench.realdocs_third``: the issue-20 table on the third corpus (tests/thirdcorpus).

Builds the corpus in a temp dir, imports every file in order into one project copy with the
user's command line, and prints, as Markdown, one row per document — type, facts, title,
headings, text conserved, lines dropped, registry (Central documents), TCVN3, file name — then
the totals per aspect and the bad files refused clearly. ✓ = right, ✗ = wrong, – = not applicable.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.corpus import copy_project
from tests.realdocs.evaluate import import_file
from tests.thirdcorpus.evaluate import ASPECTS, dropped_lines, registry, run_corpus
from tests.thirdcorpus.make_corpus import names

COLUMNS = [a for a in ASPECTS if a not in ("imported", "dropped")]
LABELS = {"imported": "nhập được", "type": "đúng loại", "facts": "thông tin", "title": "tên trang",
          "headings": "mục", "conserved": "giữ đủ dòng", "registry": "sổ dẫn chiếu", "tcvn3": "TCVN3", "citations": "liên kết dẫn chiếu",
          "filename": "tên tệp"}


def _refused(corpus: Path, project: Path) -> tuple[int, int]:
    bad = names(refused=True)
    ok = 0
    for name in bad:
        proc = import_file(project, corpus / name)
        ok += proc.returncode == 1 and "Traceback" not in proc.stderr and name in proc.stderr
    return ok, len(bad)


def table() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        project = copy_project(tmp_path / "project")
        outcomes = run_corpus(tmp_path / "corpus", project)
        entries = registry(project)
        refused = _refused(tmp_path / "corpus", copy_project(tmp_path / "clean"))
        rows = ["| Văn bản | " + " | ".join(LABELS[a] for a in ["imported"] + COLUMNS) + " | dòng mất |",
                "|---|---|" + "---|" * len(COLUMNS) + "---:|"]
        right = {a: 0 for a in ASPECTS}
        applicable = {a: 0 for a in ASPECTS}
        total_dropped = total_lines = all_right = 0
        for o in outcomes:
            cells = []
            for a in ["imported"] + COLUMNS:
                if a not in o.problems:
                    cells.append("–")
                    continue
                applicable[a] += 1
                ok = not o.problems[a]
                right[a] += ok
                cells.append("✓" if ok else "✗")
            lost = len(dropped_lines(o, entries))
            total_dropped += lost
            total_lines += sum(1 for ln in o.doc.lines if ln.role != "form")
            all_right += all(not p for p in o.problems.values())
            rows.append(f"| {o.doc.name} | " + " | ".join(cells) + f" | {lost} |")
        rows.append("| **tổng** | " + " | ".join(f"{right[a]}/{applicable[a]}" for a in ["imported"] + COLUMNS)
                    + f" | {total_dropped}/{total_lines} |")
        rows.append("")
        rows.append(f"Đúng mọi mặt: {all_right}/{len(outcomes)} văn bản; tệp hỏng bị từ chối rõ ràng: "
                    f"{refused[0]}/{refused[1]}.")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
    sys.exit(0)
