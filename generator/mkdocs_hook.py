"""The thin MkDocs layer: regenerate docs/ from the notes before each build.

Plain ``mkdocs build`` and ``mkdocs serve`` then work from the notes; ``serve``
also watches ``seeds/``. Unchanged pages are not rewritten, so regenerating
inside a build does not start another build. After a build the hook indexes
search with Pagefind (in the background while serving).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from pathlib import Path

import jinja2
from mkdocs.exceptions import Abort

from generator import csp
from generator.build_state import BuildState
from generator.errors import NotesError
from generator.pipeline import Project, generate
from generator.serve_worker import GeneratorWorker
from generator.site import index_search
from generator.write import read_manifest

log = logging.getLogger("mkdocs.hooks.briefing")
# Note problems go to their own logger: under "mkdocs" a strict build would count
# them and stop the dev server, which should instead keep the last good pages.
problems_log = logging.getLogger("briefing")
if not problems_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("NOTES   -  %(message)s"))
    problems_log.addHandler(_handler)
    problems_log.propagate = False
_serving = False
_worker: GeneratorWorker | None = None  # while serving: see generator/serve_worker.py
_state: BuildState | None = None  # while serving without a worker: what generating keeps between edits
# Set by `briefing build`, which generates docs/ before MkDocs and indexes search after it.
_driven_by_briefing = os.environ.get("BRIEFING_BUILD") == "1"


# generator/mkdocs_build.py may build pages in forked workers, and (--incremental) keep a page whose
# inputs did not change: every page event here keeps its state per page (the CSP hashes a page's
# context allows are popped by its own on_post_page) and no whole-site event reads it. A failed
# check raises Abort in the worker, which stops the build as it would in one process.
builds_pages_apart = True


def page_inputs(file) -> str:
    """What a page's HTML depends on besides its own file, mkdocs.yml and the theme (see mkdocs_build).

    A generated page is checked for its front matter (on_page_markdown): whether it is one counts.
    A hand-written page with [[references]] shows the notes' names and titles: it depends on the
    generated pages, whose digests the manifest lists, so any change to what they say builds it again.
    """
    if file.src_uri in _generated:  # read by on_files, which MkDocs runs before pages are read
        return "generated"
    try:
        references = "[[" in Path(file.abs_src_path).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return "unreadable"  # MkDocs reports it itself
    return f"references {_generated_digest[0]}" if references else "hand-written"


def _project(config) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    global _serving, _state
    _serving = command == "serve"
    if _serving:
        _state = BuildState()  # each edit then parses, builds and renders only what it changed
    if dirty:
        # MkDocs warns that a dirty build may leave stale links; here the generator rewrites every
        # page whose Markdown changes, so the warning is noise on every edit.
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def _generate(config):
    """Generate in-process, or in the serve worker (started at the first build, before threads exist)."""
    global _worker
    if _serving and _worker is None and GeneratorWorker.possible():
        _worker = GeneratorWorker(_project(config))
    return (_worker.generate() if _worker else generate(_project(config), _state)).report


def on_pre_build(config):
    _corpus_for_refs.clear()
    if _driven_by_briefing:
        return  # `briefing build` generated docs/ just before starting MkDocs
    started = time.perf_counter()
    try:
        report = _generate(config)
    except NotesError as err:
        for problem in err.problems:
            problems_log.error(str(problem))
        if not _serving:
            raise Abort(f"{len(err.problems)} problem(s) in the notes; nothing was written") from None
        problems_log.error("keeping the last good pages until the notes are fixed")
        return
    if report.written or report.removed:
        log.info("briefing: %d page(s) written, %d removed, in %.1f s", len(report.written), len(report.removed),
                 time.perf_counter() - started)


def on_serve(server, config, builder):
    seeds = str(_project(config).seeds)
    if not _watch_natively(server, seeds):
        server.watch(seeds)
    return server


# What changes a note; reading one (opened, closed without writing) does not.
_CHANGES = {"created", "modified", "deleted", "moved", "closed"}
# A change that is complete: a "modified" file is usually still being written, and "closed"
# follows; generating at "modified" would only mean generating twice.
_WRITTEN = {"created", "deleted", "moved", "closed"}
_observers: list = []


def _watch_natively(server, folder: str) -> bool:
    """Rebuild as soon as the system reports a change under ``folder`` (inotify on Linux).

    MkDocs polls what it watches every 0.5 s, and a poll of 10,000 notes takes a while
    more: an edit waited up to a second to be seen. This sets the rebuild flag MkDocs'
    own watcher sets (LiveReloadServer in mkdocs 1.6, which is pinned); without it, or
    without a native observer, MkDocs polls the notes as before.
    """
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild"):
        return False
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    def changed(event) -> None:
        if event.is_directory or event.event_type not in _CHANGES:
            return
        if _worker is not None and event.event_type in _WRITTEN:
            _worker.notes_changed()
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = changed
    observer = Observer()
    try:
        observer.schedule(handler, folder, recursive=True)
        observer.start()
    except OSError as err:  # e.g. the system's limit on watches is reached
        log.warning("briefing: watching %s by polling (%s)", folder, err)
        return False
    _observers.append(observer)
    return True


def on_shutdown():
    for observer in _observers:
        observer.stop()


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory for the life of the process.

    ``mkdocs serve`` makes a new theme environment for every rebuild, which compiled the
    Material templates again (a quarter of a second); Jinja still recompiles a template
    whose source changed (it checks a checksum).
    """

    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


