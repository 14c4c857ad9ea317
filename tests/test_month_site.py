"""The cell's month in a real strict build of a generated year (tests/monthyear.py), read
in Debian's Chromium on a phone: "Tháng này", Lịch sinh hoạt, the .ics, Theo dõi chỉ tiêu."""

from __future__ import annotations

import html
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import monthyear
from conftest import run_build

PHONE = {"width": 390, "height": 844}
TODAY = "2023-11-20"  # November adopted, December's meeting ahead


@pytest.fixture(scope="module")
def month_site(tmp_path_factory) -> Path:
    from bench.corpus import copy_project

    # with its own chibo/: the build imports this tree's package whatever the venv points at
    project = copy_project(tmp_path_factory.mktemp("month") / "project", with_sources=True)
    pages = monthyear.write_year(project / "docs")
    monthyear.add_to_nav(project / "mkdocs.yml", pages)
    site = project.parent / "site"
    saved = {key: os.environ.get(key) for key in ("CHIBO_TODAY", "CHIBO_PDF")}
    os.environ.update({"CHIBO_TODAY": TODAY, "CHIBO_PDF": "0"})
    try:
        result = run_build(project, site)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert result.returncode == 0, result.stderr
    assert "TH001" in result.stderr and "TH003" in result.stderr  # warnings printed, build not failed
    return site


@pytest.fixture(scope="module")
def month_server(month_site: Path) -> Iterator[str]:
    from httpserve import serve

    with serve(month_site) as url:
        yield url


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _article(site: Path, page: str) -> str:
    source = (site / page).read_text(encoding="utf-8")
    return source[source.index("<article"):source.index("</article>")]


def test_nothing_withheld_reaches_any_output(month_site: Path):
    secret = monthyear.SECRET.encode("utf-8")
    leaks = [p for p in month_site.rglob("*") if p.is_file() and secret in p.read_bytes()]
    assert leaks == []


def test_targets_page_matches_the_hand_computed_table(month_site: Path):
    article = _article(month_site, "sinh-hoat/chi-tieu-2023/index.html")
    rows = re.findall(r"<tr>(.*?)</tr>", article.split("<thead>", 1)[1], re.S)[1:]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    got = [(_text(re.search(r"<a [^>]*>(.*?)</a>", c[0], re.S).group(1)),
            _text(re.search(r'class="ct-nhan[^"]*">(.*?)</span>', c[1], re.S).group(1))) for c in cells]
    assert not any("mã: ct-" in _text(c[0]) for c in cells)  # codes are in the guide only
    assert got == [(text, status) for text, status in monthyear.EXPECTED_TARGETS]
    legend = _text(article[article.index('class="ct-chu-giai"'):])
    for label, count in (("Đạt", 2), ("Chưa đạt", 1), ("Có báo cáo, chưa rõ đạt hay không", 1), ("Chưa báo cáo", 1)):
        assert f"{label}: {count}" in legend
    assert re.search(r'<td class="ct-dat ct-w-40">2</td>', article) and 'style=' not in article
    assert "<script" not in article and "<svg" not in article
    # each answer links to its sentence's section in the report
    assert 'href="../../bao-cao/2023-bao-cao/#ii-ket-qua-thuc-hien-nhiem-vu-nam-2023"' in article


