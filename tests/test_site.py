"""The foundation: strict offline build, faithful plan page, no external resources."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import PLAN_PAGE, ROOT, SEED, run_build
from textutil import page_text, seed_sentences


def test_strict_build_passes_without_warnings(tmp_path: Path):
    result = run_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert (tmp_path / "site" / PLAN_PAGE).is_file()


def test_every_seed_sentence_is_in_the_plan_page_in_order(built_site: Path):
    text = page_text(built_site / PLAN_PAGE)
    sentences = seed_sentences(SEED)
    assert len(sentences) > 200
    position = 0
    missing = []
    for sentence in sentences:
        found = text.find(sentence, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    assert not missing, "Thiếu hoặc sai thứ tự %d câu, ví dụ: %r" % (len(missing), missing[:5])


@pytest.mark.parametrize(
    "mended",
    ["các hoạt động vui chơi", "đường lối chủ trương của Đảng, chính sách pháp luật",
     "theo chỉ đạo của Bộ GD&ĐT", "từng bộ phận rõ ràng, cụ thể", "nhiệm vụ của ngành đề ra"],
)
def test_page_break_splits_are_mended(built_site: Path, mended: str):
    assert mended in page_text(built_site / PLAN_PAGE)


def test_no_paragraph_starts_mid_sentence_and_no_stray_markers(built_site: Path):
    soup = BeautifulSoup((built_site / PLAN_PAGE).read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article.md-content__inner")
    for paragraph in body.find_all("p"):
        if paragraph.find_parent(class_=["vb-dau", "vb-cuoi"]):
            continue  # the official header's "*" is meant to be there
        text = paragraph.get_text().strip()
        assert not (text[:1].islower()), f"paragraph starts mid-sentence: {text[:60]!r}"
        assert "***" not in text and not text.startswith("*"), text[:60]


def test_plan_structure_headings_and_lists(built_site: Path):
    soup = BeautifulSoup((built_site / PLAN_PAGE).read_text(encoding="utf-8"), "html.parser")
    h2 = [h.get("id") for h in soup.select("article h2")]
    assert h2 == [
        "i-dac-diem-tinh-hinh",
        "ii-phuong-huong-nhiem-vu-chung",
        "iii-cac-nhiem-vu-cu-the",
        "iv-cac-giai-phap-thuc-hien",
        "v-to-chuc-thuc-hien",
    ]
    h4 = [h.get_text().strip("#").strip()[:3] for h in soup.select("article h4")]
    assert h4 == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"]
    # the "+" items are a nested list under their "-" item
    nested = soup.select("article li ul li")
    assert any("Tập thể lao động xuất sắc" in li.get_text() for li in nested)


def test_plan_attributes_unknown_number_and_date_stay_empty():
    import yaml

    text = (ROOT / "docs/ke-hoach/2022-ke-hoach-hoat-dong.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---", 2)[1])
    assert meta["so"] == "" and meta["ngay"] == ""
    assert meta["nguoi_ky"] == "Trần Thị Nghĩa Quỳnh"
    assert meta["tham_quyen"] == "T/M CẤP ỦY CHI BỘ"
    assert meta["loai"] == "ke-hoach" and meta["nam"] == 2022


# --- nothing is loaded from another host -------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
_RESOURCE_ATTRS = {
    "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src",
    "audio": "src", "video": "src", "embed": "src", "object": "data", "track": "src",
}


def _external(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme not in ("", "data")


def external_references(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.suffix == ".css":
            for match in _CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
                url = match.group(1) or match.group(2)
                if _external(url):
                    found.append(f"{path.relative_to(site)}: {url}")
        elif path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for tag, attr in _RESOURCE_ATTRS.items():
                for element in soup.find_all(tag):
                    url = element.get(attr)
                    if tag == "link" and not set(element.get("rel", [])) & {
                        "stylesheet", "preload", "icon", "modulepreload", "manifest", "preconnect", "dns-prefetch"
                    }:
                        continue
                    if url and _external(url):
                        found.append(f"{path.relative_to(site)}: <{tag}> {url}")
            for element in soup.find_all(style=True):
                for match in _CSS_URL.finditer(element["style"]):
                    if _external(match.group(1) or ""):
                        found.append(f"{path.relative_to(site)}: style {match.group(1)}")
    return found


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site: Path):
    assert external_references(built_site) == []


def test_external_reference_scanner_can_fail(tmp_path: Path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css?x">')
    (tmp_path / "b.css").write_text("@font-face{src:url(//cdn.example/x.woff2)}")
    assert len(external_references(tmp_path)) == 2


def test_fonts_are_self_hosted_and_cover_vietnamese(built_site: Path):
    css = (built_site / "assets/stylesheets/fonts.css").read_text(encoding="utf-8")
    assert "U+1EA0-1EF9" in css  # the Vietnamese precomposed letters block
    for url in re.findall(r"url\(([^)]+)\)", css):
        assert (built_site / "assets/stylesheets" / url).resolve().is_file(), url
    html = (built_site / PLAN_PAGE).read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_shipped_web_fonts_cover_every_letter_of_the_plan(built_site: Path):
    """The latin + vietnamese subsets together draw every character of the plan page."""
    from fontTools.ttLib import TTFont

    fonts = built_site / "assets/fonts/tinos"
    for style in ("400-normal", "700-normal", "400-italic", "700-italic"):
        covered: set[int] = set()
        for subset in ("latin", "vietnamese"):
            covered |= set(TTFont(fonts / f"tinos-{subset}-{style}.woff2").getBestCmap())
        text = page_text(built_site / PLAN_PAGE)
        missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in covered})
        assert missing == [], f"{style}: no glyph for {missing}"
    assert not list(fonts.glob("*latin-ext*")), "latin-ext overlaps Vietnamese and would load on every page"
