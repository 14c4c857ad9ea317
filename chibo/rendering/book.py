"""The site's documents as printed books: the whole site, and one volume per year.

A book is assembled from the per-document PDFs that ``chibo.rendering.pdf`` already keeps in
its cache, with pikepdf (qpdf): a cover and a "Mục lục" rendered by WeasyPrint (cached by
their HTML), then every page of every document in nav order; bookmarks (sections,
documents, the documents' own headings), page labels (i, ii … for cover and contents, then
1, 2 …), clickable contents entries, and "Trang k / N" stamped at the foot of each
document page with a subset of the same Tinos font.

Each volume is cached under a key that hashes its documents' cache keys, titles and order,
the templates, the cell's details and the library versions: a build where nothing changed
copies the cached files; an edited document re-assembles its year's volume and the whole
book (merging ~400 pages takes a fraction of a second) and never renders another page.

No MkDocs import; ``hooks/pdf_book.py`` collects the chapters and calls :func:`build_books`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

from chibo.atomic import write_atomic
from chibo.rendering.pdf import (
    FONT_FAMILY, FONT_FILES, MONO_FAMILY, TEMPLATES, PdfError, _file_digest, _publish, _renderer_version,
    font_face_css, uncovered_characters,
)

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")

BOOK_TEMPLATE = TEMPLATES / "book.html"
BOOK_CSS = TEMPLATES / "book.css"
# Bump when the assembly code changes in a way the template/CSS hashes do not capture.
BOOK_VERSION = "1"

BOOK_FOLDER = "pdf"  # the books' folder in the site
WHOLE_FILE = "van-ban-chi-bo.pdf"
WHOLE_TITLE = "Văn bản của Chi bộ"
WHOLE_DESCRIPTION = "Kế hoạch, nghị quyết, báo cáo và các quy định được dẫn chiếu"
YEAR_DESCRIPTION = "Kế hoạch, nghị quyết, báo cáo của chi bộ trong năm"
CONTENTS_TITLE = "Mục lục"
OTHER_SECTION = "Văn bản khác"
# Links of the contents page, rewritten into links to the book's own pages.
PAGE_LINK = "chibo-trang:"
# Page numbers: at the foot of the text column (margins left 35, right 15 mm), 12 mm up.
_MM = 72 / 25.4
NUMBER_SIZE = 10
NUMBER_CENTRE_X = (35 + (210 - 15)) / 2 * _MM
NUMBER_BASELINE = 12 * _MM
NUMBER_SAMPLE = "Trang 0123456789/"
NUMBER_FONT = "/ChiboSoTrang"


def document_year(meta: dict[str, Any]) -> int | None:
    """The year a document belongs to, from its own attributes only (never guessed)."""
    for key in ("nam", "thang", "ngay"):
        value = meta.get(key)
        if value in (None, ""):
            continue
        match = _YEAR.search(str(value))
        if match:
            return int(match.group(0))
    return None


def year_span(years: Iterable[int]) -> str:
    """"Năm 2022", "Năm 2020 – 2022", or "" when no document states its year."""
    known = sorted(set(years))
    if not known:
        return ""
    if known[0] == known[-1]:
        return f"Năm {known[0]}"
    return f"Năm {known[0]} – {known[-1]}"


# --- what a book holds ---------------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """One document in a book."""

    source: str  # Markdown file under docs/ (named in messages)
    title: str  # as the site's navigation shows it
    section: str  # top-level nav section ("Nghị quyết", "Quy định", …)
    year: int | None
    pdf: str  # the document's cached PDF
    key: str  # its cache key
    page: str = ""  # its page in the site ("ke-hoach/2022-ke-hoach-hoat-dong/index.html")

    @property
    def folder(self) -> str:
        """The site folder of the page and of the document's PDF."""
        parent = self.page.rpartition("/")[0]
        return parent


@dataclass(frozen=True)
class Volume:
    file: str  # file name under the site's pdf/ folder
    title: str  # printed on the cover
    description: str
    years: str  # "Năm 2022", "Năm 2013 – 2022"
    chapters: tuple[Chapter, ...]


def year_file(year: int) -> str:
    return f"van-ban-nam-{year}.pdf"


