"""Finding citations of other documents in the cell's text, and what follows from them.

Pure functions over text and the core model, no MkDocs: the detector (all the spellings
the cell's documents use: "Quy định số 213-QĐ/TW (ngày 02/01/2020)", "Chi thị số
05-CT/TW", "QĐ 213", "Điều 2 Quy định 47-QĐ/TW", "Nghị quyết Hội nghị Trung ương 4 khóa
XII", "Điều lệ Đảng" ...), the scan of a whole document with line numbers and sections,
the build-wide index behind the backlinks, and the warnings (DC001-DC003, DC005).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chibo.document.diagnostics import Problem, Severity
from chibo.document.model import Document, Section, fenced
from chibo.document.registry import Entry, Registry, code_key
from chibo.document.text import fold
from chibo.document.visibility import is_withheld

IGNORE_KEY = "bo_qua_dan_chieu"

_KIND_OF_WORD = {"quy dinh": "QD", "chi thi": "CT", "nghi quyet": "NQ"}

_S = r"[ \t\n]+"  # the words of a citation may be split over lines
_BEFORE = r"(?<![\w/.-])"
_ARTICLE = rf"(?:(?P<art>(?i:dieu){_S}(?P<artn>\d{{1,3}})){_S}(?:(?i:cua){_S})?)?"
_KIND_WORD = (r"(?i:quy\s+dinh|chi\s+thi|nghi\s+quyet|thong\s+tu|ket\s+luan|huong\s+dan|quyet\s+dinh"
              r"|qd|ct|nq|tt|kl|hd)")
_PARTY = (r"(?P<pnum>\d{1,4})[ ]?[-/][ ]?(?P<pkind>(?i:qd|ct|nq|kl|hd|qc|tb))[ ]?[-/][ ]?(?P<pbody>(?i:[a-z]{0,5}tw))"
          r"(?![\w])")
_STATE = r"(?P<snum>\d{1,4})/(?P<syear>\d{4})/(?P<skind>[A-Za-z]{2,4})-(?P<sbody>[A-Za-z]{2,12})(?![\w])"
# "QĐ 213", "QĐ số 37", "Quy định số 213", "Quy định 213": a bare number, linked only when
# the registry knows it.
_SHORT = (rf"(?:(?P<abbr>QD|CT|NQ)[ ]?(?:(?i:so)[ ]?)?|(?P<long>(?i:quy{_S}dinh|chi{_S}thi|nghi{_S}quyet))"
          rf"{_S}(?:(?i:so){_S})?)(?P<snumber>\d{{1,4}})(?![\w/-])")
# "ngày 02/01/2020", "ngày 2 tháng 1 năm 2020", "ngày 01-11-2011", "ngày 01.11.2011"
_DATE_AFTER = re.compile(
    r"[ \t\n]*[(,]?[ \t\n]*(?i:ngay)[ \t\n]+(?P<d>\d{1,2})(?:[/.-]|[ \t\n]+(?i:thang)[ \t\n]+)(?P<m>\d{1,2})"
    r"(?:[/.-]|[ \t\n]+(?i:nam)[ \t\n]+)(?P<y>\d{4})")
_REPLACES_BEFORE = re.compile(r"(?i:thay\s+the)(?:\s+(?i:cho))?\s*$")


class _FoldTable(dict):
    """str.translate table filled on demand: each character -> one folded character."""

    # Text pasted from Word or converted from old encodings: "QÐ" written with the
    # Icelandic Eth (U+00D0) for "Đ", non-breaking and thin spaces between the words.
    _LOOKALIKES = {"Ð": "D", "ð": "d"}

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in self._LOOKALIKES:
            value = self._LOOKALIKES[char]
        elif unicodedata.category(char) == "Zs":
            value = " "
        else:
            folded = fold(char)
            value = folded[0] if folded else char
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def _fold_same_length(text: str) -> str:
    """Diacritics stripped character by character, so that offsets stay valid."""
    return text if text.isascii() else text.translate(_FOLD_TABLE)


@dataclass(frozen=True)
class Citation:
    """One citation found in a text: the span to link and what it points at."""

    start: int
    end: int
    text: str                 # the linked words, as written
    key: str                  # registry key ("213-QD/TW", "ten:dieu-le-dang")
    code: str                 # the number as written ("19/QĐ-TW"), or the name
    entry: Entry | None = None   # None: a Party number that is not in the registry
    article: int | None = None   # "Điều 2 Quy định ..." -> 2
    date: str = ""            # the date written after it, "2/1/2020" -> "02/01/2020"
    mentions_replacement: bool = False  # "... thay thế Quy định số 76-QĐ/TW"


# Citations of whole documents, per registry: (registry, found); the registry is kept
# in the value so that its id cannot be reused while the entry lives.
_WHOLE_TEXTS: dict[tuple[int, str], tuple[Registry, tuple[Citation, ...]]] = {}


class Detector:
    """Finds citations in plain text, given the registry of known documents."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._alias_entry: dict[str, Entry] = {}
        alternatives = []
        for alias, entry in sorted(registry.aliases(), key=lambda pair: -len(pair[0])):
            folded = _fold_same_length(alias).lower()
            self._alias_entry[" ".join(folded.split())] = entry
            words = [re.escape(word) for word in folded.split()]
            alternatives.append(_S.join(words))
        alias = rf"|{_BEFORE}(?P<alias>(?i:{'|'.join(alternatives)}))(?![\w])" if alternatives else ""
        # Every citation holds a digit or is a named alias: most paragraphs hold neither,
        # and this one cheap search lets them skip the full pattern.
        digitless = sorted({_fold_same_length(a).lower().split()[0] for a, _ in registry.aliases()
                            if a.split() and not any(ch.isdigit() for ch in a)})
        self._quick = re.compile(r"\d" + "".join(f"|{re.escape(word)}" for word in digitless), re.IGNORECASE)
        self._regex = re.compile(
            rf"{_BEFORE}{_ARTICLE}(?:"
            rf"(?:(?P<kw>{_KIND_WORD})[ \t\n]*(?:(?i:so)[ \t\n]*)?)?(?<![\w/-])(?:{_PARTY}|{_STATE})"
            rf"|{_SHORT}"
            rf"{alias})"
        )

    def find(self, text: str) -> list[Citation]:
        # A whole document is scanned twice per build (validation and backlinks): once is enough.
        if len(text) > 500:
            key = (id(self.registry), text)
            hit = _WHOLE_TEXTS.get(key)
            if hit is None or hit[0] is not self.registry:
                if len(_WHOLE_TEXTS) > 4096:
                    _WHOLE_TEXTS.clear()
                hit = _WHOLE_TEXTS[key] = (self.registry, tuple(self._find(text)))
            return list(hit[1])
        return self._find(text)

    def _find(self, text: str) -> list[Citation]:
        folded = _fold_same_length(text)
        if not self._quick.search(folded):
            return []
        found = []
        for match in self._regex.finditer(folded):
            citation = self._interpret(match, text, folded)
            if citation is not None:
                found.append(citation)
        return found

    def _interpret(self, match: re.Match[str], text: str, folded: str) -> Citation | None:
        start, end = match.span()
        article = int(match.group("artn")) if match.group("artn") else None
        entry: Entry | None
        if match.group("pnum"):
            code_start = match.start("pnum")
            code = text[code_start:end]
            key = f"{int(match.group('pnum'))}-{match.group('pkind').upper()}/{match.group('pbody').upper()}"
            entry = self.registry.get(key)
        elif match.group("snum"):
            code = text[match.start("snum"):end]
            key = code_key(code)
            entry = self.registry.get(key)
            if entry is None:
                return None  # a state document we do not track: not our business
        elif match.group("snumber"):
            word = match.group("abbr") or " ".join(match.group("long").lower().split())
            kind = word if word.isupper() else _KIND_OF_WORD[word]
            key = f"{int(match.group('snumber'))}-{kind}/TW"
            entry = self.registry.get(key)
            code = text[match.start("snumber"):end]
            if entry is None:
                return None  # "QĐ 12" alone is too vague to report
        elif match.group("alias"):
            entry = self._alias_entry.get(" ".join(match.group("alias").lower().split()))
            if entry is None:
                return None
            key, code = entry.key, text[match.start("alias"):end]
        else:  # pragma: no cover - the regex has no other branch
            return None
        date = ""
        after = _DATE_AFTER.match(folded, end)
        if after:
            date = f"{int(after.group('d')):02d}/{int(after.group('m')):02d}/{after.group('y')}"
        replaces = bool(_REPLACES_BEFORE.search(folded[max(0, start - 40):start]))
        return Citation(start=start, end=end, text=text[start:end], key=key, code=code, entry=entry,
                        article=article, date=date, mentions_replacement=replaces)


