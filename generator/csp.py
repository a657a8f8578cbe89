"""The Content-Security-Policy of every built page: only the site's own files and the theme's
own inline scripts run, so a future escaping bug in a page cannot run a script.

The theme (Material) writes a few small inline scripts (``partials/javascripts/*.html``); their
sha256 hashes are computed from those templates, rendered with the page's own context (one of
them holds the page's ``base_url``). After MkDocs writes a page, ``check_page`` makes sure every
inline script on it is one of those: an inline script the theme did not write stops the build.
No outside origin is allowed anywhere; Pagefind compiles WebAssembly ('wasm-unsafe-eval').
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from typing import Any

META_NAME = "Content-Security-Policy"
THEME_SCRIPTS = "partials/javascripts/"
# A <script> element and its attributes; a src or a data type (JSON) is not an inline script.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SCRIPT_TYPES = {"text/javascript", "application/javascript", "module"}
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(page_html: str) -> list[str]:
    """The bodies of the inline scripts a browser would run in ``page_html``."""
    found = []
    for attributes, body in _SCRIPT.findall(page_html):
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind and kind.group(1).lower() not in _SCRIPT_TYPES):
            continue
        found.append(body)
    return found


def policy(hashes: frozenset[str] | None) -> str:
    """The policy; ``None`` hashes allow any inline script (the dev server adds its own, see mkdocs_pages.py)."""
    inline = " ".join(sorted(hashes)) if hashes is not None else "'unsafe-inline'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {inline}",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-src 'none'",
        ]
    )


class ThemeScripts:
    """The hashes of the theme's inline scripts as a page with a given context renders them."""

    def __init__(self, env: Any, features: list[str]):
        self.env, self.features = env, features
        self.templates = sorted(t for t in env.list_templates() if t.startswith(THEME_SCRIPTS))
        self._by_base: dict[str, frozenset[str]] = {}

    def hashes(self, context: dict[str, Any]) -> frozenset[str]:
        base = str(context.get("base_url", ""))
        if base not in self._by_base:  # only base_url differs between pages
            values = {**context, "features": self.features}
            rendered = "".join(self.env.get_template(t).render(values) for t in self.templates)
            self._by_base[base] = frozenset(script_hash(body) for body in inline_scripts(rendered))
        return self._by_base[base]


def check_page(page_html: str, hashes: frozenset[str] | None) -> str | None:
    """What is wrong with a built page, or None: it must carry ``policy(hashes)``, and every inline
    script on it must be one of the theme's (any other means an escaping bug)."""
    meta = _META.search(page_html)
    if meta is None or html.unescape(meta.group(1)) != policy(hashes):
        return "does not carry the site's Content-Security-Policy first in its <head>"
    for body in inline_scripts(page_html) if hashes is not None else ():
        if hashes is not None and script_hash(body) not in hashes:
            return (
                f"has an inline script the theme did not write ({body[:60]!r}); notes never add scripts, "
                "so this is an escaping bug: please report it with the note that caused it"
            )
    return None