def plan_volumes(chapters: Sequence[Chapter]) -> list[Volume]:
    """The whole book (every document) and one volume per year a document states."""
    if not chapters:
        return []
    volumes = [Volume(WHOLE_FILE, WHOLE_TITLE, WHOLE_DESCRIPTION,
                      year_span(c.year for c in chapters if c.year is not None), tuple(chapters))]
    for year in sorted({c.year for c in chapters if c.year is not None}):
        volumes.append(Volume(year_file(year), f"Văn bản năm {year}", YEAR_DESCRIPTION, f"Năm {year}",
                              tuple(c for c in chapters if c.year == year)))
    return volumes


def _versions() -> str:
    from importlib.metadata import version

    return f"{_renderer_version()}; pikepdf {version('pikepdf')}; book {BOOK_VERSION}"


def volume_key(volume: Volume, cell: dict[str, Any], site_name: str, fonts: Path) -> str:
    """Hash of everything that shapes the volume (never the site directory)."""
    state = {
        "volume": {k: v for k, v in asdict(volume).items() if k != "chapters"},
        "chapters": [(c.source, c.title, c.section, c.year, c.key, c.page) for c in volume.chapters],
        "cell": cell, "site_name": site_name,
        "template": _file_digest(BOOK_TEMPLATE), "css": _file_digest(BOOK_CSS),
        "fonts": {name: _file_digest(fonts / name) for name in sorted(FONT_FILES.values())},
        "versions": _versions(),
    }
    blob = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --- cover and contents -----------------------------------------------------------------------


@dataclass
class _Entry:
    title: str
    start: int


@dataclass
class _Section:
    title: str
    entries: list[_Entry] = field(default_factory=list)


def contents(volume: Volume, starts: Sequence[int]) -> list[_Section]:
    sections: list[_Section] = []
    for chapter, start in zip(volume.chapters, starts):
        if not sections or sections[-1].title != chapter.section:
            sections.append(_Section(chapter.section))
        sections[-1].entries.append(_Entry(chapter.title, start))
    return sections


@lru_cache(maxsize=2)
def _template(text: str):
    import jinja2

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.from_string(text)


def front_html(volume: Volume, starts: Sequence[int], cell: dict[str, Any], site_name: str,
               fonts: Path) -> str:
    """Cover and contents of a volume; ``starts``: each document's first page number."""
    css = font_face_css(fonts) + BOOK_CSS.read_text(encoding="utf-8")
    return _template(BOOK_TEMPLATE.read_text(encoding="utf-8")).render(
        volume=volume, sections=contents(volume, starts), cell=cell, site_name=site_name,
        contents_title=CONTENTS_TITLE, page_link=PAGE_LINK, css=css)


def _render_checked(html: str, what: str, fonts: Path) -> bytes:
    """WeasyPrint's PDF of ``html``, refused if any character would print in another font."""
    import weasyprint

    from chibo.rendering.pdf import visible_text

    missing = uncovered_characters(visible_text(html), fonts)
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:10])
        raise PdfError(f"Không tạo được {what}: phông chữ không có các ký tự {shown}")
    document = weasyprint.HTML(string=html, base_url=str(fonts) + os.sep).render()
    for font in document.fonts.values():
        if font.family not in (FONT_FAMILY, MONO_FAMILY) or font.missing:
            raise PdfError(f'Không tạo được {what}: có chữ phải in bằng phông "{font.family}"')
    return document.write_pdf()


def _cached(path: Path, make) -> Path:
    if not path.is_file():
        write_atomic(path, make())
    return path


# --- page numbers -----------------------------------------------------------------------------


def _number_font(cache: Path, fonts: Path) -> Path:
    """A one-line PDF printing NUMBER_SAMPLE: its embedded Tinos subset draws the numbers."""
    digest = hashlib.sha256(json.dumps(
        [NUMBER_SAMPLE, _file_digest(fonts / FONT_FILES[(FONT_FAMILY, 400, "normal")]), _versions()]
    ).encode()).hexdigest()
    html = (f"<html><head><style>{font_face_css(fonts)} @page {{ size: A4; margin: 0 }} "
            f"p {{ font-family: '{FONT_FAMILY}'; font-size: {NUMBER_SIZE}pt; margin: 0 }}</style></head>"
            f"<body><p>{NUMBER_SAMPLE}</p></body></html>")
    return _cached(cache / f"so-trang-{digest}.pdf",
                   lambda: _render_checked(html, "số trang của tệp PDF toàn bộ văn bản", fonts))


