"""One build of the site: read -> check -> stage -> render -> scan (ARCHITECTURE.md).

- read: one snapshot of ``docs/`` (``chibo.document.snapshot``), every page read with the
  one front-matter reader;
- check: every document of the snapshot (``chibo.checking.tree``); an error stops here;
- stage: the staged tree holds only what may be published (``chibo.publishing.stage``);
- render: the engine (``mkdocs build --strict``) builds the staged tree, never ``docs/``;
- scan: every output file is scanned for what was left out (``chibo.publishing.scan``).

A source saved meanwhile raises :class:`SourcesChanged` (the caller builds again). The
engine runs as a child process that dies with us (no build outlives a killed publish).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar
from dataclasses import dataclass
from pathlib import Path

from chibo.checking.tree import check_tree, default_extra_checks
from chibo.document.config import DataError, load_settings, read_nav_files
from chibo.document.diagnostics import Severity
from chibo.document.snapshot import Snapshot, changed_since
from chibo.publishing.engine_log import for_person
from chibo.publishing.scan import Fingerprints, Hit, ScanError, fingerprints, scan_file, scan_tree
from chibo.publishing.stage import Staged, describe, stage

BUILD_ATTEMPTS = 4  # a source saved during the build: build again, at most this often
STAGE_FOLDER = "build"
T = TypeVar("T")  # under the project; each build stages into its own folder there


class BuildError(Exception):
    """The build stopped; the message is for the user (Vietnamese)."""


class SourcesChanged(BuildError):
    """A source file was saved while the site was built: the build must run again."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.paths = sorted(paths)
        shown = ", ".join(self.paths[:5]) + (f" và {len(self.paths) - 5} tệp khác" if len(self.paths) > 5 else "")
        super().__init__(f"tệp {shown} vừa thay đổi trong lúc dựng trang")


class LeakFound(BuildError):
    """The scan found withheld text or files in an output."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        shown = "\n".join(f"  - {hit.format()}" for hit in hits[:20])
        more = f"\n  … và {len(hits) - 20} chỗ khác" if len(hits) > 20 else ""
        super().__init__(f"Dừng: kết quả dựng có nội dung của văn bản hoặc tệp không được đăng (SC001):\n{shown}{more}\n"
                         "Không có gì được đăng. Đây là lỗi của chương trình hoặc của một văn bản đăng công khai "
                         "chép lại nội dung văn bản mật/nháp; hãy báo cho người phụ trách kỹ thuật.")


@dataclass
class Built:
    site: Path
    digests: dict[str, str]  # sha256 of every source under docs/ that was built
    fingerprints: Fingerprints
    staged: Staged
    timings: dict[str, float]


_STEP_NAMES = {"check": "kiểm tra", "stage": "chuẩn bị cây dựng", "render": "dựng trang", "scan": "quét kết quả"}


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def check(project: Path, snapshot: Snapshot, *, say: Callable[[str], None] = _say) -> None:
    """The checks of ``make check`` on the snapshot; errors stop the build."""
    docs = snapshot.root
    try:
        report = check_tree(docs, display_root=project, types=load_settings(project / "data").types,
                            extra_checks=default_extra_checks(project / "data"), nav=read_nav_files(project),
                            sources=snapshot.files)
    except DataError as error:
        raise BuildError(str(error)) from None
    for problem in report.problems:
        say(problem.format())
    if report.errors:
        raise BuildError(f"Dừng dựng trang: {report.summary()} Hãy sửa các lỗi trên rồi dựng lại.")
    say(report.summary())


def _die_with_parent() -> None:
    """In the child before exec: the kernel kills it when the builder dies, even by
    SIGKILL (Linux prctl PR_SET_PDEATHSIG)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(1)


def public_texts(project: Path, staged: Staged) -> list[str]:
    """What is public anyway: published sources, data files, the guide's templates."""
    from chibo.authoring.templates import guide_page, template_body

    texts = [doc.text for doc in staged.published.values()]
    data = project / "data"
    if data.is_dir():
        texts += [path.read_text(encoding="utf-8", errors="replace") for path in sorted(data.glob("*.yml"))]
    settings = load_settings(data)
    for doctype in settings.types.values():
        try:
            texts.append(guide_page(doctype, settings))
            texts.append(template_body(doctype))
        except Exception:  # noqa: BLE001 - a type without sections has no template: nothing to add
            continue
    return texts


