"""PDFs: each document in the Party's official layout, and the books merged from them.

One temporary copy of the project with two generated years of documents (bench.corpus),
a third year's plan and its own PDF cache is built three times for the whole module: cold,
unchanged, and after editing one document.
"""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bench.corpus import generate
from conftest import build_env, copy_project

PLAN_SRC = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
PLAN_PDF = "ke-hoach/2022-ke-hoach-hoat-dong/2022-ke-hoach-hoat-dong.pdf"
SECOND_SRC = "docs/ke-hoach/2023-ke-hoach-hoat-dong.md"
SECOND_PDF = "ke-hoach/2023-ke-hoach-hoat-dong/2023-ke-hoach-hoat-dong.pdf"
BOOK_PDF = "pdf/van-ban-chi-bo.pdf"
YEARS = (2021, 2022, 2023)  # two generated years; the real 2022 plan; the 2023 plan added here
COUNTS = re.compile(r"PDF văn bản: đã tạo (\d+) tệp, lấy lại (\d+) tệp từ bộ nhớ đệm")
BOOK_COUNTS = re.compile(r"PDF toàn bộ văn bản và (\d+) tập theo năm: đã ghép (\d+) tệp, lấy lại (\d+) tệp")
NOTHING_DONE = "PDF: không có văn bản nào thay đổi, không dựng lại tệp PDF nào."
def pdf_build(project: Path, site: Path, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = build_env() | {"CHIBO_PDF": "1", "CHIBO_PDF_CACHE": str(cache)} | env
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env=environment, capture_output=True, text=True, timeout=900,
    )


