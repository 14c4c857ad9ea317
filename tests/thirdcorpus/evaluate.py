"""Import the third corpus with the user's command line and judge each document, aspect by aspect.

Shared by tests/test_thirdcorpus.py and bench/realdocs_third.py. Only the public surface is
used: ``python -m chibo.commands.importdoc FILE --project P`` (its "Đã nhập thành:" line), the
Markdown it writes, the registry data/van-ban-dan-chieu.yml and the rules in data/loai-van-ban.yml.

Aspects (each a list of problems, empty = right):
  imported  — exit 0, no traceback, a page written
  type      — loai (a Central document: a page in docs/quy-dinh/), subtype, ten_loai
  facts     — every fact the file has, and nothing the file does not have
  title     — the page title (exact where pinned), Vietnamese casing, no repeated label
  headings  — exactly the expected headings, in the expected ranks, nothing else a heading
  conserved — every line of the file in exactly one place: front matter/registry or body
  dropped   — lines found nowhere at all (the goal: 0)
  registry  — a Central document: its registry entry made from the file, its replacement
  tcvn3     — legacy-font paragraphs converted, and listed in the message
  citations — citations of the Central documents imported before are linked (no DC001 for them)
  filename  — the page's file name ends on a whole word
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup

from tests.realdocs.evaluate import check_problems, import_file, key, md_extensions, norm, split_front_matter, written_page
from tests.thirdcorpus.make_corpus import Doc, build_corpus

ASPECTS = ["imported", "type", "facts", "title", "headings", "conserved", "dropped", "registry", "tcvn3",
           "citations", "filename"]
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# front-matter keys whose value is the line rewritten (a date, a code), not the line's words
_DERIVED = {"ngay", "nam", "thang", "loai", "dia_danh"}
_NAMES = {"chi_bo", "cap_tren", "dia_danh", "trich_yeu", "co_quan", "nguoi_ky", "ten_loai", "tham_quyen", "chuc_vu"}


def aspects_of(doc: Doc) -> list[str]:
    wanted = {"registry": doc.loai == "quy-dinh", "tcvn3": bool(doc.converted), "citations": bool(doc.cites)}
    return [a for a in ASPECTS if wanted.get(a, True)]


@dataclass
class Outcome:
    doc: Doc
    proc: subprocess.CompletedProcess[str]
    project: Path
    path: Path | None = None
    meta: dict = field(default_factory=dict)
    body: str = ""
    text: str = ""                                           # body as a reader sees it, normalised
    blocks: list[str] = field(default_factory=list)         # key() of each paragraph/item/heading/cell
    headings: list[tuple[int, str]] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)        # what ``make check`` says of this page
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def imported(self) -> bool:
        return self.proc.returncode == 0 and self.path is not None and self.path.is_file()


def import_one(doc: Doc, project: Path, docx: Path) -> Outcome:
    proc = import_file(project, docx)
    out = Outcome(doc, proc, project, written_page(proc.stdout, project))
    if out.imported:
        read_page(out)
    return out


def read_page(out: Outcome) -> None:
    """Front matter, body text, blocks and headings of the page the import wrote."""
    out.meta, out.body = split_front_matter(out.path.read_text(encoding="utf-8"))
    exts, conf = md_extensions()
    soup = BeautifulSoup(markdown.markdown(out.body, extensions=exts, extension_configs=conf), "html.parser")
    out.text = norm(soup.get_text(" "))
    out.blocks = [key(el.get_text(" ")) for el in soup.find_all(["p", "li", "td", "th", "h1", "h2", "h3", "h4",
                                                                  "h5", "h6", "dt", "dd"])]
    out.headings = [(len(m.group(1)), _LINK.sub(r"\1", m.group(2)).replace("*", ""))
                    for m in map(_HEADING.match, out.body.splitlines()) if m]


def registry(project: Path) -> list[dict]:
    data = yaml.safe_load((project / "data" / "van-ban-dan-chieu.yml").read_text(encoding="utf-8")) or {}
    return [e for e in data.get("van_ban") or [] if isinstance(e, dict)]


def _entry(entries: list[dict], code: str) -> dict | None:
    return next((e for e in entries if key(str(e.get("ma") or "")) == key(code)), None)


def _empty(value) -> bool:
    return value is None or norm(str(value)) == ""


def _same(name: str, got, want: str) -> bool:
    got = norm(str(got))
    if name == "ngay":
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", got)
        return bool(m) and f"{int(m[1]):02d}/{int(m[2]):02d}/{m[3]}" == want
    if name == "chi_bo":  # a congress's documents may name the congress with the cell
        return key(got) in {key(want), key("đại hội " + want), key("đại hội đảng viên " + want)}
    if name in _NAMES:
        return key(got) == key(want)
    return got == norm(want)


# --- aspects ----------------------------------------------------------------------------
def check_imported(o: Outcome, entries: list[dict]) -> list[str]:
    if "Traceback" in o.proc.stdout + o.proc.stderr:
        return ["traceback: " + o.proc.stderr.strip()[-300:]]
    if o.proc.returncode != 0:
        return [f"refused (exit {o.proc.returncode}): {o.proc.stderr.strip()[:300]}"]
    if not o.imported:
        return [f"no 'Đã nhập thành: <tệp>' line naming a written file: {o.proc.stdout[:300]!r}"]
    return []


def check_type(o: Outcome, entries: list[dict]) -> list[str]:
    d, got = o.doc, o.meta.get("loai")
    out = [] if got == d.loai else [f"loai {got!r}, expected {d.loai!r}"]
    if d.loai == "quy-dinh" and o.path.parent.name != "quy-dinh":
        out.append(f"written to {o.path.parent.name}/, not quy-dinh/")
    types = yaml.safe_load((o.project / "data" / "loai-van-ban.yml").read_text(encoding="utf-8"))["loai"]
    if d.dang or (types.get(got) or {}).get("dang"):
        found = o.meta.get("dang")
        if _empty(found):  # no explicit dang: the data's rule, first subtype whose phrase is in the trích yếu
            summary = str(o.meta.get("trich_yeu") or "").casefold()
            found = next((name for name, spec in (types.get(got, {}).get("dang") or {}).items()
                          if any(p.casefold() in summary for p in spec.get("nhan_biet") or [])), None)
        if found != d.dang:
            out.append(f"subtype {found!r}, expected {d.dang!r}" if d.dang else f"subtype {found!r}, the file is none")
    if d.ten_loai and key(str(o.meta.get("ten_loai") or "")) != key(d.ten_loai):
        out.append(f"ten_loai {o.meta.get('ten_loai')!r}, expected {d.ten_loai!r}")
    return out


def check_facts(o: Outcome, entries: list[dict]) -> list[str]:
    out = []
    for name, want in o.doc.facts.items():
        got = o.meta.get(name)
        if want is None:
            if not _empty(got):
                out.append(f"{name}: the file has none, import put {got!r}")
        elif _empty(got):
            out.append(f"{name}: empty, the file has {want!r}")
        elif not _same(name, got, want):
            out.append(f"{name}: {got!r}, expected {want!r}")
    return out


def check_title(o: Outcome, entries: list[dict]) -> list[str]:
    d, title = o.doc, norm(str(o.meta.get("title") or ""))
    out = []
    if d.title and title != norm(d.title):
        out.append(f"title {title!r}, expected {d.title!r}")
    if d.title_prefix and not title.startswith(d.title_prefix):
        out.append(f"title {title!r} does not begin with {d.title_prefix!r}")
    for bad in d.title_forbid:
        if bad in title:
            out.append(f"title {title!r} contains {bad!r}")
    mixed = [w for w in title.split() if w not in (w.upper(), w.lower(), w.capitalize())]
    if mixed:
        out.append(f"title {title!r}: wrongly cased words {mixed}")
    run = 0
    for word in (w.strip(",;.:()") for w in title.split()):
        run = run + 1 if len(word) > 1 and word.isalpha() and word.isupper() else 0
        if run == 3:
            out.append(f"title {title!r}: ALL-CAPS words left as typed")
    return out


def check_headings(o: Outcome, entries: list[dict]) -> list[str]:
    want = o.doc.headings
    found = [(lv, key(t), t) for lv, t in o.headings]
    out, used, level_of = [], set(), {}
    for rank, text in want:
        hit = next((i for i, (_, k, _) in enumerate(found) if k == key(text) and i not in used), None)
        if hit is None:
            out.append(f"not a heading: {text!r}")
            continue
        used.add(hit)
        level_of.setdefault(rank, set()).add(found[hit][0])
    ranks = sorted(level_of)
    for a, b in zip(ranks, ranks[1:]):
        if max(level_of[a]) >= min(level_of[b]):
            out.append(f"rank {b} headings (h{sorted(level_of[b])}) not deeper than rank {a} (h{sorted(level_of[a])})")
    for i, (lv, _, t) in enumerate(found):
        if i not in used:
            out.append(f"unexpected heading h{lv}: {t!r}")
    return out


def _facts_view(o: Outcome, entries: list[dict]) -> dict:
    view = dict(o.meta)
    if o.doc.loai == "quy-dinh":
        entry = _entry(entries, o.doc.facts.get("ma") or "") or {}
        view = {**{k: v for k, v in entry.items() if k != "trang"}, **view}
    return view


def _values(view: dict, keys: tuple[str, ...], skip=("title", "trich_yeu")) -> list[str]:
    names = keys or [k for k in view if k not in skip]
    out = []
    for k in names:
        v = view.get(k)
        out.extend(str(x) for x in v) if isinstance(v, list) else out.append("" if v is None else str(v))
    return [v for v in out if norm(v)]


def _in_facts(line, view: dict) -> bool:
    for name in line.keys or ():
        value = view.get(name)
        if name in _DERIVED and not _empty(value):
            if name != "dia_danh" or key(str(value)) in key(line.text):
                return True
    here = key(line.text)
    if any(here and (here in key(v) or bool(line.keys) and len(key(v)) > 2 and key(v) in here)
           for v in _values(view, line.keys)):
        return True
    # kept, though maybe under another name (the facts aspect judges the name)
    return bool(line.keys) and any(here and here in key(v) for v in _values(view, ()))


def line_places(o: Outcome, entries: list[dict]) -> list[tuple[object, int, bool]]:
    """(line, times in the body, in the front matter/registry) for every line of the file."""
    view = _facts_view(o, entries)
    heads = [key(t) for _, t in o.headings]
    out = []
    for ln in o.doc.lines:
        if ln.role == "body":
            n = o.text.count(norm(ln.find))
            meta = any(key(ln.find) in key(v) for v in _values(view, (), skip=("title",)))
        elif ln.role == "heading":
            n = int(any(key(ln.text) in h for h in heads)) or o.blocks.count(key(ln.text))
            meta = False
        else:
            n = o.blocks.count(key(ln.text))
            meta = ln.role == "fact" and _in_facts(ln, view)
        out.append((ln, n, meta))
    return out


def check_conserved(o: Outcome, entries: list[dict]) -> list[str]:
    out = []
    for ln, n, meta in line_places(o, entries):
        if ln.role == "form":
            if any(key(ln.text) and key(ln.text) == key(t) for _, t in o.headings):
                out.append(f"layout line {ln.text!r} became a heading")
            continue
        if ln.role == "fact":
            if n and meta:
                out.append(f"header line {ln.text!r} is both a fact and in the body")
            elif n and not meta:
                out.append(f"header line {ln.text!r} left in the body, not read as a fact")
            elif not meta:
                out.append(f"header line {ln.text!r} is nowhere")
        elif n > 1:
            out.append(f"line {ln.text!r} is in the body {n} times")
        elif n == 0:
            out.append(f"line {ln.text!r} is not in the body" + (" (only in the front matter)" if meta else ""))
    return out


def dropped_lines(o: Outcome, entries: list[dict]) -> list[str]:
    if not o.imported:
        return [ln.text for ln in o.doc.lines if ln.role != "form"]
    # a line left in its legacy characters is wrong (conserved, tcvn3), but not dropped
    return [ln.text for ln, n, meta in line_places(o, entries)
            if ln.role != "form" and not n and not meta and not (ln.stored and key(ln.stored) in key(o.text))]


def check_dropped(o: Outcome, entries: list[dict]) -> list[str]:
    return [f"dropped: {t!r}" for t in dropped_lines(o, entries)]


def check_registry(o: Outcome, entries: list[dict]) -> list[str]:
    d = o.doc
    entry = _entry(entries, d.registry["ma"])
    if entry is None:
        return [f"no registry entry for {d.registry['ma']}"]
    out = []
    page = str(entry.get("trang") or "")
    if not page or not (o.project / "docs" / page).is_file():
        out.append(f"entry 'trang' {page!r} is not a page in docs/")
    for name, want in d.registry.items():
        if name == "ma":
            continue
        got = entry.get(name)
        if want is None and not _empty(got):
            out.append(f"{name}: the file has none, registry says {got!r}")
        elif want is not None and (_empty(got) or (name == "co_quan" and key(want) not in key(str(got)))
                                   or (name != "co_quan" and not _same(name, got, want))):
            out.append(f"{name}: {got!r}, expected {want!r}")
    if Path(d.name).stem not in yaml.safe_dump(entry, allow_unicode=True):
        out.append(f"entry does not say it comes from the imported file {d.name}")
    replaced_by_me = [e.get("ma") for e in entries if key(str(e.get("thay_the_boi") or "")) == key(d.registry["ma"])]
    named = [str(v) for k, v in entry.items() if "thay_the" in k and k != "thay_the_boi" and not _empty(v)]
    if d.replaces:
        if d.replaces not in replaced_by_me and not any(key(d.replaces) in key(v) for v in named):
            out.append(f"the replacement of {d.replaces} is not recorded")
    elif replaced_by_me or named:
        out.append(f"a replacement the file does not state: {replaced_by_me or named}")
    return out


def check_tcvn3(o: Outcome, entries: list[dict]) -> list[str]:
    out = []
    said = o.proc.stdout + o.proc.stderr
    heads = [key(t) for _, t in o.headings]
    for para in o.doc.converted:
        if norm(para) not in o.text and not any(key(para) in h for h in heads):
            out.append(f"not converted: {para!r}")
    if re.search(r"chi bé|\bmét\b", o.text, re.IGNORECASE):
        out.append("TCVN3 words that are also Unicode words left as they were ('chi bé', 'mét')")
    if "chữ chữ" in said:
        out.append("message says 'chữ chữ'")
    page_lines = o.path.read_text(encoding="utf-8").splitlines()
    numbers = {int(n) for n in re.findall(r"(?:dòng |:)(\d+)", said)}
    for para in o.doc.converted:
        start = " ".join(para.split()[:4])
        where = {i for i, ln in enumerate(page_lines, 1) if key(start) in key(ln)}
        if norm(start).casefold() not in norm(said).casefold() and not where & numbers:
            out.append(f"message does not list the converted paragraph {start!r}…")
    return out


def check_filename(o: Outcome, entries: list[dict]) -> list[str]:
    """Every word of the file name is a whole word of the page's own facts (a trailing "-2" aside)."""
    from chibo.document.text import slugify
    words = set(slugify(" ".join(str(o.meta.get(k) or "") for k in ("title", "trich_yeu", "ma", "nam", "thang",
                                                                    "so", "loai", "ten_loai"))).split("-"))
    tokens = [t for t in o.path.stem.split("-") if t]
    if len(tokens) > 1 and tokens[-1].isdigit() and len(tokens[-1]) == 1:
        tokens = tokens[:-1]  # a page of the same name already there (a different document)
    cut = [t for t in tokens if t not in words]
    return [f"file name {o.path.name!r} has cut or foreign words {cut}"] if cut else []


