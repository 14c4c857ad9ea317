"""MkDocs hook: keep Material's ``offline`` plugin offline.

When enabled (``make offline``, CHIBO_OFFLINE=true) the plugin adds a Web Worker shim
for ``file://`` pages, by default loaded from a CDN. This points it at the copy vendored
from the npm package ``iframe-worker`` 1.0.4 (MIT, ``overrides/assets/javascripts/
iframe-worker/``); the plugin skips its own URL when a polyfill named "iframe-worker"
is already listed.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SHIM = "assets/javascripts/iframe-worker/shim.js"


@event_priority(100)  # before the offline plugin's own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("offline") or config.plugins.get("material/offline")
    if plugin is not None and plugin.config.enabled:
        config.extra["polyfills"] = [SHIM, *config.extra.get("polyfills", [])]
    return config
