"""Raw HTML in a staged page is made inert before any engine reads it.

The engine's own sanitiser (``hooks/escaping.py``: nh3 over the rendered body) runs only
under MkDocs; an engine that runs no hook (Zensical) would publish a document's
``<script>`` as it is. So the staged Markdown is cleaned too, with the same allowlist
(``chibo.rendering.escape``): outside code, a tag whose name is not allowed — or that is
not a well-formed tag — becomes text (``&lt;``), an allowed tag keeps only its allowed
attributes, and a URL with a scheme other than http, https, mailto, tel is dropped.
Markdown links to such schemes lose their target. Comments stay (they cannot run, and
listing markers are comments).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from chibo.document.model import fenced
from chibo.rendering.escape import ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS

_OPENING = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'<>/=`]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(/?)>""")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto|tel):[^<>\s]+>", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_MD_LINK = re.compile(r"(\]\(\s*<?|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?)((?:[^()\s>]|\([^()\s]*\))*)", re.MULTILINE)
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "background", "data", "cite", "srcset"}
_EXTRA_ATTRIBUTES = {"markdown"}  # md_in_html


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = attrs

    handle_startendtag = handle_starttag


def _safe_url(value: str) -> bool:
    compact = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(value)).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", compact)
    return scheme is None or scheme.group(1) in ALLOWED_SCHEMES


def _clean_tag(match: re.Match[str]) -> str:
    closing, name, attributes, selfclosing = match.groups()
    name = name.lower()
    if closing:
        return f"</{name}>"
    parser = _Attributes()
    parser.feed(match.group(0))
    allowed = ALLOWED_ATTRIBUTES.get("*", set()) | ALLOWED_ATTRIBUTES.get(name, set()) | _EXTRA_ATTRIBUTES
    kept = []
    for key, value in parser.attrs:
        key = key.lower()
        if key not in allowed and not key.startswith("data-"):
            continue
        if key in _URL_ATTRIBUTES and value is not None and not _safe_url(value):
            continue
        kept.append(key if value is None else f'{key}="{html.escape(value, quote=True)}"')
    return "<" + " ".join([name, *kept]) + (" /" if selfclosing else "") + ">"


def _code_mask(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks and inline code spans."""
    ranges = []
    offset = 0
    lines = text.split("\n")
    for line, in_code in zip(lines, fenced(lines)):
        if in_code:
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    for match in _CODE_SPAN.finditer(text):
        ranges.append(match.span())
    return sorted(ranges)


def inert(text: str) -> str:
    """The Markdown text with every raw HTML tag made inert (see the module docstring)."""
    if "<" not in text and "](" not in text and "]:" not in text:
        return text
    mask = _code_mask(text)
    out: list[str] = []
    position = 0
    index = 0
    for opening in _OPENING.finditer(text):
        start = opening.start()
        if start < position:
            continue
        while index < len(mask) and mask[index][1] <= start:
            index += 1
        if index < len(mask) and mask[index][0] <= start < mask[index][1]:
            continue  # in code: text already
        out.append(text[position:start])
        autolink = _AUTOLINK.match(text, start)
        tag = _TAG.match(text, start)
        if autolink and _safe_url(autolink.group(0)[1:-1]):
            out.append(autolink.group(0))
            position = autolink.end()
        elif tag and tag.group(2).lower() in ALLOWED_TAGS:
            out.append(_clean_tag(tag))
            position = tag.end()
        else:
            out.append("&lt;")
            position = start + 1
    out.append(text[position:])
    cleaned = "".join(out)
    return _MD_LINK.sub(lambda m: m.group(1) + (m.group(2) if _safe_url(m.group(2)) else "#"), cleaned)
