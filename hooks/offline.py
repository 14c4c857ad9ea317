"""MkDocs hook: keep Material's ``offline`` plugin offline.

When enabled (``make offline``, CHIBO_OFFLINE=true) the plugin adds a Web Worker shim
for ``file://`` pages, by default loaded from a CDN. This points it at the copy vendored
from the npm package ``iframe-worker`` 1.0.4 (MIT, ``overrides/assets/javascripts/
iframe-worker/``); the plugin skips its own URL when a polyfill named "iframe-worker"
is already listed. (The vendored shim is patched: the frame that plays the worker gets
its globals from ``frame.js`` beside it, not from an inline script whose text depends on
the path.)

The offline copy opens from ``file://``, where no web server sends a CSP: every page gets
one as ``<meta http-equiv="Content-Security-Policy">``, allowing only the theme's own
inline scripts (``chibo.publishing.csp``) and files of the copy itself.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from chibo.publishing.csp import inline_scripts, offline_policy, split_scripts, theme_script_patterns
from chibo.document.config import project_dir

SHIM = "assets/javascripts/iframe-worker/shim.js"
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_enabled = False


@event_priority(100)  # before the offline plugin's own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("offline") or config.plugins.get("material/offline")
    global _enabled
    _enabled = plugin is not None and bool(plugin.config.enabled)
    if _enabled:
        config.extra["polyfills"] = [SHIM, *config.extra.get("polyfills", [])]
    return config


@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if not _enabled:
        return output
    project = project_dir(config)
    theme, _ = split_scripts(inline_scripts(output), theme_script_patterns(project))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{offline_policy(theme)}">'
    output, found = _CHARSET.subn(lambda match: match.group(0) + meta, output, count=1)
    if not found:
        output = output.replace("<head>", "<head>" + meta, 1)
    return output


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """404.html and other theme templates get the same policy."""
    if not _enabled or not template_name.endswith(".html"):
        return output_content
    return on_post_page(output_content, page=None, config=config)  # type: ignore[arg-type]
