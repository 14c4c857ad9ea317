"""MkDocs hook, ``mkdocs serve`` only: a document with problems shows them at the top of
its page in the browser, so the secretary sees what to fix where she is looking.

Never in a built site: nothing is added unless the command is ``serve``. The messages
are the validator's own (``path:line: CODE ...``), HTML-escaped.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from chibo.document.diagnostics import Severity

REPORT_KEY = "chibo_report"  # set by hooks/validation.py
CSS_CLASS = "chibo-xem-truoc-loi"
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """The banner goes first inside <article>, above the document's official header."""
    report = config.get(REPORT_KEY) if _serving else None
    opening = re.search(r"<article\b[^>]*>", output) if report is not None else None
    if opening is None:
        return output
    shown = posixpath.join(Path(config.docs_dir).name, page.file.src_uri)
    problems = [p for p in report.problems if p.path.replace("\\", "/") == shown]
    if not problems:
        return output
    errors = sum(p.severity is Severity.ERROR for p in problems)
    kind = "danger" if errors else "warning"
    items = "".join(f"<li><code>{html.escape(p.format())}</code></li>" for p in problems)
    title = (f"Văn bản còn {errors} lỗi, {len(problems) - errors} cảnh báo "
             "(chỉ hiện khi xem trước bằng make serve; sửa tệp và lưu là trang tự cập nhật)")
    banner = (f'<div class="admonition {kind} {CSS_CLASS}" role="alert"><p class="admonition-title">'
              f"{html.escape(title)}</p><ul>{items}</ul></div>")
    return output[:opening.end()] + banner + output[opening.end():]
