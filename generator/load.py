"""Stage 1: read the notes tree into plain data, each value with its line.

YAML is parsed but never allowed to guess types: every scalar stays a string
(``no``, ``on``, ``12:30`` and ``0123`` included), duplicate keys and aliases
are errors, and size and nesting are capped. Models convert types later.

Only regular files inside ``seeds/`` are read (see notefiles.py): anything else
there is a located error, as is a hidden note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import Problem, display_path
from .notefiles import ENTITY_FOLDERS, NotRead, read_regular, survey
from .notefiles import file_state as file_state  # re-exported: write.py takes it from here

if TYPE_CHECKING:
    from .build_state import BuildState

try:  # the C parser is much faster on large corpora; the node tree is the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000  # a YAML note
MAX_ARTICLE_BYTES = 1_000_000  # an article.txt: about 150,000 words, far beyond any news article
MAX_DEPTH = 16
NULL_TAG = "tag:yaml.org,2002:null"

Key = tuple[str | int, ...]


@dataclass
class NotesFile:
    """One YAML file as plain data, with the line of every key and item."""

    path: Path
    display: str
    kind: str
    data: Any
    lines: dict[Key, tuple[int, int]] = field(default_factory=dict)
    # Keys written with no value (``~``, ``null``, nothing): left out of ``data``, as if absent.
    nulls: set[Key] = field(default_factory=set)

    def _single(self, key: Key) -> Key:
        # A contributor may write one item where a list is allowed: ("evidence", 0, "passage")
        # then lives at ("evidence", "passage").
        return tuple(k for i, k in enumerate(key) if not (k == 0 and key[:i] + (0,) not in self.lines))

    def written_without_value(self, key: Key) -> bool:
        """Whether ``key`` was written with no value (``name: ~``) rather than left out."""
        return key in self.nulls or self._single(key) in self.nulls

    def where(self, key: Key) -> tuple[int, int]:
        """The line and column of ``key``, or of its nearest enclosing value."""
        single = self._single(key)
        for exact in (key, single):
            if exact in self.lines:
                return self.lines[exact]
        for end in range(len(key), -1, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return (1, 0)

    def problem(self, key: Key, message: str) -> Problem:
        line, col = self.where(key)
        return Problem(self.display, line, col, message)


class _YamlProblem(Exception):
    def __init__(self, node: yaml.Node | None, message: str):
        self.line = node.start_mark.line + 1 if node is not None else 1
        self.column = node.start_mark.column + 1 if node is not None else 0
        super().__init__(message)


def _to_data(node: yaml.Node, key: Key, lines: dict, nulls: set[Key], seen: set[int], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise _YamlProblem(node, f"nesting is deeper than {MAX_DEPTH} levels; flatten this note")
    if id(node) in seen:  # the composer shares one node between an anchor and its aliases
        raise _YamlProblem(
            node,
            "the value anchored here (&name) is reused through YAML aliases (*name), "
            "which notes do not allow; write the value out",
        )
    seen.add(id(node))
    mark = node.start_mark
    lines[key] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        # Only a plain ~, null, Null, NULL or nothing resolves to the null tag. A plain scalar's
        # style is None from the Python parser and "" from libyaml's: both must mean "no value",
        # or a note would mean "~" with libyaml installed and nothing without it.
        if node.tag == NULL_TAG and not node.style:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, key + (i,), lines, nulls, seen, depth + 1) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _YamlProblem(key_node, "a key must be a plain word, not a list or mapping")
        name = key_node.value
        if name == "<<":
            raise _YamlProblem(key_node, "YAML merge keys (<<) are not allowed in notes; write the keys out")
        here = key + (name,)
        if name in result or here in nulls:
            raise _YamlProblem(key_node, f"duplicate key {name!r} (first given on line {lines[here][0]}); keep one")
        mark = key_node.start_mark
        value = _to_data(value_node, here, lines, nulls, seen, depth + 1)
        lines[here] = (mark.line + 1, mark.column + 1)  # the key's place, not its value's
        if value is None:  # `key: ~` means the same as leaving the key out; validate says so if it is required
            nulls.add(here)
        else:
            result[name] = value
    return result


def parse_yaml(path: Path, display: str, kind: str, state: BuildState | None = None) -> NotesFile | Problem:
    """Parse one notes file, or say where and why it cannot be read.

    With a ``state`` (serve), a file whose bytes are unchanged gives last time's parse, the same object."""
    read = read_capped(path, display, state)
    if isinstance(read, Problem):
        return read
    raw = read[0]
    if state is None:
        return _parse_bytes(raw, path, display, kind)
    return state.parsed(path, (display, kind), lambda: _parse_bytes(raw, path, display, kind))


def read_capped(path: Path, display: str, state: BuildState | None = None) -> tuple[bytes, bool] | Problem:
    """A note's bytes (see ``read_note``), or why they cannot be read: not a regular file, over
    MAX_FILE_BYTES, or an error from the system."""
    try:
        return read_note(path, MAX_FILE_BYTES, state)
    except NotRead as err:
        return Problem(
            display,
            1,
            1,
            err.message or f"file is {err.size:,} bytes; split it into notes under {MAX_FILE_BYTES:,} bytes",
        )
    except OSError as err:
        return Problem(display, 1, 0, f"cannot read this file ({err.strerror})")


def read_note(path: Path, limit: int, state: BuildState | None = None) -> tuple[bytes, bool]:
    """A note's bytes, and whether they are the ones ``state`` last read (never, without one)."""
    if state is not None:
        return state.read(path, limit)
    return read_regular(path, limit)[0], False


