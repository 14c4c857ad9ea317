"""The site's own search worker (Material's, with the Vietnamese plugin) on a built site.

The fixture site is a copy of the project plus small regulation pages whose text mirrors
real regulations (tests/fixtures/search/). Queries run in Chromium through the worker the
built page names in its ``__config``, fed with the built ``search/search_index.json``.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import PLAN_PAGE
from searchsite import best_section, build_fixture_site, ranked_pages, serve, worker_results

P213 = "quy-dinh/tk-213-qd-tw/"
P55 = "quy-dinh/tk-55-qd-tw/"
P37 = "quy-dinh/tk-37-qd-tw/"
P05 = "quy-dinh/tk-05-ct-tw/"
# The project may have its own page for the same regulation (docs/quy-dinh/213-qd-tw.md
# and so on); for "which page comes first" either page of that regulation will do.
SAME_REGULATION = {page: {page, page.replace("/tk-", "/")} for page in (P213, P55, P37, P05)}
EXACT = "tk-xep-hang/dung-dau/"
FOLDED_ONLY = "tk-xep-hang/khong-dau/"
PLAN = PLAN_PAGE.removesuffix("index.html")

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731

# query -> (page expected, how high: 1 = first, 3 = within the first three)
EXPECTED = {
    "dang vien khong duoc lam": (P37, 1),
    "đảng viên không được làm": (P37, 1),
    "noi cu tru": (P213, 1),
    "nơi cư trú": (P213, 1),
    NFD("nơi cư trú"): (P213, 1),
    "neu guong": (P55, 1),
    "Nêu gương": (P55, 1),
    NFD("Nêu gương"): (P55, 1),
    "213": (P213, 1),
    "213-QĐ/TW": (P213, 1),
    "qd 213": (P213, 1),
    "QĐ 213": (P213, 1),
    "05-CT/TW": (P05, 1),
    "ct 05": (P05, 1),
    "truong thon": (P213, 5),  # only written as "(trưởng thôn," in the text
    "hoc tap va lam theo tu tuong": (P05, 3),
    "guog": (P55, 3),  # a word found nowhere: the words one letter away ("guong")
    "vai tro neu guog": (P55, 1),
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("search-fixture"))


@pytest.fixture(scope="module")
def results(fixture_site: Path, browser) -> dict:
    queries = [*EXPECTED, "đảng viên", NFD("đảng viên"), "dang vien", "nếu", "neu", "cu", "cu tru"]
    with serve(fixture_site) as url:
        return worker_results(browser, url, queries)


@pytest.mark.parametrize("query", list(EXPECTED), ids=[ascii(q) for q in EXPECTED])
def test_query_finds_its_page(results: dict, query: str):
    page, within = EXPECTED[query]
    ranked = ranked_pages(results[query])
    assert SAME_REGULATION[page] & set(ranked[:within]), f"{query!r}: expected {page} in top {within}, got {ranked[:5]}"


def test_nfd_query_gives_exactly_the_nfc_results(results: dict):
    for text in ("nơi cư trú", "đảng viên", "Nêu gương"):
        assert results[NFD(text)] == results[text]


def test_exact_diacritics_rank_above_folded_only_matches(results: dict):
    ranked = ranked_pages(results["đảng viên"])
    assert EXACT in ranked and FOLDED_ONLY in ranked, ranked
    assert ranked.index(EXACT) < ranked.index(FOLDED_ONLY), ranked
    # the folded-only page says which exact word it lacks
    folded_group = next(g for g in results["đảng viên"] if g[0]["location"].startswith(FOLDED_ONLY))
    terms = folded_group[0]["terms"]
    assert terms["đảng"] is False and terms["viên"] is True and "đang" in terms, terms


def test_query_without_diacritics_finds_every_spelling(results: dict):
    assert len(results["dang vien"]) >= len(results["đảng viên"]) > 0
    assert FOLDED_ONLY in ranked_pages(results["dang vien"])


def test_folded_match_highlights_the_original_word(results: dict):
    group = next(g for g in results["noi cu tru"] if g[0]["location"].startswith(P213))
    highlighted = " ".join(item["title"] + " " + item["text"] for item in group)
    assert "<mark>cư</mark>" in highlighted and "<mark>trú</mark>" in highlighted


def test_highlight_markup_is_well_formed(results: dict):
    """Each matched word is marked once, whichever spellings matched: well-formed markup."""
    checked = 0
    for query, groups in results.items():
        for item in (item for group in groups for item in group):
            html = item["title"] + item["text"]
            assert html.count("<mark>") == html.count("</mark>"), (query, html)
            assert not re.search(r"<mark>[^<]*<mar", html), (query, html)
            checked += html.count("<mark>")
    assert checked > 50


def test_result_terms_are_the_words_as_written(results: dict):
    """The result link's ?h= carries these, for highlighting on the opened page."""
    group = next(g for g in results["noi cu tru"] if g[0]["location"].startswith(P213))
    assert {"nơi", "cư", "trú"} <= {term for term, found in group[0]["terms"].items() if found}
    assert not {"noi", "cu", "tru"} & set(group[0]["terms"])


def test_only_the_last_word_is_a_prefix(results: dict):
    """The "exact" fixture page says "của" but has no "cư" and no "tru..." at all."""
    assert EXACT in ranked_pages(results["cu"])  # still being typed: "cu" may become "của"
    assert EXACT not in ranked_pages(results["cu tru"])  # a finished "cu" is not "của"


