"""``python -m chibo.commands.publish`` (``make publish``, ``make rollback``, ``make offline``).

    python -m chibo.commands.publish publish --dest /var/www/chibo [--site-url https://intranet/chibo/]
    python -m chibo.commands.publish rollback --dest /var/www/chibo
    python -m chibo.commands.publish offline [--output dist/van-ban-chi-bo-ngoai-tuyen.zip]
    python -m chibo.commands.publish csp SITE_DIR      # CSP hashes of the inline scripts
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from chibo.commands.guard import failure_message, guarded
from chibo.publishing.publish import (OFFLINE_NAME, ROOT, PublishError, inline_script_hashes, offline, publish,
                                      rollback, say)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chibo.commands.publish",
                                     description="Đăng trang lên máy chủ web, quay lại bản trước, tạo bản ngoại tuyến.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("publish", help="dựng, kiểm tra rồi đăng (chuyển trang đang chạy sang bản mới)")
    p.add_argument("--dest", required=True, type=Path, help="thư mục máy chủ web phục vụ, ví dụ /var/www/chibo")
    p.add_argument("--site-url", default=os.environ.get("SITE_URL") or None,
                   help="địa chỉ trang, ví dụ https://intranet/chibo/")
    r = commands.add_parser("rollback", help="quay lại phiên bản đăng trước đó")
    r.add_argument("--dest", required=True, type=Path)
    o = commands.add_parser("offline", help="tạo tệp zip mở được không cần máy chủ (file://)")
    o.add_argument("--output", type=Path, default=ROOT / "dist" / f"{OFFLINE_NAME}-ngoai-tuyen.zip")
    for sub in (p, r, o):
        sub.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
    c = commands.add_parser("csp", help="in các mã băm CSP cho các đoạn mã nội tuyến của trang đã dựng")
    c.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "publish":
            publish(args.dest, project=args.project, site_url=args.site_url)
        elif args.command == "rollback":
            rollback(args.dest, project=args.project)
        elif args.command == "offline":
            offline(args.output, project=args.project)
        else:
            print(" ".join(sorted(inline_script_hashes(args.site))))
    except PublishError as error:
        say(f"LỖI: {error}")
        return 1
    except OSError as error:  # read-only or full disk, no permission on the folder holding DEST
        if not error.filename:
            error.filename = getattr(args, "dest", None) or getattr(args, "output", "")
        say(f"LỖI: {failure_message(error)} Trang đang chạy không bị thay đổi.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(guarded(main))
