"""MkDocs hook: one "Hướng dẫn" page per document type, generated from its template.

The pages are built from ``data/loai-van-ban.yml`` by ``chibo.authoring.templates.guide_page``, so
the guide always shows exactly what ``make new`` writes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from chibo.authoring.templates import guide_page
from chibo.document.config import load_settings


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    settings = load_settings(Path(config.config_file_path).resolve().parent / "data")
    for doctype in settings.types.values():
        if not doctype.sections:
            continue
        files.append(File.generated(config, f"huong-dan/mau-{doctype.code}.md",
                                    content=guide_page(doctype, settings)))
    return files
