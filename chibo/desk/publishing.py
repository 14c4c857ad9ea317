"""Publish, withdraw and roll back from the desk: the very command ``make publish`` and
``make rollback`` run (``chibo.commands.publish``, i.e. ``chibo.publishing.publish.publish``),
in a child process whose output is read and summarised in Vietnamese. The English log
lines of MkDocs never reach a person; they go to the server's journal."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import segno

from chibo.publishing.engine_log import ENGINE_LINE as _MKDOCS_LINE
from chibo.publishing.engine_log import VIETNAMESE as _VIETNAMESE

PUBLISH_TIMEOUT = 1800
_log = logging.getLogger("chibo.desk")
_lock = threading.Lock()  # one publish at a time from this desk (publish() also locks DEST)


@dataclass
class Outcome:
    ok: bool
    messages: list[str] = field(default_factory=list)


def summarise(output: str) -> list[str]:
    """The lines a person may read: ours (Vietnamese) as they are, MkDocs' Vietnamese
    messages (from our hooks) without their English prefix, and one line for the rest."""
    kept, technical, warnings = [], 0, 0
    for raw in output.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _MKDOCS_LINE.match(line)
        text = match.group(2).strip() if match else line
        if re.match(r"^\S+:\d+: [A-Z]{2}\d{3} cảnh báo:", text):
            warnings += 1  # each document's warnings are shown on its own page of the desk
        elif _VIETNAMESE.search(text) and not text.startswith("Traceback"):
            kept.append(text)
        elif match is None or match.group(1) in ("WARNING", "ERROR"):
            technical += 1
    if warnings:
        kept.append(f"{warnings} cảnh báo trong các văn bản (không ngăn việc đăng; xem ở trang của từng văn bản).")
    if technical:
        kept.append(f"Công cụ dựng trang còn ghi {technical} dòng thông báo kỹ thuật (bằng tiếng Anh) vào nhật "
                    "ký của máy chủ; người quản trị có thể xem ở đó.")
    return kept


def _run(project: Path, *args: str, site_url: str | None = None) -> Outcome:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "chibo.commands.publish", *args]
    with _lock:
        try:
            result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                                    timeout=PUBLISH_TIMEOUT)
        except subprocess.TimeoutExpired:
            return Outcome(False, ["Dựng trang quá lâu nên đã dừng; trang đang chạy không bị thay đổi."])
    if result.stdout or result.stderr:
        _log.info("%s\n%s%s", " ".join(command[1:]), result.stdout, result.stderr)
    return Outcome(result.returncode == 0, summarise(result.stdout + "\n" + result.stderr))


def publish_site(project: Path, dest: Path, site_url: str | None) -> Outcome:
    args = ["publish", "--dest", str(dest), "--project", str(project)]
    if site_url:
        args += ["--site-url", site_url]
    return _run(project, *args, site_url=site_url)


def rollback_site(project: Path, dest: Path) -> Outcome:
    return _run(project, "rollback", "--dest", str(dest))


def public_address(site_url: str | None, page_url: str) -> str:
    """The address members open; relative to the site when SITE_URL is not known."""
    base = site_url or "/"
    return base.rstrip("/") + "/" + quote(page_url, safe="/")


def qr_svg(address: str) -> str:
    """The address as an inline SVG QR code (no external service; ``segno``)."""
    return segno.make(address, error="m").svg_inline(scale=4, dark="#000", light="#fff", title="Mã QR địa chỉ trang")
