"""Drafts (nhap: true) and confidential documents (mat: true) are absent from every output:
pages, navigation, indexes, backlinks, search index, sitemap, the site PDF book and the
per-document PDFs; the build says how many it withheld."""

from __future__ import annotations

import gzip
import re
import subprocess
from pathlib import Path

import pytest

from conftest import copy_project
from webserver import run_publish

SECRET = "XK7QMATSECRET"  # in the confidential document's title and body
DRAFT = "ZP4VNHAPDRAFT"  # in the draft's title and body
MARKERS = (SECRET, DRAFT)


def withheld_copy(project: Path, name: str, *, year: int, key: str, marker: str) -> None:
    """A valid plan (the 2022 one, renamed) marked withheld, citing regulations as the
    2022 plan does, listed in the nav and linked from the plans' index by hand."""
    plans = project / "docs" / "ke-hoach"
    text = (plans / "2022-ke-hoach-hoat-dong.md").read_text(encoding="utf-8")
    text = text.replace("title: Kế hoạch hoạt động của Chi bộ năm 2022",
                        f"title: Kế hoạch {marker} năm {year}\n{key}: true", 1)
    text = text.replace("nam: 2022", f"nam: {year}", 1)
    text = text.replace("## I. ĐẶC ĐIỂM TÌNH HÌNH:",
                        f"## I. ĐẶC ĐIỂM TÌNH HÌNH:\n\nNội dung riêng {marker} theo Quy định số 213-QĐ/TW.", 1)
    assert f"{key}: true" in text and marker in text
    (plans / name).write_text(text, encoding="utf-8")
    index = plans / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"| {year} | [Kế hoạch năm {year}]({name}) |\n",
                     encoding="utf-8")
    config = project / "mkdocs.yml"
    anchor = "      - ke-hoach/index.md\n"
    text = config.read_text(encoding="utf-8")
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + f"      - Kế hoạch năm {year}: ke-hoach/{name}\n", 1),
                      encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("confidential") / "project")
    withheld_copy(project, "2023-ke-hoach-mat.md", year=2023, key="mat", marker=SECRET)
    withheld_copy(project, "2024-ke-hoach-nhap.md", year=2024, key="nhap", marker=DRAFT)
    return project


@pytest.fixture(scope="module")
def published(project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Published with PDFs and a site URL (so that the sitemap lists every page)."""
    dest = tmp_path_factory.mktemp("confidential-www") / "chibo"
    result = run_publish(project, "publish", "--dest", str(dest), "--site-url", "http://intranet/chibo/",
                         env={"CHIBO_PDF": "1"})
    assert result.returncode == 0, result.stderr
    return dest.resolve(), result.stderr


def test_the_withheld_documents_are_valid_and_would_otherwise_be_published(project: Path):
    # Same document without the flag: the marker would be everywhere (the test can fail).
    text = (project / "docs/ke-hoach/2023-ke-hoach-mat.md").read_text(encoding="utf-8")
    assert "\nmat: true\n" in text


def test_build_says_how_many_documents_it_withheld(published):
    _, log = published
    assert "Đã giữ lại 2 văn bản nháp hoặc mật" in log
    assert "Không đăng ke-hoach/2023-ke-hoach-mat.md (văn bản mật)" in log
    assert "Không đăng ke-hoach/2024-ke-hoach-nhap.md (bản nháp)" in log
    assert "WARNING" not in log


def texts(site: Path):
    """(path, text) of every file of the site; PDFs through pdftotext, .gz uncompressed."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        if path.suffix == ".pdf":
            result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                    capture_output=True, text=True, check=True)
            yield relative, result.stdout
        elif path.suffix == ".gz":
            yield relative, gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        else:
            yield relative, path.read_bytes().decode("utf-8", "replace")


def test_no_output_contains_a_withheld_document(published):
    site, _ = published
    pdfs = [p for p in site.rglob("*.pdf")]
    assert (site / "pdf" / "van-ban-chi-bo.pdf") in pdfs  # the site book ...
    assert len(pdfs) >= 2  # ... and per-document PDFs were made
    leaks = [(path, marker) for path, text in texts(site) for marker in MARKERS if marker in text]
    assert leaks == []
    assert not list(site.rglob("*2023-ke-hoach-mat*")) and not list(site.rglob("*2024-ke-hoach-nhap*"))
    book = subprocess.run(["pdftotext", str(site / "pdf" / "van-ban-chi-bo.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "năm 2022" in book  # the book itself is there, with the published plan


def test_no_link_leads_to_a_withheld_document(published):
    site, _ = published
    for path, text in texts(site):
        if path.endswith((".html", ".xml", ".json")):
            assert "2023-ke-hoach-mat" not in text and "2024-ke-hoach-nhap" not in text, path
    plans = (site / "ke-hoach" / "index.html").read_text(encoding="utf-8")
    # the hand-written row stays as plain text, without a dead link
    assert re.search(r"<td>\s*Kế hoạch năm 2023\s*</td>", plans), plans
    # the navigation lists the published plan only
    assert "Kế hoạch năm 2023" not in re.sub(r"<article.*?</article>", "", plans, flags=re.DOTALL)