def check_citations(o: Outcome, entries: list[dict]) -> list[str]:
    return [f"citation of {code} not linked: {line}" for code in o.doc.cites for line in o.checked
            if " DC001 " in line and code in line]


CHECKS = {"imported": check_imported, "type": check_type, "facts": check_facts, "title": check_title,
          "headings": check_headings, "conserved": check_conserved, "dropped": check_dropped,
          "registry": check_registry, "tcvn3": check_tcvn3, "citations": check_citations,
          "filename": check_filename}


def import_all(work: Path, project: Path) -> tuple[list[Outcome], list[dict]]:
    """Build the corpus in work/, import every good file in order into project, then read the
    registry and run ``make check`` once; returns the outcomes and the registry entries."""
    docs = [d for d in build_corpus(work) if not d.refusal]
    outcomes = [import_one(d, project, work / d.name) for d in docs]
    said = check_problems(project)
    for o in outcomes:
        if o.path is not None:
            o.checked = [line for path, line, _ in said if path.endswith(o.path.name)]
    return outcomes, registry(project)


def run_corpus(work: Path, project: Path) -> list[Outcome]:
    """import_all, then every aspect of every document judged (o.problems)."""
    outcomes, entries = import_all(work, project)
    for o in outcomes:
        for aspect in aspects_of(o.doc):
            blocked = aspect not in ("imported", "dropped") and not o.imported
            o.problems[aspect] = ["not imported"] if blocked else CHECKS[aspect](o, entries)
    return outcomes
