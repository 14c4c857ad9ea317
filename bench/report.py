"""Write the figures of BENCHMARKS.md (between its markers) from bench-results/latest.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path


BEGIN = "<!-- bench:begin (written by bench/report.py from bench-results/latest.json) -->"
END = "<!-- bench:end -->"


def _kib(value: int | None) -> str:
    return "—" if value is None else f"{value / 1024:,.0f} KiB"


def write_markdown(results: dict, path: Path) -> None:
    machine = results["machine"]
    real = results["real_site"]
    corpus = results["corpus_10y"]
    lines = [
        "# Benchmarks",
        "",
        f"Latest run: {results['date']} on {machine['cpus']} CPUs, Python {machine['python']}, "
        f"{machine['platform']}. Reproduce with `make bench` (quick) or `make bench FULL=1`; raw figures in "
        "`bench-results/latest.json`. Times are wall-clock medians; memory is the peak RSS of the build process "
        "(`/usr/bin/time -v`).",
        "",
        "## Real site",
        "",
        "| measure | value |",
        "|---|---|",
        f"| build without PDF | {real['build_ours_no_pdf']['seconds']:.2f} s, {real['build_ours_no_pdf']['peak_mib']:.0f} MiB |",
        f"| build with PDFs, cold cache | {real['build_with_pdf_cold']['seconds']:.2f} s, "
        f"{real['build_with_pdf_cold']['peak_mib']:.0f} MiB |",
        f"| build with PDFs, warm cache | {real['build_with_pdf_warm']['seconds']:.2f} s |",
        f"| search index raw / gzip | {_kib(real['search_index']['raw_bytes'])} / {_kib(real['search_index']['gzip_bytes'])} |",
        f"| plan page first load (all resources, gzip) | {_kib(real['plan_page_first_load']['gzip_bytes'])} in "
        f"{real['plan_page_first_load']['requests']} requests |",
        "| plan page Lighthouse mobile (performance / accessibility / best practices) | "
        + (" / ".join(str(v) for v in real["lighthouse_mobile"].values()) if real.get("lighthouse_mobile")
           else "not measured (no Chromium or lighthouse)") + " |",
        "",
        f"## Ten-year corpus ({corpus['documents']} generated documents)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| bare Material build (no project hooks) | {corpus['build_bare']['seconds']:.2f} s, "
        f"{corpus['build_bare']['peak_mib']:.0f} MiB |",
        f"| our build without PDF | {corpus['build_ours_no_pdf']['seconds']:.2f} s, "
        f"{corpus['build_ours_no_pdf']['peak_mib']:.0f} MiB |",
        f"| **hook overhead ratio** (goal ≤ 1.10) | **{corpus['hook_overhead_ratio']:.3f}** |",
        f"| `make check` alone | {corpus['check']['seconds']:.2f} s |",
        f"| search index raw / gzip | {_kib(corpus['search_index']['raw_bytes'])} / "
        f"{_kib(corpus['search_index']['gzip_bytes'])} |",
    ]
    pdf = results.get("pdf_corpus")
    if pdf and "warm_ratio" in pdf:
        base = pdf["no_pdf"]["seconds"]
        render = pdf["one_edited"].get("render_seconds", 0.0)
        lines += [
            "", f"## PDFs on the ten-year corpus ({pdf['documents']} generated documents, "
            f"{pdf['cold'].get('rendered', '?')} PDFs, {pdf['cold'].get('volumes', '?')} books)", "",
            f"Run {pdf.get('date', results['date'])}, `python -m bench.run --only pdf` (part of `make bench`): the build without PDFs, the warm build and "
            "the build after editing one document are interleaved, best of "
            f"{len(pdf['no_pdf']['all_seconds'])} each (all runs listed). Peak memory: the largest single "
            "process (MkDocs or one PDF worker, RSS), and in brackets the whole process tree (PSS summed: pages "
            "shared by the forked workers counted once); sampled every 50 ms. "
            f"Load average (1 min) before / after: {pdf['load_before'][0]:.1f} / {pdf['load_after'][0]:.1f}.", "",
            "| build | seconds, best (all runs) | documents rendered / cached | books merged / cached | peak MiB (tree) | goal |",
            "|---|---|---|---|---|---|",
        ]
        goals = {"no_pdf": "", "warm": f"≤ 1.3 × no PDF = {1.3 * base:.2f} s → **{pdf['warm_ratio']:.2f} ×**",
                 "one_edited": f"≤ 1.3 × no PDF + {render:.2f} s (that document's rendering) = "
                               f"{pdf['one_edited_goal_seconds']:.2f} s",
                 "cold": "≤ 40 s, ≤ 300 MiB", "cold_one_worker": "(one worker, for comparison)"}
        names = {"no_pdf": "without PDF (`CHIBO_PDF=0`)", "warm": "with PDFs, nothing changed",
                 "one_edited": "with PDFs, one document edited", "cold": "with PDFs, cold (empty cache), 2 workers",
                 "cold_one_worker": "with PDFs, cold, `CHIBO_PDF_JOBS=1`"}
        for key in ("no_pdf", "warm", "one_edited", "cold", "cold_one_worker"):
            run = pdf[key]
            runs = ", ".join(f"{v:.2f}" for v in run.get("all_seconds", [run["seconds"]]))
            docs = f"{run['rendered']} / {run['cached']}" if "rendered" in run else "—"
            books = f"{run['books_assembled']} / {run['books_cached']}" if "books_assembled" in run else "—"
            lines.append(f"| {names[key]} | **{run['seconds']:.2f}** ({runs}) | {docs} | {books} | "
                         f"{run['peak_mib']:.0f} ({run['peak_tree_mib']:.0f}) | {goals[key]} |")
        sizes = pdf.get("books", {})
        whole = sizes.get("van-ban-chi-bo.pdf")
        if whole:
            years = [v for k, v in sizes.items() if k != "van-ban-chi-bo.pdf"]
            lines += ["", f"Books: whole site {_kib(whole)}; {len(years)} yearly volumes, "
                      f"{_kib(min(years)) if years else '—'} – {_kib(max(years)) if years else '—'}."]
    serve = results.get("serve")
    if serve:
        lines += ["", "## `make serve`: saving a document to the reloaded page", "",
                  f"Run {serve.get('date', results['date'])}; ten-year corpus, page `{serve['document']}`; "
                  "`python -m bench.run --only serve`. Each save appends "
                  "a sentence; the time is until the server returns the page with it. Load average before / after: "
                  f"{serve['load_before'][0]:.1f} / {serve['load_after'][0]:.1f}.", "",
                  "| configuration | first page s | save → page s (each save) | median |", "|---|---|---|---|"]
        for key, label in (("bare", "bare Material (no hooks)"), ("ours", "ours (hooks, no PDF)")):
            run = serve[key]
            lines.append(f"| {label} | {run['first_page_seconds']:.2f} | "
                         f"{', '.join(f'{v:.2f}' for v in run['save_to_page_seconds'])} | {run['median_seconds']:.2f} |")
        lines.append(f"| ratio ours / bare | | | {serve['ratio']:.2f} |")
    big = results.get("corpus_30x10y")
    if big:
        lines += ["", f"## 30 cells × 10 years ({big['documents']} documents, FULL=1)", "",
                  "| measure | value |", "|---|---|",
                  f"| bare Material build | {big['build_bare']['seconds']:.2f} s |",
                  f"| our build without PDF | {big['build_ours_no_pdf']['seconds']:.2f} s |",
                  f"| hook overhead ratio | {big['hook_overhead_ratio']:.3f} |",
                  f"| `make check` alone | {big['check']['seconds']:.2f} s |",
                  f"| search index raw / gzip | {_kib(big['search_index']['raw_bytes'])} / "
                  f"{_kib(big['search_index']['gzip_bytes'])} |"]
    # Only the block between the markers is generated; the notes around it are written by hand.
    block = BEGIN + "\n" + "\n".join(lines[2:]) + "\n" + END
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = "# Benchmarks\n\n" + block + "\n" + text
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench-results/latest.json")
    write_markdown(json.loads(source.read_text(encoding="utf-8")), Path("BENCHMARKS.md"))
