"""Shared fixtures: a real strict build of the site, and a static HTTP server for it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.corpus import copy_project  # noqa: F401 - the one project copy, for every test

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "ke-hoach-hoat-dong-chi-bo-2022.txt"
ARTIFACTS = ROOT / "test-artifacts"
PLAN_PAGE = "ke-hoach/2022-ke-hoach-hoat-dong/index.html"


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Build for real, as ``make site`` does: read, check, stage, ``mkdocs build --strict`` of
    the staged tree, scan (``python -m chibo.commands.site``)."""
    return subprocess.run(
        [sys.executable, "-m", "chibo.commands.site", "--project", str(project), "--site-dir", str(site_dir), *extra],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once per test session into a temporary directory."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (random port); yields its base URL."""
    from httpserve import serve

    with serve(built_site) as url:
        yield url


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

