"""MkDocs hook: a broken file under data/ is one Vietnamese line with file:line, never a
traceback. ``mkdocs build`` stops before touching site/; ``mkdocs serve`` keeps serving
with the last good settings and shows the error at the top of every page (preview only).

Listed first in mkdocs.yml: it reads the data files before any other hook does.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from chibo.document import config as data
from chibo.document.config import project_dir

log = logging.getLogger("mkdocs.hooks.data_files")
_serving = False
_data_dir = Path()


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    data.keep_last_good(_serving)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _data_dir
    _data_dir = (project_dir(config) / "data").resolve()
    try:
        data.load_settings(_data_dir)
    except data.DataError as error:
        raise Abort(f"{error}\nDừng dựng trang: hãy sửa tệp dữ liệu rồi dựng lại "
                    "(thư mục site/ chưa bị thay đổi).") from None
    error = data.data_errors.get(_data_dir)
    if error is not None:  # serve only: the last good settings are in use
        log.warning(f"{error} (đang xem trước với bản đúng trước đó của tệp này)")
    return config


def on_page_content(html_text: str, **_: object) -> str:
    error = data.data_errors.get(_data_dir) if _serving else None
    if error is None:
        return html_text
    return (f'<div class="admonition danger chibo-xem-truoc-loi" role="alert"><p class="admonition-title">'
            f'Lỗi tệp dữ liệu (chỉ hiện khi xem trước)</p><p>{html.escape(str(error))}</p></div>' + html_text)
