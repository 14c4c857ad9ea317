"""Reading real documents: numbering, header and closing blocks, the body, escaping.

Unit tests of ``chibo.document.numbering`` and ``chibo.reading`` on paragraphs as the
readers produce them (the Word files themselves are exercised by test_real_documents).
"""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from chibo.document.config import load_settings
from chibo.document.numbering import parse
from chibo.reading.body import to_markdown
from chibo.reading.docx import Reading
from chibo.reading.header import read_closing, read_header
from chibo.reading.importer import _labels, convert, sentence_case
from chibo.reading.paragraph import Paragraph, Span

SETTINGS = load_settings()
LABELS = _labels(SETTINGS.types)
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]


@pytest.mark.parametrize(("title", "kind", "numbers", "rest"), [
    ("I. ĐẶC ĐIỂM TÌNH HÌNH:", "roman", (1,), "ĐẶC ĐIỂM TÌNH HÌNH:"),
    ("I.Đặc điểm tình hình", "roman", (1,), "Đặc điểm tình hình"),
    ("II- Phương hướng", "roman", (2,), "Phương hướng"),
    ("III: Nhiệm vụ", "roman", (3,), "Nhiệm vụ"),
    ("IV/ Giải pháp", "roman", (4,), "Giải pháp"),
    ("V) Tổ chức thực hiện", "roman", (5,), "Tổ chức thực hiện"),
    ("PHẦN I: KẾT QUẢ", "part", (1,), "KẾT QUẢ"),
    ("Phần I", "part", (1,), ""),
    ("PHẦN THỨ HAI: PHƯƠNG HƯỚNG", "part", (2,), "PHƯƠNG HƯỚNG"),
    ("1. Đặc điểm tình hình:", "decimal", (1,), "Đặc điểm tình hình:"),
    ("1.Về chính trị tư tưởng", "decimal", (1,), "Về chính trị tư tưởng"),
    ("4.1 Về công tác tổ chức", "decimal", (4, 1), "Về công tác tổ chức"),
    ("4.1. Về công tác tổ chức", "decimal", (4, 1), "Về công tác tổ chức"),
    ("a. Thuận lợi", "lower", (1,), "Thuận lợi"),
    ("b) Khó khăn", "lower", (2,), "Khó khăn"),
    ("1. I.Đặc điểm", "roman", (1,), "Đặc điểm"),        # copied twice from a web page
    ("1. 1. Thuận lợi", "decimal", (1,), "Thuận lợi"),
    ("Điều 3. Trách nhiệm", "article", (3,), "Trách nhiệm"),
    ("Chương II", "chapter", (2,), ""),
    ("A. KẾT QUẢ NĂM HỌC", "upper", (1,), "KẾT QUẢ NĂM HỌC"),
    ("15 Đại học; Cao đẳng: 02", "none", (), "15 Đại học; Cao đẳng: 02"),
    ("2022 là năm bản lề", "none", (), "2022 là năm bản lề"),
    ("Căn cứ Điều lệ Đảng", "none", (), "Căn cứ Điều lệ Đảng"),
])
def test_numbering_is_read_however_it_is_typed(title, kind, numbers, rest):
    number = parse(title)
    assert (number.kind, number.numbers, number.rest) == (kind, numbers, rest)


def test_capital_letters_after_b_are_letters_not_roman_numerals():
    assert parse("C. Tổ chức thực hiện", previous_upper=2).kind == "upper"
    assert parse("I. Mục đích", previous_upper=None).kind == "roman"


def lines(*texts: str, **kwargs) -> list[Paragraph]:
    return [Paragraph(spans=[Span(text)], **kwargs) for text in texts]


def test_header_typed_as_columns_on_one_line_and_glued_names():
    paragraphs = lines("ĐẢNG BỘ XÃ MỸ HƯNGCHI BỘ TRƯỜNG THCS MỸ HƯNG\t\tĐẢNG CỘNG SẢN VIỆT NAM",
                       "*****",
                       "Số: 24/KH-CB\t\t\tMỹ Hưng, ngày 15 tháng 9 năm 2021",
                       "KẾ HOẠCH", "TỔNG KẾT CÔNG TÁC NĂM 2017", "VÀ PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2018",
                       "Căn cứ Điều lệ Đảng;")
    header = read_header(paragraphs, LABELS)
    assert header.meta == {"cap_tren": "ĐẢNG BỘ XÃ MỸ HƯNG", "chi_bo": "CHI BỘ TRƯỜNG THCS MỸ HƯNG",
                           "so": "24/KH-CB", "dia_danh": "Mỹ Hưng", "ngay": "15/09/2021",
                           "trich_yeu": "TỔNG KẾT CÔNG TÁC NĂM 2017 VÀ PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2018"}
    assert header.label == "KẾ HOẠCH" and paragraphs[header.end].plain == "Căn cứ Điều lệ Đảng;"


