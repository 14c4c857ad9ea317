"""Import corpus files with the user's command line and measure them against their Case.

Shared by tests/test_realdocs_corpus.py and bench/realdocs_corpus.py. Independent of chibo's
importer internals: only the command line, the written Markdown and Python-Markdown.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup

from tests.realdocs.make_corpus import Case

_SPACE = re.compile(r"\s+")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<code>[A-Z]+\d+) (?P<warn>cảnh báo: )?")


def norm(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def key(text: str) -> str:
    """Case, punctuation and spaces ignored; diacritics kept."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", text).casefold())


def md_extensions() -> tuple[list, dict]:
    from chibo.document.text import slugify
    exts = ["toc", "abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
            "pymdownx.details", "pymdownx.superfences", "pymdownx.saneheaders"]
    return exts, {"toc": {"slugify": slugify, "toc_depth": 4}}


@dataclass
class Result:
    case: Case
    returncode: int
    stdout: str
    stderr: str
    path: Path | None = None
    meta: dict = field(default_factory=dict)
    body: str = ""
    html: str = ""
    missing_sentences: list[str] = field(default_factory=list)
    missing_headings: list[str] = field(default_factory=list)
    bad_depth: list[str] = field(default_factory=list)
    header_wrong: list[str] = field(default_factory=list)

    @property
    def imported(self) -> bool:
        return self.returncode == 0 and self.path is not None and self.path.is_file()


def import_file(project: Path, docx: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "chibo.commands.importdoc", str(docx), "--project", str(project)],
                          capture_output=True, text=True, timeout=180, cwd=project)


def split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            meta = yaml.safe_load(text[3:end]) or {}
            return (meta if isinstance(meta, dict) else {}), text[end + 4:].lstrip("\n")
    return {}, text


def written_page(stdout: str, project: Path) -> Path | None:
    """The page the import says it wrote ("Đã nhập thành: <path>"), or None."""
    line = next((ln for ln in stdout.splitlines() if ln.startswith("Đã nhập thành: ")), None)
    if line is None:
        return None
    path = Path(line.split(": ", 1)[1].strip())
    return path if path.is_absolute() else project / path


def evaluate(case: Case, project: Path, docx: Path) -> Result:
    proc = import_file(project, docx)
    res = Result(case, proc.returncode, proc.stdout, proc.stderr)
    res.path = written_page(proc.stdout, project)
    if not res.imported:
        return res
    res.meta, res.body = split_front_matter(res.path.read_text(encoding="utf-8"))
    exts, conf = md_extensions()
    res.html = markdown.markdown(res.body, extensions=exts, extension_configs=conf)
    text = norm(BeautifulSoup(res.html, "html.parser").get_text(" "))
    res.missing_sentences = [s for s in case.sentences if norm(s) not in text]
    found = [(len(m.group(1)), key(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(2))))
             for m in map(_HEADING.match, res.body.splitlines()) if m]
    depth_of: dict[int, int] = {}
    for label, title, level in case.headings:
        want = key(label + title)
        hit = next((d for d, k in found if k == want or (k.endswith(key(title)) and key(label) in k)), None)
        shown = f"{label}. {title}" if label else title
        if hit is None:
            res.missing_headings.append(shown)
            continue
        parent = max((lv for lv in depth_of if lv < level), default=None)
        if parent is not None and hit <= depth_of[parent]:
            res.bad_depth.append(f"{shown!r} is h{hit}, not deeper than its parent (h{depth_of[parent]})")
        depth_of[level] = hit
        for deeper in [lv for lv in depth_of if lv > level]:
            del depth_of[deeper]
    for name, want in case.header.items():
        got = res.meta.get(name)
        if name == "so" and case.type_code == "quy-dinh":
            got = res.meta.get("ma")  # a regulation page keeps its number as "ma" (registry key)
        got = "" if got is None else norm(str(got))
        if want is None:
            if got:
                res.header_wrong.append(f"{name}: file has none, import invented {got!r}")
        elif name in ("chi_bo", "cap_tren"):
            if got.casefold() != norm(want).casefold():
                res.header_wrong.append(f"{name}: expected {want!r}, got {got!r}")
        elif got != norm(want):
            res.header_wrong.append(f"{name}: expected {want!r}, got {got!r}")
    return res


def check_problems(project: Path) -> list[tuple[str, str, bool]]:
    """(path, code, is_error) for every problem ``make check`` prints."""
    proc = subprocess.run([sys.executable, "-m", "chibo.commands.check", "docs"], cwd=project,
                          capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    out = []
    for line in proc.stdout.splitlines():
        m = _PROBLEM.match(line)
        if m:
            out.append((m.group("path"), line, m.group("warn") is None))
    return out


def set_published(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(r"(?m)^nhap:.*$", "nhap: false", text, count=1)
    if not n:
        new = text.replace("---\n", "---\nnhap: false\n", 1)
    path.write_text(new, encoding="utf-8")
