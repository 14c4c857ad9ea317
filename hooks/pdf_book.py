"""MkDocs hook: fit the site-wide PDF book of the ``to-pdf`` plugin (mkdocs-to-pdf).

Thin adapter around ``chibo.rendering.book`` and ``chibo.rendering.pdf``:
- resolves the plugin's ``custom_template_path`` (cover, styles) against mkdocs.yml's
  folder, since the plugin itself reads it from the current directory;
- puts the cover's year span in ``extra.book``;
- after the plugin has collected a page, adjusts that collected copy for the book (the
  site page itself is not touched);
- embeds the same full Tinos/Cousine fonts as the per-document PDFs, and refuses a page
  whose characters the font cannot print.

mkdocs-to-pdf keeps the collected articles in ``generator._articles`` and the document
head in ``generator._head``: private, so the version is pinned in requirements.txt and
tests/test_pdf_site.py checks the result.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from chibo.rendering.book import adjust_chapter, document_year, year_span
from chibo.rendering.pdf import PdfError, font_dir, font_face_css, uncovered_characters

PLUGIN = "to-pdf"
_years: set[int] = set()
_in_book: set[str] = set()  # pages the plugin collected
_documents: dict[str, str] = {}  # document pages built: source -> title


def _generator(config: MkDocsConfig):
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not getattr(plugin, "enabled", False):
        return None
    return plugin.generator


@event_priority(100)  # before the plugin reads its options
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None:
        path = Path(plugin.config["custom_template_path"])
        if not path.is_absolute():
            plugin.config["custom_template_path"] = str(
                Path(config.config_file_path).resolve().parent / path)
    _years.clear()
    _in_book.clear()
    _documents.clear()
    config.extra["book"] = {"years": ""}
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
    year = document_year(page.meta) if page.meta.get("loai") else None
    if year is not None:
        _years.add(year)
    config.extra["book"] = {"years": year_span(_years)}
    return markdown


# mkdocs-to-pdf adds <link rel="alternate" type="application/pdf"> to every page; Material
# takes any rel="alternate" for a language version and fetches pdf/sitemap.xml (a 404, or a
# refused request from file://). The header button to the book stays; this link goes.
_ALTERNATE = re.compile(r'<link(?=[^>]*\brel="alternate")(?=[^>]*\btype="application/pdf")[^>]*>')


@event_priority(-100)  # after the plugin has collected the page
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    generator = _generator(config)
    if generator is None:
        return output
    output = _ALTERNATE.sub("", output)
    if page.meta.get("loai"):
        _documents[page.file.src_uri] = str(page.title)
    article = generator._articles.get(id(page))
    if article is None:
        return output
    _in_book.add(page.file.src_uri)
    parent = page.parent
    adjust_chapter(article, str(page.title or ""),
                   section_index=bool(page.is_index and parent is not None))
    missing = uncovered_characters(article.get_text(" "), _fonts())
    if missing:
        raise PluginError(
            f'Không tạo được tệp PDF toàn trang: trang "{page.title}" ({page.file.src_uri}) '
            f"có ký tự phông chữ không in được: {', '.join(repr(c) for c in missing[:10])}")
    return output


def _fonts() -> Path:
    try:
        return font_dir()
    except PdfError as error:
        raise PluginError(str(error)) from error


@event_priority(100)  # before the plugin renders the book
def on_post_build(config: MkDocsConfig) -> None:
    generator = _generator(config)
    if generator is None or generator._head is None:
        return
    # Every document page of the site must be in the book (the plugin follows the nav).
    nav_pages = {page.file.src_uri for page in (generator._nav.pages if generator._nav else [])}
    left_out = [f'"{title}" ({source})' for source, title in _documents.items()
                if source not in _in_book or source not in nav_pages]
    if left_out:
        raise PluginError("Các văn bản sau không có trong mục lục (nav) nên không vào được tệp "
                          "PDF toàn trang: " + ", ".join(left_out))
    head = generator._head
    # The site's Tinos woff2 files are unicode-range subsets that WeasyPrint mixes up;
    # the book uses the full TrueType fonts instead (family "Tinos PDF").
    for link in head.find_all("link", href=True):
        if str(link["href"]).endswith("stylesheets/fonts.css"):
            link.decompose()
    style = BeautifulSoup("", "html.parser").new_tag("style")
    style.string = font_face_css(_fonts())
    head.append(style)
    if head.title is not None:
        head.title.string = config.site_name
