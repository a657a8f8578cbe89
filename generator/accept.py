"""Writing a draft beside its article, and accepting drafted statements into the notes.

Accepting appends to the contributor's ``statements.yml`` (never rewriting what is there),
writes a proposed speaker to ``seeds/actors/`` if it has no note yet, and takes the statement
out of the draft. The notes are checked afterwards; if they do not pass, every file is put
back as it was.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from .draft import DRAFT_NAME, Draft, draft_yaml, make_draft, yaml_block
from .errors import UNCITED_SOURCE, NotesError, errors_only
from .model import Actor, Statement


class DraftError(Exception):
    pass


def checked_notes(project, source_id: str):
    """The validated notes (a draft beside an article is expected: see notefiles.DRAFT_FILES)."""
    from .pipeline import check

    corpus, problems = check(project)
    # The article being drafted has no notes yet: that it is uncited is why the draft is wanted.
    problems = [
        p for p in problems if not (p.kind == UNCITED_SOURCE and p.path.startswith(f"seeds/sources/{source_id}/"))
    ]
    if errors_only(problems):
        raise NotesError(problems)
    if source_id not in corpus.sources:
        known = ", ".join(sorted(corpus.sources)) or "none yet"
        raise DraftError(
            f"no source '{source_id}' in seeds/sources/ (sources: {known}); "
            f"make one with: briefing new source {source_id}"
        )
    return corpus


def _write(path: Path, text: str) -> None:
    """Replace a file whole or not at all."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_draft(project, source_id: str) -> tuple[Path, Draft]:
    corpus = checked_notes(project, source_id)
    draft = make_draft(corpus, source_id)
    folder = project.seeds / "sources" / source_id
    path = folder / DRAFT_NAME
    _write(path, draft_yaml(draft, f"seeds/sources/{source_id}/article.txt"))
    return path, draft


def accept(project, source_id: str, ids: list[str]) -> list[str]:
    """Move the drafted statements ``ids`` into statements.yml; returns what was done."""
    corpus = checked_notes(project, source_id)
    folder = project.seeds / "sources" / source_id
    draft_path, notes_path = folder / DRAFT_NAME, folder / "statements.yml"
    if not draft_path.is_file():
        raise DraftError(f"no draft for {source_id}; write one first with: briefing draft {source_id}")
    draft_text = draft_path.read_text("utf-8")
    try:
        data = yaml.safe_load(draft_text) or {}
    except yaml.YAMLError as err:
        raise DraftError(
            f"{draft_path.relative_to(project.root)} is not valid YAML ({err}); "
            f"fix it or write it again with: briefing draft {source_id}"
        ) from None
    drafted = {s.get("id"): s for s in data.get("statements") or [] if isinstance(s, dict)}
    proposed = {a.get("id"): a for a in data.get("actors") or [] if isinstance(a, dict)}
    missing = [i for i in ids if i not in drafted]
    if missing:
        raise DraftError(
            f"not in the draft: {', '.join(missing)}; the draft has: {', '.join(map(str, drafted)) or 'nothing'}"
        )
    before = {p: p.read_bytes() if p.is_file() else None for p in (notes_path, draft_path)}
    done, notes_text = [], notes_path.read_text("utf-8") if notes_path.is_file() else ""
    for ident in ids:
        statement = drafted[ident]
        _validated(Statement, statement, ident)
        speaker = statement["speaker"]
        actor_path = project.seeds / "actors" / f"{speaker}.yml"
        if speaker not in corpus.actors and not actor_path.exists():
            if speaker not in proposed:
                raise DraftError(
                    f"{ident}: speaker '{speaker}' is no actor and the draft proposes none; "
                    "write the actor first, or change the speaker"
                )
            _validated(Actor, proposed[speaker], speaker)
            before.setdefault(actor_path, None)
            _write(actor_path, yaml_block(proposed[speaker], "").removeprefix("- ") + "\n")
            done.append(f"wrote {actor_path.relative_to(project.root).as_posix()}")
        notes_text = _appended(notes_text, statement)
        draft_text = _without(draft_text, ident)
        done.append(f"accepted {ident} into {notes_path.relative_to(project.root).as_posix()}")
    _write(notes_path, notes_text)
    left = (yaml.safe_load(draft_text) or {}).get("statements")
    if left:
        _write(draft_path, draft_text)
    else:
        draft_path.unlink()
        done.append(f"removed {draft_path.relative_to(project.root).as_posix()}: every statement is accepted")
    try:
        checked_notes(project, source_id)
    except NotesError:
        _restore(before)
        raise
    return done


def _validated(model, data: dict, ident: str) -> None:
    try:
        model.model_validate(data)
    except Exception as err:  # pydantic's ValidationError: the draft was edited into something invalid
        raise DraftError(f"{ident} in the draft is not a valid {model.__name__.lower()}: {err}") from None


def _restore(before: dict[Path, bytes | None]) -> None:
    for path, content in before.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)


_EMPTY_LIST = re.compile(r"^statements:[ \t]*\[[ \t]*\][ \t]*(#.*)?$", re.M)


def _appended(notes: str, statement: dict) -> str:
    """``notes`` with ``statement`` added at the end of its list; the text before is kept byte for byte."""
    if not notes.strip():
        return "statements:\n" + yaml_block(statement, "  ") + "\n"
    if _EMPTY_LIST.search(notes):
        notes = _EMPTY_LIST.sub(lambda m: "statements:" + (f"  {m.group(1)}" if m.group(1) else ""), notes, count=1)
        indent = "  "
    else:
        data = yaml.safe_load(notes)
        items = re.search(r"^statements:[ \t]*(?:#.*)?\n(?:(?:[ \t]*#.*|[ \t]*)\n)*([ \t]*)- ", notes, re.M)
        tail = notes[items.start(1) :] if items else ""
        if not (
            isinstance(data, dict)
            and isinstance(data.get("statements"), list)
            and items
            and not re.search(r"^[A-Za-z_\"'?]", tail, re.M)
        ):  # no top-level key after the list
            raise DraftError(
                "statements.yml is not a plain 'statements:' list that ends the file; "
                "copy the statement from the draft by hand"
            )
        indent = items.group(1)
    gap = "" if re.search(r"^statements:.*\n\Z", notes, re.M) else "\n"  # a blank line between statements
    return notes + ("" if notes.endswith("\n") else "\n") + gap + yaml_block(statement, indent) + "\n"


def _without(draft: str, ident: str) -> str:
    """The draft text without one statement and the comment above it."""
    lines = draft.split("\n")
    try:
        at = lines.index(f"  - id: {ident}")
    except ValueError:
        return draft
    start, end = at, at + 1
    while start > 0 and lines[start - 1].startswith("  #"):
        start -= 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    rest = lines[:start] + lines[end:]
    text = "\n".join(rest)
    if not (yaml.safe_load(text) or {}).get("statements"):
        text = re.sub(r"^statements:\s*$", "statements: []", text, count=1, flags=re.M)
    return text
