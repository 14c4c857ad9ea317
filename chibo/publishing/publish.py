"""Publish the built site to a web root atomically, roll back, and make the offline copy.

No MkDocs import: MkDocs runs as a subprocess, exactly as ``make site`` runs it.

The command line is ``chibo.commands.publish``.

Layout of a web root DEST (e.g. /var/www/chibo, the path the web server serves)::

    /var/www/chibo                  -> .chibo.releases/20261125-171500-123456   (symlink)
    /var/www/.chibo.releases/
        20261125-171500-123456/      the live version
        20261120-090000-654321/      the previous version
        previous                     -> 20261120-090000-654321   (symlink)
        .staging-.../                a build in progress (removed when it fails)
        .lock

A publish builds into a fresh staging directory next to the releases, validates it, renames
it into place and only then switches DEST with ``os.replace`` of a temporary symlink: one
atomic rename(2). Until that call the live site is untouched, whatever happens (failed
build, failed check, SIGKILL, power cut); after it the new, complete version is live. The
release directories sit outside DEST, so the web server never serves them.

For tests only, CHIBO_PUBLISH_PAUSE=<step> makes the process print "chibo-publish: step
<step>" on stderr and wait there (to be killed): steps are building, built, validated,
promoted, swapped.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

import yaml

from chibo.document.attachments import withheld_attachments
from chibo.document.config import MkDocsYamlLoader
from chibo.document.frontmatter import is_page
from chibo.document.model import load
from chibo.document.snapshot import digest
from chibo.publishing import pipeline
from chibo.publishing.pipeline import BuildError, Built, SourcesChanged
from chibo.publishing.csp import split_scripts, theme_script_patterns
from chibo.document.visibility import is_withheld
from chibo.rendering.book import WHOLE_FILE

ROOT = Path(__file__).resolve().parents[2]
PAUSE_ENV = "CHIBO_PUBLISH_PAUSE"
OFFLINE_NAME = "van-ban-chi-bo"
NGINX_CONF = Path("deploy/nginx/chibo.conf")


# A publish, rollback or offline build that stopped; the message is for the user.
PublishError = BuildError


SNAPSHOT_ENV = "CHIBO_SNAPSHOT_MANIFEST"  # hooks/snapshot.py writes the built sources' sha256 there
_LAST_BUILT: dict[Path, Built] = {}  # the fingerprints of a build, for scanning what is made of it


# --- reading mkdocs.yml without MkDocs --------------------------------------------------

_TolerantLoader = MkDocsYamlLoader  # custom tags (!ENV, !!python/name) become None


@dataclass
class ProjectConfig:
    docs_dir: Path
    use_directory_urls: bool = True
    hooks: list[str] = field(default_factory=list)
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, project: Path) -> ProjectConfig:
        data = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        plugins: dict[str, dict[str, Any]] = {}
        for entry in data.get("plugins") or []:
            if isinstance(entry, str):
                plugins[entry] = {}
            elif isinstance(entry, dict):
                for name, options in entry.items():
                    plugins[name] = options or {}
        return cls(
            docs_dir=project / (data.get("docs_dir") or "docs"),
            use_directory_urls=data.get("use_directory_urls", True) is not False,
            hooks=[str(h) for h in data.get("hooks") or []],
            plugins=plugins,
        )


# --- what the build must contain --------------------------------------------------------

@dataclass
class SourcePage:
    src: str  # path under docs/, POSIX
    url: str  # site URL relative to the root ("" for the home page)
    output: str  # output file relative to the site directory
    meta: dict[str, Any]
    text: str = ""

    @property
    def is_document(self) -> bool:
        return bool(self.meta.get("loai"))


def page_location(src: str, directory_urls: bool) -> tuple[str, str]:
    """(url, output file) of a Markdown page, by MkDocs' rules."""
    path = PurePosixPath(src)
    parent = "" if str(path.parent) == "." else f"{path.parent}/"
    if path.stem in ("index", "README"):
        return (parent if directory_urls else f"{parent}index.html"), f"{parent}index.html"
    if directory_urls:
        return f"{parent}{path.stem}/", f"{parent}{path.stem}/index.html"
    return f"{parent}{path.stem}.html", f"{parent}{path.stem}.html"


