"""Helpers the tests use to compare document text regardless of markup."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, no Markdown emphasis stars, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("*", " ")
    return _SPACE.sub(" ", text).strip()


def page_text(html_path: Path) -> str:
    """The visible text of a built page's article (no permalink signs, no scripts)."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None, f"{html_path} has no article"
    for junk in article.select("a.headerlink, script, style"):
        junk.decompose()
    # Inline links and spans are part of their sentence: "<a>Điều lệ Đảng</a>." reads
    # "Điều lệ Đảng." as in a browser, not "Điều lệ Đảng ."
    for link in article.select("a, span"):
        link.unwrap()
    article.smooth()
    return normalise(article.get_text(" "))


def seed_sentences(seed: Path) -> list[str]:
    """Every sentence of the seed, line by line, without list or emphasis markers."""
    sentences: list[str] = []
    for raw in seed.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        line = re.sub(r"^(?:-|\+)\s*", "", line)
        line = normalise(line)
        if not line:
            continue
        sentences.extend(s for s in re.split(r"(?<=[.;:!?])\s+", line) if s)
    return sentences
