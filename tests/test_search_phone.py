"""A member searches on a phone without diacritics, taps a result, lands on the article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from searchsite import build_fixture_site, serve

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory):
    site = build_fixture_site(tmp_path_factory.mktemp("search-phone"))
    with serve(site) as url:
        yield url


def test_phone_search_without_diacritics_lands_on_the_article(browser, fixture_url: str, artifacts: Path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    external: list[str] = []
    page.on("request", lambda request: external.append(request.url)
            if not request.url.startswith(fixture_url) and not request.url.startswith("data:") else None)
    page.goto(fixture_url, wait_until="networkidle")

    page.locator("header label[for='__search']").first.tap()
    query = page.locator("input.md-search__input")
    query.wait_for(state="visible")
    assert query.get_attribute("placeholder") == "Tìm kiếm"
    query.press_sequentially("noi cu tru", delay=40)

    first = page.locator(".md-search-result__list > li").first
    first.wait_for(state="visible", timeout=10_000)
    meta = page.locator(".md-search-result__meta").inner_text()
    assert meta.startswith("Tìm thấy") and "trang phù hợp" in meta, meta
    assert "213-QĐ/TW" in first.locator("h1").inner_text()
    # the original words are highlighted although the query had no diacritics
    assert first.locator("mark").filter(has_text="trú").count() > 0
    page.screenshot(path=str(artifacts / "search-phone-results.png"))

    section = first.locator("a.md-search-result__link[href*='#dieu-2']").first
    if not section.is_visible():  # Material folds lower-scored sections under "Thêm n mục"
        more = first.locator("details.md-search-result__more > summary")
        assert more.inner_text().startswith("Thêm ")
        more.tap()
    section.tap()
    page.wait_for_url(re.compile(r".*/quy-dinh/tk-213-qd-tw/[^#]*#dieu-2(-.*)?$"))
    anchor = page.url.split("#", 1)[1]
    heading = page.locator(f"[id='{anchor}']")
    assert heading.inner_text().startswith("Điều 2.")
    page.wait_for_function("""id => {
        const box = document.getElementById(id).getBoundingClientRect()
        return box.top >= 0 && box.bottom <= window.innerHeight
    }""", arg=anchor, timeout=5_000)
    marked = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert any("nơi cư trú" in m.lower() for m in marked), marked  # the query had no diacritics
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert top >= header - 1, f"heading hidden under the header ({top} < {header})"
    page.screenshot(path=str(artifacts / "search-phone-landed.png"))
    assert external == [], external
    context.close()


def test_phone_result_shows_validity_badge(browser, fixture_url: str, artifacts: Path):
    """A replaced regulation says so in the result itself, below the one in force."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(fixture_url, wait_until="networkidle")
    page.locator("header label[for='__search']").first.tap()
    query = page.locator("input.md-search__input")
    query.wait_for(state="visible")
    query.press_sequentially("nhung dieu dang vien khong duoc lam", delay=20)
    items = page.locator(".md-search-result__list > li")
    items.first.wait_for(state="visible", timeout=10_000)
    page.wait_for_function("""() => [...document.querySelectorAll('.md-search-result__list > li h1')]
        .some(h => h.textContent.includes('47-QĐ/TW'))""", timeout=10_000)
    titles = [t.strip() for t in items.locator("h1").all_inner_texts()]
    first = items.first
    assert "37-QĐ/TW" in titles[0], titles  # the regulation in force comes first
    assert first.locator(".md-tag", has_text="Còn hiệu lực").count() == 1
    old = items.filter(has=page.locator("h1", has_text="47-QĐ/TW")).first
    assert titles.index(next(t for t in titles if "47-QĐ/TW" in t)) > 0
    badges = [b.strip() for b in old.locator(".md-tag").all_inner_texts()]
    assert badges == ["Quy định", "Số 47-QĐ/TW", "Ngày 01/11/2011", "Đã hết hiệu lực"], badges
    expired = old.locator(".md-tag", has_text="Đã hết hiệu lực")
    assert "md-tag--het-hieu-luc" in expired.get_attribute("class")
    colours = expired.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours == ["rgb(183, 28, 28)", "rgb(255, 255, 255)"], colours
    old.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "search-phone-validity.png"))
    context.close()


def test_result_shows_a_title_with_markup_as_text(browser, fixture_url: str):
    """A front-matter title with HTML in it is shown as written, never run (fixture
    tk-xep-hang/tieu-de-html)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(fixture_url, wait_until="networkidle")
    page.locator("header label[for='__search']").first.tap()
    page.locator("input.md-search__input").press_sequentially("ghi chu luu y", delay=20)
    result = page.locator(".md-search-result__list > li").filter(has_text="Ghi chú").first
    result.wait_for(state="visible", timeout=10_000)
    assert '<img src=x onerror="window.__tieuDe=1"> & lưu ý' in result.locator("h1").inner_text()
    assert page.locator(".md-search-result__list img").count() == 0  # no element from the title
    context.close()
