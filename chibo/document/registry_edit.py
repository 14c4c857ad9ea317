"""Changes the importer makes to the registry (``data/van-ban-dan-chieu.yml``), as text.

The secretary's comments and layout are kept: a new record is appended at the end of
``van_ban``, and a field of an existing record is replaced on its own line (or added
under the record's first line). Every value written by a program says where it comes
from (``nguon``), so the regulation page can show it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from chibo.atomic import write_atomic
from chibo.document.registry import REGISTRY_FILE, code_key, parse_registry

# The order of a record's fields, as in the file's own header comment.
FIELDS = ("ma", "loai", "co_quan", "khoa", "ngay", "nguoi_ky", "chuc_vu_ky", "trich_yeu", "tinh_trang",
          "thay_the_boi", "ngay_thay_the", "ghi_chu", "trang", "ten_goi_khac", "nguon")


def _scalar(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10_000).strip()


def _record(fields: dict, sources: dict[str, tuple[str, str]]) -> str:
    lines = []
    for index, key in enumerate(k for k in FIELDS if k in fields or k == "nguon"):
        lead = "  - " if index == 0 else "    "
        if key == "nguon":
            if not sources:
                continue
            lines.append(f"{lead}nguon:")
            for name, (where, checked) in sources.items():
                lines.append(f"      {name}: {{theo: {_scalar(where)}, ngay_kiem: {_scalar(checked)}}}")
            continue
        value = fields[key]
        if isinstance(value, list):
            lines.append(f"{lead}{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{lead}{key}: {_scalar(str(value))}")
    return "\n".join(lines) + "\n"


def append_entry(data_dir: Path, fields: dict, sources: dict[str, tuple[str, str]]) -> None:
    """Add one record at the end of the registry (the file ends with the ``van_ban`` list)."""
    path = data_dir / REGISTRY_FILE
    text = path.read_text(encoding="utf-8")
    text = text.rstrip("\n") + "\n\n" + _record(fields, sources)
    _write_checked(path, text)


def set_fields(data_dir: Path, code: str, fields: dict, sources: dict[str, tuple[str, str]]) -> bool:
    """Set fields of the record with this number; False when there is none."""
    path = data_dir / REGISTRY_FILE
    text = path.read_text(encoding="utf-8")
    registry = parse_registry(text)
    entry = next((e for e in registry.entries if e.code and code_key(e.code) == code_key(code)), None)
    if entry is None:
        return False
    lines = text.split("\n")
    start = entry.line - 1
    end = start + 1
    while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    block = lines[start:end]
    for key, value in fields.items():
        line = f"    {key}: {_scalar(str(value))}"
        at = next((i for i, ln in enumerate(block) if re.match(rf"^(\s+|\s*- ){key}:", ln)), None)
        if at is None:
            block.insert(len(block), line)
        else:
            block[at] = (block[at][:block[at].index(key)] + line.strip())
            # a folded value (">-") continues on the following more-indented lines
            while at + 1 < len(block) and block[at + 1].startswith("      ") and not re.match(r"^\s+\w+:", block[at + 1]):
                del block[at + 1]
    if sources:
        at = next((i for i, ln in enumerate(block) if re.match(r"^\s+nguon:\s*$", ln)), None)
        if at is None:
            block.append("    nguon:")
            at = len(block) - 1
        for offset, (name, (where, checked)) in enumerate(sources.items(), start=1):
            block.insert(at + offset, f"      {name}: {{theo: {_scalar(where)}, ngay_kiem: {_scalar(checked)}}}")
    lines[start:end] = block
    _write_checked(path, "\n".join(lines))
    return True


def _write_checked(path: Path, text: str) -> None:
    """Write only a registry that still reads without a problem it did not have."""
    before = parse_registry(path.read_text(encoding="utf-8")).problems
    after = parse_registry(text).problems
    if len(after) > len(before):
        raise ValueError("; ".join(p.message for p in after))
    write_atomic(path, text.encode("utf-8"))
