"""Citation linking costs work linear in the paragraph (issue 13: one 213 KB paragraph with
4,000 citations took > 120 s and 4.5 GB). The work is counted, not timed: characters the
detector is given to scan. Figures: ``scripts/bench_citations.py``."""

from __future__ import annotations

import markdown
import pytest

from chibo.checking.citations import CitationIndex, Detector
from chibo.document.registry import load_registry
from chibo.rendering.mdx_citations import CitationExtension, citation_link
from conftest import ROOT

UNIT = "theo Quy định số 213-QĐ/TW ngày 02/01/2020, "


class CountingDetector(Detector):
    """The real detector, counting the characters it is asked to scan."""

    scanned = 0
    calls = 0

    def find(self, text):
        CountingDetector.scanned += len(text)
        CountingDetector.calls += 1
        return super().find(text)


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "data")


def _render(registry, count: int) -> tuple[str, int, int]:
    CountingDetector.scanned = CountingDetector.calls = 0
    index = CitationIndex(registry=registry)
    ext = CitationExtension(CountingDetector(registry), lambda c: citation_link(c, "ke-hoach/x.md", index))
    text = "Chi bộ *thực hiện* " + (UNIT * count) + "và `QĐ 213` cuối đoạn."
    html = markdown.markdown(text, extensions=[ext])
    return html, CountingDetector.scanned, len(text)


def test_a_long_paragraph_is_scanned_once(registry):
    html, scanned, length = _render(registry, 1000)
    assert html.count('class="dan-chieu"') == 1000
    # Linear: the paragraph's text is scanned about once (the inline-pattern design
    # rescanned the rest of the paragraph after each citation: ~500 times here).
    assert scanned <= 2 * length, (scanned, length)


def test_work_grows_linearly_with_the_citations(registry):
    _, small, _ = _render(registry, 250)
    _, large, _ = _render(registry, 1000)
    # 4x the citations: ~4x the work when linear, ~16x when quadratic.
    assert large <= 5 * small, (small, large)


def test_links_code_and_emphasis_around_citations_are_kept(registry):
    index = CitationIndex(registry=registry)
    ext = CitationExtension(Detector(registry), lambda c: citation_link(c, "ke-hoach/x.md", index))
    html = markdown.markdown("Theo **Quy định số 213-QĐ/TW** và `QĐ 213`, [QĐ 213](x.md) rồi QĐ 213 nữa.\n\n"
                             "> - Quy định 37-QĐ/TW\n", extensions=[ext])
    assert html.count('class="dan-chieu"') == 3, html
    assert "<code>QĐ 213</code>" in html
    assert '<a href="x.md">QĐ 213</a>' in html
    assert "<strong><a " in html and "</a></strong> và <code>" in html
    assert html.index("rồi <a ") < html.index("QĐ 213</a> nữa.")
