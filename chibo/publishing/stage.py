"""The staged tree: the engine only ever sees what may be published.

``stage(project, out)`` reads ``docs/`` once (``chibo.document.snapshot``), reads every page
with the one front-matter reader (``chibo.document.frontmatter`` through
``chibo.document.model.load``) and writes ``out/``:

- ``out/docs/``: each published page, its front matter written by us (known keys only,
  typed values; protection keys and anything else dropped with a warning), its body as is;
- ``out/docs/``: only the non-page files that published pages actually reference, found in
  the HTML their Markdown renders to (``chibo.publishing.references``), plus the site's
  chrome under ``assets/`` (stylesheets, scripts, fonts);
- ``out/mkdocs.yml``: a config that inherits the project's ``mkdocs.yml`` and points at the
  staged docs, its nav pruned of withheld pages.

Withheld documents (drafts, confidential, unreadable) and files only they reference are not
in ``out/`` at all, so no engine, hook or plugin can publish them. ``Staged`` says what was
left out, for the scan of the outputs (``chibo.publishing.scan``).
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from chibo.document.config import PROJECT_KEY, STAGED_KEY, MkDocsYamlLoader, load_settings
from chibo.document.diagnostics import Problem, Severity
from chibo.document.frontmatter import is_page
from chibo.document.model import Document, load
from chibo.document.snapshot import Snapshot, digest
from chibo.document.visibility import WITHHOLD_KEYS, is_confidential, is_withheld
from chibo.publishing.markup import inert
from chibo.publishing.references import analyse, stylesheet_references, unlink

# Keys a published page keeps besides its type's attributes (data/loai-van-ban.yml).
_DOCUMENT_KEYS = {"title", "loai", "ma", "nam", "thang", "ten_loai", "van_ban_goc", "hop", "lich_hop", "dang",
                  "bo_qua_dan_chieu"}
# Material's own page keys that carry no markup: kept only with these values.
_HIDE_VALUES = {"navigation", "toc", "footer", "path", "tags", "feedback"}
# Site chrome: what a page of ours never is.
_CHROME_FOLDER = "assets/"
_CHROME_SUFFIXES = (".css", ".js", ".mjs", ".woff", ".woff2", ".ttf", ".otf")
_CHROME_NAMES = ("ofl.txt", "license", "license.txt", "license.md", "copying")  # a font's or script's licence
_PAGE_PREFIX = "docs"


@dataclass
class Staged:
    root: Path
    config: Path
    docs: Path
    project: Path
    published: dict[str, Document] = field(default_factory=dict)  # docs-relative path -> document
    withheld: dict[str, Document] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # non-page files staged
    left_out: dict[str, str] = field(default_factory=dict)  # non-page file not staged -> why
    sources: dict[str, bytes] = field(default_factory=dict)  # the snapshot of docs/
    problems: list[Problem] = field(default_factory=list)  # warnings of the staging itself

    def digests(self) -> dict[str, str]:
        return {path: digest(data) for path, data in self.sources.items()}

    def withheld_bytes(self) -> dict[str, bytes]:
        """Every source that is not in the staged tree: withheld pages and files left out."""
        out = {path: self.sources[path] for path in self.withheld}
        out.update({path: self.sources[path] for path in self.left_out if path in self.sources})
        return out


def known_keys(project: Path) -> set[str]:
    settings = load_settings(project / "data")
    keys = set(_DOCUMENT_KEYS)
    for doctype in settings.types.values():
        keys |= set(doctype.attributes)
    return keys - set(WITHHOLD_KEYS)


def _plain(value: Any, depth: int = 0) -> Any:
    """A front-matter value as data we write: scalars, lists and mappings of them."""
    if depth > 8:
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str, _dt.date, _dt.datetime)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item, depth + 1) for key, item in value.items()}
    return str(value)


def _page_value(key: str, value: Any) -> Any:
    """Material's keys: only inert values survive (None drops the key)."""
    if key == "hide":
        values = value if isinstance(value, list) else [value]
        kept = [str(item) for item in values if str(item) in _HIDE_VALUES]
        return kept or None
    if key == "search":
        if isinstance(value, dict) and isinstance(value.get("exclude"), bool):
            return {"exclude": value["exclude"]}
        return None
    return None


