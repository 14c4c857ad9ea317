"""Citation detection (core, pure) and the links it produces in the built site."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from chibo.checking.tree import check_tree, default_extra_checks
from chibo.checking.citations import Detector, build_index, check_citations, scan
from chibo.rendering.mdx_citations import CitationExtension, Link
from chibo.document.model import parse
from chibo.document.registry import load_registry
from chibo.document.text import slugify
from conftest import PLAN_PAGE, ROOT, SEED, copy_project, run_build

PLAN_SRC = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"


@pytest.fixture(scope="module")
def registry():
    loaded = load_registry(ROOT / "data")
    assert loaded.problems == []
    return loaded


@pytest.fixture(scope="module")
def detector(registry):
    return Detector(registry)


# --- the detector over a table of spellings ------------------------------------------

MATCHES = [
    # text, linked words, registry key, article
    ("Quy định số 213-QĐ/TW (ngày 02/01/2020) về trách nhiệm", "Quy định số 213-QĐ/TW", "213-QD/TW", None),
    ("theo Quy định số 213-QĐ/TW ngày 2/1/2020 về", "Quy định số 213-QĐ/TW", "213-QD/TW", None),
    ("quy định số 55-QĐ/TW ngày 19 tháng 12 năm 2016 quy định", "quy định số 55-QĐ/TW", "55-QD/TW", None),
    ("thay thế Quy định số 76-QĐ/TW ngày 15/6/2000", "Quy định số 76-QĐ/TW", "76-QD/TW", None),
    ("Thực hiện tốt Quy định số 47-QĐ/TW ngày 01/11/2011", "Quy định số 47-QĐ/TW", "47-QD/TW", None),
    ("và Chi thị số 05-CT/TW của Bộ Chính trị", "Chi thị số 05-CT/TW", "5-CT/TW", None),
    ("và Chỉ thị 05-CT/TW", "Chỉ thị 05-CT/TW", "5-CT/TW", None),
    ("gắn với Nghị quyết Hội nghị Trung ương 4 khóa XII về", "Nghị quyết Hội nghị Trung ương 4 khóa XII",
     "4-NQ/TW", None),
    ("thực hiện Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Trung ương 4 khóa XII", "4-NQ/TW", None),
    ("Nghị quyết số 04-NQ/TW", "Nghị quyết số 04-NQ/TW", "4-NQ/TW", None),
    ("theo Thông tư số 06/2019/TT-BGDĐT ngày 12/4/2019", "Thông tư số 06/2019/TT-BGDĐT", "6/2019/TT-BGDDT", None),
    ("đúng quy định của Điều lệ Đảng.", "Điều lệ Đảng", "ten:dieu-le-dang", None),
    ("Căn cứ điều lệ Đảng cộng sản Việt Nam;", "điều lệ Đảng cộng sản Việt Nam", "ten:dieu-le-dang", None),
    ("Theo QĐ 213, đảng viên", "QĐ 213", "213-QD/TW", None),
    ("Quy định 213-QĐ/TW", "Quy định 213-QĐ/TW", "213-QD/TW", None),
    ("213-QĐ/TW", "213-QĐ/TW", "213-QD/TW", None),
    ("theo 213/QĐ-TW", "213/QĐ-TW", "213-QD/TW", None),
    ("vi phạm Điều 2 Quy định 47-QĐ/TW", "Điều 2 Quy định 47-QĐ/TW", "47-QD/TW", 2),
    ("Điều 4 của Quy định số 213-QĐ/TW", "Điều 4 của Quy định số 213-QĐ/TW", "213-QD/TW", 4),
    ("Quy định số\n213-QĐ/TW", "Quy định số\n213-QĐ/TW", "213-QD/TW", None),
    ("QUY ĐỊNH SỐ 37-QĐ/TW", "QUY ĐỊNH SỐ 37-QĐ/TW", "37-QD/TW", None),
    # pasted from Word / old encodings: non-breaking space, "Ð" (U+00D0) for "Đ"
    ("theo Quy\u00a0định số\u00a0213-QĐ/TW", "Quy\u00a0định số\u00a0213-QĐ/TW", "213-QD/TW", None),
    ("theo Quy định số 213-Q\u00d0/TW", "Quy định số 213-Q\u00d0/TW", "213-QD/TW", None),
    # spellings of real cell documents
    ("theo Nghị quyết TW4 khóa XII về", "Nghị quyết TW4 khóa XII", "4-NQ/TW", None),
    ("thực hiện NQ TW4 và", "NQ TW4", "4-NQ/TW", None),
    ("học tập NQTW4,", "NQTW4", "4-NQ/TW", None),
    ("Nghị quyết Trung ương 4 (khóa XII) về", "Nghị quyết Trung ương 4 (khóa XII)", "4-NQ/TW", None),
    ("thực hiện Quy định 213 về", "Quy định 213", "213-QD/TW", None),
    ("theo QĐ số 37 về", "QĐ số 37", "37-QD/TW", None),
    ("Kết luận 01-KL/TW của Bộ Chính trị", "Kết luận 01-KL/TW", "1-KL/TW", None),
]


def test_dates_written_with_dashes_are_read():
    found = Detector(load_registry()).find("Quy định số 47-QĐ/TW ngày 01-11-2011 của")
    assert found[0].date == "01/11/2011"


@pytest.mark.parametrize("text, linked, key, article", MATCHES)
def test_detector_finds_each_spelling(detector, text, linked, key, article):
    found = detector.find(text)
    assert [(c.text, c.key, c.article) for c in found] == [(linked, key, article)]
    assert found[0].entry is not None
    assert text[found[0].start:found[0].end] == linked


UNKNOWN = [
    ("Thực hiện tốt Quy định 19/QĐ-TW của Bộ Chính trị", "Quy định 19/QĐ-TW", "19-QD/TW"),
    ("Kết luận 31-KL/TW", "Kết luận 31-KL/TW", "31-KL/TW"),
    ("Quyết định số 99-QĐ/TW", "Quyết định số 99-QĐ/TW", "99-QD/TW"),
]


@pytest.mark.parametrize("text, linked, key", UNKNOWN)
def test_unknown_party_numbers_are_found_but_not_resolved(detector, text, linked, key):
    found = detector.find(text)
    assert [(c.text, c.key, c.entry) for c in found] == [(linked, key, None)]


NO_MATCH = [
    "Chi bộ có 213 đảng viên và 47 quần chúng.",
    "năm 2016 có 55 cháu",
    "Quyết định số 1234/QĐ-UBND ngày 01/02/2020 của Ủy ban nhân dân phường",
    "Quyết định 213/QĐ-UBND",
    "Thông tư số 22/2019/TT-BGDĐT",  # a state document not in the registry
    "Công đoàn trường, Đoàn thanh niên nhà trường hoạt động đúng Điều lệ quy định và phạm vi",
    "Hội cha mẹ học sinh hoạt động đúng Điều lệ, đúng quy định nhằm",
    "theo Điều lệ Công đoàn Việt Nam",
    "Điều lệ Đoàn",
    "thực hiện tốt Quy chế, Quy định của Bộ GD-ĐT",
    "theo quy định 3 tháng một lần",
    "Quy định này thay thế",
    "QĐ 999",  # short forms only for documents in the registry
    "Điều 2. Trách nhiệm của đảng viên",
    "mã 213-QĐ/TWX",
    "x213-QĐ/TW",
]


@pytest.mark.parametrize("text", NO_MATCH)
def test_detector_leaves_these_alone(detector, text):
    assert detector.find(text) == []


def test_detector_reads_the_date_and_the_replacement_context(detector):
    [c55] = detector.find("quy định số 55-QĐ/TW ngày 19 tháng 12 năm 2016")
    assert c55.date == "19/12/2016"
    [c213] = detector.find("Quy định số 213-QĐ/TW (ngày 02/01/2020)")
    assert c213.date == "02/01/2020" and not c213.mentions_replacement
    [c76] = detector.find("Quy định này thay thế Quy định số 76-QĐ/TW ngày 15/6/2000")
    assert c76.mentions_replacement and c76.date == "15/06/2000"


def test_slugify_gives_article_headings_a_stable_id():
    assert slugify("Điều 2. Trách nhiệm của đảng viên") == "dieu-2"
    assert slugify("ĐIỀU 12: Hiệu lực thi hành") == "dieu-12"
    assert slugify("Điều 3") == "dieu-3"
    assert slugify("Điều lệ Đảng") == "dieu-le-dang"
    assert slugify("Điều 2 Quy định 47") == "dieu-2-quy-dinh-47"  # not an article heading


# --- every citation of the 2022 plan --------------------------------------------------

# (words in the seed text, page the link must go to); from /work/shared/seed/...
PLAN_CITATIONS = [
    ("điều lệ Đảng cộng sản Việt Nam", "quy-dinh/dieu-le-dang/"),
    ("quy định số 55-QĐ/TW", "quy-dinh/55-qd-tw/"),
    ("Điều lệ Đảng", "quy-dinh/dieu-le-dang/"),
    ("Quy định số 213-QĐ/TW", "quy-dinh/213-qd-tw/"),
    ("Quy định số 76-QĐ/TW", "quy-dinh/76-qd-tw/"),
    ("Nghị quyết Hội nghị Trung ương 4 khóa XII", "quy-dinh/04-nq-tw/"),
    ("Chi thị số 05-CT/TW", "quy-dinh/05-ct-tw/"),
    ("Điều lệ Đảng", "quy-dinh/dieu-le-dang/"),
    ("Thông tư số 06/2019/TT-BGDĐT", "quy-dinh/06-2019-tt-bgddt/"),
    ("Điều lệ Đảng", "quy-dinh/dieu-le-dang/"),
    ("Quy định số 47-QĐ/TW", "quy-dinh/47-qd-tw/"),
    ("Quy định số 213-QĐ/TW", "quy-dinh/213-qd-tw/"),
    ("Điều lệ Đảng", "quy-dinh/dieu-le-dang/"),
]


def test_the_seed_really_contains_these_citations():
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    position = 0
    for words, _ in PLAN_CITATIONS:
        found = seed.find(words, position)
        assert found >= 0, words
        position = found + len(words)
    assert "Quy định 19/QĐ-TW" in seed


def _plan_soup(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / PLAN_PAGE).read_text(encoding="utf-8"), "html.parser")


def _resolve(site: Path, href: str) -> str:
    """Site-relative target of a link on the plan page."""
    from posixpath import normpath

    return normpath("ke-hoach/2022-ke-hoach-hoat-dong/" + href).rstrip("/") + "/"


def test_every_plan_citation_is_the_right_link(built_site: Path):
    links = _plan_soup(built_site).select("article a.dan-chieu")
    got = [(" ".join(a.get_text().split()), _resolve(built_site, a["href"])) for a in links]
    assert got == PLAN_CITATIONS
    for _, target in got:
        assert (built_site / target / "index.html").is_file(), target


def test_unknown_citation_is_not_a_link(built_site: Path):
    soup = _plan_soup(built_site)
    assert not [a for a in soup.select("article a") if "19/QĐ-TW" in a.get_text()]
    assert "Quy định 19/QĐ-TW của Bộ Chính trị" in soup.select_one("article").get_text()


def test_citation_of_a_superseded_regulation_has_a_notice(built_site: Path):
    soup = _plan_soup(built_site)
    [old] = [a for a in soup.select("article a.dan-chieu") if "47-QĐ/TW" in a.get_text()]
    assert "dan-chieu--het-hieu-luc" in old["class"]
    notice = old.find_next_sibling("a")
    assert notice is not None and "dan-chieu-luu-y" in notice["class"]
    assert _resolve(built_site, notice["href"]) == "quy-dinh/37-qd-tw/"
    assert "37-QĐ/TW" in notice["aria-label"] and "25/10/2021" in notice["aria-label"]
    assert notice.get_text() == ""  # the words come from CSS; the sentence is unchanged
    # "Quy định này thay thế Quy định số 76-QĐ/TW" states the replacement: no notice
    [mention] = [a for a in soup.select("article a.dan-chieu") if "76-QĐ/TW" in a.get_text()]
    assert "dan-chieu--het-hieu-luc" not in mention["class"]
    assert len(soup.select("article a.dan-chieu-luu-y")) == 1


def test_non_party_statutes_are_not_linked(built_site: Path):
    soup = _plan_soup(built_site)
    for paragraph in soup.select("article li"):
        text = paragraph.get_text()
        if "Điều lệ quy định" in text or "hoạt động đúng Điều lệ, đúng quy định" in text:
            assert not paragraph.select("a.dan-chieu"), text[:80]


def test_source_file_is_not_modified(built_site: Path):
    source = (ROOT / PLAN_SRC).read_text(encoding="utf-8")
    assert "](" not in source.split("---", 2)[2]


# --- warnings --------------------------------------------------------------------------

def _plan_doc():
    return parse((ROOT / PLAN_SRC).read_text(encoding="utf-8"), PLAN_SRC)


def test_plan_warnings_with_file_and_line(registry):
    problems = check_citations(_plan_doc(), registry)
    got = [(p.code, p.line, p.severity.value) for p in problems]
    assert got == [("DC002", 216, "warning"), ("DC001", 246, "warning")]
    lines = (ROOT / PLAN_SRC).read_text(encoding="utf-8").split("\n")
    assert "47-QĐ/TW" in lines[216 - 1] and "19/QĐ-TW" in lines[246 - 1]
    assert "37-QĐ/TW" in problems[0].message


def test_reviewed_citations_can_be_silenced(registry):
    text = (ROOT / PLAN_SRC).read_text(encoding="utf-8")
    text = text.replace("\nloai: ke-hoach\n", "\nloai: ke-hoach\nbo_qua_dan_chieu:\n  - 19/QĐ-TW\n  - 47-QĐ/TW\n", 1)
    doc = parse(text, PLAN_SRC)
    assert doc.meta["bo_qua_dan_chieu"] == ["19/QĐ-TW", "47-QĐ/TW"]
    assert check_citations(doc, registry) == []


def test_wrong_date_and_unknown_regulation_page_are_reported(registry):
    doc = parse("---\ntitle: x\nloai: ke-hoach\n---\n\nTheo Quy định số 213-QĐ/TW ngày 03/01/2020.\n", "a.md")
    assert [(p.code, p.line) for p in check_citations(doc, registry)] == [("DC003", 6)]
    page = parse("---\ntitle: x\nloai: quy-dinh\nma: 999-QĐ/TW\n---\n", "docs/quy-dinh/999.md")
    assert [(p.code, p.line, p.severity.value) for p in check_citations(page, registry)] == [("DC005", 4, "error")]


def test_code_spans_links_and_fences_are_not_citations(registry, detector):
    text = ("---\ntitle: x\nloai: ke-hoach\n---\n\nViết `Quy định 19/QĐ-TW` như vậy; "
            "[Quy định 47-QĐ/TW](../quy-dinh/47-qd-tw.md).\n\n```\nQuy định 19/QĐ-TW\n```\n")
    doc = parse(text, "a.md")
    assert scan(doc, detector) == []
    assert check_citations(doc, registry) == []


def test_check_tree_runs_the_citation_check(tmp_path: Path):
    report = check_tree(ROOT / "docs", display_root=ROOT, extra_checks=default_extra_checks(ROOT / "data"))
    assert [(p.path, p.line, p.code) for p in report.warnings if p.code.startswith("DC")] == [
        (PLAN_SRC, 216, "DC002"), (PLAN_SRC, 246, "DC001")]
    assert report.errors == []


def test_build_output_warns_about_the_superseded_citation_without_failing(tmp_path: Path):
    result = run_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    log = result.stderr
    assert re.search(rf"(?m)^{re.escape(PLAN_SRC)}:216: DC002 cảnh báo: .*47-QĐ/TW.*37-QĐ/TW", log), log
    assert re.search(rf"(?m)^{re.escape(PLAN_SRC)}:246: DC001 cảnh báo: .*19/QĐ-TW", log), log


# --- the Markdown extension ---------------------------------------------------------

def _render(text: str, registry) -> str:
    def resolve(citation):
        if citation.entry is None:
            return None
        notice = "../37.md" if citation.entry.superseded else ""
        return Link(href=f"{citation.key}.md", notice_href=notice, notice_label="Lưu ý" if notice else "")

    return markdown.markdown(text, extensions=[CitationExtension(Detector(registry), resolve)])


def test_extension_links_text_but_not_code_or_existing_links(registry):
    html = _render("Theo QĐ 213 và `QĐ 213`, xem [Quy định 213-QĐ/TW](x.md); "
                   "Quy định 19/QĐ-TW; *Điều lệ Đảng*.", registry)
    soup = BeautifulSoup(html, "html.parser")
    assert [(a.get_text(), a["href"]) for a in soup.select("a")] == [
        ("QĐ 213", "213-QD/TW.md"), ("Quy định 213-QĐ/TW", "x.md"), ("Điều lệ Đảng", "ten:dieu-le-dang.md")]
    assert soup.select_one("code").get_text() == "QĐ 213"
    assert soup.select_one("em a") is not None


def test_extension_adds_the_notice_after_a_superseded_citation(registry):
    soup = BeautifulSoup(_render("Thực hiện Quy định số 47-QĐ/TW ngày 01/11/2011.", registry), "html.parser")
    first, notice = soup.select("a")
    assert first.get_text() == "Quy định số 47-QĐ/TW" and notice["href"] == "../37.md"
    assert soup.get_text() == "Thực hiện Quy định số 47-QĐ/TW ngày 01/11/2011."


# --- the index of a whole site, with an article anchor and a withheld document ---------

def test_backlinks_skip_withheld_documents(registry):
    cite = "\n## I. Mục\n\nTheo Quy định số 213-QĐ/TW.\n"
    docs = {
        "ke-hoach/a.md": parse(f"---\ntitle: A\nloai: ke-hoach\n---\n{cite}", "docs/ke-hoach/a.md"),
        "ke-hoach/nhap.md": parse(f"---\ntitle: Nháp\nloai: ke-hoach\nnhap: true\n---\n{cite}", "x"),
        "ke-hoach/mat.md": parse(f"---\ntitle: Mật\nloai: ke-hoach\nmat: true\n---\n{cite}", "y"),
    }
    index = build_index(docs, registry, ["ke-hoach", "quy-dinh"])
    backlinks = index.backlinks(registry.get("213-QĐ/TW"))
    assert [(b.page, b.anchor, b.where) for b in backlinks] == [("ke-hoach/a.md", "i-muc", "mục I")]
    assert set(index.documents) == {"ke-hoach/a.md"}


def test_article_citation_links_to_the_pasted_article(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/quy-dinh/47-qd-tw.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Điều 1. Thử\n\nNội dung.\n\n"
                    "## Điều 2. Tên điều thứ hai\n\nNội dung.\n", encoding="utf-8")
    plan = project / PLAN_SRC
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("Xây dựng gia đình đạt gia đình văn hóa ở địa phương.",
                                 "Xây dựng gia đình đạt gia đình văn hóa ở địa phương. Xem Điều 2 Quy định "
                                 "47-QĐ/TW và Điều 5 Quy định 47-QĐ/TW.", 1), encoding="utf-8")
    # a backlink to the second of two same-named headings needs the toc's "_1" suffix
    page37 = project / "docs/quy-dinh/37-qd-tw.md"
    page37.write_text(page37.read_text(encoding="utf-8") + "\n## Điều 1. Một\n\n### Ghi chú\n\nKhông.\n\n"
                      "## Điều 2. Hai\n\n### Ghi chú\n\nXem Quy định số 213-QĐ/TW.\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    p213 = BeautifulSoup((tmp_path / "site/quy-dinh/213-qd-tw/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    [back] = [a for a in p213.select("#duoc-dan-chieu-tai ~ ul a") if "Quy định 37-QĐ/TW" in a.get_text()]
    assert back["href"] == "../37-qd-tw/#ghi-chu_1"
    built37 = BeautifulSoup((tmp_path / "site/quy-dinh/37-qd-tw/index.html").read_text(encoding="utf-8"),
                            "html.parser")
    assert "Xem Quy định số 213-QĐ/TW" in built37.find(id="ghi-chu_1").find_next("p").get_text()
    soup = _plan_soup(tmp_path / "site")
    hrefs = {a.get_text(): a["href"] for a in soup.select("article a.dan-chieu")}
    assert hrefs["Điều 2 Quy định 47-QĐ/TW"] == "../../quy-dinh/47-qd-tw/#dieu-2"
    assert hrefs["Điều 5 Quy định 47-QĐ/TW"] == "../../quy-dinh/47-qd-tw/"  # not pasted yet
    target = BeautifulSoup((tmp_path / "site/quy-dinh/47-qd-tw/index.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert target.find(id="dieu-2") is not None
    assert "Kế hoạch hoạt động của Chi bộ năm 2022 — mục III.4.6 (Điều 2, Điều 5)" in target.get_text()


def test_make_check_prints_the_citation_warnings(capsys, monkeypatch):
    from chibo.commands.check import main

    monkeypatch.chdir(ROOT)
    assert main(["docs"]) == 0
    out = capsys.readouterr().out
    assert f"{PLAN_SRC}:216: DC002 cảnh báo:" in out and f"{PLAN_SRC}:246: DC001 cảnh báo:" in out


@pytest.mark.parametrize("when, warned", [
    ("nam: 2022", True),            # the 2022 plan: 47 was replaced in October 2021
    ("nam: 2021", False),           # a 2021 plan was written before the replacement
    ("thang: 2021-11", True),
    ("thang: 2021-10", False),
    ("ngay: 25/10/2021", True),
    ("ngay: 24/10/2021", False),
    ("title: x", True),             # undated: warned
])
def test_superseded_warning_depends_on_when_the_document_was_written(registry, when, warned):
    doc = parse(f"---\nloai: ke-hoach\n{when}\n---\n\nThực hiện Quy định số 47-QĐ/TW.\n", "a.md")
    assert [p.code for p in check_citations(doc, registry)] == (["DC002"] if warned else [])


def test_citation_link_targets(registry, detector):
    from chibo.rendering.mdx_citations import citation_link

    page = "ke-hoach/2022.md"
    doc47 = parse("---\nloai: quy-dinh\nma: 47-QĐ/TW\n---\n\n## Điều 2. Hai\n", "docs/quy-dinh/47-qd-tw.md")
    index = build_index({"quy-dinh/47-qd-tw.md": doc47}, registry)

    def link(text, current=page):
        [citation] = detector.find(text)
        return citation_link(citation, current, index)

    assert link("Quy định số 213-QĐ/TW").href == "../quy-dinh/213-qd-tw.md"
    assert link("Điều 2 Quy định 47-QĐ/TW").href == "../quy-dinh/47-qd-tw.md#dieu-2"
    third = link("Điều 3 Quy định 47-QĐ/TW")
    assert third.href == "../quy-dinh/47-qd-tw.md" and "Điều 3 chưa có trên trang" in third.title
    old = link("Quy định số 47-QĐ/TW")
    assert old.notice_href == "../quy-dinh/37-qd-tw.md" and "37-QĐ/TW (25/10/2021)" in old.notice_label
    assert link("thay thế Quy định số 76-QĐ/TW").notice_href == ""
    assert link("Quy định số 213-QĐ/TW", current="quy-dinh/213-qd-tw.md") is None  # itself
    assert link("Quy định 19/QĐ-TW") is None
    assert link("Điều lệ Đảng", current="index.md").href == "quy-dinh/dieu-le-dang.md"
