"""``python -m bench.realdocs``: every corpus under tests/ (see ``tests/corpora.discover``),
one row each: files, type right, header facts right, headings found, title right, text
conserved (sentences), lines dropped, and documents right in every respect.

Each file is read and converted in-process with the project's own data (nothing is
written); a corpus added as ``tests/<name>/make_corpus.py`` with ``build_corpus(dest)``
is picked up without any change here.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from chibo.document.config import load_settings  # noqa: E402
from chibo.document.registry import load_registry  # noqa: E402
from chibo.reading.importer import ImportError_, convert, read_source  # noqa: E402
from tests.corpora import body_text, conservation, discover, expected, heading_keys, input_lines, key, \
    unaccounted  # noqa: E402

_SPACES = re.compile(r"\s+")


def _same(want: object, have: object) -> bool:
    norm = lambda v: _SPACES.sub(" ", "" if v is None else str(v)).strip().casefold()  # noqa: E731
    return norm(want) == norm(have)


def measure(name: str, build, work: Path) -> dict[str, object]:
    settings, registry = load_settings(ROOT / "data"), load_registry(ROOT / "data")
    cases = build(work / name)
    labels = {key(label) for t in settings.types.values() for label in (t.label, *t.other_labels)}
    row = {k: 0 for k in ("files", "bad", "refused", "type", "typed", "facts", "facts_all", "headings", "headings_all",
                          "title", "titles", "extra_headings", "sentences", "sentences_all", "lines", "dropped", "perfect")}
    failures: list[str] = []
    for case in cases:
        want = expected(case)
        source = work / name / want.name
        if want.bad:
            row["bad"] += 1
            try:
                convert(read_source(source.read_bytes(), source.name), settings, source.name, None, registry)
            except ImportError_:
                row["refused"] += 1
            continue
        row["files"] += 1
        try:
            reading = read_source(source.read_bytes(), source.name)
            imported = convert(reading, settings, source.name, None, registry)
        except ImportError_ as error:
            failures.append(f"{want.name}: {error}")
            continue
        perfect = True
        if want.doc_type:
            row["typed"] += 1
            right = imported.doc_type.code == want.doc_type
            row["type"] += right
            perfect &= right
        regulation = imported.doc_type.code == "quy-dinh"
        # The text of a document the registry has: its facts are the registry's, not measured here.
        facts = {} if regulation and imported.new_entry is None else want.facts
        if regulation:  # a new regulation page: its facts go to the registry; a corpus's None means "not on the page"
            facts = {k: v for k, v in facts.items() if v is not None}
        for fact, value in facts.items():
            row["facts_all"] += 1
            have = imported.meta.get("ma" if regulation and fact == "so" else fact)
            if regulation and have in (None, ""):
                have = imported.facts.get(fact)
            ok = _same(value, have) if value is not None else have in (None, "", [])
            row["facts"] += ok
            if not ok:
                failures.append(f"{want.name}: {fact} expected {value!r}, got {have!r}")
            perfect &= ok
        found = heading_keys(imported.body)
        for heading in want.headings:
            row["headings_all"] += 1
            ok = any(k == key(heading) or k.endswith(key(heading)) for k in found)
            row["headings"] += ok
            if not ok:
                failures.append(f"{want.name}: heading {heading!r} not found")
            perfect &= ok
        # a header line (type label, trích yếu, issuer, motto, number) read as a body heading
        header_lines = {key(v) for v in want.facts.values() if v} | labels | {key("ĐẢNG CỘNG SẢN VIỆT NAM")}
        extra = [k for k in found if k in header_lines or re.fullmatch(r"(số|s)\w*\d\w*", k)]
        row["extra_headings"] += len(extra)
        perfect &= not extra
        if extra:
            failures.append(f"{want.name}: header lines made headings: {extra[:3]}")
        title = str(imported.meta.get("title", ""))
        if want.title is not None:
            row["titles"] += 1
            ok = _same(want.title, title)
            row["title"] += ok
            perfect &= ok
        body = body_text(imported.body)
        kept = sum(1 for s in want.sentences if key(s) in body)
        row["sentences"] += kept
        row["sentences_all"] += len(want.sentences)
        perfect &= kept == len(want.sentences)
        dropped = unaccounted(reading, imported) + conservation(imported)
        row["lines"] += len(input_lines(reading))
        row["dropped"] += len(dropped)
        perfect &= not dropped
        row["perfect"] += perfect
    row["failures"] = failures
    return row


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "–"


def table() -> str:
    rows = ["| corpus | files | type right | header facts | headings (found; header lines made headings) | title | text conserved (sentences) | "
            "lines dropped | right in every respect | bad files refused |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    notes = []
    with tempfile.TemporaryDirectory() as work:
        for name, build in discover():
            started = time.perf_counter()
            r = measure(name, build, Path(work))
            rows.append(f"| {name} | {r['files']} | {_ratio(r['type'], r['typed'])} | "
                        f"{_ratio(r['facts'], r['facts_all'])} | {_ratio(r['headings'], r['headings_all'])}, "
                        f"{r['extra_headings']} | "
                        f"{_ratio(r['title'], r['titles']) if r['titles'] else '– (not given)'} | "
                        f"{_ratio(r['sentences'], r['sentences_all'])} | {r['dropped']} of {r['lines']} | "
                        f"{_ratio(r['perfect'], r['files'])} | {r['refused']}/{r['bad']} |")
            notes += [f"- {name}: {f}" for f in r["failures"]]
            notes.append(f"- {name}: measured in {time.perf_counter() - started:.1f} s")
    return "\n".join(rows + [""] + notes)


if __name__ == "__main__":
    print(table())
    from bench.realdocs_third import table as third_table
    print("\nThird corpus (tests/thirdcorpus, issue 20):\n")
    print(third_table())
