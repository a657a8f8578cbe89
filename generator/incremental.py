"""What ``briefing build --incremental`` starts from: the last build, if the site is the one it made.

Every build leaves ``.briefing-build.json`` in the project root: the build's fingerprint (of
``mkdocs.yml``, the theme, briefing itself and the installed versions) and each page's source
digest, output, anchors and the paths its links looked up (``to_build`` decides from it which
pages to build again, ``link_kept`` keeps the others), and each static file's digest (``copy_static_files``
keeps those whose source is unchanged). The site's marker file records that state's digest: a build
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
    folders: set[Path] = set()
    for uri, state in kept.items():
        if not _link_from(previous_site, site_dir, state["dest"], folders):
            missing.add(uri)
    return missing


def _link_from(previous_site: Path, site_dir: Path, dest: str, folders: set[Path]) -> bool:
    """The last site's file ``dest`` into the new site: a hard link, or a copy; False if there is none.
    ``folders``: those made already (a page is a folder of its own: one mkdir per folder, not per file)."""
    path = PurePosixPath(dest)
    if path.is_absolute() or ".." in path.parts or not path.parts:  # not a file of the site
        return False
    old, new = previous_site / path, site_dir / path
    try:
        if new.parent not in folders:
            new.parent.mkdir(parents=True, exist_ok=True)
            folders.add(new.parent)
        os.link(old, new)
    except FileNotFoundError:
        return False
    except OSError:  # another file system, or no hard links there: copy
        try:
            new.unlink(missing_ok=True)
            shutil.copyfile(old, new)
        except OSError:
            return False
    return True


def copy_static_files(files, previous: dict | None, previous_site: Path | None, site_dir: Path) -> dict[str, str]:
    """MkDocs' ``Files.copy_static_files``, but a file whose source has the digest it had when the last
    build copied it is hard-linked from the last site (at 5,500 pages: 3,400 feeds, made anew by each
    build's generate, most the same). Returns each copied file's digest, for the next build."""
    last = (previous or {}).get("static", {}) if previous_site is not None else {}
    digests: dict[str, str] = {}
    folders: set[Path] = set()
    for file in files:
        if file.is_documentation_page() or not file.inclusion.is_included():
            continue
        if file.generated_by is not None or file.abs_src_path is None:  # made by a plugin: as MkDocs does
            file.copy_file()
            continue
        with open(file.abs_src_path, "rb") as source:
            digest = hashlib.file_digest(source, "sha256").hexdigest()
        digests[file.dest_uri] = digest
        if (
            previous_site is None
            or last.get(file.dest_uri) != digest
            or not _link_from(previous_site, site_dir, file.dest_uri, folders)
        ):
            file.copy_file()
    return digests


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
