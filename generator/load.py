"""Stage 1: read the notes tree into plain data, each value with its line.

YAML is parsed but never allowed to guess types: every scalar stays a string
(``no``, ``on``, ``12:30`` and ``0123`` included), duplicate keys and aliases
are errors, and size and nesting are capped. Models convert types later.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, display_path

try:  # the C parser is much faster on large corpora; the node tree is the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 1_000_000
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

    def where(self, key: Key) -> tuple[int, int]:
        """The line and column of ``key``, or of its nearest enclosing value."""
        # A contributor may write one item where a list is allowed: ("evidence", 0, "passage")
        # then lives at ("evidence", "passage").
        single = tuple(k for i, k in enumerate(key) if not (k == 0 and key[:i] + (0,) not in self.lines))
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


def _to_data(node: yaml.Node, key: Key, lines: dict, seen: set[int], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise _YamlProblem(node, f"nesting is deeper than {MAX_DEPTH} levels; flatten this note")
    if id(node) in seen:  # the composer shares one node between an anchor and its aliases
        raise _YamlProblem(node, "the value anchored here (&name) is reused through YAML aliases (*name), "
                                 "which notes do not allow; write the value out")
    seen.add(id(node))
    lines[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == NULL_TAG and node.style is None:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, key + (i,), lines, seen, depth + 1) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _YamlProblem(key_node, "a key must be a plain word, not a list or mapping")
        name = key_node.value
        if name == "<<":
            raise _YamlProblem(key_node, "YAML merge keys (<<) are not allowed in notes; write the keys out")
        if name in result:
            first = lines[key + (name,)][0]
            raise _YamlProblem(key_node, f"duplicate key {name!r} (first given on line {first}); keep one")
        lines[key + (name,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[name] = _to_data(value_node, key + (name,), lines, seen, depth + 1)
        lines[key + (name,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return result


def parse_yaml(path: Path, display: str, kind: str) -> NotesFile | Problem:
    """Parse one notes file, or say where and why it cannot be read."""
    try:
        raw, same = read_note(path)
    except OSError as err:
        return Problem(display, 1, 0, f"cannot read this file ({err.strerror})")
    if _parsed is None:
        return _parse_bytes(raw, path, display, kind)
    key = (path, display, kind)
    if not same or key not in _parsed:
        _parsed[key] = _parse_bytes(raw, path, display, kind)
    return _parsed[key]


# A long-running `serve` reloads every note on each edit: with the cache on, only
# files whose bytes changed are read and parsed again. Off by default: a one-off
# run would only hold memory.
_parsed: dict[tuple[Path, str, str], NotesFile | Problem] | None = None
_read: dict[Path, tuple[tuple[int, ...], bool, bytes]] = {}  # path -> (stat, trusted, bytes)
# A file changed within this long of being read may change again with the same timestamp
# (timestamps tick coarsely): its stat is not trusted, and its bytes are compared (as git does).
_SETTLED_NS = 2_000_000_000


def file_state(path: Path) -> tuple[tuple[int, ...], bool]:
    """A file's stat signature, and whether it may be trusted later to mean "unchanged": only
    when the file had not changed for a while when it was taken (git's racy-clean rule)."""
    stat = path.stat()
    signature = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
    return signature, time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > _SETTLED_NS


def read_note(path: Path) -> tuple[bytes, bool]:
    """A note's bytes, and whether they are the same as when this process last read it."""
    if _parsed is None:
        return path.read_bytes(), False
    signature, trusted = file_state(path)
    kept = _read.get(path)
    if kept is not None and kept[1] and kept[0] == signature:
        return kept[2], True
    raw = path.read_bytes()
    _read[path] = (signature, trusted, raw)
    return raw, kept is not None and kept[2] == raw


def keep_parsed_notes(keep: bool = True) -> None:
    """Remember parsed notes between loads in this process (for serve), or stop and forget them."""
    global _parsed
    _parsed = (_parsed if _parsed is not None else {}) if keep else None
    if not keep:
        _read.clear()


def _parse_bytes(raw: bytes, path: Path, display: str, kind: str) -> NotesFile | Problem:
    if len(raw) > MAX_FILE_BYTES:
        return Problem(display, 1, 0, f"file is {len(raw)} bytes; split it into notes under {MAX_FILE_BYTES} bytes")
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
        data = _to_data(node, (), lines, set())
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
    return NotesFile(path, display, kind, data, lines)


@dataclass
class SourceFolder:
    """An article folder: its metadata, verbatim text and the statements taken from it."""

    folder: Path
    meta: NotesFile
    text: str
    text_display: str
    statements: NotesFile | None


@dataclass
class RawNotes:
    actors: list[NotesFile] = field(default_factory=list)
    issues: list[NotesFile] = field(default_factory=list)
    events: list[NotesFile] = field(default_factory=list)
    sources: list[SourceFolder] = field(default_factory=list)
    stories: list = field(default_factory=list)  # stories.StoryFile: the Markdown stories
    # Ids of notes that exist but could not be read: references to them are not reported again.
    unreadable: dict[str, set[str]] = field(default_factory=lambda: {"actor": set(), "issue": set(),
                                                                     "event": set(), "source": set(),
                                                                     "story": set()})


def _name(path: Path) -> str:
    return path.name  # sorting by name, not by Path, saves pathlib's part-by-part comparisons


ENTITY_FOLDERS = {"actors": "actor", "issues": "issue", "events": "event"}
SOURCE_FILES = {"source.yml", "article.txt", "statements.yml"}


def load_notes(seeds: Path, root: Path | None = None) -> tuple[RawNotes, list[Problem]]:
    """Read every notes file under ``seeds``; never stop at the first problem."""
    notes, problems = RawNotes(), []

    def show(p: Path) -> str:
        return display_path(p, root)

    if not seeds.is_dir():
        return notes, [Problem(show(seeds), 1, 0, "notes folder not found; run from the project root")]
    for entry in sorted(seeds.iterdir(), key=_name):
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        if entry.name in ENTITY_FOLDERS and entry.is_dir():
            kind = ENTITY_FOLDERS[entry.name]
            for path in sorted(entry.iterdir(), key=_name):
                if path.name.startswith("."):
                    continue
                if path.suffix != ".yml" or not path.is_file():
                    problems.append(Problem(show(path), 1, 0, f"not a notes file; {entry.name}/ holds <id>.yml files only"))
                    continue
                parsed = parse_yaml(path, show(path), kind)
                if isinstance(parsed, Problem):
                    problems.append(parsed)
                    notes.unreadable[kind].add(path.stem)
                else:
                    getattr(notes, entry.name).append(parsed)
        elif entry.name == "sources" and entry.is_dir():
            for folder in sorted(entry.iterdir(), key=_name):
                if folder.name.startswith("."):
                    continue
                source = _load_source_folder(folder, show, problems)
                if source:
                    notes.sources.append(source)
                else:
                    notes.unreadable["source"].add(folder.name)
        elif entry.name == "stories" and entry.is_dir():
            from .stories import load_stories  # reads each story with read_note, as every note

            notes.stories, more, notes.unreadable["story"] = load_stories(entry, show)
            problems += more
        else:
            problems.append(Problem(show(entry), 1, 0,
                "unexpected entry in the notes folder; use actors/, issues/, events/, sources/<id>/ or stories/"))
    return notes, problems


def _load_source_folder(folder: Path, show, problems: list[Problem]) -> SourceFolder | None:
    if not folder.is_dir():
        problems.append(Problem(show(folder), 1, 0, "sources/ holds one folder per article: sources/<id>/source.yml"))
        return None
    for extra in sorted(folder.iterdir(), key=_name):
        if extra.name not in SOURCE_FILES and not extra.name.startswith("."):
            problems.append(Problem(show(extra), 1, 0,
                "unexpected file; an article folder holds source.yml, article.txt and statements.yml"))
    meta_path, text_path = folder / "source.yml", folder / "article.txt"
    if not meta_path.is_file():
        problems.append(Problem(show(meta_path), 1, 0, "missing; every article folder needs a source.yml"))
        return None
    meta = parse_yaml(meta_path, show(meta_path), "source")
    if isinstance(meta, Problem):
        problems.append(meta)
        return None
    try:
        text = read_note(text_path)[0].decode("utf-8")
    except FileNotFoundError:
        problems.append(Problem(show(text_path), 1, 0, "missing; paste the article's text, exactly as published, here"))
        return None
    except UnicodeDecodeError:
        problems.append(Problem(show(text_path), 1, 0, "not valid UTF-8; save the article text as UTF-8"))
        return None
    statements = None
    statements_path = folder / "statements.yml"
    if statements_path.is_file():
        parsed = parse_yaml(statements_path, show(statements_path), "statements")
        if isinstance(parsed, Problem):
            problems.append(parsed)
        else:
            statements = parsed
    return SourceFolder(folder, meta, text, show(text_path), statements)
