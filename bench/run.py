"""``make bench`` (quick) and ``make bench FULL=1``: build, check, PDF and page-weight figures.

Everything is measured side by side in one run on the same generated corpus:

1. bare Material build (no project hooks, no PDF plugin) vs our full build without PDF;
2. ``python -m chibo.commands.check`` alone;
3. PDFs on the ten-year corpus: cold (two workers vs one), warm, one document edited,
   interleaved with the build without PDFs (the ratios of issue 15);
4. the books (whole site, one volume per year) merged from the per-document PDFs;
7. ``mkdocs serve``: saving a document to the reloaded page, ours vs bare Material;
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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serving(site: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler):
    """The built site on 127.0.0.1 (random port), quietly; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
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
    with serving(site) as base:
        data = lighthouse_report(base + page, site.parent / "lighthouse.json")
    return {name: round(category["score"] * 100) for name, category in data["categories"].items()}


def lighthouse_report(url: str, report: Path) -> dict:
    """Lighthouse's JSON report of ``url``, mobile, with Debian's Chromium."""
    subprocess.run([str(LIGHTHOUSE), url, "--quiet",
                    "--output=json", f"--output-path={report}", "--form-factor=mobile",
                    "--only-categories=performance,accessibility,best-practices",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
                    "--disable-background-networking --disable-component-update --disable-sync"],
                   env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, timeout=300,
                   check=True)
    return json.loads(report.read_text(encoding="utf-8"))


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


_PDF_LOG = re.compile(r"PDF văn bản: đã tạo (\d+) tệp, lấy lại (\d+) tệp từ bộ nhớ đệm "
                      r"\(([\d.]+) giây; dựng ([\d.]+) giây\)")
_BOOK_LOG = re.compile(r"PDF toàn bộ văn bản và (\d+) tập theo năm: đã ghép (\d+) tệp, lấy lại (\d+) tệp "
                       r"từ bộ nhớ đệm \(([\d.]+) giây\)")


