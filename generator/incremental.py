"""What ``briefing build --incremental`` starts from: the last build, if the site is the one it made.

Every build leaves ``.briefing-build.json`` in the project root: the build's fingerprint (of
``mkdocs.yml``, the theme, briefing itself and the installed versions) and each page's source
digest, output, anchors and the paths its links looked up (mkdocs_build.py decides from it
which pages to build again). The site's marker file records that state's digest: a build
killed between replacing the site and replacing the state, or a site or state restored from
different builds, does not match, and the next build builds everything.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

STATE_FILE = ".briefing-build.json"
MARKER_TEXT = "built by briefing; this whole folder is replaced on each build\n"


def marker(state: bytes | None) -> str:
    """The site marker's text: ours, and built along with ``state``."""
    return MARKER_TEXT if state is None else f"{MARKER_TEXT}state {hashlib.sha256(state).hexdigest()}\n"


def previous_state(root: Path, site: Path, marker_name: str) -> Path | None:
    """The last build's state, when ``site`` is the site built along with it."""
    state = root / STATE_FILE
    try:
        recorded, data = (site / marker_name).read_text("utf-8"), state.read_bytes()
    except (OSError, UnicodeDecodeError):
        return None
    return state if recorded == marker(data) else None