def render(staged: Staged, site_dir: Path, env: Mapping[str, str],
           on_start: Callable[[subprocess.Popen], None] | None = None, *, say: Callable[[str], None] = _say) -> None:
    """The engine builds the staged tree into site_dir (``mkdocs build --strict``)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(staged.config),
               "-d", str(site_dir)]
    process = subprocess.Popen(command, cwd=staged.project, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                               stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
                               preexec_fn=_die_with_parent)
    if on_start is not None:
        on_start(process)
    assert process.stderr is not None
    for raw in process.stderr:  # the engine's log, as a person should read it (engine_log)
        line = for_person(raw)
        if line is not None:
            say(line)
    if process.wait() != 0:
        raise BuildError("Dựng trang không thành công (xem các dòng LỖI ở trên).")


def build(project: Path, site_dir: Path, env: Mapping[str, str], *, say: Callable[[str], None] = _say,
          on_start: Callable[[subprocess.Popen], None] | None = None, keep_stage: bool = False) -> Built:
    """read -> check -> stage -> render -> scan, into site_dir (removed again on failure)."""
    project = project.resolve()
    docs = project / "docs"
    clock = [time.perf_counter()]
    timings: dict[str, float] = {}

    def lap(step: str) -> None:
        now = time.perf_counter()
        timings[step] = round(now - clock[0], 3)
        clock[0] = now

    snapshot = Snapshot.take(docs)
    check(project, snapshot, say=say)
    lap("check")
    work = project / STAGE_FOLDER
    work.mkdir(exist_ok=True)
    stage_dir = Path(tempfile.mkdtemp(prefix="stage-", dir=work))
    try:
        staged = stage(project, stage_dir, snapshot=snapshot)
        for line in describe(staged):
            say(line)
        for problem in staged.problems:
            say(problem.format())
        if any(problem.severity is Severity.ERROR for problem in staged.problems):
            raise BuildError("Dừng dựng trang: có lỗi ở trên (ST003).")
        prints = fingerprints(staged.withheld, {path: staged.sources[path] for path in staged.left_out},
                              public_texts(project, staged))
        lap("stage")
        try:
            render(staged, site_dir, env, on_start, say=say)
            lap("render")
            changed = changed_since(docs, staged.digests())
            if changed:
                raise SourcesChanged(changed)
            hits = scan_tree(site_dir, prints, cache=project / ".cache" / "scan")
            lap("scan")
        except BaseException:
            shutil.rmtree(site_dir, ignore_errors=True)
            raise
        if hits:
            shutil.rmtree(site_dir, ignore_errors=True)
            raise LeakFound(hits)
        say("Thời gian: " + ", ".join(f"{_STEP_NAMES[step]} {seconds:.2f} giây" for step, seconds in timings.items())
            + f" (CHIBO_TIMINGS={json.dumps(timings)})")
        return Built(site_dir, staged.digests(), prints, staged, timings)
    except ScanError as error:
        raise BuildError(f"Dừng: {error}.") from None
    finally:
        if not keep_stage:
            shutil.rmtree(stage_dir, ignore_errors=True)


def build_until_stable(project: Path, site_dir: Path, env: Mapping[str, str], then: Callable[[Built], T], *,
                       say: Callable[[str], None] = _say, **options) -> T:
    """``build`` then ``then(built)``; a source saved meanwhile (``SourcesChanged`` from either)
    builds again, at most ``BUILD_ATTEMPTS`` times."""
    for attempt in range(1, BUILD_ATTEMPTS + 1):
        try:
            return then(build(project, site_dir, env, say=say, **options))
        except SourcesChanged as change:
            shutil.rmtree(site_dir, ignore_errors=True)
            if attempt == BUILD_ATTEMPTS:
                raise BuildError(f"Sau {BUILD_ATTEMPTS} lần dựng, {change}; hãy chạy lại khi đã lưu xong.") from None
            say(f"{str(change).capitalize()}; dựng lại (lần {attempt + 1}/{BUILD_ATTEMPTS}) ...")
    raise AssertionError("unreachable")


def scan_archive(path: Path, built: Built) -> None:
    """The offline zip, before it is handed out."""
    try:
        hits = scan_file(path, built.fingerprints, cache=built.staged.project / ".cache" / "scan")
    except ScanError as error:
        raise BuildError(f"Dừng: {error}.") from None
    if hits:
        raise LeakFound(hits)
