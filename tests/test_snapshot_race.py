"""A save during a build or a publish never publishes a confidential document.

Editors save in more than one write; here a writer keeps rewriting a confidential plan
in two writes, the first without its ``mat: true`` line, the second with it, while
builds (in this process, as ``mkdocs build`` runs them) and publishes (``make publish``)
loop. Every build reads one snapshot of docs/ and stops (or, for a publish, builds
again) when a file changed under it: the half-saved state is never published.

Slow on purpose (about a minute): RACE_BUILDS builds and RACE_PUBLISHES publishes.
"""

from __future__ import annotations

import gzip
import logging
import os
import random
import re
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import copy_project
from webserver import run_publish

SECRET = b"RACEQ7SECRET"
RACE_BUILDS = int(os.environ.get("RACE_BUILDS", "50"))
RACE_PUBLISHES = int(os.environ.get("RACE_PUBLISHES", "8"))
NAME = "docs/ke-hoach/2023-ke-hoach-mat.md"


def leaked(tree: Path) -> list[str]:
    found = []
    for path in tree.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            if SECRET in data:
                found.append(path.relative_to(tree).as_posix())
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes]:
    project = copy_project(tmp_path_factory.mktemp("race") / "project")
    text = (project / "docs/ke-hoach/2022-ke-hoach-hoat-dong.md").read_text(encoding="utf-8")
    text = text.replace("nam: 2022", "nam: 2023", 1).replace(
        "## I. ĐẶC ĐIỂM TÌNH HÌNH:", f"## I. ĐẶC ĐIỂM TÌNH HÌNH:\n\nNội dung mật {SECRET.decode()}.", 1)
    half = text.replace("title: Kế hoạch hoạt động của Chi bộ năm 2022", "title: Kế hoạch năm 2023", 1)
    full = half.replace("title: Kế hoạch năm 2023", "title: Kế hoạch năm 2023\nmat: true", 1)
    assert "mat: true" in full and "mat: true" not in half
    (project / NAME).write_text(full, encoding="utf-8")
    config = project / "mkdocs.yml"
    anchor = "      - ke-hoach/index.md\n"
    config.write_text(config.read_text(encoding="utf-8").replace(
        anchor, anchor + "      - Kế hoạch năm 2023: ke-hoach/2023-ke-hoach-mat.md\n", 1), encoding="utf-8")
    return project, half.encode("utf-8"), full.encode("utf-8")


class Writer(threading.Thread):
    """Saves the confidential file in two writes (without, then with ``mat: true``)."""

    def __init__(self, path: Path, half: bytes, full: bytes) -> None:
        super().__init__(daemon=True)
        self.path, self.half, self.full = path, half, full
        self.stop = threading.Event()
        self.saves = 0
        self.rng = random.Random(13)

    def run(self) -> None:
        while not self.stop.is_set():
            self.path.write_bytes(self.half)
            time.sleep(self.rng.uniform(0.05, 0.15))  # the editor's second write comes a bit later
            self.path.write_bytes(self.full)
            self.saves += 1
            self.stop.wait(self.rng.uniform(0.4, 2.0))


def build_once(project: Path, site: Path) -> bool:
    """One ``mkdocs build --strict`` in this process; False when it stopped."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        return True
    except Abort:
        return False
    finally:
        config.plugins.on_shutdown()


def test_saves_during_builds_and_publishes_never_publish_the_confidential_document(project, tmp_path, monkeypatch):
    project, half, full = project
    monkeypatch.setenv("CHIBO_PDF", "0")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    writer = Writer(project / NAME, half, full)
    writer.start()
    results = {"built": 0, "stopped": 0, "published": 0, "refused": 0}
    leaks: list[tuple[str, list[str]]] = []
    dest = tmp_path / "www" / "chibo"
    dest.parent.mkdir()
    started = time.monotonic()
    try:
        for run in range(RACE_BUILDS):
            with tempfile.TemporaryDirectory(dir=tmp_path) as site:
                ok = build_once(project, Path(site))
                results["built" if ok else "stopped"] += 1
                if found := leaked(Path(site)):
                    leaks.append((f"build {run}", found))
        for run in range(RACE_PUBLISHES):
            result = run_publish(project, "publish", "--dest", str(dest), env={"CHIBO_PDF": "0"})
            results["published" if result.returncode == 0 else "refused"] += 1
            if result.returncode != 0:  # the only acceptable reason: saves kept coming (4 builds)
                assert "vừa thay đổi trong lúc dựng" in result.stderr, result.stderr[-2000:]
            if dest.exists() and (found := leaked(dest.resolve())):
                leaks.append((f"publish {run}", found))
    finally:
        writer.stop.set()
        writer.join()
    print(f"\nrace: {results}, {writer.saves} two-write saves, leaks: {len(leaks)}, "
          f"{time.monotonic() - started:.0f} s")
    assert leaks == []
    assert writer.saves >= 10
    # Not vacuous: most runs went through while the writer kept saving.
    assert results["built"] >= RACE_BUILDS // 4 and results["published"] >= RACE_PUBLISHES // 2, results


@pytest.mark.parametrize("target", ["docs/ke-hoach/2022-ke-hoach-hoat-dong.md", "data/chi-bo.yml"])
def test_a_file_saved_during_the_build_stops_it_and_leaves_no_half_built_site(target, tmp_path, monkeypatch):
    """Deterministic: a hook saves a source while pages are being rendered."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    project = copy_project(tmp_path / "project")
    (project / "hooks" / "save_during_build.py").write_text(
        "from pathlib import Path\n"
        "_done = False\n"
        "def on_post_page(output, *, page, config):\n"
        "    global _done\n"
        "    if not _done:\n"
        "        _done = True\n"
        f"        path = Path(config.config_file_path).parent / {target!r}\n"
        "        path.write_bytes(path.read_bytes() + b'\\n')\n"
        "    return output\n", encoding="utf-8")
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "hooks:\n", "hooks:\n  - hooks/save_during_build.py\n", 1), encoding="utf-8")
    monkeypatch.setenv("CHIBO_PDF", "0")
    monkeypatch.chdir(project)
    site = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort, match=f"{re.escape(target)} vừa thay đổi trong lúc dựng"):
        build(config)
    config.plugins.on_shutdown()
    assert not site.exists() or not any(site.iterdir())
