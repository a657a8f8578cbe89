"""Stage 5: write pages into the docs folder, only files the generator owns.

A manifest (``.briefing-manifest.json`` in the docs folder) records every file
written and its hash. A file that is not in it, or was changed since, belongs
to a person and is never overwritten or deleted. Unchanged pages are not
rewritten, so a dev server rebuilds only what an edit changed. Each file is
replaced atomically; the manifest is written last.

A kill part-way through must not block the next run. Before replacing anything,
the manifest it is about to write is saved as a journal
(``.briefing-journal.json``); a run that finds a journal first takes as its own
every file that matches either the manifest or the journal. A file that already
holds exactly the page about to be written is owned too, and temporary files
(``.tmp-*.part``) left by a killed run are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import NotesError, Problem, display_path
from .faults import kill_point
from .load import file_state
from .pages.page import Page

if TYPE_CHECKING:
    from .build_state import BuildState, WrittenPages

MANIFEST = ".briefing-manifest.json"
JOURNAL = ".briefing-journal.json"
TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".part"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class WriteReport:
    written: list[str]
    unchanged: list[str]
    removed: list[str]


def read_manifest(docs: Path, name: str = MANIFEST) -> dict[str, str]:
    try:
        data = json.loads((docs / name).read_text("utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except FileNotFoundError:
        return {}
    except (ValueError, AttributeError, OSError):
        return {}  # an unreadable manifest owns nothing: we then refuse to touch existing files


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary file beside ``path``, ready to replace it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError) and err.filename is None:  # a full disk: say which file
            raise OSError(err.errno, err.strerror, str(path)) from err
        raise
    return Path(tmp)


def _atomic_write(path: Path, data: bytes) -> None:
    os.replace(_stage(path, data), path)


def plan_conflicts(
    pages: list[Page], docs: Path, owned: dict[str, str], root: Path | None, known: WrittenPages | None = None
) -> list[Problem]:
    """Files the generator would have to overwrite or delete but does not own."""
    problems = []
    seen: dict[str, str] = {}
    for page in pages:
        key = page.path.casefold()
        if key in seen:
            problems.append(
                Problem(
                    page.origin or page.path,
                    1,
                    0,
                    f"two notes would write {page.path} (also {seen[key]}); rename one id",
                )
            )
        seen[key] = page.path
        target = docs / page.path
        if target.exists() or target.is_symlink():
            if target.is_symlink() or not target.is_file():
                problems.append(
                    Problem(
                        display_path(target, root),
                        1,
                        0,
                        "is in the way of a generated page and is not a plain file; move it",
                    )
                )
            elif owned.get(page.path) != (found := _known_digest(target, known)):
                if _page_data(page, target, known)[1] == found:
                    owned[page.path] = found  # already holds this very page (a killed run wrote it): ours
                    continue
                problems.append(
                    Problem(
                        display_path(target, root),
                        1,
                        0,
                        (
                            "was not written by briefing (or was edited by hand); generated pages come from "
                            "the notes: move this file, then run the build again"
                        ),
                    )
                )
    return problems


def _trusted_signature(target: Path) -> tuple[int, ...] | None:
    signature, trusted = file_state(target)
    return signature if trusted else None


def _known_digest(target: Path, known: WrittenPages | None) -> str:
    """The digest of the file at ``target``, read only when it may have changed since we saw it."""
    key = target.as_posix()
    kept = known.get(key) if known is not None else None
    if kept is not None and kept[0] is not None and kept[0] == file_state(target)[0]:
        return kept[1]
    found = digest(target.read_bytes())
    if known is not None:
        known[key] = (_trusted_signature(target), found, kept[2] if kept is not None and kept[1] == found else None)
    return found


def _page_data(page: Page, target: Path, known: WrittenPages | None) -> tuple[bytes | None, str]:
    """The page's bytes and digest; no bytes when it is the very Page last written to ``target``."""
    if known is not None:
        kept = known.get(target.as_posix())
        if kept is not None and kept[2] is page:
            return None, kept[1]
    data = page.markdown().encode("utf-8")
    return data, digest(data)


