"""The one front-matter reader (chibo.document.frontmatter): strict, normalised, fail closed.

Each case below published a confidential document, or crashed, with the reader before it
(issue 19): the old reader stopped at an indented " ---", did not know "độ mật", let a
zero-width character hide a key, kept the last of two "mat" lines, expanded YAML aliases.
"""

from __future__ import annotations

import resource
import time

import pytest

from chibo.document.frontmatter import canonical_key, protection_family
from chibo.document.model import load
from chibo.document.visibility import is_confidential, is_draft, is_withheld, protection_problems

WITHHELD = {
    "indented closer": "---\ntitle: A\n ---\nmat: true\n---\nbody\n",
    "độ mật": "---\ntitle: A\nđộ mật: Mật\n---\nbody\n",
    "do_mat": "---\ntitle: A\ndo_mat: Tối mật\n---\nbody\n",
    "Mật: có": "---\ntitle: A\nMật: có\n---\nbody\n",
    "zero-width space in key": "---\ntitle: A\nm\u200bat: true\n---\nbody\n",
    "soft hyphen in key": "---\ntitle: A\nm\u00adat: true\n---\nbody\n",
    "NFD key": "---\ntitle: A\nm\u0061\u0323\u0302t: true\n---\nbody\n",
    "true then false": "---\ntitle: A\nmat: true\nmat: false\n---\nbody\n",
    "false then true": "---\ntitle: A\nmat: false\nmat: true\n---\nbody\n",
    "upper case": "---\ntitle: A\nMAT: TRUE\n---\nbody\n",
    "MultiMarkdown metadata": "mat: true\ntitle: A\n\n# A\n",
    "YAML error beside mat": "---\ntitle: [A\nmat: true\n---\nbody\n",
    "unclosed block": "---\ntitle: A\nmat: false\nbody without a closer\n",
    "second block": "---\ntitle: A\n---\n\n---\nmat: true\n---\nbody\n",
    "CRLF": "---\r\ntitle: A\r\nnhap: true\r\n---\r\nbody\r\n",
    "CR": "---\rtitle: A\rnhap: true\r---\rbody\r",
    "BOM": "\ufeff---\ntitle: A\nmat: true\n---\nbody\n",
    "dự thảo": "---\ntitle: A\ndự thảo: có\n---\nbody\n",
    "alias bomb": ("---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                   "e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\nbody\n"),
    "explicit tag": "---\ntitle: !!python/object:os.system A\n---\nbody\n",
    "deep nesting": "---\ntitle: " + "[" * 50 + "]" * 50 + "\n---\nbody\n",
    # Found by the independent attacker on the staged pipeline (tests/attacks, c12-c17, b10):
    "nested under another key": "---\ntitle: A\nthuoc_tinh:\n  mat: true\n---\nbody\n",
    "list item under another key": "---\ntitle: A\nghi_chu:\n  - mat: true\n---\nbody\n",
    "fullwidth key": "---\ntitle: A\n\uff4d\uff41\uff54: true\n---\nbody\n",
    "Cyrillic a in key": "---\ntitle: A\nm\u0430t: true\n---\nbody\n",
    "one-line comment": "---\ntitle: A\n---\nbody\n<!-- mat: true -->\n",
    "công khai: không": "---\ntitle: A\ncông khai: không\n---\nbody\n",
    "phân loại: Mật": "---\ntitle: A\nphân loại: Mật\n---\nbody\n",
    "TOML block": "+++\ntitle = \"A\"\nmat = true\n+++\nbody\n",
    "status: draft": "---\ntitle: A\nstatus: draft\n---\nbody\n",
    "publish: false": "---\ntitle: A\npublish: false\n---\nbody\n",
}


@pytest.mark.parametrize("text", WITHHELD.values(), ids=WITHHELD.keys())
def test_fails_closed(text: str) -> None:
    doc = load(text.encode("utf-8"), "docs/x.md")
    assert is_withheld(doc.meta), doc.meta
    shown = doc.problems + protection_problems(doc)
    if "mat: false" not in text or "mat: true" in text:
        # Every case but a clear "no" says why, with a code and a line.
        assert shown or doc.meta.get("mat") is True or doc.meta.get("nhap") is True


def test_crlf_front_matter_is_read_not_rendered() -> None:
    doc = load(b"---\r\ntitle: A\r\nloai: ke-hoach\r\n---\r\n# A\r\n", "docs/x.md")
    assert doc.meta == {"title": "A", "loai": "ke-hoach"}
    assert doc.sections and doc.sections[0].title == "A"


def test_clear_no_publishes() -> None:
    for text in ("---\ntitle: A\nmat: false\nnhap: không\n---\nbody\n", "---\ntitle: A\n---\nFormat: A4\n",
                 "---\ntitle: Quy định bảo vệ bí mật nhà nước\ntrich_yeu: Về công tác bảo mật\n---\nbody\n",
                 "---\ntitle: A\ncông khai: có\n---\nbody\n"):
        doc = load(text.encode(), "docs/x.md")
        assert not is_withheld(doc.meta), text


def test_body_text_that_mentions_the_word_is_not_a_key() -> None:
    doc = load("---\ntitle: A\n---\nCông tác bảo mật: thực hiện tốt.\n```\nmat: true\n```\n".encode(), "docs/x.md")
    assert not is_withheld(doc.meta)


def test_keys_are_normalised() -> None:
    assert protection_family("Độ mật") == "mat"
    assert protection_family("mức độ mật") == "mat"
    assert protection_family("format") is None
    assert protection_family("nháp") == "nhap"
    assert canonical_key("Trích yếu", ["trich_yeu"]) == "trich_yeu"
    assert canonical_key("ti\u200btle") == "title"


def test_duplicate_key_is_an_error_with_its_line() -> None:
    doc = load(b"---\ntitle: A\nloai: ke-hoach\ntitle: B\n---\nbody\n", "docs/x.md")
    problems = [p for p in doc.problems if p.code == "VB006"]
    assert problems and problems[0].line == 4


def test_unclosed_quote_is_reported_at_its_line() -> None:
    text = '---\ntitle: A\nloai: ke-hoach\nso: "01"\nngay: ""\ndia_danh: X\nnam: "2022\ncap_tren: Y\n---\nbody\n'
    doc = load(text.encode(), "docs/x.md")
    problem = next(p for p in doc.problems if p.code == "VB003")
    assert problem.line == 7
    assert "ngoặc kép" in problem.message


def test_contradiction_is_bm002_and_stray_line_bm003() -> None:
    doc = load(b"---\ntitle: A\nmat: true\nmat: false\n---\nbody\n", "docs/x.md")
    assert any(p.code == "BM002" for p in protection_problems(doc))
    doc = load("title: A\nđộ mật: Mật\n\nbody\n".encode(), "docs/x.md")
    stray = [p for p in protection_problems(doc) if p.code == "BM003"]
    assert stray and stray[0].line == 2


def test_alias_bomb_costs_nothing() -> None:
    text = WITHHELD["alias bomb"]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    doc = load(text.encode(), "docs/bomb.md")
    assert time.process_time() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB
    assert any("neo" in p.message for p in doc.problems)
    assert is_confidential(doc.meta) and not is_draft(doc.meta)


def test_quote_closed_by_the_next_line_is_reported_where_it_opened() -> None:
    # YAML notices the mistake a line later ("expected <block end>"); the author must look at line 7.
    text = ('---\ntitle: A\nloai: nghi-quyet\nso: "05-NQ/CB"\nngay: "05/03/2022"\ntrich_yeu: B\nnam: "2022\n'
            'thang: "2022-03"\ncap_tren: X\n---\nbody\n')
    problem = next(p for p in load(text.encode(), "docs/x.md").problems if p.code == "VB003")
    assert (problem.line, "ngoặc kép" in problem.message) == (7, True)


def test_words_that_only_look_like_protection_keys() -> None:
    # "co_mat" is "có mặt" (members present) in a meeting: no protection key, at any depth.
    for text in ("---\ntitle: A\nco_mat: 18\n---\nbody\n", "---\ntitle: A\nhop:\n  co_mat: 18\n  tong_so: 20\n---\nx\n"):
        doc = load(text.encode(), "docs/x.md")
        assert not is_withheld(doc.meta) and not protection_problems(doc), text
    assert protection_family("độ_mat") == "mat" and protection_family("Bảo mật") == "mat"
