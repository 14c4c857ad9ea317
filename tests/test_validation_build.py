"""The validation hook inside real MkDocs builds and a real ``mkdocs serve``."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import build_env, copy_project, run_build

FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_broken_document_fails_the_build_and_leaves_site_untouched(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    site = project / "site"
    first = run_build(project, site)
    assert first.returncode == 0, first.stderr
    before = tree_digest(site)
    assert len(before) > 10

    (project / "docs/ke-hoach/2023-hong.md").write_bytes((FIXTURES / "missing-section.md").read_bytes())
    (project / "docs/ke-hoach/2024-hong.md").write_bytes((FIXTURES / "bad-date.md").read_bytes())
    second = run_build(project, site)
    assert second.returncode != 0
    output = second.stderr
    assert 'docs/ke-hoach/2023-hong.md:47: CT002 thiếu mục "Tổ chức thực hiện"' in output
    assert "docs/ke-hoach/2024-hong.md:7: TT004" in output  # all documents' problems at once
    assert "Traceback" not in output
    assert tree_digest(site) == before


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_prints_problems_keeps_running_and_rebuilds_after_fix(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    broken = project / "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
    original = broken.read_bytes()
    broken.write_bytes(original.replace("## V. TỔ CHỨC THỰC HIỆN:".encode(), b"V. TO CHUC"))
    port = _free_port()
    log = tmp_path / "serve.log"
    env = build_env()
    env["CHIBO_PDF"] = "0"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
             "-f", str(project / "mkdocs.yml")],
            cwd=project, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        text = lambda: log.read_text(encoding="utf-8", errors="replace")  # noqa: E731
        _wait_for(lambda: "Serving on" in text() or server.poll() is not None, 120, "the server")
        assert server.poll() is None, text()
        assert 'docs/ke-hoach/2022-ke-hoach-hoat-dong.md:' in text()
        assert 'CT002 thiếu mục "Tổ chức thực hiện"' in text()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ke-hoach/2022-ke-hoach-hoat-dong/") as response:
            assert response.status == 200

        broken.write_bytes(original)
        _wait_for(lambda: text().count("Đã kiểm tra") >= 2 and "0 lỗi" in text().split("Đã kiểm tra")[-1],
                  90, "the rebuild after the fix")
        assert server.poll() is None
        assert "Traceback" not in text()
    finally:
        server.terminate()
        server.wait(timeout=30)
