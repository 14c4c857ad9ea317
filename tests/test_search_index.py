"""The shipped search index (chibo.rendering.search_index): badges, names, escaping."""

from __future__ import annotations

import html
import json

from chibo.document.registry import Entry
from chibo.rendering.search_index import (PREBUILT_FIELD, build_index, code_spellings, compact_text, index_term,
                                          page_info)


def _entry(**changes) -> Entry:
    values = dict(code="47-QĐ/TW", name="", kind="Quy định", issuer="Ban Chấp hành Trung ương", term="XI",
                  date="01/11/2011", signer="", signer_title="", subject="Về những điều đảng viên không được làm",
                  status="het-hieu-luc", replaced_by="37-QĐ/TW", replaced_on="25/10/2021", note="",
                  page="quy-dinh/47-qd-tw.md", aliases=("Quy định 47",))
    values.update(changes)
    return Entry(**values)


def _index(docs: list[dict]) -> str:
    return json.dumps({"config": {"lang": ["vi"], "fields": {"title": {"boost": 1000}, "text": {"boost": 1},
                                                              "tags": {"boost": 1e6}}}, "docs": docs})


def test_regulation_badges_and_names():
    info = page_info("quy-dinh/47-qd-tw/", {"loai": "quy-dinh", "ma": "47-QĐ/TW"}, type_label="QUY ĐỊNH",
                     entry=_entry())
    assert info.tags() == ["Quy định", "Số 47-QĐ/TW", "Ngày 01/11/2011", "Đã hết hiệu lực"]
    names = " ; ".join(info.names)
    assert "Về những điều đảng viên không được làm" in names and "Quy định 47" in names
    assert "QĐ47" in names and "47 QĐ TW" in names
    assert info.number_key == "47"


def test_cell_document_badges_period_and_number():
    meta = {"loai": "nghi-quyet", "so": "05-NQ/CB", "ngay": "", "thang": "2022-3", "trich_yeu": "Nghị quyết tháng 3"}
    info = page_info("nghi-quyet/2022-03/", meta, type_label="NGHỊ QUYẾT")
    assert info.category == "document" and info.kind_code == "nghi-quyet" and info.period == "2022-03"
    assert info.tags() == ["Nghị quyết", "Số 05-NQ/CB", "Tháng 3/2022"]  # no date: the month instead
    assert "Nghị quyết tháng 3 năm 2022" in info.names
    assert info.number_key == "5"
    assert page_info("huong-dan/", {}, type_label="").category == "other"
    assert page_info("huong-dan/mau-ke-hoach/", {}).kind_code == "ke-hoach"


def test_index_terms_and_spellings():
    assert index_term("Đảng") == "dang" and index_term("03") == "3" and index_term("0") == "0"
    assert code_spellings("213-QĐ/TW")[:2] == ["213-QĐ/TW", "213 QĐ TW"]
    assert "QĐ213" in code_spellings("213-QĐ/TW") and "CT5" in code_spellings("05-CT/TW")


def test_compact_text_keeps_every_word():
    html = "<ul> <li> <p>Một hai.</p> </li> <li>Ba <code>bốn</code></li> </ul> <p>Năm</p>"
    out = compact_text(html)
    assert out == "<p>Một hai.</p><p>Ba <code>bốn</code></p><p>Năm</p>"
    strip = lambda s: " ".join(__import__("re").sub("<[^>]+>", " ", s).split())  # noqa: E731
    assert strip(out) == strip(html)


def test_badges_and_names_are_escaped():
    """Material inserts result tags as HTML: text from a document must arrive escaped."""
    evil = '<img src=x onerror="alert(1)">'
    info = page_info("nghi-quyet/x/", {"loai": "nghi-quyet", "so": evil, "trich_yeu": evil}, type_label="NGHỊ QUYẾT")
    data = json.loads(build_index(_index([{"location": "nghi-quyet/x/", "title": "T", "text": "<p>a</p>"}]),
                                  {"nghi-quyet/x/": info}))
    tags = data["docs"][0]["tags"]
    assert "Số &lt;img src=x onerror=\"alert(1)\"&gt;" in tags, tags
    assert not any("<" in tag for tag in tags)
    page = data["config"]["fields"][PREBUILT_FIELD]["prebuilt"]["pages"][0]
    assert "<" not in page["n"] and "&lt;img" in page["n"]


def test_prebuilt_postings_and_priors():
    docs = [{"location": "quy-dinh/47-qd-tw/", "title": "Quy định 47-QĐ/TW", "text": "<p>Đảng viên đảng viên</p>"},
            {"location": "quy-dinh/47-qd-tw/#dieu-1", "title": "Điều 1", "text": "<p>Không được</p>"},
            {"location": "huong-dan/", "title": "Hướng dẫn", "text": "<p>Đảng viên</p>"}]
    pages = {"quy-dinh/47-qd-tw/": page_info("quy-dinh/47-qd-tw/", {"loai": "quy-dinh"}, entry=_entry()),
             "huong-dan/": page_info("huong-dan/", {})}
    data = json.loads(build_index(_index(docs), pages))
    fields = data["config"]["fields"]
    assert "tags" not in fields  # badges are shown, not searched
    prebuilt = fields[PREBUILT_FIELD]["prebuilt"]
    assert prebuilt["entries"] == 3 and prebuilt["fields"] == ["title", "names", "text"]
    vocabulary = prebuilt["vocabulary"].split(" ")
    assert vocabulary == sorted(vocabulary)
    # every page's article first, then the sections
    assert [d["location"] for d in data["docs"]] == ["quy-dinh/47-qd-tw/", "huong-dan/", "quy-dinh/47-qd-tw/#dieu-1"]
    dang = vocabulary.index("dang")
    # text postings of "dang": entry 0 twice, entry 1 once -> delta*16 + tf
    assert prebuilt["postings"]["text"][dang] == [0 * 16 + 2, 1 * 16 + 1]
    assert prebuilt["postings"]["names"][dang] == [0 * 16 + 1]  # "đảng viên" in the trích yếu
    priors = {page["e"]: page["p"] for page in prebuilt["pages"]}
    assert priors[1] < priors[0] < 1  # the guide below the (replaced) regulation
    assert data["docs"][1].get("tags") is None and data["docs"][2].get("tags") is None


def test_front_matter_title_is_escaped():
    """Material copies an article's front-matter title into the index as written."""
    title = 'Ghi chú <img src=x onerror="alert(1)"> & lưu ý'
    info = page_info("ghi-chu/", {"title": title})
    docs = [{"location": "ghi-chu/", "title": title, "text": ""},
            {"location": "ghi-chu/#a", "title": "A &amp; B", "text": ""}]
    data = json.loads(build_index(_index(docs), {"ghi-chu/": info}))
    assert data["docs"][0]["title"] == 'Ghi chú &lt;img src=x onerror="alert(1)"&gt; &amp; lưu ý'
    assert data["docs"][1]["title"] == "A &amp; B"  # headings come escaped already: unchanged
    escaped = html.escape(title, quote=False)  # a title escaped before (hooks/escaping.py)
    again = json.loads(build_index(_index([{"location": "ghi-chu/", "title": escaped, "text": ""}]),
                                   {"ghi-chu/": page_info("ghi-chu/", {"title": escaped})}))
    assert again["docs"][0]["title"] == data["docs"][0]["title"]  # escaped once, not twice
