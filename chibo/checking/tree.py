"""Validate every document under a docs directory (the library behind ``make check``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from chibo.document.config import DocType, load_settings
from chibo.document.diagnostics import Problem, Severity
from chibo.document.model import Document, load, load_file
from chibo.checking.limits import check_limits
from chibo.checking.rules import validate
from chibo.document.frontmatter import is_page
from chibo.document.visibility import is_withheld

# Further per-document checks (e.g. citations) register here: doc -> problems.
ExtraCheck = Callable[[Document], list[Problem]]


@dataclass
class Report:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def summary(self) -> str:
        return (f"Đã kiểm tra {len(self.documents)} văn bản: {len(self.errors)} lỗi, "
                f"{len(self.warnings)} cảnh báo.")


def is_document_path(relative: Path, types: dict[str, DocType]) -> bool:
    """Files inside a document type's folder are documents, except its index page."""
    folders = {t.folder for t in types.values()}
    return bool(relative.parts) and relative.parts[0] in folders and relative.name != "index.md"


def markdown_files(docs_dir: Path) -> Iterable[Path]:
    return sorted(p for p in docs_dir.rglob("*") if p.is_file() and is_page(p.name))


def check_tree(docs_dir: Path, *, display_root: Path | None = None,
               types: dict[str, DocType] | None = None,
               extra_checks: Iterable[ExtraCheck] = (), nav: set[str] | None = None,
               sources: Mapping[str, bytes] | None = None) -> Report:
    """Read and validate every Markdown file under docs_dir. Never raises on bad input.

    ``nav``: the files mkdocs.yml's nav lists (``chibo.document.config.nav_files``); a published
    document missing from it is reported (VB005) in Vietnamese, before MkDocs would stop
    the strict build with its own English warning.

    ``sources``: the build's snapshot (docs-relative POSIX path -> bytes,
    ``chibo.document.snapshot``): read from it, never from the disk again.
    """
    types = types if types is not None else load_settings().types
    display_root = (display_root or Path.cwd()).resolve()
    docs_dir = docs_dir.resolve()
    report = Report()
    files = (sorted(docs_dir / name for name in sources if is_page(name))
             if sources is not None else markdown_files(docs_dir))
    for file in files:
        relative = file.relative_to(docs_dir)
        try:
            shown = str(file.relative_to(display_root))
        except ValueError:
            shown = str(file)
        doc = (load(sources[relative.as_posix()], shown) if sources is not None
               else load_file(file, shown))
        must = is_document_path(relative, types)
        unreadable = any(p.code == "VB001" for p in doc.problems)
        bounds = check_limits(doc.text, shown)  # every page: the renderer cannot take them
        report.problems += bounds
        if bounds:
            continue  # the other rules would not tell more about such a page
        if not (must or unreadable or "loai" in doc.meta):
            continue  # home page, indexes, guides: not documents
        report.documents.append(doc)
        report.problems += validate(doc, types, must_be_document=must)
        if nav is not None and must and relative.as_posix() not in nav and not is_withheld(doc.meta):
            report.problems.append(Problem(shown, 1, "VB005", "văn bản chưa có trong mục lục (nav) của "
                                           f"mkdocs.yml: thêm dòng \"- Tên văn bản: {relative.as_posix()}\" vào "
                                           "mục của loại văn bản này (make new và make import tự thêm)"))
        for extra in extra_checks:
            report.problems += extra(doc)
    for extra in extra_checks:  # checks across documents (e.g. continuity) say what they found at the end
        finish = getattr(extra, "finish", None)
        if callable(finish):
            report.problems += finish()
    report.problems.sort(key=lambda p: (p.path, p.line, p.code))
    return report


def default_extra_checks(data_dir: Path | None = None) -> list[ExtraCheck]:
    """Checks beyond structure that every entry point runs (kept in one place)."""
    from chibo.checking.citations import Detector, check_citations
    from chibo.document.registry import load_registry

    registry = load_registry(data_dir)
    detector = Detector(registry)
    from chibo.checking.continuity import continuity_check

    return [lambda doc: check_citations(doc, registry, detector), continuity_check(data_dir)]
