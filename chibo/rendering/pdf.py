"""PDF of each document in the official layout of Party documents, rendered by WeasyPrint.

The HTML template and stylesheet live in ``chibo/rendering/pdf_templates/``. Each PDF is cached under
a key hashing everything that shapes it (content, attributes, template, CSS, fonts,
renderer version), and cache misses are rendered in parallel in worker processes.

Nothing here imports MkDocs: ``hooks/pdf.py`` only collects the pages and calls
:func:`render_all`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import queue
import re
import shutil
import threading
import time
import unicodedata
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from chibo.atomic import write_atomic
from chibo.document.config import DocType
from chibo.rendering import header_lines
from chibo.rendering.presentation import date_line, header_view

TEMPLATES = Path(__file__).resolve().parent / "pdf_templates"
TEMPLATE_FILE = TEMPLATES / "document.html"
CSS_FILE = TEMPLATES / "document.css"

# Bump when the rendering code changes in a way the template/CSS hashes do not capture.
RENDER_VERSION = "3"  # 2: links relative to the PDF (relative_links); 3: balanced issuing-body lines

# Tinos (metric-compatible with Times New Roman, covers Vietnamese) as full TrueType files.
# The site's woff2 files are unicode-range subsets: WeasyPrint 70 merges same-named
# subsets into one PDF font and prints wrong glyphs, so PDFs never use them.
FONT_FAMILY = "Tinos PDF"
MONO_FAMILY = "Cousine PDF"
FONT_FILES = {
    (FONT_FAMILY, 400, "normal"): "Tinos-Regular.ttf",
    (FONT_FAMILY, 700, "normal"): "Tinos-Bold.ttf",
    (FONT_FAMILY, 400, "italic"): "Tinos-Italic.ttf",
    (FONT_FAMILY, 700, "italic"): "Tinos-BoldItalic.ttf",
    (MONO_FAMILY, 400, "normal"): "Cousine-Regular.ttf",
}
# Debian's fonts-croscore; CHIBO_PDF_FONT_DIR may point elsewhere (same file names).
FONT_DIRS = ("/usr/share/fonts/truetype/croscore",)

# Fields of the header/closing blocks and the attribute each one comes from. A document
# type that does not declare the attribute (e.g. a referenced regulation, issued by
# another body) gets the field left blank rather than filled with the cell's defaults.
_FIELD_SOURCES = {
    "cap_tren": "cap_tren",
    "chi_bo": "chi_bo",
    "tham_quyen": "tham_quyen",
    "chuc_vu": "chuc_vu",
    "nguoi_ky": "nguoi_ky",
    "noi_nhan": "noi_nhan",
}


class PdfError(Exception):
    """A PDF could not be made; the message is in Vietnamese and names the document."""


@dataclass(frozen=True)
class DocumentPdf:
    """One document page to print: what it says and where its PDF goes."""

    source: str  # the Markdown file, relative to docs/ (named in messages)
    title: str
    content: str  # the page's rendered HTML body (Markdown -> HTML)
    view: dict[str, Any]  # header/closing fields, already formatted (see document_view)
    base_dir: str  # directory that relative links/images in ``content`` resolve against
    output: str  # absolute path of the PDF to write


@dataclass
class RenderReport:
    rendered: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    seconds: float = 0.0  # time spent rendering, summed over the documents rendered


# --- what the document shows ---------------------------------------------------------


def document_view(meta: dict[str, Any], doctype: DocType, cell: dict[str, Any]) -> dict[str, Any]:
    """The header/closing fields of the printed document (``header_view`` of the screen).

    Fields the document type does not declare stay blank: a regulation of the Central
    Committee is not signed by the cell's secretary.
    """
    view = dict(header_view(meta, doctype, cell))
    declared = doctype.attributes
    for name, source in _FIELD_SOURCES.items():
        if source not in declared:
            view[name] = [] if name == "noi_nhan" else ""
    if "so" not in declared:
        code = str(meta.get("ma") or "").strip()
        view["so"] = f"Số {code}" if code else ""
    if "ngay" not in declared:
        view["ngay"] = ""
    if meta.get("tom_tat"):
        # Our summary of a regulation: no issuing body, number or date of the original.
        view.update({"cap_tren": "", "chi_bo": "", "so": "", "ngay": "", "tom_tat": True,
                     "loai": "BẢN TÓM TẮT", "trich_yeu": str(meta.get("title") or "")})
        return view
    # A cited regulation: its issuing body and date as the registry records them (never guessed).
    origin = meta.get("van_ban_goc") or {}
    if "chi_bo" not in declared and origin.get("co_quan"):
        view["chi_bo"] = str(origin["co_quan"]).upper()
    if "ngay" not in declared and origin.get("ngay"):
        view["ngay"] = date_line("", str(origin["ngay"]))
    return view


# --- fonts ---------------------------------------------------------------------------


def font_dir() -> Path:
    candidates = [os.environ["CHIBO_PDF_FONT_DIR"]] if os.environ.get("CHIBO_PDF_FONT_DIR") else []
    candidates += FONT_DIRS
    for candidate in candidates:
        directory = Path(candidate)
        if all((directory / name).is_file() for name in FONT_FILES.values()):
            return directory
    raise PdfError(
        "Không tìm thấy phông chữ Tinos/Cousine (tệp .ttf) để tạo PDF. Hãy cài gói hệ thống "
        "fonts-croscore (xem scripts/system-packages.txt) hoặc đặt biến CHIBO_PDF_FONT_DIR."
    )


def font_face_css(directory: Path) -> str:
    rules = []
    for (family, weight, style), name in FONT_FILES.items():
        url = (directory / name).resolve().as_uri()
        rules.append(
            f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
            f"font-style: {style}; src: url('{url}') format('truetype'); }}"
        )
    return "\n".join(rules) + "\n"


@lru_cache(maxsize=None)
def _cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def uncovered_characters(text: str, directory: Path) -> list[str]:
    """Characters of ``text`` that the body font cannot draw (they would print as boxes)."""
    regular = _cmap(str(directory / FONT_FILES[(FONT_FAMILY, 400, "normal")]))
    missing = set()
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        if ord(char) not in regular:
            missing.add(char)
    return sorted(missing)


def _file_digest(path: Path) -> str:
    stat = path.stat()
    return _digest(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    """SHA-256 of a file, remembered while its modification time and size stay the same."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- HTML ------------------------------------------------------------------------------

