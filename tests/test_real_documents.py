"""Real documents in: the Word corpus (tests/wordcorpus) imports, validates and publishes.

50 .docx files in the shapes real cell documents take (see make_corpus.py), imported into
one project copy exactly as ``make import`` does. Goals of issue 12: every good file
imported with its type, 100 % of the body text kept, every heading a heading at the right
depth, header facts as written and nothing invented, no code block and no live HTML,
``make site`` green with all of them as drafts, 0 errors once the well-formed ones are
published; bad files refused clearly, writing nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, run_build
from tests.wordcorpus.evaluate import Result, check_project, publish_well_formed, run_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[Result]]:
    work = tmp_path_factory.mktemp("wordcorpus")
    project = copy_project(work / "project")
    return project, run_corpus(work, project)


def good(results: list[Result]) -> list[Result]:
    return [r for r in results if r.case.klass != "hong"]


def test_the_corpus_covers_every_class_with_forty_files_or_more(corpus):
    _, results = corpus
    classes = {r.case.klass for r in results}
    assert {"ke-hoach", "nghi-quyet", "bao-cao", "chung", "van-ban-goc", "hong"} <= classes
    assert len(good(results)) >= 40


def test_every_good_file_imports_with_its_type(corpus):
    _, results = corpus
    failures = [(r.case.name, r.message or r.path) for r in good(results) if not (r.imported and r.type_right)]
    assert failures == []


def test_every_sentence_of_the_body_is_kept(corpus):
    _, results = corpus
    missing = {r.case.name: r.missing_sentences[:3] for r in good(results) if r.missing_sentences}
    assert missing == {}


def test_every_section_heading_is_a_heading_at_its_depth(corpus):
    _, results = corpus
    missing = {r.case.name: r.missing_headings[:3] for r in good(results) if r.missing_headings}
    nesting = {r.case.name: r.nesting_errors[:2] for r in good(results) if r.nesting_errors}
    assert missing == {} and nesting == {}


def test_header_facts_are_as_written_and_nothing_is_invented(corpus):
    _, results = corpus
    wrong = {r.case.name: r.wrong_facts for r in good(results) if r.wrong_facts}
    assert wrong == {}
    unsigned = [r for r in good(results) if r.case.facts.get("nguoi_ky") is None]
    assert unsigned, "the corpus must hold documents without a signer"


def test_no_code_block_and_no_live_html_in_any_page(corpus):
    _, results = corpus
    assert {r.case.name: (r.code_blocks, r.raw_html) for r in good(results) if r.code_blocks or r.raw_html} == {}
    hostile = next(r for r in results if r.case.name == "kh-doc-hai.docx")
    assert any("<script>" in sentence for sentence in hostile.case.sentences)
    assert hostile.sentences_kept == len(hostile.case.sentences)  # shown as text, word for word


def test_bad_files_are_refused_clearly_and_write_nothing(corpus):
    _, results = corpus
    bad = [r for r in results if r.case.klass == "hong"]
    assert len(bad) == 5
    assert [(r.case.name, r.message) for r in bad if not r.type_right] == []


def test_drafts_never_stop_the_site_and_published_well_formed_files_have_no_error(corpus, tmp_path: Path):
    """Last in this file: it publishes the well-formed imports in the shared project."""
    project, results = corpus
    report = check_project(project)
    assert report.errors == [], [p.format() for p in report.errors][:5]
    built = run_build(project, tmp_path / "site-drafts")
    assert built.returncode == 0, built.stderr[-3000:]

    published = publish_well_formed(results)
    assert len(published) >= 30
    report = check_project(project)
    assert report.errors == [], [p.format() for p in report.errors][:5]
    built = run_build(project, tmp_path / "site-published")
    assert built.returncode == 0, built.stderr[-3000:]
    for path in published:
        page = tmp_path / "site-published" / path.relative_to(project / "docs").with_suffix("") / "index.html"
        assert page.is_file(), page
