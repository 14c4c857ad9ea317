"""MkDocs hook: the site on a member's phone: installable, and readable without the network.

Thin adapter over ``chibo.rendering.webapp`` (manifest, icons) and
``chibo.rendering.offline_list`` (the list of the built site's files the service worker keeps).
The worker itself is ``overrides/sw.js`` (served from the site's root, so its scope is the
whole site), the page side ``overrides/assets/javascripts/ban-luu.js`` (a file, never an
inline script: the nginx CSP allows no inline script of ours), the iPhone tags
``overrides/main.html``; the page "Cài lên điện thoại" (``chibo.rendering.install_page``). The list is written last, from what the build wrote to site_dir.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from chibo.rendering import install_page, month, offline_list, webapp
from chibo.rendering.regulation_page import relative_link

SCRIPT = "assets/javascripts/ban-luu.js"
STYLESHEET = "assets/stylesheets/ban-luu.css"


_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # "make serve": no worker, whose copy would show the secretary the page as it was before the save
    if not _serving and SCRIPT not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(SCRIPT)
    if STYLESHEET not in [str(sheet) for sheet in config.extra_css]:
        config.extra_css.append(STYLESHEET)
    config.extra["ung_dung"] = {"ten_ngan": webapp.SHORT_NAME, "mau": webapp.PARTY_RED,
                                "manifest": webapp.MANIFEST_NAME,
                                "icon_iphone": f"{webapp.ICON_DIR}/apple-touch-icon-180.png"}
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    def add(src: str, content: str | bytes) -> None:
        files.append(File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))

    add(webapp.MANIFEST_NAME, webapp.manifest(config.site_name, config.site_description or ""))
    for src, png in webapp.icons().items():
        add(src, png)
    site_url = config.site_url or ""
    if site_url:
        add(install_page.QR_FILE, install_page.qr_svg(site_url.rstrip("/") + "/"))
    page = install_page.page(site_url, relative_link(install_page.PAGE), calendar=f"{month.FOLDER}/{month.ICS_NAME}",
                             home="index.md", meetings=f"{month.FOLDER}/index.md")
    files.append(File.generated(config, install_page.PAGE, content=page))  # in the nav (mkdocs.yml)
    return files


def _search_langs(config: MkDocsConfig) -> tuple[str, ...]:
    for name, plugin in config.plugins.items():
        if name in ("search", "material/search"):
            return tuple(plugin.config.get("lang") or ("vi",))
    return ("vi",)


@event_priority(-100)  # after every other hook and plugin has written its files (PDFs, search index)
def on_post_build(config: MkDocsConfig) -> None:
    offline_list.write_list(Path(config.site_dir), search_langs=_search_langs(config))