def filter_meta(meta: dict[str, Any], keys: set[str]) -> tuple[dict[str, Any], list[str]]:
    """(what a published page keeps of its front matter, the keys dropped): the known keys
    with plain values, Material's ``hide``/``search`` with inert values; nothing else
    reaches a template (``status``, ``subtitle``, ``description``, ``template``…)."""
    kept: dict[str, Any] = {}
    dropped = []
    for key, value in meta.items():
        if key in WITHHOLD_KEYS:
            continue
        if key in keys:
            kept[key] = _plain(value)
            if key == "title" and value is not None:
                kept[key] = " ".join(str(value).split())
            continue
        inert = _page_value(key, value)
        if inert is not None:
            kept[key] = inert
        else:
            dropped.append(key)
    return kept, dropped


def staged_front_matter(doc: Document, keys: set[str]) -> tuple[dict[str, Any], list[Problem]]:
    meta, dropped = filter_meta(doc.meta, keys)
    problems = [Problem(doc.path, doc.meta_lines.get(key, 1), "ST001",
                        f"thuộc tính \"{key}\" không phải thuộc tính của văn bản nên không được đưa lên "
                        "trang (chỉ các thuộc tính trong data/loai-van-ban.yml được đăng)", Severity.WARNING)
                for key in dropped]
    return meta, problems


def _render_page(doc: Document, meta: dict[str, Any]) -> str:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)
    # Always a block, "{}" when empty: a page without one would let MkDocs read
    # MultiMarkdown-style "key: value" lines at the top of the body as metadata.
    lines = front.rstrip("\n").split("\n") if meta else ["{}"]
    # Keep the body on the same line numbers as in the source: messages of the engine's
    # build point at the author's lines.
    lines += ["#"] * max(0, doc.body_start - 3 - len(lines))
    body = "\n".join(doc.lines[doc.body_start - 1:]) if doc.has_front_matter else doc.text
    return "---\n" + "\n".join(lines) + "\n---\n" + inert(body)


def _config(project: Path) -> dict[str, Any]:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsYamlLoader) or {}


def _prune_nav(items: Any, keep: set[str], staged_pages: set[str], generated: bool = True) -> Any:
    """The nav without pages that are not staged (withheld or left out)."""
    if isinstance(items, list):
        out = [pruned for item in items if (pruned := _prune_nav(item, keep, staged_pages)) is not None]
        return out or None
    if isinstance(items, dict):
        out = {}
        for title, value in items.items():
            pruned = _prune_nav(value, keep, staged_pages)
            if pruned is not None:
                out[title] = pruned
        return out or None
    if isinstance(items, str) and is_page(items):
        path = items.lstrip("./")
        return items if path in staged_pages or path in keep else None
    return items


def _absolute(project: Path, value: Any) -> Any:
    if isinstance(value, str) and value and not os.path.isabs(value):
        return str((project / value).resolve())
    return value


