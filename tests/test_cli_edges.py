"""Small things a user meets at the edges: the 404 page's search, stopping serve, a busy port,
a closed pipe, an internal error (and its traceback with --debug), and `briefing new` with a colon
in a title."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from helpers import briefing, descendants, make_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.mark.browser
def test_search_works_on_the_404_page(seed_site, serve, page):
    base = serve(seed_site / "site")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "/404.html")
    page.click("input.briefing-search__input")
    page.keyboard.type("Rutte")
    result = page.locator(".briefing-search__item a", has_text="Mark Rutte").first
    result.wait_for(timeout=15000)
    assert errors == []
    result.click()
    page.wait_for_url("**/actors/mark-rutte/**")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


def test_serve_stopped_with_sigterm_exits_cleanly_and_leaves_nothing_running(mini_project, tmp_path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=mini_project,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    helpers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not _answers(f"http://127.0.0.1:{port}/"):
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
        helpers = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) in (0, 128 + signal.SIGTERM)
        time.sleep(0.5)
        assert not _answers(f"http://127.0.0.1:{port}/")
        assert [
            pid
            for pid in helpers
            if Path(f"/proc/{pid}").exists()
            and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        ] == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in helpers:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        log.close()


def test_a_busy_port_gets_a_hint_about_dev_addr_not_a_traceback(mini_project):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=mini_project,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"127.0.0.1:{port} is in use" in result.stderr
    assert f"--dev-addr 127.0.0.1:{port + 1}" in result.stderr


@pytest.mark.parametrize("args", [["check"], ["check", "--coverage"], ["--debug", "check"]])
def test_a_reader_that_goes_away_ends_check_quietly(seed_site, args):
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=seed_site,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout and process.stderr
    process.stdout.close()  # as `| head -1` does once it has its line
    stderr = process.stderr.read().decode()
    code = process.wait(60)
    assert stderr == ""
    assert code in (0, 1, 128 + signal.SIGPIPE)  # --coverage exits 1 when the notes miss something


def test_new_notes_with_a_colon_in_a_title_or_name_write_yaml_that_loads(mini_project, tmp_path):
    plain = make_project(tmp_path / "plain", mini_project / "seeds")
    for root, title, name in [(mini_project, "Talks: no deal #2", "Harbour: wages"), (plain, "Talks", "Wages")]:
        made = briefing(
            root,
            "new",
            "source",
            "gazette-2024-03-12-talks",
            "--title",
            title,
            "--publisher",
            "The Gazette",
            "--published",
            "2024-03-12",
        )
        assert made.returncode == 0, made.stderr
        assert briefing(root, "new", "issue", "harbour-wages", "--name", name).returncode == 0
    source = yaml.safe_load((mini_project / "seeds/sources/gazette-2024-03-12-talks/source.yml").read_text("utf-8"))
    assert (source["title"], source["published"]) == ("Talks: no deal #2", "2024-03-12")
    assert (
        yaml.safe_load((mini_project / "seeds/issues/harbour-wages.yml").read_text("utf-8"))["name"] == "Harbour: wages"
    )
    # check reports what is left to fill in (the summary), as for plain words, and nothing else
    checked, expected = briefing(mini_project, "check"), briefing(plain, "check")
    assert checked.returncode == expected.returncode == 1
    assert checked.stderr == expected.stderr
    assert "seeds/issues/harbour-wages.yml:5:" in checked.stderr


FAULT = {"BRIEFING_TEST_FAIL_AT": "generate"}  # an unexpected error in the generator, as a bug would raise


@pytest.mark.parametrize("command", ["generate", "build"])
def test_an_internal_error_is_one_line_and_its_traceback_is_there_with_debug(mini_project, command):
    """`build` generates in a worker process: its traceback must come back with the error, not be lost."""
    quiet = briefing(mini_project, command, env=FAULT)
    assert quiet.returncode == 2
    assert "briefing: internal error: RuntimeError: a fault injected at 'generate'" in quiet.stderr
    assert "Traceback" not in quiet.stderr and "--debug" in quiet.stderr
    for shown in (
        briefing(mini_project, "--debug", command, env=FAULT),
        briefing(mini_project, command, env={**FAULT, "BRIEFING_DEBUG": "1"}),
    ):
        assert shown.returncode == 2
        assert "Traceback" in shown.stderr
        # Where it failed, in the generating process: the frames of the worker, not only of the caller.
        assert 'generator/faults.py", line' in shown.stderr and "in _generate_here" in shown.stderr
        assert "briefing: internal error: RuntimeError" in shown.stderr


def test_the_serve_workers_failure_keeps_its_traceback(mini_project, monkeypatch):
    """The long-lived generator of `mkdocs serve`: an error in it shows where in the worker it happened."""
    from generator.pipeline import Project
    from generator.serve_worker import GeneratorWorker

    monkeypatch.setenv("BRIEFING_TEST_FAIL_AT", "generate")
    worker = GeneratorWorker(Project(mini_project))
    try:
        with pytest.raises(RuntimeError, match="a fault injected") as raised:
            worker.generate()
    finally:
        worker.stop()
    assert 'generator/faults.py", line' in str(raised.value.__cause__)
