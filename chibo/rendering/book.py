"""The whole site as one PDF book: what each page's chapter looks like in it.

The ``to-pdf`` plugin (mkdocs-to-pdf) collects each page's ``<article>`` and builds the
"Mục lục" from its headings. These helpers adjust a collected article (a BeautifulSoup
tag) so that the contents list each document by its title as on the site, and give the
year span printed on the cover. No MkDocs import; ``hooks/pdf_book.py`` wires them in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bs4 import BeautifulSoup, Tag

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def document_year(meta: dict[str, Any]) -> int | None:
    """The year a document belongs to, from its own attributes only (never guessed)."""
    for key in ("nam", "thang", "ngay"):
        value = meta.get(key)
        if value in (None, ""):
            continue
        match = _YEAR.search(str(value))
        if match:
            return int(match.group(0))
    return None


def year_span(years: Iterable[int]) -> str:
    """"Năm 2022", "Năm 2020 – 2022", or "" when no document states its year."""
    known = sorted(set(years))
    if not known:
        return ""
    if known[0] == known[-1]:
        return f"Năm {known[0]}"
    return f"Năm {known[0]} – {known[-1]}"


def adjust_chapter(article: Tag, title: str, *, section_index: bool) -> None:
    """Make a collected page article fit the book, in place.

    - A document page (official header) gets a chapter heading with its site title, and
      its "KẾ HOẠCH / summary" heading becomes a plain block, so the contents list the
      document once, by title, while the page still shows the official header.
    - A section's index page loses its own h1: the plugin already heads the section with
      the same title.
    """
    soup = BeautifulSoup("", "html.parser")
    official = article.select_one("h1.vb-ten")
    if official is not None:
        heading = soup.new_tag("h1", attrs={"class": "so-tay-van-ban"})
        if official.get("id"):
            heading["id"] = official["id"]
            del official["id"]
        heading.string = title
        official.name = "div"
        header = article.select_one(".vb-dau") or official
        header.insert_before(heading)
        return
    if section_index:
        first = article.find("h1")
        if first is not None:
            if first.get("id"):
                # keep the anchor other pages link to
                anchor = soup.new_tag("span", attrs={"id": first["id"]})
                first.insert_before(anchor)
            first.decompose()