def source_pages(docs_dir: Path, directory_urls: bool,
                 digests: Mapping[str, str] | None = None) -> tuple[list[SourcePage], list[SourcePage]]:
    """(published, withheld) pages of the docs directory.

    ``digests``: sha256 of the sources the build read (its snapshot); a page whose bytes
    differ now raises :class:`SourcesChanged`, so the check never judges other bytes
    than the ones that were built.
    """
    published, withheld = [], []
    changed = set()
    files = sorted(path for path in docs_dir.rglob("*") if path.is_file() and is_page(path.name))
    if digests is not None:
        on_disk = {file.relative_to(docs_dir).as_posix() for file in files}
        changed |= {src for src in digests if is_page(src)} ^ on_disk
    for file in files:
        src = file.relative_to(docs_dir).as_posix()
        raw = file.read_bytes()
        if digests is not None and digests.get(src) != digest(raw):
            changed.add(src)
        url, output = page_location(src, directory_urls)
        page = SourcePage(src, url, output, load(raw, src).meta, raw.decode("utf-8", "replace"))
        (withheld if is_withheld(page.meta) else published).append(page)
    if changed:
        raise SourcesChanged(changed)
    return published, withheld


class _Links(HTMLParser):
    """href/src of every element of a page, and the text of its inline scripts."""

    RESOURCE_TAGS = {"script", "img", "source", "iframe", "audio", "video", "embed", "track", "link"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.links.append((tag, str(values[name])))
        if tag == "script" and "src" not in values and values.get("type") in (None, "", "text/javascript", "module"):
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def parse_html(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def inline_script_hashes(site: Path) -> set[str]:
    """CSP source expressions ('sha256-...') of every inline script in the site."""
    hashes = set()
    for page in site.rglob("*.html"):
        for script in parse_html(page).scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return hashes


@dataclass
class Expectations:
    directory_urls: bool = True
    site_url: str | None = None
    offline: bool = False
    document_pdfs: bool = False  # every document page links to its own PDF
    book_pdf: str | None = None  # the site-wide PDF book, relative to the site directory


def _resolve(site: Path, page: Path, url: str, site_prefix: str) -> Path | None:
    """The file a local link points to (not checked for existence); None for other links."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return None
    path = unquote(parts.path)
    if parts.scheme or parts.netloc:
        return None
    if not path:
        return None  # "#anchor" or "?query"
    if path.startswith("/"):
        if not path.startswith(site_prefix):
            return site / "__outside_the_site__" / path.lstrip("/")
        return site / path[len(site_prefix):]
    return page.parent / path


def check_site(site: Path, project: Path, expect: Expectations,
               digests: Mapping[str, str] | None = None) -> list[str]:
    """Everything wrong with a built site, as Vietnamese sentences (empty list: all good).

    ``digests``: the build's snapshot (see :func:`source_pages`).
    """
    config = ProjectConfig.read(project)
    published, withheld = source_pages(config.docs_dir, expect.directory_urls, digests)
    problems: list[str] = []
    site_prefix = urlsplit(expect.site_url).path if expect.site_url else "/"
    if not site_prefix.endswith("/"):
        site_prefix += "/"

    for name in ("index.html", "404.html", "sitemap.xml"):
        if not (site / name).is_file():
            problems.append(f"thiếu tệp {name}")
    for page in published:
        output = site / page.output
        if not output.is_file() or b"</html>" not in output.read_bytes()[-4096:]:
            problems.append(f"thiếu trang {page.output} (của {page.src}) hoặc trang không trọn vẹn")
    for page in withheld:
        if (site / page.output).exists():
            problems.append(f"văn bản không được đăng {page.src} vẫn có trong trang web ({page.output})")
    pages = {page.src: page.text for page in published + withheld}
    for path, linking in sorted(withheld_attachments(pages, {page.src for page in withheld}).items()):
        if (site / path).exists():
            problems.append(f"tệp {path}, chỉ văn bản không được đăng ({', '.join(sorted(linking))}) "
                            "dẫn tới, vẫn có trong trang web")

    # Search: the index exists and lists every published page, and no withheld one.
    index_file = site / "search" / "search_index.json"
    try:
        locations = {str(d.get("location", "")).split("#")[0]
                     for d in json.loads(index_file.read_text(encoding="utf-8"))["docs"]}
    except (OSError, ValueError, KeyError, TypeError):
        problems.append("thiếu hoặc hỏng chỉ mục tìm kiếm search/search_index.json")
        locations = set()
    if locations:
        for page in published:
            search_meta = page.meta.get("search")
            excluded = isinstance(search_meta, dict) and search_meta.get("exclude") is True
            if not excluded and page.url not in locations:
                problems.append(f"trang {page.src} không có trong chỉ mục tìm kiếm")
        for page in withheld:
            if page.url in locations:
                problems.append(f"văn bản không được đăng {page.src} có trong chỉ mục tìm kiếm")
    if expect.offline:
        script = site / "search" / "search_index.js"
        if not script.is_file() or not script.read_text(encoding="utf-8")[:40].startswith("var __index"):
            problems.append("bản ngoại tuyến thiếu search/search_index.js (tìm kiếm khi mở từ file://)")

    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        for page in withheld:
            if page.url and f"/{page.url}<" in text:
                problems.append(f"văn bản không được đăng {page.src} có trong sitemap.xml")
        if expect.site_url:
            for loc in re.findall(r"<loc>([^<]*)</loc>", text):
                if not loc.startswith(expect.site_url):
                    problems.append(f"sitemap.xml có địa chỉ {loc} không thuộc {expect.site_url}")
                    break

    # Every link and resource of every page is there (pages, assets, PDFs).
    by_output = {page.output: page for page in published}
    missing: dict[str, str] = {}
    patterns = theme_script_patterns(project)
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        parsed = parse_html(html)
        links = parsed.links
        _, foreign = split_scripts(parsed.scripts, patterns)
        for script in foreign[:1]:
            problems.append(f"{relative} có đoạn mã nội tuyến không phải của giao diện (có thể đến từ một "
                            f"văn bản): {script.strip()[:60]!r}; không đăng trang có mã lạ")
        pdf_linked = False
        for tag, url in links:
            if expect.site_url and url.startswith(expect.site_url):
                url = site_prefix + url[len(expect.site_url):]
            target = _resolve(site, html, url, site_prefix)
            if target is None:
                if tag in _Links.RESOURCE_TAGS and tag != "link" and urlsplit(url).netloc:
                    problems.append(f"{relative} tải {url} từ máy khác")
                continue
            if target.is_dir() or url.endswith("/"):
                if expect.offline:
                    problems.append(f"{relative}: liên kết {url} tới thư mục không mở được từ file://")
                target = target / "index.html"
            if not target.is_file():
                if target.suffix == ".pdf" and not (expect.document_pdfs or expect.book_pdf):
                    continue  # PDFs switched off for this build (CHIBO_PDF=0)
                missing.setdefault(url if url.startswith("/") else f"{relative} -> {url}", relative)
            elif target.suffix == ".pdf":
                pdf_linked = True
        page = by_output.get(relative)
        if expect.document_pdfs and page is not None and page.is_document and not pdf_linked:
            problems.append(f"trang văn bản {page.src} không có tệp PDF")
    for where in sorted(missing)[:20]:
        problems.append(f"liên kết hỏng: {where}")
    if len(missing) > 20:
        problems.append(f"... và {len(missing) - 20} liên kết hỏng khác")

    if expect.book_pdf and not (site / expect.book_pdf).is_file():
        problems.append(f"thiếu tệp PDF toàn bộ văn bản {expect.book_pdf}")
    for pdf in sorted(site.rglob("*.pdf")):
        with pdf.open("rb") as handle:
            if handle.read(5) != b"%PDF-" or pdf.stat().st_size < 1000:
                problems.append(f"tệp PDF hỏng: {pdf.relative_to(site).as_posix()}")
    return problems


def expectations(project: Path, env: Mapping[str, str], *, site_url: str | None, offline: bool) -> Expectations:
    """What this project's build must produce, given the environment the build runs in."""
    config = ProjectConfig.read(project)
    pdf_on = env.get("CHIBO_PDF", "1") == "1"
    book_on = pdf_on and "hooks/pdf_book.py" in config.hooks and "hooks/pdf.py" in config.hooks
    return Expectations(
        directory_urls=config.use_directory_urls and not offline,
        site_url=site_url,
        offline=offline,
        document_pdfs=pdf_on and "hooks/pdf.py" in config.hooks,
        book_pdf=f"pdf/{WHOLE_FILE}" if book_on else None,  # hooks/pdf_book.py
    )


# --- building ---------------------------------------------------------------------------

def pause(step: str) -> None:
    """Test hook: wait at this step, to be killed (see the module docstring)."""
    if os.environ.get(PAUSE_ENV) == step:
        print(f"chibo-publish: step {step}", file=sys.stderr, flush=True)
        while True:
            time.sleep(60)


def build_env(site_url: str | None, offline: bool) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("CHIBO_PDF", "1")
    env["CHIBO_OFFLINE"] = "true" if offline else "false"
    if site_url:
        env["SITE_URL"] = site_url
    else:
        env.pop("SITE_URL", None)
    return env


def build_and_check(project: Path, site_dir: Path, env: Mapping[str, str], expect: Expectations) -> list[str]:
    """Build, then check the build against the very bytes it was built from. A source saved
    during the build (or between the build and the check) makes it build again."""
    def check(built: Built) -> list[str]:
        pause("built")
        problems = check_site(site_dir, project, expect, built.digests)
        _LAST_BUILT[site_dir] = built
        return problems

    return pipeline.build_until_stable(project, site_dir, env, check, say=say,
                                       on_start=lambda process: pause("building"))


def normalise_site_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PublishError(f"SITE_URL \"{url}\" không hợp lệ; ví dụ đúng: https://intranet/chibo/")
    return url if url.endswith("/") else url + "/"


def csp_warnings(site: Path, project: Path) -> list[str]:
    """The theme's inline scripts the shipped nginx CSP does not allow (a warning: the site
    still works in a web server configured otherwise). Only the theme's own scripts
    (``chibo.publishing.csp``) are ever proposed; any other script fails ``check_site``."""
    conf = project / NGINX_CONF
    if not conf.is_file():
        return []
    allowed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", conf.read_text(encoding="utf-8")))
    patterns = theme_script_patterns(project)
    theme = set()
    for page in site.rglob("*.html"):
        theme |= split_scripts(parse_html(page).scripts, patterns)[0]
    extra = sorted(theme - allowed)
    if not extra:
        return []
    return [f"cảnh báo: {NGINX_CONF} chưa cho phép {len(extra)} đoạn mã nội tuyến của trang "
            f"(Content-Security-Policy); thêm vào script-src: {' '.join(extra)}"]


# --- the web root -----------------------------------------------------------------------

@dataclass
class WebRoot:
    dest: Path

    @property
    def releases(self) -> Path:
        return self.dest.parent / f".{self.dest.name}.releases"

    @property
    def previous_link(self) -> Path:
        return self.releases / "previous"

    def current(self) -> Path | None:
        if not self.dest.is_symlink():
            return None
        target = self.dest.parent / os.readlink(self.dest)
        return target if target.is_dir() else None

    def previous(self) -> Path | None:
        if not self.previous_link.is_symlink():
            return None
        target = self.releases / os.readlink(self.previous_link)
        return target if target.is_dir() else None

    @contextmanager
    def locked(self, *, create: bool = True) -> Iterator[None]:
        """Hold the releases folder's lock. A refused or failed first run leaves no folder
        behind; ``create=False`` (rollback) never makes one."""
        if not self.dest.parent.is_dir():
            raise PublishError(f"Thư mục chứa DEST ({self.dest.parent}) chưa có; hãy tạo nó hoặc chọn DEST khác.")
        if not create and not self.releases.is_dir():
            raise PublishError(f"Không có phiên bản trước để quay lại cho {self.dest}.")
        made = not self.releases.exists()
        self.releases.mkdir(exist_ok=True)
        try:
            with open(self.releases / ".lock", "w") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise PublishError(f"Đang có một lần đăng hoặc quay lại khác cho {self.dest}; "
                                       "hãy đợi nó xong rồi thử lại.") from None
                yield
        finally:
            if made and all(entry.name == ".lock" for entry in self.releases.iterdir()):
                shutil.rmtree(self.releases, ignore_errors=True)

    def refuse_inside(self, project: Path) -> None:
        """DEST inside the project (``DEST=site``, ``docs/x``) or holding it: builds would
        write through the symlink into the live release."""
        dest = self.dest.parent.resolve() / self.dest.name
        home = project.resolve()
        if dest == home or home in dest.parents or dest in home.parents:
            raise PublishError(f"DEST={self.dest} nằm trong (hoặc chứa) thư mục mã nguồn {home}; hãy chọn một thư "
                               "mục của máy chủ web ở ngoài, ví dụ DEST=/var/www/chibo.")

    def refuse_foreign_link(self) -> None:
        """DEST a symlink this command did not make (``/var/www/chibo -> /srv/chibo``):
        publishing would replace it and rollback would then find nothing; DG001."""
        if not self.dest.is_symlink():
            return
        target = os.path.normpath(os.path.join(self.dest.parent, os.readlink(self.dest)))
        if os.path.dirname(target) != os.path.normpath(self.releases) or os.path.basename(target).startswith("."):
            raise PublishError(
                f"DG001 {self.dest} là một liên kết (symlink) tới {os.readlink(self.dest)}, không phải liên kết do "
                f"lệnh đăng tạo ra; không đăng và không quay lại qua nó. Hãy chỉ DEST là chính thư mục máy chủ web "
                f"phục vụ (ví dụ DEST={os.path.realpath(self.dest)}), hoặc đổi tên liên kết này rồi chạy lại.")

    def check_dest(self) -> None:
        self.refuse_foreign_link()
        if self.dest.is_symlink() or not self.dest.exists():
            return
        if self.dest.is_dir() and not any(self.dest.iterdir()):
            self.dest.rmdir()  # an empty placeholder: nothing is being served yet
            return
        raise PublishError(
            f"{self.dest} đã có và không phải là liên kết do lệnh này tạo ra. Để đăng an toàn, "
            f"hãy đổi tên nó (ví dụ: mv {self.dest} {self.dest}.cu) rồi chạy lại; "
            "hoặc chọn DEST khác.")

    @staticmethod
    def point(link: Path, target: str) -> None:
        """Make ``link`` a symlink to ``target`` atomically (rename of a temporary symlink)."""
        temporary = link.parent / f".{link.name}.tmp-{os.getpid()}"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        os.symlink(target, temporary)
        os.replace(temporary, link)

    def switch_to(self, release: Path) -> None:
        self.point(self.dest, os.path.relpath(release, self.dest.parent))

    def remember_previous(self, release: Path) -> None:
        self.point(self.previous_link, release.name)

    def clean(self, keep: Iterable[Path]) -> None:
        """Remove every release and staging directory except the kept ones."""
        kept = {path.resolve() for path in keep}
        for entry in self.releases.iterdir():
            if entry.is_symlink() or not entry.is_dir() or entry.resolve() in kept:
                continue
            shutil.rmtree(entry, ignore_errors=True)
        for stray in self.dest.parent.glob(f".{self.dest.name}.tmp-*"):
            if stray.is_symlink():
                stray.unlink()


def release_name() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def publish(dest: Path, *, project: Path = ROOT, site_url: str | None = None) -> Path:
    """Build, check and switch DEST to the new version; returns the new release directory."""
    site_url = normalise_site_url(site_url)
    root = WebRoot(dest.absolute())
    root.refuse_inside(project)
    root.check_dest()
    with root.locked():
        current = root.current()
        root.clean(keep=[p for p in (current, root.previous()) if p is not None])
        name = release_name()
        staging = root.releases / f".staging-{name}"
        env = build_env(site_url, offline=False)
        say(f"Dựng trang vào thư mục tạm {staging} ...")
        try:
            problems = build_and_check(project, staging, env,
                                       expectations(project, env, site_url=site_url, offline=False))
            if problems:
                for problem in problems:
                    say(f"LỖI: {problem}")
                raise PublishError(f"Bản dựng mới có {len(problems)} lỗi nên không được đăng.")
            for warning in csp_warnings(staging, project):
                say(warning)
            pause("validated")
            release = root.releases / name
            os.sync()  # the new files are on disk before any link points at them
            staging.rename(release)
        except BaseException as error:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(error, PublishError):
                raise PublishError(f"{error} Trang đang chạy tại {root.dest} không bị thay đổi.") from None
            raise
        pause("promoted")
        if current is not None:
            root.remember_previous(current)
        root.switch_to(release)
        pause("swapped")
        root.clean(keep=[release] + ([current] if current is not None else []))
    say(f"Đã đăng phiên bản {release.name} tại {root.dest}"
        + (f" (địa chỉ {site_url})" if site_url else "") + ".")
    if current is not None:
        say(f"Phiên bản trước ({current.name}) vẫn được giữ; muốn quay lại: make rollback DEST={dest}")
    return release


def rollback(dest: Path, *, project: Path = ROOT) -> Path:
    """Switch DEST back to the previous version (running it again undoes the rollback)."""
    root = WebRoot(dest.absolute())
    root.refuse_inside(project)
    root.refuse_foreign_link()
    with root.locked(create=False):
        current, previous = root.current(), root.previous()
        if previous is None or previous == current:
            raise PublishError(f"Không có phiên bản trước để quay lại cho {root.dest}.")
        if not (previous / "index.html").is_file():
            raise PublishError(f"Phiên bản trước {previous} không trọn vẹn; không quay lại.")
        root.switch_to(previous)
        if current is not None:
            root.remember_previous(current)
    say(f"Đã quay lại phiên bản {previous.name} tại {root.dest}."
        + (f" Chạy lại lệnh này để trở về phiên bản {current.name}." if current is not None else ""))
    return previous


def offline(output: Path, *, project: Path = ROOT) -> Path:
    """A zip of the site that opens from file:// (Material's offline plugin), search included."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    env = build_env(None, offline=True)
    with tempfile.TemporaryDirectory(prefix=".offline-", dir=output.parent) as work:
        site = Path(work) / OFFLINE_NAME
        say(f"Dựng bản ngoại tuyến vào thư mục tạm {site} ...")
        problems = build_and_check(project, site, env, expectations(project, env, site_url=None, offline=True))
        if problems:
            for problem in problems:
                say(f"LỖI: {problem}")
            raise PublishError(f"Bản ngoại tuyến có {len(problems)} lỗi nên không được tạo.")
        partial = Path(work) / "partial.zip"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for file in sorted(site.rglob("*")):
                if file.is_file():
                    archive.write(file, f"{OFFLINE_NAME}/{file.relative_to(site).as_posix()}")
        pipeline.scan_archive(partial, _LAST_BUILT.pop(site))
        os.replace(partial, output)
    say(f"Đã tạo bản ngoại tuyến {output} ({output.stat().st_size / 1e6:.1f} MB). Giải nén rồi mở "
        f"tệp {OFFLINE_NAME}/index.html bằng trình duyệt (máy tính hoặc điện thoại).")
    return output
