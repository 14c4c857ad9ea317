"""chibo.rendering.escape: any text written into generated Markdown renders as exactly that
text; the page sanitiser keeps what Markdown makes and drops whatever could run."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from chibo.document.attachments import linked_files, withheld_attachments
from chibo.rendering.escape import markdown_text, sanitize_html

EXTENSIONS = ["attr_list", "md_in_html", "tables", "abbr", "def_list", "admonition", "pymdownx.superfences"]


def rendered_text(source: str) -> tuple[str, str]:
    out = markdown.markdown(source, extensions=EXTENSIONS)
    return out, html.unescape(re.sub(r"<[^>]+>", "", out))


NASTY = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "[x](javascript:alert(3))",
    "Tên {: onclick=\"alert(4)\" }", "**đậm** _nghiêng_ `mã`", "a | b | c", "&lt;script&gt;", "# tiêu đề",
    "![ảnh](x.png)", "<https://example.com>", "\\*", "1. không phải danh sách", "- không phải gạch đầu dòng",
]


def test_nasty_values_render_as_their_own_words():
    for value in NASTY:
        out, text = rendered_text(f"Trước {markdown_text(value)} sau")
        assert text.strip() == f"Trước {value} sau", (value, out)
        assert re.sub(r"</?p>", "", out).count("<") == 0, (value, out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_renders_as_itself_in_a_paragraph(value):
    out, text = rendered_text(f"x {markdown_text(value)} y")
    assert " ".join(text.split()) == " ".join(f"x {value} y".split())
    assert re.sub(r"</?p>", "", out).count("<") == 0, out


def test_the_sanitiser_keeps_markdown_and_drops_code():
    page = markdown.markdown(
        "## Mục {#muc}\n\n| a | b |\n|:-|-:|\n| [l](../x/) | ![i](a.png) |\n\n"
        "<div class=\"dc\" markdown>\n\n*chữ*\n\n</div>\n\n"
        "<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">k</a>"
        "<iframe src=\"x\"></iframe><p onclick=\"alert(4)\" data-luu-y=\"đã bị thay thế\">p</p>"
        "<svg onload=alert(5)></svg><style>*{}</style><form action=x><input></form>",
        extensions=EXTENSIONS)
    clean = sanitize_html(page)
    for kept in ('<h2 id="muc">', '<a href="../x/">l</a>', '<img alt="i" src="a.png">', 'style="text-align: left;"',
                 '<div class="dc">', "<em>chữ</em>", 'data-luu-y="đã bị thay thế"', "<table>"):
        assert kept in clean, kept
    for gone in ("<script", "onerror", "javascript:", "<iframe", "onclick", "<svg", "onload", "<style", "<form",
                 "<input"):
        assert gone not in clean, gone


def test_links_of_a_page_in_every_form():
    text = ("![a](anh/a.png) [b](../b.pdf \"t\") [c][r] <img src='c.png'> <a href=d.docx>d</a> "
            "<img srcset=\"e.png 1x, f.png 2x\"> [x](https://h/y.png) [z](/abs.png) [m](#top)\n\n[r]: <r.png>\n")
    assert linked_files(text, "ke-hoach/x.md") == {
        "ke-hoach/anh/a.png", "b.pdf", "ke-hoach/c.png", "ke-hoach/d.docx", "ke-hoach/e.png", "ke-hoach/f.png",
        "ke-hoach/r.png"}


def test_a_file_shared_with_a_published_page_stays_published():
    pages = {"a.md": "![](s.png) ![](only.png) [p](b.md)", "b.md": "![](s.png)"}
    assert withheld_attachments(pages, {"a.md"}) == {"only.png": {"a.md"}}
