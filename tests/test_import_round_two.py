"""Issue 20: headers as secretaries type them, casing, Central documents as regulation pages,
sourced registry facts, re-import — each shape the issue names, from a text export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.corpus import copy_project
from chibo.document.config import load_settings
from chibo.document.registry import load_registry, parse_registry
from chibo.reading.casing import sentence_case
from chibo.reading.importer import convert, read_text
from chibo.rendering.regulation_page import attributes, relative_link
from tests.corpora import conservation, unaccounted

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_settings(ROOT / "data")
REGISTRY = load_registry(ROOT / "data")


def imported_from(text: str):
    reading = read_text(text)
    imported = convert(reading, SETTINGS, "x.txt", None, REGISTRY)
    assert unaccounted(reading, imported) == [] and conservation(imported) == []
    return imported


def place_of(imported, text: str) -> str:
    return next(line.place for line in imported.lines if line.text == text)


BLANK_DATE = """ĐẢNG BỘ XÃ TÂN THÁI\t\tĐẢNG CỘNG SẢN VIỆT NAM
CHI BỘ XÓM HAI\t\tTân thái, ngày     tháng    năm 2011
BÁO CÁO
Kết quả công tác năm
I. KẾT QUẢ
Chi bộ làm tốt các việc đã đề ra.
"""


def test_a_date_left_blank_for_handwriting_keeps_the_year_and_the_type_line_is_read():
    imported = imported_from(BLANK_DATE)
    assert imported.doc_type.code == "bao-cao"
    meta = imported.meta
    assert meta["nam"] == 2011 and meta["ngay"] == "" and meta["dia_danh"] == "Tân thái"
    assert meta["trich_yeu"] == "Kết quả công tác năm"
    assert any("để trống ngày, tháng" in note and "2011" in note for note in imported.notes)
    assert "## " + "BÁO CÁO" not in imported.body and "Kết quả công tác năm" not in imported.body


def test_a_date_aligned_with_spaces_is_one_date():
    imported = imported_from(BLANK_DATE.replace("Tân thái, ngày     tháng    năm 2011",
                                                "Sơn Phú, ngày  10  tháng 01   năm 2021"))
    assert imported.meta["ngay"] == "10/01/2021" and imported.meta["dia_danh"] == "Sơn Phú"


CONGRESS = """ĐẢNG BỘ XÃ AN BÌNH
ĐẠI HỘI
CHI BỘ TH AN BÌNH
NHIỆM KỲ 2020-2022
*********
ĐẢNG CỘNG SẢN VIỆT NAM
S:   -BC/CB-TH
An Bình, ngày 12 tháng 5 năm 2020
BÁO CÁO
CHÍNH TRỊ CỦA CHI ỦY TRÌNH ĐẠI HỘI
I. KẾT QUẢ NHIỆM KỲ QUA
Chi bộ hoàn thành các chỉ tiêu.
"""


def test_a_congress_issuer_block_loses_no_line_and_makes_no_heading():
    imported = imported_from(CONGRESS)
    assert imported.doc_type.code == "bao-cao"
    assert place_of(imported, "ĐẠI HỘI") == "chi_bo" and "ĐẠI HỘI" in imported.meta["chi_bo"]
    assert imported.meta["nhiem_ky"] == "NHIỆM KỲ 2020-2022"
    assert imported.meta["so"] == "-BC/CB-TH" and imported.meta["ngay"] == "12/05/2020"
    assert place_of(imported, "ĐẢNG CỘNG SẢN VIỆT NAM") == "khuon:quoc-hieu"
    headings = [line for line in imported.body.splitlines() if line.startswith("#")]
    assert headings == ["## I. KẾT QUẢ NHIỆM KỲ QUA"]


def test_header_lines_in_another_order_are_still_read():
    swapped = "\n".join(["ĐẢNG CỘNG SẢN VIỆT NAM", "An Bình, ngày 12 tháng 5 năm 2020", "ĐẢNG BỘ XÃ AN BÌNH",
                         "CHI BỘ TH AN BÌNH", "Số 03-BC/CB", "BÁO CÁO", "Kết quả năm 2020", "I. KẾT QUẢ", "Tốt."])
    meta = imported_from(swapped).meta
    assert (meta["cap_tren"], meta["chi_bo"], meta["so"], meta["ngay"]) == \
        ("ĐẢNG BỘ XÃ AN BÌNH", "CHI BỘ TH AN BÌNH", "03-BC/CB", "12/05/2020")


def test_an_unknown_header_line_is_kept_as_text_with_a_note_never_dropped():
    imported = imported_from(CONGRESS.replace("NHIỆM KỲ 2020-2022\n", "NHIỆM KỲ 2020-2022\nLƯU HÀNH NỘI BỘ BẢN SAO\n"))
    assert place_of(imported, "LƯU HÀNH NỘI BỘ BẢN SAO") == "body"
    assert imported.body.startswith("LƯU HÀNH NỘI BỘ BẢN SAO\n")
    assert any("LƯU HÀNH NỘI BỘ BẢN SAO" in note for note in imported.notes)


GUIDE = """BAN CHẤP HÀNH TRUNG ƯƠNG\t\tĐẢNG CỘNG SẢN VIỆT NAM
ỦY BAN KIỂM TRA
*
Số 96-HD/UBKTTW\t\tHà Nội, ngày 30 tháng 3 năm 2099
HƯỚNG DẪN
THỰC HIỆN MỘT SỐ ĐIỀU TRONG QUY ĐỊNH SỐ 881-QĐ/TW
Căn cứ Điều lệ Đảng;
Điều 1. Phạm vi
1- Hướng dẫn này
áp dụng cho mọi tổ chức đảng.
Điều 2. Hiệu lực
Hướng dẫn này thay thế Hướng dẫn số 95-HD/UBKTTW.
T/M ỦY BAN KIỂM TRA
CHỦ NHIỆM
Nguyễn Văn Thử
"""


def test_a_trich_yeu_beginning_thuc_hien_is_the_trich_yeu_and_a_cut_clause_is_no_heading():
    imported = imported_from(GUIDE)
    assert imported.facts["trich_yeu"] == "THỰC HIỆN MỘT SỐ ĐIỀU TRONG QUY ĐỊNH SỐ 881-QĐ/TW"
    assert imported.doc_type.code == "quy-dinh" and imported.new_entry is not None
    assert "#" not in next(line for line in imported.body.splitlines() if "Hướng dẫn này" in line)
    assert "1- Hướng dẫn này áp dụng cho mọi tổ chức đảng." in imported.body.replace("\\", "")
    entry = imported.new_entry
    assert entry["co_quan"] == "Ủy ban Kiểm tra Trung ương" and entry["ngay"] == "30/03/2099"
    assert entry["trich_yeu"] == "Thực hiện một số điều trong Quy định số 881-QĐ/TW"
    assert imported.replaces == ["95-HD/UBKTTW"]


@pytest.mark.parametrize("caps, cased", [
    ("VỀ XỬ LÝ KỶ LUẬT ĐẢNG VIÊN VI PHẠM", "Về xử lý kỷ luật đảng viên vi phạm"),
    ("THẨM QUYỀN BAN HÀNH VĂN BẢN CỦA ĐẢNG", "Thẩm quyền ban hành văn bản của Đảng"),
    ("HỌC TẬP VÀ LÀM THEO BÁC HỒ", "Học tập và làm theo Bác Hồ"),
    ("NGHỊ QUYẾT HỘI NGHỊ BAN CHẤP HÀNH TRUNG ƯƠNG 4 KHÓA XII", "Nghị quyết hội nghị Ban Chấp hành Trung ương 4 khóa XII"),
    ("ĐẠI HỘI CHI BỘ LẦN THỨ VI", "Đại hội chi bộ lần thứ VI"),
])
def test_sentence_case_keeps_listed_names_and_only_numbering_numerals(caps, cased):
    assert sentence_case(caps) == cased


def test_title_casing_is_not_carried_from_the_text_and_the_label_is_not_repeated():
    text = ("CHI BỘ TRƯỜNG A\nKẾ HOẠCH\nKẾ HOẠCH CÔNG TÁC CỦA CHI BỘ VỀ THẨM QUYỀN BAN HÀNH\nI. NỘI DUNG\n"
            "Theo Chỉ thị của Bộ, Ban hành văn bản đúng Thẩm quyền.\n")
    title = imported_from(text).meta["title"]
    assert title == "Kế hoạch công tác của chi bộ về thẩm quyền ban hành"


def run_import(project: Path, source: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "chibo.commands.importdoc", str(source), "--project", str(project),
                           *extra], capture_output=True, text=True, timeout=120, cwd=project)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_central_document_becomes_a_regulation_page_and_records_what_it_replaces(project, tmp_path):
    source = tmp_path / "huong-dan.txt"
    source.write_text(GUIDE, encoding="utf-8")
    done = run_import(project, source)
    assert done.returncode == 0, done.stderr
    page = project / "docs" / "quy-dinh" / "96-hd-ubkttw.md"
    text = page.read_text(encoding="utf-8")
    assert "ma: 96-HD/UBKTTW" in text and "\n## Điều 1. Phạm vi" in text and "Toàn văn" not in text
    registry = load_registry(project / "data")
    assert not registry.problems
    entry = registry.get("96-HD/UBKTTW")
    assert entry.page == "quy-dinh/96-hd-ubkttw.md" and entry.date == "30/03/2099"
    assert entry.source("ngay")[0].startswith("tệp nhập huong-dan.txt")
    old = registry.get("95-HD/UBKTTW")
    assert old.superseded and registry.replacing(old) is entry and old.source("thay_the_boi")
    shown = attributes(entry, registry, relative_link(entry.page))
    assert "95-HD/UBKTTW" in shown and "tệp nhập huong-dan.txt" in shown
    assert "quy-dinh/96-hd-ubkttw.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    again = run_import(project, source)
    assert again.returncode == 1 and "NH009" in again.stderr and "Traceback" not in again.stderr


def test_a_registry_fact_without_a_source_says_so():
    registry = parse_registry(yaml.safe_dump({"van_ban": [
        {"ma": "1-QĐ/TW", "loai": "Quy định", "ngay": "01/01/2001", "tinh_trang": "con-hieu-luc",
         "nguon": {"ngay": {"theo": "Công báo", "ngay_kiem": "05/12/2026"}}}]}, allow_unicode=True))
    shown = attributes(registry.entries[0], registry, relative_link("quy-dinh/x.md"))
    sources = shown.split("Nguồn thông tin", 1)[1]
    assert "ngày ban hành: Công báo (kiểm ngày 05/12/2026)" in sources
    assert "tình trạng hiệu lực: <span class=\"chua-kiem-chung\">chưa kiểm chứng</span>" in sources


PLAN = """ĐẢNG BỘ XÃ AN BÌNH\t\tĐẢNG CỘNG SẢN VIỆT NAM
CHI BỘ TRƯỜNG TIỂU HỌC AN BÌNH
Số 07-KH/CB\t\tAn Bình, ngày 05 tháng 9 năm 2021
KẾ HOẠCH
THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ CỦA CHI BỘ TRƯỜNG TIỂU HỌC AN BÌNH NĂM HỌC 2021-2022 VÀ CÁC NĂM TIẾP THEO
I. MỤC ĐÍCH
Chi bộ lãnh đạo hoàn thành nhiệm vụ.
"""


def test_reimport_is_refused_then_updates_keeping_hand_edits_and_names_end_at_a_word(project, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text(PLAN, encoding="utf-8")
    first = run_import(project, source)
    assert first.returncode == 0, first.stderr
    path = Path(first.stdout.split("Đã nhập thành: ", 1)[1].splitlines()[0].strip())
    path = path if path.is_absolute() else project / path
    stem = path.stem
    words = "2021-ke-hoach-thuc-hien-nhiem-vu-chinh-tri-cua-chi-bo-truong-tieu-hoc-an-binh-nam-hoc-2021-2022-va"
    assert words.startswith(stem) and words[len(stem):len(stem) + 1] in ("", "-")
    path.write_text(path.read_text(encoding="utf-8").replace("title: Kế hoạch", "title: Sửa tay kế hoạch"),
                    encoding="utf-8")
    second = run_import(project, source)
    assert second.returncode == 1 and "NH012" in second.stderr and "CAP_NHAT=1" in second.stderr
    assert len(list(path.parent.glob(stem + "*.md"))) == 1
    source.write_text(PLAN.replace("hoàn thành nhiệm vụ.", "hoàn thành xuất sắc nhiệm vụ."), encoding="utf-8")
    third = run_import(project, source, "--cap-nhat")
    assert third.returncode == 0, third.stderr
    text = path.read_text(encoding="utf-8")
    assert "title: Sửa tay kế hoạch" in text and "hoàn thành xuất sắc nhiệm vụ." in text
    assert len(list(path.parent.glob(stem + "*.md"))) == 1
    copy = tmp_path / "ban-sao-cung-noi-dung.txt"  # the same content under another name: the same document
    copy.write_bytes(source.read_bytes())
    fourth = run_import(project, copy)
    assert fourth.returncode == 1 and "NH012" in fourth.stderr


@pytest.mark.parametrize("text, fixed", [
    ("Nghị quyết của chi bé tháng 3", "Nghị quyết của chi bộ tháng 3"),
    ("cã mét sè đảng viên", "cã một số đảng viên"),
    ("Em bé học tập tốt", "Em bé học tập tốt"),
])
def test_a_tcvn3_word_that_is_also_unicode_is_decided_by_its_neighbour(text, fixed):
    from chibo.reading.legacy import repair_tcvn3_fragments

    assert repair_tcvn3_fragments(text)[0] == fixed


def test_the_import_message_lists_the_converted_paragraphs(tmp_path):
    from docx import Document

    from chibo.reading.importer import read_source

    word = Document()
    for line in ("CHI BỘ TRƯỜNG A", "KẾ HOẠCH", "Công tác năm 2023", "I. NỘI DUNG",
                 "Đảng viên của chi bé tham gia đầy đủ.", "Mọi việc bình thường."):
        word.add_paragraph(line)
    word.save(tmp_path / "kh.docx")
    reading = read_source((tmp_path / "kh.docx").read_bytes(), "kh.docx")
    imported = convert(reading, SETTINGS, "kh.docx", None, REGISTRY)
    note = next(n for n in imported.notes if "Unicode" in n)
    assert "đoạn chữ chữ" not in note and "1 đoạn" in note and 'đoạn 5 "Đảng viên của chi bộ tham …"' in note
    assert "chi bộ tham gia" in imported.body


def test_no_citation_links_to_a_regulation_page_still_in_draft():
    from chibo.checking.citations import Detector, build_index
    from chibo.document.model import load
    from chibo.rendering.mdx_citations import citation_link

    draft = load("---\ntitle: Quy định 213-QĐ/TW\nloai: quy-dinh\nma: 213-QĐ/TW\nnhap: true\n---\n\n## Điều 1. A\n"
                 .encode("utf-8"), "docs/quy-dinh/213-qd-tw.md")
    [citation] = Detector(REGISTRY).find("Thực hiện Quy định số 213-QĐ/TW")
    assert citation_link(citation, "ke-hoach/x.md", build_index({"quy-dinh/213-qd-tw.md": draft}, REGISTRY)) is None
    published = load(b"---\ntitle: Q\nloai: quy-dinh\nma: 213-QD/TW\n---\n\n## Pham vi\n", "docs/quy-dinh/213-qd-tw.md")
    index = build_index({"quy-dinh/213-qd-tw.md": published}, REGISTRY)
    assert citation_link(citation, "ke-hoach/x.md", index).href == "../quy-dinh/213-qd-tw.md"


def test_our_summary_of_a_regulation_is_labelled_and_its_pdf_has_no_header_of_the_original():
    from chibo.rendering.pdf import document_view
    from chibo.rendering.regulation_page import is_summary

    summary = (ROOT / "docs" / "quy-dinh" / "213-qd-tw.md").read_text(encoding="utf-8")
    assert is_summary(summary) and not is_summary("## Toàn văn\n\n### Điều 1. Phạm vi\n\nA.\n")
    meta = {"loai": "quy-dinh", "ma": "213-QĐ/TW", "title": "Quy định 213-QĐ/TW", "tom_tat": True}
    view = document_view(meta, SETTINGS.types["quy-dinh"], SETTINGS.cell)
    assert view["tom_tat"] and view["loai"] == "BẢN TÓM TẮT"
    assert view["so"] == "" and view["chi_bo"] == "" and view["ngay"] == "" and view["cap_tren"] == ""


def test_a_label_word_further_down_a_reprint_does_not_make_its_opening_a_header():
    imported = imported_from("\n".join([
        "**Chi bộ vùng cao đẩy mạnh học tập và làm theo gương Bác**",
        "Những năm qua, chi bộ thôn bản vùng cao đã kiên trì đưa việc học tập và làm theo gương Bác vào sinh hoạt "
        "thường kỳ của từng đảng viên.",
        "KẾ HOẠCH HÀNH ĐỘNG CỦA CHI BỘ",
        "Chi bộ giao mỗi đảng viên nhận một việc cụ thể."]))
    assert imported.meta["trich_yeu"] == "Chi bộ vùng cao đẩy mạnh học tập và làm theo gương Bác"
    assert not any(line.place == "ten_loai" for line in imported.lines)


def test_a_date_cut_into_columns_by_wide_gaps_and_a_long_issuer_beside_it_are_read():
    # "ngày   20   tháng   6" splits the day on its own; a long issuer name on the same line as
    # the date is two columns, not one long sentence that would end the header
    imported = imported_from(BLANK_DATE.replace("CHI BỘ XÓM HAI\t\tTân thái, ngày     tháng    năm 2011",
                                                "CHI BỘ TRƯỜNG MẦM NON SƠN PHÚ GIẢ ĐỊNH\tTân Thái, ngày   20   "
                                                "tháng   6   năm 2016"))
    meta = imported.meta
    assert imported.doc_type.code == "bao-cao" and meta["trich_yeu"] == "Kết quả công tác năm"
    assert (meta["ngay"], meta["dia_danh"], meta["chi_bo"]) == \
        ("20/06/2016", "Tân Thái", "CHI BỘ TRƯỜNG MẦM NON SƠN PHÚ GIẢ ĐỊNH")


def test_a_guidance_naming_a_registered_regulation_in_its_trich_yeu_is_its_own_document():
    known = next(e for e in REGISTRY.entries if e.code == "213-QĐ/TW" and e.subject)
    text = GUIDE.replace("THỰC HIỆN MỘT SỐ ĐIỀU TRONG QUY ĐỊNH SỐ 881-QĐ/TW",
                         f"THỰC HIỆN QUY ĐỊNH SỐ 213-QĐ/TW {known.subject.upper()}")
    imported = imported_from(text)
    assert imported.entry is None and imported.new_entry["ma"] == "96-HD/UBKTTW"


RECORDED_WITHOUT_PAGE = """BAN CHẤP HÀNH TRUNG ƯƠNG\t\tĐẢNG CỘNG SẢN VIỆT NAM
*
Số 66-QĐ/TW\t\tHà Nội, ngày 06 tháng 02 năm 2017
QUY ĐỊNH
VỀ THỂ LOẠI, THẨM QUYỀN BAN HÀNH VÀ THỂ THỨC VĂN BẢN CỦA ĐẢNG
Điều 1. Phạm vi
Nội dung thử nghiệm của điều một.
Điều 2. Đối tượng
Nội dung thử nghiệm của điều hai.
"""


def test_a_recorded_regulation_without_a_page_gets_one_and_only_its_empty_fields_are_filled(project, tmp_path):
    before = load_registry(project / "data").get("66-QĐ/TW")
    assert before is not None and not before.page and before.date and not before.subject
    source = tmp_path / "qd-66.txt"
    source.write_text(RECORDED_WITHOUT_PAGE, encoding="utf-8")
    done = run_import(project, source)
    assert done.returncode == 0, done.stderr
    assert (project / "docs" / "quy-dinh" / "66-qd-tw.md").is_file()
    registry = load_registry(project / "data")
    assert not registry.problems and len(registry.entries) == len(load_registry(ROOT / "data").entries)
    after = registry.get("66-QĐ/TW")
    assert after.page == "quy-dinh/66-qd-tw.md" and after.subject.startswith("Về thể loại")
    assert after.source("trich_yeu")[0].startswith("tệp nhập qd-66.txt")
    assert (after.date, after.source("ngay"), after.note) == (before.date, before.source("ngay"), before.note)
