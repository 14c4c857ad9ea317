"""Text from a document never runs as code: <script> and <img onerror> typed into the
title, trích yếu, signer, recipients, headings, the body, a nav title and the registry
show as words (screen and PDF alike) and never open a dialog in a real browser: on the
published page, the listings, the regulation page, the search results and the offline
copy (which carries its own Content-Security-Policy). Publishing never proposes to
allow a script that did not come from the theme."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import copy_project
from httpserve import serve
from webserver import run_publish, search

from chibo.publishing.publish import Expectations, check_site, csp_warnings

NAME = "ke-hoach/2023-ke-hoach-tiem.md"
TRICH_YEU = "Hoạt động <img src=x onerror=alert(21)> năm 2023 <script>alert(22)</script>"
SIGNER = "<script>alert(31)</script>Trần Thị <img src=x onerror=alert(32)>"


def yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("escaping") / "project")
    text = (project / "docs/ke-hoach/2022-ke-hoach-hoat-dong.md").read_text(encoding="utf-8")
    replacements = {
        "title: Kế hoạch hoạt động của Chi bộ năm 2022":
            "title: " + yaml_quote("Kế hoạch 2023 <script>alert(11)</script><img src=x onerror=alert(12)>")
            + "\ndescription: " + yaml_quote('"><script>alert(13)</script>'),
        "trich_yeu: Hoạt động của chi bộ năm 2022": "trich_yeu: " + yaml_quote(TRICH_YEU),
        "nam: 2022": "nam: 2023",
        "nguoi_ky: Trần Thị Nghĩa Quỳnh": "nguoi_ky: " + yaml_quote(SIGNER),
        "chuc_vu: BÍ THƯ": "chuc_vu: " + yaml_quote("BÍ THƯ <svg onload=alert(33)>"),
        "  - Lưu.": "  - " + yaml_quote("<img src=x onerror=alert(41)>Lưu."),
        "Căn cứ điều lệ Đảng cộng sản Việt Nam;":
            "Căn cứ điều lệ Đảng cộng sản Việt Nam; <script>alert(52)</script> "
            "[xem](javascript:alert(53)) <a href=\"#\" onclick=\"alert(54)\">bấm</a>",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    text = re.sub(r"^(### .*)$", r"\1 <svg onload=alert(51)></svg>", text, count=1, flags=re.MULTILINE)
    assert "alert(51)" in text
    (project / "docs" / NAME).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    anchor = "      - ke-hoach/index.md\n"
    config.write_text(config.read_text(encoding="utf-8").replace(
        anchor, anchor + f"      - \"<img src=x onerror=alert(61)>Kế hoạch 2023\": {NAME}\n", 1), encoding="utf-8")
    registry = project / "data" / "van-ban-dan-chieu.yml"
    source = registry.read_text(encoding="utf-8")
    assert "nguoi_ky: Trần Quốc Vượng\n" in source
    registry.write_text(source.replace("nguoi_ky: Trần Quốc Vượng\n",
                                       "nguoi_ky: \"Trần Quốc Vượng <img src=x onerror=alert(71)>\"\n", 1),
                        encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def live(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("escaping-www") / "chibo"
    result = run_publish(project, "publish", "--dest", str(dest), env={"CHIBO_PDF": "1"})
    assert result.returncode == 0, result.stderr
    assert "sha256" not in result.stderr  # nothing to add to the CSP: the theme's scripts are allowed
    return dest.resolve()


@pytest.fixture(scope="module")
def offline_copy(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("escaping-offline")
    result = run_publish(project, "offline", "--output", str(work / "copy.zip"), env={"CHIBO_PDF": "0"})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(work / "copy.zip") as archive:
        archive.extractall(work)
    return work / "van-ban-chi-bo"


def visit(browser, url: str, *, query: str | None = None) -> tuple[list[str], str]:
    """(dialogs opened, visible text) of a page; with ``query``, after searching it."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url, wait_until="load")
        if query is not None:
            assert search(page, query) >= 1
        page.wait_for_timeout(500)
        return dialogs, page.locator("body").inner_text()
    finally:
        context.close()


PAGES = ["ke-hoach/2023-ke-hoach-tiem/", "", "van-ban/", "ke-hoach/", "quy-dinh/213-qd-tw/"]


def test_no_dialog_on_the_published_pages_and_the_words_are_shown(live: Path, browser):
    with serve(live) as base:
        for path in PAGES:
            dialogs, text = visit(browser, base + path)
            assert dialogs == [], (path, dialogs)
        _, document = visit(browser, base + PAGES[0])
    assert TRICH_YEU.upper() in document.upper()  # the header prints it as text
    assert "<script>alert(31)</script>Trần Thị <img src=x onerror=alert(32)>" in document
    assert "<img src=x onerror=alert(41)>Lưu." in document
    assert "<img src=x onerror=alert(61)>Kế hoạch 2023" in document  # the nav title, as words


def test_no_dialog_in_the_search_results(live: Path, browser):
    with serve(live) as base:
        dialogs, text = visit(browser, base, query="2023")
    assert dialogs == []
    assert "alert(1" in text  # the injected title is listed, as words


def test_no_dialog_in_the_offline_copy(offline_copy: Path, browser):
    html = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in html and "'unsafe-inline'" not in html.split(
        "Content-Security-Policy")[1].split(">")[0].replace("style-src 'self' file:", "")
    for page in ("ke-hoach/2023-ke-hoach-tiem.html", "index.html", "van-ban.html", "quy-dinh/213-qd-tw.html"):
        dialogs, _ = visit(browser, (offline_copy / page).as_uri())
        assert dialogs == [], (page, dialogs)
    dialogs, _ = visit(browser, (offline_copy / "index.html").as_uri(), query="2023")
    assert dialogs == []


def test_the_pdf_shows_the_same_words_as_the_screen(live: Path):
    pdf = live / "ke-hoach" / "2023-ke-hoach-tiem" / "2023-ke-hoach-tiem.pdf"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "<script>alert(31)</script>Trần Thị <img src=x onerror=alert(32)>" in flat
    assert "onerror=alert(21)" in flat and "alert(22)" in flat


def test_a_script_that_is_not_the_themes_is_refused_and_never_proposed(live: Path, project: Path, tmp_path: Path):
    from chibo.publishing.csp import script_hash

    site = tmp_path / "site"
    shutil.copytree(live, site)
    page = site / "van-ban" / "index.html"
    injected = "alert(99)"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f"<script>{injected}</script></article>", 1),
                    encoding="utf-8")
    problems = check_site(site, project, Expectations())
    assert any("van-ban/index.html" in p and "không phải của giao diện" in p for p in problems), problems
    assert script_hash(injected) not in " ".join(csp_warnings(site, project))
