"""Which files a page references, read in the HTML its Markdown renders to.

The staged tree (``chibo.publishing.stage``) copies a non-page file only when a published
page references it. The references are read with a real HTML parser in the HTML that
Python-Markdown (the renderer MkDocs runs, with the project's extensions) makes of the
page: every ``src``, ``href``, ``srcset``, ``data``, ``poster``, ``background``, ``action``,
``cite``, CSS ``url()``/``@import`` in a ``style`` attribute or element, and ``<meta
http-equiv=refresh>``. Entities are decoded by the parser; comments and code are text,
never references. Each reference is resolved every way a reader could resolve it
(relative to the source file as Markdown links are, relative to the page's URL as a
browser resolves raw HTML, from the site root for an absolute path), so that nothing a
published page loads is missing, and nothing else is copied.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown

_URL_ATTRIBUTES = {"src", "href", "data", "poster", "background", "action", "formaction", "cite", "longdesc",
                   "xlink:href", "lowsrc", "dynsrc", "manifest", "icon", "archive", "codebase", "ping"}
_LIST_ATTRIBUTES = {"srcset", "imagesrcset"}
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""",
                      re.IGNORECASE)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)
_MAX_PAGE = 5_000_000  # characters; larger pages are refused by the checks (GH002)


class _References(HTMLParser):
    # Elements whose content a browser reads as text, never as tags: nothing in them is
    # loaded, so nothing in them is a reference (html.parser would read tags there).
    CDATA_CONTENT_ELEMENTS = ("script", "style", "textarea", "xmp", "noembed", "noframes", "iframe", "title",
                              "plaintext", "noscript")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.anchors: list[str] = []  # href of <a>
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        values = {name.lower(): value or "" for name, value in attrs}
        if tag in self.CDATA_CONTENT_ELEMENTS and tag != "style":
            self.set_cdata_mode(tag)
        if tag == "a" and "href" in values:
            self.anchors.append(values["href"])
        for name, value in values.items():
            if name in _URL_ATTRIBUTES:
                self.urls.append(value)
            elif name in _LIST_ATTRIBUTES:
                self.urls += [item.strip().split()[0] for item in value.split(",") if item.strip()]
            elif name == "style":
                self.urls += css_urls(value)
            elif tag == "param" and name == "value":
                self.urls.append(value)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content", ""))
            if match:
                self.urls.append(match.group(1).strip())

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(css: str) -> list[str]:
    return [next(group for group in match.groups() if group is not None) for match in _CSS_URL.finditer(css)]


def html_urls(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    parser.close()
    return parser.urls


def _extensions(configured: Iterable[Any]) -> list[str]:
    """Extension names of mkdocs.yml's markdown_extensions (options are about presentation;
    ``toc`` is left out: it changes anchors, never references)."""
    names = []
    for entry in configured:
        name = entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None
        if isinstance(name, str) and name != "toc":
            names.append(name)
    return names


def render(body: str, extensions: Iterable[Any]) -> str:
    try:
        engine = markdown.Markdown(extensions=_extensions(extensions))
    except Exception:  # an extension that needs its options: the references do not depend on it
        engine = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "def_list", "abbr"])
    return engine.convert(body)


def candidates(url: str, src: str, directory_urls: bool) -> set[str]:
    """Docs-relative paths a reference may mean (see the module docstring)."""
    url = url.strip().replace("\\", "/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return set()
    path = unquote(parts.path)
    found: set[str] = set()
    if path.startswith("/"):
        segments = [segment for segment in path.split("/") if segment]
        for start in range(len(segments)):  # under any site prefix (/chibo/files/x.pdf)
            found.add(posixpath.normpath("/".join(segments[start:])))
    else:
        source_dir = posixpath.dirname(src)
        found.add(posixpath.normpath(posixpath.join(source_dir, path)))
        stem, _ = posixpath.splitext(posixpath.basename(src))
        page_dir = source_dir if stem in ("index", "README") or not directory_urls else posixpath.join(source_dir, stem)
        found.add(posixpath.normpath(posixpath.join(page_dir, path)))
    return {item for item in found if item not in (".", "") and not item.startswith("..")}


def analyse(body: str, src: str, extensions: Iterable[Any],
            directory_urls: bool = True) -> tuple[set[str], dict[str, set[str]]]:
    """(docs-relative paths the page ``src`` references, ``<a href>`` -> the paths it may mean),
    from one rendering of its Markdown body."""
    try:
        html = render(body[:_MAX_PAGE], extensions)
    except (RecursionError, MemoryError):  # refused by the checks (GH001); reference nothing
        return set(), {}
    parser = _References()
    parser.feed(html)
    parser.close()
    found: set[str] = set()
    for url in parser.urls:
        found |= candidates(url, src, directory_urls)
    anchors = {href: candidates(href.split("#", 1)[0], src, directory_urls) for href in parser.anchors}
    return found, anchors


def unlink(body: str, targets: Iterable[str]) -> str:
    """The Markdown body with every link to one of ``targets`` (hrefs as written) made
    plain text: inline links, reference definitions, raw ``<a href>``."""
    for target in sorted(set(targets), key=len, reverse=True):
        escaped = re.escape(target)
        body = re.sub(r"\[([^\]\n]*)\]\(\s*<?" + escaped + r">?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)",
                      r"\1", body)
        body = re.sub(r"(?m)^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?" + escaped + r">?.*$", "", body)
        body = re.sub(r"(?is)<a\b[^>]*?href\s*=\s*[\"']?" + escaped + r"[\"']?[^>]*>(.*?)</a\s*>", r"\1", body)
    return body


def stylesheet_references(css: str, src: str) -> set[str]:
    found: set[str] = set()
    for url in css_urls(css):
        found |= candidates(url, src, directory_urls=False)
    return found
