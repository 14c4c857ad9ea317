"""Files a page links to (images, attachments), from its Markdown source.

A file that only withheld pages (drafts, confidential documents) link to is withheld with
them: an image or a scanned annex of a ``mat: true`` document must never be published.
Links are found in Markdown (``[..](x)``, ``![..](x)``, reference definitions) and in raw
HTML attributes (``src``, ``href``, ``data``, ``poster``; any quoting).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Mapping
from urllib.parse import unquote, urlsplit

_INLINE = re.compile(r"\]\(\s*<?([^\s)>]+)")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_ATTRIBUTE = re.compile(r"""\b(?:src|href|data|poster|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""",
                        re.IGNORECASE)


def resolve(target: str, src_uri: str) -> str | None:
    """Docs-relative POSIX path of a relative link written in ``src_uri``; None otherwise."""
    parts = urlsplit(target.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
    return None if path.startswith("..") or path == "." else path


def linked_files(text: str, src_uri: str) -> set[str]:
    """Every docs-relative path the Markdown source of ``src_uri`` links to."""
    found: set[str] = set()
    targets = [m.group(1) for m in _INLINE.finditer(text)]
    targets += [m.group(1) for m in _REFERENCE.finditer(text)]
    for match in _ATTRIBUTE.finditer(text):
        value = next(group for group in match.groups() if group is not None)
        targets += [item.split()[0] for item in value.split(",") if item.strip()]  # srcset lists
    for target in targets:
        path = resolve(target, src_uri)
        if path is not None:
            found.add(path)
    return found


def withheld_attachments(pages: Mapping[str, str], withheld: Collection[str]) -> dict[str, set[str]]:
    """Non-page files linked only from withheld pages -> the withheld pages linking to them.

    ``pages``: docs-relative path -> Markdown source of every page (published or not).
    """
    public: set[str] = set()
    hidden: dict[str, set[str]] = {}
    for src, text in pages.items():
        links = {path for path in linked_files(text, src) if not path.endswith(".md")}
        if src in withheld:
            for path in links:
                hidden.setdefault(path, set()).add(src)
        else:
            public |= links
    return {path: sources for path, sources in hidden.items() if path not in public}
