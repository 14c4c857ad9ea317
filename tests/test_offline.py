"""make offline: a zip that opens from file:// (phone or PC) with search working, which
asks no server for anything and holds nothing withheld."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import copy_project
from test_confidential import SECRET, texts, withheld_copy
from webserver import run_publish, search


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline")
    project = copy_project(work / "project")
    withheld_copy(project, "2023-ke-hoach-mat.md", year=2023, key="mat", marker=SECRET)
    archive = work / "dist" / "ban-ngoai-tuyen.zip"
    # with PDFs, as "make offline" makes it (the home page is index.html here, not "")
    result = run_publish(project, "offline", "--output", str(archive), env={"CHIBO_PDF": "1"})
    assert result.returncode == 0, result.stderr
    assert "Đã tạo bản ngoại tuyến" in result.stderr
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert all(name.startswith("van-ban-chi-bo/") for name in names)
        for name in names:
            assert SECRET.encode() not in opened.read(name), name
        opened.extractall(work / "unzipped")
    assert [p.name for p in work.joinpath("dist").iterdir()] == ["ban-ngoai-tuyen.zip"]  # no leftovers
    site = work / "unzipped" / "van-ban-chi-bo"
    assert (site / "pdf" / "van-ban-chi-bo.pdf").is_file()
    assert (site / "ke-hoach" / "2022-ke-hoach-hoat-dong.pdf").is_file()
    assert [path for path, text in texts(site) if SECRET in text] == []  # PDFs through pdftotext
    return site


def test_the_copy_uses_plain_file_links_and_an_inlined_search_index(unpacked: Path):
    assert (unpacked / "index.html").is_file()
    assert (unpacked / "ke-hoach" / "2022-ke-hoach-hoat-dong.html").is_file()
    assert (unpacked / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index")
    home = (unpacked / "index.html").read_text(encoding="utf-8")
    assert 'href="ke-hoach/2022-ke-hoach-hoat-dong.html"' in home
    assert "unpkg.com" not in home and "assets/javascripts/iframe-worker/shim.js" in home
    assert not (unpacked / "ke-hoach" / "2023-ke-hoach-mat.html").exists()


def test_opens_from_file_and_search_finds_pages(unpacked: Path, browser, artifacts: Path):
    context = browser.new_context(viewport={"width": 412, "height": 860}, is_mobile=True, has_touch=True)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(f"{m.text} {m.location.get('url')}") if m.type == "error" else None)
    try:
        page.goto((unpacked / "index.html").as_uri(), wait_until="load")
        assert page.locator("header.md-header").is_visible()
        # the stylesheet applies (a fixed header), so the assets load from the folder
        assert page.evaluate("getComputedStyle(document.querySelector('header.md-header')).position") == "sticky"
        assert search(page, "ke hoach hoat dong") >= 1
        page.screenshot(path=str(artifacts / "offline-search.png"))
        page.locator(".md-search-result__list > li a").first.click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).scheme == "file" and urlsplit(page.url).path.endswith(".html")
        assert page.locator("article").inner_text().strip()
        foreign = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
        assert foreign == []
        assert errors == []
    except Exception:
        page.screenshot(path=str(artifacts / "offline-failure.png"))
        raise
    finally:
        context.close()
