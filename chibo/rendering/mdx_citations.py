"""A Python-Markdown extension that turns citations into links while rendering.

It works on the rendered inline text, never on the source file: code spans and existing
links are left alone (``ANCESTOR_EXCLUDES``). What a citation links to is decided by a
``resolve`` callback (the MkDocs hook knows the current page and the site's files).

A superseded document gets a small notice right after the link: an empty link to the
replacing document whose visible words come from CSS (``data-luu-y``), so the sentence's
own text is unchanged for copying, search and the fidelity tests.
"""

from __future__ import annotations

import bisect
import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from chibo.checking.citations import Citation, CitationIndex, Detector, replacement_text

# Below every built-in inline pattern: links, code spans and emphasis are already done.
PRIORITY = 5


@dataclass(frozen=True)
class Link:
    """How one citation is rendered."""

    href: str
    title: str = ""
    notice_href: str = ""   # set for a superseded document: link to its replacement
    notice_label: str = ""  # full sentence for screen readers and the tooltip


Resolver = Callable[[Citation], "Link | None"]


def citation_link(citation: Citation, current: str, index: CitationIndex | None) -> Link | None:
    """How a citation on page ``current`` (docs-relative source path) is linked.

    None (plain text) for a number not in the registry, a document without a page, or
    the page itself. "Điều N" goes to ``#dieu-n`` only once that article is on the page.
    A superseded document gets the notice, unless the sentence states the replacement.
    """
    entry = citation.entry
    if entry is None or not entry.page or entry.page == current:
        return None
    anchor = index.article_anchor(entry, citation.article) if index else ""
    base = posixpath.dirname(current)
    href = posixpath.relpath(entry.page, base) + (f"#{anchor}" if anchor else "")
    title = f"{entry.label}: {entry.subject}" if entry.subject else entry.label
    if citation.article and not anchor:
        title += f" (Điều {citation.article} chưa có trên trang)"
    if not entry.superseded or citation.mentions_replacement or index is None:
        return Link(href=href, title=title)
    newer = index.registry.replacing(entry)
    notice = f"Lưu ý: {entry.label} đã hết hiệu lực"
    if newer is not None:
        notice += f", được thay thế bởi {replacement_text(index.registry, entry)}"
    target = newer.page if newer is not None and newer.page else entry.page
    return Link(href=href, title=title, notice_href=posixpath.relpath(target, base), notice_label=notice)


class _CitationProcessor(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a", "code", "pre", "script", "style")

    def __init__(self, detector: Detector, resolve: Resolver, md: Markdown) -> None:
        # One match covers the rest of the text; handleMatch then returns the first
        # citation in it (Python-Markdown accepts any start/end inside the data).
        super().__init__(r"(?s).+", md)
        self.detector = detector
        self.resolve = resolve
        self._data: str | None = None
        self._found: list[Citation] = []
        self._starts: list[int] = []

    def _citations(self, data: str) -> list[Citation]:
        if data is not self._data and data != self._data:
            self._data = data
            self._found = self.detector.find(data)
            self._starts = [c.start for c in self._found]
        return self._found

    def handleMatch(self, m, data):  # type: ignore[override]
        found = self._citations(data)
        position = bisect.bisect_left(self._starts, m.start())
        for citation in found[position:]:
            link = self.resolve(citation)
            if link is None:
                continue
            return _element(citation, link), citation.start, citation.end
        return None, None, None


def _element(citation: Citation, link: Link) -> etree.Element:
    anchor = etree.Element("a", {"class": "dan-chieu", "href": link.href})
    if link.title:
        anchor.set("title", link.title)
    anchor.text = AtomicString(citation.text)
    if not link.notice_href:
        return anchor
    anchor.set("class", "dan-chieu dan-chieu--het-hieu-luc")
    group = etree.Element("span", {"class": "dan-chieu-nhom"})
    group.append(anchor)
    etree.SubElement(group, "a", {
        "class": "dan-chieu-luu-y",
        "href": link.notice_href,
        "title": link.notice_label,
        "aria-label": link.notice_label,
        "data-luu-y": "đã bị thay thế",
    })
    return group


class CitationExtension(Extension):
    def __init__(self, detector: Detector, resolve: Resolver) -> None:
        super().__init__()
        self.detector = detector
        self.resolve = resolve

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.inlinePatterns.register(_CitationProcessor(self.detector, self.resolve, md), "chibo_citations", PRIORITY)
