"""make publish / make rollback refuse clearly and leave nothing behind (issue 13): no
``.X.releases/.lock`` debris next to a refused path, no DEST inside the project, a message
(not an OSError traceback) for an unwritable DEST parent, no ``mkdocs build`` left running
after the publisher is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import build_env, copy_project
from webserver import publish_command, run_publish

NO_PDF = {"CHIBO_PDF": "0"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("guards") / "project")


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_refused_rollback_leaves_no_debris(project: Path, tmp_path: Path):
    before = _entries(tmp_path)
    result = run_publish(project, "rollback", "--dest", str(tmp_path / "chibo"))
    assert result.returncode == 1 and "Không có phiên bản trước" in result.stderr
    assert _entries(tmp_path) == before
    result = run_publish(project, "rollback", "--dest", str(tmp_path / "khong" / "co" / "chibo"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert _entries(tmp_path) == before


@pytest.mark.parametrize("inside", ["site", "docs/chibo", "."])
def test_dest_inside_the_project_is_refused_even_when_absent(project: Path, inside: str):
    before = _entries(project) + _entries(project / "docs")
    for command in ("publish", "rollback"):
        result = run_publish(project, command, "--dest", str(project / inside), env=NO_PDF)
        assert result.returncode == 1, result.stderr
        assert "nằm trong" in result.stderr and "Traceback" not in result.stderr
    assert _entries(project) + _entries(project / "docs") == before


def test_failed_first_publish_leaves_no_debris(project: Path, tmp_path: Path):
    broken = copy_project(tmp_path / "broken")
    plan = broken / "docs" / "ke-hoach" / "2022-ke-hoach-hoat-dong.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("loai: ke-hoach", "loai: khong-co-loai-nay"),
                    encoding="utf-8")
    www = tmp_path / "www"
    www.mkdir()
    result = run_publish(broken, "publish", "--dest", str(www / "chibo"), env=NO_PDF)
    assert result.returncode == 1
    assert _entries(www) == []


def _immutable(path: Path, on: bool) -> None:
    subprocess.run(["chattr", "+i" if on else "-i", str(path)], check=True)


def test_unwritable_dest_parent_is_a_message(project: Path, tmp_path: Path):
    www = tmp_path / "www"
    www.mkdir()
    _immutable(www, True)  # the tests run as root: permissions alone would not stop the writes
    try:
        result = run_publish(project, "publish", "--dest", str(www / "chibo"), env=NO_PDF)
    finally:
        _immutable(www, False)
    assert result.returncode == 1
    assert "không ghi được vào" in result.stderr and "Traceback" not in result.stderr, result.stderr
    # a published root whose parent turns read-only: rollback says so too
    result = run_publish(project, "publish", "--dest", str(www / "chibo"), env=NO_PDF)
    assert result.returncode == 0, result.stderr
    home = project / "docs" / "index.md"
    original = home.read_text(encoding="utf-8")
    home.write_text(original + "\nLần hai.\n", encoding="utf-8")
    try:
        result = run_publish(project, "publish", "--dest", str(www / "chibo"), env=NO_PDF)
    finally:
        home.write_text(original, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    live = os.readlink(www / "chibo")
    _immutable(www, True)
    try:
        result = run_publish(project, "rollback", "--dest", str(www / "chibo"))
    finally:
        _immutable(www, False)
    assert result.returncode == 1
    assert "không ghi được vào" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert os.readlink(www / "chibo") == live


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_killed_publish_takes_its_mkdocs_build_with_it(project: Path, tmp_path: Path):
    env = build_env() | {"CHIBO_PDF": "1", "CHIBO_PUBLISH_PAUSE": "building"}  # PDFs: a long build
    process = subprocess.Popen(publish_command(project, "publish", "--dest", str(tmp_path / "chibo")), cwd=project,
                               env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    try:
        assert process.stderr is not None
        while "chibo-publish: step building" not in (process.stderr.readline() or "chibo-publish: step building"):
            pass
        children = _children(process.pid)
        assert children, "the mkdocs build child should be running"
        process.send_signal(signal.SIGKILL)  # the publisher only, as kill -9 PID does
        process.wait()
        deadline = time.monotonic() + 5  # the build takes far longer: only its death ends it this soon
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(c) for c in children), "mkdocs build outlived the killed publish"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.parametrize("command", ["publish", "rollback"])
def test_symlinked_dest_is_refused(project: Path, tmp_path: Path, command: str):
    """DEST already a symlink the publisher did not make: refused with DG001, the link and
    the folder it points at untouched (issue 19, small ones)."""
    www, served = tmp_path / "www", tmp_path / "srv" / "chibo"
    www.mkdir()
    served.mkdir(parents=True)
    (served / "index.html").write_text("cũ", encoding="utf-8")
    (www / "chibo").symlink_to(served)
    result = run_publish(project, command, "--dest", str(www / "chibo"), env=NO_PDF)
    assert result.returncode == 1
    assert "DG001" in result.stderr and "liên kết" in result.stderr and "Traceback" not in result.stderr, \
        result.stderr
    assert os.readlink(www / "chibo") == str(served) and _entries(www) == ["chibo"]
    assert (served / "index.html").read_text(encoding="utf-8") == "cũ"
