"""Every save and publish from the desk is a git commit in the project's repository, made
in the account's name with a Vietnamese message; a document's history and its restore."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 60


class HistoryError(Exception):
    """A git step that failed; the message is Vietnamese."""


@dataclass
class Version:
    commit: str
    author: str
    when: str
    message: str
    diff: list[tuple[str, str]]  # (kind: add/del/hunk/ctx, line)


def _git(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True,
                            timeout=GIT_TIMEOUT, env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin",
                                                       "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(project)})
    if check and result.returncode != 0:
        raise HistoryError("Không ghi được lịch sử (git) của dự án; báo người quản trị máy chủ.")
    return result


def ensure_repository(project: Path) -> None:
    """A project that is not yet a git repository becomes one (its files as the first commit)."""
    found = _git(project, "rev-parse", "--git-dir", check=False)
    if found.returncode != 0:
        _git(project, "init", "-q")
    _exclude_state(project)
    if found.returncode == 0:
        return
    _git(project, "add", "-A")
    commit(project, [], "bàn soạn thảo", "Bắt đầu lưu lịch sử văn bản", allow_empty=True, all_staged=True)


def _exclude_state(project: Path) -> None:
    """The desk's own files (accounts, uploads) never enter the history."""
    info = Path(_git(project, "rev-parse", "--git-path", "info/exclude").stdout.strip())
    info = info if info.is_absolute() else project / info
    text = info.read_text(encoding="utf-8") if info.is_file() else ""
    if "/.desk/" not in text.split("\n"):
        info.parent.mkdir(parents=True, exist_ok=True)
        info.write_text(text + ("" if text.endswith("\n") or not text else "\n") + "/.desk/\n", encoding="utf-8")


def commit(project: Path, paths: list[Path], author: str, message: str, *, allow_empty: bool = False,
           all_staged: bool = False) -> str | None:
    """Commit these files (and only them) as ``author``; returns the commit id, None when
    nothing changed."""
    relative = [str(p.relative_to(project)) if p.is_absolute() else str(p) for p in paths]
    if relative:
        _git(project, "add", "--", *relative)
    identity = ["-c", f"user.name={author}", "-c", f"user.email={author}@ban-soan-thao.local"]
    args = [*identity, "commit", "-q", "--no-verify", "-m", message]
    if allow_empty:
        args.append("--allow-empty")
    if relative and not all_staged:
        if _git(project, "diff", "--cached", "--quiet", "--", *relative, check=False).returncode == 0:
            return None
        args += ["--only", "--", *relative]
    _git(project, *args)
    return _git(project, "rev-parse", "HEAD").stdout.strip()


def versions(project: Path, path: Path, limit: int = 30) -> list[Version]:
    relative = str(path.relative_to(project))
    log = _git(project, "log", f"-{limit}", "--format=%H%x1f%an%x1f%ad%x1f%s",
               "--date=format:%d/%m/%Y %H:%M", "--", relative, check=False)
    found = []
    for line in log.stdout.splitlines():
        parts = line.split("\x1f")
        if len(parts) != 4:
            continue
        shown = _git(project, "show", "--format=", "--unified=2", parts[0], "--", relative, check=False).stdout
        diff = []
        for row in shown.splitlines():
            if row.startswith(("diff --git", "index ", "--- ", "+++ ", "new file", "deleted file", "similarity",
                               "rename ")):
                continue
            kind = {"+": "add", "-": "del", "@": "hunk"}.get(row[:1], "ctx")
            diff.append((kind, row[1:] if kind in ("add", "del", "ctx") else "…"))
        found.append(Version(parts[0], parts[1], parts[2], parts[3], diff))
    return found


def content_at(project: Path, path: Path, commit_id: str) -> bytes:
    if not commit_id.isalnum() or len(commit_id) not in (40, 64):
        raise HistoryError("Phiên bản không hợp lệ.")
    relative = str(path.relative_to(project))
    result = subprocess.run(["git", "-C", str(project), "show", f"{commit_id}:{relative}"], capture_output=True,
                            timeout=GIT_TIMEOUT)
    if result.returncode != 0:
        raise HistoryError("Không tìm thấy phiên bản này của văn bản.")
    return result.stdout
