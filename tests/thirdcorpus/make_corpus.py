"""A third, independent corpus (issue 20): headers as secretaries type them, Central documents.

Written from issue 20 alone, without reading the importer. Every document is described line
by line: each :class:`Line` is one line a reader sees in Word (a paragraph, a table-cell
paragraph, or one column of a tab-separated line) with the place it must end in after import:

- ``body``    — in the page body (``find``: the text a reader must see there, list marker dropped);
- ``heading`` — a Markdown heading of the body (``level``: 1 = top rank of this document);
- ``fact``    — a front-matter (or, for a Central document, registry) fact; ``keys`` names the
                front-matter keys that may hold it (empty: any key but title and trích yếu);
- ``form``    — layout only (the Party's motto, separators): never a heading.

Cells, places and people are invented (obviously fictional names). Real regulations are
named only with facts from /work/shared/reference/regulations.md: where the reference has no
date for a Central document (69-QĐ/TW, 102-QĐ/TW, 181-QĐ/TW, 06-HD/UBKTTW) its place-date line
is left blank, as on a copy before signing; their wording is a placeholder, marked as such.

Run: ``python -m tests.thirdcorpus.make_corpus DEST`` (writes DEST/*.docx, prints the cases).
"""

from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn

PLACEHOLDER = ("(Bản thử nghiệm: lời văn dưới đây được viết để kiểm thử chương trình, không phải "
               "nguyên văn của văn bản.)")


@dataclass
class Line:
    text: str                 # the line as a reader sees it (Unicode)
    role: str                 # body | heading | fact | form
    find: str = ""            # body: text the page must show; heading: the whole heading
    level: int = 0            # heading rank, 1 = top
    keys: tuple[str, ...] = ()
    enc: str = ""             # "tcvn3" (.VnTime) / "tcvn3h" (.VnTimeH): how Word stores the run
    stored: str = ""          # the characters in the file when they differ from ``text`` (legacy fonts)


@dataclass
class Doc:
    name: str
    loai: str | None                        # expected front-matter loai; None for a bad file
    dang: str | None = None                 # expected subtype (data/loai-van-ban.yml "dang")
    ten_loai: str | None = None             # van-ban: the type label kept
    facts: dict[str, str | None] = field(default_factory=dict)   # None: the file has none
    title: str | None = None                # exact expected title (None: not pinned)
    title_prefix: str | None = None
    title_forbid: list[str] = field(default_factory=list)
    registry: dict[str, str | None] = field(default_factory=dict)  # Central: the registry entry
    replaces: str | None = None             # Central: the code it names as replaced
    lines: list[Line] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)  # TCVN3 paragraphs (Unicode) the message lists
    cites: list[str] = field(default_factory=list)      # codes cited whose page exists once imported in order
    refusal: bool = False

    @property
    def headings(self) -> list[tuple[int, str]]:
        seen, out = set(), []
        for ln in self.lines:
            if ln.role == "heading" and ln.find not in seen:
                seen.add(ln.find)
                out.append((ln.level, ln.find))
        return out


# --- TCVN3 (ABC) encoder, our own table ------------------------------------------------
_T3_LOWER = {
    "à": "µ", "ả": "¶", "ã": "·", "á": "¸", "ạ": "¹", "ă": "¨", "ằ": "»", "ẳ": "¼", "ẵ": "½", "ắ": "¾",
    "ặ": "Æ", "â": "©", "ầ": "Ç", "ẩ": "È", "ẫ": "É", "ấ": "Ê", "ậ": "Ë", "đ": "®", "è": "Ì", "ẻ": "Î",
    "ẽ": "Ï", "é": "Ð", "ẹ": "Ñ", "ê": "ª", "ề": "Ò", "ể": "Ó", "ễ": "Ô", "ế": "Õ", "ệ": "Ö", "ì": "×",
    "ỉ": "Ø", "ĩ": "Ü", "í": "Ý", "ị": "Þ", "ò": "ß", "ỏ": "á", "õ": "â", "ó": "ã", "ọ": "ä", "ô": "«",
    "ồ": "å", "ổ": "æ", "ỗ": "ç", "ố": "è", "ộ": "é", "ơ": "¬", "ờ": "ê", "ở": "ë", "ỡ": "ì", "ớ": "í",
    "ợ": "î", "ù": "ï", "ủ": "ñ", "ũ": "ò", "ú": "ó", "ụ": "ô", "ư": "\xad", "ừ": "õ", "ử": "ö", "ữ": "÷",
    "ứ": "ø", "ự": "ù", "ỳ": "ú", "ỷ": "û", "ỹ": "ü", "ý": "ý", "ỵ": "þ"}
_T3_UPPER = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}


