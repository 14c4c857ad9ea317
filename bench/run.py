"""``make bench`` (quick) and ``make bench FULL=1``: build, check, PDF and page-weight figures.

Everything is measured side by side in one run on the same generated corpus:

1. bare Material build (no project hooks, no PDF plugin) vs our full build without PDF;
2. ``python -m chibo.commands.check`` alone;
3. per-document PDFs: one process vs parallel; cold, warm cache, one document edited;
4. the site PDF (mkdocs-to-pdf);
5. search index size, raw and gzip;
6. first-load transfer of a plan page (every resource the browser fetched, gzip).

Wall times are medians of ``--runs`` runs; peak memory is ``/usr/bin/time -v``'s maximum
resident set size. Results go to ``bench-results/latest.json`` and, with ``--markdown``,
to ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus import ROOT, copy_project, generate

PYTHON = sys.executable
TIME = Path("/usr/bin/time")


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run once; wall seconds and peak RSS (MiB) of the whole process tree's largest process."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    wrapped = [str(TIME), "-v", *command] if TIME.exists() else command
    started = time.perf_counter()
    result = subprocess.run(wrapped, cwd=cwd, env=full_env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"command failed ({' '.join(command)}):\n{result.stderr[-3000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return {"seconds": elapsed, "peak_mib": int(peak.group(1)) / 1024 if peak else float("nan"),
            "log": result.stderr}


def median_of(runs: int, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    samples = [measure(command, cwd, env) for _ in range(runs)]
    return {"seconds": round(statistics.median(s["seconds"] for s in samples), 3),
            "peak_mib": round(max(s["peak_mib"] for s in samples), 1), "runs": runs,
            "log": samples[-1]["log"]}


def bare_config(project: Path) -> Path:
    """mkdocs.yml without project hooks and without plugins other than search."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    out, skipping = [], None
    for line in lines:
        top = re.match(r"^([a-z_]+):", line)
        if top:
            skipping = top.group(1) if top.group(1) in ("hooks", "plugins") else None
            if skipping == "plugins":
                out += ["plugins:", "  - search"]
            if skipping:
                continue
        if skipping:
            continue
        out.append(line)
    text = "\n".join(out)
    # our slugify lives in the project package; keep it (it is Markdown config, not a hook)
    path = project / "mkdocs-bare.yml"
    path.write_text(text, encoding="utf-8")
    return path


