"""``make site`` replaces site/ only after the whole build succeeded: a PDF that cannot be
rendered fails the build naming the document, and the previous site/ is untouched (issue 13)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import ROOT, build_env, copy_project

VENV = ROOT / ".venv"


def make_site(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # this checkout's venv, not remade for the copy's newer requirements files
    return subprocess.run(["make", "--no-print-directory", "-C", str(project), "site", f"VENV={VENV}",
                           "-o", str(VENV / ".build-installed"), "-o", "system-deps-build"],
                          capture_output=True, text=True, timeout=900, env=build_env() | env)


def test_failed_pdf_leaves_site_untouched_then_a_good_build_replaces_it(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("bản cũ")
    plan = project / "docs" / "ke-hoach" / "2022-ke-hoach-hoat-dong.md"
    good = plan.read_text(encoding="utf-8")
    plan.write_text(good + "\nKý hiệu lạ: 漢字.\n", encoding="utf-8")
    result = make_site(project, CHIBO_PDF="1")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Không tạo được tệp PDF" in output and "2022-ke-hoach-hoat-dong.md" in output, output[-3000:]
    assert "site/ chưa bị thay đổi" in output
    assert (project / "site" / "index.html").read_text() == "bản cũ"
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"]
    assert not (project / ".site-new").exists()
    plan.write_text(good, encoding="utf-8")
    result = make_site(project, CHIBO_PDF="0")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert "</html>" in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert not (project / ".site-new").exists() and not (project / ".site-old").exists()
