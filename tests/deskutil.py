"""Helpers of the desk tests: a project copy with accounts, a Word file of a 2023 plan, the
session's CSRF token."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bench.desk import word_file
from conftest import ROOT
from chibo.desk.accounts import Accounts, USERS_FILE

PASSWORD = "mat-khau-thu-2023"
UNIQUE = "Vuonhoaxanh"  # a word of the imported plan that the site's search must find


def add_accounts(project: Path) -> None:
    accounts = Accounts(project / USERS_FILE)
    accounts.set("bithu", "bi-thu", PASSWORD)
    accounts.set("soanthao", "soan-thao", PASSWORD)


def plan_docx(path: Path, *, year: int = 2023, extra: str = f"Xây dựng mô hình {UNIQUE} trong nhà trường.") -> Path:
    """The seed plan as a Word file for another year (bench.desk.word_file): no issuing
    bodies (cap_tren, chi_bo), which the secretary fills in the desk's form."""
    return word_file(path, year=year, extra=extra)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1)


@contextlib.contextmanager
def running_desk(project: Path, dest: Path, port: int, *extra: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """``python -m chibo.desk`` as ``make desk`` runs it, on 127.0.0.1:port; yields its base URL."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    log = (project.parent / f"desk-{port}.log").open("w+b")  # a file, not a pipe: a full pipe would block it
    desk = subprocess.Popen([sys.executable, "-m", "chibo.desk", "--project", str(project), "--dest", str(dest),
                             "--port", str(port), *extra], env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/soan/dang-nhap", timeout=2).close()
                break
            except OSError:
                if desk.poll() is not None or time.monotonic() > deadline:
                    desk.kill()
                    log.seek(0)
                    raise AssertionError(log.read().decode("utf-8", "replace") or "the desk did not start")
                time.sleep(0.2)
        yield url
    finally:
        desk.terminate()
        desk.wait(timeout=20)
        log.close()