_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def clean_content(html: str) -> str:
    """The page body without on-screen only parts (the "#" permalinks)."""
    return _HEADERLINK.sub("", html)


_STYLE = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)


def visible_text(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(_TAG.sub(" ", _STYLE.sub(" ", html)))


@lru_cache(maxsize=4)
def _template(text: str):
    import jinja2

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.from_string(text)


# The issuing body's lines (document.css: .vb-cap-tren regular, .vb-chi-bo bold, both 14 pt capitals).
_BODY_LINES = {"cap_tren": (FONT_FAMILY, 400), "chi_bo": (FONT_FAMILY, 700)}
BODY_SIZE_PT = 14


def body_lines(view: dict[str, Any], fonts: Path) -> dict[str, list[str]]:
    """The superior body and the cell, each broken into balanced lines of the header's column."""
    return {name: header_lines.lines(str(view.get(name) or "").upper(),
                                     str(fonts / FONT_FILES[(family, weight, "normal")]), BODY_SIZE_PT)
            for name, (family, weight) in _BODY_LINES.items()}


def document_html(doc: DocumentPdf, fonts: Path) -> str:
    """The standalone HTML of the printed document."""
    css = font_face_css(fonts) + CSS_FILE.read_text(encoding="utf-8")
    return _template(TEMPLATE_FILE.read_text(encoding="utf-8")).render(
        title=doc.title, vb=doc.view, dau=body_lines(doc.view, fonts), content=clean_content(doc.content), css=css,
    )


# --- cache -----------------------------------------------------------------------------

_LOCAL_REF = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"'#?]+)""")


@lru_cache(maxsize=1)
def _renderer_version() -> str:
    # From the installed packages' metadata: a build whose PDFs are all cached never
    # imports WeasyPrint.
    from importlib.metadata import version

    return f"weasyprint {version('weasyprint')}; pydyf {version('pydyf')}; chibo {RENDER_VERSION}"


def shared_state(fonts: Path) -> dict[str, Any]:
    """What shapes every document's PDF alike: template, CSS, fonts, renderer versions."""
    return {
        "template": _file_digest(TEMPLATE_FILE),
        "css": _file_digest(CSS_FILE),
        "fonts": {name: _file_digest(fonts / name) for name in sorted(FONT_FILES.values())},
        "renderer": _renderer_version(),
    }


