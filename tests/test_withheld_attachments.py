"""Everything a withheld document brings with it stays home: an image or annex that only
a confidential (or draft) page links to is absent from the live tree and the offline zip;
"mật: true" (the natural spelling) withholds; a raw <a href='…'> in single quotes to a
withheld page is unwrapped like any other link."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from attacks.corpus import png  # a 1x1 PNG carrying a marker
from conftest import copy_project
from webserver import run_publish

MARK = b"ATTACHQ9SECRET"  # inside every withheld attachment
TEXT_MARK = "MATQ9TEXT"  # in the confidential page's text
SHARED = b"SHAREDQ9PUBLIC"  # an image linked from a withheld and a published page


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("attachments") / "project")
    plans = project / "docs" / "ke-hoach"
    source = (plans / "2022-ke-hoach-hoat-dong.md").read_text(encoding="utf-8")

    def variant(name: str, year: int, key: str, body: str) -> None:
        text = source.replace("title: Kế hoạch hoạt động của Chi bộ năm 2022",
                              f"title: Kế hoạch riêng năm {year}\n{key}", 1).replace("nam: 2022", f"nam: {year}", 1)
        text = text.replace("## I. ĐẶC ĐIỂM TÌNH HÌNH:", f"## I. ĐẶC ĐIỂM TÌNH HÌNH:\n\n{body}\n", 1)
        (plans / name).write_text(text, encoding="utf-8")

    (plans / "anh").mkdir()
    (plans / "anh" / "so-do-mat.png").write_bytes(png(MARK + b"-image"))
    (plans / "phu-luc-mat.pdf").write_bytes(b"%PDF-1.4\n" + MARK + b"-annex\n%%EOF\n")
    (plans / "anh" / "rieng.png").write_bytes(png(MARK + b"-raw-html"))
    (plans / "anh" / "nhap.png").write_bytes(png(MARK + b"-draft"))
    (plans / "anh" / "chung.png").write_bytes(png(SHARED))
    variant("2023-ke-hoach-mat.md", 2023, "mật: true",
            f"{TEXT_MARK}\n\n![Sơ đồ](anh/so-do-mat.png)\n\n[Phụ lục][pl]\n\n"
            "<img src='anh/rieng.png' alt=''>\n\n![Chung](anh/chung.png)\n\n[pl]: phu-luc-mat.pdf\n")
    variant("2024-ke-hoach-nhap.md", 2024, "nhap: true", "![Nháp](anh/nhap.png)")
    index = plans / "index.md"
    index.write_text(index.read_text(encoding="utf-8")
                     + "\n\n![Chung](anh/chung.png)\n\n"
                     "<p>Xem <a href='2023-ke-hoach-mat.md'>kế hoạch riêng 2023</a> và "
                     "<a class=x href='2024-ke-hoach-nhap.md'>bản nháp 2024</a>.</p>\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    anchor = "      - ke-hoach/index.md\n"
    config.write_text(config.read_text(encoding="utf-8").replace(
        anchor, anchor + "      - Riêng 2023: ke-hoach/2023-ke-hoach-mat.md\n"
                         "      - Riêng 2024: ke-hoach/2024-ke-hoach-nhap.md\n", 1), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def live(project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    dest = tmp_path_factory.mktemp("attachments-www") / "chibo"
    result = run_publish(project, "publish", "--dest", str(dest), env={"CHIBO_PDF": "0"})
    assert result.returncode == 0, result.stderr
    return dest.resolve(), result.stderr


@pytest.fixture(scope="module")
def offline_zip(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    archive = tmp_path_factory.mktemp("attachments-offline") / "van-ban.zip"
    result = run_publish(project, "offline", "--output", str(archive), env={"CHIBO_PDF": "0"})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def test_the_shared_image_and_the_published_pages_are_there(live):
    site, _ = live
    assert (site / "ke-hoach" / "anh" / "chung.png").read_bytes().count(SHARED) == 1
    assert (site / "ke-hoach" / "2022-ke-hoach-hoat-dong" / "index.html").is_file()


def test_no_attachment_of_a_withheld_document_is_in_the_live_tree(live):
    site, log = live
    leaks = [p.relative_to(site).as_posix() for p in site.rglob("*")
             if p.is_file() and (MARK in p.read_bytes() or TEXT_MARK.encode() in p.read_bytes())]
    assert leaks == []
    for name in ("so-do-mat.png", "rieng.png", "nhap.png", "phu-luc-mat.pdf"):
        assert not list(site.rglob(name)), name
    assert "Không đăng ke-hoach/2023-ke-hoach-mat.md (văn bản mật)" in log  # "mật: true" withheld
    assert "Không đăng tệp ke-hoach/anh/so-do-mat.png" in log


def test_no_attachment_of_a_withheld_document_is_in_the_offline_zip(offline_zip):
    leaks = [name for name, data in offline_zip.items() if MARK in data or TEXT_MARK.encode() in data]
    assert leaks == []
    assert any(name.endswith("ke-hoach/anh/chung.png") for name in offline_zip)


def test_raw_links_in_single_quotes_to_withheld_pages_are_unwrapped(live):
    site, _ = live
    html = (site / "ke-hoach" / "index.html").read_text(encoding="utf-8")
    assert "kế hoạch riêng 2023" in html and "bản nháp 2024" in html
    assert "2023-ke-hoach-mat" not in html and "2024-ke-hoach-nhap" not in html
