"""What the desk does to documents, on the project's own core: list and check them
(``chibo.checking``), import Word files (``chibo.commands.importdoc``), start a month
(``chibo.commands.new``), write facts (``chibo.authoring.templates.update_front_matter``),
and publish (``chibo.desk.publishing``). No rule of the checks is repeated here."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chibo.atomic import write_atomic
from chibo.authoring.templates import AuthoringError, split_front_matter, update_front_matter
from chibo.checking.continuity import today_from_env
from chibo.checking.rules import validate
from chibo.checking.tree import check_tree, default_extra_checks, is_document_path
from chibo.document.config import DataError, load_settings, read_nav_files
from chibo.document.diagnostics import Problem, Severity
from chibo.document.meeting import load_meeting_spec
from chibo.document.model import Document, load
from chibo.document.visibility import is_confidential, is_draft
from chibo.document.year import collect
from chibo.publishing.publish import page_location
from chibo.desk import history
from chibo.desk.publishing import Outcome, publish_site, rollback_site

MAX_UPLOAD = 20 * 1024 * 1024  # bytes; a cell's Word file is far smaller
# The facts of the form, in the order of the document's header (front-matter keys).
FACTS = ["title", "loai", "so", "ngay", "dia_danh", "cap_tren", "chi_bo", "trich_yeu", "nam", "thang",
         "tham_quyen", "chuc_vu", "nguoi_ky", "noi_nhan"]
MEETING = "hop"
STATE_DIR = ".desk"


class DeskError(Exception):
    """A refusal for the person; the message is Vietnamese."""


@dataclass
class Entry:
    page: str            # docs-relative path
    title: str
    type_label: str
    draft: bool
    confidential: bool
    errors: int
    warnings: int


@dataclass
class Fact:
    key: str
    label: str
    value: Any
    kind: str            # text, list, select, year
    state: str           # "đọc từ tệp", "còn trống", "đã điền"
    reason: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Loaded:
    page: str
    path: Path
    text: str
    version: str
    doc: Document
    body: str
    problems: list[Problem]        # as the document is now
    blocking: list[Problem]        # the errors it would have once published (nhap: false)

    @property
    def raw(self) -> bool:
        """The front matter cannot be read: the form cannot show it, the whole text is edited."""
        return bool(self.doc.front is not None and self.doc.front.unreadable) or any(
            p.code == "VB003" for p in self.doc.problems)


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


class Desk:
    def __init__(self, project: Path, dest: Path | None, site_url: str | None = None) -> None:
        self.project = project.resolve()
        self.docs = self.project / "docs"
        self.dest = dest
        self.site_url = site_url
        self.state = self.project / STATE_DIR
        self._lock = threading.RLock()
        history.ensure_repository(self.project)

    # --- reading ------------------------------------------------------------------

    def settings(self):
        return load_settings(self.project / "data")

    def resolve(self, page: str) -> Path:
        """The file of a docs-relative document path; DeskError for anything else."""
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9/_.-]*\.md", page or "") or ".." in page:
            raise DeskError("Không có văn bản này.")
        path = (self.docs / page).resolve()
        if self.docs not in path.parents or not path.is_file():
            raise DeskError("Không có văn bản này.")
        if not is_document_path(path.relative_to(self.docs), self.settings().types):
            raise DeskError("Trang này không phải là văn bản.")
        return path

    def shown(self, path: Path) -> str:
        return path.relative_to(self.project).as_posix()

    def check(self, text: str, shown: str) -> list[Problem]:
        doc = load(text.encode("utf-8"), shown)
        problems = validate(doc, self.settings().types, must_be_document=True)
        for extra in default_extra_checks(self.project / "data"):
            problems += extra(doc)
        return sorted(set(problems), key=lambda p: (p.line, p.code))

    def published_errors(self, text: str, shown: str) -> list[Problem]:
        """The errors this text would have as a published document (what stops "Ban hành")."""
        try:
            text = update_front_matter(text, {"nhap": False})
        except AuthoringError as error:
            return [Problem(shown, 1, "VB003", str(error))]
        return [p for p in self.check(text, shown) if p.severity is Severity.ERROR]

    def open(self, page: str) -> Loaded:
        path = self.resolve(page)
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        shown = self.shown(path)
        doc = load(data, shown)
        _, body = split_front_matter(text)
        return Loaded(page, path, text, version_of(data), doc, body.lstrip("\n"), self.check(text, shown),
                      self.published_errors(text, shown))

    def overview(self) -> tuple[list[Entry], list[Problem], str]:
        """(documents, the continuity warnings of the year, the next meeting in words)."""
        types = self.settings().types
        report = check_tree(self.docs, display_root=self.project, types=types,
                            extra_checks=default_extra_checks(self.project / "data"),
                            nav=read_nav_files(self.project))
        by_path: dict[str, list[Problem]] = {}
        for problem in report.problems:
            by_path.setdefault(problem.path, []).append(problem)
        entries = []
        for doc in report.documents:
            relative = Path(doc.path).relative_to("docs").as_posix() if doc.path.startswith("docs/") else doc.path
            problems = by_path.get(doc.path, [])
            doctype = types.get(doc.doc_type)
            entries.append(Entry(relative, str(doc.meta.get("title") or relative),
                                 doctype.label.capitalize() if doctype else "Văn bản", is_draft(doc.meta),
                                 is_confidential(doc.meta),
                                 sum(p.severity is Severity.ERROR for p in problems),
                                 sum(p.severity is Severity.WARNING for p in problems)))
        continuity = [p for p in report.problems if p.code in ("TH001", "TH002", "TH003", "TH004")]
        meeting = ""
        try:
            from chibo.rendering.month import next_meeting

            fields, _ = load_meeting_spec(self.project / "data")
            documents = {Path(d.path).relative_to("docs").as_posix(): d for d in report.documents
                         if d.path.startswith("docs/")}
            found = next_meeting(collect(documents, types, fields), today_from_env())
            if found:
                meeting = found[0].when() + (f", {found[0].place}" if found[0].place else "")
        except (DataError, ValueError):
            meeting = ""
        return entries, continuity, meeting

    # --- facts ----------------------------------------------------------------------

    def facts(self, loaded: Loaded) -> list[Fact]:
        settings = self.settings()
        doctype = settings.types.get(loaded.doc.doc_type)
        attributes = doctype.attributes if doctype else {}
        imported = self.import_record(loaded.page)
        read = set(imported.get("read", [])) if imported else set()
        notes = imported.get("notes", []) if imported else []
        facts = []
        for key in FACTS:
            if key not in attributes and key not in ("title", "loai") and key not in loaded.doc.meta:
                continue
            spec = attributes.get(key, {})
            label = {"title": "Tên trang trên web", "loai": "Loại văn bản"}.get(key) or spec.get("mo_ta") or key
            value = loaded.doc.meta.get(key, "")
            kind = {"noi_nhan": "list", "loai": "select"}.get(key, "text")
            empty = value in ("", None, []) or value == [""]
            if empty:
                state = "còn trống"
                reason = next((n for n in notes if key.replace("_", " ") in n or _label_word(key) in n),
                              "văn bản gốc không ghi" if imported else "chưa điền")
            elif key in read and imported and imported.get("values", {}).get(key) == value:
                state, reason = "đọc từ tệp", ""
            else:
                state, reason = "đã điền", ""
            choices = [(code, t.label.capitalize()) for code, t in settings.types.items()] if key == "loai" else []
            facts.append(Fact(key, label, value, kind, state, reason, choices))
        return facts

    # --- writing ----------------------------------------------------------------------

    def save(self, page: str, version: str, changes: dict[str, Any], body: str | None, author: str,
             message: str) -> Loaded:
        """Write the new facts and body if nobody saved since ``version``; commit."""
        with self._lock:
            path = self.resolve(page)
            current = path.read_bytes()
            if version_of(current) != version:
                raise Conflict()
            text = current.decode("utf-8")
            try:
                text = update_front_matter(text, changes)
            except AuthoringError as error:
                raise DeskError(f"Chưa lưu: {error}.") from None
            if body is not None:
                head, _ = split_front_matter(text)
                text = f"---\n{head}---\n\n{body.replace(chr(13) + chr(10), chr(10)).strip()}\n"
            write_atomic(path, text.encode("utf-8"))
            history.commit(self.project, [path], author, message)
        return self.open(page)

    def save_text(self, page: str, version: str, text: str, author: str) -> Loaded:
        """The whole file as typed (when its front matter cannot be read by the form)."""
        with self._lock:
            path = self.resolve(page)
            if version_of(path.read_bytes()) != version:
                raise Conflict()
            text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"
            write_atomic(path, text.encode("utf-8"))
            history.commit(self.project, [path], author, f"Sửa trực tiếp {page}")
        return self.open(page)

    def restore(self, page: str, commit_id: str, author: str) -> None:
        with self._lock:
            path = self.resolve(page)
            old = history.content_at(self.project, path, commit_id)
            write_atomic(path, old)
            history.commit(self.project, [path], author, f"Khôi phục {page} về phiên bản {commit_id[:8]}")

    # --- importing ----------------------------------------------------------------------

    def _imports(self) -> dict[str, dict[str, Any]]:
        try:
            return json.loads((self.state / "imports.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _save_imports(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.state / "imports.json", json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def import_record(self, page: str) -> dict[str, Any] | None:
        return next((r for r in self._imports().values() if r.get("page") == page), None)

    def keep_upload(self, raw: bytes, name: str) -> str:
        """Keep an upload for a moment (the "update the existing draft?" question)."""
        uploads = self.state / "uploads"
        if uploads.is_dir():  # questions never answered: their files go after a day
            for stale in uploads.iterdir():
                if time.time() - stale.stat().st_mtime > 86400:
                    shutil.rmtree(stale, ignore_errors=True)
        token = secrets.token_hex(12)
        folder = uploads / token
        folder.mkdir(parents=True)
        (folder / name).write_bytes(raw)
        return token

    def pending_upload(self, token: str) -> tuple[bytes, str]:
        if not re.fullmatch(r"[0-9a-f]{24}", token or ""):
            raise DeskError("Tệp tải lên không còn; hãy tải lại.")
        files = list((self.state / "uploads" / token).glob("*"))
        if not files:
            raise DeskError("Tệp tải lên không còn; hãy tải lại.")
        return files[0].read_bytes(), files[0].name

    def drop_upload(self, token: str) -> None:
        if re.fullmatch(r"[0-9a-f]{24}", token or ""):
            shutil.rmtree(self.state / "uploads" / token, ignore_errors=True)

    def import_word(self, raw: bytes, name: str, author: str, *, update: bool = False) -> tuple[str, list[str]]:
        """A new draft from a Word file (``make import``); (page, notes). The same document
        imported again (the importer's rule, NH012) raises :class:`Duplicate`; with ``update``
        its page is updated instead (``make import CAP_NHAT=1``: hand-made facts kept)."""
        from chibo.commands.importdoc import import_file
        from chibo.reading.importer import ImportError_

        check_upload(raw, name)
        with self._lock:
            work = self.state / "uploads" / f"import-{secrets.token_hex(8)}"
            work.mkdir(parents=True)
            try:
                source = work / name
                source.write_bytes(raw)
                try:
                    path, notes = import_file(self.project, source, update=update)
                except (ImportError_, AuthoringError) as error:
                    same = re.search(r"NH012 .*?thành docs/(\S+?\.md)", str(error))
                    if same:
                        raise Duplicate(same.group(1), str(error)) from None
                    raise DeskError(f"{error} Chưa ghi gì.") from None
            finally:
                shutil.rmtree(work, ignore_errors=True)
            page = path.relative_to(self.docs).as_posix()
            history.commit(self.project, [path, self.project / "mkdocs.yml"], author,
                           f"Cập nhật {page} từ tệp Word {name}" if update else f"Nhập văn bản từ tệp Word {name}")
            if not update:
                doc = load(path.read_bytes(), self.shown(path))
                values = {k: doc.meta.get(k) for k in FACTS if doc.meta.get(k) not in (None, "", [])}
                imports = self._imports()
                imports[page] = {"page": page, "name": name, "read": sorted(values), "values": values,
                                 "notes": notes}
                self._save_imports(imports)
        return page, notes

    def reimport(self, page: str, raw: bytes, name: str, author: str) -> list[str]:
        """Replace a draft's body by a (corrected) Word file's; its facts are kept."""
        from chibo.reading.importer import ImportError_, convert, read_source
        from chibo.document.registry import load_registry

        check_upload(raw, name)
        loaded = self.open(page)
        try:
            imported = convert(read_source(raw, name), self.settings(), name, loaded.doc.doc_type or None,
                               load_registry(self.project / "data"))
        except ImportError_ as error:
            raise DeskError(f"{error} Chưa ghi gì.") from None
        self.save(page, loaded.version, {}, imported.body, author, f"Cập nhật nội dung {page} từ tệp Word {name}")
        return list(imported.notes)

    def new_month(self, month: str, author: str) -> tuple[str, list[str]]:
        """"Tạo nghị quyết tháng …": ``make new TYPE=nghi-quyet MONTH=…`` (last month's tasks in)."""
        from chibo.commands.new import create

        with self._lock:
            try:
                path, notes = create(self.project, "nghi-quyet", None, month)
            except AuthoringError as error:
                raise DeskError(str(error).replace("MONTH=", "tháng ")) from None
            history.commit(self.project, [path, self.project / "mkdocs.yml"], author,
                           f"Tạo nghị quyết tháng {month} theo mẫu")
        return path.relative_to(self.docs).as_posix(), notes

    def month_to_create(self) -> str:
        """The month "Tạo nghị quyết tháng …" proposes: this month, or the next one when this
        month's resolution already exists (the file name ``make new`` would write)."""
        from chibo.authoring.templates import Period, file_name

        doctype = self.settings().types.get("nghi-quyet")
        month = this_month()
        if doctype is None:
            return month
        period = Period.parse(None, month)
        if (self.docs / doctype.folder / file_name(doctype, period)).exists():
            year, number = (period.year + 1, 1) if period.month == 12 else (period.year, (period.month or 0) + 1)
            month = f"{year}-{number:02d}"
        return month

    # --- publishing -------------------------------------------------------------------

    def page_url(self, page: str) -> str:
        return page_location(page, True)[0]

    def _require_dest(self) -> Path:
        if self.dest is None:
            raise DeskError("Bàn soạn thảo chưa được chỉ thư mục đăng (DEST); báo người quản trị máy chủ.")
        return self.dest

    def publish(self, page: str, version: str, author: str) -> Outcome:
        """"Ban hành": nhap: false, commit, the atomic publish; undone when it fails."""
        dest = self._require_dest()
        with self._lock:
            loaded = self.open(page)
            if loaded.version != version:
                raise Conflict()
            if is_confidential(loaded.doc.meta):
                raise DeskError("Văn bản này là văn bản Mật: không bao giờ được đăng lên trang.")
            if loaded.blocking:
                raise DeskError(f"Văn bản còn {len(loaded.blocking)} lỗi; sửa xong mới ban hành được.")
            before = loaded.path.read_bytes()
            self.save(page, version, {"nhap": False}, None, author, f"Ban hành {page}")
            outcome = publish_site(self.project, dest, self.site_url)
            if not outcome.ok:
                write_atomic(loaded.path, before)
                history.commit(self.project, [loaded.path], author, f"Ban hành {page} không thành công: trở lại bản nháp")
            else:
                history.commit(self.project, [], author, f"Đăng trang lên {dest}", allow_empty=True)
        return outcome

    def withdraw(self, page: str, author: str) -> Outcome:
        """"Gỡ xuống": back to a draft, and the site published again without it."""
        dest = self._require_dest()
        with self._lock:
            loaded = self.open(page)
            self.save(page, loaded.version, {"nhap": True}, None, author, f"Gỡ {page} xuống (trở lại bản nháp)")
            return publish_site(self.project, dest, self.site_url)

    def rollback(self) -> Outcome:
        return rollback_site(self.project, self._require_dest())


class Duplicate(DeskError):
    """The Word file was already imported as ``page`` (the importer's NH012)."""

    def __init__(self, page: str, message: str) -> None:
        super().__init__(message)
        self.page = page


class Conflict(DeskError):
    def __init__(self) -> None:
        super().__init__("Văn bản vừa được người khác lưu trong lúc bạn sửa. Chưa ghi gì: phần bạn vừa sửa vẫn "
                         "còn trong biểu mẫu dưới đây; hãy xem bản mới nhất (mở lại văn bản ở tab khác) rồi lưu lại.")


def _label_word(key: str) -> str:
    return {"nguoi_ky": "người ký", "chi_bo": "chi bộ", "cap_tren": "cấp trên", "so": "số", "ngay": "ngày",
            "noi_nhan": "nơi nhận", "trich_yeu": "trích yếu", "dia_danh": "địa danh", "chuc_vu": "chức vụ",
            "tham_quyen": "quyền hạn"}.get(key, key)


def check_upload(raw: bytes, name: str) -> None:
    """Refusals before the importer reads anything (it refuses the rest: not Word, zip bombs)."""
    if len(raw) > MAX_UPLOAD:
        raise DeskError(f"Tệp {name} lớn quá {MAX_UPLOAD // 2**20} MB; hãy bớt ảnh trong tệp hoặc chia nhỏ văn bản.")
    if not raw:
        raise DeskError(f"Tệp {name} rỗng.")
    lower = name.lower()
    if lower.endswith(".doc") or raw[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
        raise DeskError(f"Tệp {name} là tệp Word cũ (.doc), chưa đọc được. Hãy mở tệp bằng Word, chọn Tệp → Lưu "
                        "thành → kiểu \"Tài liệu Word (*.docx)\", rồi tải tệp .docx lên.")
    if not lower.endswith(".docx"):
        raise DeskError(f"Tệp {name} không phải tệp Word (.docx); hãy chọn tệp .docx.")


def safe_name(name: str) -> str:
    """The file's own name (no folders), what a person recognises; never a path."""
    base = re.split(r"[\\/]", name or "")[-1].strip().replace("\x00", "")
    base = re.sub(r"[^\w .()+-]", "_", base)[:120].lstrip(".")
    return base or "van-ban.docx"


def this_month() -> str:
    today = today_from_env()
    return f"{today.year}-{today.month:02d}"


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{int(number)}/{year}"


__all__ = ["Desk", "DeskError", "Conflict", "Duplicate", "MAX_UPLOAD", "check_upload", "safe_name", "this_month"]
