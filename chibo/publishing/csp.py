"""Content-Security-Policy from the theme's own inline scripts, never from a document's.

The theme (Material and ``overrides/``) writes a few small inline scripts; their text is
known from its templates. :func:`theme_script_patterns` turns every inline ``<script>``
of those templates into a pattern (a ``{{ … }}`` expression matches any text without
quotes or angle brackets, e.g. the page depth in ``__md_scope``). An inline script of a
built page is the theme's when it matches one of them; anything else (a script that came
from a document, whatever the route) is never allowed by hash, and the publish check
refuses the build. No MkDocs import.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def script_hash(script: str) -> str:
    """The CSP source expression of an inline script's text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _is_code(attributes: str) -> bool:
    if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
        return False
    kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attributes, re.IGNORECASE)
    return kind is None or kind.group(1).lower() in ("text/javascript", "module", "application/javascript")


def theme_dirs(project: Path, custom_dir: str | None = "overrides") -> list[Path]:
    dirs = [project / custom_dir] if custom_dir else []
    spec = importlib.util.find_spec("material")
    if spec is not None and spec.submodule_search_locations:
        dirs += [Path(location) / "templates" for location in spec.submodule_search_locations]
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=8)
def _patterns(dirs: tuple[Path, ...]) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for directory in dirs:
        for template in sorted(directory.rglob("*.html")):
            text = template.read_text(encoding="utf-8", errors="replace")
            for attributes, body in _SCRIPT.findall(text):
                if not _is_code(attributes) or not body.strip():
                    continue
                parts = _EXPRESSION.split(body)
                patterns.append(re.compile(r"[^\"'<>]*".join(re.escape(part) for part in parts), re.DOTALL))
    return tuple(patterns)


def theme_script_patterns(project: Path) -> tuple[re.Pattern[str], ...]:
    return _patterns(tuple(theme_dirs(project)))


def inline_scripts(html: str) -> list[str]:
    return [body for attributes, body in _SCRIPT.findall(html) if _is_code(attributes)]


def split_scripts(scripts: Iterable[str], patterns: Iterable[re.Pattern[str]]) -> tuple[set[str], list[str]]:
    """(hashes of the theme's scripts, texts of every other script)."""
    patterns = tuple(patterns)
    theme, foreign = set(), []
    for script in scripts:
        if any(pattern.fullmatch(script) for pattern in patterns):
            theme.add(script_hash(script))
        else:
            foreign.append(script)
    return theme, foreign


def offline_policy(theme_hashes: Iterable[str]) -> str:
    """The policy of the offline copy (a <meta http-equiv>, opened from file://)."""
    hashes = " ".join(sorted(theme_hashes))
    return ("default-src 'self' file:; "
            f"script-src 'self' file: {hashes}; ".replace("  ", " ")
            + "style-src 'self' file:; img-src 'self' file: data:; font-src 'self' file:; "
            "connect-src 'self' file:; worker-src 'self' file:; frame-src 'self' file: about:; "
            "object-src 'none'; base-uri 'none'; form-action 'none'")
