"""What the MkDocs plugin checks and adds per page (see mkdocs_plugin.py, which calls these).

- a generated page must have given MkDocs its front matter (the generator's last look);
- every page stays out of Material's whole-site search index: Pagefind searches the site;
- hand-written pages may use [[references]] (generator/docs_refs.py);
- each page carries its Content-Security-Policy, and the built page is checked against it (csp.py).

("Edit this page" is worked out by the theme, site_theme/partials/actions.html, for every engine.)

generator/mkdocs_build.py may build pages in forked workers, and (--incremental) keep a page whose
inputs did not change: every page event here keeps its state per page (the CSP hashes a page's
context allows are popped by its own post-page check) and no whole-site event reads it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import Abort

from generator import csp
from generator.errors import NotesError
from generator.project import Project
from generator.write import read_manifest

# Note problems go to their own logger: under "mkdocs" a strict build would count
# them and stop the dev server, which should instead keep the last good pages.
problems_log = logging.getLogger("briefing")
if not problems_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("NOTES   -  %(message)s"))
    problems_log.addHandler(_handler)
    problems_log.propagate = False


def project_of(config) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


class PageChecks:
    """The per-build state of the page events: the generator's manifest, the notes for [[references]],
    the theme's inline scripts, and each page's expected script hashes until its HTML is checked."""

    def __init__(self, fail: Callable[[str], None], serving: Callable[[], bool]):
        self._fail = fail  # stops a build; while serving, says it and keeps the server
        self._serving = serving
        self._corpus_for_refs: list = []  # the notes, read once per build for hand-written pages
        self._generated: dict[str, str] = {}  # the pages the generator wrote (its manifest), by docs path
        self._generated_digest = "-"  # of that manifest: what the notes gave every generated file
        self._theme_scripts: csp.ThemeScripts | None = None
        self._expected_hashes: dict[str, frozenset[str] | None] = {}

    def page_inputs(self, file) -> str:
        """What a page's HTML depends on besides its own file, mkdocs.yml and the theme (see mkdocs_build).

        A generated page is checked for its front matter: whether it is one counts. A hand-written page
        with [[references]] shows the notes' names and titles: it depends on the generated pages, whose
        digests the manifest lists, so any change to what they say builds it again.
        """
        if file.src_uri in self._generated:  # read by files_read, which MkDocs runs before pages are read
            return "generated"
        try:
            references = "[[" in Path(file.abs_src_path).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return "unreadable"  # MkDocs reports it itself
        return f"references {self._generated_digest}" if references else "hand-written"

    def build_started(self) -> None:
        self._corpus_for_refs.clear()

    def files_read(self, config) -> None:
        self._corpus_for_refs.clear()  # each build reads the notes again: a served edit must show
        self._generated = read_manifest(Path(config.docs_dir))
        self._generated_digest = hashlib.sha256(json.dumps(self._generated, sort_keys=True).encode()).hexdigest()

    def theme_ready(self, env, config) -> None:
        self._theme_scripts = csp.ThemeScripts(env, list(config.theme.get("features") or []))

    def markdown(self, markdown: str, page, config) -> str:
        """Keep every page out of Material's whole-site index, check a generated page's front matter
        (when MkDocs cannot read it, it drops it without a word and shows it as Markdown), and resolve
        a hand-written page's [[references]]."""
        if page.file.src_uri in self._generated and page.meta.get("generated_by") != "briefing":
            self._fail(
                f"{config.docs_dir}/{page.file.src_uri}: MkDocs could not read the front matter of this "
                "generated page; run `briefing generate` again, and report it if it stays"
            )
        page.meta["search"] = {"exclude": True}
        if page.meta.get("generated_by") == "briefing" or "[[" not in markdown:
            return markdown
        from generator.docs_refs import resolve_page
        from generator.pipeline import checked_corpus

        try:
            if not self._corpus_for_refs:
                self._corpus_for_refs.append(checked_corpus(project_of(config)))
        except NotesError as err:
            for problem in err.problems:
                problems_log.error(str(problem))
            if not self._serving():
                raise Abort(f"{len(err.problems)} problem(s) in the notes or docs/ pages") from None
            return markdown
        return resolve_page(markdown, page.file.src_uri, self._corpus_for_refs[0])

    def set_policy(self, context, key: str) -> None:
        """Put the page's Content-Security-Policy into its template context (main.html prints it). The dev
        server adds an inline live-reload script to every page it serves: while serving, inline scripts run."""
        assert self._theme_scripts is not None, "theme_ready runs at on_env, before any page"
        hashes = None if self._serving() else self._theme_scripts.hashes(context)
        self._expected_hashes[key] = hashes
        context["briefing_csp"] = csp.policy(hashes)

    def check_policy(self, output: str, key: str, where: str) -> None:
        error = csp.check_page(output, self._expected_hashes.pop(key, None))
        if error:
            self._fail(f"{where}: the built page {error}")
