"""Large corpora are rendered over several processes: the pages must be exactly the same."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from generator.synthetic import write_corpus

from helpers import REPO, make_project


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: rendering never forks")
def test_forked_rendering_gives_the_pages_one_process_gives(tmp_path):
    write_corpus(tmp_path / "seeds", 60)
    root = make_project(tmp_path / "p", tmp_path / "seeds")
    # A fresh interpreter: a test process may run threads, and then rendering rightly stays in one.
    script = textwrap.dedent(f"""
        from pathlib import Path
        from generator import render_all as r
        from generator.pipeline import Project, check
        corpus, problems = check(Project(Path({str(root)!r})))
        assert not problems
        r.PARALLEL_FROM = 10**9
        alone = r.render(corpus)
        r.PARALLEL_FROM = 1
        assert r._worker_count(len(alone)) >= 2
        forked = r.render(corpus)
        assert [p.markdown() for p in forked] == [p.markdown() for p in alone]
        print(len(forked))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 60


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores to restrict to one")
def test_a_process_restricted_to_one_core_renders_in_one():
    """`taskset -c 0 briefing build` (the benchmark's one-core figure) must not fork two renderers."""
    code = (
        "import os; from generator.render_all import _worker_count;"
        f"os.sched_setaffinity(0, {{{min(os.sched_getaffinity(0))}}}); print(_worker_count(10**6))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "1"


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: nothing is rendered apart")
def test_files_of_a_forked_render_are_those_one_process_makes(tmp_path):
    """A large one-off build renders the pages over forked workers: every file generate makes (pages,
    data download, feeds, What changed from the git history) must be the same, in the same order."""
    write_corpus(tmp_path / "seeds", 60)
    root = make_project(tmp_path / "p", tmp_path / "seeds")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "seeds"], check=True)
    subprocess.run([*git, "commit", "-qm", "notes"], check=True)
    script = textwrap.dedent(f"""
        from pathlib import Path
        from generator import render_all as r
        from generator.pipeline import Project, check, generated_files
        project = Project(Path({str(root)!r}))
        corpus, problems = check(project)
        assert not problems
        r.PARALLEL_FROM = 10**9
        assert not r.renders_apart(corpus)
        alone = generated_files(project, corpus)
        r.PARALLEL_FROM = 1
        assert r.renders_apart(corpus)
        forked = generated_files(project, corpus)
        assert [(f.path, f.markdown()) for f in forked] == [(f.path, f.markdown()) for f in alone]
        assert any(f.path == "changes.md" and "(new)" in f.markdown() for f in forked)  # read from git
        print(len(forked))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 60
