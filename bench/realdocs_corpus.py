"""``python -m bench.realdocs_corpus``: the issue-12 table on the independent corpus (tests/realdocs).

Builds the corpus in a temp dir, imports each file into one project copy with the user's command
line, runs ``make check`` (drafts) and prints, as Markdown: class, files, imported, type right,
text kept (% of sentences), headings recognised (%), errors, warnings.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from bench.corpus import copy_project
from tests.realdocs.evaluate import check_problems, evaluate
from tests.realdocs.make_corpus import build_corpus

ORDER = ["ke-hoach", "nghi-quyet", "bao-cao", "van-ban-goc", "chung", "hong"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        cases = build_corpus(tmp_path / "corpus")
        project = copy_project(tmp_path / "project")
        results = [evaluate(c, project, tmp_path / "corpus" / c.name) for c in cases]
        problems = check_problems(project)
        rows = defaultdict(lambda: defaultdict(int))
        for r in results:
            row = rows[r.case.klass]
            row["files"] += 1
            if r.case.klass == "hong":
                row["imported"] += r.imported
                row["type"] += r.returncode == 1 and "Traceback" not in r.stderr
                continue
            row["imported"] += r.imported
            row["type"] += r.imported and r.meta.get("loai") == r.case.type_code
            row["sent"] += len(r.case.sentences)
            row["kept"] += len(r.case.sentences) - (len(r.missing_sentences) if r.imported else len(r.case.sentences))
            row["head"] += len(r.case.headings)
            row["found"] += len(r.case.headings) - (len(r.missing_headings) if r.imported else len(r.case.headings))
            row["header_wrong"] += len(r.header_wrong)
            for path, _line, is_error in problems:
                if r.path and path.endswith(r.path.name):
                    row["errors" if is_error else "warnings"] += 1
        print("| Loại | Tệp | Nhập được | Đúng loại | Giữ chữ | Nhận ra mục | Lỗi | Cảnh báo | Sai phần đầu |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for k in ORDER:
            row = rows[k]
            if k == "hong":
                print(f"| hong (tệp hỏng) | {row['files']} | {row['imported']} (phải là 0) | "
                      f"từ chối đúng {row['type']}/{row['files']} | – | – | – | – | – |")
                continue
            pct = lambda a, b: f"{100 * a / b:.0f} %" if b else "–"
            print(f"| {k} | {row['files']} | {row['imported']} | {row['type']} | {pct(row['kept'], row['sent'])} | "
                  f"{pct(row['found'], row['head'])} | {row['errors']} | {row['warnings']} | {row['header_wrong']} |")
        for r in results:
            if r.case.klass != "hong" and not r.imported:
                print(f"\n- {r.case.name}: không nhập được: {r.stderr.strip()[:200]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
