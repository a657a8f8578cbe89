"""The renderer: every page builder, by family, as ``render_all`` runs them (a ``render_*`` method
per kind of page), and the backlinks each finished page ends with."""

from __future__ import annotations

from .entity_pages import EntityPages
from .links import PageLinks
from .overview_pages import OverviewPages
from .page import Page
from .section_indexes import SectionIndexes


class Renderer(EntityPages, OverviewPages, SectionIndexes):
    def render_backlinks(self, page: Page, sources: list[Page], updated: str | None = None) -> Page:
        text = self.env.get_template("backlinks.md.j2").render(
            h=PageLinks(page.path, self.corpus),
            pages=sorted(sources, key=lambda p: (p.path != "index.md", p.path)),
            updated=updated,
        )
        return Page(page.path, page.title, page.text + text, page.origin, updated, page.searchable)