# --- whole documents -------------------------------------------------------------

# What is not running prose, found in one pass over the characters that delimit it. Every
# construct is read with tables of "the next delimiter of this kind", so no position is
# scanned twice: linear, whatever the nesting (the regexes this replaces rescanned the rest
# of the line from each "[", "<" or "<!--": 20,000 nested brackets took 24 s).
_TOKEN = re.compile(r"\\[\s\S]|`+|<!--|[\[\]()<>\n]")


def _next_of(tokens: list[tuple[int, int, str]], *kinds: str) -> list[int]:
    """For each token, the index of the next token whose text is one of ``kinds``, or -1."""
    out, following = [-1] * len(tokens), -1
    for index in range(len(tokens) - 1, -1, -1):
        out[index] = following
        if tokens[index][2] in kinds:
            following = index
    return out


def hidden_spans(text: str) -> tuple[list[tuple[int, int]], int]:
    """(start, end) of code spans, HTML comments and tags, inline and reference links; and
    the work done (tokens visited, each a constant number of steps)."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    brackets, parens = _next_of(tokens, "[", "]"), _next_of(tokens, "(", ")")
    angles = _next_of(tokens, "<", ">", "\n", "<!--")
    same_run: list[int] = [-1] * len(tokens)  # a backtick run's closing run (the same length)
    last: dict[int, int] = {}
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index][2][0] == "`":
            same_run[index] = last.get(len(tokens[index][2]), -1)
            last[len(tokens[index][2])] = index
    comment_ends: list[int] = [-1] * len(tokens)  # the next ">" that ends "-->"
    following = -1
    for index in range(len(tokens) - 1, -1, -1):
        comment_ends[index] = following
        start, _, kind = tokens[index]
        if kind == ">" and text[max(0, start - 2):start] == "--":
            following = index
    spans: list[tuple[int, int]] = []
    work = 5 * len(tokens)  # the five tables above
    index = 0
    while index < len(tokens):
        work += 1
        start, end, kind = tokens[index]
        close = -1
        if kind[0] == "`":
            close = same_run[index]
        elif kind == "<!--" and comment_ends[index] >= 0:
            close = comment_ends[index]
        elif kind in ("<", "<!--"):
            candidate = angles[index]
            if candidate >= 0 and tokens[candidate][2] == ">" and tokens[candidate][0] > end:
                close = candidate
        elif kind == "[":
            label_end = brackets[index]
            after = label_end + 1
            if (label_end >= 0 and tokens[label_end][2] == "]" and after < len(tokens)
                    and tokens[after][0] == tokens[label_end][1] and tokens[after][2] in ("(", "[")):
                target = (parens if tokens[after][2] == "(" else brackets)[after]
                if target >= 0 and tokens[target][2] == (")" if tokens[after][2] == "(" else "]"):
                    close = target
            if close >= 0 and start and text[start - 1] == "!":
                start -= 1
        if close >= 0:
            spans.append((start, tokens[close][1]))
            index = close + 1
        else:
            index += 1
    return spans, work


def citable_text(doc: Document) -> str:
    """The document's text with everything that is not running prose blanked out.

    Front matter, fenced code, code spans, existing links and HTML are replaced by
    spaces (newlines kept), so offsets and line numbers stay those of the file.
    """
    lines = doc.lines
    code = fenced(lines)
    text = "\n".join(" " * len(line) if index < doc.body_start - 1 or code[index] else line
                     for index, line in enumerate(lines))
    pieces, position = [], 0
    for start, end in hidden_spans(text)[0]:
        pieces += [text[position:start], re.sub(r"[^\n]", " ", text[start:end])]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass(frozen=True)
class Occurrence:
    """A citation in a document: where it is (line, innermost section) and what it cites."""

    line: int
    section: Section | None
    citation: Citation


def scan(doc: Document, detector: Detector) -> list[Occurrence]:
    text = citable_text(doc)
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    sections = list(doc.all_sections())
    section_lines = [s.line for s in sections]
    found = []
    for citation in detector.find(text):
        line = bisect.bisect_right(line_starts, citation.start)
        position = bisect.bisect_right(section_lines, line) - 1
        found.append(Occurrence(line=line, section=sections[position] if position >= 0 else None,
                                citation=citation))
    return found


# --- backlinks -------------------------------------------------------------------

@dataclass(frozen=True)
class Backlink:
    """A spot in a document that cites a registry entry."""

    page: str            # docs-relative source path of the citing document
    title: str
    section_label: str   # "III.4.2", a heading's title, or "" (the opening lines)
    anchor: str          # the section's id in the built page, "" for the page top
    line: int
    articles: tuple[int, ...] = ()

    @property
    def where(self) -> str:
        """"mục III.4.2", "mục Tóm tắt" or "phần mở đầu"."""
        return f"mục {self.section_label}" if self.section_label else "phần mở đầu"


def section_label(section: Section | None) -> str:
    if section is None:
        return ""
    return section.path_label() or section.title


@dataclass
class CitationIndex:
    """Every citation of every published document, computed once per build."""

    registry: Registry
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)  # page -> citations
    titles: dict[str, str] = field(default_factory=dict)
    article_anchors: dict[str, dict[int, str]] = field(default_factory=dict)  # page -> {n: id}
    documents: dict[str, Document] = field(default_factory=dict)  # published pages only
    withheld: set[str] = field(default_factory=set)  # drafts and confidential pages: never linked to

    def backlinks(self, entry: Entry) -> list[Backlink]:
        """Each (document, section) citing the entry once, in document then line order."""
        result: dict[tuple[str, str], Backlink] = {}
        for page, occurrences in sorted(self.occurrences.items()):
            if page == entry.page:
                continue  # a regulation mentioning itself
            for occ in occurrences:
                if occ.citation.entry is not entry:
                    continue
                anchor = occ.section.anchor if occ.section else ""
                label = section_label(occ.section)
                key = (page, anchor)
                articles = (occ.citation.article,) if occ.citation.article else ()
                if key in result:
                    old = result[key]
                    merged = tuple(sorted(set(old.articles) | set(articles)))
                    result[key] = Backlink(old.page, old.title, old.section_label, old.anchor, old.line, merged)
                else:
                    result[key] = Backlink(page, self.titles.get(page, page), label, anchor, occ.line, articles)
        return list(result.values())

    def article_anchor(self, entry: Entry, article: int | None) -> str:
        """The id of "Điều N" on the entry's page, "" when that article is not there yet."""
        if article is None or not entry.page:
            return ""
        return self.article_anchors.get(entry.page, {}).get(article, "")