@pytest.mark.parametrize("number", ["10/ BCTK", "….. /BC-CB", "24/KH-CB", "01-KH/CB"])
def test_document_numbers_are_kept_verbatim(number):
    header = read_header(lines("CHI BỘ TRƯỜNG TIỂU HỌC A", f"Số: {number}", "BÁO CÁO", "Tổng kết năm 2022",
                               "I. KẾT QUẢ"), LABELS)
    assert header.meta["so"] == number


def test_a_reprint_without_header_has_no_header_facts():
    header = read_header(lines("Chi bộ tổ chức học tập chuyên đề năm 2022 với nhiều hình thức.",
                               "I. MỤC ĐÍCH"), LABELS)
    assert header.meta == {} and header.end == 0


def test_closing_in_columns_recipients_and_signer():
    paragraphs = lines("I. NỘI DUNG", "Thực hiện tốt.", "Nơi nhận:\t\t\tT/M CHI BỘ", "- Đảng ủy xã;\t\tBÍ THƯ",
                       "- Lưu VP.", "(Đã ký)", "Nguyễn Thị Minh Hằng")
    closing = read_closing(paragraphs, 0)
    assert closing.start == 2
    assert closing.meta == {"noi_nhan": ["Đảng ủy xã;", "Lưu VP."], "tham_quyen": "T/M CHI BỘ",
                            "chuc_vu": "BÍ THƯ", "nguoi_ky": "Nguyễn Thị Minh Hằng"}


def render(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "html.parser")


def test_plus_items_under_an_en_dash_item_nest_and_never_become_code():
    body = to_markdown(lines("I. NHIỆM VỤ", "– Công tác chính trị:", "+ Học tập nghị quyết.",
                             "+ Học tập chỉ thị.", "– Công tác tổ chức."))
    soup = render(body)
    assert soup.find("pre") is None and soup.find("code") is None
    outer = soup.find("ul")
    assert [li.find(string=True, recursive=False).strip() for li in outer.find_all("li", recursive=False)] == [
        "Công tác chính trị:", "Công tác tổ chức."]
    assert [li.get_text() for li in outer.find("ul").find_all("li")] == ["Học tập nghị quyết.", "Học tập chỉ thị."]


def test_plus_items_after_a_paragraph_are_a_list_not_code():
    soup = render(to_markdown(lines("Chi bộ đề ra các nhiệm vụ sau đây.", "+ Học tập nghị quyết.")))
    assert soup.find("pre") is None and soup.find("li").get_text() == "Học tập nghị quyết."


def test_star_labels_are_labels_and_every_bullet_kind_is_a_list_item():
    texts = ["* Thuận lợi:"]
    for number, marker in enumerate(["-", "–", "—", "+", "•", "*", "o", "▪", "–"], start=1):
        texts += [f"Đoạn {number}.", f"{marker} Mục {number}."]
    texts += ["* Khó khăn:", "-Mục liền."]
    soup = render(to_markdown(lines(*texts)))
    assert [b.get_text() for b in soup.find_all("strong")] == ["Thuận lợi:", "Khó khăn:"]
    assert [li.get_text() for li in soup.find_all("li")] == [f"Mục {n}." for n in range(1, 10)] + ["Mục liền."]


def test_parts_nest_above_roman_sections_and_long_numbered_paragraphs_stay_paragraphs():
    long_decision = ("1. Nhất trí thông qua báo cáo chính trị của Ban Chi ủy khóa trước; giao Ban Chi ủy khóa mới "
                     "lãnh đạo thực hiện thắng lợi các mục tiêu, nhiệm vụ đã đề ra trong nhiệm kỳ 2022 - 2025.")
    body = to_markdown(lines("PHẦN THỨ NHẤT", "KẾT QUẢ NĂM HỌC", "I. CÔNG TÁC CHÍNH TRỊ", "1. Về tư tưởng:",
                             "a) Học tập:", "Đảng viên học tập đầy đủ.", "PHẦN THỨ HAI: PHƯƠNG HƯỚNG",
                             "I. MỤC TIÊU", long_decision))
    headings = [line for line in body.splitlines() if line.startswith("#")]
    assert headings == ["## PHẦN THỨ NHẤT: KẾT QUẢ NĂM HỌC", "### I. CÔNG TÁC CHÍNH TRỊ", "#### 1. Về tư tưởng:",
                        "##### a) Học tập:", "## PHẦN THỨ HAI: PHƯƠNG HƯỚNG", "### I. MỤC TIÊU"]
    assert "1\\. Nhất trí thông qua" in body
    assert render(body).find("ol") is None


