"""make publish / make rollback: the live site only ever changes by one atomic switch to a
complete, checked build; failures and kills at any moment leave it exactly as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chibo.publishing.publish import Expectations, check_site, csp_warnings, inline_script_hashes, page_location
from conftest import ROOT, build_env, copy_project
from webserver import publish_command, run_publish, tree_digest

NO_PDF = {"CHIBO_PDF": "0"}  # these tests are about the switch, not the PDFs


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("publish") / "project")


@pytest.fixture(scope="module")
def first_webroot(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A web root with one published version (copied by each test, symlinks kept)."""
    dest = tmp_path_factory.mktemp("webroot") / "chibo"
    result = run_publish(project, "publish", "--dest", str(dest), env=NO_PDF)
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture
def webroot(first_webroot: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "www"
    shutil.copytree(first_webroot.parent, copy, symlinks=True)
    return copy / "chibo"


def state(dest: Path) -> tuple[str, dict[str, str]]:
    return os.readlink(dest), tree_digest(dest)


def leftovers(dest: Path) -> list[str]:
    releases = dest.parent / f".{dest.name}.releases"
    stray = [p.name for p in releases.iterdir() if p.name.startswith(".staging")]
    return stray + [p.name for p in dest.parent.glob(f".{dest.name}.tmp-*")]


def test_first_publish_makes_a_symlinked_complete_site(first_webroot: Path):
    assert first_webroot.is_symlink()
    target = first_webroot.resolve()
    assert target.parent.name == ".chibo.releases"
    assert (first_webroot / "index.html").is_file()
    assert (first_webroot / "search" / "search_index.json").is_file()
    assert (first_webroot / "ke-hoach" / "2022-ke-hoach-hoat-dong" / "index.html").is_file()


def test_broken_document_fails_and_live_site_is_unchanged(project: Path, webroot: Path, tmp_path: Path):
    broken = copy_project(tmp_path / "broken")
    plan = broken / "docs" / "ke-hoach" / "2022-ke-hoach-hoat-dong.md"
    # A date that does not exist: an error (a heading's style would only be a warning).
    plan.write_text(plan.read_text(encoding="utf-8").replace('ngay: ""', "ngay: 31/02/2022", 1),
                    encoding="utf-8")
    before = state(webroot)
    result = run_publish(broken, "publish", "--dest", str(webroot), env=NO_PDF)
    assert result.returncode == 1
    assert "không bị thay đổi" in result.stderr
    assert state(webroot) == before
    assert leftovers(webroot) == []


def test_failed_check_after_a_good_build_leaves_live_site_unchanged(webroot: Path, tmp_path: Path):
    # raw HTML is not checked by MkDocs: the build passes, the publish check does not
    bad = copy_project(tmp_path / "bad")
    home = bad / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + '\n<img src="assets/khong-co.png" alt="">\n',
                    encoding="utf-8")
    before = state(webroot)
    result = run_publish(bad, "publish", "--dest", str(webroot), env=NO_PDF)
    assert result.returncode == 1, result.stderr
    assert "liên kết hỏng" in result.stderr and "khong-co.png" in result.stderr
    assert state(webroot) == before
    assert leftovers(webroot) == []


def _wait_for(process: subprocess.Popen, marker: str, timeout: float = 120) -> str:
    seen = []
    deadline = time.monotonic() + timeout
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError(f"no {marker!r} in:\n{''.join(seen)}")


@pytest.mark.parametrize("step", ["building", "built", "validated", "promoted", "swapped"])
def test_killed_publish_leaves_a_complete_site(project: Path, webroot: Path, step: str):
    before = state(webroot)
    env = build_env() | NO_PDF | {"CHIBO_PUBLISH_PAUSE": step}
    process = subprocess.Popen(publish_command(project, "publish", "--dest", str(webroot)), cwd=project,
                               env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    try:
        _wait_for(process, f"chibo-publish: step {step}")
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the publisher and its mkdocs child, mid-work
        process.wait()
    after = state(webroot)
    if step == "swapped":
        # killed after the switch: the new version is live, complete and checked
        assert after[0] != before[0]
        assert after[1] == before[1]  # same sources, same site
    else:
        assert after == before
    assert b"</html>" in (webroot / "index.html").read_bytes()
    # the next publish cleans up after the killed one
    result = run_publish(project, "publish", "--dest", str(webroot), env=NO_PDF)
    assert result.returncode == 0, result.stderr
    assert leftovers(webroot) == []
    releases = webroot.parent / ".chibo.releases"
    assert len([p for p in releases.iterdir() if p.is_dir() and not p.is_symlink()]) == 2


def test_rollback_and_roll_forward(webroot: Path, tmp_path: Path):
    changed = copy_project(tmp_path / "changed")
    home = changed / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nPhiên bản thứ hai của trang chủ.\n", encoding="utf-8")
    first = state(webroot)
    result = run_publish(changed, "publish", "--dest", str(webroot), env=NO_PDF)
    assert result.returncode == 0, result.stderr
    assert "make rollback" in result.stderr
    second = state(webroot)
    assert "Phiên bản thứ hai" in (webroot / "index.html").read_text(encoding="utf-8")

    result = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "rollback", f"DEST={webroot}"],
                            capture_output=True, text=True, env=build_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã quay lại" in result.stderr
    assert state(webroot) == first
    result = run_publish(changed, "rollback", "--dest", str(webroot))
    assert result.returncode == 0, result.stderr
    assert state(webroot) == second


