"""Safe text for generated Markdown: escaped by default, sanitised prose."""

from __future__ import annotations

import functools
import html
import re
import threading

import markdown
import nh3

# Characters Markdown or HTML would act on inside running text.
# Only characters Python-Markdown can backslash-escape; fields never start a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
_SPACES = re.compile(r"\s+")
_SCHEMES = {"http", "https", "mailto"}
PROSE_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br"}


class SafeMarkdown(str):
    """Markdown that a template may emit as it is."""


def escape_md(value: object) -> SafeMarkdown:
    """Plain text as Markdown that renders the same text and nothing else."""
    if isinstance(value, SafeMarkdown):
        return value
    if value is None:
        return SafeMarkdown("")
    return _escape_text(str(value))


@functools.lru_cache(maxsize=1 << 16)  # names and titles repeat on many pages
def _escape_text(value: str) -> SafeMarkdown:
    text = _SPACES.sub(" ", value)  # one line: a field never starts a Markdown block
    text = html.escape(text, quote=False)
    return SafeMarkdown(_MD_SPECIAL.sub(r"\\\1", text))


def escape_html(value: object) -> SafeMarkdown:
    """Text for inside raw HTML blocks (the source text)."""
    return SafeMarkdown(html.escape(str(value), quote=True))


def _allowed_url(_tag: str, attribute: str, value: str) -> str | None:
    if attribute != "href":
        return value
    scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
    return value if scheme in _SCHEMES or not scheme else None


_converters = threading.local()


def _converter() -> markdown.Markdown:
    """This thread's Markdown converter: building one costs more than converting a note's prose."""
    if not hasattr(_converters, "markdown"):
        _converters.markdown = markdown.Markdown(extensions=[], output_format="html")
    return _converters.markdown


def render_prose(text: str | None, tags: set[str] = PROSE_TAGS) -> SafeMarkdown:
    """Contributor prose (Markdown) as sanitised HTML: no script, no foreign attributes."""
    if not text:
        return SafeMarkdown("")
    rendered = _converter().reset().convert(text)
    clean = nh3.clean(
        rendered,
        tags=tags,
        attributes={"a": {"href"}},
        url_schemes=_SCHEMES,
        attribute_filter=_allowed_url,
        link_rel="noopener noreferrer nofollow",
    )
    # A raw HTML block must not contain blank lines, or Markdown would re-parse it.
    body = "\n".join(line for line in clean.splitlines() if line.strip())
    return SafeMarkdown(f'<div class="prose" markdown="0">\n{body}\n</div>')
