"""MkDocs hook: give each document page its formatted official header and signature.

Thin adapter: the formatting lives in ``chibo.rendering.presentation``; this only wires it to pages.
"""

from __future__ import annotations


from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from chibo.document.config import Settings, load_settings
from chibo.rendering.presentation import header_view
from chibo.document.config import project_dir

_settings: Settings | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _settings
    _settings = load_settings(project_dir(config) / "data")
    config.extra["chi_bo"] = _settings.cell
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _settings is not None
    doctype = _settings.types.get(str(page.meta.get("loai", "")))
    if doctype is not None and doctype.official_header:
        page.meta["van_ban"] = header_view(page.meta, doctype, _settings.cell)
    return markdown
