"""Loading the data files a secretary edits (document types, cell settings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


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


@dataclass(frozen=True)
class Settings:
    """The cell's own settings (``data/chi-bo.yml``) and its document types."""

    cell: dict[str, Any]
    types: dict[str, DocType] = field(default_factory=dict)


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8-sig") as handle:
        return yaml.safe_load(handle)


def load_types(path: Path | None = None) -> dict[str, DocType]:
    raw = _read_yaml(path or DATA_DIR / "loai-van-ban.yml")
    types = {}
    for code, spec in raw["loai"].items():
        types[code] = DocType(
            code=code,
            label=spec["ten"],
            abbreviation=spec["ky_hieu"],
            folder=spec.get("thu_muc", code),
            preamble=spec.get("loi_dan_dau") or "",
            attributes=dict(spec.get("thuoc_tinh") or {}),
            sections=list(spec.get("muc") or []),
            numbered_articles=bool(spec.get("danh_so_dieu", False)),
            official_header=bool(spec.get("dau_van_ban", True)),
        )
    return types


def load_settings(data_dir: Path | None = None) -> Settings:
    data_dir = data_dir or DATA_DIR
    return Settings(
        cell=_read_yaml(data_dir / "chi-bo.yml") or {},
        types=load_types(data_dir / "loai-van-ban.yml"),
    )
