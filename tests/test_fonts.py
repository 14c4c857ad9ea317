"""Every font the site and the PDFs declare draws every Vietnamese letter (issue 22).

Checked in the font files' character maps (fontTools): for the site, each family, weight and
style declared by ``@font-face`` in the stylesheets must cover each letter with a face whose
``unicode-range`` claims it (that is the face the browser takes); the fonts the site's text
and code use must be self-hosted ones; the PDFs' fonts are the full TrueType files of
``chibo.rendering.pdf.FONT_FILES``, and the PDF stylesheets use only those families.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from chibo.rendering import pdf
from conftest import ROOT

STYLESHEETS = ROOT / "docs/assets/stylesheets"
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.S)


def vietnamese_letters() -> set[str]:
    lower = {unicodedata.normalize("NFC", base + tone) for base in _BASES for tone in _TONES}
    lower |= set("bcdđghklmnpqrstvx")
    letters = lower | {c.upper() for c in lower}
    assert len(letters) == 2 * (12 * 6 + 17) and all(len(c) == 1 for c in letters)
    return letters


def _ranges(text: str) -> list[tuple[int, int]]:
    if not text:
        return [(0, 0x10FFFF)]
    out = []
    for part in text.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return out


def site_faces() -> dict[tuple[str, str, str], list[tuple[Path, list[tuple[int, int]]]]]:
    faces: dict = {}
    for sheet in sorted(STYLESHEETS.glob("*.css")):
        for block in _FACE.findall(sheet.read_text(encoding="utf-8")):
            prop = dict((k.strip(), v.strip()) for k, v in
                        (line.split(":", 1) for line in block.split(";") if ":" in line))
            family = prop["font-family"].strip("'\"")
            url = re.search(r"url\(([^)]+)\)", prop["src"]).group(1).strip("'\"")
            assert not re.match(r"(https?:)?//", url), f"{sheet.name}: {url} is not self-hosted"
            key = (family, prop.get("font-weight", "400"), prop.get("font-style", "normal"))
            faces.setdefault(key, []).append(((sheet.parent / url).resolve(), _ranges(prop.get("unicode-range", ""))))
    return faces


def _cmap(path: Path) -> set[int]:
    return set(TTFont(str(path)).getBestCmap())


def _uncovered(faces: list[tuple[Path, list[tuple[int, int]]]]) -> list[str]:
    maps = [(_cmap(path), ranges) for path, ranges in faces]
    return sorted(c for c in vietnamese_letters()
                  if not any(ord(c) in cmap and any(lo <= ord(c) <= hi for lo, hi in ranges) for cmap, ranges in maps))


def test_the_letters_are_every_vietnamese_letter():
    letters = vietnamese_letters()
    assert {"ế", "ề", "ố", "ổ", "ầ", "ẫ", "Đ", "Ự", "ỹ"} <= letters


def test_every_site_font_face_covers_every_vietnamese_letter():
    faces = site_faces()
    assert ("Tinos", "400", "normal") in faces and ("Cousine", "400", "normal") in faces
    missing = {key: _uncovered(group) for key, group in faces.items()}
    assert {key: letters for key, letters in missing.items() if letters} == {}


def test_the_site_text_and_code_fonts_are_the_self_hosted_ones():
    extra = (STYLESHEETS / "extra.css").read_text(encoding="utf-8")
    declared = {family for family, _, _ in site_faces()}
    for variable in ("--md-text-font", "--md-code-font"):
        first = re.search(variable + r":\s*([^,;]+)", extra).group(1).strip().strip("'\"")
        assert first in declared, f"{variable} starts with {first}, which the site does not ship"


def test_a_font_missing_letters_is_caught(tmp_path: Path):
    # the check fails on a font without the Vietnamese letters (the latin subset alone)
    latin = next(path for path, _ in site_faces()[("Cousine", "400", "normal")] if "latin" in path.name)
    assert "ế" in _uncovered([(latin, [(0, 0x10FFFF)])])


@pytest.mark.parametrize("key", sorted(pdf.FONT_FILES))
def test_every_pdf_font_covers_every_vietnamese_letter(key):
    path = pdf.font_dir() / pdf.FONT_FILES[key]
    assert _uncovered([(path, [(0, 0x10FFFF)])]) == []


def test_the_pdf_stylesheets_use_only_the_pdf_fonts():
    families = {family for family, _, _ in pdf.FONT_FILES}
    for sheet in (ROOT / "chibo/rendering/pdf_templates").glob("*.css"):
        for value in re.findall(r"font-family:\s*([^;}]+)", sheet.read_text(encoding="utf-8")):
            first = value.split(",")[0].strip().strip("'\"")
            assert first in families, f"{sheet.name}: {first}"
