"""What ``briefing build --incremental`` starts from: the last build, if the site is the one it made.

Every build leaves ``.briefing-build.json`` in the project root: the build's fingerprint (of
``mkdocs.yml``, the theme, briefing itself and the installed versions) and each page's source
digest, output, anchors and the paths its links looked up (``to_build`` decides from it which
pages to build again, ``link_kept`` keeps the others). The site's marker file records that state's digest: a build
killed between replacing the site and replacing the state, or a site or state restored from
different builds, does not match, and the next build builds everything.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
from pathlib import Path, PurePosixPath

STATE_FILE = ".briefing-build.json"
STATE_VERSION = 1
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


def to_build(
    digests: dict[str, str], every_file: list[str], previous: dict | None, signature: list, stamp: str
) -> set[str]:
    """The pages whose HTML the last build's would not equal."""
    if (
        previous is None
        or previous.get("version") != STATE_VERSION
        or previous["fingerprint"] != stamp
        or previous["nav"] != signature
    ):
        return set(digests)
    kept = previous["pages"]
    came_or_went = set(previous["files"]) ^ set(every_file)
    return {
        uri
        for uri in digests
        if uri not in kept or kept[uri]["digest"] != digests[uri] or not came_or_went.isdisjoint(kept[uri]["lookups"])
    }


def link_kept(kept: dict[str, dict], previous_site: Path, site_dir: Path) -> set[str]:
    """Hard-link the last site's pages that are kept into the new site; those missing are built."""
    missing = set()
    for uri, state in kept.items():
        dest = PurePosixPath(state["dest"])
        if dest.is_absolute() or ".." in dest.parts:  # not a page of the site: build it instead
            missing.add(uri)
            continue
        old, new = previous_site / dest, site_dir / dest
        try:
            new.parent.mkdir(parents=True, exist_ok=True)
            os.link(old, new)
        except FileNotFoundError:
            missing.add(uri)
        except OSError:  # another file system, or no hard links there: copy
            try:
                new.unlink(missing_ok=True)
                shutil.copyfile(old, new)
            except OSError:
                missing.add(uri)
    return missing


def search_index_unchanged(previous: dict, state: dict, previous_site: Path, site_dir: Path) -> bool:
    """Whether Pagefind would index ``site_dir`` exactly as it indexed the last site, so its index can be kept.

    It does when the same builder made both (``fingerprint``: mkdocs.yml, the theme, briefing and the
    installed MkDocs, Material and Pagefind; Pagefind reads no config of its own, see site.pagefind_command)
    and the HTML files are the last site's, path for path and byte for byte (most are hard links to them).
    """
    if (
        previous.get("version") != STATE_VERSION
        or previous.get("fingerprint") != state["fingerprint"]
        or not (previous_site / "pagefind").is_dir()
    ):
        return False
    old, new = _pages_html(previous_site), _pages_html(site_dir)
    if old is None or old != new:
        return False
    return all(_same_file(previous_site / path, site_dir / path) for path in new)


def _pages_html(site: Path) -> set[str] | None:
    """The HTML files Pagefind indexes (its ``--glob **/*.html``), outside its own folder; None if one is
    not a regular file (MkDocs writes none such: whatever it is, let Pagefind read it again)."""
    found = set()
    for path in site.rglob("*.html"):
        relative = path.relative_to(site)
        if relative.parts[0] == "pagefind":
            continue
        if path.is_symlink() or not path.is_file():
            return None
        found.add(relative.as_posix())
    return found


def _same_file(old: Path, new: Path) -> bool:
    if os.path.samefile(old, new):  # a kept page, hard-linked from the last site
        return True
    return filecmp.cmp(old, new, shallow=False)


def keep_search_index(previous_site: Path, site_dir: Path) -> None:
    """The last site's index into the new site, by hard link where the file system allows (never written into)."""

    def link_or_copy(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)

    shutil.copytree(previous_site / "pagefind", site_dir / "pagefind", copy_function=link_or_copy)
