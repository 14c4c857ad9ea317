"""Search figures: index size, and time from opening search to first results on a phone-
class CPU (Chromium, 4x CPU throttling).

    .venv/bin/python scripts/bench_search.py [--years 11] [--runs 5] [--json out.json]

1. The real site: ``search/search_index.json`` raw, gzip -6 and gzip -9.
2. A synthetic corpus (``bench.corpus``: seeded plans, monthly resolutions and reports;
   11 years = 154 documents), built in a temporary directory: same sizes.
3. A heavy corpus: 150 documents as long as the real 2022 plan (its text, list items
   shuffled per document with a fixed seed), the worst case for a year-end archive.
4. On both corpora, in Debian's Chromium with ``Emulation.setCPUThrottlingRate`` = 4:
   - cold: the page has just fired "load", the member taps the search icon and types a
     query without diacritics; time from the tap to the first result on screen (this
     includes fetching the index and the worker building it);
   - warm: the same after the worker has finished building the index;
   - worker build: the site's worker alone, SETUP to READY (4x throttled).
   - worker build with Material's stock Vietnamese plugin in place of ours (lunr indexes
     every word in the browser, as before the prebuilt index): what the prebuilt index saves.
   Medians of ``--runs`` runs, each in a fresh browser context (no cache).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.corpus import copy_project, generate  # noqa: E402
from conftest import CHROMIUM_ARGS  # noqa: E402
from searchsite import build_without_pdf, drop_nav, serve  # noqa: E402

PHONE = {"width": 390, "height": 844}
QUERY = "dang vien noi cu tru"

_OPEN_AND_TYPE = """(query) => new Promise(resolve => {
  const list = document.querySelector(".md-search-result__list")
  const started = performance.now()
  const done = () => resolve({ ms: performance.now() - started, since_navigation: performance.now(),
                               items: list.children.length })
  new MutationObserver((_, observer) => {
    if (list.querySelector("li")) { observer.disconnect(); done() }
  }).observe(list, { childList: true })
  document.querySelector("header label[for='__search']").click()
  const input = document.querySelector("input.md-search__input")
  input.focus()
  input.value = query
  input.dispatchEvent(new KeyboardEvent("keyup", { key: query.slice(-1), bubbles: true }))
})"""

_WORKER_BUILD = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const index = await (await fetch(new URL("search/search_index.json", new URL(config.base + "/", location.href)))).json()
  const worker = new Worker(new URL(config.search, location.href))
  const started = performance.now()
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } })
  await new Promise(resolve => worker.addEventListener("message", resolve, { once: true }))
  const ms = performance.now() - started
  worker.terminate()
  return { ms, entries: index.docs.length }
}"""


def index_sizes(site: Path) -> dict[str, float]:
    data = (site / "search" / "search_index.json").read_bytes()
    entries = len(json.loads(data)["docs"])
    return {"entries": entries, "raw_kb": len(data) / 1024,
            "gzip6_kb": len(gzip.compress(data, 6)) / 1024, "gzip9_kb": len(gzip.compress(data, 9)) / 1024}


def heavy_corpus(dest: Path, count: int = 150, seed: int = 2022) -> list[Path]:
    """count plan-sized documents: the real plan with its list items shuffled per section."""
    copy_project(dest)
    plan = (dest / "docs/ke-hoach/2022-ke-hoach-hoat-dong.md").read_text(encoding="utf-8")
    _, front, body = plan.split("---", 2)
    rng = random.Random(seed)
    pages = []
    for number in range(1, count + 1):
        blocks = re.split(r"(^#{2,4} .*$)", body, flags=re.M)
        for i, block in enumerate(blocks):
            if not block.startswith("#"):
                lines = block.split("\n")
                items = [line for line in lines if line.startswith("- ")]
                rng.shuffle(items)
                shuffled = iter(items)
                blocks[i] = "\n".join(next(shuffled) if line.startswith("- ") else line for line in lines)
        meta = front.replace("title: Kế hoạch hoạt động của Chi bộ năm 2022",
                             f"title: Kế hoạch hoạt động của Chi bộ (bản thử {number:03d})")
        page = dest / "docs" / "ke-hoach" / f"ban-thu-{number:03d}.md"
        page.write_text(f"---{meta}---{''.join(blocks)}", encoding="utf-8")
        pages.append(page)
    drop_nav(dest / "mkdocs.yml")
    return pages


def build(project: Path, site: Path) -> Path:
    result = build_without_pdf(project, site)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
    return site


