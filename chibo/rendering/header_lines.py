"""Line breaks of the printed header's issuing-body lines: balanced, never one word alone.

"CHI BỘ TRƯỜNG MẦM NON HOA MAI" in 14 pt bold capitals (the size the Party format fixes) is
wider than the left half of the header, and left to the browser it wraps as "CHI BỘ TRƯỜNG
MẦM NON HOA" over a lone "MAI". ``lines`` measures the words in the font the PDF embeds
(advance widths from its ``hmtx`` table) and splits the name into the fewest lines that fit,
the longest of them as short as possible, with at least two words on each line whenever the
name has enough words.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

#: Width of the header's left column: half of A4's 210 mm less the 35 + 15 mm margins
#: (``td.vb-dau__trai`` in ``pdf_templates/document.css``), in points; lines keep 3 % of it free.
COLUMN_FULL_PT = 0.5 * (210 - 35 - 15) / 25.4 * 72
COLUMN_PT = COLUMN_FULL_PT * 0.97


@lru_cache(maxsize=None)
def _metrics(font_path: str) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(font_path, lazy=True)
    hmtx = font["hmtx"]
    advances = {code: hmtx[name][0] for code, name in font.getBestCmap().items()}
    return advances, font["head"].unitsPerEm


def width(text: str, font_path: str, size_pt: float) -> float:
    """The advance width of ``text`` in points (no kerning: a slight overestimate)."""
    advances, units = _metrics(font_path)
    fallback = advances.get(ord("M"), units)
    return sum(advances.get(ord(char), fallback) for char in text) * size_pt / units


def lines(text: str, font_path: str, size_pt: float, column_pt: float = COLUMN_PT) -> list[str]:
    """``text`` (as printed, e.g. upper case) split into balanced lines that fit ``column_pt``."""
    words = text.split()
    if len(words) < 2 or width(" ".join(words), font_path, size_pt) <= column_pt:
        return [" ".join(words)] if words else []
    fallback: list[str] | None = None
    for count in range(2, len(words) + 1):
        fitting = []
        for cuts in combinations(range(1, len(words)), count - 1):
            bounds = (0, *cuts, len(words))
            parts = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
            widest = max(width(part, font_path, size_pt) for part in parts)
            if widest <= column_pt:
                lone = sum(1 for a, b in zip(bounds, bounds[1:]) if b - a == 1)
                fitting.append((lone, widest, parts))
        if fitting:
            lone, _, parts = min(fitting, key=lambda c: (c[0], c[1]))
            if lone == 0:
                return parts
            fallback = fallback or parts
        if fallback is not None and 2 * (count + 1) > len(words):
            return fallback  # one more line could not give every line two words
    return fallback or words
