"""Figures for members' phones (issue 22): ``python -m bench.phone [--markdown]`` (run by ``make bench``).

- storage of the offline copy (``ban-luu.json``: what a phone keeps after one visit, and with
  the PDFs after "Lưu để đọc khi không có mạng") for the real site and the ten-year corpus,
  both built with PDFs;
- Lighthouse mobile (performance, accessibility, best practices) of the home page and the
  plan page, served on http://127.0.0.1 (a secure context, so the service worker runs) with
  gzip, revalidation and the CSP of deploy/nginx/chibo.conf, as nginx serves them;
- the plan page's first-load weight (gzip) measured by the same browser.

Results: ``bench-results/phone.json``; with ``--markdown`` the block between the ``phone``
markers of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import re
import tempfile
import time
from pathlib import Path

from bench.corpus import ROOT, copy_project, generate
from bench.run import LIGHTHOUSE, QuietHandler, lighthouse_report, page_weight, pdf_build, serving
from chibo.rendering import offline_list

BEGIN = "<!-- phone:begin (written by bench/phone.py from bench-results/phone.json) -->"
END = "<!-- phone:end -->"
_GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/manifest+json")


@functools.lru_cache(maxsize=1)
def nginx_csp() -> str:
    """The policy deploy/nginx/chibo.conf sends with every HTML page."""
    conf = (ROOT / "deploy/nginx/chibo.conf").read_text(encoding="utf-8")
    return re.search(r'~\^text/html\s+"([^"]+)"', conf).group(1)


class NginxLikeHandler(QuietHandler):
    """Like the nginx config: gzip for text, "no-cache" (hashed Material files: a year), CSP on pages."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".webmanifest": "application/manifest+json", ".js": "application/javascript"}

    def send_head(self):  # noqa: ANN201 - stdlib signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or not kind.startswith(_GZIP_TYPES) or "gzip" not in self.headers.get(
                "Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", self.path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        if self.path.endswith(("/", ".html")):
            self.send_header("Content-Security-Policy", nginx_csp())
        super().end_headers()


def lighthouse(site: Path, page: str) -> dict | None:
    if not LIGHTHOUSE.exists() or not Path("/usr/bin/chromium").exists():
        return None
    with serving(site, NginxLikeHandler) as base:
        data = lighthouse_report(base + page, site.parent / "lighthouse-phone.json")
    scores = {name: round(category["score"] * 100) for name, category in data["categories"].items()}
    audits = data["audits"]
    scores["first_contentful_paint_ms"] = round(audits["first-contentful-paint"]["numericValue"])
    scores["largest_contentful_paint_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    scores["total_byte_weight"] = round(audits["total-byte-weight"]["numericValue"])
    failed = [key for key, audit in audits.items() if audit.get("score") is not None and audit["score"] < 0.9
              and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
    scores["audits_below_0_9"] = sorted(failed)
    return scores


def storage(site: Path) -> dict:
    listing = json.loads((site / offline_list.LIST_NAME).read_text(encoding="utf-8"))
    totals = offline_list.totals(listing)
    return {"files": totals.files, "pages_bytes": totals.pages_bytes, "pdfs": totals.pdfs,
            "pdf_bytes": totals.pdf_bytes, "html_pages": sum(1 for p, _, _ in listing["files"] if p.endswith(".html"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpus": os.cpu_count(),
                     "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="chibo-phone-") as tmp:
        work = Path(tmp)
        real = work / "real"
        copy_project(real, with_sources=False)
        pdf_build(real, {})
        site = real / "site-pdf"
        results["real_site"] = {"storage": storage(site),
                                "plan_page_first_load": page_weight(site, "ke-hoach/2022-ke-hoach-hoat-dong/"),
                                "lighthouse_home": lighthouse(site, ""),
                                "lighthouse_plan": lighthouse(site, "ke-hoach/2022-ke-hoach-hoat-dong/")}
        corpus = work / "corpus"
        pages = generate(corpus, years=args.years)
        pdf_build(corpus, {})
        results["corpus"] = {"years": args.years, "documents": len(pages), "storage": storage(corpus / "site-pdf")}
    results["load_after"] = os.getloadavg()[0]
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "phone.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.markdown:
        write_markdown(results, ROOT / "BENCHMARKS.md")


def _mib(value: int) -> str:
    return f"{value / 1048576:.1f} MiB"


def write_markdown(results: dict, path: Path) -> None:
    real, corpus = results["real_site"], results["corpus"]
    lines = ["## Members' phones (issue 22)", "",
             f"Run {results['date']} on {results['cpus']} CPUs, load average {results.get('load_before', 0):.1f} "
             f"before and {results.get('load_after', 0):.1f} after (Lighthouse's performance score falls with it) "
             "(`python -m bench.phone --markdown`, part of `make bench`). Storage is the sum of the files the service worker keeps (`ban-luu.json`); the "
             "browser's own overhead per cached response is not counted.", "",
             "| measure | real site | " + f"{corpus['years']}-year corpus ({corpus['documents']} documents) |",
             "|---|---|---|"]
    for label, key, count in (("kept after one visit (shell, pages, search)", "pages_bytes", "files"),
                              ("added by \"Lưu để đọc khi không có mạng\" (PDFs)", "pdf_bytes", "pdfs")):
        lines.append(f"| {label} | {_mib(real['storage'][key])} ({real['storage'][count]} files) | "
                     f"{_mib(corpus['storage'][key])} ({corpus['storage'][count]} files) |")
    lines.append(f"| whole copy | {_mib(real['storage']['pages_bytes'] + real['storage']['pdf_bytes'])} | "
                 f"{_mib(corpus['storage']['pages_bytes'] + corpus['storage']['pdf_bytes'])} |")
    weight = real["plan_page_first_load"]
    lines += ["", f"Plan page first load (gzip, every resource the browser fetched): "
                  f"{weight['gzip_bytes'] / 1024:,.0f} KiB in {weight['requests']} requests.", ""]
    for name in ("lighthouse_home", "lighthouse_plan"):
        scores = real.get(name)
        page = "home page" if name.endswith("home") else "plan page"
        if not scores:
            lines.append(f"- Lighthouse mobile, {page}: not measured (no Chromium or lighthouse in bench/node_modules).")
            continue
        lines.append(f"- Lighthouse 12.8.2 mobile, {page} (served on 127.0.0.1 with gzip and the nginx CSP): "
                     f"performance {scores['performance']}, accessibility {scores['accessibility']}, best practices "
                     f"{scores['best-practices']}; FCP {scores['first_contentful_paint_ms']} ms, LCP "
                     f"{scores['largest_contentful_paint_ms']} ms, {scores['total_byte_weight'] / 1024:,.0f} KiB; "
                     f"audits below 0.9: {', '.join(scores['audits_below_0_9']) or 'none'}.")
    lines += ["- Installability: Lighthouse 12 has no PWA audit any more; Chromium's own check "
              "(`Page.getInstallabilityErrors`) reports no error but \"in-incognito\" "
              "(tests/test_offline_phone.py)."]
    block = BEGIN + "\n" + "\n".join(lines) + "\n" + END
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
