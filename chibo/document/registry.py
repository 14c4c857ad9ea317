"""The registry of cited documents (``data/van-ban-dan-chieu.yml``).

One record per document the cell's documents cite: a Party regulation, directive or
resolution, the Party Statute, or a state document. Fields that could not be verified
stay empty and are shown as "chưa rõ"; nothing here is ever guessed.
"""

from __future__ import annotations

import datetime

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from chibo.document.config import DATA_DIR, is_text
from chibo.document.diagnostics import Problem
from chibo.document.text import fold, nfc, slugify

REGISTRY_FILE = "van-ban-dan-chieu.yml"
UNKNOWN = "chưa rõ"

IN_FORCE = "con-hieu-luc"
SUPERSEDED = "het-hieu-luc"
STATUSES = {IN_FORCE: "Còn hiệu lực", SUPERSEDED: "Hết hiệu lực", "": UNKNOWN}

_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# "213-QĐ/TW", "19/QĐ-TW", "05-CT/TW": a Party central body's document number.
# "06-HD/UBKTTW", "12-HD/BTCTW": a Central board's document keeps its board's letters.
_PARTY_CODE = re.compile(r"^0*(\d{1,4})\s*[-/]\s*([A-Za-zĐđ]{2,3})\s*[-/]\s*([A-Z]{0,5}TW)$", re.IGNORECASE)
# "06/2019/TT-BGDĐT": a state document number.
_STATE_CODE = re.compile(r"^0*(\d{1,4})/(\d{4})/([A-Za-zĐđ]{2,4})-([A-Za-zĐđ]{2,12})$", re.IGNORECASE)


def code_key(code: str) -> str:
    """A spelling-independent key for a document number.

    "213-QĐ/TW", "213/QĐ-TW", "213-QD/TW" -> "213-QD/TW"; "05-CT/TW" -> "5-CT/TW";
    "06/2019/TT-BGDĐT" -> "6/2019/TT-BGDDT". Anything else: folded, upper case.
    """
    text = fold(nfc(code)).strip().upper()
    match = _PARTY_CODE.match(text)
    if match:
        return f"{int(match.group(1))}-{match.group(2).upper()}/{match.group(3).upper()}"
    match = _STATE_CODE.match(text)
    if match:
        return f"{int(match.group(1))}/{match.group(2)}/{match.group(3)}-{match.group(4)}"
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class Entry:
    """One cited document, as recorded in the registry."""

    code: str                 # "213-QĐ/TW"; "" for the Party Statute
    name: str                 # display name when there is no code ("Điều lệ Đảng")
    kind: str                 # "Quy định", "Chỉ thị" ...
    issuer: str
    term: str                 # "XII"
    date: str                 # "02/01/2020"
    signer: str
    signer_title: str
    subject: str
    status: str               # IN_FORCE, SUPERSEDED or ""
    replaced_by: str          # code of the replacing document
    replaced_on: str          # date of the replacement
    note: str
    page: str                 # docs-relative source path, "" when no page
    aliases: tuple[str, ...] = ()
    line: int = 0             # where the record starts in the registry file
    # (field, where the fact comes from, when it was checked) for each sourced fact
    sources: tuple[tuple[str, str, str], ...] = ()

    def source(self, name: str) -> tuple[str, str] | None:
        """(where, checked on) for the fact ``name`` ("ngay", "tinh_trang" …); None: unchecked."""
        return next(((where, checked) for key, where, checked in self.sources if key == name), None)

    @property
    def key(self) -> str:
        return code_key(self.code) if self.code else "ten:" + slugify(self.name)

    @property
    def label(self) -> str:
        """"Quy định 213-QĐ/TW", "Thông tư 06/2019/TT-BGDĐT", "Điều lệ Đảng"."""
        if not self.code:
            return self.name
        return f"{self.kind} {self.code}".strip()

    @property
    def superseded(self) -> bool:
        return self.status == SUPERSEDED

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, UNKNOWN)

    @property
    def issuer_label(self) -> str:
        if not self.issuer:
            return ""
        return f"{self.issuer} (khóa {self.term})" if self.term else self.issuer

    @property
    def year(self) -> int | None:
        match = _DATE.match(self.date)
        return int(match.group(3)) if match else None


@dataclass
class Registry:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key = {entry.key: entry for entry in self.entries}

    def get(self, key_or_code: str) -> Entry | None:
        return (self._by_key.get(key_or_code) or self._by_key.get(code_key(key_or_code))
                or self._by_key.get("ten:" + slugify(key_or_code)))

    def by_page(self, page: str) -> Entry | None:
        return next((e for e in self.entries if e.page and e.page == page), None)

    def replacing(self, entry: Entry) -> Entry | None:
        return self.get(entry.replaced_by) if entry.replaced_by else None

    def replaced(self, entry: Entry) -> list[Entry]:
        """The older documents this one replaced (recorded on the older ones)."""
        return [e for e in self.entries if e.replaced_by and self.get(e.replaced_by) is entry]

    def aliases(self) -> list[tuple[str, Entry]]:
        return [(alias, entry) for entry in self.entries for alias in entry.aliases]


