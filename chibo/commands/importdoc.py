"""``python -m chibo.commands.importdoc FILE [--type T]`` (``make import FILE=… [TYPE=…]``).

A Word document (or its text export) becomes a draft page listed in the nav. The full
text of a cited document (a Quy định, Chỉ thị … of the Central Committee) becomes the
body of its existing regulation page, merged with the registry entry of the same number:
no second page, and nothing already on the page is lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
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
from chibo.checking.rules import comparable
from chibo.document.registry import load_registry
from chibo.document.registry_edit import append_entry, set_fields
from chibo.document.text import slugify
from chibo.reading.importer import REGULATION, Imported, ImportError_, convert, read_source
from chibo.commands.guard import guarded

_PLACEHOLDER = re.compile(r"^## Toàn văn\s*\n+!!! note \"Chưa có toàn văn\"\n(?:(?: {4}.*)?\n)*", re.MULTILINE)


def file_name(imported: Imported) -> str:
    """"2022-03-nghi-quyet-sinh-hoat-chi-bo-thang-3.md": the period, then the trích yếu."""
    summary = str(imported.meta.get("trich_yeu") or imported.meta.get("title") or "")
    slug = _cut(slugify(summary), 60) or imported.doc_type.code
    period = ""
    if imported.year:
        period = f"{imported.year}-{imported.month:02d}-" if imported.month and "thang" in imported.meta else \
            f"{imported.year}-"
    if not slug.startswith(imported.doc_type.code):
        slug = f"{imported.doc_type.code}-{slug}"
    return f"{period}{slug}.md"


def _cut(slug: str, limit: int) -> str:
    """At most ``limit`` characters, cut between words ("…-nam-hoc-2021-2022", never "…-20")."""
    if len(slug) <= limit:
        return slug.strip("-")
    cut = slug[:limit + 1]
    return (cut[:cut.rfind("-")] if "-" in cut else slug[:limit]).strip("-")


def _unique(folder: Path, name: str) -> Path:
    """A free name; another document whose title gives the same name gets "-2", "-3" …
    (the same document imported again is found before, see ``_same_document``)."""
    path = folder / name
    counter = 2
    while path.exists():
        path = folder / f"{name[:-3]}-{counter}.md"
        counter += 1
    return path


IMPORTED_FROM = "nguon_nhap"  # front-matter key: "file.docx sha256:…" of the imported file


def _same_document(project: Path, imported: Imported, digest: str, name: str) -> Path | None:
    """An existing page made from the same file: the same content (hash), or the same file
    edited since (same file name, same number and same date, both given)."""
    number, date = str(imported.meta.get("so") or ""), str(imported.meta.get("ngay") or "")
    for page in sorted((project / "docs").rglob("*.md")):
        raw = page.read_bytes()
        if IMPORTED_FROM.encode() not in raw:
            continue
        meta = load(raw, str(page)).meta
        origin = str(meta.get(IMPORTED_FROM) or "")
        if origin.endswith(f"sha256:{digest}"):
            return page
        if number and date and origin.startswith(f"{name} ") and str(meta.get("so") or "") == number \
                and str(meta.get("ngay") or "") == date:
            return page
    return None


def _update(page: Path, imported: Imported, content_meta: dict) -> None:
    """The body from the file again; the front matter as the page has it (hand edits kept),
    with only the facts it lacks added from the file."""
    existing = load(page.read_bytes(), str(page)).meta
    meta = {**content_meta, **{k: v for k, v in existing.items() if v not in ("", None, [])},
            IMPORTED_FROM: content_meta[IMPORTED_FROM]}  # the file it now comes from
    write_atomic(page, (render_front_matter(meta) + "\n" + imported.body).encode("utf-8"))


def _full_text_page(project: Path, page: Path, top: str, imported: Imported, source: Path, *,
                    under_own_text: bool = True) -> tuple[str, str, list]:
    """(content, shown path, problems) of a regulation page: ``top`` then the text (Điều N
    keeps #dieu-n). Under a page's own sections (``under_own_text``) the text goes in a
    "## Toàn văn" section, its parts one level deeper; a page that is only the text keeps
    the text's own headings, nothing added. The page is published: a text with errors is
    refused, it must not stop the site."""
    if under_own_text:
        text = re.sub(r"^(#{2,5}) ", r"#\1 ", imported.body.rstrip(), flags=re.MULTILINE)
        content = f"{top}\n\n## Toàn văn\n\n{text}\n"
    else:
        content = f"{top}\n\n{imported.body.rstrip()}\n"
    shown = page.relative_to(project).as_posix()
    settings = load_settings(project / "data")
    problems = validate(load(content.encode("utf-8"), shown), settings.types, must_be_document=True)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        listed = "; ".join(p.format() for p in errors[:5])
        raise ImportError_(f"{source.name}: NH009 toàn văn ghép vào {shown} còn lỗi ({listed}); hãy sửa trong tệp Word "
                           "rồi nhập lại.")
    return content, shown, problems


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
    content, shown, _ = _full_text_page(project, page, kept, imported, source)
    write_atomic(page, content.encode("utf-8"))
    notes.insert(0, f"đã ghép toàn văn vào trang có sẵn của {entry.label} ({shown}); thông tin của văn bản "
                    "(ngày, người ký, hiệu lực) vẫn lấy từ sổ văn bản dẫn chiếu")
    return page, notes


def _file_source(name: str) -> str:
    """The source recorded for a registry fact taken from an imported file."""
    return f"tệp nhập {name} (chính văn bản, chưa đối chiếu nguồn chính thức)"


def _new_regulation(project: Path, imported: Imported, source: Path) -> tuple[Path, list[str]]:
    """A Central document with no record: a new regulation page and a registry record made
    from the file's own facts, marked as such; a document it replaces is marked replaced."""
    fields = dict(imported.new_entry or {})
    code = str(fields["ma"])
    docs = project / "docs"
    page = docs / "quy-dinh" / f"{_cut(slugify(code), 60) or 'van-ban'}.md"
    if page.exists():
        raise ImportError_(f"{source.name}: NH011 đã có trang {page.relative_to(project).as_posix()} cho số hiệu "
                           f"\"{code}\" nhưng sổ văn bản dẫn chiếu chưa ghi trang đó; hãy ghi vào sổ rồi nhập lại.")
    today = dt.date.today().strftime("%d/%m/%Y")
    where = _file_source(source.name)
    fields["trang"] = page.relative_to(docs).as_posix()
    file_note = str(fields.get("ghi_chu") or "")  # what the file says that no field holds
    fields["ghi_chu"] = " ".join(filter(None, (f"Thông tin lấy từ tệp {source.name} khi nhập ngày {today}.",
                                                file_note)))
    sources = {name: (where, today) for name in ("co_quan", "ngay", "nguoi_ky", "chuc_vu_ky", "trich_yeu")
               if fields.get(name)}
    doctype = imported.doc_type
    # The text of a Central document is public: its page is published at once, as the merge
    # into an existing page is, so that citations link to it; a text with errors is refused.
    meta = {k: v for k, v in imported.meta.items() if k != "nhap"}
    content, shown, problems = _full_text_page(project, page, render_front_matter(meta).rstrip("\n"), imported,
                                               source, under_own_text=False)
    if imported.meta.get("mat"):
        raise ImportError_(f"{source.name}: NH009 văn bản của cấp trên có dấu MẬT: không tạo trang quy định (trang "
                           "quy định được đăng); hãy nhập như văn bản thường với TYPE=van-ban.")
    write_new(page, content)
    known = imported.entry
    notes = [imported.summary()]
    if known is None:
        append_entry(project / "data", fields, sources)
        notes.append(f"văn bản của cấp trên chưa có trong sổ văn bản dẫn chiếu: đã tạo trang {shown} và ghi vào sổ "
                     f"(data/van-ban-dan-chieu.yml) các thông tin lấy từ chính tệp này, có ghi nguồn; tình trạng hiệu "
                     "lực để \"chưa rõ\" — hãy kiểm chứng")
    else:
        notes.extend(_fill_known(project, known, {**fields, "ghi_chu": file_note}, source.name, today,
                                 shown))
    for old in imported.replaces:
        replaced = {"tinh_trang": "het-hieu-luc", "thay_the_boi": code}
        if fields.get("ngay"):
            replaced["ngay_thay_the"] = fields["ngay"]
        said = {name: (f"{code} ({source.name}) ghi thay thế {old}", today) for name in replaced}
        if not set_fields(project / "data", old, replaced, said):
            append_entry(project / "data", {"ma": old, "loai": "", "co_quan": "", "ngay": "", **replaced,
                                            "ghi_chu": f"Chỉ biết qua {code}, văn bản thay thế nó.", "trang": "",
                                            "ten_goi_khac": []}, said)
        notes.append(f"{code} ghi thay thế {old}: đã ghi vào sổ (tình trạng của {old}: hết hiệu lực)")
    if not add_to_nav(project / "mkdocs.yml", doctype, str(imported.meta["title"]), fields["trang"]):
        notes.append("chưa thêm được vào mục lục (nav) trong mkdocs.yml")
    notes += [n for n in imported.notes if "không ghi" not in n]
    notes += [p.format() for p in problems]
    return page, notes


def _fill_known(project: Path, known, fields: dict, source_name: str, today: str, shown: str) -> list[str]:
    """A record already in the registry but without a page: the page is recorded, and only its
    empty fields are filled from the file (marked so); what the registry says is never replaced."""
    current = {"loai": known.kind, "co_quan": known.issuer, "ngay": known.date, "nguoi_ky": known.signer,
               "chuc_vu_ky": known.signer_title, "trich_yeu": known.subject}
    fill = {name: fields[name] for name, value in current.items() if fields.get(name) and not value}
    fill["trang"] = fields["trang"]
    where = _file_source(source_name)
    sources = {name: (where, today) for name in fill}
    differ = {name: str(fields[name]) for name, value in current.items()
              if value and fields.get(name) and comparable(str(fields[name])) != comparable(value)}
    # what the file says otherwise is kept in the record's note, never in place of the registry's fact
    said = "; ".join(f"{name} \"{value}\"" for name, value in differ.items())
    extra = " ".join(filter(None, (f"ghi khác sổ: {said} (sổ giữ nguyên)." if said else "", fields.get("ghi_chu"))))
    if extra:
        fill["ghi_chu"] = " ".join(filter(None, (known.note, f"Tệp {source_name} nhập ngày {today}: {extra}")))
    set_fields(project / "data", known.code, fill, sources)
    notes = [f"{known.label} đã có trong sổ văn bản dẫn chiếu nhưng chưa có trang: đã tạo trang {shown}, ghi trang "
             "vào sổ" + (f" và điền các trường còn trống ({', '.join(n for n in fill if n != 'trang')}) theo chính "
                         "tệp này, có ghi nguồn" if len(fill) > 1 else "")]
    for name, value in differ.items():
        notes.append(f"tệp ghi {name} \"{value}\", sổ ghi \"{current[name]}\": giữ theo sổ (ghi vào ghi_chu), hãy "
                     "kiểm chứng")
    return notes


def import_file(project: Path, source: Path, forced_type: str | None = None,
                update: bool = False) -> tuple[Path, list[str]]:
    """Convert and write the page; raises ImportError_/AuthoringError and writes nothing on failure.
    The same document imported again is refused, or with ``update`` its page is updated."""
    if not source.is_file():
        raise ImportError_(f"{source}: NH010 không tìm thấy tệp.")
    settings = load_settings(project / "data")
    registry = load_registry(project / "data")
    raw = source.read_bytes()
    reading = read_source(raw, source.name)
    imported = convert(reading, settings, source.name, forced_type, registry)
    size_note = large_file_note(len(raw))
    if imported.doc_type.code == REGULATION and imported.new_entry is not None:
        path, notes = _new_regulation(project, imported, source)
        return path, ([size_note] if size_note else []) + notes
    if imported.doc_type.code == REGULATION:
        path, notes = _merge_regulation(project, imported, source)
        return path, ([size_note] if size_note else []) + notes
    docs = project / "docs"
    digest = hashlib.sha256(raw).hexdigest()[:16]
    meta = {**imported.meta, IMPORTED_FROM: f"{source.name} sha256:{digest}"}
    same = _same_document(project, imported, digest, source.name)
    if same is not None:
        shown = same.relative_to(project).as_posix()
        if not update:
            raise ImportError_(f"{source.name}: NH012 văn bản này đã được nhập thành {shown}; không tạo trang thứ "
                               "hai. Muốn cập nhật trang đó theo tệp (giữ phần đầu đã sửa tay) thì chạy lại với "
                               "CAP_NHAT=1 (make import FILE=… CAP_NHAT=1, hoặc --cap-nhat).")
        _update(same, imported, meta)
        return same, [imported.summary(), f"đã cập nhật nội dung của {shown} theo tệp; phần đầu (front matter) "
                                          "đã sửa tay được giữ nguyên"]
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
    parser.add_argument("--cap-nhat", action="store_true",
                        help="văn bản đã nhập rồi: cập nhật trang đã có (giữ phần đầu đã sửa tay)")
    args = parser.parse_args(argv)
    try:
        path, notes = import_file(Path(args.project), Path(args.file), args.type or None, update=args.cap_nhat)
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
