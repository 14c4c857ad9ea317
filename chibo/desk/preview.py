"""A document's body as the site shows it: Python-Markdown with the project's own
``markdown_extensions`` (mkdocs.yml), then the site's sanitiser (``chibo.rendering.escape``).
Never the document's raw HTML."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import markdown
import yaml

from chibo.document.config import MkDocsYamlLoader
from chibo.document.text import slugify
from chibo.rendering.escape import sanitize_html


@functools.lru_cache(maxsize=4)
def _extensions(mkdocs_yml: Path, _stamp: float) -> tuple[list[str], dict[str, dict[str, Any]]]:
    data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=MkDocsYamlLoader) or {}
    names, configs = [], {}
    for entry in data.get("markdown_extensions") or []:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        options = dict(options or {})
        if name == "toc":
            options["slugify"] = slugify  # the tag !!python/name is read as None without MkDocs
            options.pop("permalink", None)
        names.append(name)
        configs[name] = {k: v for k, v in options.items() if v is not None}
    return names, configs


def render(project: Path, body: str) -> str:
    mkdocs_yml = project / "mkdocs.yml"
    names, configs = _extensions(mkdocs_yml, mkdocs_yml.stat().st_mtime)
    html = markdown.markdown(body, extensions=names, extension_configs=configs)
    return sanitize_html(html)
