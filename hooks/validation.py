"""MkDocs hook: validate every document before MkDocs touches the site directory.

``on_pre_build`` runs before MkDocs empties ``site_dir``, so a failed check leaves a
previously built site untouched. Under ``mkdocs serve`` the same messages are printed but
the server keeps running, and saving a fixed file rebuilds and re-checks.

Errors stop ``mkdocs build``. Warnings (e.g. a historical citation of a replaced
regulation) are logged at INFO level so that ``strict: true`` does not turn them into a
failed build; they carry the marker "cảnh báo:".
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from chibo.checking.tree import check_tree, default_extra_checks
from chibo.document.config import load_settings, nav_files
from chibo.document.diagnostics import Severity
from chibo.document.config import is_staged, project_dir

log = logging.getLogger("mkdocs.hooks.validation")
REPORT_KEY = "chibo_report"
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(*, config: MkDocsConfig) -> None:
    if is_staged(config):
        return  # a staged tree: its sources were checked before staging (chibo.publishing.pipeline)
    project = project_dir(config)
    report = check_tree(Path(config.docs_dir), display_root=project,
                        types=load_settings(project / "data").types, extra_checks=default_extra_checks(project / "data"),
                        nav=nav_files(config.nav),
                        sources=snapshot.files if (snapshot := config.get("chibo_snapshot")) else None)
    for problem in report.problems:
        if problem.severity is Severity.WARNING or _serving:
            # Under serve an ERROR would make strict mode abort the rebuild and stall the server.
            log.info(problem.format())
        else:
            log.error(problem.format())
    if report.errors and not _serving:
        raise Abort(f"Dừng dựng trang: {report.summary()} Hãy sửa các lỗi trên rồi dựng lại "
                    "(thư mục site/ chưa bị thay đổi).")
    log.info(report.summary())
    config[REPORT_KEY] = report  # hooks/preview_errors.py shows a page's problems under serve