def on_env(env, config, files):
    global _theme_scripts
    if _serving:
        env.bytecode_cache = _compiled_templates
    _theme_scripts = csp.ThemeScripts(env, list(config.theme.get("features") or []))
    return env


def _fail(message: str) -> None:
    """Stop a build; while serving, say it and keep the server."""
    if _serving:
        problems_log.error(message)
        return
    raise Abort(message)


_corpus_for_refs: list = []  # the notes, read once per build for hand-written pages' [[references]]
_generated: dict[str, str] = {}  # the pages the generator wrote (its manifest), by docs-relative path
_generated_digest: list[str] = ["-"]  # of that manifest: what the notes gave every generated file
_theme_scripts: csp.ThemeScripts | None = None
# The inline-script hashes each page's policy allows, until the built page is checked against them.
_expected_hashes: dict[str, frozenset[str] | None] = {}


def on_files(files, config):
    _corpus_for_refs.clear()  # each build reads the notes again: a served edit must show
    _generated.clear()
    _generated.update(read_manifest(Path(config.docs_dir)))
    _generated_digest[:] = [hashlib.sha256(json.dumps(_generated, sort_keys=True).encode()).hexdigest()]
    return files


def on_page_markdown(markdown, page, config, files):
    """Keep every page out of Material's whole-site index: Pagefind searches the site.

    A generated page must have given MkDocs its front matter: when it cannot read it, MkDocs drops it
    without a word and shows it as Markdown (the generator checks each block; this is the last look)."""
    if page.file.src_uri in _generated and page.meta.get("generated_by") != "briefing":
        _fail(f"{config.docs_dir}/{page.file.src_uri}: MkDocs could not read the front matter of this generated "
              "page; run `briefing generate` again, and report it if it stays")
    # Hand-written pages may use [[references]] too (see generator/docs_refs.py).
    page.meta["search"] = {"exclude": True}
    if page.meta.get("generated_by") != "briefing" and "[[" in markdown:
        from generator.docs_refs import resolve_page
        from generator.pipeline import checked_corpus

        try:
            if not _corpus_for_refs:
                _corpus_for_refs.append(checked_corpus(_project(config)))
        except NotesError as err:
            for problem in err.problems:
                problems_log.error(str(problem))
            if not _serving:
                raise Abort(f"{len(err.problems)} problem(s) in the notes or docs/ pages") from None
            return markdown
        return resolve_page(markdown, page.file.src_uri, _corpus_for_refs[0])
    return markdown


class _BackgroundIndexer:
    """While serving, search is indexed after the page reloads: an edit shows without waiting.

    One run at a time; edits during a run start one more run when it ends.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._running = self._again = False

    def request(self, site_dir: str) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._run, args=(site_dir,), daemon=True).start()

    def _run(self, site_dir: str) -> None:
        while True:
            error = index_search(site_dir)
            if error:
                problems_log.error(error)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False


_indexer = _BackgroundIndexer()


def on_post_build(config):
    if _driven_by_briefing:
        return  # `briefing build` indexes search itself, after MkDocs exits
    if _serving:
        _indexer.request(config.site_dir)
        return
    error = index_search(config.site_dir)
    if error:
        raise Abort(error)


def _set_policy(context, key: str) -> None:
    """Put the page's Content-Security-Policy into its template context (main.html prints it). The dev
    server adds an inline live-reload script to every page it serves: while serving, inline scripts run."""
    hashes = None if _serving else _theme_scripts.hashes(context)
    _expected_hashes[key] = hashes
    context["briefing_csp"] = csp.policy(hashes)


def _check_policy(output: str, key: str, where: str) -> None:
    error = csp.check_page(output, _expected_hashes.pop(key, None))
    if error:
        _fail(f"{where}: the built page {error}")


def on_template_context(context, template_name, config):
    _set_policy(context, template_name)
    return context


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        _check_policy(output_content, template_name, template_name)
    return output_content


def on_post_page(output, page, config):
    _check_policy(output, page.file.src_uri, f"{config.docs_dir}/{page.file.src_uri}")
    return output


def on_page_context(context, page, config, nav):
    """"Edit this page" opens the note a generated page comes from, never the generated file."""
    _set_policy(context, page.file.src_uri)
    base = (config.extra or {}).get("edit_base")
    if base and page.meta.get("generated_by") == "briefing" and not page.meta.get("notes_file"):
        page.edit_url = None  # an overview page comes from every note: there is no one file to edit
    elif base:
        docs = Path(config.docs_dir).resolve().relative_to(_project(config).root).as_posix()
        target = page.meta.get("notes_file") or f"{docs}/{page.file.src_uri}"
        page.edit_url = base.rstrip("/") + "/" + target
    return context
