"""``python -m chibo.commands.new`` (``make new``): start a new document from its type's template.

    make new TYPE=nghi-quyet MONTH=2022-03
    make new TYPE=ke-hoach YEAR=2023
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chibo.authoring.templates import (AuthoringError, Period, add_to_nav, file_name, new_meta, next_number,
                        render_front_matter, template_body, write_new)
from chibo.document.config import load_settings
from chibo.document.model import load_file
from chibo.checking.rules import validate
from chibo.commands.guard import guarded


def create(project: Path, type_code: str, year: str | None, month: str | None) -> tuple[Path, list[str]]:
    """Write the new page and list it in the nav; returns its path and notes for the author."""
    settings = load_settings(project / "data")
    doctype = settings.types.get(type_code or "")
    if doctype is None or doctype.code == "quy-dinh":
        usable = ", ".join(code for code in settings.types if code != "quy-dinh")
        raise AuthoringError(f"Loại văn bản \"{type_code}\" không có; hãy dùng TYPE= một trong: {usable}.")
    if "thang" in doctype.attributes and not month:
        raise AuthoringError(f"{doctype.label.capitalize()} cần tháng: hãy thêm MONTH=năm-tháng, ví dụ MONTH=2022-03.")
    if "thang" not in doctype.attributes and month:
        raise AuthoringError(f"{doctype.label.capitalize()} làm theo năm: hãy dùng YEAR=, ví dụ YEAR=2023.")
    period = Period.parse(year, month)
    docs = project / "docs"
    number, reason = next_number(docs, doctype, settings, period.year)
    notes = [reason] if reason else []
    meta = new_meta(doctype, settings, period, number)
    body = template_body(doctype)
    if period.month and "hop" in doctype.attributes:  # the month's meeting and last month's tasks
        from chibo.authoring.review import planned_meeting, prefill, previous_tasks

        hop = planned_meeting(docs, settings, project / "data", period.year, period.month)
        previous, tasks, note = previous_tasks(docs, settings, period.year, period.month)
        body = prefill(body, previous, tasks, period.year, period.month)
        notes += [note] if note else []
    front = render_front_matter(meta)
    if period.month and "hop" in doctype.attributes:
        from chibo.authoring.review import hop_yaml

        front = front.removesuffix("---\n") + hop_yaml(hop) + "---\n"
    content = front + "\n" + body
    path = docs / doctype.folder / file_name(doctype, period)
    write_new(path, content)
    relative = path.relative_to(docs).as_posix()
    if not add_to_nav(project / "mkdocs.yml", doctype, meta["title"], relative):
        notes.append(f"chưa thêm được vào mục lục (nav) trong mkdocs.yml; hãy thêm dòng \"{relative}\"")
    doc = load_file(path, path.relative_to(project).as_posix())
    notes += [problem.format() for problem in validate(doc, settings.types, must_be_document=True)]
    return path, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new", description="Tạo văn bản mới theo mẫu của loại văn bản.")
    parser.add_argument("--type", required=True, help="loại văn bản: ke-hoach, nghi-quyet, bao-cao")
    parser.add_argument("--year", help="năm, ví dụ 2023 (kế hoạch, báo cáo)")
    parser.add_argument("--month", help="tháng, ví dụ 2022-03 (nghị quyết)")
    parser.add_argument("--project", default=".", help="thư mục dự án (có mkdocs.yml)")
    args = parser.parse_args(argv)
    try:
        path, notes = create(Path(args.project), args.type, args.year, args.month)
    except AuthoringError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    print(f"Đã tạo văn bản mới (bản nháp): {path}")
    if notes:
        print("Những chỗ còn phải điền:")
        for note in notes:
            print(f"  {note}")
    print("Khi soạn xong, đổi \"nhap: true\" thành \"nhap: false\" để đăng lên trang.")
    return 0


if __name__ == "__main__":
    sys.exit(guarded(main))
