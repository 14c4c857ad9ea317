"""``python -m chibo.commands.site`` (``make site``): build the site into site/.

read -> check -> stage -> render -> scan (``chibo.publishing.pipeline``), into a folder
beside site/ that replaces it only when everything succeeded: a failed build leaves the
previous site/ untouched.

    python -m chibo.commands.site [--project DIR] [--site-dir DIR] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from chibo.commands.guard import failure_message, guarded
from chibo.publishing.pipeline import BuildError, build_until_stable

ROOT = Path(__file__).resolve().parents[2]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_into(project: Path, site_dir: Path, env: dict[str, str]) -> None:
    """Build beside site_dir and swap it in; a source saved meanwhile builds again."""
    site_dir = site_dir.absolute()
    new = site_dir.with_name(f".{site_dir.name}-new")
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(new, ignore_errors=True)
    build_until_stable(project, new, env, lambda built: built, say=_say)
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make site", description="Kiểm tra văn bản rồi dựng trang web (kèm PDF).")
    parser.add_argument("--project", type=Path, default=ROOT, help="thư mục dự án (mặc định: thư mục này)")
    parser.add_argument("--site-dir", type=Path, default=None, help="thư mục kết quả (mặc định: site/)")
    parser.add_argument("--no-pdf", action="store_true", help="không tạo PDF (nhanh hơn, để xem thử)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    env = dict(os.environ)
    env.setdefault("CHIBO_PDF", "1")
    if args.no_pdf:
        env["CHIBO_PDF"] = "0"
    try:
        build_into(project, args.site_dir or project / "site", env)
    except BuildError as error:
        _say(str(error))
        _say("Dựng trang không thành công: thư mục site/ chưa bị thay đổi.")
        return 1
    except OSError as error:
        _say(f"LỖI: {failure_message(error)} Thư mục site/ chưa bị thay đổi.")
        return 1
    _say(f"Đã dựng trang vào {args.site_dir or project / 'site'}.")
    return 0


if __name__ == "__main__":
    sys.exit(guarded(main))
