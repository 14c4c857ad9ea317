"""PDFs: the site as a book (to-pdf) and each document in the Party's official layout.

One temporary copy of the project (with a second document and its own PDF cache) is
built three times for the whole module: cold, unchanged, and after editing one document.
"""

from __future__ import annotations

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

from conftest import build_env, copy_project

PLAN_SRC = "docs/ke-hoach/2022-ke-hoach-hoat-dong.md"
PLAN_PDF = "ke-hoach/2022-ke-hoach-hoat-dong/2022-ke-hoach-hoat-dong.pdf"
SECOND_SRC = "docs/ke-hoach/2023-ke-hoach-hoat-dong.md"
SECOND_PDF = "ke-hoach/2023-ke-hoach-hoat-dong/2023-ke-hoach-hoat-dong.pdf"
BOOK_PDF = "pdf/van-ban-chi-bo.pdf"
COUNTS = re.compile(r"PDF văn bản: đã tạo (\d+) tệp, lấy lại (\d+) tệp từ bộ nhớ đệm")
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
    project = copy_project(base / "project")
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


def nav_titles(project: Path) -> list[str]:
    """Titles of the document pages, in nav order (nav label, as the site shows them)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    nav = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["nav"]
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for label, value in item.items():
                    if isinstance(value, list):
                        walk(value)
                    elif isinstance(value, str) and _is_document(project / "docs" / value):
                        titles.append(label)

    walk(nav)
    return titles


def _is_document(path: Path) -> bool:
    if not path.is_file():  # a page generated at build time (e.g. the "Mẫu …" guides)
        return False
    text = path.read_text(encoding="utf-8")
    return text.startswith("---") and re.search(r"^loai:\s*\S", text.split("---", 2)[1], re.M) is not None


# --- the book -----------------------------------------------------------------------------


def test_book_lists_every_document_page_in_nav_order(builds: Builds):
    text = pdftotext(builds.site / BOOK_PDF)
    titles = nav_titles(builds.project)
    assert {"Kế hoạch hoạt động năm 2022", "Kế hoạch hoạt động năm 2023"} <= set(titles)
    # every document page of the site has its PDF, and each of them is in the nav
    document_pdfs = [p for p in builds.site.rglob("*.pdf") if p.parent.name == p.stem]
    assert len(document_pdfs) == len(titles)
    # once in the "Mục lục", then again as chapter headings: both in nav order
    toc_start = text.index("Mục lục")
    position = toc_start
    for title in titles:
        position = text.index(title, position) + len(title)
    for title in titles:
        position = text.index(title, position) + len(title)


def test_book_has_vietnamese_cover_contents_bookmarks_and_page_numbers(builds: Builds):
    book = builds.site / BOOK_PDF
    first = pdftotext(book, "-f", "1", "-l", "1")
    assert "CHI BỘ TRƯỜNG MẦM NON HOA MAI" in first
    assert "ĐẢNG BỘ PHƯỜNG THẠCH BÀN" in first
    assert "Năm 2022 – 2023" in first
    text = pdftotext(book)
    assert "Mục lục" in text
    assert re.search(r"Trang 2 / \d+", text)
    for leftover in ("None", "Table of contents", "Page ", "undefined"):
        assert leftover not in text, leftover
    info = subprocess.run(["pdfinfo", str(book)], capture_output=True, text=True, check=True).stdout
    assert "Title:           Văn bản Chi bộ Trường Mầm non Hoa Mai" in info
    outline = subprocess.run(["pdftohtml", "-stdout", "-xml", "-i", "-q", "-f", "1", "-l", "1", str(book)],
                             capture_output=True, text=True).stdout
    assert "<outline>" in outline and "Kế hoạch hoạt động năm 2022" in outline


def test_book_is_linked_from_the_home_page(builds: Builds):
    home = (builds.site / "index.html").read_text(encoding="utf-8")
    assert 'href="pdf/van-ban-chi-bo.pdf"' in home
    assert (builds.site / BOOK_PDF).stat().st_size > 10_000


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
                     "ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ TRƯỜNG MẦM NON", "KẾ HOẠCH",
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
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
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
