"""An independent corpus of real-world-shaped cell documents (issue 12), built with python-docx.

Written from the issue's description of real documents, not from the importer. Every text is
our own placeholder wording. ``build_corpus(dest)`` writes the files and returns the cases.
Run: ``python -m tests.realdocs.make_corpus DEST``.
"""

from __future__ import annotations

import copy
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


@dataclass
class Case:
    name: str
    klass: str  # ke-hoach | nghi-quyet | bao-cao | van-ban-goc | chung | hong
    type_code: str | None
    well_formed: bool
    header: dict[str, str | None] = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)
    headings: list[tuple[str, str, int]] = field(default_factory=list)  # (label, title, level)


# --- legacy encoders (test side, our own tables) ---------------------------------------
_TCVN3 = dict(zip(
    "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ",
    "µ¶·¸¹¨»¼½¾ÆçÇÈÉÊË®ÌÎÏÐÑªÒÓÔÕÖ×ØÜÝÞßáâãä«åæçèé¬êëìíîïñòóô\xadõö÷øùúûüýþ¡¢£¤¥¦§"))
_TCVN3["â"] = "©"


def tcvn3(text: str, capitals_font: bool = False) -> str:
    """Unicode -> what Word stores for a .VnTime (.VnTimeH when capitals_font) run."""
    out = []
    for ch in text:
        low = ch.lower()
        if capitals_font and ch.isupper() and low in _TCVN3:
            out.append(_TCVN3[low])  # .VnTimeH draws the lower-case codes as capitals
        elif ch in _TCVN3:
            out.append(_TCVN3[ch])
        else:
            out.append(ch)
    return "".join(out)


_VNI_BASE = {"ă": ("a", "ê"), "â": ("a", "â"), "ê": ("e", "â"), "ô": ("o", "â"), "ơ": ("ô", ""), "ư": ("ö", "")}
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_TONE_HAT = {"\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_TONE_BREVE = {"\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni(text: str) -> str:
    """Unicode -> what Word stores for a VNI-Times run."""
    import unicodedata
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        if not marks or base.lower() not in "aeiouy":
            out.append(ch)
            continue
        upper = base.isupper()
        tone = next((m for m in marks if m in _VNI_TONE), None)
        shape = next((m for m in marks if m in "\u0302\u0306\u031b"), None)
        b = base.lower()
        if b == "i" and tone:
            s = _VNI_I[tone]
        elif shape == "\u031b":
            s = ("ô" if b == "o" else "ö") + (_VNI_TONE[tone] if tone else "")
        elif shape == "\u0302":
            s = b + (_VNI_TONE_HAT[tone] if tone else "â")
        elif shape == "\u0306":
            s = b + (_VNI_TONE_BREVE[tone] if tone else "ê")
        else:
            s = b + _VNI_TONE[tone]
        out.append(s.upper() if upper else s)
    return "".join(out)


# --- OOXML helpers ---------------------------------------------------------------------
def _numbering(doc, fmt: str, text: str, levels: int = 3) -> int:
    """Add an abstractNum (format per level) + num; return numId."""
    part = doc.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in part.findall(qn("w:abstractNum"))]
    aid = max(ids + [100]) + 1
    absn = OxmlElement("w:abstractNum")
    absn.set(qn("w:abstractNumId"), str(aid))
    for lvl in range(levels):
        el = OxmlElement("w:lvl")
        el.set(qn("w:ilvl"), str(lvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt if lvl == 0 or fmt == "bullet" else "lowerLetter"),
                         ("w:lvlText", text if lvl == 0 or fmt == "bullet" else f"%{lvl + 1}.")):
            sub = OxmlElement(tag)
            sub.set(qn("w:val"), val)
            el.append(sub)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(720 * (lvl + 1)))
        ind.set(qn("w:hanging"), "360")
        ppr.append(ind)
        el.append(ppr)
        absn.append(el)
    first_num = part.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        part.append(absn)
    nids = [int(n.get(qn("w:numId"))) for n in part.findall(qn("w:num"))]
    nid = max(nids + [100]) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(nid))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(aid))
    num.append(ref)
    part.append(num)
    return nid