STOCK_VI = Path(__import__("material").__file__).parent / "templates/assets/javascripts/lunr/min/lunr.vi.min.js"


def stock_copy(site: Path, dest: Path) -> Path:
    """The built site with Material's own lunr.vi plugin instead of ours."""
    shutil.copytree(site, dest)
    shutil.copy(STOCK_VI, dest / "assets/javascripts/lunr/min/lunr.vi.min.js")
    return dest


def timings(browser, url: str, runs: int, stock_url: str) -> dict[str, object]:
    def throttled_page():
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        return context, page

    cold, warm, worker, stock = [], [], [], []
    for _ in range(runs):
        context, page = throttled_page()
        page.goto(url, wait_until="load")
        cold.append(page.evaluate(_OPEN_AND_TYPE, QUERY))
        context.close()

        context, page = throttled_page()
        page.goto(url, wait_until="load")
        page.wait_for_function("!document.querySelector('.md-search-result__meta')"
                               ".textContent.includes('Đang chuẩn bị')", timeout=60_000)
        warm.append(page.evaluate(_OPEN_AND_TYPE, QUERY))
        context.close()

        context, page = throttled_page()
        page.goto(url, wait_until="load")
        worker.append(page.evaluate(_WORKER_BUILD))
        context.close()

        context, page = throttled_page()
        page.goto(stock_url, wait_until="load")
        stock.append(page.evaluate(_WORKER_BUILD))
        context.close()

    def median(values: list[dict], key: str = "ms") -> float:
        return statistics.median(v[key] for v in values)

    return {
        "query": QUERY,
        "cold_open_to_results_ms": median(cold),
        "cold_navigation_to_results_ms": median(cold, "since_navigation"),
        "warm_open_to_results_ms": median(warm),
        "worker_build_ms": median(worker),
        "worker_build_stock_vi_ms": median(stock),
        "result_groups": cold[0]["items"],
        "runs": runs,
        "all_cold_ms": [round(v["ms"]) for v in cold],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=11, help="corpus years (14 documents each)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        tmp_path = Path(tmp)
        figures["real_site"] = index_sizes(build(ROOT, tmp_path / "real-site"))
        pages = generate(tmp_path / "corpus", years=args.years)
        corpus_site = build(tmp_path / "corpus", tmp_path / "corpus-site")
        figures["corpus"] = {"documents": len(pages), **index_sizes(corpus_site)}
        heavy = heavy_corpus(tmp_path / "heavy")
        heavy_site = build(tmp_path / "heavy", tmp_path / "heavy-site")
        figures["heavy"] = {"documents": len(heavy), **index_sizes(heavy_site)}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                 args=CHROMIUM_ARGS)
            try:
                for name, site in (("corpus", corpus_site), ("heavy", heavy_site)):
                    stock = stock_copy(site, tmp_path / f"{name}-stock")
                    with serve(site) as url, serve(stock) as stock_url:
                        figures[f"{name}_chromium_4x"] = timings(browser, url, args.runs, stock_url)
            finally:
                browser.close()
        figures["chromium"] = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                                             text=True).stdout.strip()

    real = figures["real_site"]
    print(f"real site: {real['entries']} entries, index {real['raw_kb']:.1f} KB raw, "
          f"{real['gzip6_kb']:.1f} KB gzip -6, {real['gzip9_kb']:.1f} KB gzip -9")
    met = True
    for name in ("corpus", "heavy"):
        sizes, timing = figures[name], figures[f"{name}_chromium_4x"]
        print(f"{name}: {sizes['documents']} documents, {sizes['entries']} entries, index "
              f"{sizes['raw_kb']:.1f} KB raw, {sizes['gzip6_kb']:.1f} KB gzip -6, {sizes['gzip9_kb']:.1f} KB gzip -9")
        print(f"  4x CPU: open search -> first results {timing['cold_open_to_results_ms']:.0f} ms cold "
              f"(navigation -> results {timing['cold_navigation_to_results_ms']:.0f} ms), "
              f"{timing['warm_open_to_results_ms']:.0f} ms warm; worker index build "
              f"{timing['worker_build_ms']:.0f} ms (stock lunr.vi {timing['worker_build_stock_vi_ms']:.0f} ms) "
              f"(medians of {timing['runs']}; cold runs {timing['all_cold_ms']})")
        ok = timing["cold_open_to_results_ms"] <= 1000 and sizes["gzip6_kb"] <= 600
        met = met and ok
        print(f"  budget (<= 1.0 s cold, <= 600 KB gzip): {'met' if ok else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
