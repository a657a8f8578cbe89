"""Killing `briefing build` or `briefing generate` while it generates, or while Pagefind indexes,
leaves no process behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.lifeline import children_by_parent

from helpers import briefing, make_project

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


# Runs as its own process: it becomes the "subreaper" of what it starts, so a process orphaned by
# the kill is handed to it and its exit status can be read. Pagefind killed with briefing ends by
# SIGKILL; one that outlived briefing ends by itself (status 0), so the test cannot pass by luck.
_REAPER = """
import ctypes, json, os, signal, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
root = sys.argv[1]
briefing = subprocess.Popen([sys.executable, "-m", "generator", "--root", root, "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
pagefind, deadline = None, time.monotonic() + 120
while pagefind is None and briefing.poll() is None and time.monotonic() < deadline:
    for entry in os.listdir("/proc"):
        try:
            line = open(f"/proc/{entry}/cmdline", "rb").read().decode(errors="replace")
        except OSError:
            continue
        # Pagefind's binary itself (its Python launcher has exec'd it), indexing this project's site.
        if entry.isdigit() and line.split("\\0")[0].endswith("/pagefind") and root in line:
            pagefind = int(entry)
    time.sleep(0.01)
if briefing.poll() is None:
    os.kill(briefing.pid, signal.SIGKILL)
briefing.wait()
ended = {}
while True:
    try:
        pid, status = os.waitpid(-1, 0)
    except ChildProcessError:
        break
    ended[pid] = status
print(json.dumps({"pagefind": pagefind, "status": ended.get(pagefind)}))
"""


def test_pagefind_dies_with_a_killed_build_and_the_next_build_works(mini_project, tmp_path):
    """Killed while Pagefind indexed, `briefing build` left it writing into the unfinished site the
    next build deletes, and the folder it ran in behind in /tmp. A large page (Pagefind takes about
    2 s over it) leaves time to kill it then."""
    words = ("ceasefire", "talks", "minister", "border", "energy", "grain", "sanctions", "envoy")
    paragraphs = (f"<p>{' '.join(f'{words[(n + i) % 8]}{n * 200 + i}' for i in range(200))}</p>" for n in range(1500))
    (mini_project / "docs" / "large.html").write_text(
        f"<!doctype html><html lang=en><title>large</title><main data-pagefind-body>{''.join(paragraphs)}</main></html>",
        "utf-8",
    )
    (tmp_path / "tmp").mkdir()
    result = subprocess.run(
        [sys.executable, "-c", _REAPER, str(mini_project)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path / "tmp")},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["pagefind"] is not None, "the build ended before Pagefind was seen running"
    status = found["status"]
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status

    after = briefing(mini_project, "build")
    assert after.returncode == 0, after.stderr
    assert (mini_project / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert sorted(p.name for p in mini_project.glob(".site-*")) == []
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing left in the temporary folder either
