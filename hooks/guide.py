"""MkDocs hook: one "Hướng dẫn" page per document type, generated from its template.

The pages are built from ``data/loai-van-ban.yml`` by ``chibo.authoring.templates.guide_page``, so
the guide always shows exactly what ``make new`` writes.
"""

from __future__ import annotations


from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from chibo.authoring.templates import guide_page
from chibo.document.config import load_settings
from chibo.document.config import project_dir


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    settings = load_settings(project_dir(config) / "data")
    for doctype in settings.types.values():
        if not doctype.sections:
            continue
        files.append(File.generated(config, f"huong-dan/mau-{doctype.code}.md",
                                    content=guide_page(doctype, settings)))
    return files