def _glyphs(sample_pdf) -> tuple[Any, dict[str, bytes], dict[str, float]]:
    """(font object, glyph code and advance width of each character of NUMBER_SAMPLE)."""
    import pikepdf

    page = sample_pdf.pages[0]
    codes = b""
    font_name = None
    for operands, operator in pikepdf.parse_content_stream(page):
        if operator == pikepdf.Operator("Tf"):
            font_name = operands[0]
        elif operator == pikepdf.Operator("TJ"):
            codes += b"".join(bytes(o) for o in operands[0] if isinstance(o, pikepdf.String))
        elif operator == pikepdf.Operator("Tj"):
            codes += bytes(operands[0])
    if font_name is None or len(codes) != 2 * len(NUMBER_SAMPLE):
        raise PdfError("Không tạo được số trang của tệp PDF toàn bộ văn bản (mẫu chữ số không đọc được)")
    font = page.Resources.Font[font_name]
    widths: dict[int, float] = {}
    spec = list(font.DescendantFonts[0].get("/W", []))
    i = 0
    while i < len(spec):
        first = int(spec[i])
        if isinstance(spec[i + 1], pikepdf.Array):
            for offset, width in enumerate(spec[i + 1]):
                widths[first + offset] = float(width)
            i += 2
        else:
            for gid in range(first, int(spec[i + 1]) + 1):
                widths[gid] = float(spec[i + 2])
            i += 3
    default = float(font.DescendantFonts[0].get("/DW", 1000))
    code_of = {ch: codes[2 * n:2 * n + 2] for n, ch in enumerate(NUMBER_SAMPLE)}
    width_of = {ch: widths.get(int.from_bytes(code, "big"), default) for ch, code in code_of.items()}
    return font, code_of, width_of


def _number_stream(text: str, code_of: dict[str, bytes], width_of: dict[str, float]) -> bytes:
    width = sum(width_of[ch] for ch in text) * NUMBER_SIZE / 1000
    x = NUMBER_CENTRE_X - width / 2
    hexcodes = b"".join(code_of[ch] for ch in text).hex().encode()
    return (b"Q q BT %s %d Tf 0 g 1 0 0 1 %.2f %.2f Tm <%s> Tj ET Q\n"
            % (NUMBER_FONT.encode(), NUMBER_SIZE, x, NUMBER_BASELINE, hexcodes))


# --- assembly ---------------------------------------------------------------------------------


def _outline_of(source, offset: int):
    """The document's own bookmarks (its headings), pointing into the book.

    Read from the raw /Outlines dictionaries: pikepdf's ``open_outline`` would also write
    the source's outline back on exit, for nothing.
    """
    import pikepdf

    index = {page.obj.objgen: number for number, page in enumerate(source.pages)}

    def children(node) -> list:
        found, item, seen = [], node.get("/First"), set()
        while item is not None and item.objgen not in seen:
            seen.add(item.objgen)
            found.append(item)
            item = item.get("/Next")
        return found

    def copy(item) -> pikepdf.OutlineItem | None:
        destination = item.get("/Dest")
        if destination is None and "/A" in item:
            destination = item.A.get("/D")
        if not isinstance(destination, pikepdf.Array) or len(destination) < 1:
            return None
        number = index.get(destination[0].objgen)
        if number is None:
            return None
        top = None
        if len(destination) > 3 and destination[1] == pikepdf.Name.XYZ:
            try:
                top = float(destination[3])
            except (TypeError, ValueError):
                top = None
        made = pikepdf.OutlineItem(str(item.get("/Title", "")), offset + number, "XYZ", top=top)
        made.children.extend(c for c in (copy(child) for child in children(item)) if c is not None)
        return made

    outlines = source.Root.get("/Outlines")
    if outlines is None:
        return []
    roots = children(outlines)
    if len(roots) == 1:  # the document's title block ("KẾ HOẠCH …"): its sections under the chapter
        roots = children(roots[0])
    return [c for c in (copy(item) for item in roots) if c is not None]


