"""Killing `briefing build` or `briefing generate` while it generates leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import descendants, make_project

SOURCES = 2500


@pytest.fixture(scope="module")
def big_seeds(tmp_path_factory) -> Path:
    from generator.synthetic import write_corpus

    seeds = tmp_path_factory.mktemp("big") / "seeds"
    write_corpus(seeds, SOURCES)
    return seeds


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be read


def _of_project(root: Path) -> list[int]:
    """Live processes whose command line names the project: briefing and every worker it forked."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and str(root) in Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry))
        except OSError:
            continue
    return [pid for pid in found if _alive(pid)]


def _depth(pid: int) -> int:
    """How many generations of processes ``pid`` has started (1: children, 2: grandchildren)."""
    children = descendants(pid)
    direct = [
        c
        for c in children
        if Path(f"/proc/{c}/stat").exists()
        and int(Path(f"/proc/{c}/stat").read_text().rsplit(")", 1)[1].split()[1]) == pid
    ]
    return 0 if not children else 1 + max((_depth(c) for c in direct), default=0)


@pytest.mark.parametrize(
    "command, sig, depth",
    [
        ("build", signal.SIGKILL, 2),  # briefing -> generate worker -> render workers
        ("build", signal.SIGTERM, 2),
        ("generate", signal.SIGKILL, 1),  # briefing -> render workers
    ],
)
def test_no_worker_outlives_a_killed_briefing(big_seeds, tmp_path, command, sig, depth):
    root = make_project(tmp_path / "project", big_seeds)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while True:  # until the render workers run
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the render workers never started"
            try:
                reached = _depth(process.pid)
            except (OSError, ValueError, IndexError):
                continue  # a process ended while we read it
            workers |= set(descendants(process.pid))
            if reached >= depth:
                break
            time.sleep(0.01)
        workers |= set(descendants(process.pid))
        os.kill(process.pid, sig)
        code = process.wait(30)
        assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 128 + signal.SIGTERM)
        deadline = time.monotonic() + 15
        while (_of_project(root) or any(_alive(pid) for pid in workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in workers if _alive(pid)] == []
        assert _of_project(root) == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in workers | set(_of_project(root)):  # what a failing run left behind
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
