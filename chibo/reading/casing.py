"""Vietnamese sentence case for an ALL-CAPS trích yếu ("KẾ HOẠCH HỌC TẬP VÀ LÀM THEO BÁC HỒ"
-> "Kế hoạch học tập và làm theo Bác Hồ").

Proper names keep their capitals from the list in ``data/ten-rieng.yml`` (the Party, Bác
Hồ, Central bodies, places) — never from whatever casing appears elsewhere in the text.
Acronyms (THCS, UBND) and numbers stay as written; a Roman numeral stays one only where
it numbers something ("khóa XII", "Đại hội XIII", "PHẦN II"): "VI PHẠM" is two words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from chibo.document.config import DATA_DIR
from chibo.document.text import fold
from chibo.reading.legacy import is_syllable

NAMES_FILE = "ten-rieng.yml"
_VOWELS = "AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_NO_VOWEL = re.compile(rf"^[^{_VOWELS}]+$")
_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
# Words after which a Roman numeral numbers something.
_NUMBERED_BY = {"khoa", "lan", "phan", "chuong", "muc", "hoi", "thu", "nghi", "ky", "dot", "giai", "doan", "so"}
_PUNCT = ".,;:()\"'“”"


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    file = Path(path)
    if not file.is_file():
        return (), ()
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    names = tuple(str(n) for n in data.get("ten_rieng") or [] if str(n).strip())
    lower = tuple(str(n) for n in data.get("viet_thuong") or [] if str(n).strip())
    return names, lower


def proper_names(data_dir: Path | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names as written, phrases kept in lower case) from data/ten-rieng.yml."""
    return _load(str((data_dir or DATA_DIR) / NAMES_FILE))


def is_numeral(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` is a Roman numeral numbering something."""
    core = words[index].strip(_PUNCT)
    if not core or not _ROMAN.match(core):
        return False
    previous = fold(words[index - 1].strip(_PUNCT)).lower() if index > 0 else ""
    if previous in _NUMBERED_BY:
        return True
    # "I." / "II-" leading a title, or a numeral closing it ("… KHÓA XII.")
    return (index == 0 and words[index].rstrip() != core) or (index == len(words) - 1 and previous in _NUMBERED_BY)


_KINDS = {("quy", "định"), ("chỉ", "thị"), ("nghị", "quyết"), ("hướng", "dẫn"), ("kết", "luận"), ("quy", "chế"),
          ("thông", "tư"), ("quyết", "định"), ("thông", "tri")}


def _name_documents(words: list[str]) -> None:
    """"quy định số 102-QĐ/TW" names one document: "Quy định số 102-QĐ/TW"."""
    for index in range(len(words) - 2):
        pair = (words[index].lower(), words[index + 1].lower())
        after = words[index + 2]
        if pair in _KINDS and (after.lower() == "số" or any(ch.isdigit() for ch in after)):
            words[index] = words[index][:1].upper() + words[index][1:]


def sentence_case(text: str, known: dict[str, str] | None = None, data_dir: Path | None = None, *,
                  first: bool = True) -> str:
    """An ALL-CAPS trích yếu as a sentence; any other text is returned as it is.
    ``known``: extra single words and their casing (e.g. the document's own place name);
    ``first``: capitalise the first word (False when the text follows a label)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return text
    names, lower = proper_names(data_dir)
    phrases = sorted([(n.lower().split(), n.split()) for n in names] +
                     [(p.lower().split(), p.split()) for p in lower], key=lambda pair: -len(pair[0]))
    known = known or {}
    words = text.split(" ")
    cores = [w.strip(_PUNCT).lower() for w in words]
    out: list[str] = []
    index = 0
    while index < len(words):
        hit = next(((want, cased) for want, cased in phrases
                    if cores[index:index + len(want)] == want and want), None)
        if hit is not None:
            want, cased = hit
            for offset, form in enumerate(cased):
                word = words[index + offset]
                core = word.strip(_PUNCT)
                out.append(word.replace(core, form) if core else word)
            index += len(want)
            continue
        word = words[index]
        core = word.strip(_PUNCT)
        acronym = (_NO_VOWEL.match(core) or ("-" in core and len(core) <= 8) or is_numeral(words, index)
                   or (core.isalpha() and len(core) > 1 and not is_syllable(core.lower()) and not _ROMAN.match(core)))
        if not core or any(ch.isdigit() for ch in core) or "/" in core or acronym:
            out.append(word)
        elif core.lower() in known:
            out.append(word.replace(core, known[core.lower()]))
        else:
            out.append(word.lower())
        index += 1
    _name_documents(out)
    joined = " ".join(out)
    return joined[:1].upper() + joined[1:] if first else joined