def _write_config(project: Path, parent: dict[str, Any], out: Path, staged_pages: set[str],
                  withheld: set[str]) -> Path:
    child: dict[str, Any] = {
        "INHERIT": str((project / "mkdocs.yml").resolve()),
        "docs_dir": "docs",
        "site_dir": str((project / (parent.get("site_dir") or "site")).resolve()),
        "extra": {STAGED_KEY: True, PROJECT_KEY: str(project.resolve())},
    }
    if parent.get("hooks"):
        child["hooks"] = [_absolute(project, hook) for hook in parent["hooks"]]
    theme = parent.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        child["theme"] = {"custom_dir": _absolute(project, theme["custom_dir"])}
    child["watch"] = []  # a staged tree is built once; make serve watches docs/ itself
    if parent.get("nav"):
        # Pages the nav names that are not sources (generated by the build) stay.
        generated = {item for item in _nav_pages(parent["nav"]) if item not in withheld}
        child["nav"] = _prune_nav(parent["nav"], generated - withheld, staged_pages) or []
    path = out / "mkdocs.yml"
    path.write_text("# Written by chibo.publishing.stage for one build; do not edit.\n"
                    + yaml.safe_dump(child, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _nav_pages(items: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(items, list):
        for item in items:
            found |= _nav_pages(item)
    elif isinstance(items, dict):
        for value in items.values():
            found |= _nav_pages(value)
    elif isinstance(items, str) and is_page(items):
        found.add(items.lstrip("./"))
    return found


def stage(project: Path, out: Path, *, snapshot: Snapshot | None = None) -> Staged:
    """Write the staged tree of ``project`` into ``out`` (emptied first)."""
    project = project.resolve()
    parent = _config(project)
    docs_dir = project / (parent.get("docs_dir") or "docs")
    snapshot = snapshot or Snapshot.take(docs_dir)
    if out.exists():
        shutil.rmtree(out)
    staged_docs = out / "docs"
    staged_docs.mkdir(parents=True)
    result = Staged(root=out, config=out / "mkdocs.yml", docs=staged_docs, project=project,
                    sources=dict(snapshot.files))
    keys = known_keys(project)
    directory_urls = parent.get("use_directory_urls", True) is not False
    for path, raw in sorted(snapshot.files.items()):
        if not is_page(path):
            continue
        doc = load(raw, f"{_PAGE_PREFIX}/{path}")
        if is_withheld(doc.meta):
            result.withheld[path] = doc
        else:
            result.published[path] = doc
    # Which files the published pages reference, read in the HTML they render to.
    extensions = list(parent.get("markdown_extensions") or [])
    referenced: set[str] = set()
    anchors: dict[str, dict[str, set[str]]] = {}
    for path, doc in result.published.items():
        found, anchors[path] = analyse(doc.text[_body_offset(doc):], path, extensions, directory_urls)
        referenced |= found
    chrome = {path for path in snapshot.files if path.startswith(_CHROME_FOLDER)
              and (path.endswith(_CHROME_SUFFIXES) or posixpath.basename(path).lower() in _CHROME_NAMES)}
    for css in sorted(path for path in chrome if path.endswith(".css")):
        referenced |= stylesheet_references(snapshot.files[css].decode("utf-8", "replace"), css)
    for path, raw in sorted(snapshot.files.items()):
        if is_page(path):
            continue
        if path in referenced or path in chrome:
            result.files.add(path)
        else:
            linking = sorted(src for src, doc in result.withheld.items()
                             if posixpath.basename(path) in doc.text)
            result.left_out[path] = ("chỉ văn bản không đăng dẫn tới (" + ", ".join(linking) + ")" if linking
                                     else "không trang nào được đăng dẫn tới")
    hidden_pages = set(result.withheld)
    for path, doc in result.published.items():
        meta, problems = staged_front_matter(doc, keys)
        result.problems += problems
        page = _render_page(doc, meta)
        page = _without_links_to(page, path, doc, hidden_pages, anchors[path], extensions, directory_urls, result)
        target = staged_docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    for path in result.files:
        target = staged_docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(snapshot.files[path])
    _write_config(project, parent, out, set(result.published), set(result.withheld))
    return result


def _without_links_to(page: str, path: str, doc: Document, hidden: set[str], links: dict[str, set[str]],
                      extensions: list[Any], directory_urls: bool, result: Staged) -> str:
    """A published page's links to withheld pages become plain text (MkDocs would otherwise
    stop the strict build at a link to a page it does not have)."""
    if not hidden:
        return page
    for attempt in range(3):
        if attempt:
            links = analyse(page, path, extensions, directory_urls)[1]
        targets = {href for href, paths in links.items() if paths & hidden}
        if not targets:
            return page
        page = unlink(page, targets)
        result.problems.append(Problem(doc.path, 1, "ST002", "liên kết tới văn bản không đăng được chuyển thành "
                                       "chữ thường: " + ", ".join(sorted(targets)), Severity.WARNING))
    result.problems.append(Problem(doc.path, 1, "ST003", "còn liên kết tới văn bản không đăng mà không gỡ được; "
                                   "hãy bỏ liên kết đó", Severity.ERROR))
    return page


def _body_offset(doc: Document) -> int:
    if not doc.has_front_matter:
        return 0
    return sum(len(line) + 1 for line in doc.lines[:doc.body_start - 1])


def describe(staged: Staged) -> list[str]:
    """What was left out, for the build log (Vietnamese)."""
    lines = []
    for path, doc in sorted(staged.withheld.items()):
        kind = "văn bản mật" if is_confidential(doc.meta) else "bản nháp"
        lines.append(f"Không đăng {path} ({kind}).")
    for path, why in sorted(staged.left_out.items()):
        lines.append(f"Không đăng tệp {path}: {why}.")
    lines.append(f"Đã giữ lại {len(staged.withheld)} văn bản nháp hoặc mật: không có trên trang web, trong tìm kiếm, "
                 "sơ đồ trang và các tệp PDF.")
    return lines
