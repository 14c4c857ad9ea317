"""A second engine for the staged tree: Zensical (issue 19, part 7; ENGINES.md).

The staged tree (``chibo.publishing.stage``) holds only what may be published, so any
engine that builds it keeps the promise with no hook of ours run. This module builds that
tree with Zensical, pinned in its own virtualenv (``make .venv-zensical``): it writes the
staged config resolved into one file (output inside the tree, no hooks), runs ``zensical
build`` and moves the result to ``out``. Zensical reads the MkDocs config format itself
(``!ENV``, ``!!python/name:``); it runs no hooks and no MkDocs plugins.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
CONFIG_NAME = "zensical.yml"
# Zensical refuses a site_dir outside the folder of its config: build inside, then move.
_SITE = ".zensical-site"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class EngineError(Exception):
    """A build by a second engine failed; ``str()`` is the Vietnamese message with its code."""


class _Tagged:
    """A value under a custom YAML tag (``!ENV``, ``!!python/name:``): kept for Zensical to read."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _keep(loader: _Loader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return _Tagged(node.tag, loader.construct_mapping(node, deep=True))
    return _Tagged(node.tag, loader.construct_scalar(node))


def _write_tagged(dumper: _Dumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _keep)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _keep)
_Dumper.add_representer(_Tagged, _write_tagged)


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT: maps merged key by key, anything else (a list: nav, hooks) replaced."""
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(out.get(key), dict) and isinstance(value, dict) else value
    return out


def _resolved(config: Path) -> dict[str, Any]:
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - a SafeLoader
    parent = data.pop("INHERIT", None)
    return _merge(_resolved(config.parent / parent), data) if parent else data


def zensical_config(config: Path, *, strict: bool = False) -> Path:
    """Write, beside the staged MkDocs config, the one config Zensical builds from; returns it.

    INHERIT is resolved here, as MkDocs does it: Zensical's own INHERIT appends lists, so
    the project's nav (withheld pages and their titles included) would come back.
    """
    data = _resolved(config)
    for key in ("hooks", "watch"):  # hooks: MkDocs'; watch: a folder outside the tree panics 0.0.62
        data.pop(key, None)
    # MkDocs plugins are MkDocs'; Zensical's offline mode loads a script from the internet.
    data["plugins"] = ["search"]
    data.update(site_dir=_SITE, strict=strict)
    # variant classic: Material's look (Zensical's default "modern" one has other fonts and icons).
    data["theme"] = {**(data.get("theme") or {}), "variant": "classic"}
    path = config.parent / CONFIG_NAME
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
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
    try:
        own = zensical_config(config, strict=strict)
    except (OSError, yaml.YAMLError) as error:
        raise EngineError(f"ZS002 Zensical không dựng được trang từ {staged}: không đọc được cấu hình "
                          f"({type(error).__name__})") from None
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT))  # slugify is chibo's own
    result = subprocess.run([str(executable), "build", "--clean", "-f", str(own)],
                            cwd=staged, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (site / "index.html").is_file():
        # A panic of 0.0.62 exits 0 having written nothing: say what went wrong, not "finished".
        lines = [line.strip() for line in _ANSI.sub("", result.stderr + result.stdout).splitlines() if line.strip()]
        cause = [line for line in lines if "panicked" in line or "Error" in line]
        reason = (cause or lines or [f"mã thoát {result.returncode}"])[-1]
        raise EngineError(f"ZS002 Zensical không dựng được trang từ {staged}: {reason}")
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(site), str(out))
