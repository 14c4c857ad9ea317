"""Issue 12 yardstick: the independent corpus (tests/realdocs) through ``make import``, ``make check``
and a full strict build. Written from the issue, not from the importer; failures name the file
and the sentence or heading that was lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, run_build
from tests.realdocs.evaluate import Result, check_problems, evaluate, set_published
from tests.realdocs.make_corpus import Case, build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    dest = tmp_path_factory.mktemp("realdocs")
    return dest, build_corpus(dest)


@pytest.fixture(scope="module")
def imported(corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Result]]:
    """Every file imported, one after another, into one project copy (as a secretary would)."""
    dest, cases = corpus
    project = copy_project(tmp_path_factory.mktemp("rd") / "project")
    return project, {c.name: evaluate(c, project, dest / c.name) for c in cases}


def test_corpus_covers_the_issue(corpus):
    _, cases = corpus
    good = [c for c in cases if c.klass != "hong"]
    assert len(good) >= 40 and len({c.klass for c in cases}) == 6
    assert len([c for c in cases if c.klass == "hong"]) == 5


def _names(klass_good: bool) -> list[str]:
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        return [c.name for c in build_corpus(Path(d)) if (c.klass != "hong") == klass_good]


GOOD = _names(True)
BAD = _names(False)


@pytest.mark.parametrize("name", GOOD)
def test_imports_with_its_type(imported, name):
    _, results = imported
    r = results[name]
    assert "Traceback" not in r.stderr + r.stdout, f"{name}: traceback\n{r.stderr}"
    assert r.returncode == 0, f"{name}: refused (exit {r.returncode}): {r.stderr.strip()}"
    assert r.imported, f"{name}: no 'Đã nhập thành: <path>' line naming a written file:\n{r.stdout}"
    assert r.meta.get("loai") == r.case.type_code, f"{name}: loai {r.meta.get('loai')!r}, expected {r.case.type_code!r}"
    title = str(r.meta.get("title") or "")
    broken = [w for w in title.split() if w not in (w.upper(), w.lower(), w.capitalize())]
    assert not broken, f"{name}: title {title!r} has wrongly cased words {broken} (Vietnamese-aware casing)"


@pytest.mark.parametrize("name", GOOD)
def test_keeps_every_body_sentence(imported, name):
    r = imported[1][name]
    assert r.imported, f"{name}: not imported: {r.stderr.strip()}"
    assert not r.missing_sentences, (f"{name}: {len(r.missing_sentences)}/{len(r.case.sentences)} sentences lost, "
                                     "first ones:\n  " + "\n  ".join(r.missing_sentences[:5]))


@pytest.mark.parametrize("name", GOOD)
def test_every_section_heading_is_a_heading(imported, name):
    r = imported[1][name]
    assert r.imported, f"{name}: not imported: {r.stderr.strip()}"
    assert not r.missing_headings, f"{name}: not a Markdown heading: {r.missing_headings}"
    assert not r.bad_depth, f"{name}: heading depth: {r.bad_depth}"


@pytest.mark.parametrize("name", GOOD)
def test_header_facts_kept_and_nothing_invented(imported, name):
    r = imported[1][name]
    assert r.imported, f"{name}: not imported: {r.stderr.strip()}"
    assert not r.header_wrong, f"{name}: " + "; ".join(r.header_wrong)


@pytest.mark.parametrize("name", GOOD)
def test_no_code_block_and_no_raw_html(imported, name):
    r = imported[1][name]
    assert r.imported, f"{name}: not imported: {r.stderr.strip()}"
    assert "<pre" not in r.html and "<code" not in r.html, f"{name}: accidental code block:\n{r.html[:2000]}"
    assert "<script" not in r.html, f"{name}: raw HTML from the document reached the page"
    if "<script>" in " ".join(r.case.sentences):
        assert "<script>alert(1)</script>" in r.html.replace("&lt;", "<").replace("&gt;", ">"), \
            f"{name}: the '<script>' text was dropped instead of shown as text"


@pytest.mark.parametrize("name", BAD)
def test_bad_file_refused_in_vietnamese(corpus, tmp_path, name):
    dest, _ = corpus
    project = copy_project(tmp_path / "project")
    before = sorted(str(p) for p in project.rglob("*"))
    from tests.realdocs.evaluate import import_file
    proc = import_file(project, dest / name)
    assert proc.returncode == 1, f"{name}: exit {proc.returncode}, expected 1\n{proc.stdout}{proc.stderr}"
    assert "Traceback" not in proc.stderr + proc.stdout, f"{name}: traceback\n{proc.stderr}"
    assert name in proc.stderr and "Lỗi" in proc.stderr, f"{name}: message does not name the file: {proc.stderr!r}"
    assert sorted(str(p) for p in project.rglob("*")) == before, f"{name}: a file was written"


def test_all_imported_drafts_check_without_errors_and_site_builds(imported, tmp_path):
    project, results = imported
    missing = [n for n in GOOD if not results[n].imported]
    errors = [line for path, line, is_error in check_problems(project) if is_error]
    assert not errors, f"make check errors after importing all drafts ({len(errors)}):\n" + "\n".join(errors[:30])
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, f"make site failed after importing the corpus:\n{build.stderr[-4000:]}"
    assert not missing, f"not imported: {missing}"


def test_well_formed_files_published_have_no_errors(imported, tmp_path):
    project, results = imported
    well = [r for r in results.values() if r.case.well_formed and r.imported]
    for r in well:
        set_published(r.path)
    try:
        problems = check_problems(project)
    finally:
        for r in well:  # back to drafts for the other tests of this module
            r.path.write_text(r.path.read_text(encoding="utf-8").replace("nhap: false", "nhap: true", 1),
                              encoding="utf-8")
    by_file = {}
    for path, line, is_error in problems:
        for r in well:
            if is_error and path.endswith(r.path.name):
                by_file.setdefault(r.case.name, []).append(line)
    assert not by_file, "errors on well-formed documents once published:\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(lines[:5]) for name, lines in sorted(by_file.items()))
    not_imported = [c for c in GOOD if results[c].case.well_formed and not results[c].imported]
    assert not not_imported, f"well-formed files not imported: {not_imported}"