def counts(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    match = COUNTS.search(result.stderr)
    assert match, result.stderr
    return int(match.group(1)), int(match.group(2))


def add_second_plan(project: Path) -> None:
    """A second document (the 2022 plan re-dated 2023) so cache and order are meaningful."""
    text = (project / PLAN_SRC).read_text(encoding="utf-8")
    text = text.replace("title: Kế hoạch hoạt động của Chi bộ năm 2022",
                        "title: Kế hoạch hoạt động của Chi bộ năm 2023", 1)
    text = text.replace("nam: 2022", "nam: 2023", 1)
    (project / SECOND_SRC).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    nav_line = "      - Kế hoạch hoạt động năm 2022: ke-hoach/2022-ke-hoach-hoat-dong.md\n"
    yml = config.read_text(encoding="utf-8")
    assert nav_line in yml
    config.write_text(yml.replace(
        nav_line, nav_line + "      - Kế hoạch hoạt động năm 2023: ke-hoach/2023-ke-hoach-hoat-dong.md\n"),
        encoding="utf-8")


@dataclass
class Builds:
    project: Path
    site: Path
    cold: subprocess.CompletedProcess[str]
    warm: subprocess.CompletedProcess[str]
    edited: subprocess.CompletedProcess[str]
    warm_site: Path
    edited_site: Path


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    base = tmp_path_factory.mktemp("pdf")
    generate(base / "project", years=2, first_year=YEARS[0])
    project = base / "project"
    add_second_plan(project)
    cache = base / "cache"
    cold = pdf_build(project, base / "site-cold", cache)
    assert cold.returncode == 0, cold.stderr
    warm = pdf_build(project, base / "site-warm", cache)
    assert warm.returncode == 0, warm.stderr
    plan = project / SECOND_SRC
    plan.write_text(plan.read_text(encoding="utf-8") + "\nBổ sung một câu để thử bộ nhớ đệm.\n",
                    encoding="utf-8")
    edited = pdf_build(project, base / "site-edited", cache)
    assert edited.returncode == 0, edited.stderr
    return Builds(project, base / "site-cold", cold, warm, edited,
                  base / "site-warm", base / "site-edited")


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def nav_documents(project: Path) -> list[tuple[str, str, str]]:
    """(section, nav label, Markdown path) of the document pages, in nav order."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    nav = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["nav"]
    found: list[tuple[str, str, str]] = []

    def walk(items, section):
        for item in items:
            if isinstance(item, dict):
                for label, value in item.items():
                    if isinstance(value, list):
                        walk(value, section or label)
                    elif isinstance(value, str) and _is_document(project / "docs" / value):
                        found.append((section, label, value))

    walk(nav, None)
    return found


def nav_titles(project: Path) -> list[str]:
    """Titles of the document pages, in nav order (nav label, as the site shows them)."""
    return [label for _, label, _ in nav_documents(project)]


def _is_document(path: Path) -> bool:
    if not path.is_file():  # a page generated at build time (e.g. the "Mẫu …" guides)
        return False
    text = path.read_text(encoding="utf-8")
    return text.startswith("---") and re.search(r"^loai:\s*\S", text.split("---", 2)[1], re.M) is not None


def document_pdf(site: Path, markdown: str) -> Path:
    """The PDF next to a document's page (directory URLs)."""
    path = Path(markdown)
    return site / path.parent / path.stem / f"{path.stem}.pdf"


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def page_text(pdf: Path, page: int) -> str:
    return pdftotext(pdf, "-f", str(page), "-l", str(page))


def document_year_of(project: Path, markdown: str) -> int | None:
    from chibo.document.model import load_file
    from chibo.rendering.book import document_year

    return document_year(load_file(project / "docs" / markdown, markdown).meta)


def front_pages(pdf: Path) -> int:
    """Cover and contents: the pages before the one stamped "Trang 1 / N"."""
    for page in range(1, pages_of(pdf) + 1):
        if re.search(r"Trang 1 / \d+", page_text(pdf, page)):
            return page - 1
    raise AssertionError("no page is numbered 1")


def contents_numbers(pdf: Path, titles: list[str], front: int) -> list[int]:
    """The page number the contents give each title, read in order from the contents pages."""
    text = pdftotext(pdf, "-f", "2", "-l", str(front))
    numbers, position = [], 0
    for title in titles:
        found = re.compile(re.escape(title) + r"[\s.]*?(\d+)\s*$", re.M).search(text, position)
        assert found, (title, text[position:position + 300])
        numbers.append(int(found.group(1)))
        position = found.end()
    return numbers


# --- the books ----------------------------------------------------------------------------


def _check_book(builds: Builds, book: Path, documents: list[tuple[str, str, str]]) -> None:
    """Every page of every document, in order, where the contents say, numbered and bookmarked."""
    front = front_pages(book)
    assert front >= 2  # cover, then "Mục lục"
    sizes = [pages_of(document_pdf(builds.site, path)) for _, _, path in documents]
    assert pages_of(book) == front + sum(sizes)  # every page, nothing else
    titles = [label for _, label, _ in documents]
    numbers = contents_numbers(book, titles, front)
    expected = [1 + sum(sizes[:i]) for i in range(len(sizes))]
    assert numbers == expected
    total = sum(sizes)
    # the page the contents name is the document's first page, stamped with that number
    for (_, title, path), number in zip(documents, numbers):
        printed = page_text(book, front + number)
        assert f"Trang {number} / {total}" in printed, (title, number)
        own = page_text(document_pdf(builds.site, path), 1).split()
        assert printed.split()[:len(own)] == own, (title, number)
    # bookmarks: each document under its section, pointing at its first page
    outline = subprocess.run(["pdftohtml", "-stdout", "-xml", "-i", "-q", "-f", "1", "-l", "1", str(book)],
                             capture_output=True, text=True, check=True).stdout
    marks = {html.unescape(title): int(page) for page, title in
             re.findall(r'<item page="(\d+)">([^<]*)</item>', outline)}
    assert marks.get("Mục lục") == 2
    for (section, title, _), number in zip(documents, numbers):
        assert marks.get(title) == front + number, title
        assert section in marks
    # page labels: i, ii … for cover and contents, then the printed numbers
    import pikepdf

    with pikepdf.open(book) as pdf:
        assert [pdf.pages[i].label for i in range(front)] == [_roman(i + 1) for i in range(front)]
        assert pdf.pages[front].label == "1" and pdf.pages[len(pdf.pages) - 1].label == str(total)


def _roman(number: int) -> str:
    from chibo.document.numbering import int_to_roman

    return int_to_roman(number).lower()


def test_whole_book_has_every_page_contents_numbers_and_bookmarks(builds: Builds):
    documents = nav_documents(builds.project)
    assert {"Kế hoạch hoạt động năm 2022", "Kế hoạch hoạt động năm 2023"} <= {t for _, t, _ in documents}
    assert len(documents) > 30  # two generated years, the real plan, the regulations
    # every document page of the site has its PDF, and each of them is in the nav
    document_pdfs = [p for p in builds.site.rglob("*.pdf") if p.parent.name == p.stem]
    assert len(document_pdfs) == len(documents)
    _check_book(builds, builds.site / BOOK_PDF, documents)


@pytest.mark.parametrize("year", YEARS)
def test_each_year_has_its_own_volume(builds: Builds, year: int):
    documents = [d for d in nav_documents(builds.project) if document_year_of(builds.project, d[2]) == year]
    assert documents
    volume = builds.site / "pdf" / f"van-ban-nam-{year}.pdf"
    _check_book(builds, volume, documents)
    cover = page_text(volume, 1)
    assert f"VĂN BẢN NĂM {year}" in cover and f"Năm {year}" in cover
    others = {doc[1] for doc in nav_documents(builds.project) if doc not in documents}
    contents = pdftotext(volume, "-f", "2", "-l", str(front_pages(volume)))
    assert not [t for t in others if t in contents]


def test_book_has_vietnamese_cover_contents_bookmarks_and_page_numbers(builds: Builds):
    book = builds.site / BOOK_PDF
    first = pdftotext(book, "-f", "1", "-l", "1")
    assert "CHI BỘ TRƯỜNG MẦM NON HOA MAI" in first
    assert "ĐẢNG BỘ PHƯỜNG THẠCH BÀN" in first
    assert "VĂN BẢN CỦA CHI BỘ" in first
    assert f"Năm {YEARS[0]} – {YEARS[-1]}" in first
    text = pdftotext(book)
    assert "Mục lục" in text
    assert re.search(r"Trang 2 / \d+", text)
    for leftover in ("None", "Table of contents", "Page ", "undefined", "chibo-trang"):
        assert leftover not in text, leftover
    info = subprocess.run(["pdfinfo", str(book)], capture_output=True, text=True, check=True).stdout
    assert "Title:           Văn bản Chi bộ Trường Mầm non Hoa Mai" in info
    # the contents entries are links to the documents' first pages
    import pikepdf

    with pikepdf.open(book) as pdf:
        front = front_pages(book)
        targets = [pdf.pages.index(pikepdf.Page(annotation.Dest[0])) for page in pdf.pages[1:front]
                   for annotation in page.obj.get("/Annots", [])]
    numbers = contents_numbers(book, nav_titles(builds.project), front)
    # (an entry's title, dots and number are separate boxes, each its own link)
    assert list(dict.fromkeys(targets)) == [front + n - 1 for n in numbers]


def _links(pdf: Path) -> list[tuple[int, str | int]]:
    """(page index, URI or index of the page it goes to) of every link of a PDF."""
    import pikepdf

    found: list[tuple[int, str | int]] = []
    with pikepdf.open(pdf) as document:
        index = {page.obj.objgen: number for number, page in enumerate(document.pages)}
        for number, page in enumerate(document.pages):
            for annotation in page.obj.get("/Annots", []):
                if "/A" in annotation and "/URI" in annotation.A:
                    found.append((number, str(annotation.A.URI)))
                elif "/Dest" in annotation:
                    found.append((number, index[annotation.Dest[0].objgen]))
    return found


def test_links_never_name_the_build_folder_and_lead_inside_the_book(builds: Builds):
    # a document's PDF links as its page does, relative to the folder both are in
    plan = [uri for _, uri in _links(builds.site / PLAN_PDF)]
    assert "../../quy-dinh/213-qd-tw/" in plan
    for pdf in builds.site.rglob("*.pdf"):
        assert not [uri for _, uri in _links(pdf) if isinstance(uri, str) and ("file:" in uri or str(builds.site) in uri)], pdf
    # in the book, the plan's citation of Quy định 213 goes to that regulation's first page
    book = builds.site / BOOK_PDF
    front = front_pages(book)
    documents = nav_documents(builds.project)
    numbers = dict(zip((path for _, _, path in documents),
                       contents_numbers(book, [title for _, title, _ in documents], front)))
    plan_start = front + numbers["ke-hoach/2022-ke-hoach-hoat-dong.md"] - 1
    plan_end = plan_start + pages_of(builds.site / PLAN_PDF)
    regulation = front + numbers["quy-dinh/213-qd-tw.md"] - 1
    targets = {target for page, target in _links(book) if plan_start <= page < plan_end}
    assert regulation in targets
    # a link to a page that is not a document leads to the site, relative to pdf/
    assert not [t for t in targets if isinstance(t, str) and t.startswith("../../")]


def test_books_are_linked_from_the_home_page(builds: Builds):
    home = (builds.site / "index.html").read_text(encoding="utf-8")
    assert 'href="pdf/van-ban-chi-bo.pdf"' in home
    assert (builds.site / BOOK_PDF).stat().st_size > 10_000
    for year in YEARS:
        assert f'href="pdf/van-ban-nam-{year}.pdf"' in home
        assert (builds.site / "pdf" / f"van-ban-nam-{year}.pdf").is_file()
    assert sorted(p.name for p in (builds.site / "pdf").iterdir()) == sorted(
        ["van-ban-chi-bo.pdf"] + [f"van-ban-nam-{year}.pdf" for year in YEARS])


# --- fonts --------------------------------------------------------------------------------


def pdffonts(path: Path) -> list[list[str]]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


@pytest.mark.parametrize("pdf", [BOOK_PDF, PLAN_PDF])
def test_only_the_full_tinos_fonts_are_embedded(builds: Builds, pdf: str):
    fonts = pdffonts(builds.site / pdf)
    assert fonts
    for row in fonts:
        name = row[0].split("+", 1)[-1]
        # "Tinos-PDF" = the full TrueType files; plain "Tinos" would be the site's woff2
        # unicode-range subsets, which WeasyPrint 70 mixes up into wrong glyphs.
        assert name.startswith(("Tinos-PDF", "Cousine-PDF")), row
        emb, sub, uni = row[-5:-2]
        assert emb == "yes" and uni == "yes", row


def test_plan_pdf_text_is_exact_vietnamese(builds: Builds):
    text = pdftotext(builds.site / PLAN_PDF)
    for expected in ("ĐẶC ĐIỂM TÌNH HÌNH", "Trần Thị Nghĩa Quỳnh", "Thạch Bàn",
                     "ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ TRƯỜNG\nMẦM NON HOA MAI", "KẾ HOẠCH",
                     "Hoạt động của chi bộ năm 2022", "Nơi nhận:", "T/M CẤP ỦY CHI BỘ",
                     "Học tập và làm theo tư tưởng"):
        assert expected in text, expected
    # unknown number and date stay blank, never guessed
    assert re.search(r"Số\s+-KH/CB", text)
    assert "ngày … tháng … năm …" in text


# --- layout -------------------------------------------------------------------------------

_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def page_words(pdf: Path, page: int) -> tuple[float, float, list[Word]]:
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    root = ElementTree.fromstring(xml)
    page_el = root.find(f".//{_NS}page")
    words = [Word(w.text or "", float(w.get("xMin")), float(w.get("yMin")),
                  float(w.get("xMax")), float(w.get("yMax"))) for w in root.iter(f"{_NS}word")]
    return float(page_el.get("width")), float(page_el.get("height")), words


def find_run(words: list[Word], phrase: str) -> list[Word]:
    parts = phrase.split()
    for i in range(len(words) - len(parts) + 1):
        if [w.text for w in words[i:i + len(parts)]] == parts:
            return words[i:i + len(parts)]
    raise AssertionError(f"{phrase!r} not found in {[w.text for w in words][:80]}")


MM = 72 / 25.4


def test_plan_pdf_first_page_layout(builds: Builds, artifacts: Path):
    pdf = builds.site / PLAN_PDF
    width, height, words = page_words(pdf, 1)
    assert abs(width - 210 * MM) < 1 and abs(height - 297 * MM) < 1  # A4
    middle = width / 2
    text_centre = (35 * MM + width - 15 * MM) / 2  # margins left 35, right 15 mm

    heading = find_run(words, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert min(w.x0 for w in heading) > middle, "heading must be in the right half"
    assert heading[0].y0 < 40 * MM, "heading on the first lines"
    for phrase in ("ĐẢNG BỘ PHƯỜNG THẠCH BÀN", "CHI BỘ TRƯỜNG MẦM NON"):
        run = find_run(words, phrase)
        assert (run[0].x0 + run[-1].x1) / 2 < middle, f"{phrase} must be in the left half"
        assert abs(run[0].y0 - heading[0].y0) < 12 * MM
    date = find_run(words, "Thạch Bàn, ngày")
    assert date[0].x0 > middle and date[0].y0 > heading[0].y1
    number = find_run(words, "Số")
    assert number[0].x1 < middle
    kind = find_run(words, "KẾ HOẠCH")
    summary = find_run(words, "Hoạt động của chi bộ năm 2022")
    for run in (kind, summary):
        centre = (run[0].x0 + run[-1].x1) / 2
        assert abs(centre - text_centre) < 3 * MM, f"{run[0].text} not centred"
        assert run[0].y0 > number[0].y1
    # margins: nothing left of 35 mm or right of 195 mm
    assert min(w.x0 for w in words) >= 35 * MM - 1
    assert max(w.x1 for w in words) <= width - 15 * MM + 1

    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(artifacts / "pdf-ke-hoach-2022-trang-1")], check=True)