def article_anchors(doc: Document) -> dict[int, str]:
    anchors: dict[int, str] = {}
    for section in doc.all_sections():
        kind, numbers, _ = section.numbering
        if kind == "article" and numbers[0] not in anchors:
            anchors[numbers[0]] = section.anchor
    return anchors


def build_index(documents: Mapping[str, Document], registry: Registry,
                doc_types: Iterable[str] = ()) -> CitationIndex:
    """Scan every document once. ``documents`` maps docs-relative paths to parsed pages.

    Withheld documents (drafts, confidential) are left out entirely; pages that are not
    documents (no ``loai``, or a type not in ``doc_types`` when given) are not backlinked.
    """
    detector = Detector(registry)
    types = set(doc_types)
    index = CitationIndex(registry=registry)
    for page, doc in sorted(documents.items()):
        if is_withheld(doc.meta):
            index.withheld.add(page)
            continue
        index.documents[page] = doc
        anchors = article_anchors(doc)
        if anchors:
            index.article_anchors[page] = anchors
        if not doc.doc_type or (types and doc.doc_type not in types):
            continue
        index.titles[page] = str(doc.meta.get("title") or page)
        index.occurrences[page] = scan(doc, detector)
    return index


# --- checks ----------------------------------------------------------------------

def _ignored(meta: Mapping[str, Any]) -> set[str]:
    value = meta.get(IGNORE_KEY) or []
    if isinstance(value, str):
        value = [value]
    return {code_key(str(item)) for item in value if isinstance(item, (str, int))}