def _book_links(book, volume: Volume, sources: list, front_pages: int, starts: list[int]) -> None:
    """Links of the documents (relative to each document's folder) fitted to the book:
    to a document of the same book → its first page; anything else → relative to the
    books' folder, so that it opens the site's page."""
    import posixpath
    from urllib.parse import quote, unquote, urlsplit

    import pikepdf

    first_page = {c.page: front_pages + start - 1 for c, start in zip(volume.chapters, starts)}
    for chapter, source, start in zip(volume.chapters, sources, starts):
        for number in range(len(source.pages)):
            page = book.pages[front_pages + start - 1 + number]
            for annotation in page.obj.get("/Annots", []):
                action = annotation.get("/A")
                uri = str(action.get("/URI", "")) if action is not None else ""
                parts = urlsplit(uri)
                if not uri or parts.scheme or parts.netloc or uri.startswith(("/", "#")):
                    continue
                target = posixpath.normpath(posixpath.join(chapter.folder or ".", unquote(parts.path)))
                key = target + "/index.html" if parts.path.endswith("/") or not posixpath.splitext(target)[1] \
                    else target
                if key in first_page:
                    del annotation["/A"]
                    annotation.Dest = pikepdf.Array([book.pages[first_page[key]].obj, pikepdf.Name.Fit])
                    continue
                relative = posixpath.relpath(target, BOOK_FOLDER)
                if parts.path.endswith("/"):
                    relative += "/"
                action.URI = pikepdf.String(quote(relative) + (f"#{parts.fragment}" if parts.fragment else ""))


def open_chapters(volume: Volume) -> list:
    import pikepdf

    return [pikepdf.open(chapter.pdf) for chapter in volume.chapters]


def assemble(volume: Volume, front: Path, number_font: Path, output: Path, *, document_title: str,
             author: str, sources: list | None = None) -> int:
    """Merge cover/contents and the documents' PDFs into ``output``; returns the page count.

    ``sources``: the chapters' PDFs already opened (:func:`open_chapters`); closed here.
    """
    import pikepdf

    sources = sources if sources is not None else open_chapters(volume)
    front_pdf = pikepdf.open(front)
    sample = pikepdf.open(number_font)
    book = pikepdf.new()
    try:
        book.pages.extend(front_pdf.pages)
        front_pages = len(front_pdf.pages)
        starts: list[int] = []
        for source in sources:
            starts.append(len(book.pages) - front_pages + 1)
            book.pages.extend(source.pages)
        total = len(book.pages) - front_pages

        # page labels: cover and contents i, ii …; documents 1 … N, as printed
        book.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([
            0, pikepdf.Dictionary(S=pikepdf.Name.r),
            front_pages, pikepdf.Dictionary(S=pikepdf.Name.D, St=1)]))

        # "Trang k / N" at the foot of every document page, in the embedded Tinos subset
        font, code_of, width_of = _glyphs(sample)
        font = book.copy_foreign(font)
        for number in range(1, total + 1):
            page = book.pages[front_pages + number - 1]
            resources = page.obj.get("/Resources")
            if resources is None:
                page.obj.Resources = resources = pikepdf.Dictionary()
            if "/Font" not in resources:
                resources.Font = pikepdf.Dictionary()
            resources.Font[NUMBER_FONT] = font
            page.contents_add(b"q\n", prepend=True)
            page.contents_add(_number_stream(f"Trang {number} / {total}", code_of, width_of))

        _book_links(book, volume, sources, front_pages, starts)

        # contents entries link to the documents' first pages
        for page in book.pages[:front_pages]:
            for annotation in page.obj.get("/Annots", []):
                action = annotation.get("/A")
                uri = str(action.get("/URI", "")) if action is not None else ""
                if uri.startswith(PAGE_LINK):
                    target = front_pages + int(uri[len(PAGE_LINK):]) - 1
                    if 0 <= target < len(book.pages):
                        del annotation["/A"]
                        annotation.Dest = pikepdf.Array([book.pages[target].obj, pikepdf.Name.Fit])

        # bookmarks: contents, then sections → documents → their headings
        with book.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem(CONTENTS_TITLE, min(1, front_pages - 1)))
            rows = list(zip(volume.chapters, sources, starts))
            for section, group in groupby(rows, key=lambda row: row[0].section):
                group = list(group)
                section_item = pikepdf.OutlineItem(section, front_pages + group[0][2] - 1)
                for chapter, source, start in group:
                    item = pikepdf.OutlineItem(chapter.title, front_pages + start - 1)
                    item.children.extend(_outline_of(source, front_pages + start - 1))
                    section_item.children.append(item)
                outline.root.append(section_item)

        book.Root.PageMode = pikepdf.Name.UseOutlines
        book.Root.Lang = pikepdf.String("vi")
        with book.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = document_title
            meta["dc:creator"] = [author]
        book.docinfo[pikepdf.Name.Title] = document_title
        book.docinfo[pikepdf.Name.Author] = author
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".tmp")
        os.close(handle)
        book.save(temporary, deterministic_id=True)
        os.replace(temporary, output)
        return len(book.pages)
    finally:
        book.close()
        sample.close()
        front_pdf.close()
        for source in sources:
            source.close()


