"""Killing `briefing build` or `briefing generate` while it generates leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.lifeline import children_by_parent

from helpers import make_project

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


def _tree(pid: int) -> tuple[set[int], int]:
    """The processes ``pid`` started, directly or not, and how many generations deep they go
    (1: children, 2: grandchildren). One read of /proc per call: the test polls this every 10 ms
    while the build runs, and reading /proc again for each process of the tree cost the test
    seconds of CPU a case, taken from the build it waits for."""
    children = children_by_parent()
    found: set[int] = set()
    depth, generation = 0, children.get(pid, [])
    while generation:
        depth += 1
        found.update(generation)
        generation = [grandchild for child in generation for grandchild in children.get(child, [])]
    return found, depth


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
            started, reached = _tree(process.pid)
            workers |= started
            if reached >= depth:
                break
            time.sleep(0.01)
        workers |= _tree(process.pid)[0]
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
