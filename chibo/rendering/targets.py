"""The "Theo dõi chỉ tiêu" page of a year: each target of the plan, what the year-end report
(or the monthly documents) say about it, and a bar chart drawn with a plain HTML table and
CSS widths (no script, no library; it reflows on a phone and prints, colours kept by
``print-color-adjust``). Text from documents is escaped.
"""

from __future__ import annotations

import html
from collections import Counter

from chibo.document.meeting import clean
from chibo.document.year import (ACHIEVED, NOT_ACHIEVED, NOT_REPORTED, STATUS_LABELS, UNCLEAR, TargetResult, Year,
                                 follow)
from chibo.rendering.escape import markdown_text
from chibo.rendering.regulation_page import LinkFn

ORDER = (ACHIEVED, NOT_ACHIEVED, UNCLEAR, NOT_REPORTED)
#: Where the guide lists the targets' codes (``codes``).
CODES_MARKER = "<!-- ma-chi-tieu -->"


def counts(results: list[TargetResult]) -> dict[str, int]:
    found = Counter(result.status for result in results)
    return {status: found.get(status, 0) for status in ORDER}


def chart(results: list[TargetResult]) -> str:
    """A stacked bar (one table row) and its legend with the numbers."""
    total = len(results)
    tally = counts(results)
    label = "; ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in tally.items() if n)
    cells = "".join(
        # A width class per whole percent (sinh-hoat.css): no inline style, which the CSP forbids.
        f'<td class="ct-{status} ct-w-{round(100 * n / total)}">{n}</td>'
        for status, n in tally.items() if n)
    legend = "".join(f'<li><span class="ct-o ct-{status}" aria-hidden="true"></span>'
                     f"{html.escape(STATUS_LABELS[status])}: <strong>{n}</strong></li>"
                     for status, n in tally.items())
    return (f'<div class="ct-bieu-do" role="img" aria-label="{html.escape(label, quote=True)}">\n'
            f'<table class="ct-thanh"><tbody><tr>{cells}</tr></tbody></table>\n'
            f'<ul class="ct-chu-giai">{legend}</ul>\n</div>')


def page(entry: Year, link: LinkFn) -> str:
    results = follow(entry)
    plan_page, plan = entry.plan  # type: ignore[misc]
    lines = [f"# Theo dõi chỉ tiêu năm {entry.year}", "",
             f"Các chỉ tiêu của [{markdown_text(plan.meta.get('title') or plan_page)}]({link(plan_page, '')}) "
             "và kết quả ghi trong báo cáo cuối năm"
             + (f" ([{markdown_text(entry.report[1].meta.get('title') or entry.report[0])}]"
                f"({link(entry.report[0], '')}))" if entry.report else " (chưa có báo cáo cuối năm; kết quả lấy "
                                                                      "từ nghị quyết, kết luận hằng tháng nếu có)")
             + ".", ""]
    if not results:
        lines.append("Kế hoạch năm chưa có mục \"chỉ tiêu\" để theo dõi.")
        return "\n".join(lines) + "\n"
    lines += [chart(results), "",
              "| Chỉ tiêu | Tình trạng, kết quả |", "|---|---|"]
    for result in results:
        target = result.target
        name = f"[{markdown_text(target.text)}]({link(plan_page, target.anchor)})"
        if result.finding is None:
            answer = ""
        else:
            finding = result.finding
            quoted = markdown_text(clean(finding.item.full_text()))
            source = markdown_text(finding.doc.meta.get("title") or finding.page)
            answer = f"{quoted} ([{source}]({link(finding.page, finding.item.anchor)}))"
        status = f'<span class="ct-nhan ct-{result.status}">{html.escape(STATUS_LABELS[result.status])}</span>'
        lines.append(f"| {name} | {status} {answer} |")
    lines += ["", "Kết quả được nhận ra khi một ý trong mục kết quả của báo cáo nêu lại phần lớn các từ của chỉ "
              "tiêu; \"Chưa đạt\" khi ý đó ghi \"chưa đạt\", \"không đạt\", \"chưa hoàn thành\"; \"Đạt\" khi ghi "
              "\"đạt\", \"hoàn thành\", \"100%\"."]
    return "\n".join(lines) + "\n"


def codes(years: dict[int, Year], link: LinkFn) -> str:
    """For the secretary's guide: each year's targets with the code that keeps them followed."""
    lines = []
    for number, entry in sorted(years.items()):
        if entry.plan is None:
            continue
        plan_page = entry.plan[0]
        for result in follow(entry):
            target = result.target
            lines.append(f"| {number} | [{markdown_text(target.text)}]({link(plan_page, target.anchor)}) "
                         f"| `{target.id}` |")
    if not lines:
        return "Chưa có kế hoạch năm nào có mục \"chỉ tiêu\"."
    return "\n".join(["| Năm | Chỉ tiêu | Mã |", "|---|---|---|", *lines])
