"""The staged tree (chibo.publishing.stage) holds only what may be published, and the scan
(chibo.publishing.scan) finds what was left out wherever it turns up.

Unit level: no engine runs here (tests/test_attack_corpus.py and tests/test_engines.py
build staged trees for real)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import copy_project
from chibo.publishing.pipeline import public_texts
from chibo.publishing.scan import fingerprints, pdf_text, scan_tree
from chibo.publishing.stage import stage

SECRET = "XQSECRETWORD"
SENTENCE = (f"Chi bộ thống nhất xử lý kỷ luật đồng chí {SECRET} vì vi phạm quy định về những điều đảng viên "
            "không được làm trong năm học này")

LINK_FORMS = {
    "windows-copy": "[biên bản](files/bien-ban%20(1).pdf)",
    "angle-brackets": "[biên bản](<files/a b.pdf>)",
    "reference-next-line": "[biên bản][r1]\n\n[r1]:\n    files/ref-next.pdf",
    "absolute": "[biên bản](/files/absolute.pdf)",
    "entity": "<img src=\"files/entity&#x2e;png\" alt=\"\">",
    "css-url": "<div style=\"background:url('files/css.png')\">x</div>",
    "td-background": "<table><tr><td background=\"files/td.png\">x</td></tr></table>",
    "meta-refresh": "<meta http-equiv=\"refresh\" content=\"0;url=files/refresh.pdf\">",
    "srcset": "<img srcset=\"files/srcset.png 2x\" alt=\"\">",
    "object": "<object data=\"files/object.pdf\"></object>",
    "poster": "<video poster=\"files/poster.png\"></video>",
}
FILES = {"bien-ban (1).pdf", "a b.pdf", "ref-next.pdf", "absolute.pdf", "entity.png", "css.png", "td.png",
         "refresh.pdf", "srcset.png", "object.pdf", "poster.png"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("stage") / "project", with_sources=False)
    docs = project / "docs"
    files = docs / "nghi-quyet" / "files"
    files.mkdir(parents=True)
    for name in FILES | {"public.pdf"}:
        (files / name).write_bytes(b"%PDF-1.4\n" + name.encode() + b" " + SECRET.encode() + b"\n%%EOF\n")
    body = "\n\n".join(LINK_FORMS.values())
    (docs / "nghi-quyet" / "mat.markdown").write_text(
        f"---\ntitle: Nghị quyết {SECRET}\nloai: nghi-quyet\nđộ mật: Mật\n---\n\n{SENTENCE}.\n\n{body}\n",
        encoding="utf-8")
    # A visible page mentions the withheld files in a comment and a code block: not references.
    index = docs / "nghi-quyet" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n<!-- files/absolute.pdf -->\n\n```\nfiles/css.png\n```\n\n"
                     "[Tệp công khai](files/public.pdf) và [nghị quyết mật](mat.markdown)\n", encoding="utf-8")
    (docs / "status.md").write_text(
        "---\ntitle: Trang\nstatus: '\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">'\n"
        "subtitle: [\"<script>alert(1)</script>\"]\ntemplate: ../../etc/passwd\nhide: [toc, '<b>']\n---\n\n# Trang\n",
        encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def staged(project: Path, tmp_path_factory: pytest.TempPathFactory):
    return stage(project, tmp_path_factory.mktemp("out") / "stage")


def _all_bytes(root: Path) -> bytes:
    return b"\n".join(path.read_bytes() for path in root.rglob("*") if path.is_file())


def test_withheld_page_and_its_files_are_not_staged(staged) -> None:
    assert "nghi-quyet/mat.markdown" in staged.withheld
    assert not (staged.docs / "nghi-quyet" / "mat.markdown").exists()
    staged_names = {path.name for path in staged.docs.rglob("*")}
    assert not (FILES & staged_names), FILES & staged_names
    assert SECRET.encode() not in _all_bytes(staged.docs).replace(b"public.pdf " + SECRET.encode(), b"")


def test_referenced_public_file_is_staged(staged) -> None:
    assert (staged.docs / "nghi-quyet" / "files" / "public.pdf").is_file()
    assert (staged.docs / "assets" / "stylesheets" / "extra.css").is_file()
    assert any(staged.docs.glob("assets/fonts/**/*.woff2"))


def test_link_to_withheld_page_is_text(staged) -> None:
    text = (staged.docs / "nghi-quyet" / "index.md").read_text(encoding="utf-8")
    assert "mat.markdown" not in text and "nghị quyết mật" in text


def test_front_matter_is_ours(staged) -> None:
    text = (staged.docs / "status.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta == {"title": "Trang", "hide": ["toc"]}
    assert {p.code for p in staged.problems if p.path == "docs/status.md"} == {"ST001"}
    assert "<meta" not in text and "<script" not in text and "passwd" not in text


def test_staged_config_prunes_nav_and_inherits(staged, project: Path) -> None:
    config = yaml.safe_load(staged.config.read_text(encoding="utf-8"))
    assert config["INHERIT"] == str((project / "mkdocs.yml").resolve())
    assert config["docs_dir"] == "docs" and config["extra"]["chibo_staged"] is True
    assert all(Path(hook).is_absolute() for hook in config["hooks"])


def test_scan_finds_withheld_text_everywhere(staged, project: Path, tmp_path: Path) -> None:
    prints = fingerprints(staged.withheld, {p: staged.sources[p] for p in staged.left_out},
                          public_texts(project, staged))
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "clean.html").write_text("<p>Không có gì.</p>", encoding="utf-8")
    assert scan_tree(site, prints) == []
    # HTML split by inline tags, JSON-escaped, a zip member, a renamed copy of a file left out.
    words = SENTENCE.split()
    (site / "a" / "index.html").write_text("<p>" + " <em>".join(words[:12]) + "</p>", encoding="utf-8")
    (site / "search.json").write_text(json.dumps({"docs": [{"text": SENTENCE}]}, ensure_ascii=True), encoding="utf-8")
    with zipfile.ZipFile(site / "offline.zip", "w") as archive:
        archive.writestr("x/page.html", f"<title>Nghị quyết {SECRET}</title>")
    (site / "renamed.bin").write_bytes((project / "docs/nghi-quyet/files/td.png").read_bytes())
    (site / "bien-ban (1).pdf").write_bytes(b"other bytes")
    hits = {hit.output for hit in scan_tree(site, prints)}
    assert {"a/index.html", "search.json", "offline.zip:x/page.html", "renamed.bin", "bien-ban (1).pdf"} <= hits
    assert "clean.html" not in hits


def test_scan_reads_pdfs(staged, project: Path, tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    pdf = weasyprint.HTML(string=f"<p>{SENTENCE}</p>").write_pdf()
    assert SECRET.lower() in pdf_text(pdf).lower()
    prints = fingerprints(staged.withheld, {}, public_texts(project, staged))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "book.pdf").write_bytes(pdf)
    assert [hit.output for hit in scan_tree(tmp_path / "site", prints)] == ["book.pdf"]


def test_public_text_is_not_a_fingerprint(staged, project: Path) -> None:
    # Boilerplate a draft shares with a published page (e.g. "Căn cứ Điều lệ Đảng…") is no hit.
    published = next(iter(staged.published.values())).text
    prints = fingerprints({"x.md": next(iter(staged.published.values()))}, {}, public_texts(project, staged))
    assert not prints.shingles and published
