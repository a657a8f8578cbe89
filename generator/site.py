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


def builder_env(project: Project) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("SOURCE_DATE_EPOCH", str(notes_epoch(project)))
    return env


def notes_epoch(project: Project) -> int:
    """A fixed build time taken from the notes (the newest source's date), for reproducible sites."""
    import datetime as dt

    from .pipeline import check

    corpus, _ = check(project)
    dates = [s.note.published.start for s in corpus.sources.values()]
    day = max(dates) if dates else dt.date(2000, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def _owned_or_absent(site: Path) -> bool:
    return not site.exists() or (site / SITE_MARKER).is_file() or (site.is_dir() and not any(site.iterdir()))


def build_site(project: Project, config: Path | None = None) -> Path:
    """``mkdocs build --strict`` into a temporary folder, then swap it into ``site/``."""
    config = config or project.root / "mkdocs.yml"
    site = project.site
    if not _owned_or_absent(site):
        raise SiteError(f"{site} holds files that a briefing build did not make; move them or delete the folder")
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=project.root))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
             "--site-dir", str(staging)],
            cwd=project.root, env=builder_env(project), capture_output=True, text=True)
        if result.returncode != 0:
            raise SiteError(f"mkdocs build failed; {site} is unchanged.\n{result.stdout}{result.stderr}")
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


def serve_site(project: Project, address: str, config: Path | None = None) -> int:
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
        cwd=project.root, env=builder_env(project))
    # Stopping `briefing serve` stops the server too, rather than leaving it holding the port.
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
