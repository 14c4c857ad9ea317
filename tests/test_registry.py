"""The registry of cited documents, the regulation pages and the generated lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from chibo.checking.citations import build_index
from chibo.document.config import load_types
from chibo.rendering.listing import cell_documents, full_index, recent
from chibo.document.model import parse
from chibo.document.registry import UNKNOWN, code_key, load_registry, parse_registry
from chibo.rendering.regulation_page import relative_link
from conftest import PLAN_PAGE, ROOT, copy_project, run_build

REQUIRED_PAGES = {
    "213-QĐ/TW": "quy-dinh/213-qd-tw.md",
    "47-QĐ/TW": "quy-dinh/47-qd-tw.md",
    "55-QĐ/TW": "quy-dinh/55-qd-tw.md",
    "37-QĐ/TW": "quy-dinh/37-qd-tw.md",
    "76-QĐ/TW": "quy-dinh/76-qd-tw.md",
}


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "data")


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


# --- the data ------------------------------------------------------------------------

def test_registry_reads_without_problems(registry):
    assert registry.problems == []
    for code, page in REQUIRED_PAGES.items():
        entry = registry.get(code)
        assert entry is not None and entry.page == page, code
        assert (ROOT / "docs" / page).is_file()
    for code in ("05-CT/TW", "04-NQ/TW", "06/2019/TT-BGDĐT", "Điều lệ Đảng"):
        assert registry.get(code) is not None, code


def test_registry_holds_the_reference_facts_and_leaves_unknowns_empty(registry):
    r213, r76, r47, r37, r55 = (registry.get(c) for c in ("213-QĐ/TW", "76-QĐ/TW", "47-QĐ/TW", "37-QĐ/TW", "55-QĐ/TW"))
    assert (r213.issuer, r213.term, r213.date, r213.signer) == ("Bộ Chính trị", "XII", "02/01/2020", "Trần Quốc Vượng")
    assert (r76.date, r76.signer, r76.replaced_by, r76.replaced_on) == ("15/06/2000", "", "213-QĐ/TW", "02/01/2020")
    assert (r47.date, r47.signer, r47.replaced_by, r47.replaced_on) == ("01/11/2011", "", "37-QĐ/TW", "25/10/2021")
    assert (r37.signer, r37.date, r37.status) == ("Nguyễn Phú Trọng", "25/10/2021", "con-hieu-luc")
    assert (r55.signer, r55.date) == ("Đinh Thế Huynh", "19/12/2016")
    assert registry.get("05-CT/TW").signer == "" and registry.get("06/2019/TT-BGDĐT").signer == ""
    assert registry.get("06/2019/TT-BGDĐT").status == ""  # validity not confirmed
    statute = registry.get("Điều lệ Đảng")
    assert (statute.code, statute.date, statute.signer, statute.issuer) == ("", "", "", "")
    assert registry.replaced(r213) == [r76] and registry.replaced(r37) == [r47]


@pytest.mark.parametrize("spelling", ["213-QĐ/TW", "213/QĐ-TW", "213-QD/TW", "213 - QĐ / TW", "0213-qđ/tw"])
def test_code_key_ignores_spelling(spelling):
    assert code_key(spelling) == "213-QD/TW"


def test_registry_mistakes_are_reported_with_their_line():
    source = """van_ban:
  - ma: 1-QĐ/TW
    tinh_trang: con-hieu-luc
  - ma: 2-QĐ/TW
    tinh_trang: het-hieu-luc
    thay_the_boi: 9-QĐ/TW
    ngay: 2020-01-02
  - ma: 1-QD/TW
  - ma: 3-QĐ/TW
    tinh_trang: hieu-luc
  - ma: 4-QĐ/TW
    thay_the_boi: 1-QĐ/TW
