"""``python -m chibo.commands.check [docs]`` (``make check``): validate every document.

Prints ``path:line: CODE message`` and exits 1 when there are errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from chibo.checking.tree import check_tree, default_extra_checks
from chibo.document.config import DataError, read_nav_files
from chibo.commands.guard import guarded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check",
                                     description="Kiểm tra cấu trúc các văn bản trong thư mục docs/.")
    parser.add_argument("docs", nargs="?", default="docs", help="thư mục chứa văn bản (mặc định: docs)")
    args = parser.parse_args(argv)
    docs = Path(args.docs)
    if not docs.is_dir():
        print(f"Không tìm thấy thư mục văn bản \"{docs}\".", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        report = check_tree(docs, extra_checks=default_extra_checks(), nav=read_nav_files(docs.resolve().parent))
    except DataError as error:  # a data file under data/ is broken: one line, no traceback
        print(error)
        return 1
    from chibo.document.registry import load_registry  # its own mistakes (DC004) are not per document

    report.problems[:0] = load_registry().problems
    for problem in report.problems:
        print(problem.format())
    print(f"{report.summary()} ({time.perf_counter() - started:.2f} giây)")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(guarded(main))
