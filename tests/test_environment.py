"""A full disk, a read-only or unwritable folder, a site/ that is a mount point: told as what they are.

Each case is made for real: small tmpfs file systems and read-only bind mounts (so the tests need
root, and skip, saying why, without it), and root's permission bypass dropped for the unwritable case.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, briefing, make_project, tree_bytes

CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


@pytest.fixture
def mount():
    """mount(target, *options): a real mount for the test, undone after it."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small or read-only file system for this test needs root")
    made: list[Path] = []

    def run(target: Path, *options: str) -> None:
        result = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount here ({result.stderr.strip()})")
        made.append(target)

    yield run
    for target in reversed(made):
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def _told_as_environment(result, *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_a_read_only_docs_folder_is_named_and_explained(mini_project, mount):
    docs = mini_project / "docs"
    mount(docs, "--bind", str(docs))
    mount(docs, "-o", "remount,bind,ro")
    result = briefing(mini_project, "generate")
    _told_as_environment(result, "docs/", "read-only file system", "remount it read-write")


def test_a_docs_folder_this_user_may_not_write_is_named_and_explained(mini_project):
    docs = mini_project / "docs"
    docs.chmod(0o555)
    try:

        def without_root_bypass():  # root ignores file modes unless it gives up this capability
            libc = ctypes.CDLL(None, use_errno=True)
            for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
                if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                    os._exit(99)

        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(mini_project), "generate"],
            capture_output=True,
            text=True,
            env=env,
            cwd=mini_project,
            preexec_fn=without_root_bypass if os.geteuid() == 0 else None,
        )
        if result.returncode == 99:
            pytest.skip("cannot drop root's permission bypass here (no CAP_SETPCAP)")
        _told_as_environment(result, "permission denied", "docs/", "writable for this user")
    finally:
        docs.chmod(0o755)


def test_a_full_disk_under_docs_is_told_and_the_next_run_after_freeing_space_works(mini_project, mount, tmp_path):
    docs = mini_project / "docs"
    keep = tmp_path / "docs-before"
    shutil.copytree(docs, keep)
    mount(docs, "-t", "tmpfs", "-o", "size=1m", "tmpfs")
    shutil.copytree(keep, docs, dirs_exist_ok=True)
    filler = docs / "filler.bin"
    with filler.open("wb") as out:  # leave a few kilobytes: fewer than the pages need
        free = shutil.disk_usage(docs).free
        out.write(b"x" * max(0, free - 8192))
    before = tree_bytes(docs)
    result = briefing(mini_project, "generate")
    _told_as_environment(result, "no space left on the device holding docs/", "free some space")
    assert tree_bytes(docs) == before  # no page replaced, no temporary file left
    filler.unlink()
    again = briefing(mini_project, "generate")
    assert again.returncode == 0, again.stderr
    assert (docs / "index.md").is_file()


def test_a_disk_filling_up_during_the_mkdocs_build_is_one_clear_line(tmp_path, mount):
    disk = tmp_path / "disk"
    disk.mkdir()
    mount(disk, "-t", "tmpfs", "-o", "size=8m", "tmpfs")
    root = make_project(disk / "project", FIXTURES / "mini" / "seeds")
    assert briefing(root, "generate").returncode == 0
    filler = disk / "filler.bin"
    with filler.open("wb") as out:  # the site (Material's assets alone) needs more than this
        out.write(b"x" * max(0, shutil.disk_usage(disk).free - 300_000))
    result = briefing(root, "build")
    _told_as_environment(
        result, "mkdocs build stopped: no space left on the device holding .site-new-", "site is unchanged"
    )
    assert not (root / "site").exists()
    filler.unlink()
    again = briefing(root, "build")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in root.glob(".site-*")) == []


def test_a_site_folder_that_is_a_mount_point_is_rebuilt_in_place(tmp_path, mount):
    root = make_project(tmp_path / "project", FIXTURES / "mini" / "seeds")
    site = root / "site"
    site.mkdir()
    mount(site, "-t", "tmpfs", "-o", "size=64m", "tmpfs")
    first = briefing(root, "build")
    assert first.returncode == 0, first.stderr
    note = root / "seeds" / "events" / "harbour-talks-next-week.yml"
    note.unlink()  # its page goes: the rebuilt site must not keep it
    again = briefing(root, "build")
    assert again.returncode == 0, again.stderr
    assert os.path.ismount(site)
    alone = make_project(tmp_path / "alone", root / "seeds")
    assert briefing(alone, "build").returncode == 0
    assert tree_bytes(site) == tree_bytes(alone / "site")


def test_a_full_site_mount_point_is_told_and_rebuilt_once_there_is_room(tmp_path, mount):
    root = make_project(tmp_path / "project", FIXTURES / "mini" / "seeds")
    site = root / "site"
    site.mkdir()
    mount(site, "-t", "tmpfs", "-o", "size=300k", "tmpfs")
    result = briefing(root, "build")
    _told_as_environment(result, "is a mount point", "no space left on the device holding site/", "next build")
    mount(site, "-o", "remount,size=64m")
    again = briefing(root, "build")
    assert again.returncode == 0, again.stderr
    assert (site / "index.html").is_file()
