"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime) and VNI-Windows (VNI-Times) to Unicode."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
import pytest

from chibo.reading import legacy

from conftest import SEED as SEED_PLAN  # the 2022 plan, genuine Unicode Vietnamese

BASES = "aăâeêioôơuưy"
TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền hỏi ngã sắc nặng


def _letter(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


TONED = [_letter(b, t) for b in BASES for t in TONES]  # the 60 toned vowels
LOWER = sorted(set(BASES) | set(TONED) | {"đ"})  # 12 vowels + 60 toned + đ = 73 lowercase
UPPER = [c.upper() for c in LOWER]


def test_letter_inventory_is_the_134_vietnamese_letters():
    # 134 = 67 lowercase letters with a diacritic (60 toned vowels + ă â ê ô ơ ư đ) x 2 cases
    marked = [c for c in LOWER if not c.isascii()]
    assert len(marked) == 67
    assert len({c.upper() for c in marked} | set(marked)) == 134
    assert all(len(c) == 1 for c in LOWER + UPPER)  # all precomposed in NFC


# ------------------------------------------------------------------ exact table facts
# Independent spot facts (byte -> letter) from the published TCVN3 / VNI layouts.
TCVN3_FACTS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}


def _word_char(byte: int) -> str:
    """What Word puts in the XML for a byte of a non-symbol legacy font."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


@pytest.mark.parametrize("byte,letter", sorted(TCVN3_FACTS.items()))
def test_tcvn3_every_code(byte, letter):
    assert legacy.decode(_word_char(byte), "tcvn3") == letter
    assert legacy.encode(letter, "tcvn3") == _word_char(byte)


def test_tcvn3_table_covers_every_lowercase_letter_once():
    assert len(TCVN3_FACTS) == 67 + 7  # 67 marked lowercase letters + 7 base capitals
    assert set(legacy.TCVN3_TO_UNICODE.values()) == set(TCVN3_FACTS.values())
    assert legacy.TCVN3_TO_UNICODE == TCVN3_FACTS


VNI_FACTS = {  # Unicode letter -> the VNI characters as Word shows them
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä",
    "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë",
    "ê": "eâ", "ế": "eá", "ệ": "eä", "ô": "oâ", "ộ": "oä", "ồ": "oà",
    "ơ": "ô", "ớ": "ôù", "ợ": "ôï", "ư": "ö", "ứ": "öù", "ự": "öï", "ừ": "öø",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "đ": "ñ", "Đ": "Ñ", "Ơ": "Ô", "Ư": "Ö", "Ợ": "ÔÏ", "Ấ": "AÁ", "Ặ": "AË",
    "Í": "Í", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò", "Ỵ": "Î", "Ý": "YÙ", "Ệ": "EÄ",
}


@pytest.mark.parametrize("letter,vni", sorted(VNI_FACTS.items()))
def test_vni_spellings(letter, vni):
    assert legacy.encode(letter, "vni") == vni
    assert legacy.decode(vni, "vni") == letter


# ------------------------------------------------------------------ round trips

@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_round_trip_every_letter(letter):
    encoded = legacy.encode(letter, "vni")
    assert all(ord(c) < 0x100 for c in encoded)
    assert legacy.decode(encoded, "vni") == letter


@pytest.mark.parametrize("letter", LOWER)
def test_tcvn3_round_trip_every_lowercase_letter(letter):
    encoded = legacy.encode(letter, "tcvn3")
    assert len(encoded) == 1
    assert legacy.decode(encoded, "tcvn3") == letter


@pytest.mark.parametrize("letter", UPPER)
def test_tcvn3_capitals_round_trip_through_the_h_fonts(letter):
    encoded = legacy.encode(letter, "tcvn3-upper")
    assert legacy.decode(encoded, "tcvn3-upper") == letter
    if letter.isascii() or letter in "ĂÂÊÔƠƯĐ":  # ASCII and the seven capitals TCVN3 has
        assert legacy.decode(legacy.encode(letter, "tcvn3"), "tcvn3") == letter
    else:  # ABC convention: a capital toned letter is written with the lowercase code
        assert legacy.encode(letter, "tcvn3") == legacy.encode(letter.lower(), "tcvn3")


def test_all_134_letters_in_one_text_both_encodings():
    text = " ".join(LOWER) + "\n" + " ".join(UPPER)
    assert legacy.decode(legacy.encode(text, "vni"), "vni") == text
    assert legacy.decode(legacy.encode(" ".join(LOWER), "tcvn3"), "tcvn3") == " ".join(LOWER)
    assert legacy.decode(legacy.encode(text, "tcvn3-upper"), "tcvn3-upper") == text.upper()


PHRASES = [
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Chi bộ Trường Tiểu học",
    "Nghị quyết",
    "Đặc điểm tình hình",
    "Thuận lợi",
    "Khó khăn",
    "năm học 2021-2022",
    "Độc lập - Tự do - Hạnh phúc",
    "Căn cứ Điều lệ Đảng; Quy định số 213-QĐ/TW, ngày 02/01/2020.",
    "Khuya, khuỷu tay, quyết tâm, nghiêng ngả, giữ gìn, người ưu tú, rượu, xoong, ngoẹo, hoạch định",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_real_phrases_round_trip(phrase):
    assert legacy.decode(legacy.encode(phrase, "vni"), "vni") == phrase
    tcvn3 = legacy.encode(phrase, "tcvn3")
    assert legacy.decode(tcvn3, "tcvn3") in (phrase, _lower_toned(phrase))
    assert legacy.decode(legacy.encode(phrase, "tcvn3-upper"), "tcvn3-upper") == phrase.upper()


def _lower_toned(text: str) -> str:
    """What plain TCVN3 keeps of capitals: only Ă Â Ê Ô Ơ Ư Đ and ASCII stay capital."""
    return "".join(c if c.isascii() or c in "ĂÂÊÔƠƯĐ" else c.lower() for c in text)


def test_known_legacy_spellings_decode():
    # as a secretary's .docx holds them
    assert legacy.decode("§¶ng Céng s¶n ViÖt Nam", "tcvn3") == "Đảng Cộng sản Việt Nam"
    assert legacy.decode("Chi bé Tr\u00adêng TiÓu häc", "tcvn3") == "Chi bộ Trường Tiểu học"
    assert legacy.decode("NghÞ quyÕt", "tcvn3") == "Nghị quyết"
    assert legacy.decode("®¶ng céng s¶n viÖt nam", "tcvn3-upper") == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert legacy.decode("§Æc ®iÓm t×nh h×nh", "tcvn3") == "Đặc điểm tình hình"
    assert legacy.decode("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "vni") == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert legacy.decode("Chi boä Tröôøng Tieåu hoïc", "vni") == "Chi bộ Trường Tiểu học"
    assert legacy.decode("Nghò quyeát", "vni") == "Nghị quyết"
    assert legacy.decode("Thuaän lôïi, Khoù khaên", "vni") == "Thuận lợi, Khó khăn"


def test_ascii_and_punctuation_are_kept():
    text = "1. Nam 2021-2022 (A/B) 50% + \"x\" ; : ! ? [1] #3 @ _ ~"
    assert legacy.decode(text, "tcvn3") == text
    assert legacy.decode(text, "vni") == text
    assert legacy.decode("Nam", "tcvn3-upper") == "NAM"
    # typographic quotes, dashes, ellipsis (cp1252 0x80-0x9F) stay as typed in both fonts
    for mark in "“”‘’–—…•€":
        assert legacy.decode(f"a {mark} b", "tcvn3") == f"a {mark} b"
        assert legacy.decode(f"x {mark} y", "vni") == f"x {mark} y"
    assert legacy.decode("häc \u2013 n¨m", "tcvn3") == "học \u2013 năm"


def test_result_is_nfc():
    for encoding in legacy.ENCODINGS:
        out = legacy.decode(legacy.encode("Nghị quyết Đảng", encoding), encoding)
        assert out == unicodedata.normalize("NFC", out)


def test_cp1252_holes_arrive_as_c1_controls():
    # undefined cp1252 bytes reach Word XML as U+0081 …; they are not TCVN3 letters (VN3)
    for code in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
        assert legacy.decode(chr(code), "tcvn3") == chr(code)
    # a Latin-1 reading of the letter bytes decodes the same as the cp1252 one
    assert legacy.decode("\u00e4", "tcvn3") == "ọ"


def test_vn1_capitals_are_read():
    # TCVN 5712 VN1 capitals in positions VN3 fonts leave empty
    assert legacy.decode("\u00c4", "tcvn3") == "Ấ"  # 0xC4
    assert legacy.decode("\u00ff", "tcvn3") == "Ố"  # 0xFF
    assert legacy.decode("\u00da", "tcvn3") == "Ế"  # 0xDA


def test_encode_refuses_what_the_encoding_cannot_hold():
    with pytest.raises(ValueError):
        legacy.encode("ç", "tcvn3")  # its code 0xE7 is "ỗ"
    with pytest.raises(ValueError):
        legacy.encode("ñ", "vni")  # its code is "đ"
    for foreign in ("ŏ", "ǎ", "ü", "û"):  # no VNI spelling: o has no breve, u no circumflex
        with pytest.raises(ValueError):
            legacy.encode(foreign, "vni")
    assert legacy.encode("ç", "tcvn3", strict=False) == "ç"
    with pytest.raises(ValueError):
        legacy.decode("x", "viscii")


def test_vni_marks_only_attach_where_they_belong():
    # a mark character after a consonant or a digit stays what it is
    assert legacy.decode("9ù", "vni") == "9ù"
    assert legacy.decode("bâ", "vni") == "bâ"
    # breve only on a; circumflex not on u; never two shapes
    assert legacy.decode("uê", "vni") == "uê"
    assert legacy.decode("uâ", "vni") == "uâ"
    assert legacy.decode("ôâ", "vni") == "ơâ"
    # capital mark after a small letter (Caps Lock typing) still composes
    assert legacy.decode("aÙ", "vni") == "á"


# ------------------------------------------------------------------ fonts

@pytest.mark.parametrize("name,expected", [
    (".VnTime", "tcvn3"), ("VnTime", "tcvn3"), (".vntime", "tcvn3"), (" .VnTime ", "tcvn3"),
    (".VnTimeH", "tcvn3-upper"), ("VnTimeH", "tcvn3-upper"), (".VNTIMEH", "tcvn3-upper"),
    (".VnArial", "tcvn3"), (".VnArialH", "tcvn3-upper"), (".VnArial NarrowH", "tcvn3-upper"),
    (".VnArial Narrow", "tcvn3"), (".VnCentury Schoolbook", "tcvn3"), (".VnAvantH", "tcvn3-upper"),
    (".VnTime Bold", "tcvn3"), (".VnBook-Antiqua", "tcvn3"), (".VnBook-AntiquaH", "tcvn3-upper"),
    ("VNI-Times", "vni"), ("VNI Times", "vni"), ("vni-times", "vni"), ("VNI-Helve", "vni"),
    ("VNI-Book", "vni"), ("VNI_Times", "vni"), ("VNI-Helve-Condense", "vni"),
    ("Times New Roman", None), ("Arial", None), ("Calibri", None), ("", None), (None, None),
    ("Symbol", None), ("Wingdings", None), ("UVnTime", None), ("UTM Times", None), ("Vni", "vni"), ("Verdana", None), ("Vani", None),
])
def test_encoding_of_font(name, expected):
    assert legacy.encoding_of_font(name) == expected


# ------------------------------------------------------------------ syllables

@pytest.mark.parametrize("word", [
    "a", "học", "Nghị", "quyết", "nghiêng", "khuya", "khuỷu", "giữ", "gìn", "người",
    "rượu", "xoong", "ngoẹo", "hoạch", "thuở", "Đảng", "ĐẢNG", "yêu", "uỷ", "ủy", "quốc",
    "giêng", "tiếng", "việt", "Trường", "năm", "àm",  # "àm": well formed, if not a word
])
def test_syllable_validator_accepts(word):
    assert legacy.is_syllable(word)


@pytest.mark.parametrize("word", [
    "", "ă", "oxy", "cafộ", "naùve", "hoc", "cêp", "quyêt", "họcc", "xyz", "ảá", "thé1", "Noởl",
    "ngoàii", "tràng\u0300", "cả\u0301", "ñy", "Lênin", "QĐ", "café",
])
def test_syllable_validator_refuses(word):
    assert not legacy.is_syllable(word)


# ------------------------------------------------------------------ fragments

@pytest.mark.parametrize("text,expected,count", [
    ("cÊp TiÓu häc", "cấp Tiểu học", 3),
    ("§¶ng bé", "Đảng bộ", 2),
    ("§¶NG CéNG S¶N VIÖT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM", 4),
    ("Chi bộ trường cÊp TiÓu häc Hoa Mai", "Chi bộ trường cấp Tiểu học Hoa Mai", 3),
    ("Trường có cÊp TiÓu häc", "Trường có cấp Tiểu học", 3),
    ("Chi bé Tr\u00adêng TiÓu häc cã nhiÒu ®¶ng viªn.", "Chi bộ Trường Tiểu học có nhiều đảng viên.", 8),
    ("NghÞ quyÕt sè 12, n¨m häc 2021-2022", "Nghị quyết số 12, năm học 2021-2022", 5),
    ("- Thuận lợi: ®oµn kÕt, thèng nhÊt.", "- Thuận lợi: đoàn kết, thống nhất.", 4),
    # ASCII words read the same in both encodings: "Chi" does not stop the fragment
    ("thùc tÕ cña Chi bé, Chi bé tr\u00adêng", "thực tế của Chi bộ, Chi bộ trường", 6),
    ("chèng tham nhòng, quan liªu", "chống tham nhũng, quan liêu", 3),
    # words typed in a .VnTimeH font: one-capital words follow the capitals beside them
    ("§¶NG Bé CHI Bé TR\u00adêNG", "ĐẢNG BỘ CHI BỘ TRƯỜNG", 4),
    ("Chi Bé", "Chi Bé", 0),
    ("QuyÕt ®Þnh 213-Q§/TW cña Bé GD&§T", "Quyết định 213-QĐ/TW của Bộ GD&ĐT", 6),
    ("Q§ sè 47, T®TT", "QĐ số 47, TĐTT", 3),
    ("Ban chÊp hµnh, ñy ban", "Ban chấp hành, ủy ban", 3),  # ñ is ủ, not a tilde n
])
def test_repairs_fragments(text, expected, count):
    assert legacy.repair_tcvn3_fragments(text) == (expected, count)


NOT_TCVN3 = [
    "café", "naïve", "Noël", "déjà vu", "crème brûlée", "résumé", "El Niño", "São Paulo",
    "Zoë", "façade", "über", "Müller", "Citroën", "Pokémon", "fiancée", "José", "Chloé",
    "§ 3", "§3", "Điều 5 § 2", "© 2022", "® Word", "50 µm", "3 µg", "« Liberté »", "½ giờ",
    "m² và m³", "IBM®", "Windows® XP", "Ñ", "España", "30 °C", "± 5%", "x × y ÷ z", "¿Qué?", "¡Hola!", "Ærø", "Straße",
    "12.500.000 đồng", "2021-2022", "I.", "1.1", "TP.HCM", "GD-ĐT", "SKKN", "NQ/TW",
    "Ông Tô Lâm", "cô giáo Hà", "Bà Nà", "Ý kiến", "Ô tô", "à, ừ", "ạ", "Ê-đê", "Ê Đê",
    "có cá", "có công", "nâng cao", "Chí Minh", "xã hội", "phê bình", "trên dưới",
]


@pytest.mark.parametrize("text", NOT_TCVN3)
def test_no_false_positive(text):
    assert legacy.repair_tcvn3_fragments(text) == (text, 0)


def test_seed_plan_is_left_unchanged():
    text = SEED_PLAN.read_text(encoding="utf-8")
    assert len(text) > 10_000
    assert legacy.repair_tcvn3_fragments(text) == (text, 0)


def test_unicode_sentences_are_left_unchanged():
    sentences = [
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; căn cứ Nghị quyết Đại hội Chi bộ nhiệm kỳ 2020 – 2022.",
        "Đảng viên có quan điểm, lập trường chính trị vững vàng; có ý thức chấp hành đường lối.",
        "Khó khăn: thời gian dành cho sinh hoạt chuyên đề còn hạn chế.",
        "Thuận lợi: được sự quan tâm chỉ đạo trực tiếp của BCH Đảng bộ Phường Thạch Bàn.",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Tổ chức cho 100% đảng viên học tập, quán triệt Nghị quyết Trung ương 4 khóa XII.",
        "Kết nạp 02 quần chúng ưu tú vào Đảng; chuyển chính thức cho 01 đồng chí.",
        "Ý kiến phát biểu của các đồng chí: nhất trí với dự thảo báo cáo.",
        "Ông Nguyễn Văn Án, bà Lê Thị Ánh, cô Đỗ Thu Hà, thầy Tô Văn Ân.",
        "Café sáng thứ Hai, hội nghị ở Huế, Đà Lạt, Buôn Ma Thuột, Đắk Lắk, Kon Tum.",
        "The resolution (“Nghị quyết”) was adopted; see § 3 and the résumé of José Müller.",
        "Ô tô, xe máy; ê a; ờ, ừ; á à; ô hay; ạ.",
    ]
    for sentence in sentences:
        assert legacy.repair_tcvn3_fragments(sentence) == (sentence, 0), sentence


def test_fragment_inside_unicode_paragraph_keeps_the_unicode_words():
    text = "Chi bộ đã tổ chức quán triệt NghÞ quyÕt TW4 khóa XII cho 100% đảng viên."
    fixed, count = legacy.repair_tcvn3_fragments(text)
    assert fixed == "Chi bộ đã tổ chức quán triệt Nghị quyết TW4 khóa XII cho 100% đảng viên."
    assert count == 2


def test_fragment_lines_do_not_leak_across_line_breaks():
    text = "cÊp TiÓu häc\ncó"
    assert legacy.repair_tcvn3_fragments(text) == ("cấp Tiểu học\ncó", 3)


def test_symbol_font_private_use_bytes_decode_too():
    # if Word stored the legacy bytes as a symbol font's U+F0xx, they read the same
    assert legacy.decode("h\uf0e4c", "tcvn3") == "học"
    assert legacy.decode("Vie\uf0e4t", "vni") == "Việt"


def test_decode_runs_joins_a_vni_mark_cut_from_its_letter():
    assert legacy.decode_runs(["Vie", "ät Nam"], "vni") == ["Việ", "t Nam"]
    assert legacy.decode_runs(["Tröô", "øng"], "vni") == ["Trườ", "ng"]
    assert legacy.decode_runs(["häc", " sinh"], "tcvn3") == ["học", " sinh"]
    # a mark after a consonant is not moved
    assert legacy.decode_runs(["b", "ù"], "vni") == ["b", "ù"]


def test_tcvn3_codes_agree_with_glibc_tcvn5712():
    """An independent table: glibc's TCVN5712-1 (VN1), whose lowercase half is VN3's."""
    iconv = shutil.which("iconv")
    if iconv is None:
        pytest.skip("iconv (libc-bin) is not installed")
    letters = [c for c in LOWER if not c.isascii()] + list("ĂÂÊÔƠƯĐ")
    out = subprocess.run([iconv, "-f", "UTF-8", "-t", "TCVN5712-1"], input="".join(letters).encode(),
                         capture_output=True, check=True).stdout
    assert len(out) == len(letters) == 74
    for letter, byte in zip(letters, out):
        assert legacy.encode(letter, "tcvn3") == _word_char(byte), letter


def test_a_run_already_in_unicode_is_left_alone():
    # the font still says .VnTime / VNI-Times, but the text was converted long ago
    for encoding in legacy.ENCODINGS:
        text = "Nghị quyết của Chi bộ về công tác năm học 2021-2022"
        assert legacy.decode(text, encoding) == text
    assert legacy.is_unicode_vietnamese("Đảng") and legacy.is_unicode_vietnamese("ư")
    assert not legacy.is_unicode_vietnamese("§¶ng häc cã")  # what a legacy run looks like
    assert not legacy.is_unicode_vietnamese("Vieät Nam")
    # decoding twice changes nothing once the text holds Unicode-only letters
    once = legacy.decode("NghÞ quyÕt §¶ng", "tcvn3")
    assert legacy.decode(once, "tcvn3") == once == "Nghị quyết Đảng"
