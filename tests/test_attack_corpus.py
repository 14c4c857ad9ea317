"""The attack corpus of issue 19 (tests/attacks/corpus.py), each attack built into its own copy
of the project the way ``make site`` builds it (tests/attacks/harness.py ``build``):

- no marker of a withheld document and no withheld attachment (name or bytes) in any output:
  HTML, search index, sitemap, PDFs (pdftotext), and the offline zip for the attachment and
  front-matter classes;
- no document markup that acts in a browser (class e);
- the build succeeds, or fails with a Vietnamese message naming the file; never a traceback;
- cost: each attack answered within 10 s (CPU) of the same run's plain build and in 500 MB;
  the build is killed after 120 s and capped at 2 GB of address space.

tests/attacks/README.md records which ids failed on the old pipeline.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from attacks.corpus import EVIL, Attack, attacks, write
from attacks.harness import Run, answer_problems, build, hits, injected, offline, outputs
from conftest import ROOT, copy_project

ATTACKS = {attack.id: attack for attack in attacks(ROOT)}
# The offline zip is another whole build: made for one attack of each kind the issue found in it.
OFFLINE = {"a01-windows-copy-name", "a07-img-src-entity", "a16-unreferenced-next-to-confidential",
           "b01-indented-closer"}
EXTRA_SECONDS = 10.0
MAX_RSS_MB = 500.0


class Built:
    """One attack built; what the scans found (the texts themselves are not kept)."""

    def __init__(self, attack: Attack, site: Path, result: Run, texts: dict[str, str]) -> None:
        self.attack, self.site, self.result = attack, site, result
        tokens = attack.attachment_tokens()
        self.marker_hits = hits(texts, [attack.marker])
        self.content_hits = hits(texts, [attack.content_marker.decode()])
        self.named_files = [name for name in texts if any(token in name for token in tokens)]
        self.name_hits = hits(texts, tokens) if tokens else []
        self.injected = injected(texts)
        self.passwd = hits(texts, ["root:x:0:0"])

    def summary(self) -> dict:
        return {"id": self.attack.id, "returncode": self.result.returncode,
                "seconds": round(self.result.seconds, 1), "cpu_seconds": round(self.result.cpu_seconds, 1), "max_rss_mb": round(self.result.max_rss_mb),
                "marker_in": sorted({name for name, _ in self.marker_hits})[:5],
                "attachment_in": sorted({name for name, _ in self.content_hits} | set(self.named_files))[:5],
                "injected": self.injected[:3],
                "messages": [line for line in self.result.output.splitlines()
                             if "ERROR" in line or "Error" in line or "lỗi" in line.lower()][:6]}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("attacks")


@pytest.fixture(scope="module")
def baseline(workdir: Path) -> Run:
    """The unattacked project, built in the same run: the yardstick of the cost test."""
    project = copy_project(workdir / "baseline" / "project")
    result = build(project, workdir / "baseline" / "site")
    assert result.ok, result.output
    return result


@pytest.fixture(scope="module")
def built(workdir: Path):
    cache: dict[str, Built] = {}
    summary = Path(os.environ.get("ATTACK_SUMMARY", workdir / "summary.jsonl"))

    def get(attack_id: str) -> Built:
        if attack_id not in cache:
            attack = ATTACKS[attack_id]
            root = workdir / attack_id
            project = copy_project(root / "project")
            write(attack, project)
            site = root / "site"
            result = build(project, site)
            roots = [site]
            if result.ok and attack_id in OFFLINE:
                archive = root / "offline.zip"
                offline(project, archive)  # a failed zip leaves no archive: nothing to scan
                roots.append(archive)
            cache[attack_id] = Built(attack, site, result, outputs(*roots))
            with summary.open("a", encoding="utf-8") as out:
                out.write(json.dumps(cache[attack_id].summary(), ensure_ascii=False) + "\n")
        return cache[attack_id]
    return get


# Leaks of the staged pipeline as first merged (Dec 2026), found by this corpus: strict xfail, so
# that a fix turns them into failures until the mark is removed.
# Attacks that leaked on the staged pipeline when the corpus was written, all fixed since
# (the reference parser reads textarea/xmp/noembed as text; nested, fullwidth, commented,
# TOML and "công khai: không" / "phân loại: Mật" protection is read): none left.
STAGED_LEAKS: dict[str, str] = {}


def ids(*classes: str, withheld: bool | None = None, known: dict[str, str] | None = None) -> list:
    params = []
    for attack_id, attack in ATTACKS.items():
        if attack.klass in classes and (withheld is None or attack.withheld == withheld):
            marks = [pytest.mark.xfail(strict=True, reason=known[attack_id])] if known and attack_id in known else []
            params.append(pytest.param(attack_id, id=attack_id, marks=marks))
    return params


@pytest.mark.parametrize("attack_id", ids("a", "b", "c", "d", "f", withheld=True, known=STAGED_LEAKS))
def test_no_withheld_marker_in_any_output(built, attack_id: str) -> None:
    assert built(attack_id).marker_hits == []


@pytest.mark.parametrize("attack_id", ids("a", known=STAGED_LEAKS))
def test_no_withheld_attachment_in_any_output(built, attack_id: str) -> None:
    outcome = built(attack_id)
    assert outcome.content_hits == []  # the file's bytes
    if not outcome.attack.name_may_show:  # (else a public file or page carries the same name)
        assert outcome.named_files == []  # the file itself, under any name
        assert outcome.name_hits == []  # nor its name in a page, an index, a sitemap


@pytest.mark.parametrize("attack_id", ids("e"))
def test_no_document_markup_acts_in_a_page(built, attack_id: str) -> None:
    outcome = built(attack_id)
    assert outcome.injected == []
    assert outcome.passwd == []  # template: ../../etc/passwd


@pytest.mark.parametrize("attack_id", ids(*"abcdef"))
def test_build_succeeds_or_names_the_file_in_vietnamese(built, attack_id: str) -> None:
    outcome = built(attack_id)
    names = [Path(name).name for name in outcome.attack.files]
    assert answer_problems(outcome.result, names) == [], outcome.result.output[-3000:]


@pytest.mark.parametrize("attack_id", ids(*"abcdef"))
def test_each_attack_is_answered_cheaply(built, baseline: Run, attack_id: str) -> None:
    result = built(attack_id).result
    assert result.returncode >= 0, "killed at the time cap"
    # CPU time, not wall time: two agents' builds on the same two cores must not make it flaky.
    assert result.cpu_seconds <= baseline.cpu_seconds + EXTRA_SECONDS, (result.cpu_seconds, baseline.cpu_seconds)
    assert result.max_rss_mb <= MAX_RSS_MB, result.max_rss_mb


def test_the_scan_can_fail(tmp_path: Path) -> None:
    """The checks above find what they look for: a plain copy of an attack's markers is found."""
    attack = ATTACKS["a07-img-src-entity"]
    site = tmp_path / "site"
    (site / "ke-hoach").mkdir(parents=True)
    (site / "ke-hoach" / "tepa07.png").write_bytes(b"x" + attack.content_marker)
    (site / "search_index.json").write_text('{"text": "atka07q19"}', encoding="utf-8")
    texts = outputs(site)
    assert {word for _, word in hits(texts, [attack.marker, attack.content_marker.decode()])} == {
        attack.marker, attack.content_marker.decode()}
    assert any("tepa07" in name for name in texts)
    page = '<meta http-equiv="Refresh" content="0;url=https://evil.example/EVILQ19"><img src=x onerror="EVILQ19">'
    assert len(injected({"x.html": page})) == 2
    assert injected({"x.html": "&lt;script&gt;EVILQ19&lt;/script&gt;"}) == []


