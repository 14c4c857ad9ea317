"""The list a member's phone keeps the site by: every file of the built site, nothing else.

The service worker (``overrides/sw.js``) reads ``ban-luu.json`` to keep a copy for reading
without the network: after one visit the site shell, every published page, the search index
and its worker; on "Lưu để đọc khi không có mạng" the PDFs as well. The list is made by walking
the built site directory only, after everything is written: a withheld document never is in
it, so it never is in the list. Each file comes with a short hash of its bytes, so an update
downloads only what changed. No date: two builds of the same documents write the same list
(the phone notes when it saved its copy).

Left out: the list and the worker themselves, the sitemap, source maps, dotfiles, and the
search languages the site does not use (Material ships thirty; the worker loads only the
site's). No MkDocs import.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

LIST_NAME = "ban-luu.json"
WORKER_NAME = "sw.js"
_LEFT_OUT = {LIST_NAME, WORKER_NAME, "sitemap.xml", "sitemap.xml.gz"}
_LUNR = "assets/javascripts/lunr/"
_LUNR_ALWAYS = ("min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js")


@dataclass(frozen=True)
class Totals:
    files: int
    pages_bytes: int   # shell, pages, search: kept after one visit
    pdf_bytes: int     # kept on "Lưu để đọc khi không có mạng"
    pdfs: int


def _kept(relative: str, search_langs: tuple[str, ...]) -> bool:
    if relative in _LEFT_OUT or relative.endswith(".map"):
        return False
    if any(part.startswith(".") for part in relative.split("/")):
        return False
    if relative.startswith(_LUNR):
        inner = relative[len(_LUNR):]
        return inner in _LUNR_ALWAYS or inner in {f"min/lunr.{lang}.min.js" for lang in search_langs}
    return True


def build_list(site_dir: Path, *, search_langs: tuple[str, ...] = ("vi",)) -> dict:
    """``{"version", "files": [[path, hash, size]…], "pdfs": [[path, hash, size]…]}``."""
    root = site_dir.resolve()
    files, pdfs = [], []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue  # a link could point outside the built site
        relative = path.relative_to(root).as_posix()
        if not _kept(relative, search_langs):
            continue
        data = path.read_bytes()
        entry = [relative, hashlib.sha256(data).hexdigest()[:16], len(data)]
        (pdfs if posixpath.splitext(relative)[1].lower() == ".pdf" else files).append(entry)
    version = hashlib.sha256(json.dumps([files, pdfs]).encode()).hexdigest()[:16]
    return {"version": version, "files": files, "pdfs": pdfs}


def totals(listing: dict) -> Totals:
    return Totals(files=len(listing["files"]), pages_bytes=sum(size for _, _, size in listing["files"]),
                  pdf_bytes=sum(size for _, _, size in listing["pdfs"]), pdfs=len(listing["pdfs"]))


def write_list(site_dir: Path, *, search_langs: tuple[str, ...] = ("vi",)) -> dict:
    listing = build_list(site_dir, search_langs=search_langs)
    (site_dir / LIST_NAME).write_text(json.dumps(listing, ensure_ascii=False, separators=(",", ":")),
                                      encoding="utf-8")
    return listing
