"""Build an attacked project copy the way ``make site`` does, measure it, and read every output.

``build`` is the one place that says how a site is built (switch it when the pipeline changes);
``outputs`` yields the text of every output file (PDFs through pdftotext, .gz and .zip opened);
``injected`` finds document markup that would act in a browser (a real HTML parser, not a regex).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from attacks.corpus import EVIL, EVIL_HOST

MEMORY_CAP = 2 * 1024 ** 3  # address space of each build process: an attack must not take the machine down
TIME_CAP = 120.0  # seconds; the build is killed after this


def build_command(project: Path, site_dir: Path) -> list[str]:
    """How ``make site`` builds (the one line to switch when the pipeline changes). Before issue 19:
    ``mkdocs build --strict --clean -f PROJECT/mkdocs.yml -d SITE``."""
    return [sys.executable, "-m", "chibo.commands.site", "--project", str(project), "--site-dir", str(site_dir)]


def offline_command(project: Path, archive: Path) -> list[str]:
    return [sys.executable, "-m", "chibo.commands.publish", "offline", "--project", str(project),
            "--output", str(archive)]


@dataclass
class Run:
    returncode: int  # negative: killed by that signal (the time cap)
    output: str  # stdout + stderr
    seconds: float
    max_rss_mb: float  # of the build process and its waited-for children
    cpu_seconds: float  # user + system, same processes (wall time depends on the machine's load)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    os.setsid()


_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICK = os.sysconf("SC_CLK_TCK")


def _session(sid: int) -> dict[int, tuple[float, int]]:
    """pid -> (CPU seconds, resident bytes) of every process of a session, from /proc."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != b"Z":  # after "(comm)": state ppid pgrp session ...
            found[int(entry)] = ((int(fields[11]) + int(fields[12])) / _TICK, int(fields[21]) * _PAGE)
    return found


def run(command: list[str], cwd: Path) -> Run:
    """Run a command in its own session with a memory and time cap. Its whole process tree
    (PDF workers, forkserver children, MkDocs in a subprocess) is sampled in /proc: CPU
    seconds summed over every process seen, peak of the tree's summed resident memory."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.monotonic()
    cpu: dict[int, float] = {}
    peak = 0
    with open(cwd / ".attack-out.txt", "w+b") as sink:
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                 preexec_fn=_limits)
        while True:
            tree = _session(child.pid)
            for pid, (seconds, _) in tree.items():
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            peak = max(peak, sum(rss for _, rss in tree.values()))
            if child.poll() is not None and not tree:
                break
            if time.monotonic() - start > TIME_CAP:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
                break
            time.sleep(0.05)
        seconds = time.monotonic() - start
        sink.seek(0)
        output = sink.read().decode("utf-8", "replace")
    return Run(child.returncode, output, seconds, peak / 1024 ** 2, sum(cpu.values()))


def build(project: Path, site_dir: Path) -> Run:
    """Build as ``make site`` does: into a new folder, kept only when the build succeeded."""
    fresh = site_dir.with_name(site_dir.name + ".new")
    result = run(build_command(project, fresh), project)
    if result.ok:
        fresh.rename(site_dir)
    else:
        shutil.rmtree(fresh, ignore_errors=True)
    return result


def offline(project: Path, archive: Path) -> Run:
    return run(offline_command(project, archive), project)


def _pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True)
    return result.stdout.decode("utf-8", "replace")


def _texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    yield name, data.decode("utf-8", "replace")  # raw bytes too: a copied attachment is found by them
    lower = name.lower()
    if lower.endswith(".pdf"):
        yield name + " (pdftotext)", _pdf_text(data)
    elif lower.endswith(".gz"):
        try:
            yield from _texts(name[:-3], gzip.decompress(data))
        except (OSError, EOFError):
            pass
    elif lower.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _texts(f"{name}!{member}", archive.read(member))
                yield f"{name}!{member} (name)", member


def outputs(*roots: Path) -> dict[str, str]:
    """Every output file (and its name) -> its text, for each root (a folder or a zip)."""
    found: dict[str, str] = {}
    for root in roots:
        if root.is_file():
            found.update(_texts(root.name, root.read_bytes()))
            continue
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                relative = path.relative_to(root).as_posix()
                found.update(_texts(relative, path.read_bytes()))
                found[relative + " (name)"] = relative
    return found


def hits(texts: dict[str, str], words: list[str]) -> list[tuple[str, str]]:
    """(output, word) for every word found (case-insensitive) in an output."""
    folded = [(word, word.lower()) for word in words]
    return [(name, word) for name, text in texts.items() for word, low in folded if low in text.lower()]


# Elements that load, run, submit or re-base by themselves: none may carry a document's address.
_ACTIVE = {"base", "form", "iframe", "frame", "object", "embed", "link", "script", "svg", "math", "style"}


class _Injected(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            if EVIL_HOST in values.get("content", "") or EVIL in values.get("content", ""):
                self.found.append(f"<meta refresh {values.get('content')}>")
        if tag in _ACTIVE and any(EVIL in value or EVIL_HOST in value for value in values.values()):
            self.found.append(f"<{tag} {values}>")
        for name, value in values.items():
            if name.startswith("on") and EVIL in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if EVIL in value and re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                self.found.append(f"<{tag} {name}={value!r}>")
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and EVIL in data:
            self.found.append(f"<script>{data[:80]}")


def injected(texts: dict[str, str]) -> list[tuple[str, str]]:
    """(output, element) for every element of document markup that would act in a browser."""
    found = []
    for name, text in texts.items():
        if EVIL not in text or not name.endswith((".html", ".htm", ".xml", ".svg")):
            continue
        parser = _Injected()
        parser.feed(text)
        found += [(name, element) for element in parser.found]
    return found


VIETNAMESE = re.compile("[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)


def answer_problems(result: Run, names: list[str]) -> list[str]:
    """What is wrong with how the build answered: a traceback, or a failure that does not say,
    in Vietnamese, which file."""
    problems = []
    if "Traceback (most recent call last)" in result.output or re.search(r"\b\w+Error\b:", result.output):
        problems.append("traceback or Python error in the output")
    if result.returncode < 0:
        problems.append(f"killed after {result.seconds:.0f} s (time cap)")
    elif not result.ok:
        lines = [line for line in result.output.splitlines() if any(name in line for name in names)]
        if not any(VIETNAMESE.search(line) for line in lines):
            problems.append("failed without a Vietnamese message naming " + " or ".join(names))
    return problems
