"""While ``make serve`` runs, a document with errors shows them at the top of its page in
the browser (real ``mkdocs serve`` on 127.0.0.1, Debian's Chromium); a built site never
carries that banner (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import build_env, copy_project
from test_data_files import _free_port, _get, _wait

PLAN = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
PLAN_URL = "ke-hoach/2022-ke-hoach-hoat-dong/"


def test_serve_shows_a_documents_errors_on_its_page(tmp_path: Path, browser):
    project = copy_project(tmp_path / "p")
    plan = project / PLAN
    text = plan.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("## I."))
    plan.write_text(text.replace(heading, "## Mục <script>alert(1)</script> đặt sai", 1), encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=build_env() | {"CHIBO_PDF": "0"}, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert _wait(lambda: "</html>" in _get(url + PLAN_URL), 180), (tmp_path / "serve.log").read_text()[-3000:]
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + PLAN_URL)
        banner = page.locator(".chibo-xem-truoc-loi")
        banner.wait_for()
        words = banner.inner_text()
        assert "lỗi" in words and f"{PLAN}:" in words and "CT00" in words, words
        box = banner.bounding_box()
        article = page.locator("article").bounding_box()
        assert box and article and box["y"] - article["y"] < 200  # at the top of the document
        assert dialogs == []
        # fixed and saved: the errors leave the banner on the next rebuild (warnings stay)
        plan.write_text(text, encoding="utf-8")
        assert _wait(lambda: "CT00" not in _get(url + PLAN_URL), 120)
        assert "Văn bản còn 0 lỗi" in _get(url + PLAN_URL)
        # the home page has no problems: no banner
        assert "chibo-xem-truoc-loi" not in _get(url)
    finally:
        os.killpg(server.pid, 9)
        server.wait()
        log.close()
