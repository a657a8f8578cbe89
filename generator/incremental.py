"""What ``briefing build --incremental`` may start from: the last build, if nothing it cannot see changed.

Every build leaves ``.briefing-build.json`` in the project root: each page's source digest,
output, anchors and the paths its links looked up (written by mkdocs_build.py). The site's
marker file records the build's fingerprint and that state's digest. An incremental build
starts from the last site only when both match; otherwise it builds everything, as after:

- a change to ``mkdocs.yml``, to briefing itself (its templates, theme, hook, code) or to the
  installed MkDocs, Material, Markdown, Jinja2, Pagefind or Python (the fingerprint);
- a build killed between replacing the site and replacing the state (the digest).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
from pathlib import Path

STATE_FILE = ".briefing-build.json"
MARKER_TEXT = "built by briefing; this whole folder is replaced on each build\n"
# What the HTML depends on besides the Markdown: each package's version.
PACKAGES = ("briefing", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pagefind",
            "pagefind-bin")
PACKAGE_DIR = Path(__file__).resolve().parent


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def fingerprint(config: Path) -> str:
    """A digest of everything but the pages that a site's HTML is made from."""
    digest = hashlib.sha256(platform.python_version().encode())
    for package in PACKAGES:
        digest.update(f"\0{package}={_version(package)}".encode())
    digest.update(b"\0config\0" + config.read_bytes())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"\0{path.relative_to(PACKAGE_DIR).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def marker(fingerprint_: str, state: bytes | None) -> str:
    """The site marker's text: ours, made with ``fingerprint_``, along with ``state``."""
    if state is None:
        return MARKER_TEXT
    return f"{MARKER_TEXT}fingerprint {fingerprint_}\nstate {hashlib.sha256(state).hexdigest()}\n"


def previous_state(root: Path, site: Path, marker_name: str, fingerprint_: str) -> Path | None:
    """The last build's state, when the site beside it was built with it and ``fingerprint_``."""
    state = root / STATE_FILE
    try:
        recorded, data = (site / marker_name).read_text("utf-8"), state.read_bytes()
    except (OSError, UnicodeDecodeError):
        return None
    return state if recorded == marker(fingerprint_, data) else None
