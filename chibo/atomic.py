"""Writing a file so that a reader (a build, a web server, an editor) never sees half of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, new: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``: whole
    or not at all, also on a full disk. ``new=True``: create only, FileExistsError if
    ``path`` exists (a hard link of the finished file cannot replace anything)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if new:
            os.link(temporary, path)
        else:
            os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
