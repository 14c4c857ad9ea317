"""The last word before anything leaves the machine: every output file is scanned for what
the staged tree left out (``chibo.publishing.stage``).

Fingerprints of each withheld document: hashed shingles of ``SHINGLE`` consecutive words of
its text, its title and its number, less whatever is also public (the published sources
and the data files the build reads, e.g. a draft made from a template shares its hints
with the guide). Every file of the built site is read as text (HTML without its tags,
attribute values, JSON strings, XML, calendars, scripts), PDFs through ``pdftotext``,
zip archives member by member; a fingerprint found there, a withheld page's output, or
a file named or made like a file left out, is a hit. Any hit stops the build and the
publish with the file and the document it came from.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import posixpath
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from chibo.document.frontmatter import PAGE_SUFFIXES
from chibo.document.model import Document
from chibo.document.text import fold

SHINGLE = 8
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATTRIBUTE = re.compile(r"""=\s*"([^"]*)"|=\s*'([^']*)'""")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_TEXT_SUFFIXES = (".html", ".htm", ".xml", ".txt", ".ics", ".js", ".mjs", ".css", ".svg", ".map", ".md",
                  ".markdown", ".csv", ".webmanifest", ".json", ".yml", ".yaml")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text).lower())


def _shingles(tokens: list[str]) -> Iterator[str]:
    for index in range(len(tokens) - SHINGLE + 1):
        yield " ".join(tokens[index:index + SHINGLE])


@dataclass
class Hit:
    output: str  # the output file (and member) where it was found
    source: str  # the withheld document or file it came from
    what: str  # Vietnamese: what was found

    def format(self) -> str:
        return f"{self.output}: {self.what} của {self.source}"


@dataclass
class Fingerprints:
    shingles: dict[str, str] = field(default_factory=dict)  # shingle -> source
    phrases: dict[str, str] = field(default_factory=dict)  # folded title/number words -> source
    names: dict[str, str] = field(default_factory=dict)  # file name left out -> source
    contents: dict[str, str] = field(default_factory=dict)  # sha256 of a file left out -> source
    outputs: dict[str, str] = field(default_factory=dict)  # output path of a withheld page -> source

    def __post_init__(self) -> None:
        self._firsts: set[str] = set()

    def seal(self) -> None:
        self._firsts = {shingle.split(" ", 1)[0] for shingle in self.shingles}

    def digest(self) -> str:
        """Changes whenever any fingerprint changes (a scan's verdict depends on nothing else)."""
        parts = [sorted(self.shingles.items()), sorted(self.phrases.items()), sorted(self.names.items()),
                 sorted(self.contents.items()), sorted(self.outputs.items()), SHINGLE]
        return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:24]

    def empty(self) -> bool:
        return not (self.shingles or self.phrases or self.names or self.contents or self.outputs)


def fingerprints(withheld: Mapping[str, Document], left_out: Mapping[str, bytes],
                 public_texts: Iterable[str], *, directory_urls: bool = True) -> Fingerprints:
    """Fingerprints of the withheld documents (docs-relative path -> document) and of the
    files left out (path -> bytes), less what ``public_texts`` also contain."""
    from chibo.publishing.publish import page_location  # no cycle at import time

    public: set[str] = set()
    public_joined: list[str] = []
    for text in public_texts:
        # As typed, and as an output shows it once comments are dropped (e.g. the search
        # index joins the words on either side of a template's hint).
        for variant in (text, _COMMENT.sub(" ", text)):
            tokens = words(variant)
            public.update(_shingles(tokens))
            public_joined.append(" " + " ".join(tokens) + " ")
    public_text = "\n".join(public_joined)
    prints = Fingerprints()
    for path, doc in withheld.items():
        source = f"docs/{path}"
        # The body: a front matter is facts (the phrases below) and template comments.
        body = "\n".join(doc.lines[doc.body_start - 1:]) if doc.has_front_matter else doc.text
        for shingle in _shingles(words(body)):
            if shingle not in public:
                prints.shingles.setdefault(shingle, source)
        for key in ("title", "trich_yeu", "so"):
            value = doc.meta.get(key)
            tokens = words(str(value)) if value else []
            phrase = " ".join(tokens)
            if len(tokens) >= (2 if key == "so" else 3) and f" {phrase} " not in public_text:
                prints.phrases.setdefault(phrase, source)
        _, output = page_location(path, directory_urls)
        prints.outputs[output] = source
    for path, data in left_out.items():
        source = f"docs/{path}"
        prints.names[posixpath.basename(path).lower()] = source
        if data:
            prints.contents[hashlib.sha256(data).hexdigest()] = source
    prints.seal()
    return prints


def _text_of(name: str, data: bytes) -> str:
    text = data.decode("utf-8", "replace")
    lower = name.lower()
    if lower.endswith(".json") or lower.endswith(".webmanifest"):
        try:
            strings: list[str] = []
            _strings(json.loads(text), strings)
            text = "\n".join(strings)
        except ValueError:
            pass
    if lower.endswith((".html", ".htm", ".json", ".xml", ".svg", ".webmanifest")) or "<" in text[:2000]:
        parts = [text]
        parts += [match.group(2) for match in _SCRIPT_STYLE.finditer(text)]
        parts += [a or b for a, b in _ATTRIBUTE.findall(text)]
        stripped = _TAG.sub(" ", text)
        return html.unescape(stripped + "\n" + "\n".join(html.unescape(p) for p in parts[1:]))
    return text