def _silenced(citation: Citation, ignored: set[str]) -> bool:
    return bool(ignored) and (citation.key in ignored or code_key(citation.code) in ignored
                              or code_key(citation.text) in ignored)


def replacement_text(registry: Registry, entry: Entry) -> str:
    """"Quy định 37-QĐ/TW (25/10/2021)" for a superseded entry, "" otherwise."""
    newer = registry.replacing(entry)
    if newer is None:
        return ""
    when = f" ({entry.replaced_on})" if entry.replaced_on else ""
    return f"{newer.label}{when}"


def check_citations(doc: Document, registry: Registry, detector: Detector | None = None) -> list[Problem]:
    """DC001 unknown, DC002 superseded, DC003 wrong date (warnings); DC005 regulation page."""
    problems: list[Problem] = []
    if doc.doc_type == "quy-dinh":
        problems += _check_regulation_page(doc, registry)
    if not doc.has_front_matter or not doc.text:
        return problems
    detector = detector or Detector(registry)
    ignored = _ignored(doc.meta)
    own = _own_entry(doc, registry)
    for occ in scan(doc, detector):
        citation = occ.citation
        if _silenced(citation, ignored):
            continue
        entry = citation.entry
        if entry is None:
            problems.append(Problem(doc.path, occ.line, "DC001",
                                    f"dẫn chiếu \"{citation.text}\" không có trong sổ văn bản dẫn chiếu "
                                    "(data/van-ban-dan-chieu.yml) nên không được tạo liên kết; kiểm tra lại "
                                    f"số hiệu, hoặc ghi \"{citation.code}\" vào {IGNORE_KEY} nếu đã xem xét",
                                    Severity.WARNING))
            continue
        if entry is own:
            continue
        if entry.superseded and not citation.mentions_replacement and _written_after(doc, entry):
            newer = replacement_text(registry, entry)
            problems.append(Problem(doc.path, occ.line, "DC002",
                                    f"dẫn chiếu {entry.label} đã hết hiệu lực"
                                    + (f", được thay thế bởi {newer}" if newer else "")
                                    + "; văn bản mới nên dẫn chiếu văn bản thay thế", Severity.WARNING))
        if citation.date and entry.date and not _same_date(citation.date, entry.date):
            problems.append(Problem(doc.path, occ.line, "DC003",
                                    f"ngày ghi kèm {entry.label} là {citation.date}, nhưng sổ văn bản dẫn chiếu "
                                    f"ghi ngày ban hành {entry.date}", Severity.WARNING))
    return problems


