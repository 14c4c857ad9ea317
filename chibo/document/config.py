"""Loading the data files a secretary edits (document types, cell settings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from chibo.document.text import fold

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Form:
    """A form of a type with its own structure (a topic plan, a congress resolution)."""

    keywords: tuple[str, ...] = ()
    sections: list[dict[str, Any]] | None = None  # None: the type's own sections


@dataclass(frozen=True)
class DocType:
    """One document type as declared in ``data/loai-van-ban.yml``."""

    code: str
    label: str
    abbreviation: str
    folder: str
    preamble: str
    attributes: dict[str, dict[str, Any]]
    sections: list[dict[str, Any]]
    numbered_articles: bool = False
    official_header: bool = True  # the cell's own header and signature block
    other_labels: tuple[str, ...] = ()  # labels imported as this type ("CHỈ THỊ" ...)
    forms: dict[str, Form] = field(default_factory=dict)  # "chuyen-de" -> its own sections

    def form_of(self, meta: dict[str, Any]) -> str:
        """The form a document takes: its ``dang`` attribute, else the first form whose
        words its trích yếu (or title) contains; "" for the type's usual form."""
        chosen = str(meta.get("dang") or "").strip()
        if chosen in self.forms:
            return chosen
        summary = " ".join(fold(str(meta.get(key) or "")).lower() for key in ("trich_yeu", "title"))
        summary = " ".join(summary.split())
        for code, form in self.forms.items():
            if any(fold(word).lower() in summary for word in form.keywords):
                return code
        return ""

    def sections_for(self, meta: dict[str, Any]) -> list[dict[str, Any]]:
        """The section specs that apply to a document of this type (its form's, if any)."""
        form = self.forms.get(self.form_of(meta))
        if form is not None and form.sections is not None:
            return form.sections
        return self.sections


@dataclass(frozen=True)
class Settings:
    """The cell's own settings (``data/chi-bo.yml``) and its document types."""

    cell: dict[str, Any]
    types: dict[str, DocType] = field(default_factory=dict)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataError(Exception):
    """A data file is unreadable or has the wrong shape: ``data/x.yml:LINE: CODE message``.

    DL001: not valid YAML (or unreadable); DL002: valid YAML of the wrong shape. Every
    entry point turns it into that one line and a non-zero exit, never a traceback.
    """

    def __init__(self, path: Path, line: int, code: str, message: str) -> None:
        self.path, self.line, self.code, self.message = path, line, code, message
        super().__init__(f"data/{path.name}:{line}: {code} {message}")


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return yaml.load(handle, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        # an unclosed quote or bracket: where it opened; anything else: where it went wrong
        opened = isinstance(error, yaml.scanner.ScannerError) or "flow" in str(getattr(error, "context", "") or "")
        first = "context_mark" if opened else "problem_mark"
        mark = getattr(error, first, None) or getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise DataError(path, mark.line + 1 if mark else 1, "DL001",
                        f"tệp dữ liệu viết sai cú pháp YAML ({problem}); xem thụt lề, dấu hai chấm, dấu ngoặc kép "
                        "ở dòng này hoặc dòng ngay trên") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(path, 1, "DL001", f"không đọc được tệp dữ liệu ({error})") from None


def _line_of(path: Path, key: object) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
            if line.strip().startswith(f"{key}:"):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def load_types(path: Path | None = None) -> dict[str, DocType]:
    path = path or DATA_DIR / "loai-van-ban.yml"
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("loai"), dict) or not raw["loai"]:
        raise DataError(path, 1, "DL002", "tệp dữ liệu phải có khóa \"loai:\" chứa các loại văn bản")
    types = {}
    for code, spec in raw["loai"].items():
        try:
            types[code] = _doc_type(code, spec)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            what = (f"thiếu khóa \"{error.args[0]}\"" if isinstance(error, KeyError)
                    else "có giá trị sai kiểu (danh sách, chữ, có/không)")
            raise DataError(path, _line_of(path, code), "DL002", f"loại văn bản \"{code}\" {what}") from None
    return types


