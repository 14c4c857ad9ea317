"""A generated year of a cell (2023) for the month/continuity/targets tests.

Twelve months planned in the plan's ``lich_hop`` with one chuyên đề per quarter (months
2, 5, 8, 11); eleven monthly documents (August, the third quarter's chuyên đề, is left
out on purpose; a confidential conclusion for August exists and must count for nothing);
October's document does not review task 2 of September; the year-end report answers four
of the plan's five targets. What the tests expect is written by hand below.
"""

from __future__ import annotations

import re
from pathlib import Path

YEAR = 2023
MISSING_MONTH = 8
TOPIC_MONTHS = {2: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                5: "Nêu cao vai trò nêu gương của đảng viên",
                8: "Phòng chống tham nhũng, tiêu cực",
                11: "Xây dựng trường học hạnh phúc"}
UNANSWERED = (9, 2)  # (month, task number) that October's results leave out
SECRET = "Phòng họp kín số 7 BÍMẬT"
HOSTILE_PLACE = "<img src=x onerror=alert(1)> Phòng 2 & hội trường"  # shown as typed, never as HTML

ACTIVITIES = ["Tổ chức hội thi", "Kiểm tra nội bộ về", "Tuyên truyền phụ huynh về"]
SUBJECTS = ["an toàn thực phẩm bếp ăn", "phòng chống dịch sởi", "trang trí lớp học xanh", "góc sách thư viện",
            "vệ sinh răng miệng", "giao thông học đường", "lễ hội trăng rằm", "kỹ năng bơi an toàn",
            "tiết kiệm điện nước", "bảo vệ môi trường", "ngày hội đến trường", "chăm sóc cây xanh",
            "dinh dưỡng học đường", "phòng cháy chữa cháy"]

TARGETS = [
    "100% đảng viên tham gia học tập nghị quyết của Đảng.",
    "Kết nạp 02 quần chúng ưu tú vào Đảng.",
    "Chi bộ đạt danh hiệu hoàn thành xuất sắc nhiệm vụ.",
    "Thu nộp đảng phí đầy đủ, đúng quy định.",
    "Nhà trường đạt chuẩn trường học an toàn phòng chống tai nạn thương tích.",
]
REPORT_LINES = [
    "Đảng viên tham gia học tập nghị quyết của Đảng: 100%, đạt chỉ tiêu.",
    "Kết nạp quần chúng ưu tú vào Đảng: mới kết nạp 01 đồng chí, chưa đạt chỉ tiêu.",
    "Thu nộp đảng phí đầy đủ trong cả năm, đúng quy định.",
    "Nhà trường được công nhận đạt chuẩn trường học an toàn, phòng chống tai nạn thương tích.",
]
# Hand-computed: the targets page's table for the year.
EXPECTED_TARGETS = [
    (TARGETS[0], "Đạt"),
    (TARGETS[1], "Chưa đạt"),
    (TARGETS[2], "Chưa báo cáo"),
    (TARGETS[3], "Có báo cáo, chưa rõ đạt hay không"),
    (TARGETS[4], "Đạt"),
]


def task(month: int, number: int) -> str:
    subject = SUBJECTS[(month + number) % len(SUBJECTS)]
    text = f"{ACTIVITIES[number - 1]} {subject} tháng {month}"
    if month == 11 and number == 3:
        text = "Chuẩn bị <b>tổng kết</b> năm & khen thưởng"  # shown as typed, never as HTML
    return text


def _front(meta_lines: list[str]) -> str:
    common = ["so: \"\"", "ngay: \"\"", "cap_tren: Đảng bộ Phường Thạch Bàn", "chi_bo: Chi bộ Trường Mầm non Hoa Mai",
              "tham_quyen: T/M CHI BỘ", "chuc_vu: BÍ THƯ", "nguoi_ky: Nguyễn Thị An", "noi_nhan:",
              "  - Đảng ủy phường;", "  - Lưu."]
    return "---\n" + "\n".join(meta_lines + common) + "\n---\n\n"


def meeting_date(month: int) -> str:
    return f"05/{month:02d}/{YEAR}"


def plan() -> str:
    schedule = []
    for month in range(1, 13):
        entry = f"  - {{ngay: {meeting_date(month)}, gio: \"14:00\", dia_diem: Phòng họp nhà trường"
        if month in TOPIC_MONTHS:
            entry += f", hinh_thuc: chuyen-de, chu_de: \"{TOPIC_MONTHS[month]}\""
        schedule.append(entry + "}")
    meta = [f"title: Kế hoạch hoạt động năm {YEAR}", "loai: ke-hoach", f"trich_yeu: Hoạt động của chi bộ năm {YEAR}",
            f"nam: {YEAR}", "lich_hop:", *schedule]
    body = ["Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "",
            "## I. ĐẶC ĐIỂM TÌNH HÌNH", "", "- Chi bộ có 20 đảng viên.", "",
            "## II. CÁC NHIỆM VỤ CỤ THỂ", "", "### 1. Nhiệm vụ chính trị", "", "- Chăm sóc, giáo dục trẻ.", "",
            "### 2. Các chỉ tiêu phấn đấu", "", *[f"- {t}" for t in TARGETS], "",
            "## III. TỔ CHỨC THỰC HIỆN", "", "- Chi ủy triển khai kế hoạch.", ""]
    return _front(meta) + "\n".join(body)


