"""A member's phone (390×844): one visit online, then the site reads without the network (issue 22).

The real built site, served on http://127.0.0.1 (a secure context for a service worker) with
the Content-Security-Policy of deploy/nginx/chibo.conf on every page. After one visit and the
button "Lưu để đọc khi không có mạng", the server is stopped and the browser set offline: the
home page, the 2022 plan, a regulation, a search and a PDF still open. Back online, a page
republished in the meantime is updated and the page says "Đã cập nhật văn bản mới". No request
ever leaves the origin.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.phone import NginxLikeHandler
from chibo.rendering import offline_list
from webserver import search

PLAN = "ke-hoach/2022-ke-hoach-hoat-dong/"
REGULATION = "quy-dinh/213-qd-tw/"
PDF = "ke-hoach/2022-ke-hoach-hoat-dong/2022-ke-hoach-hoat-dong.pdf"


class Server:
    """A static server that can be stopped and started again on the same port (same origin)."""

    def __init__(self, root: Path) -> None:
        self.root, self.port, self.httpd = root, 0, None

    def start(self) -> None:
        handler = functools.partial(NginxLikeHandler, directory=str(self.root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@pytest.fixture()
def site(built_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def test_the_list_holds_only_the_built_sites_files(site: Path):
    listing = json.loads((site / offline_list.LIST_NAME).read_text(encoding="utf-8"))
    listed = [path for path, _, _ in listing["files"] + listing["pdfs"]]
    assert all((site / path).is_file() for path in listed)
    assert {"index.html", PLAN + "index.html", REGULATION + "index.html", "search/search_index.json",
            "manifest.webmanifest", "assets/javascripts/ban-luu.js"} <= set(listed)
    assert any(path.startswith("assets/javascripts/workers/search.") for path in listed)
    assert PDF in [path for path, _, _ in listing["pdfs"]] and "pdf/van-ban-chi-bo.pdf" in listed
    assert not [p for p in listed if p.endswith(".map") or p in ("sw.js", "sitemap.xml", offline_list.LIST_NAME)]
    assert "assets/javascripts/lunr/min/lunr.vi.min.js" in listed
    assert "assets/javascripts/lunr/min/lunr.de.min.js" not in listed


def test_read_offline_after_one_visit_then_updated_online(site: Path, browser, artifacts: Path):
    server = Server(site)
    server.start()
    origin = urlsplit(server.base).netloc
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                  is_mobile=True, has_touch=True, locale="vi-VN", service_workers="allow")
    foreign: list[str] = []
    problems: list[str] = []
    context.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in (origin, "") else None)
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        # first visit, online: the site is kept, then the PDFs on the button
        page.goto(server.base, wait_until="load")
        status = page.locator(".bl-thanh .bl-chu")
        status.filter(has_text="đã được lưu").wait_for(timeout=60_000)
        assert re.search(r"bản lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}", status.inner_text())
        button = page.get_by_role("button", name="Lưu để đọc khi không có mạng")
        button.click()
        status.filter(has_text="tệp PDF (").wait_for(timeout=60_000)
        assert button.is_hidden()
        page.screenshot(path=str(artifacts / "ban-luu-truc-tuyen.png"))
        # Chromium's own installability check (what Lighthouse's former audit asked): no error
        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        # a Playwright context is incognito, which alone keeps Chromium from offering to install
        assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == server.base + "manifest.webmanifest" and not manifest["errors"]
        cdp.detach()

        # offline: no server at all, and the browser offline
        server.stop()
        context.set_offline(True)
        for path, words in (("", "Tháng này"), (PLAN, "Đặc điểm tình hình"), (REGULATION, "Được dẫn chiếu tại")):
            response = page.goto(server.base + path, wait_until="load")
            assert response is not None and response.ok, path
            assert words.lower() in page.locator("article").inner_text().lower(), path
            banner = page.locator(".bl-ngoai-tuyen")
            banner.wait_for(state="visible", timeout=10_000)
            assert re.search(r"đang đọc bản lưu lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}", banner.inner_text())
        page.screenshot(path=str(artifacts / "ban-luu-ngoai-tuyen.png"))
        page.goto(server.base, wait_until="load")
        assert search(page, "ke hoach hoat dong") >= 1
        first = page.locator(".md-search-result__list > li a").first.get_attribute("href")
        assert "ke-hoach" in first
        pdf = page.evaluate("""async (url) => {
            const r = await fetch(url);
            const b = new Uint8Array(await r.arrayBuffer());
            return [r.status, String.fromCharCode(...b.slice(0, 5)), b.length];
        }""", server.base + PDF)
        assert pdf[0] == 200 and pdf[1] == "%PDF-" and pdf[2] == (site / PDF).stat().st_size

        # back online after a new publication: the changed page is updated, and the page says so
        page_file = site / REGULATION / "index.html"
        article = '<article class="md-content__inner md-typeset">'
        source = page_file.read_text(encoding="utf-8")
        assert source.count(article) == 1
        page_file.write_text(source.replace(article, article + "<p>Bản sửa ngày 07/12/2026.</p>"), encoding="utf-8")
        offline_list.write_list(site)
        server.start()
        context.set_offline(False)
        page.goto(server.base + PLAN, wait_until="load")
        notice = page.locator(".bl-cap-nhat")
        notice.wait_for(state="visible", timeout=60_000)
        assert re.search(r"Đã cập nhật văn bản mới \(bản lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}\)", notice.inner_text())
        page.goto(server.base + REGULATION, wait_until="load")
        assert "Bản sửa ngày 07/12/2026." in page.locator("article").inner_text()
        assert not foreign, foreign
        assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    except Exception:
        page.screenshot(path=str(artifacts / "ban-luu-loi.png"))
        raise
    finally:
        context.close()
        if server.httpd is not None:
            try:
                server.stop()
            except Exception:
                pass