def to_tcvn3(text: str, capitals: bool = False) -> str:
    """What Word stores for ``text`` typed in .VnTime (or .VnTimeH, whose lower codes print as capitals)."""
    out = []
    for ch in text:
        if capitals and ch.lower() in _T3_LOWER:
            out.append(_T3_LOWER[ch.lower()])
        elif ch in _T3_LOWER:
            out.append(_T3_LOWER[ch])
        elif ch in _T3_UPPER:
            out.append(_T3_UPPER[ch])
        elif ch.lower() in _T3_LOWER:  # a capital with a tone: .VnTime has none, typed lower
            out.append(_T3_LOWER[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


# --- a small writer ----------------------------------------------------------------------
class Writer:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.word = WordDocument()

    def _run(self, par, text: str, enc: str = "", bold=False, italic=False):
        stored = to_tcvn3(text, capitals=enc == "tcvn3h") if enc else text
        run = par.add_run(stored)
        run.bold, run.italic = bold or None, italic or None
        if enc:
            font = ".VnTimeH" if enc == "tcvn3h" else ".VnTime"
            run.font.name = font
            rfonts = run._r.get_or_add_rPr().find(qn("w:rFonts"))
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                rfonts.set(qn(attr), font)
        return run

    def add(self, line: Line, *, typed: str | None = None, bold=False, italic=False, center=False,
            page_break=False, target=None):
        """One paragraph holding ``line`` (typed as ``typed`` when the file shows a marker)."""
        par = (target or self.word).add_paragraph()
        run = self._run(par, typed if typed is not None else line.text, line.enc, bold, italic)
        if line.enc:
            line.stored = run.text
        if center:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if page_break:
            par.runs[-1].add_break(WD_BREAK.PAGE)
        self.doc.lines.append(line)
        return par

    def mixed(self, line: Line, parts: list[tuple[str, str]]):
        """A paragraph of runs in different encodings: [(text, enc), ...]."""
        par = self.word.add_paragraph()
        line.stored = "".join(self._run(par, text, enc).text for text, enc in parts)
        self.doc.lines.append(line)
        return par

    def tabs(self, cols: list[Line], *, bold=False, italic=False):
        """Header columns typed on one line, separated by tabs."""
        par = self.word.add_paragraph()
        for i, ln in enumerate(cols):
            if i:
                par.add_run("\t\t")
            self._run(par, ln.text, ln.enc, bold=bold and ln.text.isupper(), italic=italic and "ngày" in ln.text)
            self.doc.lines.append(ln)
        return par

    def table(self, cells: list[list[list[Line]]]):
        """A borderless header table: rows of cells, each a list of lines (paragraphs)."""
        table = self.word.add_table(rows=len(cells), cols=len(cells[0]))
        for r, row in enumerate(cells):
            for c, lines in enumerate(row):
                cell = table.cell(r, c)
                first = True
                for ln in lines:
                    par = cell.paragraphs[0] if first else cell.add_paragraph()
                    first = False
                    self._run(par, ln.text, ln.enc, bold=ln.text.isupper() and ln.role != "body",
                              italic="ngày" in ln.text)
                    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    self.doc.lines.append(ln)
        return table

    def save(self, dest: Path) -> None:
        self.word.save(dest / self.doc.name)


def body(text: str, find: str | None = None, enc: str = "") -> Line:
    return Line(text, "body", find if find is not None else text, enc=enc)


def head(text: str, level: int, whole: str | None = None, enc: str = "") -> Line:
    return Line(text, "heading", whole or text, level, enc=enc)


def fact(text: str, *keys: str, enc: str = "") -> Line:
    return Line(text, "fact", keys=tuple(keys), enc=enc)


def form(text: str) -> Line:
    return Line(text, "form")


MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"


def _paras(w: Writer, sentences: list[str], marker: str = "- ") -> None:
    for s in sentences:
        w.add(body(s), typed=f"{marker}{s}")


def _closing(w: Writer, signer: str, *, authority="T/M CHI BỘ", role="BÍ THƯ", recipients=True) -> None:
    w.add(body("Trên đây là nội dung văn bản của chi bộ, đề nghị các đồng chí đảng viên thực hiện nghiêm túc./."))
    if recipients:
        w.add(form("Nơi nhận:"), bold=True, italic=True)
        for r in ("- Đảng ủy xã (để báo cáo);", "- Các đảng viên trong chi bộ;", "- Lưu."):
            w.add(fact(r[2:], "noi_nhan"), typed=r)
    w.add(fact(authority, "tham_quyen", "chuc_vu", "co_quan"), bold=True, center=True)
    if role:
        w.add(fact(role, "chuc_vu"), bold=True, center=True)
    w.add(fact(signer, "nguoi_ky"), bold=True, center=True)


# --- documents of the cells --------------------------------------------------------------
def kh_ngay_de_trong() -> Writer:
    """Plan, typed lines, the day and month left blank for handwriting, aligned with spaces."""
    d = Doc("kh-ngay-de-trong.docx", "ke-hoach", title="Kế hoạch thực hiện nhiệm vụ năm 2011",
            facts={"nam": "2011", "ngay": None, "dia_danh": "Tân thái", "so": "05-KH/CB",
                   "trich_yeu": "Thực hiện nhiệm vụ năm 2011", "cap_tren": "Đảng bộ xã Tân Thái Giả Định",
                   "chi_bo": "Chi bộ thôn Đông Thử Nghiệm", "nguoi_ky": "Nguyễn Văn Mẫu"})
    w = Writer(d)
    w.add(fact("ĐẢNG BỘ XÃ TÂN THÁI GIẢ ĐỊNH", "cap_tren"), center=True)
    w.add(fact("CHI BỘ THÔN ĐÔNG THỬ NGHIỆM", "chi_bo"), bold=True, center=True)
    w.add(form("*"), center=True)
    w.add(fact("Số 05-KH/CB", "so"), center=True)
    w.add(form(MOTTO), bold=True, center=True)
    w.add(fact("Tân thái, ngày     tháng    năm 2011", "dia_danh", "nam", "ngay"), italic=True, center=True)
    w.add(fact("KẾ HOẠCH", "loai", "ten_loai"), bold=True, center=True)
    w.add(fact("Thực hiện nhiệm vụ năm 2011", "trich_yeu"), bold=True, center=True)
    w.add(form("-----"), center=True)
    w.add(body("Căn cứ Điều lệ Đảng và chương trình công tác năm 2011 của Đảng ủy xã Tân Thái Giả Định;"))
    w.add(head("I. ĐẶC ĐIỂM TÌNH HÌNH", 1), bold=True)
    _paras(w, ["Chi bộ thôn có 14 đảng viên, trong đó 2 đảng viên dự bị, sinh hoạt đều đặn hằng tháng.",
               "Nhân dân trong thôn đồng thuận, tích cực tham gia các phong trào của địa phương."])
    w.add(head("II. NHIỆM VỤ CỤ THỂ", 1), bold=True)
    _paras(w, ["Duy trì sinh hoạt chi bộ vào ngày mùng 5 hằng tháng tại nhà văn hóa thôn.",
               "Vận động các hộ hoàn thành việc làm đường bê tông nội đồng trước mùa mưa."])
    w.add(head("III. TỔ CHỨC THỰC HIỆN", 1), bold=True)
    _paras(w, ["Chi ủy phân công từng đảng viên phụ trách các nhóm hộ trong thôn."])
    _closing(w, "Nguyễn Văn Mẫu")
    return w


def bc_ngay_can_le() -> Writer:
    """Report, header in a table; the date aligned with runs of spaces."""
    d = Doc("bc-ngay-can-le.docx", "bao-cao",
            title="Báo cáo tổng kết công tác xây dựng Đảng năm 2020",
            facts={"nam": "2020", "ngay": "10/01/2021", "dia_danh": "Sơn Phú", "so": "12-BC/CB",
                   "trich_yeu": "Tổng kết công tác xây dựng Đảng năm 2020",
                   "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm", "chi_bo": "Chi bộ Trường Tiểu học Sơn Phú Giả Định",
                   "nguoi_ky": "Lê Thị Thử"})
    w = Writer(d)
    w.table([[[fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"),
               fact("CHI BỘ TRƯỜNG TIỂU HỌC SƠN PHÚ GIẢ ĐỊNH", "chi_bo"), form("*")],
              [form(MOTTO)]],
             [[fact("Số 12-BC/CB", "so")],
              [fact("Sơn Phú, ngày  10  tháng 01   năm 2021", "dia_danh", "ngay")]]])
    w.add(fact("BÁO CÁO", "loai"), bold=True, center=True)
    w.add(fact("Tổng kết công tác xây dựng Đảng năm 2020", "trich_yeu", "nam"), bold=True, center=True)
    w.add(head("I. ĐẶC ĐIỂM TÌNH HÌNH", 1), bold=True)
    _paras(w, ["Chi bộ có 21 đảng viên, 100% có trình độ chuẩn và trên chuẩn về chuyên môn.",
               "Cơ sở vật chất của nhà trường được Ủy ban nhân dân xã quan tâm đầu tư."])
    w.add(head("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", 1), bold=True)
    w.add(head("1. Công tác chính trị, tư tưởng", 2), bold=True)
    _paras(w, ["Đảng viên học tập đầy đủ các chuyên đề, viết bài thu hoạch đạt yêu cầu."], "+ ")
    w.add(head("2. Công tác xây dựng tổ chức đảng", 2), bold=True)
    _paras(w, ["Kết nạp 01 đảng viên mới là giáo viên trẻ, chuyển chính thức đúng hạn 02 đồng chí."], "+ ")
    w.add(head("III. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2021", 1), bold=True)
    _paras(w, ["Tiếp tục nâng cao chất lượng sinh hoạt chi bộ, sinh hoạt chuyên đề mỗi quý một lần."])
    _closing(w, "Lê Thị Thử")
    return w


def bc_cot_tab() -> Writer:
    """Report, header typed as two tab-separated columns; the day left blank."""
    d = Doc("bc-cot-tab.docx", "bao-cao", dang="so-ket",
            title="Báo cáo sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2021",
            title_forbid=["xây dựng đảng"],
            facts={"nam": "2021", "ngay": None, "dia_danh": "Sơn Phú", "so": "-BC/CB",
                   "trich_yeu": "Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2021",
                   "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm", "chi_bo": "Chi bộ Trường Mầm non Sơn Phú Giả Định",
                   "nguoi_ky": "Phạm Văn Nghiệm"})
    w = Writer(d)
    w.tabs([fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"), form(MOTTO)], bold=True)
    w.tabs([fact("CHI BỘ TRƯỜNG MẦM NON SƠN PHÚ GIẢ ĐỊNH", "chi_bo"),
            fact("Sơn Phú, ngày      tháng  7  năm 2021", "dia_danh", "ngay")], bold=True, italic=True)
    w.tabs([fact("S:   -BC/CB", "so")])
    w.add(fact("BÁO CÁO", "loai"), bold=True, center=True)
    w.add(fact("SƠ KẾT CÔNG TÁC XÂY DỰNG ĐẢNG 6 THÁNG ĐẦU NĂM 2021", "trich_yeu", "nam"), bold=True, center=True)
    w.add(head("I. KẾT QUẢ ĐẠT ĐƯỢC", 1), bold=True)
    _paras(w, ["Chi bộ tổ chức sinh hoạt đủ 6 kỳ, tỷ lệ đảng viên dự họp bình quân đạt 96%.",
               "Hoàn thành việc rà soát hồ sơ đảng viên theo hướng dẫn của Đảng ủy xã."])
    w.add(head("II. HẠN CHẾ, NGUYÊN NHÂN", 1), bold=True)
    _paras(w, ["Một số buổi sinh hoạt còn nặng về triển khai công việc chuyên môn."])
    w.add(head("III. NHIỆM VỤ 6 THÁNG CUỐI NĂM", 1), bold=True)
    _paras(w, ["Chuẩn bị tốt các điều kiện cho năm học mới, rà soát đội ngũ giáo viên cốt cán."])
    _closing(w, "Phạm Văn Nghiệm")
    return w


def bc_dai_hoi() -> Writer:
    """A congress's political report: ĐẠI HỘI / CHI BỘ … / NHIỆM KỲ … / *********, then "S:" typed short."""
    d = Doc("bc-dai-hoi.docx", "bao-cao",
            title=("Báo cáo chính trị tại Đại hội chi bộ nhiệm kỳ 2020-2022"),
            facts={"nam": "2020", "ngay": "20/06/2020", "dia_danh": "Tân Thái", "so": "-BC/CB-ĐH",
                   "trich_yeu": "Chính trị tại Đại hội chi bộ nhiệm kỳ 2020-2022", "cap_tren": None,
                   "chi_bo": "Chi bộ Trường Tiểu học Tân Thái Giả Định", "nguoi_ky": "Trần Thị Giả Định"})
    w = Writer(d)
    w.add(fact("ĐẠI HỘI"), bold=True, center=True)
    w.add(fact("CHI BỘ TRƯỜNG TIỂU HỌC TÂN THÁI GIẢ ĐỊNH", "chi_bo"), bold=True, center=True)
    w.add(fact("NHIỆM KỲ 2020-2022"), bold=True, center=True)
    w.add(form("*********"), center=True)
    w.add(fact("S:   -BC/CB-ĐH", "so"), center=True)
    w.add(form(MOTTO), bold=True, center=True)
    w.add(fact("Tân Thái, ngày  20  tháng 6  năm 2020", "dia_danh", "ngay"), italic=True, center=True)
    w.add(fact("BÁO CÁO", "loai"), bold=True, center=True)
    w.add(fact("Chính trị tại Đại hội chi bộ nhiệm kỳ 2020-2022", "trich_yeu", "nam"), bold=True, center=True)
    w.add(head("PHẦN THỨ NHẤT", 1, "PHẦN THỨ NHẤT KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2017-2020"),
          bold=True, center=True)
    w.add(head("KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2017-2020", 1,
               "PHẦN THỨ NHẤT KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2017-2020"), bold=True, center=True)
    w.add(head("I. ĐẶC ĐIỂM TÌNH HÌNH", 2), bold=True)
    _paras(w, ["Đầu nhiệm kỳ chi bộ có 17 đảng viên, đến nay có 19 đảng viên, trong đó 15 đảng viên nữ."])
    w.add(head("II. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ", 2), bold=True)
    _paras(w, ["Tỷ lệ học sinh hoàn thành chương trình lớp học đạt trên 99% trong cả ba năm học.",
               "Chi bộ ba năm liền được Đảng ủy xã công nhận hoàn thành tốt nhiệm vụ."])
    w.add(head("PHẦN THỨ HAI", 1, "PHẦN THỨ HAI PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2020-2022"),
          bold=True, center=True)
    w.add(head("PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2020-2022", 1,
               "PHẦN THỨ HAI PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2020-2022"), bold=True, center=True)
    _paras(w, ["Phấn đấu mỗi năm kết nạp ít nhất 01 đảng viên mới là giáo viên hoặc nhân viên."])
    _closing(w, "Trần Thị Giả Định", authority="T/M CHI BỘ", role="BÍ THƯ", recipients=False)
    return w


def kh_mo_dau_bang_khau_hieu() -> Writer:
    """Plan whose header starts with the motto, then the issuer, number and date, all typed lines."""
    d = Doc("kh-khau-hieu-truoc.docx", "ke-hoach", dang="chuyen-de",
            title=("Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; "
                   "kỷ niệm ngày sinh Bác Hồ năm 2022"),
            title_forbid=["Hồ Chí minh", "bác hồ", "Bác hồ"],
            facts={"nam": "2022", "ngay": "12/03/2022", "dia_danh": "Tân Thái", "so": "02-KH/CB",
                   "trich_yeu": ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; "
                                 "kỷ niệm ngày sinh Bác Hồ năm 2022"),
                   "cap_tren": "Đảng bộ xã Tân Thái Giả Định", "chi_bo": "Chi bộ thôn Trung Thử Nghiệm",
                   "nguoi_ky": "Hoàng Văn Thử"})
    w = Writer(d)
    w.add(form(MOTTO), bold=True, center=True)
    w.add(fact("ĐẢNG BỘ XÃ TÂN THÁI GIẢ ĐỊNH", "cap_tren"))
    w.add(fact("CHI BỘ THÔN TRUNG THỬ NGHIỆM", "chi_bo"), bold=True)
    w.add(form("*"))
    w.add(fact("Số 02-KH/CB", "so"))
    w.add(fact("Tân Thái, ngày 12 tháng 3 năm 2022", "dia_danh", "ngay"), italic=True)
    w.add(fact("KẾ HOẠCH", "loai"), bold=True, center=True)
    w.add(fact("HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH;", "trich_yeu"), bold=True,
          center=True)
    w.add(fact("KỶ NIỆM NGÀY SINH BÁC HỒ NĂM 2022", "trich_yeu", "nam"), bold=True, center=True)
    w.add(head("I. MỤC ĐÍCH, YÊU CẦU", 1), bold=True)
    _paras(w, ["Mỗi đảng viên đăng ký một việc làm cụ thể để học tập và làm theo Bác trong năm."])
    w.add(head("II. NỘI DUNG", 1), bold=True)
    _paras(w, ["Tổ chức kể chuyện về Bác tại buổi sinh hoạt chi bộ tháng 5 năm 2022.",
               "Dâng hương tại nhà văn hóa thôn nhân kỷ niệm ngày sinh của Bác."])
    w.add(head("III. TỔ CHỨC THỰC HIỆN", 1), bold=True)
    _paras(w, ["Bí thư chi bộ chịu trách nhiệm đôn đốc, sơ kết việc thực hiện vào cuối năm."])
    _closing(w, "Hoàng Văn Thử")
    return w


def kh_vi_pham() -> Writer:
    """Plan with an ALL-CAPS trích yếu holding words that look like Roman numerals (VI PHẠM)."""
    d = Doc("kh-vi-pham.docx", "ke-hoach",
            title=("Kế hoạch khắc phục hạn chế, khuyết điểm và phòng ngừa vi phạm của đảng viên "
                   "trong chi bộ năm 2021"),
            title_forbid=["VI phạm", "chi Bộ", "Chi Bộ"],
            facts={"nam": "2021", "ngay": "15/02/2021", "dia_danh": "Sơn Phú", "so": "03-KH/CB",
                   "trich_yeu": ("Khắc phục hạn chế, khuyết điểm và phòng ngừa vi phạm của đảng viên "
                                 "trong chi bộ năm 2021"),
                   "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm", "chi_bo": "Chi bộ thôn Bắc Giả Định",
                   "nguoi_ky": "Đỗ Văn Mẫu"})
    w = Writer(d)
    w.table([[[fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"), fact("CHI BỘ THÔN BẮC GIẢ ĐỊNH", "chi_bo"),
               form("*"), fact("Số 03-KH/CB", "so")],
              [form(MOTTO), form("_______________"),
               fact("Sơn Phú, ngày 15 tháng 02 năm 2021", "dia_danh", "ngay")]]])
    w.add(fact("KẾ HOẠCH", "loai"), bold=True, center=True)
    w.add(fact("KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM VÀ PHÒNG NGỪA VI PHẠM CỦA ĐẢNG VIÊN TRONG CHI BỘ NĂM 2021",
               "trich_yeu", "nam"), bold=True, center=True)
    w.add(head("I. MỤC ĐÍCH, YÊU CẦU", 1), bold=True)
    _paras(w, ["Giúp mỗi đảng viên nhận rõ hạn chế đã được chỉ ra khi kiểm điểm cuối năm 2020."])
    w.add(head("II. NHỮNG VI PHẠM CẦN PHÒNG NGỪA", 1), bold=True)
    _paras(w, ["Không để xảy ra tình trạng đảng viên bỏ sinh hoạt chi bộ ba kỳ liền không có lý do.",
               "Đảng viên nộp đảng phí đầy đủ, đúng thời hạn theo quy định."])
    w.add(head("III. TỔ CHỨC THỰC HIỆN", 1), bold=True)
    _paras(w, ["Chi ủy kiểm tra việc khắc phục vào kỳ sinh hoạt cuối mỗi quý."])
    _closing(w, "Đỗ Văn Mẫu")
    return w


def nq_thang_bch() -> Writer:
    """Monthly resolution whose ALL-CAPS trích yếu names Ban Chấp hành Trung ương Đảng."""
    d = Doc("nq-thang-bch-tw.docx", "nghi-quyet", dang="thang",
            title=("Nghị quyết lãnh đạo thực hiện nhiệm vụ tháng 3 năm 2021 và học tập nghị quyết "
                   "của Ban Chấp hành Trung ương Đảng"),
            title_forbid=["Ban chấp hành", "trung ương Đảng", "ban Chấp"],
            facts={"thang": "2021-03", "ngay": "02/03/2021", "dia_danh": "Sơn Phú", "so": "15-NQ/CB",
                   "trich_yeu": ("Lãnh đạo thực hiện nhiệm vụ tháng 3 năm 2021 và học tập nghị quyết của "
                                 "Ban Chấp hành Trung ương Đảng"),
                   "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm", "chi_bo": "Chi bộ thôn Nam Giả Định",
                   "nguoi_ky": "Vũ Thị Mẫu"})
    w = Writer(d)
    w.table([[[fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"), fact("CHI BỘ THÔN NAM GIẢ ĐỊNH", "chi_bo"),
               form("*")], [form(MOTTO)]],
             [[fact("Số: 15-NQ/CB", "so")], [fact("Sơn Phú, ngày 02 tháng 3 năm 2021", "dia_danh", "ngay")]]])
    w.add(fact("NGHỊ QUYẾT", "loai"), bold=True, center=True)
    w.add(fact("LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ THÁNG 3 NĂM 2021 VÀ HỌC TẬP NGHỊ QUYẾT CỦA BAN CHẤP HÀNH "
               "TRUNG ƯƠNG ĐẢNG", "trich_yeu", "thang"), bold=True, center=True)
    w.add(head("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 2", 1), bold=True)
    _paras(w, ["Các hộ trong thôn đón Tết an toàn, không có vụ việc mất trật tự nào xảy ra.",
               "Đảng viên tham gia đầy đủ buổi ra quân trồng cây đầu xuân."])
    w.add(head("II. NHIỆM VỤ THÁNG 3", 1), bold=True)
    _paras(w, ["Tổ chức cho đảng viên học tập nghị quyết theo lịch của Đảng ủy xã.",
               "Hoàn thành việc thu đảng phí quý I trước ngày 25 tháng 3."])
    _closing(w, "Vũ Thị Mẫu")
    return w


def nq_dai_hoi() -> Writer:
    """Congress resolution: issuer block ĐẠI HỘI ĐẢNG VIÊN / CHI BỘ … / LẦN THỨ V, NHIỆM KỲ …"""
    d = Doc("nq-dai-hoi.docx", "nghi-quyet", dang="dai-hoi",
            title="Nghị quyết Đại hội chi bộ lần thứ V, nhiệm kỳ 2020 - 2022",
            title_forbid=["lần thứ v,"],
            facts={"thang": "2020-06", "ngay": "21/06/2020", "dia_danh": "Tân Thái", "so": "01-NQ/ĐH",
                   "trich_yeu": "Đại hội chi bộ lần thứ V, nhiệm kỳ 2020 - 2022", "cap_tren": None,
                   "chi_bo": "Chi bộ Trường Tiểu học Tân Thái Giả Định", "nguoi_ky": "Trần Thị Giả Định"})
    w = Writer(d)
    w.table([[[fact("ĐẠI HỘI ĐẢNG VIÊN"), fact("CHI BỘ TRƯỜNG TIỂU HỌC TÂN THÁI GIẢ ĐỊNH", "chi_bo"),
               fact("LẦN THỨ V, NHIỆM KỲ 2020 - 2022"), form("*")],
              [form(MOTTO), fact("Tân Thái, ngày 21 tháng 6 năm 2020", "dia_danh", "ngay")]],
             [[fact("Số 01-NQ/ĐH", "so")], [form("")]]])
    d.lines.pop()  # the empty cell is no line
    w.add(fact("NGHỊ QUYẾT", "loai"), bold=True, center=True)
    w.add(fact("Đại hội chi bộ lần thứ V, nhiệm kỳ 2020 - 2022", "trich_yeu", "thang"), bold=True, center=True)
    w.add(body("Đại hội chi bộ họp ngày 21 tháng 6 năm 2020, có 19/19 đảng viên dự, đã thảo luận và"))
    w.add(head("QUYẾT NGHỊ", 1), bold=True, center=True)
    w.add(body("Thông qua báo cáo chính trị trình Đại hội, đánh giá kết quả nhiệm kỳ 2017 - 2020."),
          typed="1. Thông qua báo cáo chính trị trình Đại hội, đánh giá kết quả nhiệm kỳ 2017 - 2020.")
    w.add(body("Bầu chi ủy nhiệm kỳ 2020 - 2022 gồm 03 đồng chí, bầu 01 đại biểu dự Đại hội cấp trên."),
          typed="2. Bầu chi ủy nhiệm kỳ 2020 - 2022 gồm 03 đồng chí, bầu 01 đại biểu dự Đại hội cấp trên.")
    _closing(w, "Trần Thị Giả Định", authority="T/M ĐOÀN CHỦ TỊCH", role="", recipients=False)
    return w


def tb_ket_luan() -> Writer:
    """Meeting conclusion (THÔNG BÁO KẾT LUẬN), typed lines, single spaces."""
    d = Doc("tb-ket-luan.docx", "thong-bao-ket-luan",
            title="Thông báo kết luận cuộc họp chi bộ tháng 4 năm 2021",
            facts={"thang": "2021-04", "ngay": "06/04/2021", "dia_danh": "Sơn Phú", "so": "04-TB/CB",
                   "trich_yeu": "Cuộc họp chi bộ tháng 4 năm 2021", "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm",
                   "chi_bo": "Chi bộ thôn Tây Giả Định", "nguoi_ky": "Bùi Văn Thử"})
    w = Writer(d)
    w.add(fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"))
    w.add(fact("CHI BỘ THÔN TÂY GIẢ ĐỊNH", "chi_bo"), bold=True)
    w.add(fact("Số 04-TB/CB", "so"))
    w.add(form(MOTTO), bold=True, center=True)
    w.add(fact("Sơn Phú, ngày 06 tháng 4 năm 2021", "dia_danh", "ngay"), italic=True)
    w.add(fact("THÔNG BÁO KẾT LUẬN", "loai"), bold=True, center=True)
    w.add(fact("Cuộc họp chi bộ tháng 4 năm 2021", "trich_yeu", "thang"), bold=True, center=True)
    w.add(head("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3", 1), bold=True)
    _paras(w, ["Hoàn thành thu đảng phí quý I đạt 100% số đảng viên."])
    w.add(head("II. NHIỆM VỤ THÁNG 4", 1), bold=True)
    _paras(w, ["Phối hợp với chi hội phụ nữ tổ chức vệ sinh đường làng vào chủ nhật cuối tháng."])
    _closing(w, "Bùi Văn Thử")
    return w


def ctr_hanh_dong() -> Writer:
    """Generic document (CHƯƠNG TRÌNH HÀNH ĐỘNG), date aligned with spaces, tab columns."""
    d = Doc("ctr-hanh-dong.docx", "van-ban", cites=["05-CT/TW"], ten_loai="CHƯƠNG TRÌNH HÀNH ĐỘNG",
            title="Chương trình hành động thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
            title_forbid=["bộ chính trị", "Bộ chính trị"],
            facts={"nam": "2016", "ngay": "20/06/2016", "dia_danh": "Tân Thái", "so": "07-CTr/CB",
                   "trich_yeu": "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
                   "cap_tren": "Đảng bộ xã Tân Thái Giả Định", "chi_bo": "Chi bộ thôn Hạ Thử Nghiệm",
                   "nguoi_ky": "Ngô Văn Mẫu"})
    w = Writer(d)
    w.tabs([fact("ĐẢNG BỘ XÃ TÂN THÁI GIẢ ĐỊNH", "cap_tren"), form(MOTTO)], bold=True)
    w.tabs([fact("CHI BỘ THÔN HẠ THỬ NGHIỆM", "chi_bo"),
            fact("Tân Thái, ngày   20   tháng   6   năm 2016", "dia_danh", "ngay")], bold=True, italic=True)
    w.tabs([fact("Số 07-CTr/CB", "so")])
    w.add(fact("CHƯƠNG TRÌNH HÀNH ĐỘNG", "ten_loai"), bold=True, center=True)
    w.add(fact("THỰC HIỆN CHỈ THỊ SỐ 05-CT/TW CỦA BỘ CHÍNH TRỊ", "trich_yeu", "nam"), bold=True, center=True)
    w.add(body("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, chi bộ đề ra chương trình sau."))
    w.add(head("I. NỘI DUNG", 1), bold=True)
    _paras(w, ["Mỗi đảng viên xây dựng kế hoạch làm theo Bác gắn với công việc hằng ngày."])
    w.add(head("II. TỔ CHỨC THỰC HIỆN", 1), bold=True)
    _paras(w, ["Chi ủy sơ kết việc thực hiện chương trình vào tháng 12 hằng năm."])
    _closing(w, "Ngô Văn Mẫu")
    return w


def nq_tcvn3_chi_be() -> Writer:
    """Unicode resolution with TCVN3 runs pasted in: whole paragraphs and lone words (chi bé, mét)."""
    d = Doc("nq-tcvn3-chi-be.docx", "nghi-quyet", dang="thang",
            title="Nghị quyết lãnh đạo thực hiện nhiệm vụ tháng 9 năm 2021",
            facts={"thang": "2021-09", "ngay": "03/09/2021", "dia_danh": "Sơn Phú", "so": "21-NQ/CB",
                   "trich_yeu": "Lãnh đạo thực hiện nhiệm vụ tháng 9 năm 2021",
                   "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm", "chi_bo": "Chi bộ thôn Đoài Giả Định",
                   "nguoi_ky": "Lý Thị Mẫu"})
    w = Writer(d)
    w.table([[[fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"), fact("CHI BỘ THÔN ĐOÀI GIẢ ĐỊNH", "chi_bo"),
               form("*")], [form(MOTTO)]],
             [[fact("Số 21-NQ/CB", "so")], [fact("Sơn Phú, ngày 03 tháng 9 năm 2021", "dia_danh", "ngay")]]])
    w.add(fact("NGHỊ QUYẾT", "loai"), bold=True, center=True)
    w.add(fact("Lãnh đạo thực hiện nhiệm vụ tháng 9 năm 2021", "trich_yeu", "thang"), bold=True, center=True)
    w.add(head("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 8", 1, enc="tcvn3h"), bold=True)
    whole = "Chi bộ đã lãnh đạo hoàn thành việc tiêm chủng cho người dân trong thôn đúng kế hoạch."
    w.add(body(whole, enc="tcvn3"))
    mixed = "Kết quả sinh hoạt của chi bộ trong tháng được nâng lên rõ rệt, đảng viên phát biểu sôi nổi."
    w.mixed(body(mixed), [("Kết quả sinh hoạt của ", ""), ("chi bộ", "tcvn3"),
                          (" trong tháng được nâng lên rõ rệt, đảng viên phát biểu sôi nổi.", "")])
    lone = "Còn một số đảng viên lớn tuổi chưa dùng được ứng dụng Sổ tay đảng viên điện tử."
    w.mixed(body(lone), [("Còn ", ""), ("một", "tcvn3"), (" số đảng viên lớn tuổi chưa dùng được ứng dụng "
                                                          "Sổ tay đảng viên điện tử.", "")])
    # the same words with the font lost (pasted as plain text): only their neighbours tell
    plain = "Mỗi đảng viên trong chi bộ nhận một việc cụ thể để làm ngay trong tháng."
    w.mixed(body(plain), [("Mỗi đảng viên trong ", ""), (to_tcvn3("chi bộ"), ""), (" nhận ", ""),
                          (to_tcvn3("một"), ""), (" việc cụ thể để làm ngay trong tháng.", "")])
    w.add(head("II. NHIỆM VỤ THÁNG 9", 1), bold=True)
    _paras(w, ["Hướng dẫn đảng viên lớn tuổi cài đặt và sử dụng Sổ tay đảng viên điện tử."])
    d.converted = ["KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 8", whole, mixed, lone, plain]
    _closing(w, "Lý Thị Mẫu")
    return w


def kh_tcvn3_toan_van() -> Writer:
    """A whole plan typed in TCVN3: header in .VnTimeH capitals, body in .VnTime."""
    d = Doc("kh-tcvn3-toan-van.docx", "ke-hoach",
            title="Kế hoạch hoạt động của chi bộ năm 2011",
            facts={"nam": "2011", "ngay": "08/01/2011", "dia_danh": "Tân Thái", "so": "01-KH/CB",
                   "trich_yeu": "Hoạt động của chi bộ năm 2011", "cap_tren": "Đảng bộ xã Tân Thái Giả Định",
                   "chi_bo": "Chi bộ thôn Thượng Thử Nghiệm", "nguoi_ky": "Đinh Văn Mẫu"})
    w = Writer(d)
    w.table([[[fact("ĐẢNG BỘ XÃ TÂN THÁI GIẢ ĐỊNH", "cap_tren", enc="tcvn3h"),
               fact("CHI BỘ THÔN THƯỢNG THỬ NGHIỆM", "chi_bo", enc="tcvn3h"), form("*")],
              [Line(MOTTO, "form", enc="tcvn3h")]],
             [[fact("Số 01-KH/CB", "so", enc="tcvn3")],
              [fact("Tân Thái, ngày 08 tháng 01 năm 2011", "dia_danh", "ngay", enc="tcvn3")]]])
    w.add(fact("KẾ HOẠCH", "loai", enc="tcvn3h"), bold=True, center=True)
    w.add(fact("Hoạt động của chi bộ năm 2011", "trich_yeu", "nam", enc="tcvn3"), bold=True, center=True)
    w.add(head("I. ĐẶC ĐIỂM TÌNH HÌNH", 1, enc="tcvn3h"), bold=True)
    s1 = "Chi bộ có 12 đảng viên, sinh hoạt tại nhà văn hóa thôn Thượng."
    w.add(body(s1, enc="tcvn3"), typed=f"- {s1}")
    w.add(head("II. NHIỆM VỤ CỤ THỂ", 1, enc="tcvn3h"), bold=True)
    s2 = "Vận động nhân dân hiến đất mở rộng đường liên thôn, hoàn thành trong quý III."
    w.add(body(s2, enc="tcvn3"), typed=f"- {s2}")
    w.add(head("III. TỔ CHỨC THỰC HIỆN", 1, enc="tcvn3h"), bold=True)
    s3 = "Bí thư chi bộ báo cáo kết quả với Đảng ủy xã vào cuối mỗi quý."
    w.add(body(s3, enc="tcvn3"), typed=f"- {s3}")
    w.add(fact("T/M CHI BỘ", "tham_quyen", enc="tcvn3h"), bold=True, center=True)
    w.add(fact("BÍ THƯ", "chuc_vu", enc="tcvn3h"), bold=True, center=True)
    w.add(fact("Đinh Văn Mẫu", "nguoi_ky", enc="tcvn3"), bold=True, center=True)
    return w


def kh_khoan_cat_trang() -> Writer:
    """Plan with short numbered clauses, one cut at the end of a page ("1- … " not bold)."""
    d = Doc("kh-khoan-cat-trang.docx", "ke-hoach",
            title="Kế hoạch kiểm tra, giám sát năm 2022",
            facts={"nam": "2022", "ngay": "10/01/2022", "dia_danh": "Sơn Phú", "so": "01-KH/CB",
                   "trich_yeu": "Kiểm tra, giám sát năm 2022", "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm",
                   "chi_bo": "Chi bộ thôn Giữa Giả Định", "nguoi_ky": "Tạ Văn Mẫu"})
    w = Writer(d)
    w.table([[[fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"), fact("CHI BỘ THÔN GIỮA GIẢ ĐỊNH", "chi_bo"),
               form("*"), fact("Số 01-KH/CB", "so")],
              [form(MOTTO), fact("Sơn Phú, ngày 10 tháng 01 năm 2022", "dia_danh", "ngay")]]])
    w.add(fact("KẾ HOẠCH", "loai"), bold=True, center=True)
    w.add(fact("Kiểm tra, giám sát năm 2022", "trich_yeu", "nam"), bold=True, center=True)
    w.add(head("I. MỤC ĐÍCH, YÊU CẦU", 1), bold=True)
    _paras(w, ["Kiểm tra để phòng ngừa, kịp thời nhắc nhở đảng viên có biểu hiện chưa gương mẫu."])
    w.add(head("II. NỘI DUNG KIỂM TRA", 1), bold=True)
    w.add(body("Kiểm tra việc chấp hành Điều lệ Đảng của"), typed="1- Kiểm tra việc chấp hành Điều lệ Đảng của",
          page_break=True)
    w.add(body("đồng chí đảng viên phụ trách công tác mặt trận trong thôn."))
    w.add(body("Giám sát việc nộp đảng phí của các đảng viên cao tuổi."),
          typed="2- Giám sát việc nộp đảng phí của các đảng viên cao tuổi.")
    w.add(head("III. TỔ CHỨC THỰC HIỆN", 1), bold=True)
    _paras(w, ["Chi ủy thông báo kết quả kiểm tra tại kỳ sinh hoạt tháng 12."])
    _closing(w, "Tạ Văn Mẫu")
    return w


# --- Central documents (not in the registry, except where said) -------------------------
def _central(w: Writer, issuer: list[str], number: str, date: str, label: str, subject: list[str], *,
             table: bool = False, keys=("trich_yeu",)) -> None:
    issuer_lines = [fact(t, "co_quan") for t in issuer]
    if table:
        w.table([[issuer_lines + [form("*"), fact(number, "ma", "so")],
                  [form(MOTTO), fact(date, "ngay", "dia_danh")]]])
    else:
        for ln in issuer_lines:
            w.add(ln, bold=True, center=True)
        w.add(form("*"), center=True)
        w.add(fact(number, "ma", "so"), center=True)
        w.add(form(MOTTO), bold=True, center=True)
        w.add(fact(date, "ngay", "dia_danh"), italic=True, center=True)
    w.add(fact(label, "loai"), bold=True, center=True)
    for s in subject:
        w.add(fact(s, *keys), bold=True, center=True)
    w.add(body(PLACEHOLDER), italic=True)


def _articles(w: Writer, chapters: list[tuple[str, str, list[tuple[int, str, list[str]]]]]) -> None:
    for roman, ctitle, arts in chapters:
        whole = f"Chương {roman} {ctitle}"
        w.add(head(f"Chương {roman}", 1, whole), bold=True, center=True)
        w.add(head(ctitle, 1, whole), bold=True, center=True)
        for n, atitle, clauses in arts:
            w.add(head(f"Điều {n}. {atitle}", 2), bold=True)
            for k, c in enumerate(clauses, 1):
                w.add(body(c), typed=f"{k}- {c}")


def qd_181() -> Writer:
    d = Doc("qd-181.docx", "quy-dinh", title_prefix="Quy định 181-QĐ/TW",
            title_forbid=["VI phạm", "Quy định 181-QĐ/TW Quy định"],
            facts={"ma": "181-QĐ/TW"}, registry={"ma": "181-QĐ/TW", "ngay": None})
    w = Writer(d)
    _central(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Số 181-QĐ/TW", "Hà Nội, ngày      tháng      năm",
             "QUY ĐỊNH", ["VỀ XỬ LÝ KỶ LUẬT ĐẢNG VIÊN VI PHẠM"])
    _articles(w, [("I", "QUY ĐỊNH CHUNG", [
        (1, "Đối tượng thử nghiệm", ["Quy định này viết cho bộ thử nghiệm, áp dụng với các tình huống giả định."]),
        (2, "Nguyên tắc thử nghiệm", ["Mọi tình huống giả định được xem xét khách quan, đúng trình tự."])])])
    return w


def qd_102() -> Writer:
    d = Doc("qd-102.docx", "quy-dinh", cites=["181-QĐ/TW"], title_prefix="Quy định 102-QĐ/TW",
            title_forbid=["Quy định 102-QĐ/TW Quy định", "VI phạm"],
            facts={"ma": "102-QĐ/TW"}, registry={"ma": "102-QĐ/TW", "ngay": None}, replaces="181-QĐ/TW")
    w = Writer(d)
    _central(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Số 102-QĐ/TW", "Hà Nội, ngày     tháng     năm",
             "QUY ĐỊNH", ["XỬ LÝ KỶ LUẬT ĐẢNG VIÊN VI PHẠM"], table=True)
    _articles(w, [("I", "NHỮNG QUY ĐỊNH CHUNG", [
        (1, "Phạm vi thử nghiệm", ["Quy định này là văn bản giả định, chỉ dùng để kiểm thử việc nhập.",
                                   "Các tình huống nêu trong văn bản này đều là tình huống giả định."])]),
        ("II", "ĐIỀU KHOẢN THI HÀNH", [
            (2, "Hiệu lực thi hành", ["Quy định này thay thế Quy định số 181-QĐ/TW (bản thử nghiệm)."])])])
    return w


def qd_69() -> Writer:
    d = Doc("qd-69.docx", "quy-dinh", cites=["102-QĐ/TW"], title_prefix="Quy định 69-QĐ/TW",
            title_forbid=["Quy định 69-QĐ/TW Quy định", "VI phạm", "Tổ chức Đảng"],
            facts={"ma": "69-QĐ/TW"}, registry={"ma": "69-QĐ/TW", "ngay": None}, replaces="102-QĐ/TW")
    w = Writer(d)
    _central(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Số 69-QĐ/TW", "Hà Nội, ngày    tháng    năm",
             "QUY ĐỊNH", ["VỀ KỶ LUẬT TỔ CHỨC ĐẢNG, ĐẢNG VIÊN VI PHẠM"])
    w.add(head("Chương I", 1, "Chương I QUY ĐỊNH CHUNG"), bold=True, center=True)
    w.add(head("QUY ĐỊNH CHUNG", 1, "Chương I QUY ĐỊNH CHUNG"), bold=True, center=True)
    w.add(head("Điều 1. Phạm vi điều chỉnh", 2), bold=True)
    # a short clause cut at the end of the page, not bold: body text, never a heading
    w.add(body("Quy định này quy định về"), typed="1- Quy định này quy định về",
          page_break=True)
    w.add(body("các tình huống giả định dùng cho bộ thử nghiệm của chương trình."))
    w.add(body("Các tình huống giả định không mang nội dung của văn bản thật."),
          typed="2- Các tình huống giả định không mang nội dung của văn bản thật.")
    w.add(head("Chương II", 1, "Chương II ĐIỀU KHOẢN THI HÀNH"), bold=True, center=True)
    w.add(head("ĐIỀU KHOẢN THI HÀNH", 1, "Chương II ĐIỀU KHOẢN THI HÀNH"), bold=True, center=True)
    w.add(head("Điều 2. Hiệu lực thi hành", 2), bold=True)
    w.add(body("Quy định này thay thế Quy định số 102-QĐ/TW (bản thử nghiệm) kể từ ngày ký."),
          typed="1- Quy định này thay thế Quy định số 102-QĐ/TW (bản thử nghiệm) kể từ ngày ký.")
    return w


def hd_06_ubkttw() -> Writer:
    """Central guidance whose trích yếu begins "THỰC HIỆN …"."""
    d = Doc("hd-06-ubkttw.docx", "quy-dinh", cites=["69-QĐ/TW"], title_prefix="Hướng dẫn 06-HD/UBKTTW",
            title_forbid=["Hướng dẫn 06-HD/UBKTTW Hướng dẫn", "VI phạm"],
            facts={"ma": "06-HD/UBKTTW"},
            registry={"ma": "06-HD/UBKTTW", "ngay": None, "co_quan": "Ủy ban Kiểm tra Trung ương",
                      "trich_yeu": ("Thực hiện một số điều trong Quy định số 69-QĐ/TW về kỷ luật tổ chức đảng, "
                                    "đảng viên vi phạm")})
    w = Writer(d)
    _central(w, ["ỦY BAN KIỂM TRA TRUNG ƯƠNG"], "Số 06-HD/UBKTTW", "Hà Nội, ngày     tháng     năm",
             "HƯỚNG DẪN", ["THỰC HIỆN MỘT SỐ ĐIỀU TRONG QUY ĐỊNH SỐ 69-QĐ/TW",
                           "VỀ KỶ LUẬT TỔ CHỨC ĐẢNG, ĐẢNG VIÊN VI PHẠM"])
    w.add(head("I. VỀ PHẠM VI ÁP DỤNG", 1), bold=True)
    w.add(body("Hướng dẫn giả định này dùng để kiểm thử việc nhập văn bản của cấp Trung ương."),
          typed="1. Hướng dẫn giả định này dùng để kiểm thử việc nhập văn bản của cấp Trung ương.")
    w.add(head("II. TỔ CHỨC THỰC HIỆN", 1), bold=True)
    w.add(body("Các cấp ủy đọc kỹ Quy định số 69-QĐ/TW trước khi áp dụng hướng dẫn giả định này."))
    return w


def qd_66() -> Writer:
    """66-QĐ/TW (06/02/2017, reference): trích yếu with "thẩm quyền ban hành", "văn bản của Đảng"."""
    d = Doc("qd-66.docx", "quy-dinh", title_prefix="Quy định 66-QĐ/TW",
            title_forbid=["thẩm quyền Ban hành", "Văn bản của Đảng", "văn bản của đảng", "Quy định 66-QĐ/TW Quy định"],
            facts={"ma": "66-QĐ/TW"},
            registry={"ma": "66-QĐ/TW", "ngay": "06/02/2017",
                      "trich_yeu": "Về thể loại, thẩm quyền ban hành và thể thức văn bản của Đảng"})
    w = Writer(d)
    _central(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Số 66-QĐ/TW", "Hà Nội, ngày 06 tháng 02 năm 2017",
             "QUY ĐỊNH", ["VỀ THỂ LOẠI, THẨM QUYỀN BAN HÀNH", "VÀ THỂ THỨC VĂN BẢN CỦA ĐẢNG"])
    _articles(w, [("I", "NHỮNG QUY ĐỊNH CHUNG", [
        (1, "Phạm vi giả định", ["Quy định này được chép lại dưới dạng giả định cho bộ thử nghiệm."]),
        (2, "Đối tượng giả định", ["Các cơ quan giả định trong bộ thử nghiệm áp dụng quy định này."])])])
    return w


def qd_399() -> Writer:
    """399-QĐ/TW (Ban Bí thư, 09/01/2026, Trần Cẩm Tú, reference); no replacement stated in the file."""
    d = Doc("qd-399.docx", "quy-dinh", title_prefix="Quy định 399-QĐ/TW",
            title_forbid=["Quy định 399-QĐ/TW Quy định"],
            facts={"ma": "399-QĐ/TW"},
            registry={"ma": "399-QĐ/TW", "ngay": "09/01/2026", "co_quan": "Ban Bí thư", "nguoi_ky": "Trần Cẩm Tú"})
    w = Writer(d)
    _central(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Số 399-QĐ/TW", "Hà Nội, ngày 09 tháng 01 năm 2026",
             "QUY ĐỊNH", ["VỀ THỂ LOẠI, THẨM QUYỀN BAN HÀNH VÀ THỂ THỨC VĂN BẢN CỦA ĐẢNG"], table=True)
    _articles(w, [("I", "QUY ĐỊNH CHUNG", [
        (1, "Phạm vi giả định", ["Quy định này được chép dưới dạng giả định, chỉ để kiểm thử chương trình."])])])
    w.add(fact("T/M BAN BÍ THƯ", "co_quan", "tham_quyen"), bold=True, center=True)
    w.add(fact("Trần Cẩm Tú", "nguoi_ky"), bold=True, center=True)
    return w


def hd_12_btctw() -> Writer:
    """12-HD/BTCTW (Ban Tổ chức Trung ương, 06/07/2018, reference): on chi bộ meetings."""
    d = Doc("hd-12-btctw.docx", "quy-dinh", title_prefix="Hướng dẫn 12-HD/BTCTW",
            title_forbid=["Hướng dẫn 12-HD/BTCTW Hướng dẫn", "chi Bộ", "Chi Bộ"],
            facts={"ma": "12-HD/BTCTW"},
            registry={"ma": "12-HD/BTCTW", "ngay": "06/07/2018", "co_quan": "Ban Tổ chức Trung ương"})
    w = Writer(d)
    _central(w, ["BAN TỔ CHỨC TRUNG ƯƠNG"], "Số 12-HD/BTCTW", "Hà Nội, ngày 06 tháng 7 năm 2018",
             "HƯỚNG DẪN", ["MỘT SỐ VẤN ĐỀ VỀ NỘI DUNG SINH HOẠT CHI BỘ"], table=True)
    w.add(head("1. Sinh hoạt thường kỳ", 1), bold=True)
    w.add(body("Chi bộ sinh hoạt thường kỳ mỗi tháng một lần (tóm tắt giả định cho bộ thử nghiệm)."),
          typed="a) Chi bộ sinh hoạt thường kỳ mỗi tháng một lần (tóm tắt giả định cho bộ thử nghiệm).")
    w.add(head("2. Sinh hoạt chuyên đề", 1), bold=True)
    w.add(body("Mỗi quý ít nhất một lần chi bộ sinh hoạt chuyên đề (tóm tắt giả định)."),
          typed="a) Mỗi quý ít nhất một lần chi bộ sinh hoạt chuyên đề (tóm tắt giả định).")
    return w


def kh_cite_69() -> Writer:
    """A cell plan citing 69-QĐ/TW: imported after it, the citation must find its page."""
    d = Doc("kh-dan-chieu-69.docx", "ke-hoach", cites=["69-QĐ/TW"], dang="chuyen-de",
            title="Kế hoạch học tập, quán triệt Quy định số 69-QĐ/TW năm 2022",
            facts={"nam": "2022", "ngay": "05/09/2022", "dia_danh": "Tân Thái", "so": "09-KH/CB",
                   "trich_yeu": "Học tập, quán triệt Quy định số 69-QĐ/TW năm 2022",
                   "cap_tren": "Đảng bộ xã Tân Thái Giả Định", "chi_bo": "Chi bộ thôn Ngoài Thử Nghiệm",
                   "nguoi_ky": "Mai Văn Mẫu"})
    w = Writer(d)
    w.table([[[fact("ĐẢNG BỘ XÃ TÂN THÁI GIẢ ĐỊNH", "cap_tren"), fact("CHI BỘ THÔN NGOÀI THỬ NGHIỆM", "chi_bo"),
               form("*")], [form(MOTTO)]],
             [[fact("Số 09-KH/CB", "so")], [fact("Tân Thái, ngày 05 tháng 9 năm 2022", "dia_danh", "ngay")]]])
    w.add(fact("KẾ HOẠCH", "loai"), bold=True, center=True)
    w.add(fact("Học tập, quán triệt Quy định số 69-QĐ/TW năm 2022", "trich_yeu", "nam"), bold=True, center=True)
    w.add(head("I. MỤC ĐÍCH, YÊU CẦU", 1), bold=True)
    _paras(w, ["Đảng viên nắm vững Quy định số 69-QĐ/TW để tự giác chấp hành."])
    w.add(head("II. TỔ CHỨC THỰC HIỆN", 1), bold=True)
    _paras(w, ["Chi bộ tổ chức học tập trong kỳ sinh hoạt tháng 9 năm 2022."])
    _closing(w, "Mai Văn Mẫu")
    return w


def bc_so_viet_tat_bang() -> Writer:
    """Year report, header table whose left cell has the number above the issuer (lines in any order)."""
    d = Doc("bc-so-truoc-co-quan.docx", "bao-cao",
            title="Báo cáo kiểm điểm công tác lãnh đạo, chỉ đạo của chi ủy năm 2022",
            facts={"nam": "2022", "ngay": "15/12/2022", "dia_danh": "Sơn Phú", "so": "25-BC/CB",
                   "trich_yeu": "Kiểm điểm công tác lãnh đạo, chỉ đạo của chi ủy năm 2022",
                   "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm", "chi_bo": "Chi bộ thôn Trên Giả Định",
                   "nguoi_ky": "Lương Thị Mẫu"})
    w = Writer(d)
    w.table([[[fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"), fact("CHI BỘ THÔN TRÊN GIẢ ĐỊNH", "chi_bo"),
               form("***"), fact("Số:25-BC/CB", "so")],
              [fact("Sơn Phú, ngày 15 tháng 12 năm 2022", "dia_danh", "ngay"), form(MOTTO)]]])
    w.add(fact("BÁO CÁO", "loai"), bold=True, center=True)
    w.add(fact("Kiểm điểm công tác lãnh đạo, chỉ đạo của chi ủy năm 2022", "trich_yeu", "nam"),
          bold=True, center=True)
    w.add(head("I. ƯU ĐIỂM", 1), bold=True)
    _paras(w, ["Chi ủy duy trì họp giao ban hằng tháng trước ngày sinh hoạt chi bộ."])
    w.add(head("II. HẠN CHẾ, KHUYẾT ĐIỂM", 1), bold=True)
    _paras(w, ["Việc theo dõi đảng viên đi làm ăn xa chưa thường xuyên."])
    w.add(head("III. PHƯƠNG HƯỚNG KHẮC PHỤC", 1), bold=True)
    _paras(w, ["Phân công chi ủy viên giữ liên lạc với từng đảng viên đi làm ăn xa."])
    _closing(w, "Lương Thị Mẫu")
    return w


def kh_nam_hoc_dai() -> Writer:
    """School-year plan with a long trích yếu on two lines (file name must end on a whole word)."""
    d = Doc("kh-nam-hoc-dai.docx", "ke-hoach",
            title=("Kế hoạch lãnh đạo thực hiện nhiệm vụ chính trị và công tác xây dựng Đảng, "
                   "đoàn thể trong nhà trường năm học 2021-2022"),
            title_forbid=["xây dựng đảng"],
            facts={"nam": "2021", "ngay": "20/09/2021", "dia_danh": "Sơn Phú", "so": "04-KH/CB",
                   "trich_yeu": ("Lãnh đạo thực hiện nhiệm vụ chính trị và công tác xây dựng Đảng, "
                                 "đoàn thể trong nhà trường năm học 2021-2022"),
                   "cap_tren": "Đảng bộ xã Sơn Phú Thử Nghiệm", "chi_bo": "Chi bộ Trường THCS Sơn Phú Giả Định",
                   "nguoi_ky": "Phan Văn Mẫu"})
    w = Writer(d)
    w.add(fact("ĐẢNG BỘ XÃ SƠN PHÚ THỬ NGHIỆM", "cap_tren"), center=True)
    w.add(fact("CHI BỘ TRƯỜNG THCS SƠN PHÚ GIẢ ĐỊNH", "chi_bo"), bold=True, center=True)
    w.add(fact("Số 04-KH/CB", "so"), center=True)
    w.add(form(MOTTO), bold=True, center=True)
    w.add(fact("Sơn Phú, ngày 20 tháng 9 năm 2021", "dia_danh", "ngay"), italic=True, center=True)
    w.add(fact("KẾ HOẠCH", "loai"), bold=True, center=True)
    w.add(fact("LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ VÀ CÔNG TÁC XÂY DỰNG ĐẢNG,", "trich_yeu"), bold=True, center=True)
    w.add(fact("ĐOÀN THỂ TRONG NHÀ TRƯỜNG NĂM HỌC 2021-2022", "trich_yeu", "nam"), bold=True, center=True)
    w.add(head("I. ĐẶC ĐIỂM TÌNH HÌNH", 1), bold=True)
    _paras(w, ["Nhà trường có 32 cán bộ, giáo viên, nhân viên; chi bộ có 16 đảng viên."])
    w.add(head("II. NHIỆM VỤ CỤ THỂ", 1), bold=True)
    _paras(w, ["Lãnh đạo hoàn thành chương trình giáo dục phổ thông mới ở lớp 6 và lớp 7."])
    w.add(head("III. TỔ CHỨC THỰC HIỆN", 1), bold=True)
    _paras(w, ["Các tổ chuyên môn cụ thể hóa kế hoạch thành kế hoạch của từng tháng."])
    _closing(w, "Phan Văn Mẫu")
    return w


# Import order matters: the chain 181 -> 102 -> 69, then what cites 69.
BUILDERS = [kh_ngay_de_trong, bc_ngay_can_le, bc_cot_tab, bc_dai_hoi, kh_mo_dau_bang_khau_hieu, kh_vi_pham,
            nq_thang_bch, nq_dai_hoi, tb_ket_luan, ctr_hanh_dong, nq_tcvn3_chi_be, kh_tcvn3_toan_van,
            kh_khoan_cat_trang, bc_so_viet_tat_bang, kh_nam_hoc_dai, qd_181, qd_102, qd_69, hd_06_ubkttw, qd_66,
            qd_399, hd_12_btctw, kh_cite_69]


def _bad_files(dest: Path) -> list[Doc]:
    """A .doc renamed .docx, a zip that is not a docx, and an empty docx (no text at all)."""
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 2000
    (dest / "hong-doc-doi-ten.docx").write_bytes(ole)
    with zipfile.ZipFile(dest / "hong-zip-khong-phai-docx.docx", "w") as z:
        z.writestr("ghi-chu.txt", "Tệp nén này chứa một tệp chữ, không phải văn bản Word.\n")
        z.writestr("anh/bia.txt", "không có word/document.xml\n")
    WordDocument().save(dest / "hong-docx-rong.docx")
    return [Doc(n, None, refusal=True) for n in ("hong-doc-doi-ten.docx", "hong-zip-khong-phai-docx.docx",
                                                  "hong-docx-rong.docx")]


def build_corpus(dest: Path) -> list[Doc]:
    dest.mkdir(parents=True, exist_ok=True)
    docs = []
    for build in BUILDERS:
        w = build()
        w.save(dest)
        docs.append(w.doc)
    return docs + _bad_files(dest)


def names(refused: bool) -> list[str]:
    """The document names, without writing anything (for pytest parametrisation)."""
    if refused:
        return ["hong-doc-doi-ten.docx", "hong-zip-khong-phai-docx.docx", "hong-docx-rong.docx"]
    return [b().doc.name for b in BUILDERS]


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "thirdcorpus")
    for doc in build_corpus(out):
        print(doc.name, doc.loai, len(doc.lines), "lines", len(doc.headings), "headings")