def month_doc(month: int, *, kind: str = "nghi-quyet", confidential: bool = False) -> str:
    place = SECRET if confidential else (HOSTILE_PLACE if month == 12 else "Phòng họp nhà trường")
    meeting = [f"  ngay: {meeting_date(month)}", "  gio: \"14:00\"",
               f"  dia_diem: \"{place}\"", "  co_mat: 18", "  tong_so: 20"]
    if month in TOPIC_MONTHS:
        meeting += ["  hinh_thuc: chuyen-de", f"  chu_de: \"{TOPIC_MONTHS[month]}\""]
    label = "Nghị quyết" if kind == "nghi-quyet" else "Thông báo kết luận"
    meta = [f"title: {label} tháng {month}/{YEAR}", f"loai: {kind}",
            f"trich_yeu: {label} sinh hoạt chi bộ tháng {month} năm {YEAR}", f"thang: {YEAR}-{month:02d}",
            "hop:", *meeting]
    if confidential:
        meta.append("mat: true")
    results = []
    previous = month - 1
    if previous >= 1 and previous != MISSING_MONTH:
        for number in (1, 2, 3):
            if (previous, number) == UNANSWERED:
                continue
            if previous == 3 and number == 3:
                results.append("- Nhiệm vụ 3: đã hoàn thành đúng hạn.")  # referred to by its number
            else:
                results.append(f"- Đã {task(previous, number)[0].lower()}{task(previous, number)[1:]}, đạt kết quả tốt.")
    results.append("- Đảng viên chấp hành tốt nội quy nhà trường.")
    body = [f"## I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG {previous if previous else 12}", "", *results, "",
            f"## II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG {month}", "",
            *[f"{n}. {task(month, n)}; phụ trách: đ/c Hiệu trưởng." for n in (1, 2, 3)], ""]
    if confidential:
        body.append(f"- {SECRET}")
    return _front(meta) + "\n".join(body)


def report() -> str:
    meta = [f"title: Báo cáo tổng kết năm {YEAR}", "loai: bao-cao", f"trich_yeu: Kết quả hoạt động năm {YEAR}",
            f"nam: {YEAR}"]
    body = ["## I. ĐẶC ĐIỂM TÌNH HÌNH", "", "- Chi bộ có 20 đảng viên.", "",
            f"## II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM {YEAR}", "", *[f"- {line}" for line in REPORT_LINES], "",
            "## III. PHƯƠNG HƯỚNG, NHIỆM VỤ", "", "- Tiếp tục xây dựng chi bộ trong sạch, vững mạnh.", ""]
    return _front(meta) + "\n".join(body)


def write_year(docs: Path) -> dict[str, str]:
    """Write the year under docs/; returns {docs-relative path: title} of the published pages."""
    pages: dict[str, str] = {}

    def put(relative: str, text: str) -> None:
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        title = re.search(r"^title: (.*)$", text, re.M).group(1)  # type: ignore[union-attr]
        if "\nmat: true" not in text:
            pages[relative] = title

    put(f"ke-hoach/{YEAR}-ke-hoach.md", plan())
    put(f"bao-cao/{YEAR}-bao-cao.md", report())
    for month in range(1, 13):
        if month == MISSING_MONTH:
            put(f"ket-luan/{YEAR}-{month:02d}-ket-luan.md", month_doc(month, kind="thong-bao-ket-luan", confidential=True))
            continue
        kind = "thong-bao-ket-luan" if month == 6 else "nghi-quyet"
        folder = "ket-luan" if kind == "thong-bao-ket-luan" else "nghi-quyet"
        put(f"{folder}/{YEAR}-{month:02d}-{folder}.md", month_doc(month, kind=kind))
    return pages


def add_to_nav(mkdocs_yml: Path, pages: dict[str, str]) -> None:
    text = mkdocs_yml.read_text(encoding="utf-8")
    for relative, title in sorted(pages.items()):
        folder = relative.split("/")[0]
        anchor = f"      - {folder}/index.md\n"
        assert anchor in text, folder
        text = text.replace(anchor, anchor + f"      - \"{title}\": {relative}\n", 1)
    mkdocs_yml.write_text(text, encoding="utf-8")
