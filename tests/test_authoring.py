"""Authoring: ``make new`` and ``make import`` of Word documents."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as WordDocument

from chibo.document.config import load_settings
from chibo.document.model import load_file
from chibo.checking.rules import validate
from conftest import SEED, copy_project
from textutil import normalise, seed_sentences

TYPES = load_settings().types


def run(project: Path, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, "--project", str(project), *args],
                          capture_output=True, text=True, timeout=120)


def imported_path(result: subprocess.CompletedProcess[str]) -> Path:
    """The page ``make import`` says it wrote."""
    line = next(line for line in result.stdout.splitlines() if line.startswith("Đã nhập thành: "))
    return Path(line.split(": ", 1)[1])


def snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# --- make new ------------------------------------------------------------------

def test_new_resolution_is_a_valid_draft_listed_in_nav_with_next_number(project: Path):
    first = run(project, "chibo.commands.new", "--type", "nghi-quyet", "--month", "2022-03")
    assert first.returncode == 0, first.stderr
    path = project / "docs/nghi-quyet/2022-03-nghi-quyet.md"
    assert str(path) in first.stdout
    doc = load_file(path, "x")
    assert doc.meta["so"] == "01-NQ/CB" and doc.meta["nhap"] is True
    assert doc.meta["nguoi_ky"] == "Trần Thị Nghĩa Quỳnh"  # from data/chi-bo.yml
    assert doc.meta["ngay"] == ""  # never invented
    problems = validate(doc, TYPES, must_be_document=True)
    assert problems and all(p.severity.value == "warning" and p.code == "CT007" for p in problems)
    assert "chưa có nội dung" in first.stdout
    assert "nghi-quyet/2022-03-nghi-quyet.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")

    second = run(project, "chibo.commands.new", "--type", "nghi-quyet", "--month", "2022-04")
    assert load_file(project / "docs/nghi-quyet/2022-04-nghi-quyet.md", "y").meta["so"] == "02-NQ/CB"
    assert second.returncode == 0


def test_new_never_overwrites(project: Path):
    assert run(project, "chibo.commands.new", "--type", "ke-hoach", "--year", "2022").returncode == 0
    path = project / "docs/ke-hoach/2022-ke-hoach.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nChữ của Bí thư.\n", encoding="utf-8")
    before = snapshot(project)
    again = run(project, "chibo.commands.new", "--type", "ke-hoach", "--year", "2022")
    assert again.returncode == 1 and "không ghi đè" in again.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "cong-van", "--year", "2022"], "không có"),
    (["--type", "nghi-quyet", "--year", "2022"], "MONTH="),
    (["--type", "nghi-quyet", "--month", "2022-13"], "không hợp lệ"),
])
def test_new_rejects_bad_requests_clearly(project: Path, args: list[str], message: str):
    before = snapshot(project)
    result = run(project, "chibo.commands.new", *args)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_new_outside_the_term_leaves_the_number_blank(project: Path):
    result = run(project, "chibo.commands.new", "--type", "ke-hoach", "--year", "2023")
    assert result.returncode == 0
    assert load_file(project / "docs/ke-hoach/2023-ke-hoach.md", "z").meta["so"] == ""
    assert "ngoài nhiệm kỳ" in result.stdout


def test_new_document_builds_as_part_of_the_site(project: Path, tmp_path: Path):
    from conftest import run_build

    assert run(project, "chibo.commands.new", "--type", "bao-cao", "--year", "2022").returncode == 0
    path = project / "docs/bao-cao/2022-bao-cao.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("<!-- Gợi ý:", "Nội dung đã soạn.\n\n<!-- Gợi ý:").replace("nhap: true", "nhap: false")
    path.write_text(text, encoding="utf-8")
    result = run_build(project, tmp_path / "site", )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/bao-cao/2022-bao-cao/index.html").is_file()


# --- make import ---------------------------------------------------------------

def _seed_docx(path: Path, *, heading_styles: bool) -> Path:
    """The 2022 seed as a Word document, either with heading styles or bold paragraphs."""
    import re

    word = WordDocument()
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        label = re.fullmatch(r"\*{3}\s*(.+?)\*\*", line)
        text = label.group(1) if label else line.replace("*", "")
        is_heading = bool(re.match(r"^(?:[IVX]+|\d+(?:\.\d+)?)\.\s", text))
        if heading_styles and is_heading:
            level = 1 if re.match(r"^[IVX]+\.", text) else (3 if re.match(r"^\d+\.\d+", text) else 2)
            word.add_heading(text, level=level)
        else:
            paragraph = word.add_paragraph()
            run = paragraph.add_run(text)
            run.bold = bool(label) or (is_heading and not heading_styles) or text in ("KẾ HOẠCH",)
    word.save(path)
    return path


@pytest.mark.parametrize("heading_styles", [True, False], ids=["heading-styles", "bold-paragraphs"])
def test_import_of_the_seed_as_word_validates_and_keeps_every_sentence(project: Path, tmp_path: Path,
                                                                       heading_styles: bool):
    (project / "docs/ke-hoach/2022-ke-hoach-hoat-dong.md").unlink()
    source = _seed_docx(tmp_path / "ke-hoach.docx", heading_styles=heading_styles)
    result = run(project, "chibo.commands.importdoc", str(source))
    assert result.returncode == 0, result.stderr
    path = imported_path(result)
    assert path.parent == project / "docs/ke-hoach"
    doc = load_file(path, "docs/ke-hoach/x.md")
    # The seed has no issuer block: those stay empty (never our cell's by default), a reminder each.
    assert doc.meta["cap_tren"] == "" and doc.meta["chi_bo"] == "" and doc.meta["nhap"] is True
    found = validate(doc, TYPES, must_be_document=True)
    assert {(p.code, p.severity.value) for p in found} == {("TT002", "warning")}, [p.format() for p in found]
    assert doc.meta["nguoi_ky"] == "Trần Thị Nghĩa Quỳnh" and doc.meta["tham_quyen"] == "T/M CẤP ỦY CHI BỘ"
    assert doc.meta["noi_nhan"][-1] == "Lưu." and doc.meta["so"] == "" and doc.meta["ngay"] == ""
    assert doc.meta["trich_yeu"] == "Hoạt động của chi bộ năm 2022" and doc.meta["nam"] == 2022
    # Compared without spaces: emphasis markers in the seed leave spaces the Word text lacks.
    body = normalise(path.read_text(encoding="utf-8").replace("#", " ")).replace(" ", "")
    position, missing = 0, []
    header_and_closing = {"KẾ HOẠCH", "Hoạt động của chi bộ năm 2022", "Nơi nhận:", "T/M CẤP ỦY CHI BỘ", "BÍ THƯ",
                          "Trần Thị Nghĩa Quỳnh", "Thường trực Đảng ủy;", "Các đồng chí CUV;", "Các đoàn thể;",
                          "Các đảng viên;", "Lưu."}
    for sentence in seed_sentences(SEED):
        if sentence in header_and_closing:
            continue  # these live in the front matter
        compact = sentence.replace(" ", "")
        found = body.find(compact, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(compact)
    assert not missing, missing[:5]
    text = path.read_text(encoding="utf-8")
    assert "các hoạt động vui chơi" in text and "Bộ GD&ĐT" in text


def test_import_lifts_the_header_blocks_of_a_real_word_layout(project: Path, tmp_path: Path):
    word = WordDocument()
    table = word.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("ĐẢNG BỘ PHƯỜNG THẠCH BÀN")
    left.add_paragraph().add_run("CHI BỘ TRƯỜNG MẦM NON HOA MAI").bold = True
    left.add_paragraph("*")
    left.add_paragraph("Số 03-NQ/CB")
    right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM").bold = True
    right.add_paragraph().add_run("Thạch Bàn, ngày 05 tháng 3 năm 2022").italic = True
    word.add_paragraph().add_run("NGHỊ QUYẾT").bold = True
    word.add_paragraph().add_run("Sinh hoạt chi bộ tháng 3 năm 2022").bold = True
    word.add_paragraph().add_run("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 2/2022").bold = True
    word.add_paragraph("- Hoàn thành tốt nhiệm vụ.")
    word.add_paragraph().add_run("II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 3/2022").bold = True
    word.add_paragraph("- Tổ chức kỷ niệm ngày 8/3 cho")
    word.add_paragraph("cán bộ, giáo viên nữ.")
    word.add_paragraph().add_run("III. TỔ CHỨC THỰC HIỆN").bold = True
    word.add_paragraph("+ Các đồng chí đảng viên thực hiện.")
    word.add_paragraph().add_run("Nơi nhận:").bold = True
    word.add_paragraph("- Đảng ủy phường;")
    word.add_paragraph("- Lưu.")
    word.add_paragraph().add_run("T/M CHI BỘ").bold = True
    word.add_paragraph().add_run("BÍ THƯ").bold = True
    word.add_paragraph().add_run("Nguyễn Thị B").bold = True
    source = tmp_path / "nq.docx"
    word.save(source)

    result = run(project, "chibo.commands.importdoc", str(source))
    assert result.returncode == 0, result.stderr
    path = imported_path(result)
    assert path.parent == project / "docs/nghi-quyet" and path.name.startswith("2022-03-")
    doc = load_file(path, "p")
    assert doc.meta["loai"] == "nghi-quyet"
    assert (doc.meta["so"], doc.meta["ngay"], doc.meta["dia_danh"]) == ("03-NQ/CB", "05/03/2022", "Thạch Bàn")
    assert doc.meta["cap_tren"] == "ĐẢNG BỘ PHƯỜNG THẠCH BÀN" and doc.meta["thang"] == "2022-03"
    assert (doc.meta["tham_quyen"], doc.meta["chuc_vu"], doc.meta["nguoi_ky"]) == ("T/M CHI BỘ", "BÍ THƯ", "Nguyễn Thị B")
    assert validate(doc, TYPES, must_be_document=True) == []
    assert "ngày 8/3 cho cán bộ, giáo viên nữ." in path.read_text(encoding="utf-8")


def _bytes(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _empty_docx(path: Path) -> Path:
    WordDocument().save(path)
    return path


def _torn_page_docx(path: Path) -> Path:
    """A page torn from the middle of a draft: no header, no signature, starts mid-sentence."""
    word = WordDocument()
    word.add_paragraph("và các đồng chí đảng viên tiếp tục thực hiện tốt nhiệm vụ được giao.")
    word.add_paragraph("3. Công tác kiểm tra, giám sát")
    word.add_paragraph("- Kiểm tra việc thực hiện nghị quyết.")
    word.save(path)
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: _bytes(p, b"day khong phai tep zip"), "không phải tệp Word .docx"),
    (lambda p: _bytes(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), ".doc cũ"),
    (_empty_docx, "trống"),
    (_torn_page_docx, "bị tách ra giữa"),
], ids=["not-a-zip", "renamed-doc", "empty", "torn-page"])
def test_broken_inputs_give_a_clear_error_and_write_nothing(project: Path, tmp_path: Path, make, message: str):
    source = make(tmp_path / "input.docx")
    before = snapshot(project)
    result = run(project, "chibo.commands.importdoc", str(source))
    assert result.returncode == 1
    assert message in result.stderr and "Chưa ghi tệp nào" in result.stderr
    assert re.search(rf"{re.escape(source.name)}: NH0\d\d ", result.stderr), result.stderr  # file and rule code
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_import_never_overwrites(project: Path, tmp_path: Path):
    source = _seed_docx(tmp_path / "kh.docx", heading_styles=True)
    first = run(project, "chibo.commands.importdoc", str(source))
    target = imported_path(first)
    target.write_text("bản của Bí thư", encoding="utf-8")
    again = run(project, "chibo.commands.importdoc", str(source))
    assert again.returncode == 0, again.stderr
    assert target.read_text(encoding="utf-8") == "bản của Bí thư"
    assert imported_path(again) != target and imported_path(again).name.endswith("-2.md")


def test_guide_shows_each_type_template_as_a_page(built_site: Path):
    from bs4 import BeautifulSoup

    page = built_site / "huong-dan/mau-nghi-quyet/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    code = soup.select_one("article pre code").get_text()
    assert "loai: nghi-quyet" in code and "## II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG" in code
    assert "make new TYPE=nghi-quyet MONTH=" in soup.get_text()
    assert (built_site / "huong-dan/mau-ke-hoach/index.html").is_file()
    assert (built_site / "huong-dan/mau-bao-cao/index.html").is_file()


def test_import_detects_the_type_from_section_titles_when_the_label_is_missing():
    from chibo.reading.importer import detect_type_by_sections

    resolution = ["KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 2/2022", "PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 3/2022",
                  "TỔ CHỨC THỰC HIỆN"]
    plan = ["ĐẶC ĐIỂM TÌNH HÌNH:", "PHƯƠNG HƯỚNG, NHIỆM VỤ CHUNG:", "CÁC NHIỆM VỤ CỤ THỂ:"]
    assert detect_type_by_sections(resolution, TYPES).code == "nghi-quyet"
    assert detect_type_by_sections(plan, TYPES).code == "ke-hoach"
    assert detect_type_by_sections(["LỜI NÓI ĐẦU"], TYPES) is None


def test_text_import_of_the_seed_reads_exactly_as_the_hand_made_page():
    """The 2022 plan's text export imports to a page whose body reads word for word as the
    page made by hand (lists may be tight where the page has blank lines between items)."""
    import markdown
    from bs4 import BeautifulSoup

    from chibo.reading.importer import convert, read_text

    imported = convert(read_text(SEED.read_text(encoding="utf-8")), load_settings(), "seed.txt")
    page = (Path(__file__).parent.parent / "docs/ke-hoach/2022-ke-hoach-hoat-dong.md").read_text(encoding="utf-8")
    hand_made = page.split("---\n", 2)[2]

    def words(source: str) -> list[str]:
        html = markdown.markdown(source, extensions=["attr_list", "def_list", "tables"])
        soup = BeautifulSoup(html, "html.parser")
        return [" ".join(el.get_text(" ").split()) for el in soup.find_all(["h2", "h3", "h4", "li", "p"])
                if el.name != "p" or el.find_parent("li") is None]

    assert words(imported.body) == words(hand_made)
    assert imported.meta["trich_yeu"] == "Hoạt động của chi bộ năm 2022" and imported.meta["nam"] == 2022


def _word(path: Path, paragraphs: list[tuple[str, bool]]) -> Path:
    word = WordDocument()
    for text, bold in paragraphs:
        word.add_paragraph().add_run(text).bold = bold
    word.save(path)
    return path


def test_full_text_of_a_cited_regulation_joins_its_page_without_losing_anything(project: Path, tmp_path: Path):
    page = project / "docs/quy-dinh/213-qd-tw.md"
    before = page.read_text(encoding="utf-8")
    source = _word(tmp_path / "qd213.docx", [
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", False), ("BỘ CHÍNH TRỊ", False), ("Số 213-QĐ/TW", False), ("QUY ĐỊNH", True),
        ("về trách nhiệm của đảng viên đang công tác", True), ("(Văn bản thử nghiệm)", False),
        ("Chương I", True), ("QUY ĐỊNH CHUNG", True), ("Điều 1. Phạm vi", True),
        ("1. Đảng viên phải giữ mối liên hệ thường xuyên với chi bộ nơi cư trú và báo cáo định kỳ với cấp ủy.", False),
        ("Điều 2. Nhiệm vụ", True), ("Nội dung thử nghiệm của điều hai.", False)])
    result = run(project, "chibo.commands.importdoc", str(source))
    assert result.returncode == 0, result.stderr
    assert imported_path(result) == page
    after = page.read_text(encoding="utf-8")
    assert after.startswith(before.split("## Toàn văn")[0])  # front matter and the page's own text kept
    assert "Chưa có toàn văn" not in after and "#### Điều 1. Phạm vi" in after
    assert not list((project / "docs/quy-dinh").glob("*213*-2.md"))  # no second page
    doc = load_file(page, "docs/quy-dinh/213-qd-tw.md")
    assert [s.anchor for s in doc.all_sections() if s.number.kind == "article"] == ["dieu-1", "dieu-2"]
    assert [p for p in validate(doc, TYPES, must_be_document=True) if p.severity.value == "error"] == []
    again = run(project, "chibo.commands.importdoc", str(source))
    assert again.returncode == 1 and "đã có toàn văn" in again.stderr
    assert page.read_text(encoding="utf-8") == after


def test_a_reprint_of_an_unidentified_regulation_imports_as_another_document(project: Path, tmp_path: Path):
    source = _word(tmp_path / "bao.docx", [
        ("QUY ĐỊNH VỀ NHỮNG ĐIỀU ĐẢNG VIÊN KHÔNG ĐƯỢC LÀM", True),
        ("Điều 1. Nói, viết, làm trái", True), ("Nội dung đăng lại.", False),
        ("Điều 2. Không trung thực", True), ("Nội dung đăng lại.", False)])
    result = run(project, "chibo.commands.importdoc", str(source))
    assert result.returncode == 0, result.stderr
    path = imported_path(result)
    assert path.parent.name == "van-ban-khac"
    assert load_file(path, "x").meta["ten_loai"] == "QUY ĐỊNH"
    assert "không xác định được trang quy định" in result.stdout


def test_a_very_large_word_file_is_imported_with_a_warning(project: Path, tmp_path: Path):
    import io
    import zipfile

    source = _word(tmp_path / "lon.docx", [("KẾ HOẠCH", True), ("Hoạt động năm 2023", True),
                                            ("I. NHIỆM VỤ", True), ("Nội dung.", False)])
    # A large image inside the package, as real files carry scanned pages.
    with zipfile.ZipFile(source, "a") as archive:
        archive.writestr("word/media/anh-quet.bin", io.BytesIO(bytes(range(256)) * 100_000).getvalue(),
                         compress_type=zipfile.ZIP_STORED)
    result = run(project, "chibo.commands.importdoc", str(source))
    assert result.returncode == 0, result.stderr
    assert "tệp Word rất lớn" in result.stdout
