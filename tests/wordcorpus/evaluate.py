"""Import every file of the Word corpus into a project and measure what came through.

Used by ``tests/test_real_documents.py`` (which holds the goals) and by
``python -m bench.realdocs`` (which prints the table of the issue).
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from chibo.commands.importdoc import import_file
from chibo.document.model import load_file
from chibo.reading.importer import ImportError_
from tests.wordcorpus.make_corpus import Case

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "pymdownx.superfences"]


@dataclass
class Result:
    case: Case
    imported: bool = False
    path: Path | None = None
    type_right: bool = False
    sentences_kept: int = 0
    headings_found: int = 0
    missing_sentences: list[str] = field(default_factory=list)
    missing_headings: list[str] = field(default_factory=list)
    nesting_errors: list[str] = field(default_factory=list)
    wrong_facts: dict[str, tuple[object, object]] = field(default_factory=dict)
    code_blocks: int = 0
    raw_html: list[str] = field(default_factory=list)
    message: str = ""


def squeeze(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def key(text: str) -> str:
    """For headings: case, spaces and punctuation aside — diacritics count."""
    return re.sub(r"[^\w]", "", unicodedata.normalize("NFC", text).lower())


def render(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "html.parser")


def body_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---\n", 2)[2] if text.startswith("---") else text


def evaluate(case: Case, source: Path, project: Path) -> Result:
    result = Result(case)
    try:
        path, _ = import_file(project, source)
    except ImportError_ as error:
        result.message = str(error)
        return result
    result.imported, result.path = True, path
    doc = load_file(path, str(path))
    loai = str(doc.meta.get("loai", ""))
    result.type_right = loai == case.expected_type

    body = body_of(path)
    soup = render(body)
    page_text = squeeze(soup.get_text(" "))
    for sentence in case.sentences:
        if squeeze(sentence) in page_text:
            result.sentences_kept += 1
        else:
            result.missing_sentences.append(sentence)
    result.code_blocks = len(soup.find_all(["pre", "code"]))
    result.raw_html = [tag.name for tag in soup.find_all(["script", "img", "iframe", "a"])] + \
        [name for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]

    headings = []
    for line in body.splitlines():
        match = re.match(r"^(#{2,6}) (.*)$", line)
        if match:
            headings.append((len(match.group(1)), key(render(line).get_text())))
    position = 0
    levels = []
    for depth, expected in case.headings:
        wanted = key(expected)
        found = next((i for i in range(position, len(headings)) if headings[i][1] == wanted), None)
        if found is None:
            result.missing_headings.append(expected)
            levels.append(None)
            continue
        result.headings_found += 1
        levels.append(headings[found][0])
        position = found + 1
    for (depth_a, a), (depth_b, b), level_a, level_b in zip(case.headings, case.headings[1:], levels, levels[1:]):
        if level_a is None or level_b is None:
            continue
        if (depth_b > depth_a and level_b <= level_a) or (depth_b == depth_a and level_b != level_a) or (
                depth_b < depth_a and level_b >= level_a):
            result.nesting_errors.append(f"{a!r} (cấp {level_a}) → {b!r} (cấp {level_b})")

    if case.expected_type != "quy-dinh":
        for name, want in case.facts.items():
            have = doc.meta.get(name, "")
            have = "" if have is None else str(have)
            if (want or "") != have:
                result.wrong_facts[name] = (want, have)
    return result


def refused(case: Case, source: Path, project: Path) -> Result:
    """A bad file through the command line the secretary uses: exit 1, a message, nothing written."""
    result = Result(case)
    before = sorted(p for p in project.rglob("*") if p.is_file())
    run = subprocess.run([sys.executable, "-m", "chibo.commands.importdoc", str(source), "--project", str(project)],
                         capture_output=True, text=True, timeout=120)
    after = sorted(p for p in project.rglob("*") if p.is_file())
    result.message = run.stderr.strip()
    result.imported = run.returncode == 0
    ok = (run.returncode == 1 and case.refusal in run.stderr and source.name in run.stderr
          and "Traceback" not in run.stderr + run.stdout and before == after)
    result.type_right = ok
    return result


def publish_well_formed(results: list[Result]) -> list[Path]:
    """``nhap: false`` on the well-formed imports: a secretary publishing them."""
    published = []
    for result in results:
        if result.imported and result.case.well_formed and result.path is not None and \
                result.case.expected_type != "quy-dinh":
            text = result.path.read_text(encoding="utf-8")
            result.path.write_text(text.replace("\nnhap: true", "\nnhap: false", 1), encoding="utf-8")
            published.append(result.path)
    return published


def check_project(project: Path):
    """What ``make check`` reports for the project (every document, citations, nav)."""
    from chibo.checking.tree import check_tree, default_extra_checks
    from chibo.document.config import load_settings, read_nav_files

    return check_tree(project / "docs", display_root=project, types=load_settings(project / "data").types,
                      extra_checks=default_extra_checks(project / "data"), nav=read_nav_files(project))


def run_corpus(work: Path, project: Path) -> list[Result]:
    from tests.wordcorpus.make_corpus import build_corpus

    results = []
    for case in build_corpus(work / "corpus"):
        source = work / "corpus" / case.name
        results.append(refused(case, source, project) if case.klass == "hong" else evaluate(case, source, project))
    return results