def cache_key(doc: DocumentPdf, fonts: Path, shared: dict[str, Any] | None = None) -> str:
    """Hash of everything that shapes the PDF; the output path is not part of it.

    ``shared``: :func:`shared_state`, computed once per build by the caller.
    """
    state = {k: v for k, v in asdict(doc).items() if k not in ("output", "base_dir")}
    state.update(shared if shared is not None else shared_state(fonts))
    local = {}
    for ref in sorted(set(_LOCAL_REF.findall(doc.content))):
        target = Path(doc.base_dir, ref)
        if "://" not in ref and target.is_file():
            local[ref] = _file_digest(target)
    state["resources"] = local
    blob = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --- rendering -------------------------------------------------------------------------


def _fail(doc: DocumentPdf, reason: str) -> PdfError:
    return PdfError(f'Không tạo được tệp PDF của văn bản "{doc.title}" ({doc.source}): {reason}')


def render_pdf(doc: DocumentPdf, fonts: Path) -> bytes:
    """Render one document to PDF bytes, or raise PdfError naming it.

    Refuses to produce a PDF with a character the font lacks, a fallback font, or a
    glyph drawn as .notdef.
    """
    import weasyprint

    html = document_html(doc, fonts)
    missing = uncovered_characters(visible_text(html), fonts)
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:10])
        raise _fail(doc, f"phông chữ không có các ký tự {shown}")
    try:
        document = weasyprint.HTML(string=html, base_url=doc.base_dir + os.sep).render()
        data = document.write_pdf()
    except PdfError:
        raise
    except Exception as error:  # WeasyPrint raises many kinds; all mean "no PDF"
        raise _fail(doc, f"lỗi khi dàn trang ({type(error).__name__}: {error})") from error
    if not document.pages:
        raise _fail(doc, "tệp PDF không có trang nào")
    allowed = {FONT_FAMILY, MONO_FAMILY}
    for font in document.fonts.values():
        if font.family not in allowed:
            raise _fail(doc, f'có chữ phải in bằng phông dự phòng "{font.family}"')
        if font.missing:
            chars = "".join(chr(c) for c in font.missing)
            raise _fail(doc, f"có ký tự không in được ({chars!r})")
    return relative_links(data, doc.base_dir)


def relative_links(data: bytes, base_dir: str) -> bytes:
    """The PDF with its links to local files made relative to its own folder.

    WeasyPrint resolves a page's relative links (citations, "được dẫn chiếu tại") against
    the build's folder: ``file:///tmp/…/site/quy-dinh/213-qd-tw/``. That path means nothing
    on the reader's machine, and the cache (whose key leaves the build folder out) would
    hand it to other builds. The PDF sits next to its page, so the page's own relative link
    is right for it too.
    """
    import io
    from urllib.parse import quote, unquote, urlsplit

    import pikepdf

    base = Path(base_dir)
    changed = False
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                action = annotation.get("/A")
                uri = str(action.get("/URI", "")) if action is not None else ""
                if not uri.startswith("file:"):
                    continue
                parts = urlsplit(uri)
                target = unquote(parts.path)
                relative = os.path.relpath(target, base).replace(os.sep, "/")
                if target.endswith("/") and not relative.endswith("/"):
                    relative += "/"
                action.URI = pikepdf.String(quote(relative) + (f"#{parts.fragment}" if parts.fragment else ""))
                changed = True
        if not changed:
            return data
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _render_job(doc: DocumentPdf, fonts: str) -> tuple[bytes, float]:
    """Worker entry point (top level so the process pool can pickle it): PDF and seconds."""
    started = time.perf_counter()
    data = render_pdf(doc, Path(fonts))
    return data, time.perf_counter() - started


def _publish(cache_file: Path, output: str | Path) -> None:
    """Put a cached file in the site: a hard link when it can (cache files are only ever
    replaced, never written in place, so the site's copy cannot change), else a copy."""
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        target.unlink(missing_ok=True)
        os.link(cache_file, target)
    except OSError:
        shutil.copyfile(cache_file, target)


def worker_count(pending: int) -> int:
    wanted = os.environ.get("CHIBO_PDF_JOBS")
    cores = int(wanted) if wanted and wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return max(1, min(cores, pending))


