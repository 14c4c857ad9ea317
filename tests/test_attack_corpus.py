"""The attack corpus of issue 19 (tests/attacks/corpus.py), each attack built into its own copy
of the project the way ``make site`` builds it (tests/attacks/harness.py ``build``):

- no marker of a withheld document and no withheld attachment (name or bytes) in any output:
  HTML, search index, sitemap, PDFs (pdftotext), and the offline zip for the attachment and
  front-matter classes;
- no document markup that acts in a browser (class e);
- the build succeeds, or fails with a Vietnamese message naming the file; never a traceback;
- cost: each attack answered within 10 s of the same run's plain build and in 500 MB.

tests/attacks/README.md records which ids failed on the old pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from attacks.corpus import Attack, attacks, write
from attacks.harness import Run, answer_problems, build, hits, injected, offline, outputs
from conftest import ROOT, copy_project

ATTACKS = {attack.id: attack for attack in attacks(ROOT)}
OFFLINE_CLASSES = {"a", "b"}  # the zip is built for these (the issue found it leaking there)
EXTRA_SECONDS = 10.0
MAX_RSS_MB = 500.0


class Built:
    def __init__(self, attack: Attack, site: Path, result: Run, texts: dict[str, str]) -> None:
        self.attack, self.site, self.result, self.texts = attack, site, result, texts


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

    def get(attack_id: str) -> Built:
        if attack_id not in cache:
            attack = ATTACKS[attack_id]
            root = workdir / attack_id
            project = copy_project(root / "project")
            write(attack, project)
            site = root / "site"
            result = build(project, site)
            roots = [site]
            if result.ok and attack.klass in OFFLINE_CLASSES:
                archive = root / "offline.zip"
                offline(project, archive)  # a failed zip leaves no archive: nothing to scan
                roots.append(archive)
            cache[attack_id] = Built(attack, site, result, outputs(*roots))
        return cache[attack_id]
    return get


def ids(*classes: str, withheld: bool | None = None) -> list:
    return [pytest.param(attack_id, id=attack_id) for attack_id, attack in ATTACKS.items()
            if attack.klass in classes and (withheld is None or attack.withheld == withheld)]


@pytest.mark.parametrize("attack_id", ids("a", "b", "c", "d", "f", withheld=True))
def test_no_withheld_marker_in_any_output(built, attack_id: str) -> None:
    outcome = built(attack_id)
    assert hits(outcome.texts, [outcome.attack.marker]) == []


@pytest.mark.parametrize("attack_id", ids("a"))
def test_no_withheld_attachment_in_any_output(built, attack_id: str) -> None:
    outcome = built(attack_id)
    attack = outcome.attack
    assert hits(outcome.texts, [attack.content_marker.decode()]) == []  # the file's bytes
    names = attack.attachment_tokens()
    published = [name for name in outcome.texts if any(token in name for token in names)]
    assert published == []  # the file itself, under any name
    if not attack.name_may_show:
        assert hits(outcome.texts, names) == []  # nor its name in a page, an index, a sitemap


@pytest.mark.parametrize("attack_id", ids("e"))
def test_no_document_markup_acts_in_a_page(built, attack_id: str) -> None:
    outcome = built(attack_id)
    assert injected(outcome.texts) == []
    assert hits(outcome.texts, ["root:x:0:0"]) == []  # template: ../../etc/passwd


@pytest.mark.parametrize("attack_id", ids(*"abcdef"))
def test_build_succeeds_or_names_the_file_in_vietnamese(built, attack_id: str) -> None:
    outcome = built(attack_id)
    names = [Path(name).name for name in outcome.attack.files]
    assert answer_problems(outcome.result, names) == [], outcome.result.output[-3000:]


@pytest.mark.parametrize("attack_id", ids(*"abcdef"))
def test_each_attack_is_answered_cheaply(built, baseline: Run, attack_id: str) -> None:
    result = built(attack_id).result
    assert result.returncode >= 0, "killed at the time cap"
    assert result.seconds <= baseline.seconds + EXTRA_SECONDS, (result.seconds, baseline.seconds)
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
