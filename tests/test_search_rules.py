"""The Vietnamese search rules, in Python (chibo) and in the worker's JavaScript, agree.

Both sides are checked against the same table, ``tests/search_cases.json``, and every
input is tried in NFC and in NFD.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from chibo.rendering.search import EXACT_FACTOR, SEPARATOR, expand_term, index_terms, words
from chibo.document.text import fold
from conftest import ROOT

CASES = json.loads((Path(__file__).parent / "search_cases.json").read_text(encoding="utf-8"))
WORKER_JS = ROOT / "overrides/assets/javascripts/lunr/min/lunr.vi.min.js"


def _forms(text: str) -> list[str]:
    return [unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)]


@pytest.mark.parametrize("source, folded", CASES["fold"])
def test_python_fold(source: str, folded: str):
    for form in _forms(source):
        assert fold(form) == folded


@pytest.mark.parametrize("text, terms", CASES["terms"])
def test_python_index_terms(text: str, terms: list[str]):
    for form in _forms(text):
        assert [list(pair) for pair in index_terms(form)] == terms


@pytest.mark.parametrize("term, match, exact", CASES["queries"])
def test_python_query_expansion(term: str, match: str, exact: str | None):
    for form in _forms(term):
        assert expand_term(form) == (match, exact)


def test_punctuation_does_not_hide_a_word_and_codes_split():
    assert words("(nếu Đảng, “Xanh”") == ["nếu", "đảng", "xanh"]
    assert words("213-QĐ/TW") == ["213", "qđ", "tw"]


def test_separator_keeps_every_vietnamese_letter_in_both_cases():
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    for letter in letters + letters.upper() + "0123456789":
        assert not re.fullmatch(SEPARATOR, letter), letter


_NODE = r"""
const vi = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const separator = new RegExp(cases.separator);
const forms = s => [s.normalize("NFC"), s.normalize("NFD")];
const out = {fold: [], terms: [], queries: [], indexTerm: [], factor: vi.EXACT_FACTOR};
for (const [word] of cases.index_term) out.indexTerm.push(forms(word).map(vi.indexTerm));
for (const [source] of cases.fold) out.fold.push(forms(source).map(vi.fold));
for (const [text] of cases.terms) out.terms.push(forms(text).map(form =>
  form.split(separator).filter(Boolean).map(word => vi.wordTerms(word.toLowerCase()))));
for (const [term] of cases.queries) out.queries.push(forms(term).map(vi.expandTerm));
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def node_results() -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to test the search worker's JavaScript"
    result = subprocess.run([node, "-e", _NODE, str(WORKER_JS)], input=json.dumps({**CASES, "separator": SEPARATOR}),
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_javascript_fold_matches_the_table(node_results: dict):
    assert node_results["fold"] == [[folded, folded] for _, folded in CASES["fold"]]


def test_javascript_terms_match_the_table(node_results: dict):
    assert node_results["terms"] == [[terms, terms] for _, terms in CASES["terms"]]


def test_index_term_is_the_same_in_python_and_javascript(node_results: dict):
    """The prebuilt index (Python) and the query (JavaScript) must fold words alike."""
    from chibo.rendering.search_index import index_term

    for word, term in CASES["index_term"]:
        assert [index_term(unicodedata.normalize(form, word)) for form in ("NFC", "NFD")] == [term, term]
    assert node_results["indexTerm"] == [[term, term] for _, term in CASES["index_term"]]


def test_javascript_query_expansion_matches_the_table(node_results: dict):
    assert node_results["queries"] == [[[match, exact]] * 2 for _, match, exact in CASES["queries"]]
    assert node_results["factor"] == EXACT_FACTOR


def test_compact_index_is_nfc_utf8_and_keeps_the_content():
    from chibo.rendering.search import compact_index

    nfd = unicodedata.normalize("NFD", "Đảng viên")
    original = json.dumps({"config": {"separator": SEPARATOR},
                           "docs": [{"location": "a/#dieu-1", "title": nfd, "text": "<p>nơi cư trú</p>"}]},
                          separators=(",", ":"))
    compact = compact_index(original)
    assert "\\u" not in compact.replace("\\u00C0", "").split('"docs"')[1]
    assert "Đảng viên" in compact and nfd not in compact
    assert len(compact.encode()) < len(original.encode())
    data = json.loads(compact)
    assert data["config"]["separator"] == SEPARATOR
    assert data["docs"][0] == {"location": "a/#dieu-1", "title": "Đảng viên", "text": "<p>nơi cư trú</p>"}
