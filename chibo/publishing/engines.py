"""A second engine for the staged tree: Zensical (issue 19, part 7; ENGINES.md).

The staged tree (``chibo.publishing.stage``) holds only what may be published, so any
engine that builds it keeps the promise with no hook of ours run. This module builds that
tree with Zensical, pinned in its own virtualenv (``make .venv-zensical``): it writes a
config that inherits the staged one and only moves the output, runs ``zensical build``,
and moves the result to ``out``. Zensical reads the MkDocs config format itself (``INHERIT``,
``!ENV``, ``!!python/name:``); it runs no hooks and no MkDocs plugins.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
CONFIG_NAME = "zensical.yml"
# Zensical refuses a site_dir outside the folder of its config: build inside, then move.
_SITE = ".zensical-site"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class EngineError(Exception):
    """A build by a second engine failed; ``str()`` is the Vietnamese message with its code."""


def zensical_config(config: Path, *, strict: bool = False) -> Path:
    """Write, beside the staged MkDocs config, the config Zensical builds from; returns it."""
    path = config.parent / CONFIG_NAME
    # variant classic: Material's look (Zensical's default "modern" one has other fonts and icons).
    path.write_text(f"INHERIT: {config.name}\nsite_dir: {_SITE}\nstrict: {'true' if strict else 'false'}\n"
                    "theme:\n  variant: classic\n", encoding="utf-8")
    return path


def build_zensical(config: Path, out: Path, *, strict: bool = False,
                   executable: Path = ZENSICAL) -> None:
    """Build the staged tree whose MkDocs config is ``config`` into ``out`` with Zensical.

    ``out`` is replaced. Raises EngineError (ZS001 engine missing, ZS002 build failed).
    """
    if not os.access(executable, os.X_OK):
        raise EngineError(f"ZS001 chưa cài Zensical ({executable}); chạy: make .venv-zensical")
    staged = config.parent
    site = staged / _SITE
    shutil.rmtree(site, ignore_errors=True)
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT))  # slugify is chibo's own
    result = subprocess.run([str(executable), "build", "--clean", "-f", str(zensical_config(config, strict=strict))],
                            cwd=staged, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (site / "index.html").is_file():
        lines = [line for line in _ANSI.sub("", result.stderr + result.stdout).splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"mã thoát {result.returncode}"
        raise EngineError(f"ZS002 Zensical không dựng được trang từ {staged}: {reason}")
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(site), str(out))
