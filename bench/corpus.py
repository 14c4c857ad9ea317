"""A deterministic synthetic corpus: years of a cell's documents inside a project copy.

    python -m bench.corpus DEST --years 10 [--cells 1] [--seed 2022]

Per cell and year: a plan (ke-hoach), a report (bao-cao) and 12 monthly resolutions
(nghi-quyet), built from the document types' section titles with varied Vietnamese text
and real citations of the registry's regulations. The corpus validates cleanly.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

from chibo.authoring.templates import render_front_matter
from chibo.document.config import load_settings
from chibo.document.numbering import int_to_roman

ROOT = Path(__file__).resolve().parent.parent
# Never part of a project copy: environments, outputs, caches, the tests themselves.
_NOT_COPIED = {".venv", ".venv-zensical", "site", ".git", "test-artifacts", ".cache", "tests", ".pytest_cache", ".hypothesis",
               "__pycache__", "build", "bench-results", "dist", "node_modules"}

SUBJECTS = ["Chi bộ", "Cấp ủy", "Ban giám hiệu", "Các đồng chí đảng viên", "Công đoàn trường", "Chi đoàn thanh niên",
            "Tổ chuyên môn", "Đảng viên trẻ", "Giáo viên các lớp", "Bộ phận nuôi dưỡng"]
VERBS = ["tiếp tục thực hiện tốt", "chỉ đạo sát sao", "tăng cường", "nâng cao chất lượng", "đẩy mạnh",
         "triển khai kịp thời", "duy trì nề nếp", "quán triệt đầy đủ", "kiểm tra, giám sát", "phối hợp chặt chẽ trong"]
OBJECTS = ["công tác chăm sóc, nuôi dưỡng và giáo dục trẻ", "sinh hoạt chi bộ định kỳ", "việc học tập và làm theo "
           "tư tưởng, đạo đức, phong cách Hồ Chí Minh", "công tác phát triển đảng viên mới", "vệ sinh an toàn thực phẩm",
           "xây dựng trường học xanh – sạch – đẹp – an toàn", "công tác bảo vệ chính trị nội bộ",
           "việc thu, nộp đảng phí đúng quy định", "phong trào thi đua dạy tốt, học tốt", "ứng dụng công nghệ thông tin "
           "trong quản lý và giảng dạy", "công tác tuyên truyền trong phụ huynh học sinh", "kỷ cương, nề nếp nhà trường"]
ENDINGS = ["đạt kết quả tốt.", "theo đúng kế hoạch đề ra.", "gắn với nhiệm vụ năm học.", "trong toàn chi bộ.",
           "đến từng đảng viên.", "một cách thường xuyên, liên tục.", "theo chỉ đạo của Đảng ủy phường."]
# (first year a document may cite it, last year, sentence): citations respect the dates.
CITATIONS = [
    (2020, 2100, "Thực hiện nghiêm Quy định số 213-QĐ/TW ngày 02/01/2020 về trách nhiệm của đảng viên đang công "
                 "tác thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú."),
    (2001, 2019, "Thực hiện Quy định số 76-QĐ/TW ngày 15/6/2000 về việc đảng viên đang công tác giữ mối liên hệ với "
                 "chi bộ và chi ủy nơi cư trú."),
    (2022, 2100, "Mỗi đảng viên tự soi, tự sửa theo Quy định số 37-QĐ/TW về những điều đảng viên không được làm."),
    (2012, 2021, "Mỗi đảng viên tự soi, tự sửa theo Quy định số 47-QĐ/TW về những điều đảng viên không được làm."),
    (2017, 2100, "Tiếp tục thực hiện Quy định số 55-QĐ/TW về những việc cần làm ngay để tăng cường vai trò nêu "
                 "gương của cán bộ, đảng viên."),
    (2016, 2100, "Gắn với việc thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư "
                 "tưởng, đạo đức, phong cách Hồ Chí Minh."),
    (2019, 2100, "Thực hiện bộ quy tắc ứng xử theo Thông tư số 06/2019/TT-BGDĐT của Bộ Giáo dục và Đào tạo."),
]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"


def items(rng: random.Random, low: int, high: int, year: int, cite: float = 0.25) -> list[str]:
    usable = [text for first, last, text in CITATIONS if first <= year <= last]
    lines = []
    for _ in range(rng.randint(low, high)):
        text = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        if rng.random() < cite:
            text += " " + rng.choice(usable)
        lines.append(f"- {text}")
    return lines


def body(doctype, rng: random.Random, period_label: str, year: int) -> str:
    parts = []
    if doctype.preamble:
        parts.append(f"{doctype.preamble} Điều lệ Đảng Cộng sản Việt Nam;\n\n"
                     f"{doctype.preamble} tình hình thực tế của chi bộ {period_label}, chi bộ xây dựng văn bản này.")
    for index, spec in enumerate(doctype.sections):
        title = spec["tieu_de"].upper()
        if spec.get("them_chu"):
            title += f" {period_label.upper()}"
        parts.append(f"## {int_to_roman(index + 1)}. {title}")
        if doctype.code == "ke-hoach" and index == 2:  # the plan's numbered sub-items
            for sub in range(1, rng.randint(3, 5)):
                parts.append(f"### {sub}. {rng.choice(OBJECTS).capitalize()}")
                parts.append("\n".join(items(rng, 2, 5, year)))
        else:
            parts.append("\n".join(items(rng, 2, 6, year)))
    parts.append(f"Trên đây là văn bản của chi bộ {period_label}, đề nghị các đồng chí đảng viên nghiêm túc thực hiện./.")
    return "\n\n".join(parts) + "\n"


def _meta(doctype, cell_name: str, year: int, month: int | None, number: int, day: int) -> dict:
    label = doctype.label.capitalize()
    when = f"tháng {month}/{year}" if month else f"năm {year}"
    meta = {"title": f"{label} {when} — {cell_name}", "loai": doctype.code,
            "trich_yeu": f"{label} của chi bộ {when}"}
    if "thang" in doctype.attributes:
        meta["thang"] = f"{year}-{month:02d}"
    if "nam" in doctype.attributes:
        meta["nam"] = year
    meta.update({"so": f"{number:02d}-{doctype.abbreviation}/CB",
                 "ngay": f"{day:02d}/{month or 1:02d}/{year}", "dia_danh": "Thạch Bàn",
                 "cap_tren": "Đảng bộ Phường Thạch Bàn", "chi_bo": cell_name, "tham_quyen": "T/M CHI BỘ",
                 "chuc_vu": "BÍ THƯ", "nguoi_ky": "Nguyễn Thị An", "noi_nhan": ["Đảng ủy phường;", "Lưu."]})
    return meta


def copy_project(dest: Path, *, with_sources: bool = True) -> Path:
    """A copy of the project (docs, data, hooks, overrides, mkdocs.yml) to build or break freely.

    The tests and the benchmarks all copy through here. ``with_sources=False`` leaves out
    the chibo package, so that builds use the installed one (compiled once, as the real
    project does) rather than a fresh copy Python must compile on every build.
    """
    skip = _NOT_COPIED if with_sources else _NOT_COPIED | {"chibo"}
    shutil.copytree(ROOT, dest, ignore=lambda d, names: [n for n in names if n in skip or n.endswith(".egg-info")])
    return dest


def generate(dest: Path, *, years: int = 10, cells: int = 1, seed: int = 2022, first_year: int = 2013) -> list[Path]:
    """Copy the project to dest and add the corpus to its docs and nav; returns the new pages."""
    copy_project(dest, with_sources=False)
    rng = random.Random(seed)
    types = load_settings(dest / "data").types
    written: list[Path] = []
    nav: dict[str, list[str]] = {"ke-hoach": [], "nghi-quyet": [], "bao-cao": []}
    for cell in range(1, cells + 1):
        cell_name = f"Chi bộ Trường Mầm non số {cell}" if cells > 1 else "Chi bộ Trường Mầm non Hoa Mai"
        prefix = f"cb{cell:02d}-" if cells > 1 else ""
        counters = {code: 0 for code in nav}
        for year in range(first_year, first_year + years):
            if (year - first_year) % 5 == 0:  # a new committee term restarts the numbering
                counters = {code: 0 for code in nav}
            plan: list[tuple[str, int | None]] = [("ke-hoach", None)] + [("nghi-quyet", m) for m in range(1, 13)]
            plan.append(("bao-cao", None))
            for code, month in plan:
                doctype = types[code]
                counters[code] += 1
                label = f"tháng {month}/{year}" if month else f"năm {year}"
                meta = _meta(doctype, cell_name, year, month, counters[code], rng.randint(1, 28))
                name = f"{prefix}{year}-{month:02d}-{code}.md" if month else f"{prefix}{year}-{code}.md"
                path = dest / "docs" / doctype.folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(render_front_matter(meta) + "\n" + body(doctype, rng, label, year), encoding="utf-8")
                written.append(path)
                nav[code].append(f"      - {meta['title']}: {doctype.folder}/{name}")
    _extend_nav(dest / "mkdocs.yml", nav)
    return written


def _extend_nav(mkdocs_yml: Path, entries: dict[str, list[str]]) -> None:
    text = mkdocs_yml.read_text(encoding="utf-8")
    for folder, lines in entries.items():
        pattern = re.compile(rf"^(\s+- {re.escape(folder)}/index\.md\n(?:\s{{6,}}- .*\n)*)", re.M)
        match = pattern.search(text)
        if match is None:
            raise SystemExit(f"mkdocs.yml has no nav section for {folder}/index.md")
        text = text[: match.end()] + "\n".join(lines) + "\n" + text[match.end():]
    mkdocs_yml.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate a synthetic corpus inside a copy of the project.")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--cells", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    pages = generate(args.dest, years=args.years, cells=args.cells, seed=args.seed)
    print(f"{len(pages)} documents written under {args.dest / 'docs'}")


if __name__ == "__main__":
    main()
