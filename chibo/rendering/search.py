"""Vietnamese search rules: how text is cut into words and how words are folded.

The site's search runs in the browser, in Material for MkDocs' own search worker (lunr).
Two pieces make it suit Vietnamese, and both follow the rules written here:

- ``SEPARATOR`` is handed to Material's search plugin (``hooks/search.py``); the worker
  cuts titles, texts and queries with it. Every character that is not a letter, a
  combining mark or a digit separates words, so "(nếu", "Đảng," and "213-QĐ/TW" give the
  words "nếu", "đảng", "213", "qđ", "tw".
- ``overrides/assets/javascripts/lunr/min/lunr.vi.min.js`` (loaded by the worker for the
  language "vi") indexes every word folded ("đảng" -> "dang") and keeps its spelling
  next to its position; a query matches folded, and a result containing a query word
  exactly as typed (with its diacritics) has its score multiplied by ``EXACT_FACTOR``.

``word_terms``, ``index_terms`` and ``expand_term`` are the Python statement of what the
JavaScript does; ``tests/search_cases.json`` holds one table both are tested against.
``compact_index`` rewrites the written index. No MkDocs import.
"""

from __future__ import annotations

import json
import re

from chibo.document.text import fold, nfc

#: Characters that make up words: digits, Latin letters (Vietnamese included), combining
#: marks (text typed in NFD), Greek and Cyrillic. Written so that it means the same to
#: Python's ``re`` and to a JavaScript ``RegExp`` built without the "u" flag, which is how
#: Material builds it (``new RegExp(config.separator)``).
WORD_CHARACTERS = (
    r"0-9A-Za-z"
    r"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F"  # Latin-1 letters, Latin Extended-A/B (ă đ ơ ư)
    r"\u0300-\u036F"  # combining diacritical marks
    r"\u0370-\u03FF\u0400-\u04FF"  # Greek, Cyrillic
    r"\u1E00-\u1EFF"  # Latin Extended Additional (ạ ả ấ ... ỹ)
)

#: The search separator: one or more non-word characters.
SEPARATOR = rf"[^{WORD_CHARACTERS}]+"

#: A result that contains a query word exactly as typed, diacritics included, has its
#: score multiplied by this for each such word, so exact matches rank first.
EXACT_FACTOR = 4

_SEPARATOR_RE = re.compile(SEPARATOR)


def words(text: str) -> list[str]:
    """The words of a text as Material's tokenizer cuts them (lower case, not yet NFC)."""
    return [piece.lower() for piece in _SEPARATOR_RE.split(text) if piece]


def word_terms(word: str) -> tuple[str, str | None]:
    """One word -> (index term, spelling kept beside it or None).

    "đảng" -> ("dang", "đảng"); "dang" -> ("dang", None); NFD input behaves like NFC.
    """
    exact = nfc(word)
    folded = fold(exact)
    return (folded, None) if folded == exact else (folded, exact)


def index_terms(text: str) -> list[tuple[str, str | None]]:
    """Every (index term, spelling) of a text, in order, as the worker indexes it."""
    return [word_terms(word) for word in words(text)]


def expand_term(term: str) -> tuple[str, str | None]:
    """A query term -> (term to match, exact spelling that ranks higher or None).

    "đảng" -> ("dang", "đảng"); "dang" -> ("dang", None); NFD input behaves like NFC.
    """
    exact = nfc(term.lower())
    folded = fold(exact)
    return (folded, None) if folded == exact else (folded, exact)


def compact_index(data: str) -> str:
    """Material's ``search_index.json`` rewritten in NFC with letters as UTF-8.

    Material writes the index with every non-ASCII letter escaped ("\\u0111\\u1ea3ng"),
    which makes Vietnamese text about half again as large; the content is unchanged.
    """
    index = json.loads(data)
    for entry in index.get("docs", []):
        for key in ("title", "text"):
            if isinstance(entry.get(key), str):
                entry[key] = nfc(entry[key])
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
