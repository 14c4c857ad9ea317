"""MkDocs hook: Vietnamese search on top of Material's search plugin.

Thin adapter: the rules live in ``chibo.rendering.search`` (words, folding) and
``chibo.rendering.search_index`` (the shipped index). The search itself runs in the
browser, in ``overrides/assets/javascripts/lunr/min/lunr.vi.min.js``, which Material's
search worker loads for the search language "vi". This hook makes sure the plugin uses
that language and the Vietnamese separator, unless ``mkdocs.yml`` sets them explicitly,
adds the result badges' classes (``extra.tags``) and stylesheet, notes each page's kind, number, date, period, validity and names as it is rendered, and
rewrites the written index with them and a prebuilt index (``build_index``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from chibo.document.config import load_settings
from chibo.rendering.search import SEPARATOR, compact_index
from chibo.rendering.search_index import EXPIRED, IN_FORCE, PageInfo, build_index, page_info
from chibo.document.config import project_dir

STATE_KEY = "chibo_citations"  # the CitationIndex built by hooks/citations.py
STYLESHEET = "assets/stylesheets/tim-kiem.css"  # the result badges
# Material gives a result's tag the class "md-tag--<value>" when extra.tags names it.
BADGE_CLASSES = {EXPIRED: "het-hieu-luc", IN_FORCE: "con-hieu-luc"}
_pages: dict[str, PageInfo] = {}


@event_priority(100)  # before the search plugin's own on_config reads these options
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for name, plugin in config.plugins.items():
        if name in ("search", "material/search"):
            if not plugin.config.get("separator"):
                plugin.config.separator = SEPARATOR
            if not plugin.config.get("lang"):
                plugin.config.lang = ["vi"]
    tags = config.extra.get("tags")
    config.extra["tags"] = {**BADGE_CLASSES, **(tags if isinstance(tags, dict) else {})}
    if STYLESHEET not in [str(sheet) for sheet in config.extra_css]:
        config.extra_css.append(STYLESHEET)
    return config


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    meta = page.meta or {}
    types = load_settings(project_dir(config) / "data").types
    doctype = types.get(str(meta.get("loai") or ""))
    entry = None
    citations = config.get(STATE_KEY)
    if meta.get("loai") == "quy-dinh" and citations is not None:
        registry = citations.registry
        entry = registry.by_page(page.file.src_uri) or registry.get(str(meta.get("ma") or ""))
    _pages[page.url] = page_info(page.url, meta, type_label=doctype.label if doctype else "", entry=entry)
    return context


@event_priority(-50)  # after the search plugin writes the index, before "offline" inlines it
def on_post_build(config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = compact_index(index.read_text(encoding="utf-8"))
        index.write_text(build_index(data, _pages), encoding="utf-8")
