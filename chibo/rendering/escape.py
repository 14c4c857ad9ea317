"""Text from documents is text: escaping for Markdown and HTML, and a sanitiser for pages.

Every value that comes from a document's front matter, the registry or imported text is
written through one of these:

- :func:`markdown_text` when it goes into generated Markdown (listings, regulation
  pages): HTML metacharacters become entities and Markdown/attr_list syntax is
  backslash-escaped, so ``[x](javascript:…)``, ``{: onclick=…}`` or ``<script>`` stay words;
- :func:`html_text` when it goes into HTML (titles, templates: Jinja's ``| e``);
- :func:`sanitize_html` on every rendered page body: an allowlist of the elements and
  attributes Markdown and our extensions produce (``nh3``, the Ammonia sanitiser), so raw
  HTML in a document body can never carry a script, an event handler or a
  ``javascript:`` link, while links, tables, admonitions and images stay as they are.
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")  # what Python-Markdown (and its tables) can escape
_SPACE = re.compile(r"\s+")


def html_text(value: Any) -> str:
    return html.escape(str(value if value is not None else ""), quote=True)


def markdown_text(value: Any) -> str:
    """One line of Markdown that renders as exactly ``value`` (as plain text)."""
    text = _SPACE.sub(" ", str(value if value is not None else "")).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


ALLOWED_TAGS = _TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
}
ALLOWED_ATTRIBUTES = _ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "aria-hidden", "aria-label", "role"},
    "a": {"href", "name", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"style", "colspan", "rowspan", "align"},
    "th": {"style", "colspan", "rowspan", "align", "scope"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type"}, "li": {"value"},
    "details": {"open"},
    "abbr": {"title"},
}
ALLOWED_SCHEMES = _SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(content: str) -> str:
    """A rendered page body without anything that could run: no script, no event handler,
    no ``javascript:`` URL, no frame, form, style sheet or base element."""
    return nh3.clean(content, tags=_TAGS, attributes=_ATTRIBUTES, generic_attribute_prefixes={"data-"},
                     url_schemes=_SCHEMES, link_rel=None, strip_comments=True)
