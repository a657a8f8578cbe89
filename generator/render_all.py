"""Stage 4, run: every page of the site rendered, each ending with its backlinks; over forked
workers for a large one-off build, or reusing the pages kept from the last run in serve."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import multiprocessing
import os
import threading
from collections import defaultdict
from typing import Any

from .corpus import Corpus
from .lifeline import die_with_parent
from .link import Links, link
from .pages.links import LOOKUPS
from .pages.page import Page
from .pages.paging import LISTING_THRESHOLD
from .pages.renderer import Renderer
from .reuse import Derived, LoggedTable, PageMemo, Reads

# Pages rendered per process is the cost that grows with the corpus; from this many
# pages on, rendering is split over the machine's cores (forked, so nothing is copied).
PARALLEL_FROM = 1000


def render(corpus: Corpus, links: Links | None = None, history: dict[str, str] | None = None,
           listing_threshold: int = LISTING_THRESHOLD) -> list[Page]:
    """Every page of the site, sorted by path, each ending with the pages that link to it and
    that it does not link to itself.

    ``history`` maps note files to the date they last changed (see history.py);
    ``listing_threshold`` is how many entries a section lists on its index page, and how many quotes,
    positions or dated entries an overview page shows (see LISTING_THRESHOLD).
    """
    history = history or {}
    links = links or link(corpus)
    tasks = [("render_home_page", None), ("render_timeline_page", None), ("render_positions_page", None),
             ("render_quotes_page", None), ("render_actor_index", None), ("render_issue_index", None),
             ("render_event_index", None), ("render_source_index", None),
             *(("render_actor_page", a) for a in sorted(corpus.actors)),
             *(("render_issue_page", i) for i in sorted(corpus.issues)),
             *(("render_event_page", e) for e in sorted(corpus.events)),
             *(("render_source_page", s) for s in sorted(corpus.sources)),
             *(("render_story_page", s) for s in sorted(corpus.stories))]
    renderer, results = _run_tasks(corpus, links, tasks, listing_threshold)
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
    if _memo is None:
        return [renderer.render_backlinks(pages[path], incoming[path], history.get(pages[path].origin or ""))
                for path in sorted(pages)]
    _memo.forget_except(set(pages))
    finished = []
    for path in sorted(pages):
        page, sources, updated = pages[path], incoming[path], history.get(pages[path].origin or "")
        inputs = (page, sorted((p.path, p.title) for p in sources), updated)
        # The memo calls it at once, within this iteration: the loop's variables are the ones meant.
        finished.append(_memo.finished(path, inputs, lambda: renderer.render_backlinks(page, sources, updated)))  # noqa: B023
    return finished


# In a long-running process (serve), the last render of every page, reused while its inputs
# are unchanged (see reuse.py). Off by default: a one-off run would only hold memory.
_memo: PageMemo | None = None


def keep_rendered_pages(keep: bool = True) -> None:
    """Remember rendered pages between renders in this process (for serve), or stop and forget them."""
    global _memo
    _memo = (_memo or PageMemo()) if keep else None


CORPUS_TABLES = ("sources", "actors", "issues", "events", "statements", "statement_source", "stories")
# The table each kind of lookup (see LOOKUPS) is computed from.
LOOKED_UP = {"lookup.actor": "actors", "lookup.issue": "issues", "lookup.event": "events",
             "lookup.source": "sources", "lookup.cite": "sources"}
LINK_TABLES = tuple(f.name for f in dataclasses.fields(Links) if f.name != "corpus")


def _logged(corpus: Corpus, links: Links, reads: Reads) -> tuple[Corpus, Links, dict[str, Any]]:
    """Views of the notes and their links that log every lookup into ``reads`` (see reuse.py),
    and the tables behind them by name."""
    tables = {name: getattr(corpus, name) for name in CORPUS_TABLES}
    tables.update({f"links.{name}": getattr(links, name) for name in LINK_TABLES})
    tables.update({f"lookup.{kind}": Derived(lambda ident, kind=kind: LOOKUPS[kind](corpus, ident)) for kind in LOOKUPS})
    logged_corpus = Corpus(**{name: LoggedTable(name, tables[name], reads) for name in CORPUS_TABLES})
    logged_links = Links(logged_corpus, **{name: LoggedTable(f"links.{name}", tables[f"links.{name}"], reads)
                                           for name in LINK_TABLES})
    return logged_corpus, logged_links, tables


def _run_tasks(corpus: Corpus, links: Links, tasks: list, listing_threshold: int) -> tuple[Renderer, list]:
    """Each task's pages: over forked workers for a one-off run; reusing what is kept, in serve."""
    if _memo is None:
        renderer = Renderer(corpus, links, listing_threshold)
        return renderer, _in_workers(lambda task: _run_task(renderer, *task), tasks)
    _memo.begin()
    reads = Reads()
    logged_corpus, logged_links, tables = _logged(corpus, links, reads)
    renderer = Renderer(logged_corpus, logged_links, listing_threshold, reads, _memo)
    _memo.tasks.begin(tables, LOOKED_UP)
    try:
        results = [_memo.run((*task, listing_threshold), reads, lambda task=task: _run_task(renderer, *task))
                   for task in tasks]
    except BaseException:
        _memo.tasks.abandon()
        raise
    _memo.tasks.finish({(*task, listing_threshold) for task in tasks})
    return renderer, results


def _run_task(renderer: Renderer, name: str, arg: str | None) -> list[tuple[Page, set[str]]]:
    """One renderer method's pages: entity pages come one by one, overview pages as lists."""
    result = getattr(renderer, name)(arg) if arg is not None else getattr(renderer, name)()
    return result if isinstance(result, list) else [result]


_forked: tuple[Any, list] | None = None  # what forked workers work from


def _run_share(spec: tuple[int, int]) -> list:
    start, step = spec
    function, items = _forked
    return [function(item) for item in items[start::step]]


def _worker_count(items: int) -> int:
    # Forking a process that runs other threads (such as `mkdocs serve`) can deadlock: stay in one.
    # Kept pages must be rendered in the process that keeps them.
    if (items < PARALLEL_FROM or _memo is not None or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return 1
    return min(os.cpu_count() or 1, 4)


def _in_workers(function, items: list) -> list:
    """``[function(item) for item in items]``, over forked workers when there are many items."""
    workers = _worker_count(len(items))
    if workers < 2:
        return [function(item) for item in items]
    global _forked
    _forked = (function, items)
    try:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent,
                                                    initargs=(os.getpid(),)) as pool:
            shares = list(pool.map(_run_share, [(start, workers) for start in range(workers)]))
    finally:
        _forked = None
    results: list = [None] * len(items)
    for start, share in enumerate(shares):  # worker k did items k, k + workers, ...
        results[start::workers] = share
    return results
