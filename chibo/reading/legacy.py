"""Legacy Vietnamese encodings (TCVN3/ABC and VNI-Windows) to Unicode.

Word keeps a run typed in a legacy 8-bit font as the Unicode characters of the
Windows-1252 reading of each byte (``"häc"`` is the TCVN3 bytes of "học"); bytes that
Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) arrive as the C1 control
characters U+0081 … U+009D. This module turns such text back into NFC Unicode:

- :func:`encoding_of_font` tells, from a run's font name, which table applies;
- :func:`decode` converts a whole run; :func:`encode` is its inverse (tests, round trips);
- :func:`repair_tcvn3_fragments` finds TCVN3 words pasted into Unicode text and converts
  only those, checked with a small Vietnamese syllable validator (:func:`is_syllable`).

The tables were written from the published layouts of TCVN 5712:1993 (VN3, the "ABC"
fonts .VnTime …) and of VNI-Windows (VNI-Times …), and every one of the 134 toned letters
is checked by tests/test_legacy_encodings.py. Standard library only; no MkDocs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

__all__ = [
    "ENCODINGS",
    "encoding_of_font",
    "decode",
    "decode_runs",
    "encode",
    "is_unicode_vietnamese",
    "repair_tcvn3_fragments",
    "is_syllable",
]

ENCODINGS = ("tcvn3", "tcvn3-upper", "vni")

# --------------------------------------------------------------------------- bytes

def _byte_of(char: str) -> int | None:
    """The legacy byte Word read as ``char`` (Windows-1252; C1 controls for its holes)."""
    code = ord(char)
    if code < 0x80:
        return code
    if 0xF020 <= code <= 0xF0FF:  # a font Word treats as a symbol font keeps bytes at U+F0xx
        return code - 0xF000
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return code if code < 0x100 else None


def _char_of(byte: int) -> str:
    """The character Word shows for ``byte`` in a non-symbol legacy font."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D
        return chr(byte)


# --------------------------------------------------------------------------- TCVN3

# Vowel rows in tone order: none, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc),
# dot below (nặng). TCVN3 (VN3) has codes for every lowercase letter; its capitals are
# only the seven base letters Ă Â Ê Ô Ơ Ư Đ. Capital toned letters are typed with the same
# lowercase codes in the "H" fonts (.VnTimeH …), which draw every letter as a capital.
_TCVN3_ROWS = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_OTHERS = {
    0xAE: "đ",
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
}
# TCVN 5712 VN1 also places some capital toned letters in the high half; VN3 fonts leave
# those positions unused, so reading them as VN1 capitals loses nothing. 0x80-0x9F (VN1
# capitals too) are NOT read that way: in a Word document those codes are the typographic
# quotes and dashes (“ ” ‘ ’ – — … •) a secretary types, also in a .VnTime paragraph.
# 0xB0-0xB4 (VN1 combining tones) stay ° ± ² ³ ´ for the same reason.
_VN1_CAPITALS = {
    0xAF: "Ằ", 0xBA: "Ẳ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ",
    0xC4: "Ấ", 0xC5: "Ề", 0xCD: "Ể", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xE0: "Ổ",
    0xF0: "Ỗ", 0xFF: "Ố",
}
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # same order as the rows


def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = dict(_TCVN3_OTHERS)
    for base, codes in _TCVN3_ROWS.items():
        for tone, code in zip(_TONES, codes):
            if code is not None:
                table[code] = unicodedata.normalize("NFC", base + tone)
    return table


TCVN3_TO_UNICODE: dict[int, str] = _tcvn3_table()  # the strict VN3 table (67 + 14 letters)
_TCVN3_DECODE = {**TCVN3_TO_UNICODE, **_VN1_CAPITALS}
_UNICODE_TO_TCVN3: dict[str, int] = {char: code for code, char in TCVN3_TO_UNICODE.items()}
# The characters Word shows for the strict VN3 letter codes ("ä" for ọ, "§" for Đ …).
TCVN3_CHARS: dict[str, str] = {_char_of(code): char for code, char in TCVN3_TO_UNICODE.items()}


def _safe_upper(text: str) -> str:
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


