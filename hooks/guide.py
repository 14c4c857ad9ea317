"""MkDocs hook: one template page ("Mẫu …") per document type, for the secretary only.

The pages are built from ``data/loai-van-ban.yml`` by ``chibo.authoring.templates.guide_page``, so
the guide always shows exactly what ``make new`` writes. They are out of the navigation and out of
the search index (a member searching "nghị quyết tháng 3" must find resolutions, not a template
showing YAML): the guide's index (``huong-dan/index.md``) lists them where it says
``<!-- mau-van-ban -->``.
"""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from chibo.authoring.templates import guide_page
from chibo.document.config import load_settings, project_dir

MARKER = "<!-- mau-van-ban -->"
FOLDER = "huong-dan"
# Material's search plugin leaves out a page whose front matter says so.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"
_templates: list[tuple[str, str]] = []  # (source path, label)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    settings = load_settings(project_dir(config) / "data")
    _templates.clear()
    for doctype in settings.types.values():
        if not doctype.sections:
            continue
        src = f"{FOLDER}/mau-{doctype.code}.md"
        files.append(File.generated(config, src, content=NOT_SEARCHED + guide_page(doctype, settings),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        _templates.append((src, f"Mẫu {doctype.label.lower()}"))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    base = posixpath.dirname(page.file.src_uri)
    items = "\n".join(f"- [{label}]({posixpath.relpath(src, base)})" for src, label in _templates)
    return markdown.replace(MARKER, items or "Chưa có loại văn bản nào có mẫu.")
