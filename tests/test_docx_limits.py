"""A Word file cannot make the importer run for minutes or fill the memory (issue 19,
limits): parts are capped by their uncompressed size and element count, list start values
by Word's own range; each refusal is a Vietnamese message with its code, never a traceback.
Text after an entity reference in a run is kept."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from chibo.reading.docx import MAX_LIST_START, DocxError, read_docx
from conftest import build_env, copy_project
from measured import MAX_MEMORY_MB, run_measured

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = '<w:p><w:r><w:t>Chi bộ họp thường kỳ.</w:t></w:r></w:p>'


def document(body: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>').encode("utf-8")


def docx(document_xml: bytes, numbering_xml: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document_xml)
        if numbering_xml is not None:
            archive.writestr("word/numbering.xml", numbering_xml)
    return buffer.getvalue()


def roman_list(start: str) -> tuple[bytes, bytes]:
    numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="{start}"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    item = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:r><w:t>ĐẶC ĐIỂM TÌNH HÌNH</w:t></w:r></w:p>')
    return document(PARAGRAPH + item * 3), numbering.encode("utf-8")


ATTACKS = {
    # 580 KB on disk, 190 MB of document.xml once unpacked
    "zip bomb": lambda: docx(document(PARAGRAPH * (190 * 2**20 // len(PARAGRAPH.encode())))),
    # under the size cap, millions of empty paragraphs
    "element bomb": lambda: docx(document("<w:p/>" * 2_500_000)),
    "roman start 10^10": lambda: docx(*roman_list("10000000000")),
    "start of 5,000 digits": lambda: docx(*roman_list("9" * 5000)),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_costly_word_files_are_refused_with_a_message(tmp_path: Path, attack: str):
    project = copy_project(tmp_path / "p")
    source = tmp_path / "tan-cong.docx"
    source.write_bytes(ATTACKS[attack]())
    before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    result = run_measured([sys.executable, "-m", "chibo.commands.importdoc", str(source)], project, build_env())
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tan-cong.docx: NH003" in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.peak_mb < MAX_MEMORY_MB, result.peak_mb
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == before


def test_list_start_within_words_range_is_read():
    reading = read_docx(docx(*roman_list(str(MAX_LIST_START))), "x.docx")
    assert [p.list_label for p in reading.paragraphs()][1] == "C" * 327 + "LXVII."


def test_text_after_an_entity_reference_is_kept():
    doctype = '<!DOCTYPE w:document [<!ENTITY cb "Chi bộ Trường">]>'
    body = '<w:p><w:r><w:t xml:space="preserve">Nghị quyết &cb; Mầm non, tháng 3.</w:t></w:r></w:p>'
    reading = read_docx(docx(document(body, doctype)), "x.docx")
    assert [p.plain for p in reading.paragraphs()] == ["Nghị quyết Chi bộ Trường Mầm non, tháng 3."]


@pytest.mark.parametrize("entities", [
    '<!ENTITY ngoai SYSTEM "file://{secret}">',  # an external file is never read
    '<!ENTITY a "aaaaaaaaaa">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                                         for i in range(9)),  # a billion laughs
])
def test_external_and_exploding_entities_are_refused(tmp_path: Path, entities: str):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    doctype = f"<!DOCTYPE w:document [{entities.format(secret=secret)}]>"
    last = "ngoai" if "SYSTEM" in entities else "j"
    body = f'<w:p><w:r><w:t xml:space="preserve">Trước &{last}; sau.</w:t></w:r></w:p>'
    with pytest.raises(DocxError, match="x.docx: NH003"):
        read_docx(docx(document(body, doctype)), "x.docx")