def test_calendar_page_has_a_row_per_month(month_site: Path):
    article = _article(month_site, "sinh-hoat/lich-2023/index.html")
    rows = re.findall(r"<tr>(.*?)</tr>", article.split("<tbody>", 1)[1], re.S)
    assert len(rows) == 12
    cells = [[_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]
    assert cells[2][0] == "3 đã họp"
    assert cells[2][1] == "Chủ nhật, 05/03/2023, 14:00 Phòng họp nhà trường có mặt 18/20"
    assert cells[2][2] == "Nghị quyết tháng 3/2023" and cells[5][2] == "Thông báo kết luận tháng 6/2023"
    assert cells[7][0] == "8 dự kiến" and cells[7][1].startswith("Thứ Bảy, 05/08/2023") and cells[7][2] == "—"
    assert cells[7][1].endswith(f"Chuyên đề: {monthyear.TOPIC_MONTHS[8]}")
    assert ["Chuyên đề:" in c[1] for c in cells].count(True) == 4
    assert cells[11][0] == "12 dự kiến"  # its document is written, the meeting is after today
    assert monthyear.HOSTILE_PLACE in cells[11][1]  # the text, escaped ...
    assert "<img src=x" not in article and "onerror" not in article.replace("onerror=alert(1)&gt;", "")
    assert 'href="../lich-sinh-hoat.ics"' in article


def test_ics_from_the_site_parses(month_site: Path):
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical((month_site / "sinh-hoat/lich-sinh-hoat.ics").read_bytes())
    assert len(cal.walk("VEVENT")) == 12


def test_home_shows_this_month_escaped(month_site: Path):
    page = (month_site / "index.html").read_text(encoding="utf-8")
    block = page[page.index('class="thang-nay"'):]
    block = block[:block.index("</div>")]
    assert "&lt;b&gt;tổng kết&lt;/b&gt;" in block and "<b>tổng kết" not in page
    assert "Nhiệm vụ tháng 11/2023" in _text(block)
    assert "Thứ Ba, 05/12/2023, 14:00" in _text(block)
    assert monthyear.HOSTILE_PLACE in _text(block) and "<img src=x" not in page


def test_this_month_on_a_phone_fits_one_screen_and_opens_the_resolution(browser, month_server, artifacts: Path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(month_server) else None)
    page.goto(month_server, wait_until="networkidle")
    heading = page.locator("article h2", has_text="Tháng này")
    heading.scroll_into_view_if_needed()
    block = page.locator(".thang-nay")
    text = block.inner_text()
    assert "Nhiệm vụ tháng 11/2023" in text and "Cuộc họp tới" in text and "05/12/2023" in text
    assert monthyear.task(11, 1) in text and "<b>tổng kết</b>" in text
    top = heading.bounding_box()["y"]
    box = block.bounding_box()
    assert box["y"] + box["height"] - top <= PHONE["height"], "Tháng này does not fit one phone screen"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.evaluate("window.scrollTo(0, 0)")
    box = block.bounding_box()
    assert box["y"] + box["height"] <= 2 * PHONE["height"], "Tháng này is not near the top of the home page"
    heading.evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 60)")
    page.screenshot(path=str(artifacts / "thang-nay-phone.png"))
    block.get_by_role("link", name="Nghị quyết tháng 11/2023").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/nghi-quyet/2023-11-nghi-quyet/")
    assert page.get_by_text(monthyear.task(11, 1)).first.is_visible()
    assert external == []
    context.close()


def test_targets_page_reads_on_a_phone_and_prints(browser, month_server, artifacts: Path, tmp_path: Path):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(month_server + "sinh-hoat/chi-tieu-2023/", wait_until="networkidle")
    bar = page.locator(".ct-thanh")
    assert bar.bounding_box()["width"] <= PHONE["width"]
    wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length""")
    assert wide == 0
    page.screenshot(path=str(artifacts / "chi-tieu-phone.png"), full_page=True)
    calendar_page = context.new_page()
    calendar_page.goto(month_server + "sinh-hoat/lich-2023/", wait_until="networkidle")
    assert calendar_page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length""") == 0
    calendar_page.screenshot(path=str(artifacts / "lich-phone.png"), full_page=True)
    pdf = tmp_path / "chi-tieu.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Theo dõi chỉ tiêu năm 2023" in text and "Chưa báo cáo: 1" in text and "Đạt: 2" in text
    context.close()


def test_the_2022_plan_targets_page_says_not_yet_reported(tmp_path: Path):
    from bench.corpus import copy_project

    project = copy_project(tmp_path / "project", with_sources=True)
    saved = os.environ.get("CHIBO_PDF")
    os.environ["CHIBO_PDF"] = "0"
    try:
        result = run_build(project, tmp_path / "site")
    finally:
        if saved is None:
            os.environ.pop("CHIBO_PDF", None)
        else:
            os.environ["CHIBO_PDF"] = saved
    assert result.returncode == 0, result.stderr
    article = _article(tmp_path / "site", "sinh-hoat/chi-tieu-2022/index.html")
    rows = re.findall(r"<tr>(.*?)</tr>", article.split("<thead>", 1)[1], re.S)[1:]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    assert len(cells) == 18
    assert {_text(c[1]) for c in cells} == {"Chưa báo cáo"}  # the status, and no result invented
    assert "Chưa báo cáo: 18" in _text(article) and "Đạt: 0" in _text(article)
    assert "chưa có báo cáo cuối năm" in _text(article)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Chưa có nghị quyết hay thông báo kết luận tháng nào được đăng." in home
    assert "Cuộc họp tới:" in _text(home) and "chưa có lịch" in _text(home)