class Renderer:
    """Renders documents as the build produces them, from the cache when it can.

    ``add`` is called for each document page while MkDocs is still building the others: a
    cache miss goes at once to a worker process (``workers`` processes, default one per
    core), so the cores render PDFs while the site is built. Starting the pool waits for
    the fork server to import WeasyPrint (≈ 0.5–1 s), so a dispatcher thread starts it and
    hands it the documents: the build never waits for it. ``finish`` waits for the PDFs.
    The same pool runs the books' jobs (``submit``); a build where nothing changed never
    starts it, and never imports WeasyPrint.
    """

    def __init__(self, cache_dir: Path, workers: int | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        self.workers = workers or worker_count(os.cpu_count() or 1)
        self.fonts = font_dir()
        self.shared = shared_state(self.fonts)
        self.report = RenderReport()
        self.files: dict[str, Path] = {}  # source -> cached PDF
        self.keys: dict[str, str] = {}  # source -> cache key
        self._pending: list[list[Any]] = []  # [doc, cache file, future or None]
        self._pool: ProcessPoolExecutor | None = None
        self._queue: queue.SimpleQueue | None = None
        self._dispatcher: threading.Thread | None = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def _dispatch(self) -> None:
        """Dispatcher thread: start the pool, then submit each queued document."""
        assert self._queue is not None
        try:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_pool_context())
        except Exception as error:  # every document then fails with this reason
            self._pool, failure = None, error
        else:
            failure = None
        while True:
            entry = self._queue.get()
            if entry is None:
                return
            try:
                if failure is not None:
                    raise failure
                entry[2] = self._pool.submit(_render_job, entry[0], str(self.fonts))
            except Exception as error:
                future: Future = Future()
                future.set_exception(error)
                entry[2] = future

    def add(self, doc: DocumentPdf) -> Path:
        key = cache_key(doc, self.fonts, self.shared)
        cache_file = self.cache_dir / f"{key}.pdf"
        self.files[doc.source] = cache_file
        self.keys[doc.source] = key
        if cache_file.is_file():
            _publish(cache_file, doc.output)
            self.report.cached.append(doc.source)
            return cache_file
        entry: list[Any] = [doc, cache_file, None]
        self._pending.append(entry)
        if self.workers > 1:
            if self._dispatcher is None:
                self._queue = queue.SimpleQueue()
                self._dispatcher = threading.Thread(target=self._dispatch, name="chibo-pdf", daemon=True)
                self._dispatcher.start()
            assert self._queue is not None
            self._queue.put(entry)
        return cache_file

    def _stop_dispatcher(self) -> None:
        if self._dispatcher is not None and self._queue is not None:
            self._queue.put(None)
            self._dispatcher.join()
        self._dispatcher = None

    def submit(self, function, *args):
        """Run ``function(*args)`` in the pool when it is running, else here; a future."""
        self._stop_dispatcher()
        if self._pool is not None:
            return self._pool.submit(function, *args)
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except Exception as error:  # reported by the caller, like a worker's
            future.set_exception(error)
        return future

    def finish(self) -> RenderReport:
        """Wait for the documents' PDFs; raise PdfError listing every failure."""
        self._stop_dispatcher()
        errors: list[str] = []
        for doc, cache_file, job in self._pending:
            outcome = _attempt(doc, self.fonts) if job is None else _outcome(job)
            if isinstance(outcome, Exception):
                errors.append(str(outcome) if isinstance(outcome, PdfError) else str(_fail(doc, repr(outcome))))
                self.files.pop(doc.source, None)
                continue
            data, seconds = outcome
            write_atomic(cache_file, data)
            _publish(cache_file, doc.output)
            self.report.rendered.append(doc.source)
            self.report.seconds += seconds
        self._pending.clear()
        if errors:
            raise PdfError("\n".join(errors))
        return self.report

    def close(self) -> None:
        self._stop_dispatcher()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def render_all(docs: Sequence[DocumentPdf], cache_dir: Path, workers: int | None = None) -> RenderReport:
    """Write every document's PDF, from the cache when its key is known.

    Cache misses are rendered in parallel (``workers`` processes, default: one per
    core). If any document fails, the others are still written and a PdfError listing
    every failure is raised.
    """
    renderer = Renderer(cache_dir, workers=workers or worker_count(len(docs)))
    try:
        for doc in docs:
            renderer.add(doc)
        return renderer.finish()
    finally:
        renderer.close()


def _pool_context():
    """forkserver: workers start from a small clean process with WeasyPrint preloaded
    (~0.5 s once per build), not as copies of the MkDocs process, which holds the whole
    site (600 MiB with 50 documents) and may run threads (``mkdocs serve``)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["chibo.rendering.pdf", "chibo.rendering.book", "weasyprint", "pikepdf"])
    return context


def _attempt(doc: DocumentPdf, fonts: Path) -> tuple[bytes, float] | Exception:
    try:
        return _render_job(doc, str(fonts))
    except Exception as error:  # reported together with the others
        return error


def _outcome(future) -> tuple[bytes, float] | Exception:
    try:
        return future.result()
    except Exception as error:
        return error
