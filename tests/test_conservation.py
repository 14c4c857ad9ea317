"""Issue 20: every line of every file of every corpus ends in exactly one place — a
front-matter fact holding it, the printed layout, or the body — and nothing is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from chibo.document.config import load_settings
from chibo.document.registry import load_registry
from chibo.reading.importer import ImportError_, convert, read_source
from tests.corpora import conservation, discover, expected, unaccounted

ROOT = Path(__file__).resolve().parent.parent
CORPORA = discover()


def test_both_corpora_are_discovered():
    names = [name for name, _ in CORPORA]
    assert "wordcorpus" in names and "realdocs" in names


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, list]]:
    out = {}
    for name, build in CORPORA:
        dest = tmp_path_factory.mktemp(name)
        out[name] = (dest, build(dest))
    return out


@pytest.mark.parametrize("corpus", [name for name, _ in CORPORA])
def test_no_line_of_any_file_is_dropped(built, corpus):
    dest, cases = built[corpus]
    settings, registry = load_settings(ROOT / "data"), load_registry(ROOT / "data")
    failures = {}
    checked = 0
    for case in cases:
        want = expected(case)
        source = dest / want.name
        if want.bad or not source.is_file():
            continue
        try:
            reading = read_source(source.read_bytes(), source.name)
            imported = convert(reading, settings, source.name, None, registry)
        except ImportError_:
            continue  # refused files are measured by their own corpus tests
        problems = unaccounted(reading, imported) + conservation(imported)
        checked += 1
        if problems:
            failures[want.name] = problems[:5]
    assert checked >= 5
    assert not failures, failures