def _set_num(par, num_id: int, ilvl: int = 0) -> None:
    ppr = par._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    lv = OxmlElement("w:ilvl")
    lv.set(qn("w:val"), str(ilvl))
    ni = OxmlElement("w:numId")
    ni.set(qn("w:val"), str(num_id))
    numpr.append(lv)
    numpr.append(ni)
    ppr.append(numpr)


def _indent(par, twips: int) -> None:
    ppr = par._p.get_or_add_pPr()
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(twips))
    ppr.append(ind)


def _font(run, name: str) -> None:
    run.font.name = name
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), name)


def _symbol_bullet(par, as_sym: bool) -> None:
    run = par.add_run()
    if as_sym:
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), "Symbol")
        sym.set(qn("w:char"), "F0B7")
        run._r.append(sym)
    else:
        run.text = "\uf0b7"
        _font(run, "Symbol")
    par.add_run("\t")


# --- content ---------------------------------------------------------------------------
def _sentences(topic: str, n: int, seed: int) -> list[str]:
    verbs = ["Chi bộ tiếp tục lãnh đạo", "Đảng viên gương mẫu thực hiện", "Cấp ủy thường xuyên kiểm tra",
             "Nhà trường chủ động triển khai", "Các đoàn thể phối hợp tốt trong", "Chi bộ đã tổ chức đánh giá"]
    tails = ["đạt kết quả tốt, được cấp trên ghi nhận.", "theo đúng kế hoạch đã đề ra từ đầu năm học.",
             "gắn với nhiệm vụ chính trị của nhà trường.", "với tinh thần trách nhiệm cao, đoàn kết, thống nhất.",
             "bảo đảm đúng nguyên tắc tập trung dân chủ.", "đến từng đảng viên và tổ chuyên môn."]
    return [f"{verbs[(seed + i) % 6]} {topic} {tails[(seed * 3 + i) % 6]}" for i in range(n)]


SECTIONS = {
    "ke-hoach": ["Đặc điểm tình hình", "Mục tiêu, nhiệm vụ chung", "Chỉ tiêu cụ thể", "Giải pháp thực hiện",
                 "Tổ chức thực hiện"],
    "nghi-quyet": ["Đánh giá kết quả tháng qua", "Nhiệm vụ tháng tới", "Tổ chức thực hiện"],
    "bao-cao": ["Đặc điểm tình hình", "Kết quả thực hiện nhiệm vụ", "Hạn chế, nguyên nhân",
                "Phương hướng nhiệm vụ năm tới"],
    "chung": ["Nội dung chính", "Yêu cầu", "Tổ chức thực hiện"],
}
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
TYPE_LABEL = {"ke-hoach": "KẾ HOẠCH", "nghi-quyet": "NGHỊ QUYẾT", "bao-cao": "BÁO CÁO"}
CELLS = [("ĐẢNG BỘ XÃ MỸ HƯNG", "CHI BỘ TRƯỜNG THCS MỸ HƯNG", "Đảng bộ xã Mỹ Hưng", "Chi bộ Trường THCS Mỹ Hưng"),
         ("ĐẢNG BỘ PHƯỜNG HÒA BÌNH", "CHI BỘ TRƯỜNG TIỂU HỌC HÒA BÌNH", "Đảng bộ phường Hòa Bình",
          "Chi bộ Trường Tiểu học Hòa Bình"),
         ("ĐẢNG BỘ XÃ TÂN LẬP", "CHI BỘ TRƯỜNG MẦM NON TÂN LẬP", "Đảng bộ xã Tân Lập", "Chi bộ Trường Mầm non Tân Lập")]