def _decode_tcvn3(text: str) -> str:
    out = []
    for char in text:
        byte = _byte_of(char)
        out.append(_TCVN3_DECODE.get(byte, char) if byte is not None and byte >= 0x80 else char)
    return unicodedata.normalize("NFC", "".join(out))


def _encode_tcvn3(text: str, strict: bool = True) -> str:
    out = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) < 0x80:
            out.append(char)
            continue
        code = _UNICODE_TO_TCVN3.get(char)
        if code is None:
            code = _UNICODE_TO_TCVN3.get(char.lower())  # capital toned: the "H"-font way
        if code is None:
            kept = _byte_of(char)
            if kept is not None and kept not in _TCVN3_DECODE:  # “ ” – — … keep their code
                out.append(char)
                continue
            if strict:
                raise ValueError(f"{char!r} (U+{ord(char):04X}) has no TCVN3 code")
            out.append(char)
            continue
        out.append(_char_of(code))
    return "".join(out)


# --------------------------------------------------------------------------- VNI

# VNI-Windows writes a letter, then one mark character: a tone, a shape (circumflex on
# a/e/o, breve on a), or shape + tone in one character. Lowercase mark bytes; the capital
# forms are 0x20 lower (ù 0xF9 -> Ù 0xD9).
_VNI_MARKS = {
    0xF9: "\u0301", 0xF8: "\u0300", 0xFB: "\u0309", 0xF5: "\u0303", 0xEF: "\u0323",
    0xE2: "\u0302", 0xE1: "\u0302\u0301", 0xE0: "\u0302\u0300", 0xE5: "\u0302\u0309",
    0xE3: "\u0302\u0303", 0xE4: "\u0302\u0323",
    0xEA: "\u0306", 0xE9: "\u0306\u0301", 0xE8: "\u0306\u0300", 0xFA: "\u0306\u0309",
    0xFC: "\u0306\u0303", 0xEB: "\u0306\u0323",
}
# Letters that are one VNI character: ơ ư đ, the toned i, and ỵ.
_VNI_LETTERS = {
    0xF4: "ơ", 0xF6: "ư", 0xF1: "đ",
    0xED: "í", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
}
_VNI_MARK_BYTES: dict[int, str] = {}
for _code, _marks in _VNI_MARKS.items():
    _VNI_MARK_BYTES[_code] = _marks
    _VNI_MARK_BYTES[_code - 0x20] = _marks
_VNI_LETTER_BYTES: dict[int, str] = {}
for _code, _letter in _VNI_LETTERS.items():
    _VNI_LETTER_BYTES[_code] = _letter
    _VNI_LETTER_BYTES[_code - 0x20] = _letter.upper()
_VNI_TONE_BYTE = {mark: code for code, mark in _VNI_MARKS.items()}  # "\u0302\u0301" -> 0xE1
_VIETNAMESE_LETTERS = frozenset("abcdeghiklmnopqrstuvxyđ") | frozenset(
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in _TONES)


def _cp1252_can_show(char: str) -> bool:
    try:
        char.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


_UNICODE_ONLY_LETTERS = frozenset(
    c for letter in _VIETNAMESE_LETTERS for c in (letter, letter.upper()) if not _cp1252_can_show(c))
_VNI_SINGLE = {letter: code for code, letter in _VNI_LETTERS.items()}  # "ơ" -> 0xF4
_VOWELS = set("aeiouyăâêôơư")


