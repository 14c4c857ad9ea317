"""Write BENCHMARKS.md from bench-results/latest.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path


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
    if pdf:
        count = pdf["cold_serial"].get("rendered", pdf["documents"])
        lines += ["", f"## PDFs ({count} per-document PDFs: one generated year, the real plan, the regulations)",
                  "", "Peak memory is that of the largest single process (the parallel workers are separate).", "",
                  "| run | build s | per-document PDF step s | rendered / cached | peak MiB |", "|---|---|---|---|---|"]
        for key in ("cold_serial", "cold_parallel", "warm", "one_edited"):
            run = pdf[key]
            lines.append(f"| {key.replace('_', ' ')} | {run['seconds']:.2f} | {run.get('per_document_seconds', '—')} | "
                         f"{run.get('rendered', '—')} / {run.get('cached', '—')} | {run['peak_mib']:.0f} |")
        lines += ["", f"Site PDF (book): about {pdf['site_pdf_seconds_est']:.1f} s (warm build minus build without PDF), "
                  f"{_kib(pdf['site_pdf_bytes'])}."]
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
    notes = path.with_name("BENCHMARKS.notes.md")
    if notes.exists():
        lines += ["", notes.read_text(encoding="utf-8").rstrip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench-results/latest.json")
    write_markdown(json.loads(source.read_text(encoding="utf-8")), Path("BENCHMARKS.md"))