def test_rollback_without_a_previous_version_is_refused(project: Path, tmp_path: Path):
    dest = tmp_path / "chibo"
    result = run_publish(project, "rollback", "--dest", str(dest))
    assert result.returncode == 1
    assert "Không có phiên bản trước" in result.stderr


def test_an_existing_web_root_directory_is_never_overwritten(project: Path, tmp_path: Path):
    dest = tmp_path / "chibo"
    dest.mkdir()
    (dest / "index.html").write_text("old site")
    result = run_publish(project, "publish", "--dest", str(dest), env=NO_PDF)
    assert result.returncode == 1
    assert "đổi tên" in result.stderr
    assert (dest / "index.html").read_text() == "old site"


def test_a_second_concurrent_publish_is_refused(project: Path, webroot: Path):
    env = build_env() | NO_PDF | {"CHIBO_PUBLISH_PAUSE": "built"}
    process = subprocess.Popen(publish_command(project, "publish", "--dest", str(webroot)), cwd=project,
                               env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    try:
        _wait_for(process, "chibo-publish: step built")
        before = state(webroot)
        result = run_publish(project, "publish", "--dest", str(webroot), env=NO_PDF)
        assert result.returncode == 1
        assert "Đang có một lần đăng" in result.stderr
        assert state(webroot) == before
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_sub_path_site_url(project: Path, tmp_path: Path):
    dest = tmp_path / "www" / "chibo"
    dest.parent.mkdir()
    result = run_publish(project, "publish", "--dest", str(dest), "--site-url", "http://intranet/chibo", env=NO_PDF)
    assert result.returncode == 0, result.stderr
    sitemap = (dest / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://intranet/chibo/</loc>" in sitemap
    assert "<loc>http://intranet/chibo/ke-hoach/2022-ke-hoach-hoat-dong/</loc>" in sitemap
    page = (dest / "404.html").read_text(encoding="utf-8")
    assert 'href="/chibo/assets/' in page  # the 404 page works at any depth under /chibo/
    assert '<link rel="canonical" href="http://intranet/chibo/"' in (dest / "index.html").read_text(encoding="utf-8")


def test_invalid_site_url_is_refused(project: Path, tmp_path: Path):
    result = run_publish(project, "publish", "--dest", str(tmp_path / "chibo"), "--site-url", "intranet/chibo",
                         env=NO_PDF)
    assert result.returncode == 1 and "không hợp lệ" in result.stderr
    assert not (tmp_path / "chibo").exists()


# --- the checks themselves ---------------------------------------------------------------

@pytest.fixture(scope="module")
def plain_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("plain") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)], cwd=project, env=build_env() | NO_PDF, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return site


def test_check_site_accepts_a_good_build(project: Path, plain_site: Path):
    assert check_site(plain_site, project, Expectations()) == []


def test_check_site_finds_a_missing_page_and_a_missing_index(project: Path, plain_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(plain_site, site)
    _, output = page_location("ke-hoach/2022-ke-hoach-hoat-dong.md", True)
    (site / output).unlink()
    (site / "search" / "search_index.json").unlink()
    problems = check_site(site, project, Expectations())
    assert any("2022-ke-hoach-hoat-dong" in p and "thiếu trang" in p for p in problems)
    assert any("chỉ mục tìm kiếm" in p for p in problems)


def test_check_site_wants_pdfs_when_they_are_on(project: Path, plain_site: Path):
    problems = check_site(plain_site, project, Expectations(document_pdfs=True, book_pdf="pdf/van-ban-chi-bo.pdf"))
    assert any("không có tệp PDF" in p for p in problems)
    assert any("van-ban-chi-bo.pdf" in p for p in problems)


def test_page_location_follows_mkdocs():
    assert page_location("index.md", True) == ("", "index.html")
    assert page_location("ke-hoach/index.md", True) == ("ke-hoach/", "ke-hoach/index.html")
    assert page_location("ke-hoach/a.md", True) == ("ke-hoach/a/", "ke-hoach/a/index.html")
    assert page_location("ke-hoach/a.md", False) == ("ke-hoach/a.html", "ke-hoach/a.html")
    assert page_location("ke-hoach/index.md", False) == ("ke-hoach/index.html", "ke-hoach/index.html")


def test_publish_warns_when_the_nginx_csp_lacks_an_inline_script(project: Path, plain_site: Path, tmp_path: Path):
    assert csp_warnings(plain_site, project) == []  # the shipped config allows every inline script
    other = tmp_path / "project"
    (other / "deploy" / "nginx").mkdir(parents=True)
    conf = (project / "deploy" / "nginx" / "chibo.conf").read_text(encoding="utf-8")
    dropped = sorted(inline_script_hashes(plain_site))[0]
    (other / "deploy" / "nginx" / "chibo.conf").write_text(conf.replace(dropped, ""), encoding="utf-8")
    warnings = csp_warnings(plain_site, other)
    assert len(warnings) == 1 and dropped in warnings[0] and "cảnh báo" in warnings[0]
