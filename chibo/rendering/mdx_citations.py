"""A Python-Markdown extension that turns citations into links while rendering.

It works on the rendered inline text, never on the source file: code spans and existing
links are left alone (``EXCLUDED``). What a citation links to is decided by a
``resolve`` callback (the MkDocs hook knows the current page and the site's files).

A superseded document gets a small notice right after the link: an empty link to the
replacing document whose visible words come from CSS (``data-luu-y``), so the sentence's
own text is unchanged for copying, search and the fidelity tests.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from chibo.checking.citations import Citation, CitationIndex, Detector, replacement_text

# Right after the inline treeprocessor (20): links, code spans and emphasis are already
# elements; before attr_list (8), abbr (7) and toc (5), which see the citation links.
PRIORITY = 19


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
    if index is not None and entry.page in index.withheld:
        return None  # its page is a draft or withheld: not in the site, no link to nowhere
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


class _CitationTreeprocessor(Treeprocessor):
    """Links the citations of every text node once, after inline processing.

    Linear in the text: each text node (an element's text or tail) is searched once and
    its new children are spliced in with one slice assignment. (An inline pattern made
    Python-Markdown rebuild the whole remaining paragraph after every citation, and the
    detector rescan it: quadratic in a long paragraph.) The tree is walked with an
    explicit stack, so deep nesting cannot exhaust Python's recursion limit.
    """

    EXCLUDED = frozenset({"a", "code", "pre", "script", "style"})

    def __init__(self, detector: Detector, resolve: Resolver, md: Markdown) -> None:
        super().__init__(md)
        self.detector = detector
        self.resolve = resolve

    def run(self, root: etree.Element) -> None:
        stack = [root]
        while stack:
            element = stack.pop()
            if isinstance(element.tag, str) and element.tag.lower() in self.EXCLUDED:
                continue  # its text and children; its tail belongs to the parent
            children = list(element)
            spliced: list[etree.Element] = []
            changed = False
            lead, links = self._link(element.text)
            if links:
                element.text, changed = lead, True
                spliced += links
            for child in children:
                spliced.append(child)
                lead, links = self._link(child.tail)
                if links:
                    child.tail, changed = lead, True
                    spliced += links
                stack.append(child)
            if changed:
                element[:] = spliced

    def _link(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """(text before the first link, [link elements with the rest as their tails])."""
        if not text or isinstance(text, AtomicString):
            return text, []
        lead: str | None = None
        links: list[etree.Element] = []
        position = 0
        for citation in self.detector.find(text):
            link = self.resolve(citation)
            if link is None:
                continue
            before = text[position:citation.start]
            if links:
                links[-1].tail = before
            else:
                lead = before
            links.append(_element(citation, link))
            position = citation.end
        if links:
            links[-1].tail = text[position:]
        return lead, links


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
        md.treeprocessors.register(_CitationTreeprocessor(self.detector, self.resolve, md), "chibo_citations", PRIORITY)
