"""``python -m chibo.desk --dest DEST [--port 8001]`` (``make desk DEST=… PORT=…``): serve the
desk on 127.0.0.1 only (nginx in front, location /soan/)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

HOST = "127.0.0.1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make desk", description="Chạy bàn soạn thảo (chỉ nghe trên 127.0.0.1).")
    parser.add_argument("--dest", type=Path, default=None, help="thư mục đăng trang, như make publish DEST=")
    parser.add_argument("--port", type=int, default=8001, help="cổng (mặc định 8001)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL") or None, help="địa chỉ trang đã đăng")
    parser.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        print(f"Lỗi: cổng {args.port} không hợp lệ.", file=sys.stderr)
        return 2
    import uvicorn

    from chibo.desk.app import create_app
    from chibo.publishing.publish import PublishError, normalise_site_url

    try:
        site_url = normalise_site_url(args.site_url)
    except PublishError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    import socket

    with socket.socket() as probe:  # a clear message instead of uvicorn's English one
        try:
            probe.bind((HOST, args.port))
        except OSError:
            print(f"Lỗi: cổng {args.port} đang có chương trình khác dùng (có thể bàn soạn thảo đã chạy); "
                  "hãy chọn cổng khác, ví dụ PORT=8002.", file=sys.stderr)
            return 1
    if not (args.project / "mkdocs.yml").is_file():
        print(f"Lỗi: {args.project.resolve()} không phải thư mục dự án (không có mkdocs.yml).", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(args.project.resolve(), args.dest.absolute() if args.dest else None, site_url)
    print(f"Bàn soạn thảo: http://{HOST}:{args.port}/soan/ (dừng: Ctrl+C)", flush=True)
    # X-Forwarded-Proto is trusted from nginx on this machine only (the cookie gets Secure behind HTTPS).
    uvicorn.run(app, host=HOST, port=args.port, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                log_level="warning", access_log=False, server_header=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
