"""A broken file under data/ is a Vietnamese message with file:line, never a traceback:
``make check`` and ``make site`` exit non-zero (site/ untouched); ``make serve`` keeps
serving and shows the error at the top of the page (issue 13)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import build_env, copy_project, run_build

BROKEN = {
    # file, new text, expected "file:line: CODE"
    "types-syntax": ("loai-van-ban.yml", 'loai:\n  ke-hoach:\n    ten: "kế hoạch\n    ky_hieu: KH\n',
                     "data/loai-van-ban.yml:3: DL001"),
    "types-indent": ("loai-van-ban.yml", "loai:\n  ke-hoach:\n    ten: kế hoạch\n   ky_hieu: KH\n",
                     "data/loai-van-ban.yml:4: DL001"),
    "types-shape": ("loai-van-ban.yml", "loai:\n  - ke-hoach\n", "data/loai-van-ban.yml:1: DL002"),
    "types-missing-key": ("loai-van-ban.yml", "loai:\n  ke-hoach:\n    ten: kế hoạch\n  nghi-quyet:\n    ten: nq\n",
                          "data/loai-van-ban.yml:2: DL002"),
    "cell-syntax": ("chi-bo.yml", "ten: Chi bộ\nnhiem_ky: {tu_nam: 2020\n", "data/chi-bo.yml:2: DL001"),
    "cell-shape": ("chi-bo.yml", "- Chi bộ\n", "data/chi-bo.yml:1: DL002"),
    "registry-syntax": ("van-ban-dan-chieu.yml", "van_ban:\n  - so_hieu: \"213-QĐ/TW\n", "data/van-ban-dan-chieu.yml"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_data_file_is_a_message_in_check_and_build(tmp_path: Path, case: str):
    name, text, expected = BROKEN[case]
    project = copy_project(tmp_path / "p")
    (project / "data" / name).write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "chibo.commands.check", "docs"], cwd=project, env=build_env(),
                           capture_output=True, text=True, timeout=300)
    output = check.stdout + check.stderr
    assert check.returncode == 1, output
    assert expected in output and "Traceback" not in output, output
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("bản cũ")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, env=build_env() | {"CHIBO_PDF": "0"},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert expected in output and "Traceback" not in output, output[-3000:]
    assert (site / "index.html").read_text() == "bản cũ"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_keeps_serving_and_shows_a_broken_data_file(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-strict",
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=build_env() | {"CHIBO_PDF": "0"},
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert _wait(lambda: "</html>" in _get(url), 180), (tmp_path / "serve.log").read_text()
        assert "chibo-xem-truoc-loi" not in _get(url)
        types = project / "data" / "loai-van-ban.yml"
        types.write_text(types.read_text(encoding="utf-8") + "\nloi: [chưa đóng\n", encoding="utf-8")
        assert _wait(lambda: "chibo-xem-truoc-loi" in _get(url), 180), (tmp_path / "serve.log").read_text()[-3000:]
        page = _get(url)
        assert re.search(r"data/loai-van-ban\.yml:\d+: DL001", page)
        assert server.poll() is None
        logged = (tmp_path / "serve.log").read_text()
        assert "DL001" in logged and "Traceback" not in logged, logged[-3000:]
    finally:
        os.killpg(server.pid, 9)
        server.wait()
        log.close()


def test_a_built_site_never_has_the_preview_banner(built_site: Path):
    pages = list(built_site.rglob("*.html"))
    assert pages
    assert not [p for p in pages if "chibo-xem-truoc-loi" in p.read_text(encoding="utf-8")]


# issue 19: well-formed YAML with a value of the wrong kind gave tracebacks in make new and
# the build. Each bad value is a line of its own: file, line, DL003.
BAD_VALUES = {
    "term-number": ("chi-bo.yml", [("nhiem_ky:\n  tu_nam: 2020\n  den_nam: 2022", "nhiem_ky: 5")],
                    ["data/chi-bo.yml:16: DL003 \"nhiem_ky\""]),
    "year-in-words": ("chi-bo.yml", [("den_nam: 2022", "den_nam: hai nghìn"), ("tu_nam: 2020", "tu_nam: [2020]")],
                      ["data/chi-bo.yml:17: DL003 \"nhiem_ky.tu_nam\"", "data/chi-bo.yml:18: DL003 \"nhiem_ky.den_nam\""]),
    "name-list": ("loai-van-ban.yml", [("    ten: KẾ HOẠCH\n", "    ten: [KẾ, HOẠCH]\n")],
                  ["DL003 \"loai.ke-hoach.ten\""]),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_a_value_of_the_wrong_kind_is_a_message_everywhere(tmp_path: Path, case: str):
    name, edits, expected = BAD_VALUES[case]
    project = copy_project(tmp_path / "p")
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    runs = {
        "check": [sys.executable, "-m", "chibo.commands.check", "docs"],
        "new": [sys.executable, "-m", "chibo.commands.new", "--project", str(project), "--type", "ke-hoach",
                "--year", "2022"],
        "build": [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d",
                  str(tmp_path / "site")],
    }
    for command, argv in runs.items():
        result = subprocess.run(argv, cwd=project, env=build_env() | {"CHIBO_PDF": "0"}, capture_output=True,
                                text=True, timeout=600)
        output = result.stdout + result.stderr
        assert result.returncode != 0, (command, output[-2000:])
        assert "Traceback" not in output, (command, output[-3000:])
        for line in expected:
            assert line in output, (command, output[-3000:])


def test_a_registry_value_of_the_wrong_kind_is_a_message():
    from chibo.document.registry import parse_registry

    registry = parse_registry("van_ban:\n  - ma: 213-QĐ/TW\n    loai: [Quy, định]\n    co_quan: {a: 1}\n"
                              "  - ma: 37-QĐ/TW\n    loai: Quy định\n")
    assert [(p.line, p.code) for p in registry.problems] == [(2, "DC004"), (2, "DC004")]
    assert "loai phải là một dòng chữ" in registry.problems[0].message
    assert [e.code for e in registry.entries] == ["37-QĐ/TW"]
