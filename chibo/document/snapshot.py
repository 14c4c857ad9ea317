"""One snapshot of the sources per build.

Every file under the docs directory is read once, at the start of a build; validation,
withholding, rendering and the publish check all use these bytes. ``changes()`` compares
the snapshot with the disk again: a file saved while the build ran (editors often save in
two writes, so a half-saved document may lack its ``mat: true``) makes the build stop or
restart instead of publishing a mixture, or a moment's state of a half-written file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


def _read_tree(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for directory, subdirs, names in os.walk(root):
        subdirs.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if not path.is_file():
                continue
            try:
                files[path.relative_to(root).as_posix()] = path.read_bytes()
            except OSError:
                continue  # removed meanwhile: changes() will see it
    return files


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Snapshot:
    root: Path
    files: dict[str, bytes] = field(default_factory=dict)  # POSIX path under root -> bytes

    @classmethod
    def take(cls, root: Path) -> Snapshot:
        root = Path(root).resolve()
        return cls(root, _read_tree(root))

    def digests(self) -> dict[str, str]:
        return {path: digest(data) for path, data in self.files.items()}

    def changes(self) -> list[str]:
        """Paths whose content on disk differs from the snapshot (added and removed too)."""
        return changed_since(self.root, self.digests())


def changed_since(root: Path, digests: Mapping[str, str]) -> list[str]:
    """Paths under root that differ from the given sha256 digests (added, removed, edited)."""
    now = {path: digest(data) for path, data in _read_tree(Path(root)).items()}
    return sorted(path for path in set(now) | set(digests) if now.get(path) != digests.get(path))