"""
    registry = parse_registry(source, "data/van-ban-dan-chieu.yml")
    got = sorted((p.line, p.code) for p in registry.problems)
    assert got == [(4, "DC004"), (4, "DC004"), (8, "DC004"), (9, "DC004"), (11, "DC004")]
    assert parse_registry("van_ban: [").problems[0].code == "DC004"


def test_broken_registry_fails_the_build(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    data = project / "data/van-ban-dan-chieu.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("thay_the_boi: 37-QĐ/TW", "thay_the_boi: 38-QĐ/TW"),
                    encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "DC004" in result.stderr and "38-QĐ/TW" in result.stderr


# --- regulation pages ------------------------------------------------------------------

def test_213_page_lists_the_two_plan_sections_that_cite_it(built_site: Path):
    page = _page(built_site, "quy-dinh/213-qd-tw/index.html")
    heading = page.find(id="duoc-dan-chieu-tai")
    assert heading is not None
    items = heading.find_next("ul").select("li a")
    assert [a.get_text() for a in items] == [
        "Kế hoạch hoạt động của Chi bộ năm 2022 — mục III.4.2",
        "Kế hoạch hoạt động của Chi bộ năm 2022 — mục III.4.6",
    ]
    plan = _page(built_site, PLAN_PAGE)
    for link, title_start in zip(items, ("4.2.", "4.6.")):
        path, anchor = link["href"].split("#")
        assert path == "../../ke-hoach/2022-ke-hoach-hoat-dong/"
        target = plan.find(id=anchor)
        assert target is not None, anchor
        assert target.get_text().strip().startswith(title_start)


def test_statute_backlinks_include_the_opening_lines(built_site: Path):
    page = _page(built_site, "quy-dinh/dieu-le-dang/index.html")
    texts = [a.get_text() for a in page.find(id="duoc-dan-chieu-tai").find_next("ul").select("li a")]
    assert texts == [f"Kế hoạch hoạt động của Chi bộ năm 2022 — {where}" for where in
                     ("phần mở đầu", "mục III.4.2", "mục III.4.3", "mục III.4.6", "mục IV.1")]


def _attributes(page: BeautifulSoup) -> dict[str, str]:
    block = page.select_one(".dc-thuoc-tinh dl")
    assert block is not None
    return {dt.get_text().strip(): " ".join(dt.find_next_sibling("dd").get_text().split())
            for dt in block.select("dt")}


def test_attribute_block_comes_from_the_registry(built_site: Path):
    attrs = _attributes(_page(built_site, "quy-dinh/213-qd-tw/index.html"))
    assert attrs["Số hiệu"] == "213-QĐ/TW"
    assert attrs["Loại văn bản"] == "Quy định"
    assert attrs["Cơ quan ban hành"] == "Bộ Chính trị (khóa XII)"
    assert attrs["Người ký"] == "Trần Quốc Vượng (T/M Bộ Chính trị)"
    assert attrs["Ngày ban hành"] == "02/01/2020"
    assert attrs["Tình trạng hiệu lực"] == "Còn hiệu lực"
    assert attrs["Thay thế"].startswith("Quy định 76-QĐ/TW")
    assert "213-QĐ/TW" not in (ROOT / "docs/quy-dinh/213-qd-tw.md").read_text(encoding="utf-8").split("---")[2]


def test_47_page_says_it_was_replaced_by_37(built_site: Path):
    page = _page(built_site, "quy-dinh/47-qd-tw/index.html")
    banner = page.select_one("article .admonition.warning")
    assert banner is not None
    text = " ".join(banner.get_text().split())
    assert "Văn bản đã hết hiệu lực" in text
    assert "Quy định 47-QĐ/TW đã được thay thế bởi Quy định 37-QĐ/TW từ ngày 25/10/2021" in text
    assert banner.select_one("a")["href"] == "../37-qd-tw/"
    attrs = _attributes(page)
    assert attrs["Tình trạng hiệu lực"] == "Hết hiệu lực — được thay thế bởi Quy định 37-QĐ/TW từ ngày 25/10/2021"
    assert attrs["Người ký"] == UNKNOWN


def test_76_page_says_it_was_replaced_by_213(built_site: Path):
    text = " ".join(_page(built_site, "quy-dinh/76-qd-tw/index.html").select_one(".admonition").get_text().split())
    assert "thay thế bởi Quy định 213-QĐ/TW từ ngày 02/01/2020" in text


def test_pages_in_force_have_no_banner_and_show_unknowns(built_site: Path):
    for path in ("quy-dinh/213-qd-tw/index.html", "quy-dinh/37-qd-tw/index.html", "quy-dinh/55-qd-tw/index.html"):
        assert _page(built_site, path).select_one("article .admonition.warning") is None, path
    attrs = _attributes(_page(built_site, "quy-dinh/06-2019-tt-bgddt/index.html"))
    assert attrs["Tình trạng hiệu lực"] == UNKNOWN and attrs["Người ký"] == UNKNOWN


def test_regulation_pages_have_no_cell_header(built_site: Path):
    page = _page(built_site, "quy-dinh/213-qd-tw/index.html")
    assert page.select_one(".vb-dau") is None and page.select_one(".vb-cuoi") is None
    assert page.select_one("article h1").get_text().strip() == "Quy định 213-QĐ/TW"


def test_regulation_pages_are_in_the_nav(built_site: Path):
    nav = _page(built_site, "quy-dinh/index.html").select_one("nav.md-nav--primary").get_text()
    for name in ("Quy định 213-QĐ/TW", "Quy định 47-QĐ/TW", "Quy định 55-QĐ/TW", "Quy định 37-QĐ/TW",
                 "Quy định 76-QĐ/TW", "Văn bản"):
        assert name in nav, name


# --- lists -----------------------------------------------------------------------------

def test_van_ban_page_lists_documents_and_regulations_with_status(built_site: Path):
    page = _page(built_site, "van-ban/index.html")
    rows = [" | ".join(td.get_text().strip() for td in tr.select("td")) for tr in page.select("article tr")]
    assert "Kế hoạch hoạt động của Chi bộ năm 2022 | 2022 | chưa rõ | chưa rõ" in rows
    assert "Quy định 47-QĐ/TW | Hết hiệu lực (thay bằng Quy định 37-QĐ/TW) | Quy định | 2011 | " \
           "Ban Chấp hành Trung ương (khóa XI)" in rows
    assert "Quy định 213-QĐ/TW | Còn hiệu lực | Quy định | 2020 | Bộ Chính trị (khóa XII)" in rows
    assert "Điều lệ Đảng | chưa rõ | Điều lệ | chưa rõ | chưa rõ" in rows


def test_home_page_lists_the_latest_documents(built_site: Path):
    page = _page(built_site, "index.html")
    heading = page.find(id="van-ban-moi")
    links = heading.find_next("ul").select("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Kế hoạch hoạt động của Chi bộ năm 2022", "ke-hoach/2022-ke-hoach-hoat-dong/")]
    assert "<!-- van-ban-moi -->" not in (built_site / "index.html").read_text(encoding="utf-8")


def _doc(meta: str, path: str):
    return parse(f"---\ntitle: {path}\n{meta}\n---\n", "docs/" + path)


def test_lists_are_newest_first_and_never_show_withheld_documents():
    types = load_types(ROOT / "data/loai-van-ban.yml")
    registry = load_registry(ROOT / "data")
    docs = {
        "ke-hoach/2021.md": _doc("loai: ke-hoach\nnam: 2021", "ke-hoach/2021.md"),
        "ke-hoach/2023.md": _doc("loai: ke-hoach\nnam: 2023", "ke-hoach/2023.md"),
        "nghi-quyet/2023-03.md": _doc("loai: nghi-quyet\nthang: 2023-03", "nghi-quyet/2023-03.md"),
        "nghi-quyet/2023-04.md": _doc("loai: nghi-quyet\nthang: 2023-04\nmat: true", "nghi-quyet/2023-04.md"),
        "bao-cao/2022.md": _doc("loai: bao-cao\nnam: 2022\nngay: 15/12/2022\nnhap: true", "bao-cao/2022.md"),
        "quy-dinh/213-qd-tw.md": _doc("loai: quy-dinh\nma: 213-QĐ/TW", "quy-dinh/213-qd-tw.md"),
    }
    index = build_index(docs, registry)
    assert [page for page, _ in cell_documents(index.documents, types)] == [
        "nghi-quyet/2023-03.md", "ke-hoach/2023.md", "ke-hoach/2021.md"]
    link = relative_link("index.md")
    home = recent(index.documents, types, link)
    assert home.splitlines()[0] == "- [nghi-quyet/2023-03.md](nghi-quyet/2023-03.md) — nghị quyết, tháng 3/2023"
    everything = full_index(docs, types, registry, link)
    assert "2023-04" not in everything and "bao-cao/2022" not in everything
    assert "nghi-quyet/2023-03.md" in everything
