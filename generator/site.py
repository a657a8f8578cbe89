"""Build or serve the site with MkDocs, as a separate process.

The generator never imports MkDocs: the site builder is a replaceable step
that reads the Markdown in ``docs/``. The build goes to a temporary folder and
replaces ``site/`` only when it succeeded, so a failed build loses nothing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .pipeline import Project

SITE_MARKER = ".briefing-site"


class SiteError(Exception):
    pass


def builder_env(epoch: int, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    env.update(extra)
    return env


def index_search(site_dir: Path | str) -> str | None:
    """Index a built site with Pagefind into ``site/pagefind/``; the error text if that failed."""
    # Small print (a citation's "Publisher, date, ¶n", when the notes last changed) is not indexed:
    # it repeats on every statement, costs Pagefind a tenth of its memory at 5,000 pages, and
    # a search for a publisher should find its sources, not every statement they support.
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
               "--glob", "**/*.html", "--exclude-selectors", ".headerlink", "--exclude-selectors", "small",
               "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    return None if result.returncode == 0 else f"pagefind could not index the site:\n{result.stdout}{result.stderr}"


def _owned_or_absent(site: Path) -> bool:
    return not site.exists() or (site / SITE_MARKER).is_file() or (site.is_dir() and not any(site.iterdir()))


def build_site(project: Project, epoch: int, config: Path | None = None) -> Path:
    """``mkdocs build --strict`` and Pagefind into a temporary folder, then swap it into ``site/``.

    ``docs/`` is generated already; BRIEFING_BUILD tells the hook not to generate it
    again, and to leave search to this function, which runs Pagefind once MkDocs
    has exited, so their memory peaks do not add up.
    """
    config = config or project.root / "mkdocs.yml"
    site = project.site
    if not _owned_or_absent(site):
        raise SiteError(f"{site} holds files that a briefing build did not make; move them or delete the folder")
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=project.root))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
             "--site-dir", str(staging)],
            cwd=project.root, env=builder_env(epoch, BRIEFING_BUILD="1"), capture_output=True, text=True)
        if result.returncode != 0:
            raise SiteError(f"mkdocs build failed; {site} is unchanged.\n{result.stdout}{result.stderr}")
        error = index_search(staging)
        if error:
            raise SiteError(f"{error}\n{site} is unchanged.")
        (staging / SITE_MARKER).write_text("built by briefing; this whole folder is replaced on each build\n")
        old = None
        if site.exists():
            old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=project.root))
            os.replace(site, old / "site")
        os.replace(staging, site)
        if old:
            shutil.rmtree(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return site


def serve_site(project: Project, address: str, epoch: int, config: Path | None = None) -> int:
    """``mkdocs serve --dirty``: after an edit, MkDocs rebuilds only the pages the generator rewrote.

    That is safe here because the generator rewrites every page whose Markdown changes
    (a renamed actor rewrites every page naming them) and the nav lists section pages only.
    Strict mode is off while serving (MkDocs warns about every dirty build); ``briefing build``
    and CI stay strict.
    """
    config = config or project.root / "mkdocs.yml"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", address,
         "--dirty", "--no-strict"],
        cwd=project.root, env=builder_env(epoch))
    # Stopping `briefing serve` stops the server too, rather than leaving it holding the port.
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
