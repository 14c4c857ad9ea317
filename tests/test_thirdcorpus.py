"""Issue 20 yardstick: a third corpus written from the issue alone (tests/thirdcorpus), imported with
``make import``'s command line one file after another into one project copy. One test per document
and aspect (type, facts, title, headings, conserved, dropped, registry, tcvn3, filename); failures
name the file and the line, fact or heading that went wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project
from tests.realdocs.evaluate import import_file, written_page
from tests.thirdcorpus.evaluate import CHECKS, Outcome, aspects_of, import_all
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
