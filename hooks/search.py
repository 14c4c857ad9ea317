"""MkDocs hook: Vietnamese word separation for Material's search plugin.

Thin adapter: the rules live in ``chibo.rendering.search``. The folding itself happens in the
browser, in ``overrides/assets/javascripts/lunr/min/lunr.vi.min.js``, which Material's
search worker loads for the search language "vi"; this hook makes sure the plugin uses
that language and the Vietnamese separator, unless ``mkdocs.yml`` sets them explicitly,
and rewrites the written index in NFC with unescaped letters (a third smaller).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from chibo.rendering.search import SEPARATOR, compact_index


@event_priority(100)  # before the search plugin's own on_config reads these options
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for name, plugin in config.plugins.items():
        if name in ("search", "material/search"):
            if not plugin.config.get("separator"):
                plugin.config.separator = SEPARATOR
            if not plugin.config.get("lang"):
                plugin.config.lang = ["vi"]
    return config


@event_priority(-50)  # after the search plugin writes the index, before "offline" inlines it
def on_post_build(config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(compact_index(index.read_text(encoding="utf-8")), encoding="utf-8")