def _doc_type(code: str, spec: Any) -> DocType:
    return DocType(
        code=code,
        label=spec["ten"],
        abbreviation=spec["ky_hieu"],
        folder=spec.get("thu_muc", code),
        preamble=spec.get("loi_dan_dau") or "",
        attributes=dict(spec.get("thuoc_tinh") or {}),
        sections=list(spec.get("muc") or []),
        numbered_articles=bool(spec.get("danh_so_dieu", False)),
        official_header=bool(spec.get("dau_van_ban", True)),
        other_labels=tuple(str(label) for label in spec.get("ten_khac") or ()),
        forms={str(name): Form(keywords=tuple(str(k) for k in (form or {}).get("nhan_biet") or ()),
                               sections=list(form["muc"] or []) if isinstance(form, dict) and "muc" in form
                               else None)
               for name, form in (spec.get("dang") or {}).items()},
    )


def load_settings(data_dir: Path | None = None) -> Settings:
    """The data files of a project; every hook of a build asks, so reads are memoised
    on the files' modification times (an edit under ``mkdocs serve`` is seen at once)."""
    data_dir = (data_dir or DATA_DIR).resolve()
    cell, types = data_dir / "chi-bo.yml", data_dir / "loai-van-ban.yml"
    try:
        settings = _load_settings(cell, types, _stamp(cell), _stamp(types))
    except DataError as error:
        if _keep_last_good and data_dir in _last_good:
            data_errors[data_dir] = error
            return _last_good[data_dir]
        raise
    _last_good[data_dir] = settings
    data_errors.pop(data_dir, None)
    return settings


# Under ``mkdocs serve`` a data file saved half-edited must not stop the preview: the last
# good settings stay in use and the error is kept here for the page banner (hooks/data_files.py).
_keep_last_good = False
_last_good: dict[Path, Settings] = {}
data_errors: dict[Path, DataError] = {}


_last_good_yaml: dict[Path, Any] = {}


def read_data(path: Path) -> Any:
    """A data file's YAML; under ``keep_last_good`` a broken file gives its last good
    contents (the error is kept in ``data_errors``) for readers other than load_settings."""
    path = path.resolve()
    try:
        value = _read_yaml(path)
    except DataError as error:
        if _keep_last_good and path in _last_good_yaml:
            data_errors[path.parent] = error
            return _last_good_yaml[path]
        raise
    _last_good_yaml[path] = value
    return value


def keep_last_good(on: bool) -> None:
    global _keep_last_good
    _keep_last_good = on


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load_settings(cell: Path, types: Path, *_stamps: tuple[int, int]) -> Settings:
    values = _read_yaml(cell) or {}
    if not isinstance(values, dict):
        raise DataError(cell, 1, "DL002", "tệp dữ liệu phải gồm các dòng \"khóa: giá trị\" (ví dụ ten: Chi bộ ...)")
    return Settings(cell=values, types=load_types(types))


PROJECT_KEY = "chibo_project"  # set in a staged build's config (chibo.publishing.stage)
STAGED_KEY = "chibo_staged"


def project_dir(config: Mapping[str, Any]) -> Path:
    """The project folder (data/, .cache/) of a build's config: the staged tree names it,
    else the folder of the config file."""
    extra = config.get("extra") or {}
    named = extra.get(PROJECT_KEY) if isinstance(extra, Mapping) else None
    return Path(named).resolve() if named else Path(config["config_file_path"]).resolve().parent


def is_staged(config: Mapping[str, Any]) -> bool:
    extra = config.get("extra") or {}
    return bool(isinstance(extra, Mapping) and extra.get(STAGED_KEY))


class MkDocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs; custom tags (!ENV, !!python/name) become None."""


MkDocsYamlLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_files(nav: Any) -> set[str] | None:
    """The Markdown files an MkDocs ``nav`` lists (docs-relative, POSIX); None without a nav."""
    if not nav:
        return None
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if item.endswith(".md"):
                found.add(item.lstrip("./"))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


def read_nav_files(project: Path) -> set[str] | None:
    """``nav_files`` of a project's mkdocs.yml."""
    path = project / "mkdocs.yml"
    if not path.is_file():
        return None
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=MkDocsYamlLoader) or {}  # noqa: S506
    return nav_files(data.get("nav"))