def _strings(value: object, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(_TAG.sub(" ", html.unescape(value)))
    elif isinstance(value, dict):
        for key, item in value.items():
            out.append(str(key))
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)


def pdf_text(data: bytes, cache: Path | None = None) -> str:
    """Text of a PDF (``pdftotext``), cached by content."""
    key = hashlib.sha256(data).hexdigest()
    cached = cache / f"{key}.txt" if cache is not None else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    tool = shutil.which("pdftotext")
    if tool is None:
        raise ScanError("thiếu chương trình pdftotext (gói poppler-utils) để kiểm tra các tệp PDF trước khi đăng")
    result = subprocess.run([tool, "-q", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, timeout=300)
    text = result.stdout.decode("utf-8", "replace")
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(cached)
    return text


class ScanError(Exception):
    """The outputs could not be scanned: nothing may be published."""


def _scan_text(name: str, text: str, prints: Fingerprints, hits: list[Hit]) -> None:
    if not (prints.shingles or prints.phrases):
        return
    tokens = words(text)
    if prints.shingles:
        firsts = prints._firsts
        seen: set[str] = set()
        for index, token in enumerate(tokens):
            if token in firsts:
                shingle = " ".join(tokens[index:index + SHINGLE])
                source = prints.shingles.get(shingle)
                if source is not None and source not in seen:
                    seen.add(source)
                    hits.append(Hit(name, source, f"có đoạn văn bản \"{shingle}…\""))
    if prints.phrases:
        joined = " " + " ".join(tokens) + " "
        for phrase, source in prints.phrases.items():
            if f" {phrase} " in joined:
                hits.append(Hit(name, source, f"có tên hoặc số \"{phrase}\""))


def _scan_file(name: str, data: bytes, prints: Fingerprints, hits: list[Hit], cache: Path | None,
               depth: int = 0) -> None:
    base = unquote(posixpath.basename(name)).lower()
    if base in prints.names and not base.endswith((".html", ".css", ".js")):
        hits.append(Hit(name, prints.names[base], "có tệp cùng tên với tệp không được đăng"))
    if data and hashlib.sha256(data).hexdigest() in prints.contents:
        hits.append(Hit(name, prints.contents[hashlib.sha256(data).hexdigest()], "có tệp giống hệt tệp không được đăng"))
    lower = name.lower()
    if not (prints.shingles or prints.phrases) and not (lower.endswith(".zip") or data[:4] == b"PK\x03\x04"):
        return  # nothing withheld has words to look for
    if lower.endswith(".pdf") or data[:5] == b"%PDF-":
        _scan_text(name, pdf_text(data, cache), prints, hits)
    elif lower.endswith(".zip") or data[:4] == b"PK\x03\x04":
        if depth > 2:
            return
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.infolist():
                    if not member.is_dir():
                        _scan_file(f"{name}:{member.filename}", archive.read(member), prints, hits, cache, depth + 1)
        except zipfile.BadZipFile:
            pass
    elif lower.endswith(_TEXT_SUFFIXES + PAGE_SUFFIXES) or b"\0" not in data[:1024]:
        _scan_text(name, _text_of(name, data), prints, hits)


def scan_tree(site: Path, prints: Fingerprints, *, cache: Path | None = None) -> list[Hit]:
    """Every file under ``site`` (a built site), recursively.

    With ``cache``, the contents found clean under these very fingerprints are remembered
    (by sha256), so that a warm build reads only the files that changed."""
    hits: list[Hit] = []
    clean_file = cache / f"clean-{prints.digest()}.json" if cache is not None else None
    clean: set[str] = set()
    if clean_file is not None and clean_file.is_file():
        try:
            clean = set(json.loads(clean_file.read_text(encoding="utf-8")))
        except ValueError:
            clean = set()
    now_clean: set[str] = set()
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        if relative in prints.outputs:
            hits.append(Hit(relative, prints.outputs[relative], "có trang của văn bản không được đăng"))
        data = path.read_bytes()
        key = hashlib.sha256(posixpath.basename(relative).encode() + b"\0" + data).hexdigest()
        if key in clean:
            now_clean.add(key)
            continue
        found = len(hits)
        _scan_file(relative, data, prints, hits, cache)
        if len(hits) == found:
            now_clean.add(key)
    if clean_file is not None and not hits:
        clean_file.parent.mkdir(parents=True, exist_ok=True)
        for stale in clean_file.parent.glob("clean-*.json"):
            stale.unlink(missing_ok=True)
        tmp = clean_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(sorted(now_clean)), encoding="utf-8")
        tmp.replace(clean_file)
    return hits


def scan_file(path: Path, prints: Fingerprints, *, cache: Path | None = None) -> list[Hit]:
    """One output file (e.g. the offline zip)."""
    hits: list[Hit] = []
    _scan_file(path.name, path.read_bytes(), prints, hits, cache)
    return hits