def _base_and_marks(char: str) -> tuple[str, str]:
    """("ấ") -> ("a", "\u0302\u0301"): base Latin letter and its combining marks, shape first."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    shape = "".join(m for m in marks if m in "\u0302\u0306\u031b")
    tone = "".join(m for m in marks if m in _TONES[1:])
    return base, shape + tone


def _decode_vni(text: str) -> str:
    out: list[str] = []
    previous_vowel = False  # may the next mark attach to the last letter written?
    for char in text:
        byte = _byte_of(char)
        if byte is not None and byte in _VNI_LETTER_BYTES:
            out.append(_VNI_LETTER_BYTES[byte])
            previous_vowel = _VNI_LETTER_BYTES[byte].lower() in ("ơ", "ư")
            continue
        if byte is not None and byte in _VNI_MARK_BYTES and previous_vowel:
            marks = _VNI_MARK_BYTES[byte]
            last = out[-1]
            base, has = _base_and_marks(last.lower())
            shaping = "\u0302" in marks or "\u0306" in marks
            shape_ok = (not (shaping and has)
                        and ("\u0302" not in marks or base in "aeo")
                        and ("\u0306" not in marks or base == "a"))
            if shape_ok:
                out[-1] = unicodedata.normalize("NFC", last + marks)
                previous_vowel = False  # one mark character per letter
                continue
        out.append(char)
        previous_vowel = char.lower() in "aeiouy"
    return unicodedata.normalize("NFC", "".join(out))


def _encode_vni(text: str, strict: bool = True) -> str:
    out = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) < 0x80:
            out.append(char)
            continue
        upper = char != char.lower()
        base, marks = _base_and_marks(char.lower())
        shift = 0x20 if upper else 0
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m == "\u031b"))
        rest = "".join(m for m in marks if m != "\u031b")
        whole = unicodedata.normalize("NFC", char.lower())
        single = _VNI_SINGLE
        if whole in single:  # ơ ư đ í ì ỉ ĩ ị ỵ are one character
            out.append(_char_of(single[whole] - shift))
            continue
        if letter in ("ơ", "ư") and rest:
            out.append(_char_of(single[letter] - shift))
            out.append(_char_of(_VNI_TONE_BYTE[rest] - shift))
            continue
        shape_ok = ("\u0302" not in rest or base in "aeo") and ("\u0306" not in rest or base == "a")
        if base in _VOWELS and rest in _VNI_TONE_BYTE and letter == base and shape_ok:
            out.append(base.upper() if upper else base)
            out.append(_char_of(_VNI_TONE_BYTE[rest] - shift))
            continue
        kept = _byte_of(char)
        if kept is not None and kept not in _VNI_MARK_BYTES and kept not in _VNI_LETTER_BYTES:
            out.append(char)
            continue
        if strict:
            raise ValueError(f"{char!r} (U+{ord(char):04X}) has no VNI spelling")
        out.append(char)
    return "".join(out)


# --------------------------------------------------------------------------- public API

_FONT_SUFFIXES = re.compile(r"(?:[\s_-]+(?:bold|italic|regular|normal|oblique|bolditalic))+$")


def encoding_of_font(name: str | None) -> str | None:
    """The legacy encoding a font name implies: "tcvn3", "tcvn3-upper", "vni" or None.

    ".VnTime", "VnTime", ".VnArial NarrowH", ".VnTimeH" (capital-letter "H" fonts), and
    "VNI-Times", "VNI Times", "VNI-Helve" … ; anything else (Times New Roman, Arial,
    theme fonts) is a Unicode font and gives None.
    """
    if not name:
        return None
    text = name.strip().lower()
    dotted = text.startswith(".")
    text = _FONT_SUFFIXES.sub("", text.lstrip(". ")).strip()
    if not dotted and re.match(r"vni(?:[\s_-]|$|[a-z])", text):
        return "vni" if len(text) > 3 or text == "vni" else None
    if re.match(r"vn[\s_-]?[a-z0-9]", text):
        return "tcvn3-upper" if text.endswith("h") else "tcvn3"
    return None


def is_unicode_vietnamese(text: str) -> bool:
    """Whether ``text`` holds Vietnamese letters no legacy run can produce (ư, đ, ạ, ấ …).

    Word shows a legacy run as Windows-1252 characters only; a run holding "ư" or "ệ" was
    already converted to Unicode (by Unikey, by hand) even if its font is still .VnTime.
    """
    return any(c in _UNICODE_ONLY_LETTERS for c in unicodedata.normalize("NFC", text))


def decode(text: str, encoding: str) -> str:
    """Legacy text, as Word gives it, to NFC Unicode. ASCII characters are kept.

    A run that already holds Unicode-only Vietnamese letters (see
    :func:`is_unicode_vietnamese`) is returned as it is (NFC): its font name is stale.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    if is_unicode_vietnamese(text):
        return unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        return _decode_tcvn3(text)
    if encoding == "tcvn3-upper":
        return _safe_upper(_decode_tcvn3(text))
    if encoding == "vni":
        return _decode_vni(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")


def decode_runs(texts: list[str], encoding: str) -> list[str]:
    """Decode consecutive runs of one legacy font, e.g. the w:t texts of a paragraph.

    In VNI a tone is a separate character, and Word may cut a run between a letter and
    its mark (a spelling mark, a change of colour): "Vie" + "ät". The mark is moved to
    the run of its letter before decoding, so "Việ" + "t". Other encodings decode run by run.
    """
    pieces = list(texts)
    if encoding == "vni":
        for i in range(1, len(pieces)):
            head = pieces[i][:1]
            byte = _byte_of(head) if head else None
            previous = pieces[i - 1]
            if byte in _VNI_MARK_BYTES and previous and (
                    previous[-1].lower() in "aeiouy" or _byte_of(previous[-1]) in (0xF4, 0xF6, 0xD4, 0xD6)):
                pieces[i - 1] += head
                pieces[i] = pieces[i][1:]
    return [decode(piece, encoding) for piece in pieces]


def encode(text: str, encoding: str, strict: bool = True) -> str:
    """Unicode text to the characters Word would hold for it in a legacy font.

    TCVN3 has no codes for capital toned letters: they become the lowercase codes (what a
    .VnTimeH font draws as capitals); "tcvn3-upper" writes the whole text that way.
    A character the encoding cannot hold raises ValueError (``strict=False`` keeps it).
    """
    if encoding == "tcvn3":
        return _encode_tcvn3(text, strict)
    if encoding == "tcvn3-upper":
        return _encode_tcvn3(text.lower(), strict)
    if encoding == "vni":
        return _encode_vni(text, strict)
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")


# --------------------------------------------------------------------------- syllables

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
# Rhymes (vần) without tone, with the medial o/u where it belongs. Stop-final rhymes
# (-c -ch -p -t) take only the sắc or nặng tone.
_RHYMES = frozenset("""
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âu ây âc âm ân âng âp ât
e eo ec em en eng ep et
ê êu êch êm ên êng ênh êp êt
i ia iu ich im in inh ip it
iêu iêc iêm iên iêng iêp iêt
yêu yêm yên yêt yêng
o oi oc om on ong op ot ooc oong
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui uôi uc um un ung up ut uôc uôm uôn uông uôt
ư ưa ưi ưu ưc ưm ưn ưng ưt ươi ươu ươc ươm ươn ương ươp ươt
y
oa oai oay oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt
oe oeo oen oet
uê uêch uênh uy uya uyu uych uynh uyt uyn uyên uyêt uơ uân uâng uât uây
""".split())
# After "qu" the medial u is already written: "quy", "quân", "quyết", "quốc", "quê".
_QU_RHYMES = frozenset(r[1:] for r in _RHYMES if r.startswith("u") and len(r) > 1) | frozenset(
    ("a", "ai", "ao", "ay", "ac", "ach", "an", "ang", "anh", "at", "ăn", "ăng", "ăt",
     "e", "eo", "en", "et", "ê", "ôc", "y", "ơ", "ơn"))
# After "gi" the i is often the vowel's own: "giêng" -> gi + êng, "giữ" -> gi + ư.
_GI_EXTRA = frozenset(("êng", "êt", "ên", "êm", "êc", "êu", "ếp"))
_TONE_MARKS = frozenset(_TONES[1:])

_STOPS = ("c", "ch", "p", "t")


def is_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (onset + rhyme + one tone)."""
    if not word or not all(c in _VIETNAMESE_LETTERS for c in unicodedata.normalize("NFC", word.lower())):
        return False  # "ñy" is not "ny" with a tilde
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    plain = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if not re.fullmatch(r"[a-zđăâêôơư]+", plain):
        return False
    tone = tones[0] if tones else ""
    for onset in _ONSETS:
        if not plain.startswith(onset):
            continue
        rhyme = plain[len(onset):]
        if onset == "qu":
            ok = rhyme in _QU_RHYMES
        elif onset == "gi":
            ok = rhyme in _RHYMES or rhyme in _GI_EXTRA or rhyme == ""
        else:
            ok = rhyme in _RHYMES
        if not ok:
            continue
        if rhyme.endswith(_STOPS) and tone not in ("", "\u0301", "\u0323"):
            continue
        if rhyme.endswith(_STOPS) and tone == "":
            continue  # "các", "học": a stop-final syllable always carries sắc or nặng
        return True
    return False


# --------------------------------------------------------------------------- fragments

_LATIN1_VIETNAMESE = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_WORD_CHAR = re.compile(r"[^\W\d_]|[\u0300-\u036f]", re.UNICODE)
_UNITS = re.compile(r"µ(?:m|g|l|s|f|a|v|w|mol|h|j|c|n|k)?", re.IGNORECASE)


def _is_word_char(char: str) -> bool:
    return char in TCVN3_CHARS or bool(_WORD_CHAR.match(char))


def _words(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for index, char in enumerate(text):
        if _is_word_char(char):
            if start is None:
                start = index
        elif start is not None:
            spans.append((start, index))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _plausible_unicode(word: str) -> bool:
    """Could ``word`` be genuine Unicode Vietnamese as it stands?"""
    if word.lower() != word and word.upper() != word and word[1:].lower() != word[1:]:
        return False  # "cÊp", "TiÓu": capitals inside a word
    return is_syllable(word)


def _decode_word(word: str) -> str:
    decoded = "".join(TCVN3_CHARS.get(c, c) for c in word)
    if _case_of(word) == "upper":
        decoded = _safe_upper(decoded)  # "§¶NG", "CéNG": typed in a .VnTimeH font
    return unicodedata.normalize("NFC", decoded)


def _case_of(word: str) -> str:
    """"upper" (H-font word: "§¶NG"), "lower" ("häc", "TiÓu") or "unknown" ("Bé", "®Ó")."""
    letters = [c for c in word if c.isascii() and c.isalpha()]
    if any(c.islower() for c in letters):
        return "lower"
    if len(letters) >= 2 or (letters and not word[0].isupper()):
        return "upper"
    return "unknown"


def _classify(word: str) -> tuple[str, str]:
    """("strong" | "weak" | "", decoded): how sure it is that ``word`` is TCVN3."""
    if not any(c in TCVN3_CHARS for c in word):
        return "", word
    if not all(c.isascii() or c in TCVN3_CHARS for c in word):
        return "", word  # "Trường", "déjà": characters TCVN3 cannot produce
    if _UNITS.fullmatch(word):
        return "", word  # µm, µg: units, not "àm"
    if (re.fullmatch(r"[A-Z]*§[A-Z§]*", word) and word != "§") or re.fullmatch(r"[A-Z]*®[A-Z]+", word):
        # "Q§", "GD&§T", "BGD§T", "T®TT": abbreviations with Đ ("IBM®" stays a trademark)
        return "strong", word.replace("§", "Đ").replace("®", "Đ")
    decoded = _decode_word(word)
    if decoded == word or not is_syllable(decoded):
        return "", word
    symbols_only = all(c not in _LATIN1_VIETNAMESE and not c.isalpha() for c in word if not c.isascii())
    ascii_letters = sum(1 for c in word if c.isascii() and c.isalpha())
    if _plausible_unicode(word) or len(word) == 1 or (symbols_only and ascii_letters == 0):
        return "weak", decoded  # "cã" (có) is also a spelling of "cã"; "«" is a quote mark
    return "strong", decoded


PAIRS_FILE = "cap-tu.yml"


@lru_cache(maxsize=2)
def common_pairs(path: str | None = None) -> frozenset[str]:
    """Common two-word phrases ("chi bộ", "một số") from data/cap-tu.yml, lower case."""
    from chibo.document.config import DATA_DIR

    file = Path(path) if path else DATA_DIR / PAIRS_FILE
    if not file.is_file():
        return frozenset()
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    return frozenset(" ".join(str(p).lower().split()) for p in data.get("cap_tu") or [] if str(p).strip())


def _by_pairs(text: str, spans: list[tuple[int, int]], kinds: list[tuple[str, str]],
              converted: list[bool]) -> list[bool]:
    """Words that read both ways ("bé" = "bộ") decided by the word beside them: TCVN3 when,
    decoded, they make a common pair ("chi bộ", "một số") and, as they stand, they do not."""
    pairs = common_pairs()
    out = [False] * len(spans)
    if not pairs:
        return out
    for i, (kind, decoded) in enumerate(kinds):
        word = text[spans[i][0]:spans[i][1]]
        if kind != "weak" or converted[i] or not word.islower():
            continue  # a capitalised word ("Chi Bé") may be a name
        sides = []
        for j in (i - 1, i + 1):
            if 0 <= j < len(spans) and not text[spans[min(i, j)][1]:spans[max(i, j)][0]].strip():
                raw = text[spans[j][0]:spans[j][1]].lower()
                forms = {raw, kinds[j][1].lower()} if kinds[j][0] else {raw}
                sides.extend((j < i, form) for form in forms)
        as_is = any((f"{o} {word}" if before else f"{word} {o}") in pairs for before, o in sides
                    if o == text[spans[i - 1 if before else i + 1][0]:spans[i - 1 if before else i + 1][1]].lower())
        decoded_pair = any((f"{o} {decoded.lower()}" if before else f"{decoded.lower()} {o}") in pairs
                           for before, o in sides)
        out[i] = decoded_pair and not as_is
    return out


def repair_tcvn3_fragments(text: str) -> tuple[str, int]:
    """Convert the TCVN3 words pasted into Unicode text; return (text, words converted).

    A word is converted when it holds characters of the TCVN3 letter range, is not a
    plausible Unicode Vietnamese word as it stands (capitals inside it, "ä", "¶" …), and
    its decoding is a well-formed Vietnamese syllable. A word that reads both ways
    ("cã" = "có", "mét" = "một") or a lone mark ("«" = "ô") is converted only next to a
    word already converted. Genuine Unicode Vietnamese, "café", "naïve", "§ 3" and
    numbers are left alone.
    """
    spans = _words(text)
    if not spans:
        return text, 0
    kinds = [_classify(text[a:b]) for a, b in spans]
    converted = [kind == "strong" for kind, _ in kinds]
    paired = _by_pairs(text, spans, kinds, converted)
    if not any(converted) and not any(paired):
        return text, 0

    def unicode_evidence(j: int) -> bool:
        # "Trường", "Việt": letters TCVN3 cannot produce, so this side is Unicode
        a, b = spans[j]
        return any(not c.isascii() and c not in TCVN3_CHARS for c in text[a:b])

    def nearest(i: int, step: int) -> int | None:
        # the next word that is not plain ASCII (ASCII reads the same in both encodings),
        # on the same line, at most three ASCII words and a little punctuation away
        j, skipped = i, 0
        while 0 <= j + step < len(spans) and skipped <= 3:
            gap = text[spans[min(j, j + step)][1]:spans[max(j, j + step)][0]]
            if "\n" in gap or len(gap) > 8:
                return None
            j += step
            a, b = spans[j]
            if not text[a:b].isascii():
                return j
            skipped += 1
        return None

    def neighbours(i: int) -> bool:
        # a word that reads both ways follows the fragment unless Unicode is beside it
        sides = [j for j in (nearest(i, -1), nearest(i, 1)) if j is not None]
        if not any(converted[j] for j in sides):
            return False
        return all(converted[j] or not unicode_evidence(j) for j in sides)

    changed = True
    while changed:
        changed = False
        for i, (kind, _) in enumerate(kinds):
            if kind == "weak" and not converted[i] and neighbours(i):
                converted[i] = changed = True
    # words decided by their pair come last: they are no evidence for their neighbours
    converted = [flag or pair for flag, pair in zip(converted, paired)]
    cases = [_case_of(text[a:b]) if flag else "" for (a, b), flag in zip(spans, converted)]

    def upper_beside(i: int) -> bool:
        # "BÉ" next to "CHI" … "§¶NG": a one-capital word takes the case of its fragment
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(spans) and "\n" not in text[spans[min(i, j)][1]:spans[max(i, j)][0]]:
                a, b = spans[j]
                case = cases[j] if converted[j] else _case_of(text[a:b]) if text[a:b].isascii() else ""
                if case in ("upper", "lower"):
                    return case == "upper"
                if not converted[j] and not text[a:b].isascii():
                    break
                j += step
        return False

    out, last = [], 0
    for i, ((a, b), (kind, decoded), flag) in enumerate(zip(spans, kinds, converted)):
        if flag:
            if cases[i] == "unknown" and upper_beside(i):
                decoded = _safe_upper(decoded)
            out.append(text[last:a])
            out.append(decoded)
            last = b
    out.append(text[last:])
    return "".join(out), sum(converted)
