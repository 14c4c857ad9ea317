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


# Text the citation scan hides (issue 19): each was quadratic in the old regexes, from
# every "[", "<" or "<!--" to the end of the line or the text.
HIDDEN_ATTACKS = {
    "nested brackets": lambda n: "[" * n + "Quy định 213-QĐ/TW" + "]" * n,
    "unclosed tags": lambda n: "<a href='x' " * n,
    "unclosed comments": lambda n: "<!-- " * n,
    "unclosed link destinations": lambda n: "[a](" * n,
    "backtick runs": lambda n: "``a`" * n,
}


@pytest.mark.parametrize("attack", sorted(HIDDEN_ATTACKS))
def test_hiding_code_links_and_html_is_linear(attack):
    from chibo.checking.citations import hidden_spans

    text = HIDDEN_ATTACKS[attack](20_000)
    _, work = hidden_spans(text)
    assert work <= 8 * len(text), (work, len(text))
    _, small = hidden_spans(HIDDEN_ATTACKS[attack](5_000))
    assert work <= 5 * small, (small, work)  # 4x the input: ~4x the work


@pytest.mark.parametrize("text, hidden", [
    ("Theo `QĐ 213` và ``a ` b`` rồi", ["`QĐ 213`", "``a ` b``"]),
    ("Xem [Quy định 213](../quy-dinh/213.md) và ![ảnh](a.png \"t\") và [x][ref]", [
        "[Quy định 213](../quy-dinh/213.md)", "![ảnh](a.png \"t\")", "[x][ref]"]),
    ("a <span class=\"x\">QĐ 213</span> <!-- QĐ 37\nhai dòng --> b <https://x.vn/a>",
     ["<span class=\"x\">", "</span>", "<!-- QĐ 37\nhai dòng -->", "<https://x.vn/a>"]),
    ("[chưa đóng (QĐ 213) <không phải thẻ\n> `lẻ", []),
    (r"\[không phải\](liên kết) [thật](x)", ["[thật](x)"]),
])
def test_what_the_scan_hides(text, hidden):
    from chibo.checking.citations import hidden_spans

    assert [text[start:end] for start, end in hidden_spans(text)[0]] == hidden