NUMBERS = {"ke-hoach": ["Số: 24/KH-CB", "01-KH/CB", "Số: 03-KH/CB", "Số ….. /KH-CB"],
           "nghi-quyet": ["Số 05-NQ/CB", "Số: 07-NQ/CB", "12-NQ/CB", "Số: 02/NQ-CB"],
           "bao-cao": ["Số: 10/ BCTK", "Số ….. /BC-CB", "Số: 15-BC/CB", "08-BC/CB"]}
SIGNERS = ["Nguyễn Văn Bình", "Lê Thị Hồng Nhung", "Phạm Minh Tuấn", "Hoàng Thị Lan"]
CITES = ["Căn cứ Nghị quyết TW4 khóa XII về xây dựng, chỉnh đốn Đảng;",
         "Căn cứ Quy định 213 về trách nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng nơi cư trú;",
         "Thực hiện NQ TW4 và Kết luận 01-KL/TW ngày 18/5/2021 của Bộ Chính trị;",
         "Căn cứ Nghị quyết Trung ương 4 (khóa XII) và QĐ số 37 của Ban Chấp hành Trung ương;",
         "Căn cứ NQTW4 và hướng dẫn ngày 01-11-2011 của Đảng ủy;"]


class Builder:
    def __init__(self):
        self.doc = Document()
        self.sentences: list[str] = []
        self.headings: list[tuple[str, str, int]] = []

    def para(self, text: str = "", *, bold=False, align=None, font=None, stored=None, keep=False, italic=False):
        p = self.doc.add_paragraph()
        if text or stored:
            r = p.add_run(stored if stored is not None else text)
            r.bold = bold
            r.italic = italic
            if font:
                _font(r, font)
        if align == "c":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if keep:
            self.sentences.append(text)
        return p


