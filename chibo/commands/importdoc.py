"""``python -m chibo.commands.importdoc`` (``make import FILE=… [TYPE=…]``): a Word document to a page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chibo.authoring.templates import AuthoringError, Period, add_to_nav, file_name, render_front_matter, write_new
from chibo.document.config import load_settings
from chibo.document.diagnostics import Severity
from chibo.reading.importer import ImportError_, convert, read_docx, read_text
from chibo.document.model import load
from chibo.checking.rules import validate


def import_file(project: Path, source: Path, forced_type: str | None = None) -> tuple[Path, list[str]]:
    """Convert and write the page; raises ImportError_/AuthoringError and writes nothing on failure."""
    if not source.is_file():
        raise ImportError_(f"Không tìm thấy tệp \"{source}\".")
    settings = load_settings(project / "data")
    raw = source.read_bytes()
    if source.suffix.lower() == ".txt":
        try:
            paragraphs = read_text(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ImportError_(f"{source.name}: tệp văn bản không phải mã UTF-8.") from None
    else:
        paragraphs = read_docx(raw, source.name)
    imported = convert(paragraphs, settings, source.name, forced_type)
    meta = imported.meta
    year = meta.get("nam") or str(meta.get("thang", ""))[:4]
    if not year:
        raise ImportError_(f"{source.name}: không tìm thấy năm của văn bản trong trích yếu hay ngày tháng.")
    month = str(meta.get("thang", ""))[5:7]
    period = Period(int(year), int(month) if month else None)
    content = render_front_matter(meta) + "\n" + imported.body
    # Validate before writing anything: the author sees what needs attention either way.
    docs = project / "docs"
    path = docs / imported.doc_type.folder / file_name(imported.doc_type, period)
    shown = path.relative_to(project).as_posix()
    problems = validate(load(content.encode("utf-8"), shown), settings.types, must_be_document=True)
    write_new(path, content)
    notes = list(imported.notes)
    if not add_to_nav(project / "mkdocs.yml", imported.doc_type, meta["title"], path.relative_to(docs).as_posix()):
        notes.append("chưa thêm được vào mục lục (nav) trong mkdocs.yml")
    notes += [p.format() for p in problems]
    if any(p.severity is Severity.ERROR for p in problems):
        notes.append("Văn bản còn lỗi ở trên: sửa xong thì trang mới dựng được (make check để kiểm tra lại).")
    return path, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make import", description="Nhập văn bản Word (.docx) thành trang.")
    parser.add_argument("file", help="tệp .docx cần nhập")
    parser.add_argument("--type", default=None, help="loại văn bản nếu không tự nhận ra (ke-hoach, nghi-quyet, bao-cao)")
    parser.add_argument("--project", default=".", help="thư mục dự án (có mkdocs.yml)")
    args = parser.parse_args(argv)
    try:
        path, notes = import_file(Path(args.project), Path(args.file), args.type or None)
    except (ImportError_, AuthoringError) as error:
        print(f"Lỗi: {error} Chưa ghi tệp nào.", file=sys.stderr)
        return 1
    print(f"Đã nhập thành: {path}")
    if notes:
        print("Cần xem lại:")
        for note in notes:
            print(f"  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
