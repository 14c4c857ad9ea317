"""A paragraph as read from a Word file or a text export, and its Markdown spelling.

Whatever a document's text holds (``<script>``, ``{ onclick=… }``, ``*``, ``|``) is written
as text: every character Markdown or HTML would read as syntax is escaped, so that the
page shows exactly the words of the document and nothing in them can run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# Characters Python-Markdown (and its tables, attr_list, admonition extensions) read as syntax.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|!])")
# Only an "&" that would spell an entity ("&lt;", "&#60;") needs escaping; "GD&ĐT" stays.
_ENTITY = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_LINE_START = re.compile(r"^(\s*)([-+#>=~:]|\d+[.)])")


def escape_inline(text: str) -> str:
    """Markdown for literal text: "a <b> *c*" -> "a &lt;b&gt; \\*c\\*"."""
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", text)


def protect_line_start(markdown: str) -> str:
    """Escape what would start a list, heading, quote or definition at the start of a block."""
    match = _LINE_START.match(markdown)
    if not match:
        return markdown
    lead, marker = match.groups()
    if marker[0].isdigit():
        return f"{lead}{marker[:-1]}\\{marker[-1]}{markdown[match.end():]}"
    if marker == ":":
        return f"{lead}&#58;{markdown[match.end():]}"
    return f"{lead}\\{marker}{markdown[match.end():]}"


@dataclass
class Span:
    """A piece of a paragraph's text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    """One paragraph of a source document, in reading order."""

    spans: list[Span] = field(default_factory=list)
    heading: int = 0          # Word heading style level (Heading 1 -> 1), 0 if none
    list_kind: str = ""       # "bullet" or "number" for Word list paragraphs
    list_label: str = ""      # the number Word displays ("I.", "2.", "a)"), "" for bullets
    list_level: int = 0       # Word list level (ilvl), 0 = outermost
    indent: int = 0           # left indentation in twentieths of a point (twips)
    center: bool = False
    table: int = -1           # index of the table holding it, -1 in the running text
    cell: tuple[int, int] = (0, 0)   # (row, column) inside that table
    source_line: int = 0      # line number in a text export
    converted: str = ""       # legacy encoding its text was converted from ("tcvn3", "vni", "tcvn3-fragment")

    @classmethod
    def of(cls, text: str, **kwargs) -> Paragraph:
        return cls(spans=[Span(text, bold=kwargs.pop("bold", False))], **kwargs)

    @property
    def plain(self) -> str:
        return re.sub(r"[ \t\u00a0]+", " ", "".join(span.text for span in self.spans)).strip()

    @property
    def columns(self) -> list[str]:
        """The text split where tabs or wide gaps separate columns typed on one line
        ("ĐẢNG BỘ XÃ A<tab><tab>ĐẢNG CỘNG SẢN VIỆT NAM")."""
        raw = "".join(span.text for span in self.spans).replace("\u00a0", " ")
        return [part.strip() for part in re.split(r"\t+|\s{3,}", raw) if part.strip()]

    @property
    def bold(self) -> bool:
        """The whole paragraph is bold (at least 90 % of its letters)."""
        letters = sum(len(s.text.replace(" ", "")) for s in self.spans)
        strong = sum(len(s.text.replace(" ", "")) for s in self.spans if s.bold)
        return letters > 0 and strong >= 0.9 * letters

    @property
    def italic(self) -> bool:
        letters = sum(len(s.text.replace(" ", "")) for s in self.spans)
        slanted = sum(len(s.text.replace(" ", "")) for s in self.spans if s.italic)
        return letters > 0 and slanted >= 0.9 * letters

    def with_text(self, text: str) -> Paragraph:
        """The same paragraph with new plain text (formatting of the whole kept)."""
        return replace(self, spans=[Span(text, bold=self.bold, italic=self.italic)])

    def drop_prefix(self, count: int) -> Paragraph:
        """Without the first ``count`` characters of its plain text (a marker), formatting kept."""
        spans: list[Span] = []
        remaining = count
        for span in self._normalised_spans():
            if remaining >= len(span.text):
                remaining -= len(span.text)
                continue
            spans.append(Span(span.text[remaining:], span.bold, span.italic))
            remaining = 0
        if spans:
            spans[0] = Span(spans[0].text.lstrip(), spans[0].bold, spans[0].italic)
        return replace(self, spans=spans)

    def _normalised_spans(self) -> list[Span]:
        """Spans whose concatenation is exactly ``plain``."""
        out: list[Span] = []
        previous_space = True
        for span in self.spans:
            text = re.sub(r"[ \t\u00a0]+", " ", span.text)
            if previous_space:
                text = text.lstrip(" ")
            if text:
                out.append(Span(text, span.bold, span.italic))
                previous_space = text.endswith(" ")
        if out:
            last = out[-1]
            out[-1] = Span(last.text.rstrip(" "), last.bold, last.italic)
            if not out[-1].text:
                out.pop()
        return out

    def markdown(self, *, emphasis: bool = True) -> str:
        """Inline Markdown of the text, escaped, with bold and italic runs kept."""
        parts = []
        whole_bold = self.bold
        for span in self._normalised_spans():
            text = escape_inline(span.text)
            if not emphasis or not text.strip():
                parts.append(text)
                continue
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            core = text.strip()
            if span.bold and not whole_bold:
                core = f"**{core}**"
            elif span.italic and not span.bold:
                core = f"*{core}*"
            parts.append(f"{lead}{core}{trail}")
        return re.sub(r"\*\*\s*\*\*", " ", "".join(parts)).strip()
