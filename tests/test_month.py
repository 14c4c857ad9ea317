"""The cell's month without MkDocs: continuity warnings, fuzzy review of tasks, targets
followed through, the .ics calendar, and ``make new`` pre-filling a month's document."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import monthyear
from chibo.checking.continuity import continuity_check
from chibo.checking.tree import check_tree
from chibo.document.config import load_settings
from chibo.document.meeting import load_meeting_spec, names, refers_to
from chibo.document.model import load_file
from chibo.document.year import NOT_REPORTED, STATUS_LABELS, collect, follow, targets
from chibo.rendering.calendar import calendar, escape_text, fold_line

ROOT = Path(__file__).resolve().parent.parent
PLAN_2022 = ROOT / "docs" / "ke-hoach" / "2022-ke-hoach-hoat-dong.md"


@pytest.fixture(scope="module")
def year_docs(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("year") / "docs"
    monthyear.write_year(docs)
    return docs


def _check(docs: Path, today: dt.date):
    return check_tree(docs, display_root=docs.parent, extra_checks=[continuity_check(ROOT / "data", today)])


def _documents(docs: Path) -> dict:
    return {p.relative_to(docs).as_posix(): load_file(p, "docs/" + p.relative_to(docs).as_posix())
            for p in sorted(docs.rglob("*.md"))}


def _years(docs: Path):
    fields, _ = load_meeting_spec(ROOT / "data")
    return collect(_documents(docs), load_settings(ROOT / "data").types, fields)


def test_generated_year_gives_exactly_the_four_continuity_warnings(year_docs: Path):
    report = _check(year_docs, dt.date(2024, 1, 15))
    assert report.errors == []
    found = sorted((p.code, p.path, p.line) for p in report.problems if p.code.startswith("TH"))
    plan = load_file(year_docs / "ke-hoach/2023-ke-hoach.md", "x")
    october = load_file(year_docs / "nghi-quyet/2023-10-nghi-quyet.md", "x")
    report_doc = load_file(year_docs / "bao-cao/2023-bao-cao.md", "x")
    results_line = next(s.line for s in october.all_sections() if "KẾT QUẢ" in s.title)
    report_line = next(s.line for s in report_doc.all_sections() if "KẾT QUẢ" in s.title)
    assert found == sorted([
        ("TH001", "docs/ke-hoach/2023-ke-hoach.md", plan.meta_lines["nam"]),
        ("TH002", "docs/ke-hoach/2023-ke-hoach.md", plan.meta_lines["lich_hop"]),
        ("TH003", "docs/nghi-quyet/2023-10-nghi-quyet.md", results_line),
        ("TH004", "docs/bao-cao/2023-bao-cao.md", report_line),
    ])
    messages = {p.code: p.format() for p in report.problems}
    assert "tháng 8/2023" in messages["TH001"] and "cảnh báo:" in messages["TH001"]
    assert "quý 3/2023" in messages["TH002"]
    september = load_file(year_docs / "nghi-quyet/2023-09-nghi-quyet.md", "x")
    task_line = next(i for i, line in enumerate(september.lines, 1) if line.startswith("2. "))
    assert f"nhiệm vụ 2 của tháng 9/2023" in messages["TH003"]
    assert f"docs/nghi-quyet/2023-09-nghi-quyet.md:{task_line}" in messages["TH003"]
    assert monthyear.TARGETS[2].rstrip(".") in messages["TH004"]
    assert all(p.severity.value == "warning" for p in report.problems if p.code.startswith("TH"))


def test_no_warning_about_the_future(year_docs: Path):
    report = _check(year_docs, dt.date(2023, 8, 20))  # August is the current month, Q3 not over
    assert not [p for p in report.problems if p.code in ("TH001", "TH002")]


def test_a_withheld_document_counts_for_nothing(year_docs: Path):
    # the confidential August conclusion exists, yet August has no published document
    years = _years(year_docs)
    assert years[2023].record(monthyear.MISSING_MONTH) is None
    assert monthyear.MISSING_MONTH in years[2023].planned  # what the plan foresaw


def test_malformed_meeting_is_a_warning_with_its_line(tmp_path: Path):
    docs = tmp_path / "docs"
    monthyear.write_year(docs)
    path = docs / "nghi-quyet/2023-03-nghi-quyet.md"
    text = path.read_text(encoding="utf-8").replace("  gio: \"14:00\"", "  gio: \"25:99\"\n  hinh_thuc: hop-kin")
    path.write_text(text, encoding="utf-8")
    report = _check(docs, dt.date(2024, 1, 15))
    th005 = [p for p in report.problems if p.code == "TH005"]
    line = next(i for i, l in enumerate(text.split("\n"), 1) if l.startswith("hop:"))
    assert {p.line for p in th005} == {line} and len(th005) == 2
    assert any("25:99" in p.message for p in th005) and any("hop-kin" in p.message for p in th005)


@pytest.mark.parametrize("task, block, expected", [
    ("Kiểm tra nội bộ về vệ sinh răng miệng tháng 5", "Đã kiểm tra noi bo ve sinh rang mieng trong thang 5.", True),
    ("Kiểm tra nội bộ về vệ sinh răng miệng tháng 5", "Vệ sinh răng miệng và kiểm tra nội bộ: tốt.", True),
    ("Kiểm tra nội bộ về vệ sinh răng miệng tháng 5", "Kiểm tra sổ sách, vệ sinh lớp học; miệng nói tay làm.", False),
    ("Thu nộp đảng phí; phụ trách: đ/c Lan", "Thu nop dang phi day du.", True),
    ("Thu nộp đảng phí", "Kết nạp đảng viên mới.", False),
])
def test_fuzzy_naming_on_folded_words(task, block, expected):
    assert names(task, block) is expected


def test_reference_by_number():
    assert refers_to(3, "Nhiệm vụ 3: đã hoàn thành") and refers_to(3, "NV3 xong")
    assert not refers_to(3, "Nhiệm vụ 30 chưa xong") and not refers_to(3, "nhiệm vụ năm 2023")


def test_targets_follow_through_matches_the_hand_computed_table(year_docs: Path):
    results = follow(_years(year_docs)[2023])
    got = [(r.target.text, STATUS_LABELS[r.status]) for r in results]
    assert got == [(text.rstrip(";,"), status) for text, status in monthyear.EXPECTED_TARGETS]
    assert results[0].finding.page == "bao-cao/2023-bao-cao.md"
    assert results[1].finding.item.text == monthyear.REPORT_LINES[1]


def test_target_ids_are_stable_across_edits_of_the_tail(year_docs: Path):
    plan = year_docs / "ke-hoach/2023-ke-hoach.md"
    before = [t.id for t in targets(load_file(plan, "x"))]
    edited = plan.read_text(encoding="utf-8").replace("đúng quy định.", "đúng quy định, đúng hạn. <!-- ma: dang-phi -->")
    edited = edited.replace("vào Đảng.", "vào Đảng trong năm.")
    after = [t.id for t in targets(load_file(plan, "y")) if True]
    from chibo.document.model import parse
    after = [t.id for t in targets(parse(edited, "y"))]
    assert len(set(before)) == 5
    assert after == [before[0], before[1], before[2], "dang-phi", before[4]]


def test_2022_plan_targets_are_not_yet_reported():
    doc = load_file(PLAN_2022, "docs/ke-hoach/2022-ke-hoach-hoat-dong.md")
    fields, _ = load_meeting_spec(ROOT / "data")
    years = collect({"ke-hoach/2022-ke-hoach-hoat-dong.md": doc}, load_settings(ROOT / "data").types, fields)
    results = follow(years[2022])
    assert len(results) == 18  # the items under "4.4. Các chỉ tiêu phấn đấu", the group label left out
    assert {r.status for r in results} == {NOT_REPORTED} and all(r.finding is None for r in results)
    assert results[-1].target.text == "Bồi dưỡng kết nạp 1-2 quần chúng ưu tú vào Đảng."
    assert not any(r.target.text.startswith("Phần đầu các danh hiệu") for r in results)


def test_ics_parses_and_round_trips_with_a_calendar_library(year_docs: Path):
    icalendar = pytest.importorskip("icalendar")
    text = calendar(_years(year_docs), "Chi bộ Trường Mầm non Hoa Mai", duration_minutes=90)
    raw = text.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "a line longer than 75 octets"
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert monthyear.SECRET not in text  # the confidential August conclusion
    cal = icalendar.Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    assert len(events) == 12
    uids = [str(e["UID"]) for e in events]
    assert uids == [f"sinh-hoat-2023-{m:02d}@chi-bo-truong-mam-non-hoa-mai.chibo" for m in range(1, 13)]
    start = events[2].decoded("DTSTART")
    assert start == dt.datetime(2023, 3, 5, 14, 0, tzinfo=start.tzinfo)
    assert start.utcoffset() == dt.timedelta(hours=7) and "Ho_Chi_Minh" in str(events[2]["DTSTART"].params["TZID"])
    assert events[2].decoded("DTEND") - start == dt.timedelta(minutes=90)
    assert str(events[1]["SUMMARY"]).endswith(monthyear.TOPIC_MONTHS[2])  # a comma inside, escaped on the wire
    assert "\\," in text
    august = events[monthyear.MISSING_MONTH - 1]
    assert str(august["DESCRIPTION"]).startswith("Dự kiến") and str(august["LOCATION"]) == "Phòng họp nhà trường"
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Asia/Ho_Chi_Minh"
    again = icalendar.Calendar.from_ical(cal.to_ical())
    assert [(str(e["UID"]), e.decoded("DTSTART"), str(e["SUMMARY"])) for e in again.walk("VEVENT")] == [
        (str(e["UID"]), e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events]
    # same documents, same bytes (no clock in the file)
    assert calendar(_years(year_docs), "Chi bộ Trường Mầm non Hoa Mai", duration_minutes=90) == text


def test_ics_text_escaping_and_folding():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold_line("DESCRIPTION:" + "Đảng viên " * 30)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts) and all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "DESCRIPTION:" + "Đảng viên " * 30


def test_make_new_prefills_the_meeting_and_last_months_tasks(tmp_path: Path):
    from bench.corpus import copy_project
    from chibo.commands.new import create

    project = copy_project(tmp_path / "p", with_sources=False)
    monthyear.write_year(project / "docs")
    (project / "docs/ket-luan/2023-08-ket-luan.md").unlink()  # August is written now, with make new
    path, notes = create(project, "nghi-quyet", None, "2023-08")
    text = path.read_text(encoding="utf-8")
    assert "ngay: 05/08/2023" in text and 'gio: "14:00"' in text and "hinh_thuc: chuyen-de" in text
    assert monthyear.TOPIC_MONTHS[8] in text
    review = text.split("## I.")[1].split("## II.")[0]
    for number in (1, 2, 3):
        assert f"- Nhiệm vụ {number}. {monthyear.task(7, number)}: (ghi kết quả)" in review
    # answered as pre-filled, the review is complete: no TH003 for August
    published = text.replace("nhap: true", "nhap: false")
    path.write_text(published, encoding="utf-8")
    report = _check(project / "docs", dt.date(2024, 1, 15))
    assert not [p for p in report.problems if p.code == "TH003" and "2023-08" in p.path]
    assert not [p for p in report.problems if p.code == "TH001" and "tháng 8/2023" in p.message]


def test_make_new_says_why_it_did_not_prefill(tmp_path: Path):
    from bench.corpus import copy_project
    from chibo.commands.new import create

    project = copy_project(tmp_path / "p", with_sources=False)
    monthyear.write_year(project / "docs")
    (project / "docs/nghi-quyet/2023-09-nghi-quyet.md").unlink()
    path, notes = create(project, "nghi-quyet", None, "2023-09")  # August: confidential only
    assert any("bản nháp hoặc mật" in note for note in notes)
    assert monthyear.SECRET not in path.read_text(encoding="utf-8")


def test_malformed_schedule_entry_is_a_warning_at_its_line(tmp_path: Path):
    docs = tmp_path / "docs"
    monthyear.write_year(docs)
    path = docs / "ke-hoach/2023-ke-hoach.md"
    text = path.read_text(encoding="utf-8").replace("{ngay: 05/04/2023,", "{ngay: 31/04/2023,")
    path.write_text(text, encoding="utf-8")
    report = _check(docs, dt.date(2024, 1, 15))
    th006 = [p for p in report.problems if p.code == "TH006"]
    line = next(i for i, l in enumerate(text.split("\n"), 1) if "31/04/2023" in l)
    assert [(p.line, "cuộc họp thứ 4" in p.message, "31/04/2023" in p.message) for p in th006] == [(line, True, True)]


def test_a_withheld_plan_or_report_feeds_nothing(year_docs: Path):
    documents = _documents(year_docs)
    for page in ("ke-hoach/2023-ke-hoach.md", "bao-cao/2023-bao-cao.md"):
        doc = documents[page]
        documents[page] = type(doc)(**{**doc.__dict__, "meta": {**doc.meta, "nhap": True}})
    fields, _ = load_meeting_spec(ROOT / "data")
    entry = collect(documents, load_settings(ROOT / "data").types, fields)[2023]
    assert entry.plan is None and entry.report is None and entry.planned == {}
    assert follow(entry) == []


def test_any_meeting_value_gives_warnings_never_a_traceback():
    from hypothesis import given, settings, strategies as st

    from chibo.checking.continuity import check_year_continuity
    from chibo.document.model import Document
    from chibo.rendering import month, targets
    from chibo.rendering.regulation_page import relative_link

    scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=12),
                        st.sampled_from(["05/03/2023", "31/02/2023", "14:00", "chuyen-de", "thuong-ky"]))
    values = st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["ngay", "gio", "dia_diem", "hinh_thuc", "chu_de", "co_mat", "tong_so", "x"]),
                        inner, max_size=5)), max_leaves=8)
    types = load_settings(ROOT / "data").types
    fields, _ = load_meeting_spec(ROOT / "data")

    @settings(max_examples=150, deadline=None)
    @given(hop=values, schedule_value=values, thang=st.sampled_from(["2023-03", "2023-13", "", "x"]))
    def run(hop, schedule_value, thang):
        docs = {
            "nghi-quyet/a.md": Document(path="a.md", text="## I. KẾT QUẢ\n\n- x\n\n## II. NHIỆM VỤ\n\n- y\n",
                                        meta={"loai": "nghi-quyet", "thang": thang, "hop": hop}),
            "ke-hoach/p.md": Document(path="p.md", meta={"loai": "ke-hoach", "nam": 2023, "lich_hop": schedule_value}),
        }
        check = continuity_check(ROOT / "data", dt.date(2024, 1, 1))
        for doc in docs.values():
            assert all(p.code in ("TH005", "TH006") for p in check(doc))
        check.finish()
        check_year_continuity(docs, types, fields, dt.date(2024, 1, 1))
        years = collect(docs, types, fields)
        month.home(years, dt.date(2023, 6, 1), relative_link("index.md"))
        for entry in years.values():
            month.year_calendar(entry, dt.date(2023, 6, 1), relative_link("sinh-hoat/lich.md"))
            if entry.plan is not None:
                targets.page(entry, relative_link("sinh-hoat/ct.md"))
        calendar(years, "Chi bộ")

    run()
