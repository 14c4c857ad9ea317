"""Members' pages carry nothing meant for the secretary (issue 22).

On the real built site: no page outside the guide ("Hướng dẫn", ``huong-dan/``) shows the
instructions for pasting a full text, a target's code, a ``data/`` path, a command or a YAML
key of the project's data files; the templates ("Mẫu …") are neither in the navigation nor in
the search index, nor is the guide itself (it names files, commands and YAML keys): no search
entry shows any of that; nor does the PDF book.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

GUIDE = "huong-dan/"
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")


def _yaml_keys(node: object) -> set[str]:
    if isinstance(node, dict):
        return {str(k) for k in node} | {key for value in node.values() for key in _yaml_keys(value)}
    if isinstance(node, list):
        return {key for value in node for key in _yaml_keys(value)}
    return set()


def _forbidden() -> list[re.Pattern[str]]:
    keys: set[str] = set()
    for path in (ROOT / "data").glob("*.yml"):
        keys |= _yaml_keys(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert {"bo_qua_dan_chieu", "ten_goi_khac", "nhap", "mat"} <= keys  # the data files are read
    with_underscore = sorted(k for k in keys if "_" in k)
    return [
        re.compile(r"dán toàn văn|## Điều \d|#dieu-\d"),         # pasting a regulation's full text
        re.compile(r"\bmã: ct-|<!-- ?ma:"),                       # target codes and their hint
        re.compile(r"\bdata/[\w.-]+"),                            # the secretary's data files
        re.compile(r"\bmake (?:new|import|check|serve|site|publish)\b"),
        # "key: value" for the front matter's keys that are not also plain Vietnamese words ("trang")
        re.compile(r"(?<![\w-])(?:title|loai|ma|nhap|mat|so|ngay|nam|thang|hop):\s"),
        re.compile(r"\b(?:" + "|".join(map(re.escape, with_underscore)) + r")\b"),
    ]


def _visible(page: str) -> str:
    return html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", page)))


def _offences(text: str, patterns: list[re.Pattern[str]]) -> list[str]:
    return [match.group(0) for pattern in patterns for match in pattern.finditer(text)]


@pytest.fixture(scope="module")
def patterns() -> list[re.Pattern[str]]:
    return _forbidden()


def test_the_checks_catch_what_the_secretary_reads(patterns):
    # the guide keeps the instructions: the same checks find them there
    guide = (ROOT / "docs/huong-dan/index.md").read_text(encoding="utf-8")
    found = _offences(guide, patterns)
    assert any("dán toàn văn" in f for f in found) and any(f.startswith("data/") for f in found)
    assert "bo_qua_dan_chieu" in found and "<!-- ma:" in found


def test_no_member_page_shows_the_secretarys_instructions(built_site: Path, patterns):
    pages = [p for p in built_site.rglob("*.html") if not p.relative_to(built_site).as_posix().startswith(GUIDE)]
    assert len(pages) > 15
    bad = {}
    for page in pages:
        source = page.read_text(encoding="utf-8")
        found = _offences(_visible(source), patterns)
        if re.search(r'href="[^"]*huong-dan/mau-', source):
            found.append("link to a template")
        if found:
            bad[page.relative_to(built_site).as_posix()] = sorted(set(found))
    assert bad == {}


def test_the_guide_is_out_of_search_and_no_entry_shows_a_path_or_key(built_site: Path, patterns):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [d["location"] for d in docs]
    assert "quy-dinh/213-qd-tw/" in locations
    assert [loc for loc in locations if loc.startswith(GUIDE)] == []  # the guide and its templates
    bad = {d["location"]: _offences(_visible(d["title"] + " " + d["text"]), patterns) for d in docs}
    assert {loc: found for loc, found in bad.items() if found} == {}
    # the templates are still built, for the guide to link to
    assert (built_site / "huong-dan/mau-nghi-quyet/index.html").is_file()
    assert 'href="mau-nghi-quyet/"' in (built_site / "huong-dan/index.html").read_text(encoding="utf-8")


def test_the_pdf_book_has_no_instructions(built_site: Path, patterns):
    book = built_site / "pdf/van-ban-chi-bo.pdf"
    assert book.is_file()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(book), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Quy định 213-QĐ/TW" in text or "213-QĐ/TW" in text
    assert _offences(text, patterns) == []
