"""The benchmark at small N: a valid synthetic corpus and figures computed right (no timing asserted)."""

from __future__ import annotations

import sys

import pytest

from benchmarks.run import edit_to_visible, measure, timed_process, tree_size
from benchmarks.run import make_project as benchmark_project
from generator.synthetic import write_corpus

from helpers import briefing, make_project


def test_the_synthetic_corpus_is_valid_notes(tmp_path):
    counts = write_corpus(tmp_path / "seeds", 12)
    project = make_project(tmp_path / "p", tmp_path / "seeds")
    result = briefing(project, "check")
    assert result.returncode == 0, result.stderr
    assert f"ok: {counts['sources']} sources, {counts['actors']} actors" in result.stdout


def engine_bytes(site):
    """What every search needs: our script, Pagefind's script, its entry file and its wasm."""
    pagefind = site / "pagefind"
    files = [
        site / "assets" / "briefing-search.js",
        pagefind / "pagefind.js",
        pagefind / "pagefind-entry.json",
        next(pagefind.glob("wasm.en.pagefind")),
    ]
    return sum(f.stat().st_size for f in files)


def chunk_bytes(site):
    """What a search may add: the worker, metadata, index chunks and page fragments."""
    pagefind = site / "pagefind"
    extra = [pagefind / "pagefind-worker.js", *pagefind.glob("*.pf_meta")]
    return sum(f.stat().st_size for f in extra) + tree_size(pagefind / "index") + tree_size(pagefind / "fragment")


@pytest.mark.usefixtures("without_playwright")  # it measures search in its own chromium
def test_figures_and_site_size_per_page_does_not_grow_with_n(tmp_path):
    small = measure(20, tmp_path / "a", serve=False)
    # Long enough for group pages. Its figures but the size are computed as the small run's, checked below.
    large = measure(300, tmp_path / "b", serve=False, figures=False)
    for r, site in ((small, tmp_path / "a" / "p20" / "site"), (large, tmp_path / "b" / "p300" / "site")):
        assert r.site_bytes == tree_size(site)
        assert r.markdown_pages == sum(1 for _ in (site.parent / "docs").rglob("*.md"))
        assert 0 < r.generate_s and 0 < r.build_s and r.peak_mib > 10
    site = tmp_path / "a" / "p20" / "site"
    assert engine_bytes(site) < small.search_bytes <= engine_bytes(site) + chunk_bytes(site)
    js = sum(f.stat().st_size for f in (site / "pagefind").glob("pagefind*.js"))
    assert small.search_bytes - js < small.search_wire_bytes < small.search_bytes  # only text is compressed
    assert 0 < small.plain_s and 0 < small.pagefind_s
    assert all(0 < build_s and 0 < material_s for build_s, material_s in small.by_cores.values())
    # Each edit a merge brings is built incrementally: some pages, not all.
    assert set(small.incremental) == {"one note edited", "new article, 5 statements", "actor renamed"}
    assert small.incremental["one note edited"][1] == 1
    assert all(0 < built < small.markdown_pages for _, built in small.incremental.values()), small.incremental
    assert large.markdown_pages > 2 * small.markdown_pages
    assert (tmp_path / "b" / "p300" / "docs" / "sources" / "by-month").is_dir()  # regenerated group pages too
    assert large.bytes_per_page <= small.bytes_per_page * 1.15


def test_peak_memory_adds_up_processes_that_run_together(tmp_path):
    hold = "import sys, time; block = bytearray(int(sys.argv[1]) * 2**20); block[::4096] = b'x' * len(block[::4096]); time.sleep(1.5)"
    script = f'{sys.executable} -c "{hold}" 150 & {sys.executable} -c "{hold}" 100; wait'
    elapsed, peak = timed_process(["bash", "-c", script], tmp_path)
    assert elapsed >= 1.5
    assert 250 <= peak < 400  # both blocks at once, plus two interpreters


def test_cpu_time_counts_the_command_and_the_processes_it_waited_for_not_its_sleep(tmp_path):
    """On a shared machine wall time grows with others' load; the CPU column is the command's own work."""
    spin = "import time; end = time.process_time() + 1.0\nwhile time.process_time() < end: pass"
    script = f'{sys.executable} -c "{spin}" & sleep 1.5; wait'  # a busy child the shell waits for, and a sleep
    used: list[float] = []
    elapsed, _ = timed_process(["bash", "-c", script], tmp_path, cpu=used)
    assert elapsed >= 1.5
    assert 1.0 <= used[0] < 1.4, used  # the busy second, not the sleep


def test_peak_memory_counts_pages_a_forked_child_shares_once(tmp_path):
    """Generation renders in forked workers that share the parent's memory until they write it."""
    hold = (
        "import os, sys, time; block = bytearray(int(sys.argv[1]) * 2**20); "
        "block[::4096] = b'x' * len(block[::4096]); pid = os.fork(); time.sleep(1.5); "
        "pid and os.waitpid(pid, 0)"
    )
    elapsed, peak = timed_process([sys.executable, "-c", hold, "150"], tmp_path)
    assert elapsed >= 1.5
    assert 150 <= peak < 250  # one block, shared by two processes, plus one interpreter's worth


def test_edit_times_are_measured_in_a_served_site_and_the_note_restored(tmp_path):
    root = tmp_path / "p"
    benchmark_project(root, 20)
    note = root / "seeds" / "issues" / "issue-0.yml"
    before = note.read_bytes()
    samples = edit_to_visible(root, edits=2, timeout=120)
    assert samples is not None and len(samples) == 2 and all(0 < t < 120 for t in samples)
    assert note.read_bytes() == before