def _parse_bytes(raw: bytes, path: Path, display: str, kind: str) -> NotesFile | Problem:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return Problem(display, line, 0, "not valid UTF-8; save the file as UTF-8")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Problem(display, 1, 0, f"file is empty; write the {kind} note's fields here")
        lines: dict[Key, tuple[int, int]] = {}
        nulls: set[Key] = set()
        data = _to_data(node, (), lines, nulls, set())
    except _YamlProblem as err:
        return Problem(display, err.line, err.column, str(err))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        what = " ".join(filter(None, [err.context, err.problem]))
        if err.context_mark and mark and err.context_mark.line != mark.line:
            what += f" (the construct opened on line {err.context_mark.line + 1})"
        return Problem(display, line, col, f"YAML syntax error: {what}; check indentation and quoting")
    except yaml.YAMLError as err:
        return Problem(display, 1, 0, f"YAML error: {err}")
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return Problem(display, 1, 0, f"a {kind} note must be a mapping of fields (key: value)")
    return NotesFile(path, display, kind, data, lines, nulls)


@dataclass
class SourceFolder:
    """An article folder: its metadata, verbatim text and the statements taken from it."""

    folder: Path
    meta: NotesFile
    text: str
    article_path: str  # article.txt as problems name it: relative to the project root
    statements: NotesFile | None


@dataclass
class RawNotes:
    actors: list[NotesFile] = field(default_factory=list)
    issues: list[NotesFile] = field(default_factory=list)
    events: list[NotesFile] = field(default_factory=list)
    sources: list[SourceFolder] = field(default_factory=list)
    stories: list = field(default_factory=list)  # stories.StoryFile: the Markdown stories
    # Ids of notes that exist but could not be read: references to them are not reported again.
    unreadable: dict[str, set[str]] = field(
        default_factory=lambda: {"actor": set(), "issue": set(), "event": set(), "source": set(), "story": set()}
    )


def load_notes(
    seeds: Path, root: Path | None = None, state: BuildState | None = None
) -> tuple[RawNotes, list[Problem]]:
    """Read every notes file under ``seeds``; never stop at the first problem.

    With a ``state`` (serve), unchanged files are not parsed again, and files no longer there are forgotten."""
    if state is not None:
        state.start_reading()
    notes = RawNotes()

    def show(p: Path) -> str:
        return display_path(p, root)

    found, problems = survey(seeds, show)
    for kind, refused in found.refused.items():
        notes.unreadable[kind] |= refused
    for folder_name, kind in ENTITY_FOLDERS.items():
        for path in found.notes[folder_name]:
            parsed = parse_yaml(path, show(path), kind, state)
            if isinstance(parsed, Problem):
                problems.append(parsed)
                notes.unreadable[kind].add(path.stem)
            else:
                getattr(notes, folder_name).append(parsed)
    for folder, files in found.sources:
        source = _load_source_folder(folder, files, show, problems, state)
        if source:
            notes.sources.append(source)
        else:
            notes.unreadable["source"].add(folder.name)
    if found.stories:
        from .stories import load_stories  # read each story as every note (read_note: no links, capped)

        notes.stories, more, unreadable_stories = load_stories(found.stories, show, state)
        notes.unreadable["story"] |= unreadable_stories
        problems += more
    if state is not None:
        state.forget_unread()
    return notes, problems


def _load_source_folder(
    folder: Path, files: dict[str, Path | None], show, problems: list[Problem], state: BuildState | None = None
) -> SourceFolder | None:
    for name, missing in (
        ("source.yml", "missing; every article folder needs a source.yml"),
        ("article.txt", "missing; paste the article's text, exactly as published, here"),
    ):
        if name not in files:
            problems.append(Problem(show(folder / name), 1, 0, missing))
    # Every file is read even when another is wrong, so that one run shows all their problems.
    meta_path, text_path, statements_path = (
        files.get(name) for name in ("source.yml", "article.txt", "statements.yml")
    )
    meta = parse_yaml(meta_path, show(meta_path), "source", state) if meta_path else None
    if isinstance(meta, Problem):
        problems.append(meta)
        meta = None
    text = _read_article(text_path, show, problems, state) if text_path else None
    statements = None
    if statements_path:
        parsed = parse_yaml(statements_path, show(statements_path), "statements", state)
        if isinstance(parsed, Problem):
            problems.append(parsed)
        else:
            statements = parsed
    if meta is None or text is None or text_path is None:
        return None
    return SourceFolder(folder, meta, text, show(text_path), statements)


def _read_article(path: Path, show, problems: list[Problem], state: BuildState | None = None) -> str | None:
    try:
        return read_note(path, MAX_ARTICLE_BYTES, state)[0].decode("utf-8")
    except NotRead as err:
        problems.append(
            Problem(
                show(path),
                1,
                1,
                err.message
                or (
                    f"article is {err.size:,} bytes, more than the {MAX_ARTICLE_BYTES:,} bytes briefing reads; "
                    "paste only the article's own text"
                ),
            )
        )
    except FileNotFoundError:
        problems.append(Problem(show(path), 1, 0, "missing; paste the article's text, exactly as published, here"))
    except OSError as err:
        problems.append(Problem(show(path), 1, 0, f"cannot read this file ({err.strerror})"))
    except UnicodeDecodeError:
        problems.append(Problem(show(path), 1, 0, "not valid UTF-8; save the article text as UTF-8"))
    return None