def test_arabic_top_level_without_roman_numerals():
    body = to_markdown(lines("1. Đặc điểm tình hình:", "Chi bộ có 12 đảng viên.", "2. Nhiệm vụ:", "a. Về chính trị:",
                             "Học tập."))
    assert [line for line in body.splitlines() if line.startswith("#")] == [
        "## 1. Đặc điểm tình hình:", "## 2. Nhiệm vụ:", "### a. Về chính trị:"]


def test_word_text_is_written_as_text_never_as_html_or_attributes():
    hostile = lines("I. NỘI DUNG <script>alert(1)</script>", "<img src=x onerror=alert(2)> và {: onclick=\"x\" }",
                    "- [bấm](javascript:alert(3)) &lt;b&gt;", "| a | b |", "```", "    thụt lề", "!!! note")
    body = to_markdown(hostile)
    soup = render(body)
    assert soup.find("script") is None and soup.find("img") is None and soup.find("a") is None
    assert soup.find("pre") is None and soup.find("table") is None and soup.find(class_="admonition") is None
    assert not any(tag.has_attr("onclick") for tag in soup.find_all(True))
    text = soup.get_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert "&lt;b&gt;" in text and "[bấm](javascript:alert(3))" in text


def test_an_all_caps_trich_yeu_becomes_a_correctly_cased_title():
    assert sentence_case("LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022 CỦA TRƯỜNG THCS MỸ HƯNG",
                         {"mỹ": "Mỹ", "hưng": "Hưng"}) == \
        "Lãnh đạo thực hiện nhiệm vụ năm học 2021 - 2022 của trường THCS Mỹ Hưng"
    reading = Reading(blocks=lines("CHI BỘ TRƯỜNG THCS MỸ HƯNG", "KẾ HOẠCH",
                                   "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022", "I. NHIỆM VỤ",
                                   "Đảng viên trường Mỹ Hưng thực hiện tốt.", "II. TỔ CHỨC THỰC HIỆN", "Các đồng chí."))
    imported = convert(reading, SETTINGS, "kh.docx")
    assert imported.meta["title"] == "Kế hoạch lãnh đạo thực hiện nhiệm vụ năm học 2021 - 2022"
    assert imported.meta["trich_yeu"] == "LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022"
    assert imported.meta["nam"] == 2021


def test_nothing_is_invented_for_another_cells_document():
    reading = Reading(blocks=lines("NGHỊ QUYẾT", "Hội nghị chi bộ tháng 3 năm 2022", "I. KẾT QUẢ THÁNG 2",
                                   "Hoàn thành.", "II. NHIỆM VỤ THÁNG 3", "Tiếp tục."))
    imported = convert(reading, SETTINGS, "nq.docx")
    meta = imported.meta
    assert (meta["nguoi_ky"], meta["chi_bo"], meta["cap_tren"], meta["so"], meta["ngay"]) == ("", "", "", "", "")
    assert meta["nhap"] is True and meta["thang"] == "2022-03"
    assert any("người ký" in note for note in imported.notes)


@pytest.mark.parametrize(("label", "code"), [("KẾT LUẬN", "van-ban"), ("THÔNG BÁO", "van-ban"),
                                             ("CHƯƠNG TRÌNH", "van-ban"), ("BÁO CÁO", "bao-cao")])
def test_unknown_types_import_as_generic_documents(label, code):
    reading = Reading(blocks=lines("CHI BỘ TRƯỜNG MẦM NON A", label, "Về việc tổ chức sinh hoạt chuyên đề",
                                   "1. Nội dung", "Các đảng viên tham gia."))
    imported = convert(reading, SETTINGS, "x.docx")
    assert imported.doc_type.code == code
    if code == "van-ban":
        assert imported.meta["ten_loai"] == label


def test_a_document_stamped_secret_is_imported_confidential():
    reading = Reading(blocks=lines("CHI BỘ TRƯỜNG MẦM NON A", "MẬT", "BÁO CÁO", "Kết quả kiểm tra đảng viên năm 2022",
                                   "I. KẾT QUẢ", "Nội dung."))
    imported = convert(reading, SETTINGS, "bc.docx")
    assert imported.meta["mat"] is True and imported.meta["nhap"] is True
    assert "MẬT" in imported.notes[0]


def test_header_dates_with_blanks_and_state_mottos_do_not_end_the_header():
    header = read_header(lines("ĐẢNG BỘ XÃ A", "CHI BỘ TRƯỜNG B", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                               "Độc lập - Tự do - Hạnh phúc", "Xã A, ngày  tháng  năm 2023", "KẾ HOẠCH",
                               "Hoạt động năm 2023", "I. NHIỆM VỤ"), LABELS)
    assert header.label == "KẾ HOẠCH" and header.meta["dia_danh"] == "Xã A" and "ngay" not in header.meta
    assert header.meta["chi_bo"] == "CHI BỘ TRƯỜNG B"


