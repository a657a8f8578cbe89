"""A generated page (a Markdown file under docs/) and the relative URLs between pages.

Its own module so that the write stage, and whatever else handles finished pages, need not
import the renderer."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..errors import NotesError, Problem
from ..front_matter import FrontMatterError, front_matter


@dataclass(frozen=True)
class Page:
    """A generated Markdown file, relative to the docs folder."""

    path: str
    title: str
    text: str
    origin: str | None = None  # the note file a contributor edits to change this page
    updated: str | None = None  # when that note last changed, from git history
    # Group pages repeat what entity pages show: searching them would only bury the
    # entity page (and cost the index memory); the site theme leaves them out.
    searchable: bool = True
    # More front matter, added once the page is rendered: its description and structured data
    # (see structured_data.py).
    meta: tuple[tuple[str, str], ...] = ()

    def front_matter(self) -> dict[str, str]:
        """What MkDocs reads from the top of the page (the title, the note it comes from)."""
        # MkDocs themes print page.title as HTML (<title>, header, nav, search index): escape it here.
        meta = {"title": html.escape(self.title, quote=True), "generated_by": "briefing"}
        if self.origin:
            meta["notes_file"] = self.origin
        if not self.searchable:
            meta["searchable"] = "no"
        if self.updated:
            meta["notes_updated"] = self.updated
        meta.update(self.meta)
        return meta

    def markdown(self) -> str:
        """The file as written: front matter (checked to read back as meant, see front_matter.py) and the body."""
        try:
            return front_matter(self.front_matter()) + self.text
        except FrontMatterError as err:
            raise NotesError(
                [
                    Problem(
                        self.origin or f"docs/{self.path}",
                        1,
                        0,
                        (f"the page docs/{self.path} cannot be written: {err}; please report this with the note"),
                    )
                ]
            ) from None


def relative_url(from_folder: str, target: str) -> str:
    """``target`` (relative to docs/) as seen from a page in ``from_folder``.

    What posixpath.relpath gives for these clean relative paths, without its cost
    (it dominated rendering at thousands of pages).
    """
    if not from_folder:
        return target
    if target.startswith(from_folder + "/"):
        return target[len(from_folder) + 1 :]
    up, down = from_folder.split("/"), target.split("/")
    common = 0
    while common < len(up) and common < len(down) - 1 and up[common] == down[common]:
        common += 1
    return "../" * (len(up) - common) + "/".join(down[common:])
