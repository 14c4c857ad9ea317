"""MkDocs hook: escape by default (``chibo.rendering.escape``).

MkDocs and Material treat ``page.title`` and nav titles as HTML (a title taken from a
heading keeps its entities), but a title typed in front matter or in ``mkdocs.yml``'s nav
(``make import`` writes a document's title there) is text. This hook makes them HTML by
escaping them once, so the nav, the tabs, the footer, ``<title>``, the page heading and
the search index show the words and never run them. Front-matter values Material writes
into attributes (description, author) are escaped too; the document header and
signature partials escape with ``| e``. Last of all, every page body is sanitised: raw HTML
in a document keeps its words, loses any script.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from chibo.document.config import project_dir
from chibo.publishing.stage import filter_meta, known_keys
from chibo.rendering.escape import html_text, sanitize_html

# Front-matter keys Material prints as HTML or inside attributes.
_TEXT_KEYS = ("title", "description", "author", "subtitle")


def _escape_titles(items: list) -> None:
    for item in items:
        if isinstance(item, Page):
            if isinstance(item.__dict__.get("title"), str):  # given in mkdocs.yml's nav
                item.title = html_text(item.__dict__["title"])
        elif isinstance(getattr(item, "title", None), str):  # Section, Link
            item.title = html_text(item.title)
        if getattr(item, "children", None):
            _escape_titles(item.children)


_keys: set[str] = set()  # the document keys of data/loai-van-ban.yml, read once per build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _keys
    _keys = known_keys(project_dir(config))
    return config


@event_priority(-100)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _escape_titles(nav.items)
    return nav


@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The staged tree's front matters are ours already; under "make serve" (docs/ as typed)
    # the same rule drops every key a template would print unescaped (status, subtitle…).
    kept, _ = filter_meta(page.meta, _keys)
    page.meta.clear()
    page.meta.update(kept)
    for key in _TEXT_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = html_text(value)
        elif value is not None and key == "title":
            page.meta[key] = html_text(value)
    return markdown


@event_priority(-100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return sanitize_html(html)
