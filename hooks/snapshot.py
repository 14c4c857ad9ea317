"""MkDocs hook: one snapshot of docs/ per build (``chibo.document.snapshot``).

- ``on_pre_build`` (first of all hooks) reads every file under docs_dir once; the
  validation hook checks these bytes (``config["chibo_snapshot"]``);
- ``on_files`` (before the withholding hook) hands the same bytes to every MkDocs
  ``File`` (``content_bytes`` in memory), so the withholding hook, the citation index,
  MkDocs' page read and the copied attachments all see them;
- ``on_env`` (before any page is written) and ``on_post_build`` (before the search index
  and the PDFs) compare the disk (docs/ and data/) with the snapshot. A file saved meanwhile stops
  ``mkdocs build``: the half-written output is removed and the build must run again
  (``make publish`` does so by itself). Under ``mkdocs serve`` the save triggers a rebuild.

With ``CHIBO_SNAPSHOT_MANIFEST=<file>`` the sha256 of every source is written there
(``{"files": {...}, "changed": [...]}``) so that the publish check verifies it checks the
bytes that were built.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.utils import clean_directory

from chibo.document.snapshot import Snapshot
from chibo.document.config import project_dir

log = logging.getLogger("mkdocs.hooks.snapshot")
STATE_KEY = "chibo_snapshot"
MANIFEST_ENV = "CHIBO_SNAPSHOT_MANIFEST"
_serving = False
_snapshot: Snapshot | None = None
_data: Snapshot | None = None  # data/ (registry, document types): not read from here, but watched


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    global _snapshot, _data
    _snapshot = Snapshot.take(Path(config.docs_dir))
    _data = Snapshot.take(project_dir(config) / "data")
    config[STATE_KEY] = _snapshot


def _changes(config: MkDocsConfig) -> list[str]:
    """Changed files since the snapshot, as shown to the author (docs/…, data/…)."""
    assert _snapshot is not None and _data is not None
    docs = Path(config.docs_dir).name
    return [f"{docs}/{path}" for path in _snapshot.changes()] + [f"data/{path}" for path in _data.changes()]


def _stale(config: MkDocsConfig, changed: list[str], *, written: bool) -> None:
    shown = ", ".join(changed[:5])
    shown += f" và {len(changed) - 5} tệp khác" if len(changed) > 5 else ""
    _write_manifest(changed)
    if _serving:
        log.info("Tệp %s vừa thay đổi trong lúc dựng; trang sẽ được dựng lại.", shown)
        return
    if written:
        # What was written comes from a moment's state of the sources: never leave it.
        clean_directory(config.site_dir)
    raise Abort(f"Dừng dựng trang: tệp {shown} vừa thay đổi trong lúc dựng (có thể đang được lưu). "
                "Không dùng bản dựng dở này; hãy dựng lại khi đã lưu xong.")


def _write_manifest(changed: list[str]) -> None:
    target = os.environ.get(MANIFEST_ENV)
    if not target or _snapshot is None:
        return
    Path(target).write_text(json.dumps({"files": _snapshot.digests(), "changed": changed}), encoding="utf-8")


@event_priority(110)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _snapshot is not None
    docs = _snapshot.root
    for file in files:
        if file.abs_src_path is None:
            continue  # generated in memory by a plugin
        try:
            Path(file.abs_src_path).resolve().relative_to(docs)
        except ValueError:
            continue  # a theme file
        data = _snapshot.files.get(file.src_uri)
        if data is None:
            _stale(config, [f"{Path(config.docs_dir).name}/{file.src_uri}"], written=False)
            continue
        file.content_bytes = data
    return files


@event_priority(-100)
def on_env(env, *, config: MkDocsConfig, files: Files):
    changed = _changes(config)
    if changed:
        _stale(config, changed, written=False)
    return env


@event_priority(100)
def on_post_build(*, config: MkDocsConfig) -> None:
    changed = _changes(config)
    if changed:
        _stale(config, changed, written=True)
    else:
        _write_manifest([])
