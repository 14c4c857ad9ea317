"""Which documents may be published: drafts and confidential documents never are."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Front-matter keys (see data/loai-van-ban.yml) that keep a document off the site.
WITHHOLD_KEYS = ("nhap", "mat")


def is_withheld(meta: Mapping[str, Any]) -> bool:
    """True for a draft (``nhap: true``) or confidential (``mat: true``) document."""
    return any(meta.get(key) is True for key in WITHHOLD_KEYS)
