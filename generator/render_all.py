"""Stage 4, run: every page of the site rendered, each ending with its backlinks; over forked
workers for a large one-off build, or reusing the pages kept from the last run in serve."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from .corpus import Corpus
from .link import Links, link
from .pages.links import LOOKUPS
from .pages.page import Page
from .pages.paging import LISTING_THRESHOLD
from .pages.renderer import Renderer
from .reuse import Derived, LoggedTable, Reads
from .workers import in_workers, worker_count

if TYPE_CHECKING:
    from .build_state import BuildState

# Pages rendered per process is the cost that grows with the corpus; from this many
# pages on, rendering is split over the machine's cores (forked, so nothing is copied).
PARALLEL_FROM = 1000


def render(
    corpus: Corpus,
    links: Links | None = None,
    history: dict[str, str] | None = None,
    listing_threshold: int = LISTING_THRESHOLD,
    state: BuildState | None = None,
) -> list[Page]:
    """Every page of the site, sorted by path, each ending with the pages that link to it and
    that it does not link to itself.

    ``history`` maps note files to the date they last changed (see history.py);
    ``listing_threshold`` is how many entries a section lists on its index page, and how many quotes,
    positions or dated entries an overview page shows (see LISTING_THRESHOLD). With a ``state``
    (serve), pages whose inputs are unchanged since its last render are reused (see reuse.py).
    """
    history = history or {}
    links = links or link(corpus)
    tasks = _tasks(corpus)
    renderer, results = _run_tasks(corpus, links, tasks, listing_threshold, state)
    rendered = [page for result in results for page in result]
    pages = {page.path: page for page, _ in rendered}
    links_of = {page.path: targets for page, targets in rendered}
    incoming: dict[str, list[Page]] = defaultdict(list)
    for page, targets in rendered:
        for target in targets - {page.path}:
            # A page the target links to already is one its reader has seen: listing it again would
            # only grow popular pages with the corpus (an issue raised at every event).
            if page.path not in links_of.get(target, ()):
                incoming[target].append(page)
    if state is None:
        return [
            renderer.render_backlinks(pages[path], incoming[path], history.get(pages[path].origin or ""))
            for path in sorted(pages)
        ]
    memo = state.pages
    memo.forget_except(set(pages))
    finished = []
    for path in sorted(pages):
        page, sources, updated = pages[path], incoming[path], history.get(pages[path].origin or "")
        inputs = (page, sorted((p.path, p.title) for p in sources), updated)
        # The memo calls it at once, within this iteration: the loop's variables are the ones meant.
        finished.append(memo.finished(path, inputs, lambda: renderer.render_backlinks(page, sources, updated)))  # noqa: B023
    return finished


CORPUS_TABLES = ("sources", "actors", "issues", "events", "statements", "statement_source", "stories")
# The table each kind of lookup (see LOOKUPS) is computed from.
LOOKED_UP = {
    "lookup.actor": "actors",
    "lookup.issue": "issues",
    "lookup.event": "events",
    "lookup.source": "sources",
    "lookup.cite": "sources",
}
LINK_TABLES = tuple(f.name for f in dataclasses.fields(Links) if f.name != "corpus")


def _logged(corpus: Corpus, links: Links, reads: Reads) -> tuple[Corpus, Links, dict[str, Any]]:
    """Views of the notes and their links that log every lookup into ``reads`` (see reuse.py),
    and the tables behind them by name."""
    tables: dict[str, Any] = {name: getattr(corpus, name) for name in CORPUS_TABLES}
    tables.update({f"links.{name}": getattr(links, name) for name in LINK_TABLES})
    tables.update({f"lookup.{kind}": Derived(partial(LOOKUPS[kind], corpus)) for kind in LOOKUPS})
    # The logged tables stand in for the dicts a Corpus and Links hold: read-only mappings.
    views: dict[str, Any] = {name: LoggedTable(name, tables[name], reads) for name in CORPUS_TABLES}
    logged_corpus = Corpus(**views)
    views = {name: LoggedTable(f"links.{name}", tables[f"links.{name}"], reads) for name in LINK_TABLES}
    logged_links = Links(logged_corpus, **views)
    return logged_corpus, logged_links, tables


def _run_tasks(
    corpus: Corpus, links: Links, tasks: list, listing_threshold: int, state: BuildState | None
) -> tuple[Renderer, list]:
    """Each task's pages: over forked workers for a one-off run; reusing what is kept, in serve (in
    this process: kept pages must be rendered in the process that keeps them)."""
    if state is None:
        renderer = Renderer(corpus, links, listing_threshold)
        return renderer, _in_workers(lambda task: _run_task(renderer, *task), tasks)
    memo = state.pages
    memo.begin()
    reads = Reads()
    logged_corpus, logged_links, tables = _logged(corpus, links, reads)
    # The state's Jinja environment, made by its first render: templates are compiled once.
    renderer = Renderer(logged_corpus, logged_links, listing_threshold, reads, memo, env=state.templates)
    state.templates = renderer.env
    memo.tasks.begin(tables, LOOKED_UP)
    try:
        results = [memo.run((*task, listing_threshold), reads, partial(_run_task, renderer, *task)) for task in tasks]
    except BaseException:
        memo.tasks.abandon()
        raise
    memo.tasks.finish({(*task, listing_threshold) for task in tasks})
    return renderer, results


def _run_task(renderer: Renderer, name: str, arg: str | None) -> list[tuple[Page, set[str]]]:
    """One renderer method's pages: entity pages come one by one, overview pages as lists."""
    result = getattr(renderer, name)(arg) if arg is not None else getattr(renderer, name)()
    return result if isinstance(result, list) else [result]


def _tasks(corpus: Corpus) -> list[tuple[str, str | None]]:
    """The renderer methods that make the site's pages, each with its argument."""
    return [
        ("render_home_page", None),
        ("render_timeline_page", None),
        ("render_positions_page", None),
        ("render_quotes_page", None),
        ("render_actor_index", None),
        ("render_issue_index", None),
        ("render_event_index", None),
        ("render_source_index", None),
        *(("render_actor_page", a) for a in sorted(corpus.actors)),
        *(("render_issue_page", i) for i in sorted(corpus.issues)),
        *(("render_event_page", e) for e in sorted(corpus.events)),
        *(("render_source_page", s) for s in sorted(corpus.sources)),
        *(("render_story_page", s) for s in sorted(corpus.stories)),
    ]


def renders_apart(corpus: Corpus) -> bool:
    """Whether a one-off render of ``corpus`` is shared over forked workers (see ``_in_workers``)."""
    return _worker_count(len(_tasks(corpus))) > 1


def _worker_count(items: int) -> int:
    return worker_count(items, PARALLEL_FROM)


def _in_workers(function: Callable[[Any], Any], items: list) -> list:
    """``[function(item) for item in items]``, over forked workers when there are many items (see workers.py)."""
    return in_workers(function, items, _worker_count(len(items)), "briefing-render")
