"""The document model: front matter attributes plus an ordered tree of sections.

A :class:`Document` is parsed from the raw bytes of a Markdown file. Reading never
raises on bad input: problems found while reading (not UTF-8, no front matter, YAML that
does not parse) are recorded on the document as :class:`~chibo.document.diagnostics.Problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chibo.document.diagnostics import Problem
from chibo.document.frontmatter import FrontMatter, protection_family
from chibo.document.frontmatter import parse_lines as read_front_matter
from chibo.document.numbering import Numbering
from chibo.document.numbering import parse as parse_numbering
from chibo.document.text import nfc, slugify
from chibo.document.visibility import CONFIDENTIAL_KEY, reading

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
def fenced(lines: list[str]) -> list[bool]:
    """For each line, whether it opens, closes or lies inside a fenced code block
    (``` or ~~~; a fence closes only with its own character, at least as long)."""
    out = []
    fence: str | None = None
    for line in lines:
        opening = _FENCE.match(line)
        if opening and fence is None:
            fence = opening.group(1)
            out.append(True)
        elif fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(True)
        else:
            out.append(False)
    return out


@dataclass
class Section:
    """One Markdown heading and what lies under it, up to the next heading of its level."""

    level: int
    title: str
    line: int
    anchor: str
    content_lines: int = 0  # non-blank lines directly under the heading, before any sub-heading
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)

    @property
    def number(self) -> Numbering:
        """The heading's numbering, however it was typed (``chibo.document.numbering``)."""
        cached = self.__dict__.get("_number")
        if cached is None:
            cached = self.__dict__["_number"] = parse_numbering(self.title)
        return cached

    @property
    def label(self) -> str:
        """The numbering, canonical: "IV", "4", "4.1", "Điều 3", "Phần I"; "" when unnumbered."""
        return self.number.label

    @property
    def numbering(self) -> tuple[str, tuple[int, ...], str]:
        """(kind, numbers, rest of title); kinds in ``chibo.document.numbering.RANK``."""
        number = self.number
        return number.kind, number.numbers, number.rest

    @property
    def bare_title(self) -> str:
        return self.numbering[2]

    def has_content(self) -> bool:
        return self.content_lines > 0 or any(child.has_content() for child in self.children)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def path_label(self) -> str:
        """Dotted position for references: "III.4.2" for 4.2 under III."""
        labels = []
        node: Section | None = self
        while node is not None:
            kind, value, _ = node.numbering
            if kind == "decimal":
                # "4.2" already carries its parent "4"
                labels.append(node.label)
                while node.parent is not None and node.parent.numbering[0] == "decimal":
                    node = node.parent
            elif node.label:
                labels.append(node.label)
            node = node.parent
        return ".".join(reversed(labels))


@dataclass
class Document:
    """A Markdown page: its attributes (front matter) and its section tree."""

    path: str
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    has_front_matter: bool = False
    body_start: int = 1  # line number of the first body line
    preamble: list[tuple[int, str]] = field(default_factory=list)  # text before the first heading
    sections: list[Section] = field(default_factory=list)  # top-level headings
    problems: list[Problem] = field(default_factory=list)  # found while reading
    front: FrontMatter | None = field(default=None, repr=False)  # the front matter as read

    @property
    def doc_type(self) -> str:
        value = self.meta.get("loai")
        return str(value) if value is not None else ""

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def all_sections(self):
        for section in self.sections:
            yield from section.walk()

    def last_line(self) -> int:
        return max(1, len(self.lines))


def decode(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (with or without BOM), any line ends, NFD or NFC -> NFC text with LF ends."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(path, line, "VB001", "tệp không phải mã UTF-8 (byte lạ ở vị trí "
                             f"{error.start}); hãy lưu lại tệp với bảng mã UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text), None


def _parse_front_matter(doc: Document, lines: list[str]) -> int:
    """The one front-matter reading (``chibo.document.frontmatter``); fail closed: a block we
    cannot read, or a protection key outside it, keeps the document off the site."""
    front = read_front_matter(lines, doc.path)
    doc.front = front
    doc.has_front_matter = front.present
    doc.problems.extend(front.problems)
    doc.meta = dict(front.meta)
    doc.meta_lines = dict(front.lines)
    if front.unreadable:
        doc.meta[CONFIDENTIAL_KEY] = True  # never published; the VB00x error says why
        doc.meta_lines.setdefault(CONFIDENTIAL_KEY, 1)
    for line, _path, _value, family in front.implied:
        doc.meta[family] = True  # fail closed; BM004 says where it was read
        doc.meta_lines.setdefault(family, line)
    for line, key, value in front.stray_protection:
        family = protection_family(key) or CONFIDENTIAL_KEY
        if reading(value) is not False or family not in doc.meta:
            doc.meta[family] = True if reading(value) is not False else doc.meta.get(family, False)
            doc.meta_lines.setdefault(family, line)
    return front.body_index


def parse(text: str, path: str) -> Document:
    """Parse already-decoded Markdown text into a document."""
    doc = Document(path=path, text=text)
    lines = text.split("\n")
    body_index = _parse_front_matter(doc, lines)
    doc.body_start = body_index + 1

    stack: list[Section] = []
    used_anchors: dict[str, int] = {}
    in_comment = False
    current: Section | None = None
    code = fenced(lines[body_index:])
    for index in range(body_index, len(lines)):
        line = lines[index]
        in_code = code[index - body_index]
        # An HTML comment (e.g. the hints of a new document) is not content.
        if in_comment or (not in_code and line.lstrip().startswith("<!--")):
            in_comment = "-->" not in line
            continue
        heading = None if in_code else _HEADING.match(line)
        if heading is None:
            if line.strip():
                if current is None:
                    doc.preamble.append((index + 1, line.strip()))
                else:
                    current.content_lines += 1
            continue
        level = len(heading.group(1))
        title = heading.group(2).strip()
        anchor = slugify(title)
        if anchor in used_anchors:  # same rule as Python-Markdown's toc: anchor_1, anchor_2 ...
            used_anchors[anchor] += 1
            anchor = f"{anchor}_{used_anchors[anchor]}"
        else:
            used_anchors[anchor] = 0
        section = Section(level=level, title=title, line=index + 1, anchor=anchor)
        while stack and stack[-1].level >= level:
            stack.pop()
        if stack:
            section.parent = stack[-1]
            stack[-1].children.append(section)
        else:
            doc.sections.append(section)
        stack.append(section)
        current = section
    return doc


def load(raw: bytes, path: str) -> Document:
    """Decode and parse a Markdown file's bytes; never raises on bad input.

    Memoised on the bytes, so that the hooks of one build (validation, citations,
    withheld documents) parse each file once even when they name it differently:
    treat the result as read-only.
    """
    doc = _load_bytes(raw, path)
    if doc.path == path:
        return doc
    return replace(doc, path=path, problems=[replace(p, path=path) for p in doc.problems])


_CACHE: dict[bytes, Document] = {}


def _load_bytes(raw: bytes, path: str) -> Document:
    cached = _CACHE.get(raw)
    if cached is None:
        if len(_CACHE) > 8192:
            _CACHE.clear()
        cached = _CACHE[raw] = _parse_bytes(raw, path)
    return cached


def _parse_bytes(raw: bytes, path: str) -> Document:
    text, problem = decode(raw, path)
    if text is None:
        doc = Document(path=path)
        doc.problems.append(problem)  # type: ignore[arg-type]
        return doc
    return parse(text, path)


def load_file(file: Path, display_path: str) -> Document:
    return load(file.read_bytes(), display_path)
