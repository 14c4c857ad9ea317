"""The promise is kept by the staged tree, not by the engine (issue 19, part 7; ENGINES.md).

A project copy with a confidential page (its own attachment) and a draft page, both named
in the nav with a title, and a published page carrying active markup, is staged once and
built by two engines: MkDocs (as the site is, hooks run) and Zensical, which runs none of
our hooks. Neither output holds a withheld word, title, page or file name; both publish the
same document pages; what else differs is listed here. The control: Zensical building the
project itself (not staged) does publish the confidential page, so the scan can fail and
the promise is not Zensical's doing.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from chibo.publishing.engines import ZENSICAL, EngineError, build_zensical
from chibo.publishing.stage import stage
from conftest import build_env, copy_project

pytestmark = pytest.mark.skipif(not ZENSICAL.exists(),
                                reason=f"Zensical is not installed in {ZENSICAL.parent.parent} (make .venv-zensical)")

SECRET_WORD = "ZENMATQ7WORD"       # body of the confidential page
SECRET_TITLE = "ZENMATQ7TITLE"     # its title
ATTACHMENT = "phu-luc-zenmatq7"    # the file only it links to (name and content)
DRAFT_WORD = "ZENNHAPQ7WORD"       # body of the draft page
NAV_TITLE = "ZENNAVQ7"             # the withheld pages' titles in mkdocs.yml's nav (make import writes them)
PAGE_NAMES = ("2023-ke-hoach-mat", "2024-ke-hoach-nhap")  # their file names
MARKERS = (SECRET_WORD, SECRET_TITLE, ATTACHMENT, DRAFT_WORD, NAV_TITLE, *PAGE_NAMES)
ACTIVE = "ZENRUNQ7"                # in markup a published page tries to run or redirect with
WITHHELD_PAGES = {f"ke-hoach/{name}.md" for name in PAGE_NAMES}

# What each engine writes besides the pages, outside assets/ (theme bundles differ by name):
# MkDocs' search plugin and sitemap; Zensical's search index and a Sphinx inventory.
ONLY_MKDOCS = {"search/search_index.json", "sitemap.xml.gz", "sinh-hoat/lich-sinh-hoat.ics",
               "manifest.webmanifest", "ban-luu.json"}  # the last two: hooks/webapp.py (phones)
ONLY_ZENSICAL = {"search.json", "objects.inv"}
NOT_DOCUMENTS = {"404.html"}  # both engines write it; no document behind it
# Pages only our MkDocs hooks generate (hooks/guide.py, hooks/month.py), not staged: Zensical
# has none of them. Moving them into the stage is the path off MkDocs (ENGINES.md).
HOOK_PAGES = {f"huong-dan/mau-{kind}/index.html" for kind in ("ke-hoach", "nghi-quyet", "thong-bao-ket-luan", "bao-cao")}
HOOK_PAGES |= {"sinh-hoat/index.html", "sinh-hoat/lich-2022/index.html", "sinh-hoat/chi-tieu-2022/index.html",
               "cai-len-dien-thoai/index.html"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("engines") / "project")
    plans = project / "docs" / "ke-hoach"
    source = (plans / "2022-ke-hoach-hoat-dong.md").read_text(encoding="utf-8")

    def variant(name: str, year: int, key: str, title: str, body: str) -> None:
        text = source.replace("title: Kế hoạch hoạt động của Chi bộ năm 2022",
                              f"title: Kế hoạch {title} năm {year}\n{key}", 1).replace("nam: 2022", f"nam: {year}", 1)
        (plans / name).write_text(text.replace("## I. ĐẶC ĐIỂM TÌNH HÌNH:",
                                               f"## I. ĐẶC ĐIỂM TÌNH HÌNH:\n\n{body}\n", 1), encoding="utf-8")

    (plans / f"{ATTACHMENT}.pdf").write_bytes(b"%PDF-1.4\n" + ATTACHMENT.encode() + b"\n%%EOF\n")
    variant("2023-ke-hoach-mat.md", 2023, "mat: true", SECRET_TITLE,
            f"{SECRET_WORD} là nội dung mật.\n\n[Phụ lục]({ATTACHMENT}.pdf)")
    variant("2024-ke-hoach-nhap.md", 2024, "nhap: true", "nháp", f"{DRAFT_WORD} là bản nháp.")
    public = plans / "2022-ke-hoach-hoat-dong.md"
    public.write_text(source.replace("loai: ke-hoach", (
        "loai: ke-hoach\nstatus: '\"><meta http-equiv=\"refresh\" content=\"0;url=https://" + ACTIVE + ".example/\">'\n"
        f"description: '\" onmouseover=\"{ACTIVE}()'"), 1).replace(
        "## I. ĐẶC ĐIỂM TÌNH HÌNH:", f"<script>{ACTIVE}()</script>\n\n<img src=x onerror=\"{ACTIVE}()\" alt=\"\">\n\n"
        "## I. ĐẶC ĐIỂM TÌNH HÌNH:", 1), encoding="utf-8")
    config = project / "mkdocs.yml"
    anchor = "      - ke-hoach/index.md\n"
    config.write_text(config.read_text(encoding="utf-8").replace(
        anchor, anchor + "".join(f"      - {NAV_TITLE} {n}: {name}\n" for n, name in enumerate(sorted(WITHHELD_PAGES))), 1), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def staged(project: Path, tmp_path_factory: pytest.TempPathFactory):
    return stage(project, tmp_path_factory.mktemp("engines-staged") / "staged")


@pytest.fixture(scope="module")
def outputs(staged, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("engines-out")
    env = dict(build_env(), CHIBO_PDF="0", PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(staged.config),
                             "-d", str(base / "mkdocs")], cwd=staged.config.parent, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    build_zensical(staged.config, base / "zensical")
    return {"mkdocs": base / "mkdocs", "zensical": base / "zensical"}


def _contents(site: Path) -> dict[str, bytes]:
    """Every output file, gzip members opened (MkDocs' sitemap.xml.gz)."""
    files = {}
    for file in sorted(site.rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            files[file.relative_to(site).as_posix()] = gzip.decompress(data) if file.suffix == ".gz" else data
    return files


def _leaks(site: Path) -> list[str]:
    found = []
    for name, data in _contents(site).items():
        found += [f"{name}: {marker}" for marker in MARKERS if marker.encode() in data or marker in name]
    return found


def _pages(site: Path) -> set[str]:
    return {name for name in _contents(site) if name.endswith(".html")}


def _url(src: str) -> str:
    """Output page of a docs-relative Markdown path (use_directory_urls, both engines)."""
    stem = src[:-len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")] + "index.html"
    return stem + "/index.html"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_withheld_word_or_file_in_either_output(outputs: dict[str, Path], engine: str) -> None:
    assert _contents(outputs[engine]), f"{engine} wrote nothing"
    assert _leaks(outputs[engine]) == []


def test_both_engines_publish_the_same_document_pages(staged, outputs: dict[str, Path]) -> None:
    assert set(staged.withheld) == WITHHELD_PAGES
    docs = staged.config.parent / "docs"
    expected = {_url(p.relative_to(docs).as_posix()) for p in docs.rglob("*.md")}
    assert not expected & {_url(src) for src in WITHHELD_PAGES}
    assert "ke-hoach/2022-ke-hoach-hoat-dong/index.html" in expected
    assert _pages(outputs["mkdocs"]) - NOT_DOCUMENTS - HOOK_PAGES == expected, _pages(outputs["mkdocs"]) ^ expected
    assert HOOK_PAGES <= _pages(outputs["mkdocs"])
    assert _pages(outputs["zensical"]) - NOT_DOCUMENTS == expected


class _Active(HTMLParser):
    """Markup carrying ACTIVE that would run or redirect: a script, an on* attribute, a meta refresh."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script = tag == "script"
        for name, value in attrs:
            if ACTIVE in (value or "") and (name.startswith("on") or name in ("content", "src", "href")):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self._script and ACTIVE in data:
            self.found.append(f"<script>{data[:60]}")

    def handle_endtag(self, tag: str) -> None:
        self._script = False


# The stage drops theme keys and makes a body's raw HTML inert (chibo.publishing.markup), so
# an engine that runs no hook (Zensical) publishes no script either.
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_document_markup_runs_in_either_output(outputs: dict[str, Path], engine: str) -> None:
    pages = _pages(outputs[engine])
    assert "ke-hoach/2022-ke-hoach-hoat-dong/index.html" in pages
    found = []
    for name in pages:
        parser = _Active()
        parser.feed((outputs[engine] / name).read_text(encoding="utf-8"))
        found += [f"{name}: {hit}" for hit in parser.found]
    assert found == []


def test_what_else_differs_is_known(outputs: dict[str, Path]) -> None:
    def others(site: Path) -> set[str]:
        return {name for name in _contents(site) if not name.endswith(".html") and not name.startswith("assets/")}
    mkdocs, zensical = others(outputs["mkdocs"]), others(outputs["zensical"])
    assert (mkdocs - zensical, zensical - mkdocs) == (ONLY_MKDOCS, ONLY_ZENSICAL)


def test_control_zensical_alone_publishes_the_secret(project: Path, tmp_path: Path) -> None:
    """Without the staged tree (and with no hook run) the confidential page is published."""
    build_zensical(project / "mkdocs.yml", tmp_path / "raw")
    leaks = _leaks(tmp_path / "raw")
    assert any(SECRET_WORD in leak for leak in leaks) and any(ATTACHMENT in leak for leak in leaks), leaks


def test_a_failed_build_is_a_vietnamese_message(staged, tmp_path: Path) -> None:
    broken = staged.config.parent / "broken.yml"
    broken.write_text("site_name: x\ndocs_dir: khong-co\n", encoding="utf-8")
    with pytest.raises(EngineError, match=r"^ZS002 Zensical không dựng được trang"):
        build_zensical(broken, tmp_path / "out")
    with pytest.raises(EngineError, match=r"^ZS002 .*không đọc được cấu hình"):
        build_zensical(staged.config.parent / "khong-co.yml", tmp_path / "out")
    with pytest.raises(EngineError, match=r"^ZS001 chưa cài Zensical"):
        build_zensical(staged.config, tmp_path / "out", executable=tmp_path / "zensical")