def _remember_page(target: Path, page: Page, known: WrittenPages | None) -> None:
    """Note that the file at ``target``, just checked to be ours, holds ``page``."""
    key = target.as_posix()
    if known is not None and key in known:
        known[key] = (*known[key][:2], page)


def write_pages(
    pages: list[Page], docs: Path, root: Path | None = None, state: BuildState | None = None
) -> WriteReport:
    """Write ``pages`` into ``docs``; raise NotesError and write nothing on a conflict.

    With a ``state`` (serve), what it knows of each page file (BuildState.written): a file unchanged
    since this process saw it is not read again to prove it is ours, nor a page kept from the last
    render (the same object) encoded again."""
    known = state.written if state is not None else None
    owned = _recover(docs) if (docs / JOURNAL).is_file() else read_manifest(docs)
    _remove_stale_temporaries(docs, state)
    problems = plan_conflicts(pages, docs, owned, root, known)
    if problems:
        raise NotesError(problems)
    written, unchanged, removed = [], [], []
    new_manifest: dict[str, str] = {}
    staged: list[tuple[Path, Path]] = []
    try:
        # Stage every changed page beside its target first; only then replace any of them.
        for page in pages:
            target = docs / page.path
            data, new_manifest[page.path] = _page_data(page, target, known)
            if owned.get(page.path) == new_manifest[page.path] and target.is_file():
                unchanged.append(page.path)
                _remember_page(target, page, known)
                continue
            staged.append((_stage(target, data if data is not None else page.markdown().encode("utf-8")), target))
            written.append(page.path)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    by_path = {page.path: page for page in pages}
    stale_paths = sorted(set(owned) - set(new_manifest))
    if staged or stale_paths:
        _atomic_write(docs / JOURNAL, _manifest_bytes(new_manifest))
        kill_point("docs-journal")
    for temp, target in staged:
        os.replace(temp, target)
        kill_point("docs-replace")
        if known is not None:
            path = target.relative_to(docs).as_posix()
            known[target.as_posix()] = (_trusted_signature(target), new_manifest[path], by_path[path])
    for stale in stale_paths:
        target = docs / stale
        if target.is_file() and not target.is_symlink() and digest(target.read_bytes()) == owned[stale]:
            target.unlink()
            removed.append(stale)
            _remove_empty_parents(target.parent, docs)
    manifest = _manifest_bytes(new_manifest)
    manifest_path = docs / MANIFEST
    # Rewriting an unchanged manifest would wake the dev server's watcher for nothing.
    if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
        _atomic_write(manifest_path, manifest)
    (docs / JOURNAL).unlink(missing_ok=True)
    if state is not None:
        state.forget_written_except({(docs / path).as_posix() for path in new_manifest})
    return WriteReport(written, unchanged, removed)


def _manifest_bytes(files: dict[str, str]) -> bytes:
    return (json.dumps({"generator": "briefing", "files": files}, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _recover(docs: Path) -> dict[str, str]:
    """After a run killed while replacing pages: own each file that matches the manifest or the journal
    (the manifest the killed run meant to write), record that as the manifest, and drop the journal."""
    before, meant = read_manifest(docs), read_manifest(docs, JOURNAL)
    owned = {}
    for path in sorted(set(before) | set(meant)):
        target = docs / path
        if target.is_file() and not target.is_symlink():
            found = digest(target.read_bytes())
            if found in (before.get(path), meant.get(path)):
                owned[path] = found
    _atomic_write(docs / MANIFEST, _manifest_bytes(owned))
    (docs / JOURNAL).unlink()
    return owned


def _remove_stale_temporaries(docs: Path, state: BuildState | None) -> None:
    """Temporary pages a killed run left; no other run is writing (see lock.py). Serve writes again
    and again: once per ``state``."""
    if (state is not None and docs in state.swept) or not docs.is_dir():
        return
    for folder, _, names in os.walk(docs):
        for name in names:
            if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                Path(folder, name).unlink(missing_ok=True)
    if state is not None:
        state.swept.add(docs)


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
