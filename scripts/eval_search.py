"""Search relevance on the judged query set (bench/search-queries.yml).

    .venv/bin/python scripts/eval_search.py [--site DIR] [--keep DIR] [--years 10] [--json out.json]

Builds the ten-year corpus (``bench.corpus``) with the project's own pages and the search
test pages (tests/fixtures/search/) — or takes an already built ``--site`` — and asks
every query of the set through the site's own search worker in Chromium (the same driver
as tests/test_search_worker.py). Scored over the first five distinct pages returned:
top-1 and top-3 (share of queries whose first right page is first / within three) and
mean reciprocal rank (1/rank of the first right page, 0 if not in the five), per kind
and overall. For queries with a ``section``, also whether the right page's best section
is that article. Prints the misses.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.corpus import generate  # noqa: E402
from conftest import CHROMIUM_ARGS  # noqa: E402
from searchsite import FIXTURES, build_without_pdf, drop_nav, ranked_pages, serve, worker_results  # noqa: E402

QUERIES = ROOT / "bench" / "search-queries.yml"
DEPTH = 5
GOAL = {"top1": 0.85, "top3": 0.97, "mrr": 0.90}


def load_queries(path: Path = QUERIES) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = data.get("pages") or {}
    queries = []
    for item in data["queries"]:
        right: list[str] = []
        for name in item["right"]:
            right += groups.get(name, [name])
        text = unicodedata.normalize("NFD" if item.get("nfd") else "NFC", item["query"])
        queries.append({"kind": item["kind"], "query": text, "shown": item["query"] + (" (NFD)" if item.get("nfd") else ""),
                        "right": right, "section": item.get("section")})
    return queries


def eval_project(dest: Path, years: int = 10) -> Path:
    """The ten-year corpus in a project copy, plus the search test pages; nav dropped."""
    generate(dest, years=years)
    for page in FIXTURES.glob("*.md"):
        shutil.copy(page, dest / "docs" / "quy-dinh" / page.name)
    for folder in (p for p in FIXTURES.iterdir() if p.is_dir()):
        shutil.copytree(folder, dest / "docs" / f"tk-{folder.name}")
    drop_nav(dest / "mkdocs.yml")
    return dest


def score(queries: list[dict], results: dict) -> dict:
    rows = []
    for q in queries:
        groups = results[q["query"]]
        ranked = ranked_pages(groups)
        seen: list[str] = []
        for page in ranked:
            if page not in seen:
                seen.append(page)
        top = seen[:DEPTH]
        rank = next((i + 1 for i, page in enumerate(top) if page in q["right"]), None)
        row = {**q, "rank": rank, "top": top}
        if q["section"] and rank:
            group = groups[ranked.index(top[rank - 1])]
            sections = [i for i in group if "#" in i["location"]]
            best = max(sections, key=lambda i: i["score"])["location"] if sections else ""
            anchor = best.split("#", 1)[1] if best else ""
            row["section_ok"] = anchor == q["section"] or anchor.startswith(q["section"] + "-")
            row["best_section"] = best
        rows.append(row)
    summary: dict[str, dict] = {}
    for kind in [*dict.fromkeys(r["kind"] for r in rows), "all"]:
        chosen = [r for r in rows if kind == "all" or r["kind"] == kind]
        n = len(chosen)
        summary[kind] = {
            "queries": n,
            "top1": sum(1 for r in chosen if r["rank"] == 1) / n,
            "top3": sum(1 for r in chosen if r["rank"] and r["rank"] <= 3) / n,
            "mrr": sum(1 / r["rank"] for r in chosen if r["rank"]) / n,
        }
    sections = [r for r in rows if r["section"]]
    if sections:
        summary["all"]["article_target"] = sum(1 for r in sections if r.get("section_ok")) / len(sections)
    return {"summary": summary, "rows": rows}


def run(site: Path, queries: list[dict]) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            with serve(site) as url:
                results = worker_results(browser, url, [q["query"] for q in queries])
        finally:
            browser.close()
    return score(queries, results)


def report(outcome: dict) -> None:
    print(f"{'kind':20} {'n':>3} {'top-1':>7} {'top-3':>7} {'MRR':>6}")
    for kind, s in outcome["summary"].items():
        print(f"{kind:20} {s['queries']:>3} {s['top1']:>7.1%} {s['top3']:>7.1%} {s['mrr']:>6.3f}")
    total = outcome["summary"]["all"]
    if "article_target" in total:
        print(f"article queries landing on the article's section: {total['article_target']:.0%}")
    met = all(total[key] >= goal for key, goal in GOAL.items())
    print(f"goal (top-1 >= 85 %, top-3 >= 97 %, MRR >= 0.90): {'met' if met else 'NOT met'}")
    misses = [r for r in outcome["rows"] if r["rank"] != 1 or (r["section"] and not r.get("section_ok"))]
    if misses:
        print("\nnot first (rank; first pages returned):")
        for r in misses:
            extra = f" best section {r.get('best_section')}" if r["section"] else ""
            print(f"  [{r['kind']}] {r['shown']!r}: rank {r['rank']}; {r['top'][:3]}{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built evaluation site")
    parser.add_argument("--keep", type=Path, help="build the evaluation project and site here (kept)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    queries = load_queries(args.queries)
    if args.site:
        outcome = run(args.site, queries)
    else:
        with tempfile.TemporaryDirectory(prefix="eval-search-") as tmp:
            base = args.keep or Path(tmp)
            project = eval_project(base / "project", args.years)
            site = base / "site"
            result = build_without_pdf(project, site)
            if result.returncode != 0:
                raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
            outcome = run(site, queries)
    report(outcome)
    if args.json:
        args.json.write_text(json.dumps(outcome, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
