"""``python -m chibo.commands.importdoc FILE [--type T]`` (``make import FILE=… [TYPE=…]``).

A Word document (or its text export) becomes a draft page listed in the nav. The full
text of a cited document (a Quy định, Chỉ thị … of the Central Committee) becomes the
body of its existing regulation page, merged with the registry entry of the same number:
no second page, and nothing already on the page is lost.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from chibo.atomic import write_atomic
from chibo.authoring.templates import AuthoringError, add_to_nav, render_front_matter, write_new
from chibo.checking.limits import large_file_note
from chibo.checking.rules import validate
from chibo.document.config import load_settings
from chibo.document.diagnostics import Severity
from chibo.document.model import load
from chibo.document.registry import load_registry
from chibo.document.text import slugify
from chibo.reading.importer import REGULATION, Imported, ImportError_, convert, read_source
from chibo.commands.guard import guarded

_PLACEHOLDER = re.compile(r"^## Toàn văn\s*\n+!!! note \"Chưa có toàn văn\"\n(?:(?: {4}.*)?\n)*", re.MULTILINE)


def file_name(imported: Imported) -> str:
    """"2022-03-nghi-quyet-sinh-hoat-chi-bo-thang-3.md": the period, then the trích yếu."""
    summary = str(imported.meta.get("trich_yeu") or imported.meta.get("title") or "")
    slug = slugify(summary)[:60].strip("-") or imported.doc_type.code
    period = ""
    if imported.year:
        period = f"{imported.year}-{imported.month:02d}-" if imported.month and "thang" in imported.meta else \
            f"{imported.year}-"
    if not slug.startswith(imported.doc_type.code):
        slug = f"{imported.doc_type.code}-{slug}"
    return f"{period}{slug}.md"


def _unique(folder: Path, name: str) -> Path:
    path = folder / name
    counter = 2
    while path.exists():
        path = folder / f"{name[:-3]}-{counter}.md"
        counter += 1
    return path


def _merge_regulation(project: Path, imported: Imported, source: Path) -> tuple[Path, list[str]]:
    """The text of a cited document into its regulation page, after what the page has."""
    docs = project / "docs"
    entry = imported.entry
    notes = list(n for n in imported.notes if "không ghi" not in n)
    if entry is None or not entry.page:
        code = str(imported.meta.get("ma") or "")
        hint = f"số hiệu \"{code}\"" if code else "số hiệu"
        raise ImportError_(f"{source.name}: NH009 văn bản của cấp trên ({hint}) chưa có trang trong sổ văn bản dẫn chiếu "
                           "(data/van-ban-dan-chieu.yml, trường \"trang\"); hãy thêm văn bản vào sổ trước, hoặc "
                           "nhập như văn bản thường với TYPE=van-ban.")
    page = docs / entry.page
    if not page.is_file():
        raise ImportError_(f"{source.name}: NH009 sổ văn bản dẫn chiếu ghi trang {entry.page} cho {entry.label} nhưng "
                           "chưa có tệp đó.")
    existing = page.read_text(encoding="utf-8")
    doc = load(existing.encode("utf-8"), str(page))
    if any(section.number.kind == "article" for section in doc.all_sections()):
        raise ImportError_(f"{source.name}: NH009 trang {entry.page} của {entry.label} đã có toàn văn (các Điều); không "
                           "ghi đè. Hãy xóa phần toàn văn cũ trên trang nếu muốn nhập lại.")
    kept = _PLACEHOLDER.sub("", existing).rstrip("\n")
    # Under "## Toàn văn" the text's own parts go one level deeper (Điều N keeps #dieu-n).
    text = re.sub(r"^(#{2,5}) ", r"#\1 ", imported.body.rstrip(), flags=re.MULTILINE)
    content = f"{kept}\n\n## Toàn văn\n\n{text}\n"
    shown = page.relative_to(project).as_posix()
    settings = load_settings(project / "data")
    problems = validate(load(content.encode("utf-8"), shown), settings.types, must_be_document=True)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        # The regulation page is published: its text must not stop the site.
        listed = "; ".join(p.format() for p in errors[:5])
        raise ImportError_(f"{source.name}: NH009 toàn văn ghép vào {shown} còn lỗi ({listed}); hãy sửa trong tệp Word "
                           "rồi nhập lại.")
    write_atomic(page, content.encode("utf-8"))
    notes.insert(0, f"đã ghép toàn văn vào trang có sẵn của {entry.label} ({shown}); thông tin của văn bản "
                    "(ngày, người ký, hiệu lực) vẫn lấy từ sổ văn bản dẫn chiếu")
    return page, notes


def import_file(project: Path, source: Path, forced_type: str | None = None) -> tuple[Path, list[str]]:
    """Convert and write the page; raises ImportError_/AuthoringError and writes nothing on failure."""
    if not source.is_file():
        raise ImportError_(f"{source}: NH010 không tìm thấy tệp.")
    settings = load_settings(project / "data")
    registry = load_registry(project / "data")
    raw = source.read_bytes()
    reading = read_source(raw, source.name)
    imported = convert(reading, settings, source.name, forced_type, registry)
    size_note = large_file_note(len(raw))
    if imported.doc_type.code == REGULATION:
        path, notes = _merge_regulation(project, imported, source)
        return path, ([size_note] if size_note else []) + notes
    docs = project / "docs"
    meta = imported.meta
    path = _unique(docs / imported.doc_type.folder, file_name(imported))
    content = render_front_matter(meta) + "\n" + imported.body
    shown = path.relative_to(project).as_posix()
    problems = validate(load(content.encode("utf-8"), shown), settings.types, must_be_document=True)
    write_new(path, content)
    notes = [imported.summary()] + ([size_note] if size_note else []) + list(imported.notes)
    if not add_to_nav(project / "mkdocs.yml", imported.doc_type, meta["title"], path.relative_to(docs).as_posix()):
        notes.append("chưa thêm được vào mục lục (nav) trong mkdocs.yml")
    notes += [p.format() for p in problems]
    notes.append("Văn bản được nhập là bản nháp (nhap: true): chỉ hiện khi soạn (make serve). Đọc lại, sửa các "
                 "chỗ trên rồi đổi thành \"nhap: false\" để đăng; khi đó mọi quy tắc kiểm tra được áp dụng.")
    if any(p.severity is Severity.ERROR for p in problems):
        notes.append("Văn bản còn lỗi ở trên: sửa xong thì trang mới dựng được (make check để kiểm tra lại).")
    return path, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make import", description="Nhập văn bản Word (.docx) thành trang.")
    parser.add_argument("file", help="tệp .docx cần nhập")
    parser.add_argument("--type", default=None,
                        help="loại văn bản nếu không tự nhận ra (ke-hoach, nghi-quyet, bao-cao, quy-dinh, van-ban)")
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
    sys.exit(guarded(main))