def _header(b: Builder, style: str, cell_i: int, so: str | None, date: tuple[str, str] | None, place="Mỹ Hưng"):
    up, cb, _, _ = CELLS[cell_i]
    right_date = f"{place}, ngày {date[0]}" if date else None
    if style == "table":
        t = b.doc.add_table(rows=3, cols=2)
        t.cell(0, 0).text = up
        t.cell(1, 0).text = cb
        t.cell(2, 0).text = so or ""
        t.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
        t.cell(1, 1).text = "" if not right_date else right_date
    elif style == "lines":
        for line in (up, cb, "*****", so, "ĐẢNG CỘNG SẢN VIỆT NAM", right_date):
            if line:
                b.para(line, bold=line.isupper(), align="c")
    elif style == "tabs":  # issue 20: the two columns on one line, the date aligned with spaces
        b.para(f"{up}\t\tĐẢNG CỘNG SẢN VIỆT NAM", bold=True)
        b.para(cb, bold=True)
        b.para(f"{so or ''}\t\t{right_date or ''}")
    elif style == "congress":  # issue 20: "ĐẠI HỘI" above the cell, the term, stars, "S:" typed short
        for line in (up, "ĐẠI HỘI", cb, "NHIỆM KỲ 2020-2022", "*********", "ĐẢNG CỘNG SẢN VIỆT NAM"):
            b.para(line, bold=True, align="c")
        if so:
            b.para(so)
        if right_date:
            b.para(right_date, italic=True)
    elif style == "glued":
        b.para(up + cb, bold=True)
        if so:
            b.para(so)
        b.para("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, align="c")
        if right_date:
            b.para(right_date, italic=True)


def _date(i: int) -> tuple[str, str]:
    d, m, y = 3 + i % 25, 1 + i % 12, 2018 + i % 6
    return f"{d:02d} tháng {m:02d} năm {y}", f"{d:02d}/{m:02d}/{y}"


def _labels(fmt: str, i: int) -> tuple[str, str]:
    """(typed prefix, expected label) of top-level section i."""
    r = ROMAN[i]
    return {"dot": (f"{r}. ", r), "nospace": (f"{r}.", r), "dash": (f"{r}- ", r), "colon": (f"{r}: ", r),
            "slash": (f"{r}/ ", r), "paren": (f"{r}) ", r), "arabic": (f"{i + 1}. ", str(i + 1)),
            "arabic_nospace": (f"{i + 1}.", str(i + 1)), "twice": (f"{i + 1}. {r}.", r)}[fmt]


def _body_items(b: Builder, topic: str, seed: int, bullets: str, num_ids: dict):
    items = _sentences(topic, 3, seed)
    for k, s in enumerate(items):
        if bullets == "plain":
            b.para(s, keep=True)
        elif bullets in ("-", "–", "—", "+", "•", "*", "o"):
            b.para(s, keep=False, stored=f"{bullets} {s}")
            b.sentences.append(s)
        elif bullets == "nested":  # "–" then "+" under it (the accidental code-block trap)
            marker = "–" if k == 0 else "+"
            p = b.para(s, stored=f"{marker} {s}")
            if k:
                _indent(p, 720)
            b.sentences.append(s)
        elif bullets in ("sym", "pua"):
            p = b.doc.add_paragraph()
            _symbol_bullet(p, bullets == "sym")
            p.add_run(s)
            b.sentences.append(s)
        elif bullets == "wordlist":
            p = b.para(s, keep=True)
            _set_num(p, num_ids["bullet"], 1 if k == 2 else 0)
        elif bullets == "indent":
            p = b.para(s, stored=f"- {s}")
            _indent(p, 360 + 720 * (k % 2))
            b.sentences.append(s)


def make_structured(name, klass, type_code, *, header="table", number_fmt="dot", bullets="-", cell=0, so_i=0,
                    seed=0, date=True, signer=True, heading_mode="bold", parts=False, labels_ab=False,
                    allcaps_trich=False, trich_two_lines=False, thuan_loi=False, cite=True, well=True,
                    auto="", legacy="", sub_arabic=False, extra=None, date_typed=None,
                    place="Mỹ Hưng") -> tuple[Builder, Case]:
    b = Builder()
    num_ids = {"bullet": _numbering(b.doc, "bullet", "•"), "decimal": _numbering(b.doc, "decimal", "%1."),
               "roman": _numbering(b.doc, "upperRoman", "%1.")}
    up, cbu, cap_tren, chi_bo = CELLS[cell]
    so = NUMBERS.get(klass, NUMBERS["ke-hoach"])[so_i % 4] if so_i is not None else None
    dt = date_typed or (_date(seed) if date else None)  # date_typed: (as typed after "ngày", value or None)
    _header(b, header, cell, so, dt, place=place)
    label = TYPE_LABEL.get(klass, "THÔNG BÁO")
    if klass == "chung":
        label = ["KẾT LUẬN", "THÔNG BÁO", "CHƯƠNG TRÌNH"][seed % 3]
    topic_year = f"năm học {2018 + seed % 6}-{2019 + seed % 6}"
    trich = {"ke-hoach": f"Lãnh đạo thực hiện nhiệm vụ {topic_year}",
             "nghi-quyet": f"Lãnh đạo thực hiện nhiệm vụ tháng {1 + seed % 12} năm {2018 + seed % 6}",
             "bao-cao": f"Tổng kết công tác xây dựng Đảng năm {2017 + seed % 6} và phương hướng nhiệm vụ năm {2018 + seed % 6}",
             "chung": f"Về việc học tập, quán triệt nghị quyết {topic_year}"}[klass]
    if allcaps_trich:
        trich = trich.upper()
    b.para(label, bold=True, align="c")
    if trich_two_lines:
        mid = trich.find(" và ") if " và " in trich else trich.rfind(" ", 0, len(trich) // 2 + 4)
        b.para(trich[:mid].strip(), bold=True, align="c")
        b.para(trich[mid:].strip(), bold=True, align="c")
    else:
        b.para(trich, bold=True, align="c")
    b.para("-----", align="c")
    if cite:
        b.para(CITES[seed % 5], keep=True)
    if legacy == "fragment":
        s = "Chi bộ có 18 đảng viên, phần lớn công tác ở cấp Tiểu học và trung học."
        b.para(s, stored=s.replace("cấp Tiểu học", "cÊp TiÓu häc"))
        b.sentences.append(s)
    sections = SECTIONS[klass]
    part_names = ["PHẦN THỨ NHẤT", "PHẦN THỨ HAI"] if parts == "thu" else ["PHẦN I:", "PHẦN II:"] if parts == "caps" \
        else ["Phần I", "Phần II"]
    second_part = len(sections) // 2 + 1 if len(sections) > 3 else 2
    for i, title in enumerate(sections):
        if parts and i in (0, second_part):
            pi = 0 if i == 0 else 1
            ptitle = ["Kết quả thực hiện", "Nhiệm vụ và giải pháp"][pi]
            b.para(f"{part_names[pi]} {ptitle.upper()}" if parts != "caps" else f"{part_names[pi]} {ptitle.upper()}",
                   bold=True, align="c")
            plabel = {"thu": ["THỨ NHẤT", "THỨ HAI"], "caps": ["I", "II"], True: ["I", "II"]}.get(parts, ["I", "II"])
            b.headings.append((plabel[pi], ptitle, 0))
        # a careful secretary restarts the numbering under each PHẦN
        index = i - second_part if parts and i >= second_part else i
        prefix, lab = _labels(number_fmt, index)
        text_title = title.upper() if heading_mode == "caps" else title
        colon = ":" if seed % 2 else ""
        if auto == "roman":
            p = b.para(text_title + colon, bold=True)
            _set_num(p, num_ids["roman"])
            lab = ROMAN[index]
        elif auto == "decimal":
            p = b.para(text_title + colon, bold=True)
            _set_num(p, num_ids["decimal"])
            lab = str(index + 1)
        elif legacy in ("tcvn3", "vni") and i == 0:
            if legacy == "tcvn3":
                p = b.para(stored=prefix + tcvn3(title.upper(), capitals_font=True), font=".VnTimeH", bold=True)
            else:
                p = b.para(stored=prefix + vni(title.upper()), font="VNI-Times", bold=True)
        elif heading_mode == "style":
            p = b.doc.add_paragraph(prefix + text_title, style="Heading 1")
        else:
            p = b.para(prefix + text_title + colon, bold=heading_mode != "plain")
        b.headings.append((lab, title, 1))
        if thuan_loi and i == 0:
            for lbl, topic in (("Thuận lợi", "các phong trào thi đua"), ("Khó khăn", "công tác phát triển đảng viên")):
                b.para(f"* {lbl}:", bold=True)
                _body_items(b, topic, seed + 1, bullets, num_ids)
            continue
        if labels_ab and i == 1 or sub_arabic and i == 1:
            for j, sub in enumerate(["Về công tác chính trị, tư tưởng", "Về công tác tổ chức, cán bộ"]):
                sl = "ab"[j] if labels_ab else str(j + 1)
                sub_text = f"{sl}. {sub}" if not sub_arabic or seed % 2 else f"{sl}.{sub}"
                if number_fmt == "twice" and sub_arabic:
                    sub_text = f"{j + 1}. {sl}. {sub}"
                b.para(sub_text + ":", bold=True)
                b.headings.append((sl, sub, 2))
                _body_items(b, sub.lower(), seed + j, bullets, num_ids)
            continue
        if legacy == "tcvn3" and i == 1:
            s = "Đảng viên thực hiện tốt cuộc vận động học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
            b.para(s, stored=tcvn3(s), font=".VnTime")
            b.sentences.append(s)
        if legacy == "vni" and i == 1:
            s = "Chi bộ duy trì nền nếp sinh hoạt định kỳ, nâng cao chất lượng sinh hoạt chuyên đề."
            b.para(s, stored=vni(s), font="VNI-Times")
            b.sentences.append(s)
        _body_items(b, title.lower(), seed + i, bullets, num_ids)
    if extra:
        extra(b)
    # signature block
    b.para("T/M CHI BỘ", bold=True, align="c")
    b.para("BÍ THƯ", bold=True, align="c")
    nguoi = SIGNERS[seed % 4] if signer else None
    if nguoi:
        b.para(nguoi, bold=True, align="c")
    if well:
        b.para("Nơi nhận:", bold=True, italic=True)
        for line in ("- Đảng ủy (để b/c);", "- Các đảng viên;", "- Lưu."):
            b.para(line)
    case = Case(name, klass, type_code, well,
                {"so": so.split(":", 1)[-1].strip() if so and so.startswith("Số") else so, "ngay": dt[1] if dt else None,
                 "chi_bo": (f"ĐẠI HỘI {cbu}" if header == "congress" else chi_bo) if header else None,
                 "cap_tren": cap_tren if header else None,
                 "trich_yeu": trich, "nguoi_ky": nguoi},
                b.sentences, b.headings)
    if case.header["so"] and case.header["so"].startswith("Số "):
        case.header["so"] = case.header["so"][3:].strip()
    return b, case


def _regulation(name: str) -> tuple[Builder, Case]:
    b = Builder()
    b.para("BAN CHẤP HÀNH TRUNG ƯƠNG", bold=True)
    b.para("Số 213-QĐ/TW")
    b.para("QUY ĐỊNH", bold=True, align="c")
    b.para("Về trách nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng nơi cư trú",
           bold=True, align="c")
    b.para("(Văn bản thử nghiệm: lời văn dưới đây là văn bản giả định để kiểm thử, không phải nguyên văn.)",
           italic=True, keep=True)
    for c, (ctitle, arts) in enumerate([("Quy định chung", 2), ("Nội dung thử nghiệm", 2)]):
        b.para(f"Chương {ROMAN[c]}", bold=True, align="c")
        b.para(ctitle.upper(), bold=True, align="c")
        b.headings.append((f"Chương {ROMAN[c]}", ctitle, 1))
        for a in range(arts):
            n = c * 2 + a + 1
            atitle = ["Phạm vi thử nghiệm", "Đối tượng thử nghiệm", "Nội dung giả định", "Hiệu lực giả định"][n - 1]
            b.para(f"Điều {n}. {atitle}", bold=True)
            b.headings.append((f"Điều {n}", atitle, 2))
            for k in range(1, 3):
                s = f"Khoản giả định số {k} của điều {n}, viết cho bộ thử nghiệm, quy định đảng viên thực hiện nhiệm vụ thử nghiệm thứ {k} một cách đầy đủ và nghiêm túc."
                b.para(f"{k}. {s}")
                b.sentences.append(s)
    return b, Case(name, "van-ban-goc", "quy-dinh", True,
                   {"so": "213-QĐ/TW", "ngay": None, "chi_bo": None, "cap_tren": None, "trich_yeu": None,
                    "nguoi_ky": None}, b.sentences, b.headings)


def _central_regulation(name: str) -> tuple[Builder, Case]:
    """Issue 20: a Central regulation the registry does not have (a made-up number), whose
    title holds "VI PHẠM", a clause cut by a page break, and the one it replaces."""
    b = Builder()
    b.para("BAN CHẤP HÀNH TRUNG ƯƠNG\t\tĐẢNG CỘNG SẢN VIỆT NAM", bold=True)
    b.para("*", align="c")
    b.para("Số 881-QĐ/TW\t\tHà Nội, ngày 05 tháng 01 năm 2024")
    b.para("QUY ĐỊNH", bold=True, align="c")
    b.para("VỀ XỬ LÝ KỶ LUẬT TỔ CHỨC ĐẢNG, ĐẢNG VIÊN VI PHẠM", bold=True, align="c")
    b.para("(Văn bản thử nghiệm: lời văn dưới đây là văn bản giả định để kiểm thử, không phải nguyên văn.)",
           italic=True, keep=True)
    b.para("Điều 1. Phạm vi thử nghiệm", bold=True)
    b.headings.append(("Điều 1", "Phạm vi thử nghiệm", 1))
    b.para("1- Quy định này")  # the page ends here; the clause goes on, in lower case, on the next page
    b.para("quy định nguyên tắc xử lý kỷ luật trong bộ thử nghiệm.")
    b.sentences.append("1- Quy định này quy định nguyên tắc xử lý kỷ luật trong bộ thử nghiệm.")
    b.para("2- Tổ chức đảng thử nghiệm thực hiện đúng các bước đã nêu.", keep=False)
    b.sentences.append("Tổ chức đảng thử nghiệm thực hiện đúng các bước đã nêu.")
    b.para("Điều 2. Hiệu lực thử nghiệm", bold=True)
    b.headings.append(("Điều 2", "Hiệu lực thử nghiệm", 1))
    b.para("Quy định này thay thế Quy định số 880-QĐ/TW của bộ thử nghiệm.", keep=True)
    b.para("T/M BỘ CHÍNH TRỊ", bold=True, align="c")
    b.para("Nguyễn Văn Thử", bold=True, align="c")
    return b, Case(name, "van-ban-goc", "quy-dinh", False,
                   {"so": "881-QĐ/TW", "ngay": None, "chi_bo": None, "cap_tren": None, "trich_yeu": None,
                    "nguoi_ky": None}, b.sentences, b.headings)


def _resolution_decisions(name: str, seed: int) -> tuple[Builder, Case]:
    def decisions(b: Builder) -> None:
        # numbered decisions after the sections: list items, not headings
        b.para("QUYẾT NGHỊ", bold=True, align="c")
        b.headings.append(("", "Quyết nghị", 1))
        for k in range(1, 4):
            s = (f"Chi bộ thống nhất giao cho đồng chí phụ trách nội dung số {k} xây dựng kế hoạch chi tiết, "
                 f"báo cáo cấp ủy trước ngày {10 + k} hằng tháng và chịu trách nhiệm về kết quả thực hiện.")
            b.para(f"{k}. {s}")
            b.sentences.append(s)
    return make_structured(name, "nghi-quyet", "nghi-quyet", seed=seed, so_i=seed, extra=decisions)


def _newspaper(name: str) -> tuple[Builder, Case]:
    b = Builder()
    b.para("Chi bộ vùng cao đẩy mạnh học tập và làm theo gương Bác", bold=True)
    for s in _sentences("việc học tập nghị quyết ở vùng cao", 4, 7):
        b.para(s, keep=True)
    b.para("Kết quả bước đầu", bold=True)
    b.headings.append(("", "Kết quả bước đầu", 1))
    for s in _sentences("phong trào thi đua dạy tốt, học tốt", 3, 2):
        b.para(s, keep=True)
    b.para("Văn bản có đoạn <script>alert(1)</script> phải hiện ra như chữ thường.", keep=True)
    # The headline of a reprint is its title: the importer takes it as the trích yếu.
    return b, Case(name, "chung", "van-ban", False,
                   {"so": None, "ngay": None, "chi_bo": None, "cap_tren": None,
                    "trich_yeu": "Chi bộ vùng cao đẩy mạnh học tập và làm theo gương Bác", "nguoi_ky": None},
                   b.sentences, b.headings)


def _bad_files(dest: Path) -> list[Case]:
    cases = []
    def add(name, data: bytes):
        (dest / name).write_bytes(data)
        cases.append(Case(name, "hong", None, False, {}))
    add("hong-khong-phai-zip.docx", b"Day khong phai tep Word, chi la chu.\n" * 20)
    add("hong-doc-doi-ten.docx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + b"WordDocument" + b"\0" * 1000)
    add("hong-rong.docx", b"")
    add("hong-ma-hoa.docx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
        + "EncryptedPackage".encode("utf-16-le") + b"\0" * 200 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 800)
    # a page torn from the middle of a draft: no header, no sections
    d = Document()
    for s in _sentences("các nội dung còn dang dở", 3, 4):
        d.add_paragraph("còn tiếp tục " + s.lower())
    d.save(dest / "hong-trang-giua.docx")
    cases.append(Case("hong-trang-giua.docx", "hong", None, False, {}))
    return cases


def build_corpus(dest: Path) -> list[Case]:
    dest.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    specs = []
    kinds = [("ke-hoach", "ke-hoach"), ("nghi-quyet", "nghi-quyet"), ("bao-cao", "bao-cao")]
    number_fmts = ["dot", "nospace", "dash", "colon", "slash", "paren", "arabic", "arabic_nospace", "twice"]
    bullet_kinds = ["-", "–", "—", "+", "•", "*", "o", "sym", "pua", "wordlist", "nested", "indent", "plain"]
    headers = ["table", "lines", "glued"]
    heading_modes = ["bold", "caps", "style", "bold"]
    n = 0
    for kind, code in kinds:
        for j in range(12):
            opts = dict(header=headers[n % 3], number_fmt=number_fmts[n % 9], bullets=bullet_kinds[n % 13],
                        cell=n % 3, so_i=n % 4, seed=n, heading_mode=heading_modes[n % 4])
            if j == 1: opts.update(parts="thu")
            if j == 2: opts.update(parts="caps")
            if j == 3: opts.update(parts=True)
            if j == 4: opts.update(auto="roman")
            if j == 5: opts.update(auto="decimal", number_fmt="arabic")
            if j == 6: opts.update(legacy="tcvn3")
            if j == 7: opts.update(legacy="vni")
            if j == 8: opts.update(legacy="fragment", allcaps_trich=True)
            if j == 9: opts.update(labels_ab=True, number_fmt="arabic", thuan_loi=True)
            if j == 10:  # "1." below Roman sections ("1. 1." when copied twice)
                opts.update(trich_two_lines=True, sub_arabic=True)
                if opts["number_fmt"].startswith("arabic"):
                    opts["number_fmt"] = "nospace"
            if j == 11: opts.update(date=False, signer=False, so_i=None, well=False)
            name = f"{kind}-{j + 1:02d}.docx"
            specs.append((name, kind, code, opts))
            n += 1
    for name, kind, code, opts in specs:
        b, case = make_structured(name, kind, code, **opts)
        b.doc.save(dest / name)
        cases.append(case)
    for j in range(3):
        name = f"chung-{j + 1:02d}.docx"
        b, case = make_structured(name, "chung", "van-ban", seed=j, so_i=None, header=headers[j],
                                  bullets=["–", "+", "sym"][j])
        case.header["so"] = None
        b.doc.save(dest / name)
        cases.append(case)
    b, case = _newspaper("chung-bao-in-lai.docx"); b.doc.save(dest / case.name); cases.append(case)
    b, case = _regulation("van-ban-goc-213.docx"); b.doc.save(dest / case.name); cases.append(case)
    for j in range(2):
        b, case = _resolution_decisions(f"nghi-quyet-quyet-nghi-{j + 1}.docx", 20 + j)
        b.doc.save(dest / case.name); cases.append(case)
    # issue 20: dates left blank for handwriting or aligned with spaces, a congress issuer block
    for name, kind, opts in (
            ("ke-hoach-ngay-de-trong.docx", "ke-hoach",
             dict(header="lines", date_typed=("     tháng    năm 2021", None), place="Tân thái", seed=3)),
            ("bao-cao-ngay-canh-le.docx", "bao-cao",
             dict(header="tabs", date_typed=(" 10  tháng 01   năm 2021", "10/01/2021"), place="Sơn Phú", seed=4)),
            ("bao-cao-dai-hoi.docx", "bao-cao", dict(header="congress", seed=5, so_i=None))):
        b, case = make_structured(name, kind, kind, **opts)
        b.doc.save(dest / name)
        cases.append(case)
    b, case = _central_regulation("van-ban-goc-trung-uong-moi.docx"); b.doc.save(dest / case.name); cases.append(case)
    cases.extend(_bad_files(dest))
    return cases


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "realdocs-corpus")
    for c in build_corpus(out):
        print(c.klass, c.name, c.type_code, len(c.sentences), len(c.headings))
