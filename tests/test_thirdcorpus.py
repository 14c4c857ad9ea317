"""Issue 20 yardstick: a third corpus written from the issue alone (tests/thirdcorpus), imported with
``make import``'s command line one file after another into one project copy. One test per document
and aspect (type, facts, title, headings, conserved, dropped, registry, tcvn3, filename); failures
name the file and the line, fact or heading that went wrong."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import copy_project
from tests.realdocs.evaluate import import_file, written_page
from tests.thirdcorpus.evaluate import CHECKS, Outcome, aspects_of, import_all, read_page
from tests.thirdcorpus.make_corpus import BUILDERS, build_corpus, names

DOCS = [b().doc for b in BUILDERS]
CASES = [pytest.param(d.name, a, id=f"{d.name[:-5]}-{a}") for d in DOCS for a in aspects_of(d)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("thirdcorpus")
    build_corpus(dest)
    return dest


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[dict[str, Outcome], list[dict]]:
    """Every good file imported in order into one project copy, as a secretary would."""
    work = tmp_path_factory.mktemp("third")
    outcomes, entries = import_all(work / "corpus", copy_project(work / "project"))
    return {o.doc.name: o for o in outcomes}, entries


def test_corpus_covers_the_issue():
    assert len(DOCS) >= 20
    lines = [ln for d in DOCS for ln in d.lines]
    assert any("ngày     tháng" in ln.text for ln in lines), "a date left blank for handwriting"
    assert any("ngày  10  tháng" in ln.text for ln in lines), "a date aligned with spaces"
    assert any(ln.text.startswith("S:") for ln in lines), "a number typed 'S:'"
    assert any(ln.text.startswith("THỰC HIỆN") for ln in lines), "a trích yếu beginning THỰC HIỆN"
    assert {"181-QĐ/TW", "102-QĐ/TW", "69-QĐ/TW", "66-QĐ/TW", "06-HD/UBKTTW"} <= {d.facts.get("ma") for d in DOCS}
    assert any(ln.enc for ln in lines) and any(d.converted for d in DOCS), "TCVN3 runs"
    for d in DOCS:
        texts = [ln.find for ln in d.lines if ln.role == "body"]
        assert len(texts) == len(set(texts)), f"{d.name}: body lines must be unique to be counted"


@pytest.mark.parametrize(("name", "aspect"), CASES)
def test_document_aspect(imported, name, aspect):
    outcomes, entries = imported
    o = outcomes[name]
    if aspect not in ("imported", "dropped"):
        assert o.imported, f"{name}: not imported: {o.proc.stderr.strip()[:300]}"
    problems = CHECKS[aspect](o, entries)
    assert not problems, f"{name} [{aspect}]:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", names(refused=True))
def test_bad_file_refused_clearly(corpus, tmp_path, name):
    project = copy_project(tmp_path / "project")
    before = sorted(str(p) for p in project.rglob("*"))
    proc = import_file(project, corpus / name)
    assert "Traceback" not in proc.stderr + proc.stdout, f"{name}: traceback\n{proc.stderr}"
    assert proc.returncode == 1, f"{name}: exit {proc.returncode}, expected 1\n{proc.stdout}{proc.stderr}"
    assert name in proc.stderr and "Lỗi" in proc.stderr, f"{name}: message does not name the file: {proc.stderr!r}"
    assert any(f"NH0{n:02d}" in proc.stderr for n in range(1, 100)), f"{name}: no rule code: {proc.stderr!r}"
    assert sorted(str(p) for p in project.rglob("*")) == before, f"{name}: a file was written"


def test_reimport_makes_no_second_page(corpus, tmp_path):
    """The same Word file imported twice: never a silent second page (issue 20, re-import)."""
    project = copy_project(tmp_path / "project")
    name = DOCS[0].name
    first = import_file(project, corpus / name)
    assert first.returncode == 0, first.stderr
    pages = sorted(p.relative_to(project) for p in (project / "docs").rglob("*.md"))
    second = import_file(project, corpus / name)
    assert "Traceback" not in second.stderr + second.stdout, second.stderr
    again = sorted(p.relative_to(project) for p in (project / "docs").rglob("*.md"))
    assert again == pages, f"a second page was made: {sorted(set(again) - set(pages))}"
    written = written_page(first.stdout, project)
    assert written.name in second.stdout + second.stderr, \
        f"the second import does not name the existing page {written}:\n{second.stdout}{second.stderr}"


# --- the yardstick itself: a right import passes every aspect -----------------------------
def _ideal(doc, project: Path, entries: list[dict]) -> Outcome:
    """The page a right import would write, made from the expectations alone (no importer)."""
    from chibo.document.text import slugify
    from tests.thirdcorpus.evaluate import _in_facts
    summary = doc.facts.get("trich_yeu") or doc.registry.get("trich_yeu") or ""
    title = doc.title or f"{doc.title_prefix} {summary[:1].lower()}{summary[1:]}".strip()
    meta = {"title": title, "loai": doc.loai, **{k: v for k, v in doc.facts.items() if v is not None}}
    if doc.ten_loai:
        meta["ten_loai"] = doc.ten_loai
    if doc.dang:
        meta["dang"] = doc.dang
    view = {**{k: v for k, v in doc.registry.items() if v}, **meta}
    meta["dong_dau"] = [ln.text for ln in doc.lines if ln.role == "fact" and not _in_facts(ln, view)]
    body, done = [], set()
    for ln in doc.lines:
        if ln.role == "heading" and ln.find not in done:
            done.add(ln.find)
            body.append("#" * (ln.level + 1) + " " + ln.find)
        elif ln.role == "body":
            body.append(ln.find)
    folder = project / "docs" / ("quy-dinh" if doc.loai == "quy-dinh" else "khac")
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / (slugify(title) + ".md")
    page.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + "\n\n".join(body) + "\n",
                    encoding="utf-8")
    if doc.loai == "quy-dinh":
        entries.append({**{k: v for k, v in doc.registry.items() if v}, "nguon": doc.name,
                        "trang": page.relative_to(project / "docs").as_posix()})
    said = "Đã chuyển sang Unicode các đoạn:\n" + "\n".join(p[:40] for p in doc.converted)
    out = Outcome(doc, subprocess.CompletedProcess([], 0, f"Đã nhập thành: {page}\n{said}\n", ""), project, page)
    read_page(out)
    return out


def test_a_right_import_passes_every_aspect(tmp_path):
    """Each expectation is reachable and consistent with the others: failures above are the importer's."""
    (tmp_path / "data").mkdir()
    shutil.copy(Path(__file__).parent.parent / "data" / "loai-van-ban.yml", tmp_path / "data")
    entries: list[dict] = []
    outcomes = [_ideal(d, tmp_path, entries) for d in DOCS]
    for d in DOCS:
        if d.replaces:
            old = next((e for e in entries if e["ma"] == d.replaces), None)
            old["thay_the_boi"] = d.registry["ma"]
    wrong = {f"{o.doc.name} [{a}]": CHECKS[a](o, entries) for o in outcomes for a in aspects_of(o.doc)}
    wrong = {k: v for k, v in wrong.items() if v}
    assert not wrong, "\n".join(f"{k}: {v}" for k, v in wrong.items())