def pages_to_visit(outcome: Built) -> list[str]:
    """The home page, the plans' index (class a writes into it), the attack's own pages and
    every page where its marker or injected markup landed."""
    site = outcome.site
    chosen = {"index.html", "ke-hoach/index.html"}
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if outcome.attack.marker in text or EVIL in text:
            chosen.add(path.relative_to(site).as_posix())
    return sorted(name for name in chosen if (site / name).is_file())


@pytest.mark.parametrize("attack_id", ids(*"abcdef"))
def test_no_dialog_and_no_navigation_away_in_a_browser(built, browser, attack_id: str) -> None:
    from urllib.parse import urlsplit

    from httpserve import serve

    outcome = built(attack_id)
    if not outcome.result.ok:
        assert not outcome.site.exists()  # refused: nothing was published
        return
    events: list[str] = []

    def away(url: str) -> bool:
        return not url.startswith(base) and url != "about:blank"

    with serve(outcome.site) as base:
        context = browser.new_context()
        try:
            def route(request_route) -> None:
                url = request_route.request.url
                if urlsplit(url).hostname == "127.0.0.1" or url.startswith("data:"):
                    request_route.continue_()
                else:
                    events.append(f"request to {url}")
                    request_route.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message!r}"), dialog.dismiss()))
            page.on("framenavigated", lambda frame: events.append(f"navigated to {frame.url}")
                    if away(frame.url) else None)
            visited = pages_to_visit(outcome)
            assert "index.html" in visited
            for name in visited:
                page.goto(base + name, wait_until="load")
                page.wait_for_timeout(400)  # a refresh of 0 s or an onerror fires by then
                if away(page.url):
                    events.append(f"{name} ended on {page.url}")
        finally:
            context.close()
    assert sorted(set(events)) == []
