"""The parts of MkDocs that are not its public API and that briefing relies on, named in one function.

MkDocs 1.6 is pinned (``mkdocs<2``) and unmaintained, so these names should not move; if a release
moves one anyway, ``private_mkdocs`` fails at once with what is missing, and
tests/unit/test_mkdocs_private.py fails with it, rather than a build or ``serve`` misbehaving later.
What uses them: the build over several processes (mkdocs_build.py runs ``mkdocs build``'s own page
steps) and the notes watcher (notes_watch.py asks the dev server to rebuild as its own watcher does).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class MkDocsChanged(RuntimeError):
    """The installed MkDocs lacks a private name briefing relies on."""


@dataclass(frozen=True)
class PrivateMkDocs:
    """MkDocs' private build steps, and accessors for private state, as one value."""

    populate_page: Callable[..., None]
    """``mkdocs.commands.build._populate_page(page, config, files)``: read and convert one page."""
    build_page: Callable[..., None]
    """``mkdocs.commands.build._build_page(page, config, doc_files, nav, env, dirty, excluded)``."""
    build_theme_template: Callable[..., None]
    """``mkdocs.commands.build._build_theme_template(name, env, files, config, nav)``."""
    build_extra_template: Callable[..., None]
    """``mkdocs.commands.build._build_extra_template(name, files, config, nav)``."""
    search_entries: Callable[[Any], list | None]
    """The list a search plugin's index collects page entries in (``entries`` or ``_entries``)."""
    rebuild_trigger: Callable[[Any], Callable[[], None] | None]
    """For a dev server, a function that makes it rebuild now (``_rebuild_cond``, ``_want_rebuild``)."""


@functools.cache
def private_mkdocs() -> PrivateMkDocs:
    """Every private MkDocs name briefing uses; raises MkDocsChanged naming any that is gone."""
    from mkdocs.commands import build

    steps: dict[str, Any] = {
        name: getattr(build, name, None)
        for name in ("_populate_page", "_build_page", "_build_theme_template", "_build_extra_template")
    }
    missing = [f"mkdocs.commands.build.{name}" for name, step in steps.items() if step is None]
    if missing:
        raise MkDocsChanged(f"this MkDocs has no {', '.join(missing)}; briefing needs mkdocs 1.6 (mkdocs<2)")

    def search_entries(search_plugin: Any) -> list | None:
        index = getattr(search_plugin, "search_index", None)
        for attribute in ("entries", "_entries"):
            if isinstance(getattr(index, attribute, None), list):
                return getattr(index, attribute)
        return None

    def rebuild_trigger(server: Any) -> Callable[[], None] | None:
        condition = getattr(server, "_rebuild_cond", None)
        if not isinstance(condition, threading.Condition) or not hasattr(server, "_want_rebuild"):
            return None

        def trigger() -> None:
            with condition:
                server._want_rebuild = True
                condition.notify_all()

        return trigger

    return PrivateMkDocs(
        steps["_populate_page"],
        steps["_build_page"],
        steps["_build_theme_template"],
        steps["_build_extra_template"],
        search_entries,
        rebuild_trigger,
    )