def _docx(paragraphs: list[tuple[str, str, bool]]) -> bytes:
    """A .docx whose paragraphs are (text as Word stores it, font, bold)."""
    import io

    from docx import Document as WordDocument

    word = WordDocument()
    for text, font, bold in paragraphs:
        run = word.add_paragraph().add_run(text)
        run.bold = bold
        if font:
            run.font.name = font
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_legacy_font_runs_and_pasted_tcvn3_words_become_unicode():
    from chibo.reading.docx import read_docx
    from chibo.reading.legacy import encode

    raw = _docx([(encode("CHI BỘ TRƯỜNG TIỂU HỌC", "tcvn3-upper"), ".VnTimeH", True),
                 (encode("Nghị quyết tháng 3 năm 2022", "vni"), "VNI-Times", True),
                 (f"Học sinh {encode('cấp Tiểu học', 'tcvn3')} đạt kết quả tốt.", "Times New Roman", False),
                 (encode("Đảng viên trường học", "tcvn3"), ".VnTime", False)])
    reading = read_docx(raw, "cu.docx")
    assert [p.plain for p in reading.paragraphs()] == [
        "CHI BỘ TRƯỜNG TIỂU HỌC", "Nghị quyết tháng 3 năm 2022", "Học sinh cấp Tiểu học đạt kết quả tốt.",
        "Đảng viên trường học"]
    assert reading.conversions["tcvn3"] == 2 and reading.conversions["vni"] == 1
    assert reading.conversions["tcvn3-fragment"] >= 2


def test_a_document_typed_inside_a_table_is_read_as_a_document():
    import io

    from docx import Document as WordDocument

    from chibo.reading.docx import read_docx

    word = WordDocument()
    cell = word.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].add_run("NGHỊ QUYẾT").bold = True
    for text in ("Sinh hoạt chi bộ tháng 4 năm 2023", "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3", "- Hoàn thành tốt.",
                 "II. NHIỆM VỤ THÁNG 4", "- Tổ chức kỷ niệm ngày 30/4."):
        cell.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    imported = convert(read_docx(buffer.getvalue(), "bang.docx"), SETTINGS, "bang.docx")
    assert imported.doc_type.code == "nghi-quyet" and imported.meta["thang"] == "2023-04"
    assert "## I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3" in imported.body and "|" not in imported.body


def test_word_lists_nested_inside_numbered_items_keep_their_place():
    """The shape pandoc and other converters write: sections as a Word numbered list
    (ilvl 0), their bullets and sub-lists at ilvl 1, recipients as Word bullets."""
    def item(text, kind, label="", level=0):
        return Paragraph(spans=[Span(text)], list_kind=kind, list_label=label, list_level=level)

    blocks = [Paragraph(spans=[Span("NGHỊ QUYẾT")]), Paragraph(spans=[Span("Sinh hoạt chi bộ tháng 5 năm 2024")]),
              item("KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4", "number", "1."),
              item("Chi bộ tổ chức học tập chuyên đề năm 2024.", "bullet", level=1),
              item("Hoàn thành kiểm tra cuối năm học.", "bullet", level=1),
              item("PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 5", "number", "2."),
              item("Tổng kết năm học 2023 - 2024.", "number", "1.", 1),
              item("Chuẩn bị kế hoạch hè cho trẻ.", "number", "2.", 1),
              item("TỔ CHỨC THỰC HIỆN", "number", "3."),
              Paragraph(spans=[Span("Các đồng chí đảng viên thực hiện nghiêm túc.")]),
              Paragraph(spans=[Span("Nơi nhận:")]), item("Đảng ủy xã;", "bullet"), item("Lưu.", "bullet"),
              Paragraph(spans=[Span("T/M CHI BỘ")]), Paragraph(spans=[Span("BÍ THƯ")]),
              Paragraph(spans=[Span("Lê Thị Hoa")])]
    imported = convert(Reading(blocks=blocks), SETTINGS, "pandoc.docx")
    headings = [line for line in imported.body.splitlines() if line.startswith("#")]
    assert headings == ["## 1. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4", "## 2. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 5",
                        "## 3. TỔ CHỨC THỰC HIỆN"]
    assert "- Chi bộ tổ chức học tập chuyên đề năm 2024.\n- Hoàn thành kiểm tra cuối năm học." in imported.body
    assert "2\\. Chuẩn bị kế hoạch hè cho trẻ." in imported.body
    assert imported.meta["noi_nhan"] == ["Đảng ủy xã;", "Lưu."] and imported.meta["nguoi_ky"] == "Lê Thị Hoa"
