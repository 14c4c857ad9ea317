"""Helpers for the search tests: a fixture copy of the project, a static server, and a
driver for the site's own search worker inside Chromium."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from conftest import copy_project, run_build
from httpserve import serve  # noqa: F401 - re-exported for the search tests

FIXTURES = Path(__file__).parent / "fixtures" / "search"
_NAV = re.compile(r"^nav:\n(?:(?:[ \t]+.*|-.*)?\n)*", re.MULTILINE)


def fixture_project(dest: Path, fixtures: Path = FIXTURES) -> Path:
    """A copy of the project with the search fixture pages added.

    The regulation fixtures go to docs/quy-dinh/ (they are valid "quy-dinh" documents);
    plain pages in sub-folders go to docs/tk-<folder>/. The copy's explicit ``nav`` is
    dropped so MkDocs lists every page itself (no omitted-file warning in strict mode).
    """
    copy_project(dest)
    for page in fixtures.glob("*.md"):
        shutil.copy(page, dest / "docs" / "quy-dinh" / page.name)
    for folder in (p for p in fixtures.iterdir() if p.is_dir()):
        shutil.copytree(folder, dest / "docs" / f"tk-{folder.name}")
    drop_nav(dest / "mkdocs.yml")
    return dest


def drop_nav(config: Path) -> None:
    """Remove the explicit nav from a copied mkdocs.yml, so every page is listed."""
    text, count = _NAV.subn("", config.read_text(encoding="utf-8"))
    assert count == 1, "mkdocs.yml has no nav block where expected"
    config.write_text(text, encoding="utf-8")


def build_without_pdf(project: Path, site: Path):
    """``mkdocs build --strict`` as the tests run it, without the (slow) PDF outputs."""
    saved = os.environ.get("CHIBO_PDF")
    os.environ["CHIBO_PDF"] = "0"
    try:
        return run_build(project, site)
    finally:
        if saved is None:
            del os.environ["CHIBO_PDF"]
        else:
            os.environ["CHIBO_PDF"] = saved


def build_fixture_site(tmp: Path, fixtures: Path = FIXTURES) -> Path:
    project = fixture_project(tmp / "project", fixtures)
    site = tmp / "site"
    result = build_without_pdf(project, site)
    assert result.returncode == 0, f"fixture build failed:\n{result.stderr}"
    return site


# Runs in the page: start the worker the page's own __config names, feed it the built
# search_index.json exactly as Material's bundle does (SETUP = 0, READY = 1, QUERY = 2,
# RESULT = 3), then ask every query in turn.
_DRIVE_WORKER = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const worker = new Worker(new URL(config.search, location.href))
  const index = await (await fetch(new URL("search/search_index.json", new URL(config.base + "/", location.href)))).json()
  const errors = []
  worker.addEventListener("error", e => errors.push(String(e.message)))
  const next = () => new Promise(resolve =>
    worker.addEventListener("message", ev => resolve(ev.data), { once: true }))
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } })
  const ready = await next()
  if (ready.type !== 1) throw new Error("worker not ready: " + JSON.stringify(ready))
  const results = {}
  for (const query of queries) {
    worker.postMessage({ type: 2, data: query })
    const message = await next()
    results[query] = message.data.items.map(group => group.map(item => ({
      location: item.location, score: item.score, terms: item.terms,
      title: item.title, text: item.text })))
  }
  worker.terminate()
  return { results, errors, worker: config.search }
}"""


def worker_results(browser, base_url: str, queries: list[str]) -> dict[str, list[list[dict]]]:
    """Results of the site's own search worker, grouped by page as Material shows them."""
    page = browser.new_page()
    try:
        page.goto(base_url, wait_until="load")
        outcome = page.evaluate(_DRIVE_WORKER, queries)
    finally:
        page.close()
    assert outcome["errors"] == [], outcome["errors"]
    assert "/workers/search." in outcome["worker"]
    return outcome["results"]


def ranked_pages(groups: list[list[dict]]) -> list[str]:
    """Page locations in the order Material lists them (best group first)."""
    return [next(i["location"] for i in group if "#" not in i["location"]) for group in groups]


def best_section(group: list[dict]) -> str:
    """The highest-scoring section (location with an anchor) of a result group."""
    return max((item for item in group if "#" in item["location"]), key=lambda item: item["score"])["location"]
