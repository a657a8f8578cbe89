"""The ``briefing`` MkDocs plugin: plain ``mkdocs build`` and ``mkdocs serve`` work from the notes.

Registered through the ``mkdocs.plugins`` entry point in pyproject.toml and named in mkdocs.yml's
``plugins:``. It is a thin layer: each event hands over to the module that does the work.

- before each build, docs/ is generated from the notes (pipeline.py; while serving, in the
  long-lived worker of serve_worker.py). Unchanged pages are not rewritten, so regenerating inside a
  build does not start another build;
- while serving, the notes are watched (notes_watch.py), and docs/ is watched for changes the
  generator did not make (docs_watch.py);
- after a build, search is indexed with Pagefind (search_indexing.py; in the background while serving);
- the page checks and additions of mkdocs_pages.py.

``briefing build`` and ``briefing serve`` generate docs/ and index search themselves: they set
BRIEFING_BUILD=1, and the plugin then only checks pages. ``enabled: false`` turns the plugin off
(mkdocs.yml reads it from BRIEFING_PLUGIN, so a build of already generated pages needs no other file).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from generator.docs_watch import DocsWatcher
from generator.errors import NotesError
from generator.mkdocs_pages import PageChecks, problems_log, project_of
from generator.notes_watch import NotesWatcher
from generator.search_indexing import BackgroundIndexer
from generator.site import index_search
from generator.theme_cache import CompiledTemplates

if TYPE_CHECKING:
    from generator.build_state import BuildState
    from generator.serve_worker import GeneratorWorker

log = logging.getLogger("mkdocs.plugins.briefing")


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class BriefingConfig(Config):
    enabled = config_options.Type(bool, default=True)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    # generator/mkdocs_build.py may build the pages in forked workers, and keep unchanged ones:
    # the page events keep their state per page (mkdocs_pages.py), and page_inputs says what else a
    # page's HTML depends on. A failed check raises Abort in the worker, which stops the build.
    builds_pages_apart = True

    def __init__(self) -> None:
        self.serving = False
        self.driven_by_briefing = os.environ.get("BRIEFING_BUILD") == "1"  # see generator/site.py
        # `briefing serve`: problems in the notes at the first build stop the server (see site.serve_site).
        self.stop_on_first_problems = os.environ.get("BRIEFING_SERVE") == "1"
        self.pages = PageChecks(self._fail, lambda: self.serving)
        self.worker: GeneratorWorker | None = None
        self.state: BuildState | None = None  # while serving without a worker: what generating keeps between edits
        self.watcher = NotesWatcher()
        self.docs_watcher: DocsWatcher | None = None
        self.indexer = BackgroundIndexer()
        self.compiled_templates = CompiledTemplates()

    def page_inputs(self, file) -> str:
        return self.pages.page_inputs(file)

    def _fail(self, message: str) -> None:
        """Stop a build; while serving, say it and keep the server."""
        if self.serving:
            problems_log.error(message)
            return
        raise Abort(message)

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        if self.serving and self.config.enabled:
            from generator.build_state import BuildState

            self.state = BuildState()  # each edit then parses, builds and renders only what it changed
        if dirty:
            # MkDocs warns that a dirty build may leave stale links; here the generator rewrites every
            # page whose Markdown changes, so the warning is noise on every edit.
            logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)

    def on_shutdown(self) -> None:
        self.watcher.stop()
        if self.docs_watcher is not None:
            self.docs_watcher.stop()

    def on_pre_build(self, *, config) -> None:
        self.pages.build_started()
        if not self.config.enabled or self.driven_by_briefing:
            return
        started = time.perf_counter()
        try:
            generated = self._generate(config)
        except NotesError as err:
            for problem in err.problems:
                problems_log.error(str(problem))
            if not self.serving or self.stop_on_first_problems:
                raise Abort(f"{len(err.problems)} problem(s) in the notes; nothing was written") from None
            problems_log.error("keeping the last good pages until the notes are fixed")
            return
        self.stop_on_first_problems = False
        if self.serving:  # dated pages and the sitemap as `briefing build` dates them, when set by nobody else
            os.environ.setdefault("SOURCE_DATE_EPOCH", str(generated.epoch))
        report = generated.report
        if report.written or report.removed:
            log.info(
                "briefing: %d page(s) written, %d removed, in %.1f s",
                len(report.written),
                len(report.removed),
                time.perf_counter() - started,
            )

    def _generate(self, config):
        """Generate in-process, or in the serve worker (started at the first build, before threads exist).

        Imported here: a build that ``briefing build`` drives (BRIEFING_BUILD) never generates, and
        importing the generator cost each of its MkDocs processes a fifth of a second."""
        from generator.pipeline import generate
        from generator.serve_worker import GeneratorWorker

        if self.serving and self.worker is None and GeneratorWorker.possible():
            self.worker = GeneratorWorker(project_of(config))
        return self.worker.generate() if self.worker else generate(project_of(config), self.state)

    def on_serve(self, server, *, config, builder):
        if not self.config.enabled or self.driven_by_briefing:
            return server
        seeds = str(project_of(config).seeds)
        worker = self.worker
        if not self.watcher.watch(server, seeds, worker.notes_changed if worker else lambda: None):
            server.watch(seeds)
        self.docs_watcher = DocsWatcher(Path(config.docs_dir))
        self.docs_watcher.watch(server)  # else MkDocs keeps polling docs/
        return server

    def on_files(self, files, *, config):
        if self.config.enabled:
            self.pages.files_read(config)
        return files

    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return env
        if self.serving:
            env.bytecode_cache = self.compiled_templates
        self.pages.theme_ready(env, config)
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        return self.pages.markdown(markdown, page, config) if self.config.enabled else markdown

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled:
            self.pages.set_policy(context, page.file.src_uri)
        return context

    def on_template_context(self, context, *, template_name, config):
        if self.config.enabled:
            self.pages.set_policy(context, template_name)
        return context

    def on_post_template(self, output_content, *, template_name, config):
        if self.config.enabled and template_name.endswith(".html"):
            self.pages.check_policy(output_content, template_name, template_name)
        return output_content

    def on_post_page(self, output, *, page, config):
        if self.config.enabled:
            self.pages.check_policy(output, page.file.src_uri, f"{config.docs_dir}/{page.file.src_uri}")
        return output

    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.driven_by_briefing:
            return  # `briefing build` indexes search itself, after MkDocs exits
        if self.serving:
            self.indexer.request(config.site_dir)
            return
        error = index_search(config.site_dir)
        if error:
            raise Abort(error)
