"""A build stopped by the machine (a full disk, a folder it may not write, too little memory)
or by an unforeseen error ends with the message and code of ``chibo.commands.guard`` (HT…),
not MkDocs' traceback (issue 19). Last in the hooks list: the others clean up first."""

from __future__ import annotations

import os

from mkdocs.exceptions import Abort, BuildError

from chibo.commands.guard import DEBUG_ENV, failure_message


def on_build_error(error: Exception) -> None:
    if isinstance(error, (BuildError, Abort)) or os.environ.get(DEBUG_ENV) == "1":
        return  # MkDocs reports these itself, without a traceback
    raise Abort(f"{failure_message(error)}\nDừng dựng trang; bản dựng dở không được dùng.") from None