def build_volume(job: dict[str, Any]) -> dict[str, Any]:
    """Worker entry point: one volume, into the cache (top level so the pool can pickle it)."""
    volume: Volume = job["volume"]
    fonts, cache = Path(job["fonts"]), Path(job["cache"])
    what = f'tệp PDF "{volume.title}" ({volume.file})'
    sources = open_chapters(volume)
    starts, page = [], 1
    for source in sources:
        starts.append(page)
        page += len(source.pages)
    html = front_html(volume, starts, job["cell"], job["site_name"], fonts)
    front_digest = hashlib.sha256((html + _versions()).encode("utf-8")).hexdigest()
    front_file = cache / f"bia-muc-luc-{front_digest}.pdf"
    rendered_front = not front_file.is_file()
    try:
        _cached(front_file, lambda: _render_checked(html, f"bìa và mục lục của {what}", fonts))
        numbers = _number_font(cache, fonts)
    except Exception:
        for source in sources:
            source.close()
        raise
    pages = assemble(volume, front_file, numbers, Path(job["output"]),
                     document_title=job["document_title"], author=job["author"], sources=sources)
    return {"file": volume.file, "pages": pages, "rendered_front": rendered_front}


@dataclass
class BookReport:
    assembled: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)


def build_books(volumes: Sequence[Volume], renderer, cache_dir: Path, out_dir: Path, *,
                cell: dict[str, Any], site_name: str) -> BookReport:
    """Write every volume into ``out_dir``, from the cache when its key is known.

    Missing volumes are assembled in the renderer's worker pool when it runs (a cold
    build: both cores), else here. Raises PdfError naming the volumes that failed.
    """
    cache = Path(cache_dir) / "book"
    fonts = renderer.fonts
    report = BookReport()
    jobs = []
    current: set[str] = set()
    for volume in volumes:
        cached = cache / f"{volume_key(volume, cell, site_name, fonts)}.pdf"
        current.add(cached.name)
        if cached.is_file():
            os.utime(cached)  # in use: not stale (see _prune)
            _publish(cached, out_dir / volume.file)
            report.cached.append(volume.file)
            continue
        title = site_name if volume.file == WHOLE_FILE else f"{volume.title} — {site_name}"
        job = {"volume": volume, "fonts": str(fonts), "cache": str(cache), "output": str(cached),
               "cell": cell, "site_name": site_name, "document_title": title,
               "author": str(cell.get("chi_bo") or "")}
        jobs.append((volume, cached, renderer.submit(build_volume, job)))
    errors = []
    for volume, cached, future in jobs:
        try:
            result = future.result()
        except PdfError as error:
            errors.append(str(error))
            continue
        except Exception as error:  # pikepdf/WeasyPrint raise many kinds; all mean "no book"
            errors.append(f'Không tạo được tệp PDF "{volume.title}" ({volume.file}): '
                          f"{type(error).__name__}: {error}")
            continue
        _publish(cached, out_dir / volume.file)
        report.assembled.append(volume.file)
        report.pages[volume.file] = result["pages"]
    if errors:
        raise PdfError("\n".join(errors))
    _prune(cache, keep=current)
    return report


# A book is ~5 MB and each edit makes a new one: volumes no build has used for this long go.
_STALE_SECONDS = 600
_VOLUME_FILE = re.compile(r"[0-9a-f]{64}\.pdf")


def _prune(cache: Path, keep: set[str]) -> None:
    """Remove cached volumes that this build did not use and no build used lately (another
    build sharing the cache may still want a recent one; a site's copy is a hard link or a
    copy, so it stays)."""
    import time

    now = time.time()
    for path in cache.glob("*.pdf"):
        if path.name in keep or not _VOLUME_FILE.fullmatch(path.name):
            continue
        try:
            if now - path.stat().st_mtime > _STALE_SECONDS:
                path.unlink()
        except OSError:
            pass