def test_plan_pdf_signature_on_last_page_and_page_numbers(builds: Builds, artifacts: Path):
    pdf = builds.site / PLAN_PDF
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    assert pages >= 2
    width, _, words = page_words(pdf, pages)
    signer = find_run(words, "Trần Thị Nghĩa Quỳnh")
    authority = find_run(words, "T/M CẤP ỦY CHI BỘ")
    recipients = find_run(words, "Nơi nhận:")
    assert min(w.x0 for w in signer) > width / 2 and min(w.x0 for w in authority) > width / 2
    assert recipients[0].x1 < width / 2
    assert signer[0].y0 > authority[0].y1 + 15 * MM, "room for signature and seal"
    # page numbers: none on page 1, centred in the top margin from page 2
    _, _, first = page_words(pdf, 1)
    assert not any(w.text == "1" and w.y0 < 25 * MM for w in first)
    _, _, second = page_words(pdf, 2)
    number = [w for w in second if w.text == "2" and w.y1 < 25 * MM]
    assert number and abs(number[0].centre - (35 * MM + width - 15 * MM) / 2) < 3 * MM
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(pages), "-l", str(pages), "-singlefile",
                    str(pdf), str(artifacts / "pdf-ke-hoach-2022-trang-cuoi")], check=True)


def test_document_page_offers_its_pdf(builds: Builds):
    html = (builds.site / "ke-hoach/2022-ke-hoach-hoat-dong/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a[^>]*href="2022-ke-hoach-hoat-dong\.pdf"[^>]*>\s*Tải PDF\s*</a>', html)
    assert (builds.site / PLAN_PDF).is_file() and (builds.site / SECOND_PDF).is_file()
    section = (builds.site / "ke-hoach/index.html").read_text(encoding="utf-8")
    assert "Tải PDF</a>" not in section  # not a document: no button
    # no <link rel="alternate" type="application/pdf">: Material would fetch pdf/sitemap.xml
    assert 'type="application/pdf"' not in html and 'type="application/pdf"' not in section


# --- cache --------------------------------------------------------------------------------


def test_cache_renders_only_what_changed(builds: Builds):
    documents = len(nav_titles(builds.project))
    assert documents >= 2
    assert counts(builds.cold) == (documents, 0)
    assert counts(builds.warm) == (0, documents)
    assert counts(builds.edited) == (1, documents - 1)
    assert (builds.warm_site / PLAN_PDF).read_bytes() == (builds.site / PLAN_PDF).read_bytes()
    assert "Bổ sung một câu để thử bộ nhớ đệm." in pdftotext(builds.edited_site / SECOND_PDF)


def book_counts(result: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    match = BOOK_COUNTS.search(result.stderr)
    assert match, result.stderr
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def test_warm_build_renders_and_assembles_nothing(builds: Builds):
    volumes = len(YEARS)
    assert book_counts(builds.cold) == (volumes, volumes + 1, 0)
    assert NOTHING_DONE not in builds.cold.stderr
    # nothing changed: every PDF from the cache, and the log says so
    assert book_counts(builds.warm) == (volumes, 0, volumes + 1)
    assert NOTHING_DONE in builds.warm.stderr
    for name in ["van-ban-chi-bo.pdf"] + [f"van-ban-nam-{y}.pdf" for y in YEARS]:
        assert (builds.warm_site / "pdf" / name).read_bytes() == (builds.site / "pdf" / name).read_bytes()


def test_one_edited_document_reassembles_its_year_and_the_whole_book_only(builds: Builds):
    volumes = len(YEARS)
    # the 2023 plan was edited: its volume and the whole book, nothing else
    assert book_counts(builds.edited) == (volumes, 2, volumes - 1)
    assert NOTHING_DONE not in builds.edited.stderr
    for name in ("van-ban-chi-bo.pdf", "van-ban-nam-2023.pdf"):
        assert "Bổ sung một câu để thử bộ nhớ đệm." in pdftotext(builds.edited_site / "pdf" / name)
    for year in YEARS[:-1]:
        name = f"van-ban-nam-{year}.pdf"
        assert (builds.edited_site / "pdf" / name).read_bytes() == (builds.site / "pdf" / name).read_bytes()


# --- failures -----------------------------------------------------------------------------


def test_unprintable_document_fails_the_build_naming_it(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    plan = project / PLAN_SRC
    plan.write_text(plan.read_text(encoding="utf-8") + "\nKý hiệu lạ: 漢字.\n", encoding="utf-8")
    result = pdf_build(project, tmp_path / "site", tmp_path / "cache")
    assert result.returncode != 0
    assert "Không tạo được tệp PDF" in result.stderr, result.stderr
    assert "Kế hoạch hoạt động" in result.stderr and "2022-ke-hoach-hoat-dong.md" in result.stderr
    assert "漢" in result.stderr


def test_render_error_names_the_document(tmp_path: Path):
    from chibo.rendering.pdf import DocumentPdf, PdfError, render_all

    broken = DocumentPdf(source="nghi-quyet/2022-03.md", title="Nghị quyết tháng 3/2022",
                         content="<p>Chữ lạ: \U0001F600</p>", view=_view(), base_dir=str(tmp_path),
                         output=str(tmp_path / "out" / "a.pdf"))
    fine = DocumentPdf(source="nghi-quyet/2022-04.md", title="Nghị quyết tháng 4/2022",
                       content="<p>Thạch Bàn</p>", view=_view(), base_dir=str(tmp_path),
                       output=str(tmp_path / "out" / "b.pdf"))
    with pytest.raises(PdfError) as caught:
        render_all([broken, fine], tmp_path / "cache", workers=1)
    message = str(caught.value)
    assert 'Không tạo được tệp PDF của văn bản "Nghị quyết tháng 3/2022"' in message
    assert "nghi-quyet/2022-03.md" in message
    assert not (tmp_path / "out" / "a.pdf").exists()  # never a partial PDF
    assert (tmp_path / "out" / "b.pdf").is_file()


def _view() -> dict[str, object]:
    return {"loai": "NGHỊ QUYẾT", "trich_yeu": "Thử", "cap_tren": "", "chi_bo": "", "so": "",
            "ngay": "", "tham_quyen": "", "chuc_vu": "", "nguoi_ky": "", "noi_nhan": []}


def test_regulation_is_not_signed_by_the_cell():
    from chibo.document.config import load_settings
    from chibo.rendering.pdf import document_view

    settings = load_settings()
    view = document_view({"loai": "quy-dinh", "ma": "213-QĐ/TW", "trich_yeu": "Trách nhiệm"},
                         settings.types["quy-dinh"], settings.cell)
    assert view["so"] == "Số 213-QĐ/TW"
    assert view["nguoi_ky"] == "" and view["chi_bo"] == "" and view["noi_nhan"] == []
    assert view["ngay"] == ""


# --- serve --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_builds_no_pdf(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = build_env()
    env.pop("CHIBO_PDF", None)
    server = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        cwd=project, env=env | {"CHIBO_PDF_CACHE": str(tmp_path / "cache")},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/ke-hoach/2022-ke-hoach-hoat-dong/"
        deadline = time.monotonic() + 60
        page = None
        while time.monotonic() < deadline:
            try:
                page = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        assert page is not None, "mkdocs serve did not answer"
        assert "vb-tai-pdf" not in page
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + "2022-ke-hoach-hoat-dong.pdf", timeout=5)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Không tạo tệp PDF" in output
    assert not (tmp_path / "cache").exists()
    # -X importtime lists every module the server imported: no PDF library
    imported = {line.rsplit("|", 1)[-1].strip() for line in output.splitlines() if line.startswith("import time:")}
    assert "mkdocs.commands.serve" in imported or "mkdocs.livereload" in imported
    for library in ("weasyprint", "pikepdf", "pydyf", "mkdocs_to_pdf"):
        assert not [name for name in imported if name.split(".")[0] == library], library


# --- glyphs -------------------------------------------------------------------------------


def _ink(image):
    """The black parts of a greyscale image, cropped to them."""
    binary = image.point(lambda v: 255 if v < 128 else 0)
    return binary.crop(binary.getbbox())


def _blurred_difference(a, b) -> float:
    from PIL import ImageChops, ImageFilter, ImageStat

    b = b.resize(a.size)
    diff = ImageChops.difference(a.filter(ImageFilter.GaussianBlur(1.5)),
                                 b.filter(ImageFilter.GaussianBlur(1.5)))
    return ImageStat.Stat(diff).mean[0] / 255


@pytest.mark.parametrize("page_no, phrase, font_file, size", [
    (1, "Thạch Bàn, ngày … tháng … năm …", "Tinos-Italic.ttf", 14),
    (-1, "Trần Thị Nghĩa Quỳnh", "Tinos-Bold.ttf", 14),
])
def test_printed_glyphs_match_the_font(builds: Builds, tmp_path: Path, page_no: int, phrase: str,
                                       font_file: str, size: int):
    """The printed line looks like the same line drawn straight from the font file.

    Text extraction alone can read right while wrong glyphs are printed: the site's woff2
    unicode-range subsets in WeasyPrint 70 print "Trần Thị" as "TrƠn Ths" with the right
    text layer. Measured at 288 dpi: wrong glyphs differ by ~0.12, right ones by ~0.04.
    """
    from PIL import Image, ImageDraw, ImageFont

    from chibo.rendering.pdf import font_dir

    pdf = builds.site / PLAN_PDF
    if page_no < 0:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        page_no = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    _, _, words = page_words(pdf, page_no)
    run = find_run(words, phrase)
    scale = 4  # 288 dpi
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(72 * scale), "-f", str(page_no), "-l",
                    str(page_no), "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    page = Image.open(tmp_path / "page.png").convert("L")
    box = (int(run[0].x0 * scale) - 6, int(min(w.y0 for w in run) * scale) - 2,
           int(run[-1].x1 * scale) + 6, int(max(w.y1 for w in run) * scale) + 2)
    printed = _ink(page.crop(box))

    font = ImageFont.truetype(str(font_dir() / font_file), size * scale)
    left, top, right, bottom = font.getbbox(phrase)
    drawn = Image.new("L", (right - left + 20, bottom - top + 20), 255)
    ImageDraw.Draw(drawn).text((10 - left, 10 - top), phrase, font=font, fill=0)
    reference = _ink(drawn)

    assert abs(printed.size[0] - reference.size[0]) <= 0.03 * reference.size[0]
    difference = _blurred_difference(printed, reference)
    assert difference < 0.08, difference


# --- the button on the page -----------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_pdf_button_never_squeezes_the_official_header(browser, site_server, artifacts: Path, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_server + "ke-hoach/2022-ke-hoach-hoat-dong/", wait_until="networkidle")
        button = page.locator("a.vb-tai-pdf").bounding_box()
        header = page.locator(".vb-dau").bounding_box()
        left = page.locator(".vb-dau__trai").bounding_box()
        right = page.locator(".vb-dau__phai").bounding_box()
        assert button and header and left and right
        assert button["y"] + button["height"] <= header["y"] + 1, "button beside the header"
        if width >= 1000:  # wide screen: the two header blocks side by side, as on paper
            assert abs(left["y"] - right["y"]) < 2 and right["x"] > left["x"] + left["width"] - 1
        response = page.request.get(site_server + "ke-hoach/2022-ke-hoach-hoat-dong/"
                                    + page.locator("a.vb-tai-pdf").get_attribute("href"))
        assert response.ok and response.body()[:5] == b"%PDF-"
        page.screenshot(path=str(artifacts / f"pdf-nut-tai-{width}.png"))
    finally:
        context.close()


def test_cache_key_follows_everything_that_shapes_the_pdf(tmp_path: Path, monkeypatch):
    import dataclasses

    from chibo.rendering import pdf

    fonts = pdf.font_dir()
    doc = pdf.DocumentPdf(source="a.md", title="A", content="<p>Thạch Bàn</p>", view=_view(),
                          base_dir=str(tmp_path), output=str(tmp_path / "a.pdf"))
    key = pdf.cache_key(doc, fonts)
    assert pdf.cache_key(dataclasses.replace(doc, output=str(tmp_path / "b.pdf")), fonts) == key
    assert pdf.cache_key(dataclasses.replace(doc, content="<p>Thạch Bàn.</p>"), fonts) != key
    assert pdf.cache_key(dataclasses.replace(doc, view=_view() | {"so": "Số 01-NQ/CB"}), fonts) != key
    (tmp_path / "h.png").write_bytes(b"1")
    with_image = dataclasses.replace(doc, content='<img src="h.png">')
    image_key = pdf.cache_key(with_image, fonts)
    (tmp_path / "h.png").write_bytes(b"22")
    assert pdf.cache_key(with_image, fonts) != image_key
    css = tmp_path / "document.css"
    css.write_text(pdf.CSS_FILE.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    monkeypatch.setattr(pdf, "CSS_FILE", css)
    assert pdf.cache_key(doc, fonts) != key


def test_regulation_pdf_header_names_the_issuer_and_date_from_the_registry():
    from chibo.document.config import load_settings
    from chibo.rendering.pdf import document_view

    settings = load_settings()
    meta = {"loai": "quy-dinh", "ma": "213-QĐ/TW", "title": "Quy định 213-QĐ/TW",
            "van_ban_goc": {"co_quan": "Bộ Chính trị", "ngay": "02/01/2020"}}
    view = document_view(meta, settings.types["quy-dinh"], settings.cell)
    assert view["chi_bo"] == "BỘ CHÍNH TRỊ" and view["so"] == "Số 213-QĐ/TW"
    assert view["ngay"] == "ngày 02 tháng 01 năm 2020"
    assert view["cap_tren"] == "" and view["nguoi_ky"] == ""  # not the cell's, and not guessed
    unknown = document_view({**meta, "van_ban_goc": {"co_quan": "", "ngay": ""}}, settings.types["quy-dinh"],
                            settings.cell)
    assert unknown["chi_bo"] == "" and unknown["ngay"] == ""


def test_stale_books_leave_the_cache(tmp_path: Path):
    """Each edit makes a new ~5 MB book: volumes no build used lately are removed, the
    current ones, recent ones (another build may share the cache) and covers stay."""
    import os

    from chibo.rendering import book

    def cached(name: str, age: float) -> Path:
        path = tmp_path / name
        path.write_bytes(b"%PDF-")
        os.utime(path, (time.time() - age,) * 2)
        return path

    stale = cached("a" * 64 + ".pdf", 3600)
    recent = cached("b" * 64 + ".pdf", 10)
    current = cached("c" * 64 + ".pdf", 3600)
    cover = cached("bia-muc-luc-" + "d" * 64 + ".pdf", 3600)
    book._prune(tmp_path, {current.name})
    assert not stale.exists()
    assert recent.exists() and current.exists() and cover.exists()


def test_our_summary_of_a_regulation_prints_as_a_summary_not_as_the_original(builds: Builds):
    """Issue 20: the 213 summary printed under "BỘ CHÍNH TRỊ … Số 213-QĐ/TW" as if it were the original."""
    pdf = document_pdf(builds.site, "quy-dinh/213-qd-tw.md")
    assert pdf.is_file()
    text = " ".join(pdftotext(pdf).split())
    assert "Bản tóm tắt của chi bộ" in text and "BẢN TÓM TẮT" in text
    for original in ("BỘ CHÍNH TRỊ", "Số 213-QĐ/TW", "ĐẢNG CỘNG SẢN VIỆT NAM", "ngày 02 tháng 01 năm 2020"):
        assert original not in text, original