def _tree_memory(root: int) -> tuple[int, int]:
    """(PSS summed over the tree, largest RSS) in KiB of ``root`` and all its descendants.

    PSS shares each page among the processes that map it: the PDF workers are forked from
    one forkserver and share its preloaded libraries, which an RSS sum would count twice.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    total, largest, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        rss = re.search(r"VmRSS:\s+(\d+)", status)
        pss = re.search(r"^Pss:\s+(\d+)", rollup, re.M)
        largest = max(largest, int(rss.group(1)) if rss else 0)
        total += int(pss.group(1)) if pss else 0
    return total, largest


def pdf_build(project: Path, env: dict[str, str], config: str = "mkdocs.yml", site: str = "site-pdf") -> dict:
    """A full build with PDFs (or not: CHIBO_PDF in env); wall time, memory, what the PDF steps reported.

    Memory: ``peak_mib`` is the largest single process (the MkDocs process or one PDF worker),
    ``peak_tree_mib`` the proportional set size summed over the process tree (what the
    build as a whole holds), both sampled every 50 ms.
    """
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHIBO_PDF": "1",
                "CHIBO_PDF_CACHE": str(project / ".cache" / "pdf"), **env}
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", site], cwd=project,
                               env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"sum": 0, "max": 0}

    def sample() -> None:
        while process.poll() is None:
            total, largest = _tree_memory(process.pid)
            peak["sum"], peak["max"] = max(peak["sum"], total), max(peak["max"], largest)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, log = process.communicate()
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed:\n{log[-3000:]}")
    run: dict = {"seconds": round(elapsed, 2), "peak_mib": round(peak["max"] / 1024, 1),
                 "peak_tree_mib": round(peak["sum"] / 1024, 1), "load": os.getloadavg()[0]}
    match = _PDF_LOG.search(log)
    if match:
        run.update(rendered=int(match.group(1)), cached=int(match.group(2)),
                   waited_seconds=float(match.group(3)), render_seconds=float(match.group(4)))
    match = _BOOK_LOG.search(log)
    if match:
        run.update(volumes=int(match.group(1)) + 1, books_assembled=int(match.group(2)),
                   books_cached=int(match.group(3)), books_seconds=float(match.group(4)))
    run["nothing_rebuilt"] = "không dựng lại tệp PDF nào" in log
    return run


def _best(samples: list[dict]) -> dict:
    best = dict(min(samples, key=lambda s: s["seconds"]))
    best["all_seconds"] = [s["seconds"] for s in samples]
    best["peak_mib"] = max(s["peak_mib"] for s in samples)
    best["peak_tree_mib"] = max(s["peak_tree_mib"] for s in samples)
    return best


def run_pdfs(name: str, work: Path, *, years: int, runs: int) -> dict:
    """PDFs on the ten-year corpus, side by side in one run (issue 15's figures).

    Cold (empty cache, then the fastest of ``runs``), and interleaved so that the machine's
    load hits them alike: the build without PDFs, the warm build with PDFs (nothing
    changed), and the build after one document was edited (a new edit each time). Goals:
    warm ≤ 1.3 × no-PDF; edited ≤ 1.3 × no-PDF + the time to render that document; cold
    ≤ 40 s with peak memory ≤ 300 MiB per process.
    """
    project = work / name
    pages = generate(project, years=years)
    cache = project / ".cache" / "pdf"
    result: dict = {"documents": len(pages), "load_before": os.getloadavg(),
                    "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    colds = []
    for _ in range(max(1, min(runs, 2))):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(pdf_build(project, {}))
    result["cold"] = _best(colds)
    serial_cache = project / ".cache" / "pdf-serial"
    result["cold_one_worker"] = pdf_build(project, {"CHIBO_PDF_JOBS": "1", "CHIBO_PDF_CACHE": str(serial_cache)})
    shutil.rmtree(serial_cache, ignore_errors=True)
    pdf_build(project, {})  # warm the cache after the cold runs
    edited = pages[len(pages) // 2]
    original = edited.read_text(encoding="utf-8")
    no_pdf, warm, one = [], [], []
    for round_no in range(runs):
        no_pdf.append(pdf_build(project, {"CHIBO_PDF": "0"}, site="site-nopdf"))
        warm.append(pdf_build(project, {}))
        edited.write_text(original + f"\nĐoạn bổ sung sau khi sửa, lần {round_no + 1}.\n", encoding="utf-8")
        one.append(pdf_build(project, {}))
    edited.write_text(original, encoding="utf-8")
    result["no_pdf"], result["warm"], result["one_edited"] = _best(no_pdf), _best(warm), _best(one)
    result["edited_document"] = edited.relative_to(project).as_posix()
    base = result["no_pdf"]["seconds"]
    result["warm_ratio"] = round(result["warm"]["seconds"] / base, 3)
    render = result["one_edited"].get("render_seconds", 0.0)
    result["one_edited_goal_seconds"] = round(1.3 * base + render, 2)
    result["one_edited_ratio"] = round(result["one_edited"]["seconds"] / (base + render), 3)
    books = project / "site-pdf" / "pdf"
    result["books"] = {p.name: p.stat().st_size for p in sorted(books.glob("*.pdf"))}
    result["load_after"] = os.getloadavg()
    return result


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_reload(project: Path, config: str, document: Path, url_path: str, saves: int) -> dict:
    """``mkdocs serve``: seconds from saving a document to the server giving its new text.

    The same corpus and document for both configurations; each save appends a new sentence,
    and the page is fetched every 50 ms until the sentence is there (what the browser shows
    after livereload's reload).
    """
    import urllib.error
    import urllib.request

    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CHIBO_PDF", None)
    started = time.perf_counter()
    log = open(project / f"serve-{Path(config).stem}.log", "w", encoding="utf-8")  # noqa: SIM115
    server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--no-strict", "-f", config, "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = document.read_text(encoding="utf-8")

    def fetch() -> str | None:
        try:
            return urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    try:
        deadline = time.monotonic() + 120
        while fetch() is None:
            if time.monotonic() > deadline or server.poll() is not None:
                log.flush()
                tail = (project / f"serve-{Path(config).stem}.log").read_text(encoding="utf-8")[-3000:]
                raise SystemExit(f"mkdocs serve ({config}) did not answer:\n{tail}")
            time.sleep(0.1)
        first = time.perf_counter() - started
        times = []
        for number in range(saves):
            marker = f"Câu thử lưu số {number + 1} {time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle
            saved = time.perf_counter()
            document.write_text(original + f"\n{marker}.\n", encoding="utf-8")
            while True:
                page = fetch()
                if page and marker in page:
                    break
                if time.perf_counter() - saved > 120:
                    raise SystemExit(f"mkdocs serve ({config}) never showed the change")
                time.sleep(0.05)
            times.append(round(time.perf_counter() - saved, 2))
    finally:
        document.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return {"first_page_seconds": round(first, 2), "save_to_page_seconds": times,
            "median_seconds": statistics.median(times), "best_seconds": min(times)}


def run_serve(name: str, work: Path, *, years: int, saves: int) -> dict:
    project = work / name
    pages = generate(project, years=years)
    bare = bare_config(project)
    document = pages[len(pages) // 2]
    url_path = document.relative_to(project / "docs").with_suffix("").as_posix() + "/"
    result = {"document": url_path, "load_before": os.getloadavg(),
              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    result["bare"] = serve_reload(project, bare.name, document, url_path, saves)
    result["ours"] = serve_reload(project, "mkdocs.yml", document, url_path, saves)
    result["ratio"] = round(result["ours"]["median_seconds"] / result["bare"]["median_seconds"], 3)
    result["load_after"] = os.getloadavg()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="also 30 cells × 10 years")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--only", choices=["pdf", "serve"], help="only the ten-year PDF or serve figures")
    parser.add_argument("--markdown", action="store_true", help="rewrite BENCHMARKS.md from the results")
    args = parser.parse_args()

    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    out = ROOT / "bench-results"
    if args.only:  # one part again; the other figures stay those of the last full run
        latest = out / "latest.json"
        previous = json.loads(latest.read_text(encoding="utf-8")) if latest.exists() else {}
        results = {**results, **previous}  # the date and machine of the full run stay
        with tempfile.TemporaryDirectory(prefix="chibo-bench-") as tmp:
            if args.only == "pdf":
                results["pdf_corpus"] = run_pdfs("corpus-pdf", Path(tmp), years=10, runs=args.runs)
            else:
                results["serve"] = run_serve("corpus-serve", Path(tmp), years=10, saves=args.runs)
        _write(results, out, args.markdown)
        return
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
            results["pdf_corpus"] = run_pdfs("corpus-pdf", work, years=10, runs=args.runs)
        if not args.no_serve:
            results["serve"] = run_serve("corpus-serve", work, years=10, saves=args.runs)
        if args.full:
            results["corpus_30x10y"] = run_corpus("corpus-30x10", work, years=10, cells=30, runs=1)

    _write(results, out, args.markdown)


def _write(results: dict, out: Path, markdown: bool) -> None:
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(results))
    if markdown:
        from bench.report import write_markdown

        write_markdown(results, ROOT / "BENCHMARKS.md")


def table(results: dict) -> str:
    rows = [("what", "seconds", "peak MiB", "note")]
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
        if "warm_ratio" in data:
            rows.append((f"{corpus}: warm with PDFs / no PDF (goal ≤ 1.3)", f"{data['warm_ratio']:.3f}", "", ""))
            rows.append((f"{corpus}: one edited (goal ≤ {data['one_edited_goal_seconds']:.2f} s)",
                         f"{data['one_edited']['seconds']:.2f}", "", ""))
    serve = results.get("serve")
    if serve:
        for key in ("bare", "ours"):
            rows.append((f"serve, save to reloaded page: {key}", f"{serve[key]['median_seconds']:.2f}", "",
                         str(serve[key]["save_to_page_seconds"])))
    width = [max(len(str(r[i])) for r in rows) for i in range(4)]
    return "\n".join(" | ".join(str(c).ljust(width[i]) for i, c in enumerate(r)) for r in rows)


if __name__ == "__main__":
    main()
