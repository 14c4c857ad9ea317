"""The body of a document as Markdown: its numbered parts as headings, lists, tables.

Numbering is read with the validator's own recognizer (``chibo.document.numbering``), so
what imports as a heading is read the same way when it is checked. Heading levels follow
how the parts nest (PHẦN > I. > 1. > 1.1 > a.), whatever numbering a document uses; a long
numbered paragraph (a decision, a clause) stays a paragraph with its number as written.
Bullets of every kind become Markdown lists, nested by marker or indentation; "* Thuận
lợi:" is a label. All text is escaped (``chibo.reading.paragraph``): never HTML, never an
accidental code block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from chibo.checking.rules import match_how
from chibo.document.numbering import RANK, Numbering
from chibo.document.numbering import parse as parse_numbering
from chibo.reading.docx import Table
from chibo.reading.paragraph import Paragraph, Span, escape_inline, protect_line_start

# Typed bullets: the marker and whether it needs a space after it.
_BULLET = re.compile(r"^(?P<mark>[-–—+•·▪►➢❖◦●■○✓⇒➔]|o(?=\s)|\*(?=\s))\s*(?=\S)")
_LABEL = re.compile(r"^\*+\s*(?P<text>[^*].{0,80}?:)\s*\**$")  # "* Thuận lợi:", "*** Khó khăn:**"
_SEPARATOR = re.compile(r"^[\s\-_=~*.·–—]{3,}$")
_TERMINAL = tuple(".;:!?…\"”)/")
MAX_HEADING_CHARS = 160


@dataclass
class _Item:
    kind: str                     # heading, bullet, numbered, label, text, table
    paragraph: Paragraph | None = None
    number: Numbering | None = None
    marker: str = ""              # bullet marker as typed
    level: int = 0                # list nesting or heading level
    rank: float = 0.0
    markdown: str = ""


def _caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _subtitle(text: str) -> bool:
    """A bold line that reads as a title: a few words, capitalised, no closing punctuation."""
    return (2 <= len(text.split()) <= 12 and len(text) <= 80 and text[:1].isupper()
            and not text.endswith((".", ":", ";", ",", "!", "?", "…", ")")))


def _title_like(paragraph: Paragraph, rest: str, number: Numbering) -> bool:
    """Whether a numbered paragraph is a heading rather than a numbered paragraph of text."""
    if not rest:
        return True
    if len(rest) > MAX_HEADING_CHARS:
        return False
    if number.kind in ("part", "chapter", "section"):
        return True
    emphasised = paragraph.bold or paragraph.heading > 0 or _caps(rest)
    if number.kind in ("roman", "upper"):
        return emphasised or len(rest) <= 120
    sentences = len(re.findall(r"[.;!?](?:\s|$)", rest.rstrip(".;:")))
    if emphasised:
        return sentences == 0 or len(rest) <= 100
    if rest.endswith(";") or sentences > 0:
        return False
    if number.kind == "article":
        return len(rest) <= 100
    return len(rest) <= 100 and (rest.endswith(":") or not rest.endswith("."))


def is_divider(text: str) -> bool:
    """"-----", "*****": a divider drawn with characters, not words (not part of the text)."""
    return bool(_SEPARATOR.match(text))


def classify(blocks: list[Paragraph | Table], sections: list[dict] | None = None) -> list[_Item]:
    items: list[_Item] = []
    previous_upper: int | None = None
    for block in blocks:
        if isinstance(block, Table):
            items.append(_Item("table", markdown=_table(block)))
            continue
        paragraph = block
        text = paragraph.plain
        if not text or is_divider(text):
            continue
        if paragraph.list_kind == "bullet":
            items.append(_Item("bullet", paragraph, marker=f"word{paragraph.list_level}", level=paragraph.list_level))
            continue
        typed = text
        if paragraph.list_kind == "number" and paragraph.list_label:
            typed = f"{paragraph.list_label} {text}"
        label = _LABEL.match(typed)
        if label:
            items.append(_Item("label", paragraph.with_text(label.group("text"))))
            continue
        bullet = _BULLET.match(typed) if paragraph.list_kind != "number" else None
        if bullet:
            mark = bullet.group("mark")
            rest = paragraph.drop_prefix(bullet.end())
            if mark == "*" and rest.plain.endswith(":") and len(rest.plain) <= 80:
                items.append(_Item("label", rest.with_text(rest.plain)))
            else:
                items.append(_Item("bullet", rest, marker=mark))
            continue
        number = parse_numbering(typed, previous_upper=previous_upper)
        if number.kind == "upper":
            previous_upper = number.numbers[0]
        if number.numbered:
            rest = number.rest
            heading_paragraph = paragraph if paragraph.list_kind == "number" else \
                paragraph.drop_prefix(len(typed) - len(rest))
            if _title_like(paragraph, rest, number):
                items.append(_Item("heading", heading_paragraph, number=number, rank=number.rank))
            else:
                items.append(_Item("numbered", heading_paragraph, number=number))
            continue
        if paragraph.heading and len(text) <= MAX_HEADING_CHARS:
            items.append(_Item("heading", paragraph, number=number, rank=RANK["roman"] + (paragraph.heading - 1)))
            continue
        if _caps(text) and len(text.split()) >= 2 and len(text) <= 120 and not text.endswith((";", ",")):
            items.append(_Item("heading", paragraph, number=number, rank=RANK["roman"]))
            continue
        if paragraph.bold and len(text) <= 100:
            # A bold line that names one of the type's sections is that section's heading
            # ("Đặc điểm tình hình"); other bold lines are labels ("Thuận lợi:").
            how = match_how(text, sections)[1] if sections else ""
            if how in ("exact", "fuzzy") or (how == "keyword" and not text.endswith(":") and len(text) <= 80):
                items.append(_Item("heading", paragraph, number=number, rank=RANK["roman"]))
            elif _subtitle(text):
                # A short bold title standing alone ("Kết quả bước đầu"): a heading under the
                # open part, or a main part when none is open yet.
                open_rank = next((i.rank for i in reversed(items) if i.kind == "heading"), None)
                rank = RANK["roman"] if open_rank is None else open_rank + 0.25
                items.append(_Item("heading", paragraph, number=number, rank=rank))
            else:
                items.append(_Item("label", paragraph))
            continue
        items.append(_Item("text", paragraph))
    _join_split_titles(items)
    _demote_clauses(items)
    _promote_in_sequence(items)
    _nest_headings(items)
    _nest_bullets(items)
    return items


def _demote_clauses(items: list[_Item]) -> None:
    """A short numbered line in plain type is a clause, not a heading, inside an article
    ("Điều 2." then "1- Quy định này …") or when a page break cut it and the next paragraph
    goes on in lower case."""
    article_open = False
    for index, item in enumerate(items):
        if item.kind == "heading" and item.number is not None and item.number.kind in ("article", "chapter", "part",
                                                                                        "section", "roman"):
            article_open = item.number.kind == "article"
            continue
        if item.kind != "heading" or item.number is None or item.number.kind != "decimal" or item.paragraph is None:
            continue
        paragraph = item.paragraph
        if paragraph.bold or paragraph.heading > 0 or _caps(item.number.rest) or paragraph.list_kind == "number":
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        cut = (following is not None and following.kind == "text" and following.paragraph is not None
               and following.paragraph.plain[:1].islower())
        if article_open or cut:
            item.kind = "numbered"


def _same_series(a: _Item, b: _Item) -> bool:
    """Numbered alike, and at the same level of the same kind of list (a Word list nested
    under a heading "2." is not that heading's series)."""
    x, y = a.number, b.number
    pa, pb = a.paragraph, b.paragraph
    same_list = pa is not None and pb is not None and (pa.list_kind, pa.list_level) == (pb.list_kind, pb.list_level)
    return (x is not None and y is not None and same_list and x.kind == y.kind
            and len(x.numbers) == len(y.numbers) and x.numbers[:-1] == y.numbers[:-1])


def _promote_in_sequence(items: list[_Item]) -> None:
    """A longer numbered paragraph between headings of its own series ("1." before the
    heading "2.") is a heading too, when it is one sentence: the series reads as one."""
    for index, item in enumerate(items):
        if item.kind != "numbered" or item.number is None or item.paragraph is None:
            continue
        rest = item.number.rest
        if len(rest) > 300 or re.search(r"[.;!?]\s+\S", rest):
            continue
        value = item.number.numbers[-1]
        for step, wanted in ((-1, value - 1), (1, value + 1)):
            position = index + step
            while 0 <= position < len(items):
                other = items[position]
                if other.kind == "heading" and other.number is not None:
                    if _same_series(other, item):
                        if other.number.numbers[-1] == wanted:
                            item.kind, item.rank = "heading", item.number.rank
                        break
                    if other.rank < item.number.rank:
                        break
                position += step
            if item.kind == "heading":
                break


def _join_split_titles(items: list[_Item]) -> None:
    """"PHẦN THỨ NHẤT" / "Chương I" on one line and its title on the next: one heading."""
    index = 0
    while index < len(items) - 1:
        item, following = items[index], items[index + 1]
        if (item.kind == "heading" and item.number is not None and item.number.kind in ("part", "chapter", "section")
                and not item.number.rest and following.kind in ("heading", "label", "text")
                and following.paragraph is not None and (following.number is None or not following.number.numbered)
                and len(following.paragraph.plain) <= 120):
            title = following.paragraph.plain
            marker = item.number.marker
            joined = f"{marker} {title}" if marker.endswith((":", ".", "-", "–")) else f"{marker}: {title}"
            item.number = Numbering(item.number.kind, item.number.numbers, title, marker)
            item.paragraph = following.paragraph.with_text(title)
            item.markdown = joined
            del items[index + 1]
        index += 1


def _nest_headings(items: list[_Item]) -> None:
    """Markdown levels from how the numbered parts nest: ## for the outermost."""
    stack: list[float] = []
    for item in items:
        if item.kind != "heading":
            continue
        while stack and stack[-1] >= item.rank:
            stack.pop()
        item.level = 2 + len(stack)
        stack.append(item.rank)
        if item.level > 6:
            item.kind = "label"


_INDENT_STEP = 180  # twips: a quarter of a centimetre more is a deeper level


def _nest_bullets(items: list[_Item]) -> None:
    """List levels from indentation where Word shows one, else from the markers' order of
    appearance ("-" then "+" under it); never more than one level deeper than the last."""
    stack: list[tuple[str, int]] = []  # (marker, indent) of each open level
    for item in items:
        if item.kind != "bullet":
            stack = []
            continue
        indent = item.paragraph.indent if item.paragraph else 0
        if item.marker.startswith("word"):
            # Word's own list level (ilvl), relative to the levels open: a list whose first
            # item sits at ilvl 1 (inside a numbered item) is still the outermost list here.
            ilvl = int(item.marker[4:] or 0)
            level = next((i for i, (mark, _) in enumerate(stack)
                          if mark.startswith("word") and int(mark[4:] or 0) >= ilvl), len(stack))
            if stack and level == len(stack) - 1 and indent > stack[-1][1] + _INDENT_STEP:
                level = len(stack)
        elif stack and indent > stack[-1][1] + _INDENT_STEP:
            level = len(stack)
        elif stack and indent < stack[-1][1] - _INDENT_STEP:
            level = next((i for i, (_, ind) in enumerate(stack) if ind >= indent - _INDENT_STEP), 0)
        else:
            same = next((i for i, (mark, ind) in enumerate(stack)
                         if mark == item.marker and abs(ind - indent) <= _INDENT_STEP), None)
            level = same if same is not None else len(stack)
        stack = stack[:level] + [(item.marker, indent)]
        item.level = level


def _table(table: Table) -> str:
    rows = [[" ".join(p.plain for p in cell if p.plain) for cell in row] for row in table.rows]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    lines = []
    for index, row in enumerate(rows):
        cells = [escape_inline(cell) for cell in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def mend(items: list[_Item]) -> list[_Item]:
    """Join paragraphs a page break split mid-sentence; never changes a word. In a text
    export a line that does not end a sentence goes on; in Word, only a paragraph that
    starts in lower case after one that does not end a sentence."""
    out: list[_Item] = []
    for item in items:
        previous = out[-1] if out else None
        if (item.kind == "text" and previous is not None and previous.kind in ("text", "bullet", "numbered")
                and previous.paragraph is not None and item.paragraph is not None):
            before, text = previous.paragraph.plain, item.paragraph.plain
            exported = item.paragraph.source_line > 0 and previous.paragraph.source_line > 0
            if (text[:1].islower() and not before.endswith(_TERMINAL)) or (exported and (
                    text[:1].islower() or not before.endswith(_TERMINAL))):
                previous.paragraph = replace(previous.paragraph,
                                             spans=[*previous.paragraph.spans, Span(" "), *item.paragraph.spans])
                continue
        out.append(item)
    return out


def to_markdown(blocks: list[Paragraph | Table], sections: list[dict] | None = None) -> str:
    """The body as Markdown; ``sections``: the type's section specs, to know bold titles."""
    items = mend(classify(blocks, sections))
    out: list[str] = []
    previous_kind = ""
    for item in items:
        if item.kind == "table":
            if item.markdown:
                out.append(("\n" if out else "") + item.markdown)
            previous_kind = "table"
            continue
        assert item.paragraph is not None
        if item.kind == "heading":
            number = item.number
            if item.markdown:
                text = escape_inline(item.markdown)
            elif number is not None and number.numbered:
                marker = number.marker
                title = item.paragraph.markdown(emphasis=False)
                text = f"{escape_inline(marker)} {title}".strip()
            else:
                text = item.paragraph.markdown(emphasis=False)
            line = f"{'#' * item.level} {text}"
        elif item.kind == "bullet":
            indent = "    " * item.level
            line = f"{indent}- {protect_line_start(item.paragraph.markdown())}"
            if previous_kind == "bullet":
                out[-1] += "\n" + line
                continue
        elif item.kind == "label":
            plain = item.paragraph.markdown(emphasis=False)
            if item.number is not None and item.number.numbered and item.number.marker:
                plain = f"{escape_inline(item.number.marker)} {plain}"
            line = f"**{plain}**"
        elif item.kind == "numbered":
            marker = item.number.marker if item.number else ""
            line = protect_line_start(f"{escape_inline(marker)} {item.paragraph.markdown()}".strip())
        else:
            line = protect_line_start(item.paragraph.markdown())
        out.append(line)
        previous_kind = item.kind
    return "\n\n".join(out).strip() + "\n"
