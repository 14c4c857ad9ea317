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
