"""The front matter at the top of a generated page, written so MkDocs reads back exactly what was meant.

Each value is a YAML double-quoted string in JSON's ASCII escapes, except characters above U+FFFF:
JSON writes those as a surrogate pair (``\\ud83c\\uddfa``), which libyaml rejects, and MkDocs then
drops the whole front matter without a word and shows it as Markdown. They are written as YAML's
own ``\\U0001f1fa``. Every block is read back with the loader MkDocs uses before it is written:
a page whose front matter would not come back as meant is an error, never a silently broken page.
"""

from __future__ import annotations

import json
import re

import yaml

try:  # what mkdocs.utils.meta uses: libyaml when installed, else the pure-Python loader
    from yaml import CSafeLoader as MkDocsLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as MkDocsLoader  # type: ignore[assignment]

# mkdocs.utils.meta.YAML_RE: how MkDocs finds the block.
MKDOCS_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_MAP, _STR = "tag:yaml.org,2002:map", "tag:yaml.org,2002:str"
_ASTRAL = re.compile("([\U00010000-\U0010ffff])")


class FrontMatterError(ValueError):
    """The block would not read back as the values it was written from."""


def yaml_string(value: str) -> str:
    """``value`` as a one-line, ASCII-only YAML double-quoted scalar."""
    parts = _ASTRAL.split(value)  # odd items are the astral characters
    return (
        '"'
        + "".join(
            f"\\U{ord(part):08x}" if n % 2 else json.dumps(part, ensure_ascii=True)[1:-1]
            for n, part in enumerate(parts)
        )
        + '"'
    )


def read_front_matter(text: str) -> dict | None:
    """The front matter MkDocs would read from ``text``; None where it would read none."""
    match = MKDOCS_BLOCK.match(text)
    if not match:
        return None
    try:
        data = _load(match.group(1))
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _load(block: str):
    """``yaml.load(block, MkDocsLoader)``. A mapping of text to text (every block briefing writes) is
    read off libyaml's nodes: exactly what the constructor makes of them (a str node's value), without
    its Python walk, which was most of checking a page's front matter."""
    loader = MkDocsLoader(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if node.tag == _MAP and all(k.tag == _STR and v.tag == _STR for k, v in node.value):
            return {k.value: v.value for k, v in node.value}
        return loader.construct_document(node)
    finally:
        loader.dispose()


def front_matter(meta: dict[str, str]) -> str:
    """The block for ``meta``, checked to read back as ``meta``; FrontMatterError otherwise."""
    block = "---\n" + "".join(f"{key}: {yaml_string(value)}\n" for key, value in meta.items()) + "---\n\n"
    read = read_front_matter(block)
    if read != meta:
        raise FrontMatterError(f"MkDocs would read its front matter as {read!r}, not {meta!r}")
    return block
