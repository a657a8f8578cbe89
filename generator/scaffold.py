"""`briefing new`: a correctly shaped, commented note to fill in."""

from __future__ import annotations

from pathlib import Path

import yaml

from .model import check_slug

MODELINE = "# yaml-language-server: $schema={schema}\n"

TEMPLATES = {
    "actor": """{modeline}# A person or organisation. Fill in every empty field, then run `briefing check`.
id: {id}
kind: {kind}                  # person | organisation | group | anonymous
name: {name}
aliases: []                   # other names the articles use, e.g. [Putin, Russia's president]
# Replace every <...>. An actor needs a cited role, a statement or an event it takes part in:
# remove this role if the article gives none.
roles:
  - title: <title as the article puts it, e.g. aide to Russia's president>
#   affiliation: kremlin      # optional: an organisation actor's id
    evidence:
      source: <source id>
      passage: <words copied exactly from the article>
# about: optional prose (Markdown)
""",
    "issue": """{modeline}# An issue under discussion. Fill in every empty field, then run `briefing check`.
id: {id}
name: {name}
summary:                      # prose a reader new to the story can follow
related: []                   # ids of related issues
# `briefing check` fails until a statement or an event lists this issue under its issues.
# evidence:                   # optional: passages that support the summary
#   - source: <source id>
#     passage: words copied exactly from the article
""",
    "event": """{modeline}# An event: a meeting, talks, a speech... Fill in every empty field, then run `briefing check`.
id: {id}
name: {name}
kind: meeting                 # meeting, talks, speech, cabinet meeting, ...
status:                       # held | planned | proposed | conditional
# Replace every <...>; remove the date if the article gives none.
date:
  value:                      # "YYYY-MM-DD", "YYYY-MM" or "YYYY", quoted
# phrase: on Tuesday          # optional: the article's words, checked against its publication date
  evidence:
    source: <source id>
    passage: <words copied exactly from the article>
participants:
  - actor: <actor id>
    evidence: {{source: <source id>, passage: <words copied exactly from the article>}}
issues: [<issue id>]          # ids of the issues discussed
# place: {{value: Moscow, evidence: {{source: <source id>, passage: ...}}}}
# outcome: {{value: ..., evidence: {{source: <source id>, passage: ...}}}}
""",
    "source": """{modeline}# An article. Paste its text, exactly as published, into article.txt beside this file.
id: {id}
title: {title}
publisher: {publisher}
published: {published}      # "YYYY-MM-DD"
byline: []                    # authors as printed
additional_reporting: []
# url: https://...
""",
}

STATEMENTS = """{modeline}# The statements taken from this article. Each cites a passage of article.txt.
# `briefing check` fails until a note cites this article.
statements: []
#  - id: short-slug
#    speaker: <actor id>
#    quote: the exact quoted words, without quotation marks   # and/or paraphrase: the gist, no quotation marks
#    date: {{value: "YYYY-MM-DD", phrase: on Tuesday}}       # only if the article says when it was said
#    issues: [<issue id>]
#    said_at: <event id>          # the held event the speaker spoke at; or:
#    about_events: [<event id>]   # events the statement refers to
#    positions: [{{issue: <issue id>, stance: rejects}}]     # accepts rejects mixed supports opposes open concerned
#    evidence:
#      passage: the sentence of the article that contains the quote
"""

FOLDER = {"actor": "actors", "issue": "issues", "event": "events"}
SCHEMA = {"actor": "actor", "issue": "issue", "event": "event", "source": "source"}
# `briefing new meeting`, the command's first name for an event, still works.
KIND_ALIASES = {"meeting": "event"}


class ScaffoldError(Exception):
    pass


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar on one line, quoted when plain text would be read otherwise
    (``A: B``, ``#1``, ``yes``); empty stays empty: a field left to fill in."""
    if not value:
        return ""
    for style in (None, '"'):
        text = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=float("inf"))
        text = text.removesuffix("\n...\n").rstrip("\n")
        if "\n" not in text and yaml.safe_load(f"key: {text}  # comment\n") == {"key": value}:
            return text
    raise ScaffoldError(f"cannot write {value!r} as a value")  # not reached: double quotes escape all


def _modeline(target: Path, root: Path, schema: str) -> str:
    import os

    path = Path(os.path.relpath(root / "generator" / "schema" / f"{schema}.schema.json", target.parent))
    return MODELINE.format(schema=path.as_posix())


def new_note(root: Path, kind: str, ident: str, **fields: str) -> list[Path]:
    """Write the scaffold for a new note; refuse an id that exists."""
    kind = KIND_ALIASES.get(kind, kind)
    try:
        check_slug(ident)
    except ValueError as err:
        raise ScaffoldError(str(err)) from None
    seeds = root / "seeds"
    if kind == "source":
        folder = seeds / "sources" / ident
        if folder.exists():
            raise ScaffoldError(f"{folder.relative_to(root)} exists already; choose another id")
        folder.mkdir(parents=True)
        meta = folder / "source.yml"
        meta.write_text(
            TEMPLATES["source"].format(
                modeline=_modeline(meta, root, "source"),
                id=ident,
                **{
                    "title": yaml_scalar(fields.get("title") or ""),
                    "publisher": yaml_scalar(fields.get("publisher") or ""),
                    "published": yaml_scalar(fields.get("published") or "") or '""',
                },
            ),
            "utf-8",
        )
        (folder / "article.txt").write_text("", "utf-8")
        statements = folder / "statements.yml"
        statements.write_text(STATEMENTS.format(modeline=_modeline(statements, root, "statements")), "utf-8")
        return [meta, folder / "article.txt", statements]
    target = seeds / FOLDER[kind] / f"{ident}.yml"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(root)} exists already; choose another id")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        TEMPLATES[kind].format(
            modeline=_modeline(target, root, SCHEMA[kind]),
            id=ident,
            name=yaml_scalar(fields.get("name") or ""),
            kind=fields.get("actor_kind") or "person",
        ),
        "utf-8",
    )
    return [target]
