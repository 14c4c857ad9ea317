"""What a user types after ``make`` is data, never a command; impossible years are refused
(issue 13, small ones)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chibo.authoring.templates import AuthoringError, Period
from conftest import ROOT, build_env, copy_project


def test_backticks_in_file_do_not_run(tmp_path: Path):
    marker = tmp_path / "ran"
    name = f"ke hoach `touch {marker}` ; touch {marker} 'x'.docx"
    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "import", f"FILE={name}"],
                            capture_output=True, text=True, timeout=300, env=build_env())
    assert not marker.exists(), result.stdout + result.stderr
    assert result.returncode != 0
    assert name in result.stdout + result.stderr  # the name, as typed, in the message


@pytest.mark.parametrize("year, month", [("0000", None), ("0999", None), ("2100", None), (None, "0000-03"),
                                         (None, "1850-01")])
def test_impossible_periods_are_refused(year, month):
    with pytest.raises(AuthoringError, match="không hợp lệ"):
        Period.parse(year, month)


def test_make_new_year_0000_writes_nothing(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    result = subprocess.run([sys.executable, "-m", "chibo.commands.new", "--project", str(project),
                             "--type", "ke-hoach", "--year", "0000"], capture_output=True, text=True,
                            timeout=120, cwd=project, env=build_env())
    assert result.returncode != 0
    assert "Năm \"0000\" không hợp lệ" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == before
    assert Period.parse("2023", None).year == 2023 and Period.parse(None, "1930-02").month == 2


@pytest.mark.parametrize("target", ["rollback", "publish"])
@pytest.mark.parametrize("form", ["x$(touch {m})y", 'x"; touch {m}; "y', "x`touch {m}`y", "x$(shell touch {m})y",
                                  "x'; touch {m}; 'y"])
def test_dest_and_site_url_are_data(tmp_path: Path, target: str, form: str):
    """DEST and SITE_URL reach the command as environment variables, never through the shell
    or make's own expansion: no form of quoting runs a command (issue 19, small ones)."""
    marker = tmp_path / "ran"
    value = str(tmp_path / "www" / form.format(m=marker))
    args = [f"DEST={value}"] + ([f"SITE_URL=https://a/{form.format(m=marker)}/"] if target == "publish" else [])
    env = build_env()
    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), target, *args],
                            capture_output=True, text=True, timeout=300, env=env)
    assert not marker.exists(), result.stdout + result.stderr
    assert result.returncode != 0  # the folder holding DEST does not exist: refused with a message
    assert "Traceback" not in result.stderr
    assert "DEST" in result.stderr and "chưa có" in result.stderr, result.stderr
