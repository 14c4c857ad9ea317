"""Every command ends with a Vietnamese message and a rule code on a full disk, never a
traceback, and leaves nothing half written (issue 19). The disk is a small tmpfs, filled
up; the tests run as root (as the suite does for chattr), else they are skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import build_env, copy_project

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")


def _fill(folder: Path) -> None:
    """Use every free byte of the file system holding folder."""
    with open(folder / ".plein", "wb", buffering=0) as handle:
        for size in (65536, 1):
            try:
                while handle.write(b"\0" * size):
                    pass
            except OSError:
                pass


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"tmpfs: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _run(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=project, env=build_env() | (env or {}),
                          capture_output=True, text=True, timeout=600)


def _word_file(path: Path) -> Path:
    from docx import Document as WordDocument

    word = WordDocument()
    for text in ("NGHỊ QUYẾT", "Sinh hoạt chi bộ tháng 4 năm 2023", "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3",
                 "- Hoàn thành tốt.", "II. NHIỆM VỤ THÁNG 4", "- Tổ chức kỷ niệm ngày 30/4."):
        word.add_paragraph(text)
    word.save(path)
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def test_every_command_on_a_full_disk(disk: Path, tmp_path: Path):
    project = copy_project(disk / "p")
    www = disk / "www"
    www.mkdir()
    home = project / "docs" / "index.md"
    for version in (1, 2):  # two versions: rollback has one to go back to
        home.write_text(home.read_text(encoding="utf-8") + f"\nPhiên bản {version}.\n", encoding="utf-8")
        published = _run(project, "chibo.commands.publish", "publish", "--dest", str(www / "chibo"), "--project",
                         str(project), env={"CHIBO_PDF": "0"})
        assert published.returncode == 0, published.stderr[-3000:]
    source = _word_file(tmp_path / "nq.docx")
    _fill(disk)
    before = _tree(project)
    commands = {
        "check": ["chibo.commands.check", "docs"],
        "new": ["chibo.commands.new", "--project", str(project), "--type", "ke-hoach", "--year", "2031"],
        "import": ["chibo.commands.importdoc", str(source), "--project", str(project)],
        "publish": ["chibo.commands.publish", "publish", "--dest", str(www / "chibo"), "--project", str(project)],
        "rollback": ["chibo.commands.publish", "rollback", "--dest", str(www / "chibo")],
        "offline": ["chibo.commands.publish", "offline", "--output", str(disk / "dist" / "x.zip"), "--project",
                    str(project)],
        "site": ["chibo.commands.site", "--project", str(project), "--site-dir", str(disk / "site"), "--no-pdf"],
        "build": ["mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(disk / "site2")],
    }
    for name, command in commands.items():
        result = _run(project, *command, env={"CHIBO_PDF": "0"})
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (name, output[-3000:])
        if name == "check":
            assert "Đã kiểm tra" in output, output  # reads only: it still answers
            continue
        if name == "rollback" and result.returncode == 0:
            continue  # a symlink may still fit in the last free bytes
        assert result.returncode != 0, (name, output[-2000:])
        assert "HT001" in output and "đĩa đã đầy" in output, (name, output[-3000:])
    assert _tree(project) == before  # nothing half written: not a page, not mkdocs.yml
    assert not (disk / "dist" / "x.zip").exists()
