"""The unit layer runs in-process: a unit test that would start a process (the `briefing`
command, MkDocs, git) fails at once and belongs in tests/ instead."""

from __future__ import annotations

import subprocess

import pytest


class _NoProcesses(subprocess.Popen):
    def __init__(self, *args, **kwargs):
        raise AssertionError("a unit test started a process: move it out of tests/unit/ (it is end to end)")


@pytest.fixture(autouse=True)
def no_processes(monkeypatch):
    monkeypatch.setattr(subprocess, "Popen", _NoProcesses)