def test_word_after_a_parenthesis_is_found(results: dict):
    assert P37 in ranked_pages(results["nếu"])  # written "(nếu có vi phạm" in the 37 page
    assert P37 in ranked_pages(results["neu"])


def test_results_link_to_the_article_section(results: dict):
    group = next(g for g in results["noi cu tru"] if g[0]["location"].startswith(P213))
    assert re.fullmatch(re.escape(P213) + r"#dieu-2(-.*)?", best_section(group)), best_section(group)
    truong = next(g for g in results["truong thon"] if g[0]["location"].startswith(P213))
    assert re.fullmatch(re.escape(P213) + r"#dieu-3(-.*)?", best_section(truong)), best_section(truong)


def test_exact_ranking_depends_on_the_exact_boost(fixture_site: Path, browser, tmp_path: Path):
    """Mutation check: with plain folding (no exact-spelling factor, and no phrase factor,
    since only the exact page has "đảng viên" side by side), the folded-only page, which
    says "đang" and "viên" many times, wins."""
    mutant = tmp_path / "site"
    shutil.copytree(fixture_site, mutant)
    plugin = mutant / "assets/javascripts/lunr/min/lunr.vi.min.js"
    source = plugin.read_text(encoding="utf-8")
    assert "var EXACT_FACTOR = 4" in source and "var PHRASE = 2" in source
    source = source.replace("var EXACT_FACTOR = 4", "var EXACT_FACTOR = 1").replace("var PHRASE = 2", "var PHRASE = 0")
    plugin.write_text(source, encoding="utf-8")
    with serve(mutant) as url:
        ranked = ranked_pages(worker_results(browser, url, ["đảng viên"])["đảng viên"])
    assert ranked.index(FOLDED_ONLY) < ranked.index(EXACT), ranked


# --- the real site -----------------------------------------------------------------


@pytest.fixture(scope="module")
def real_results(built_site: Path, browser) -> dict:
    queries = ["dang vien", "đảng viên", "ke hoach hoat dong 2022", "bao ve chinh tri noi bo",
               "tai chinh dang", "tài chính Đảng", NFD("tài chính Đảng"),
               "nhung dieu dang vien khong duoc lam", "tu dien bien tu chuyen hoa", "quy tac ung xu",
               "mau ke hoach", "ke hoach", "qd 213"]
    with serve(built_site) as url:
        return worker_results(browser, url, queries)


def test_real_plan_found_without_diacritics(real_results: dict):
    assert ranked_pages(real_results["ke hoach hoat dong 2022"])[0] == PLAN
    assert PLAN in ranked_pages(real_results["dang vien"])
    sections = lambda q: [i["location"] for g in real_results[q] for i in g]  # noqa: E731
    assert len(sections("dang vien")) >= len(sections("đảng viên")) >= 10


@pytest.mark.parametrize("query, anchor", [
    ("bao ve chinh tri noi bo", "#4-3-cong-tac-bao-ve-chinh-tri-noi-bo"),
    ("tai chinh dang", "#4-6-cong-tac-kiem-tra-dang-va-tai-chinh-dang"),
])
def test_real_plan_results_link_to_the_section(real_results: dict, query: str, anchor: str):
    group = next(g for g in real_results[query] if g[0]["location"].startswith(PLAN))
    assert best_section(group) == PLAN + anchor


@pytest.mark.parametrize("query, first", [
    ("nhung dieu dang vien khong duoc lam", "quy-dinh/37-qd-tw/"),  # in force, then 47 (replaced)
    ("tu dien bien tu chuyen hoa", "quy-dinh/04-nq-tw/"),  # a name members use, in its trích yếu
    ("quy tac ung xu", "quy-dinh/06-2019-tt-bgddt/"),
    ("ke hoach", PLAN),  # ... but the plan above it otherwise
    ("qd 213", "quy-dinh/213-qd-tw/"),
])
def test_real_site_ranks_the_right_page_first(real_results: dict, query: str, first: str):
    ranked = ranked_pages(real_results[query])
    assert ranked[0] == first, ranked[:5]
    if first == "quy-dinh/37-qd-tw/":
        assert ranked[1] == "quy-dinh/47-qd-tw/", ranked[:5]


def test_real_site_never_offers_the_secretarys_pages(real_results: dict):
    # the guide and its templates are out of the members' search, even asked for by title
    ranked = ranked_pages(real_results["mau ke hoach"])
    assert ranked and not [page for page in ranked if page.startswith("huong-dan/")]


def test_real_plan_nfd_query_is_the_nfc_query(real_results: dict):
    assert real_results["tài chính Đảng"], "no result for the NFC query"
    assert real_results[NFD("tài chính Đảng")] == real_results["tài chính Đảng"]


def test_built_site_uses_the_vietnamese_search_setup(built_site: Path):
    import json

    from chibo.rendering.search import SEPARATOR

    raw = (built_site / "search/search_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    assert index["config"]["lang"] == ["vi"] and index["config"]["separator"] == SEPARATOR
    docs = raw.split('"docs":', 1)[1]
    assert "\\u" not in docs and "Đảng viên" in docs  # letters unescaped, NFC
    plugin = (built_site / "assets/javascripts/lunr/min/lunr.vi.min.js").read_text(encoding="utf-8")
    assert '"fold-vi"' in plugin  # ours, not lunr-languages' Vietnamese trimmer
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Đang chuẩn bị tìm kiếm" in home and "Initializing search" not in home