def _date(text: str) -> dt.date | None:
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", str(text or ""))
    try:
        return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1))) if match else None
    except ValueError:
        return None


def document_start(meta: Mapping[str, Any]) -> dt.date | None:
    """When a document was written, at the earliest: its date, else the first day of its
    month (``thang: 2022-03``) or year (``nam: 2022``); None when it says nothing."""
    if isinstance(meta.get("ngay"), dt.date):
        return meta["ngay"]
    day = _date(str(meta.get("ngay") or ""))
    if day:
        return day
    month = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(meta.get("thang") or ""))
    if month and 1 <= int(month.group(2)) <= 12:
        return dt.date(int(month.group(1)), int(month.group(2)), 1)
    year = re.fullmatch(r"\s*(\d{4})\s*", str(meta.get("nam") or ""))
    return dt.date(int(year.group(1)), 1, 1) if year else None


def _written_after(doc: Document, entry: Entry) -> bool:
    """A document written before the replacement cited what was then in force: no warning.
    Undated documents, or replacements without a date, are warned about."""
    written, replaced = document_start(doc.meta), _date(entry.replaced_on)
    return written is None or replaced is None or written >= replaced


def _same_date(a: str, b: str) -> bool:
    return [int(x) for x in a.split("/")] == [int(x) for x in b.split("/")]


def _own_entry(doc: Document, registry: Registry) -> Entry | None:
    if doc.doc_type != "quy-dinh":
        return None
    code = str(doc.meta.get("ma") or "").strip()
    return registry.get(code) if code else None


def _check_regulation_page(doc: Document, registry: Registry) -> list[Problem]:
    code = str(doc.meta.get("ma") or "").strip()
    if not code:
        return []  # a missing "ma" is already TT001/TT002
    entry = registry.get(code)
    line = doc.meta_lines.get("ma", 1)
    if entry is None:
        return [Problem(doc.path, line, "DC005", f"số hiệu \"{code}\" không có trong sổ văn bản dẫn chiếu "
                        "(data/van-ban-dan-chieu.yml); hãy thêm văn bản vào sổ trước")]
    path = doc.path.replace("\\", "/")
    if entry.page and not path.endswith("/" + entry.page) and path != entry.page:
        return [Problem(doc.path, line, "DC005", f"sổ văn bản dẫn chiếu ghi trang của {entry.label} là "
                        f"\"{entry.page}\", không phải tệp này", Severity.WARNING)]
    return []
