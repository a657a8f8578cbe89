"""``briefing serve`` under an engine that runs no plugin (Zensical): briefing does the plugin's part.

briefing generates docs/ once at start (problems in the notes stop it, as they stop ``briefing
build``), then the engine's own server renders docs/ and reloads the browser on its changes. A native
watcher of seeds/ regenerates, in one BuildState, only what an edit changed; problems found later
are printed and the last good pages kept. Zensical serves the site from the folder its ``site_dir``
names, and leaves files it did not write there: Pagefind's index, written into that folder once the
engine has settled after each rebuild, is served at /pagefind/ as a built site's is.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from .build_state import BuildState
from .engines import zensical_config
from .errors import NotesError
from .lifeline import die_with_parent
from .notes_watch import WRITTEN, observe
from .pipeline import Project, generate
from .search_indexing import BackgroundIndexer

SETTLE = 1.0  # seconds without a change to the served folder before it is indexed


class _Regenerator:
    """One generating thread: edits during a run start one more run when it ends."""

    def __init__(self, project: Project, state: BuildState):
        self._project, self._state = project, state
        self._wanted = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def notes_changed(self) -> None:
        self._wanted.set()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            time.sleep(0.1)  # an editor's save is several events
            self._wanted.clear()
            try:
                report = generate(self._project, self._state).report
            except NotesError as err:
                for problem in err.problems:
                    print(problem, file=sys.stderr, flush=True)
                print("briefing: keeping the last good pages until the notes are fixed", file=sys.stderr, flush=True)
                continue
            except Exception as err:  # the server keeps serving the last good pages
                print(
                    f"briefing: internal error while regenerating: {type(err).__name__}: {err}",
                    file=sys.stderr,
                    flush=True,
                )
                continue
            if report.written or report.removed:
                print(f"briefing: {len(report.written)} page(s) written, {len(report.removed)} removed", flush=True)


class _SettledIndexer:
    """Indexes ``site_dir`` with Pagefind each time the engine has written to it and then stopped for
    SETTLE seconds. The folder is polled (its files' times), not watched: Zensical creates folders
    faster than a recursive watcher adds them."""

    def __init__(self, site_dir: Path):
        self._site_dir, self._indexer = site_dir, BackgroundIndexer()
        threading.Thread(target=self._run, daemon=True).start()

    def _written(self) -> tuple[int, int]:
        """The number of files the engine wrote and the time of the latest (Pagefind's own left out)."""
        count = latest = 0
        for folder, folders, names in os.walk(self._site_dir):
            if Path(folder) == self._site_dir and "pagefind" in folders:
                folders.remove("pagefind")
            for name in names:
                try:
                    latest = max(latest, os.stat(os.path.join(folder, name)).st_mtime_ns)
                except OSError:
                    continue
                count += 1
        return count, latest

    def _run(self) -> None:
        indexed, seen, since = (0, 0), (0, 0), time.monotonic()
        while True:
            time.sleep(0.5)
            written = self._written()
            if written != seen:
                seen, since = written, time.monotonic()
            elif (
                written != indexed and time.monotonic() - since >= SETTLE and (self._site_dir / "index.html").is_file()
            ):
                indexed = written
                self._indexer.request(str(self._site_dir))


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie not yet reaped has)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _remove_copies_of_the_dead(folder: Path) -> None:
    """The site folders and config copies of servers killed before they could remove them."""
    for left in folder.glob(".briefing-serve-*"):
        pid = left.name.removeprefix(".briefing-serve-").removesuffix(".yml")
        if not pid.isdigit() or _running(int(pid)) or left.is_symlink():
            continue
        if left.is_dir():
            shutil.rmtree(left)
        elif left.is_file():
            left.unlink()


def serve_with_zensical(project: Project, address: str, config: Path) -> int:
    from .site import builder_env, run_until_stopped

    _remove_copies_of_the_dead(config.parent)
    state = BuildState()
    generated = generate(project, state)  # NotesError: located problems, exit 1, no server
    # Beside mkdocs.yml: Zensical wants the site within the project, and the copy's relative paths to
    # hold; not site/, which keeps the last build; named apart from a build's (site.recover_site).
    site_dir = config.parent / f".briefing-serve-{os.getpid()}"
    site_dir.mkdir(exist_ok=True)
    copy = zensical_config(config, site_dir, site_dir)
    observers = []
    try:
        server = subprocess.Popen(
            [sys.executable, "-m", "zensical", "serve", "--config-file", str(copy), "--dev-addr", address],
            cwd=project.root,
            env=builder_env(generated.epoch),
            preexec_fn=functools.partial(die_with_parent, os.getpid()),
        )
        # Threads only after the server is started: forking a threaded process can deadlock.
        _SettledIndexer(site_dir)
        regenerator = _Regenerator(project, state)
        observers.append(
            observe(
                str(project.seeds),
                lambda event: regenerator.notes_changed() if event.event_type in WRITTEN else None,
            )
        )
        return run_until_stopped(server)
    finally:
        for observer in observers:
            observer.stop()
        copy.unlink(missing_ok=True)
        shutil.rmtree(site_dir, ignore_errors=True)