def build(project: Path, config: str, site: str, runs: int, env: dict[str, str]) -> dict[str, float]:
    return median_of(runs, [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", site],
                     project, env)


def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


@contextlib.contextmanager
def serving(site: Path):
    """The built site on 127.0.0.1 (random port), quietly; yields its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def page_weight(site: Path, page: str) -> dict[str, int]:
    """Bytes (raw and gzip) of every resource Chromium fetches to show the page."""
    from playwright.sync_api import sync_playwright

    fetched: list[str] = []
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        tab = context.new_page()
        tab.on("requestfinished", lambda request: fetched.append(request.url))
        tab.goto(base + page, wait_until="networkidle")
        browser.close()
    raw = gz = 0
    kinds: dict[str, int] = {}
    for url in sorted(set(fetched)):
        if not url.startswith(base):
            continue
        relative = url[len(base):].split("#")[0].split("?")[0] or "index.html"
        path = site / relative
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            continue
        raw += path.stat().st_size
        size = gz_size(path)
        gz += size
        kind = path.suffix.lstrip(".") or "html"
        kinds[kind] = kinds.get(kind, 0) + size
    return {"requests": len(set(fetched)), "raw_bytes": raw, "gzip_bytes": gz, "gzip_by_type": kinds}


LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"


def lighthouse(site: Path, page: str) -> dict | None:
    """Lighthouse mobile scores of a page (Debian's Chromium), when the npm package is there.

    The page is served by Python's http.server: no gzip and no cache headers (the nginx
    configuration in deploy/ has both), so performance is understated.
    """
    if not LIGHTHOUSE.exists() or not Path("/usr/bin/chromium").exists():
        return None
    report = site.parent / "lighthouse.json"
    with serving(site) as base:
        subprocess.run([str(LIGHTHOUSE), base + page, "--quiet",
                        "--output=json", f"--output-path={report}", "--form-factor=mobile",
                        "--only-categories=performance,accessibility,best-practices",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
                        "--disable-background-networking --disable-component-update --disable-sync"],
                       env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, timeout=300,
                       check=True)
    data = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(category["score"] * 100) for name, category in data["categories"].items()}


def run_corpus(name: str, work: Path, *, years: int, cells: int, runs: int) -> dict:
    project = work / name
    pages = generate(project, years=years, cells=cells)
    result: dict = {"documents": len(pages)}
    bare = bare_config(project)
    no_pdf = {"CHIBO_PDF": "0"}
    # 1. bare vs ours, interleaved so that machine noise hits both alike
    result["build_bare"] = build(project, bare.name, "site-bare", runs, no_pdf)
    result["build_ours_no_pdf"] = build(project, "mkdocs.yml", "site-ours", runs, no_pdf)
    result["hook_overhead_ratio"] = round(result["build_ours_no_pdf"]["seconds"] / result["build_bare"]["seconds"], 3)
    # 2. the check alone
    result["check"] = median_of(runs, [PYTHON, "-m", "chibo.commands.check", "docs"], project)
    # 5. search index
    index = project / "site-ours" / "search" / "search_index.json"
    result["search_index"] = {"raw_bytes": index.stat().st_size, "gzip_bytes": gz_size(index)}
    for value in result.values():
        if isinstance(value, dict):
            value.pop("log", None)
    return result


_PDF_LOG = re.compile(r"PDF văn bản: đã tạo (\d+) tệp, lấy lại (\d+) tệp từ bộ nhớ đệm \(([\d.]+) giây\)")


def pdf_build(project: Path, env: dict[str, str]) -> dict:
    """A full build with PDFs; adds what the per-document PDF step itself reported."""
    run = measure([PYTHON, "-m", "mkdocs", "build", "-d", "site-pdf"], project,
                  {"CHIBO_PDF": "1", "CHIBO_PDF_CACHE": str(project / ".cache" / "pdf"), **env})
    match = _PDF_LOG.search(run.pop("log"))
    if match:
        run.update(rendered=int(match.group(1)), cached=int(match.group(2)), per_document_seconds=float(match.group(3)))
    run["seconds"] = round(run["seconds"], 2)
    run["peak_mib"] = round(run["peak_mib"], 1)
    return run


def run_pdfs(name: str, work: Path, *, years: int) -> dict:
    """Per-document PDFs serial vs parallel, cold / warm / one edited, and the site PDF."""
    project = work / name
    pages = generate(project, years=years)
    cache = project / ".cache" / "pdf"
    result: dict = {"documents": len(pages) + 1}
    result["no_pdf"] = build(project, "mkdocs.yml", "site-nopdf", 1, {"CHIBO_PDF": "0"})
    result["no_pdf"].pop("log", None)
    shutil.rmtree(cache, ignore_errors=True)
    result["cold_serial"] = pdf_build(project, {"CHIBO_PDF_JOBS": "1"})
    shutil.rmtree(cache, ignore_errors=True)
    result["cold_parallel"] = pdf_build(project, {})
    result["warm"] = pdf_build(project, {})
    edited = pages[len(pages) // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nĐoạn bổ sung sau khi sửa.\n", encoding="utf-8")
    result["one_edited"] = pdf_build(project, {})
    # With every per-document PDF cached, what a warm build adds over no PDF is the site PDF.
    result["site_pdf_seconds_est"] = round(result["warm"]["seconds"] - result["no_pdf"]["seconds"], 2)
    book = project / "site-pdf" / "pdf" / "van-ban-chi-bo.pdf"
    result["site_pdf_bytes"] = book.stat().st_size if book.exists() else None
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="also 30 cells × 10 years")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="rewrite BENCHMARKS.md from the results")
    args = parser.parse_args()

    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    with tempfile.TemporaryDirectory(prefix="chibo-bench-") as tmp:
        work = Path(tmp)
        # The real site first: its own figures and the plan page's weight.
        real = work / "real"
        copy_project(real, with_sources=False)
        results["real_site"] = {
            "build_ours_no_pdf": build(real, "mkdocs.yml", "site-ours", args.runs, {"CHIBO_PDF": "0"}),
            "build_with_pdf_cold": pdf_build(real, {}),
            "build_with_pdf_warm": pdf_build(real, {}),
        }
        results["real_site"]["build_ours_no_pdf"].pop("log", None)
        index = real / "site-ours" / "search" / "search_index.json"
        results["real_site"]["search_index"] = {"raw_bytes": index.stat().st_size, "gzip_bytes": gz_size(index)}
        results["real_site"]["plan_page_first_load"] = page_weight(real / "site-ours",
                                                                   "ke-hoach/2022-ke-hoach-hoat-dong/")
        results["real_site"]["lighthouse_mobile"] = lighthouse(real / "site-ours", "ke-hoach/2022-ke-hoach-hoat-dong/")
        results["corpus_10y"] = run_corpus("corpus-10y", work, years=10, cells=1, runs=args.runs)
        if not args.no_pdf:
            # Quick: PDFs of one year of documents; FULL: of the whole ten-year corpus.
            results["pdf_corpus"] = run_pdfs("corpus-pdf", work, years=10 if args.full else 1)
        if args.full:
            results["corpus_30x10y"] = run_corpus("corpus-30x10", work, years=10, cells=30, runs=1)

    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(results))
    if args.markdown:
        from bench.report import write_markdown

        write_markdown(results, ROOT / "BENCHMARKS.md")


def table(results: dict) -> str:
    rows = [("what", "seconds (median)", "peak MiB", "note")]
    for corpus in ("real_site", "corpus_10y", "pdf_corpus", "corpus_30x10y"):
        data = results.get(corpus)
        if not data:
            continue
        docs = data.get("documents", "real")
        for key, value in data.items():
            if isinstance(value, dict) and "seconds" in value:
                rows.append((f"{corpus} ({docs} docs): {key}", f"{value['seconds']:.2f}", f"{value['peak_mib']:.0f}", ""))
        if "hook_overhead_ratio" in data:
            rows.append((f"{corpus}: hook overhead ratio (goal ≤ 1.10)", f"{data['hook_overhead_ratio']:.3f}", "", ""))
        if "search_index" in data:
            idx = data["search_index"]
            rows.append((f"{corpus}: search index raw / gzip", f"{idx['raw_bytes']} / {idx['gzip_bytes']} B", "", ""))
        if data.get("lighthouse_mobile"):
            rows.append(("plan page Lighthouse mobile", str(data["lighthouse_mobile"]), "", ""))
        if "plan_page_first_load" in data:
            w = data["plan_page_first_load"]
            rows.append(("plan page first load (gzip)", f"{w['gzip_bytes']} B in {w['requests']} requests", "", ""))
    width = [max(len(str(r[i])) for r in rows) for i in range(4)]
    return "\n".join(" | ".join(str(c).ljust(width[i]) for i, c in enumerate(r)) for r in rows)


if __name__ == "__main__":
    main()