_TEXT_FIELDS = ("ma", "ten_goi", "loai", "co_quan", "khoa", "ngay", "nguoi_ky", "chuc_vu_ky", "trich_yeu",
                "tinh_trang", "thay_the_boi", "ngay_thay_the", "ghi_chu", "trang")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return nfc(" ".join(str(value).split()))


def _sources(value: Any) -> tuple[tuple[str, str, str], ...]:
    """``nguon: {ngay: {theo: "…", ngay_kiem: "…"}, …}`` as (field, where, checked on)."""
    if not isinstance(value, dict):
        return ()
    out = []
    for name, source in value.items():
        if isinstance(source, dict):
            out.append((str(name), _text(source.get("theo")), _text(source.get("ngay_kiem"))))
        elif source:
            out.append((str(name), _text(source), ""))
    return tuple(out)


def _record_lines(source: str) -> list[int]:
    """Line (1-based) where each record of ``van_ban`` starts."""
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "van_ban" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def parse_registry(source: str, path: str = "data/" + REGISTRY_FILE) -> Registry:
    """Read the registry text; problems (code DC004) are collected, never raised."""
    problems: list[Problem] = []
    try:
        data = yaml.safe_load(source) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return Registry(problems=[Problem(path, line, "DC004", "sổ văn bản dẫn chiếu viết sai cú pháp YAML")])
    records = data.get("van_ban") if isinstance(data, dict) else None
    if not isinstance(records, list):
        return Registry(problems=[Problem(path, 1, "DC004", "sổ văn bản dẫn chiếu phải có danh sách \"van_ban:\"")])
    lines = _record_lines(source)
    entries: list[Entry] = []
    for index, record in enumerate(records):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(record, dict):
            problems.append(Problem(path, line, "DC004", "mỗi văn bản phải là các dòng \"tên: giá trị\""))
            continue
        wrong = [key for key in _TEXT_FIELDS  # a YAML date (2020-01-02) is told apart by the date check
                 if not (is_text(record.get(key)) or isinstance(record.get(key), datetime.date))]
        for key in wrong:  # a list or a mapping where one line was meant: said, not printed as "['a']"
            problems.append(Problem(path, line, "DC004", f"{key} phải là một dòng chữ, không phải "
                                    f"{str(record[key])[:40]}"))
        if wrong:
            continue
        aliases = record.get("ten_goi_khac") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        entry = Entry(
            code=_text(record.get("ma")), name=_text(record.get("ten_goi")), kind=_text(record.get("loai")),
            issuer=_text(record.get("co_quan")), term=_text(record.get("khoa")), date=_text(record.get("ngay")),
            signer=_text(record.get("nguoi_ky")), signer_title=_text(record.get("chuc_vu_ky")),
            subject=_text(record.get("trich_yeu")), status=_text(record.get("tinh_trang")),
            replaced_by=_text(record.get("thay_the_boi")), replaced_on=_text(record.get("ngay_thay_the")),
            note=_text(record.get("ghi_chu")), page=_text(record.get("trang")),
            aliases=tuple(_text(a) for a in aliases if _text(a)), line=line, sources=_sources(record.get("nguon")),
        )
        if not entry.code and not entry.name:
            problems.append(Problem(path, line, "DC004", "văn bản thiếu cả số hiệu (ma) lẫn tên gọi (ten_goi)"))
            continue
        if entry.status not in STATUSES:
            problems.append(Problem(path, line, "DC004", f"tình trạng \"{entry.status}\" không hợp lệ; chỉ dùng "
                                    "con-hieu-luc, het-hieu-luc hoặc \"\" (chưa rõ)"))
        for name, value in (("ngay", entry.date), ("ngay_thay_the", entry.replaced_on)):
            if value and not _DATE.match(value):
                problems.append(Problem(path, line, "DC004", f"{name} \"{value}\" phải có dạng ngày/tháng/năm, "
                                        "ví dụ 02/01/2020"))
        if any(e.key == entry.key for e in entries):
            problems.append(Problem(path, line, "DC004", f"văn bản \"{entry.label}\" được ghi hai lần"))
            continue
        entries.append(entry)
    registry = Registry(entries=entries)
    for entry in entries:
        if entry.replaced_by and registry.get(entry.replaced_by) is None:
            problems.append(Problem(path, entry.line, "DC004", f"văn bản thay thế \"{entry.replaced_by}\" "
                                    "không có trong sổ; hãy thêm văn bản đó"))
        if entry.replaced_by and entry.status != SUPERSEDED:
            problems.append(Problem(path, entry.line, "DC004", f"\"{entry.label}\" đã có văn bản thay thế nên "
                                    "tinh_trang phải là het-hieu-luc"))
    registry.problems = problems
    return registry


def load_registry(data_dir: Path | None = None) -> Registry:
    path = (data_dir or DATA_DIR) / REGISTRY_FILE
    if not path.is_file():
        return Registry()
    return _parse_registry_text(path.read_text(encoding="utf-8-sig"))


@lru_cache(maxsize=8)
def _parse_registry_text(text: str) -> Registry:
    """Every hook of a build loads the registry; parse each version of the file once."""
    return parse_registry(text, f"data/{REGISTRY_FILE}")
