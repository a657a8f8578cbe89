"""Notes come from strangers' pull requests: only regular files inside seeds/ are read, nothing
blocks or fills memory, file names cannot forge CI output, and valid names and values build."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import load
from generator.load import load_notes
from generator.validate import validate

from helpers import ACTOR, REPO, briefing, edit, line_of, tree_bytes

SOURCE = "seeds/sources/gazette-2024-03-06-harbour-talks"
ARTICLE = f"{SOURCE}/article.txt"
SECRET = "token-f00dfeed-never-publish"
SYMLINK = "is a symbolic link; notes must be regular files inside seeds/"


def check_refuses(root: Path, relative: str, message: str, timeout: float = 60) -> str:
    """`briefing generate` stops with ``relative:1:1: message``, writes nothing and publishes no secret."""
    before = tree_bytes(root / "docs")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "generate"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=timeout,
        env={**{k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(rf"^{re.escape(relative)}:1:1: {message}", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    after = tree_bytes(root / "docs")
    assert after == before, "docs/ changed although a note was refused"
    assert not any(SECRET.encode() in content for content in after.values())
    return result.stderr


def replace_with_link(root: Path, relative: str, target: Path) -> None:
    """Move ``relative`` to ``target`` (outside seeds/, with a secret added) and link to it."""
    path = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(path, target)
    if target.is_file():
        with target.open("a", encoding="utf-8") as file:
            file.write(f"\n# {SECRET}\n" if target.suffix == ".yml" else f"\n{SECRET}\n")
    path.symlink_to(os.path.relpath(target, path.parent))


@pytest.mark.parametrize(
    "relative, expected",
    [
        (ARTICLE, "file"),
        (f"{SOURCE}/statements.yml", "file"),
        (f"{SOURCE}/source.yml", "file"),
        (ACTOR, "file"),
        ("seeds/issues/wage-freeze.yml", "file"),
        ("seeds/actors", "folder"),
        (SOURCE, "folder"),
        ("seeds/sources", "folder"),
        ("seeds", "folder"),
    ],
)
def test_a_symbolic_link_anywhere_under_seeds_is_refused(generated, relative, expected):
    replace_with_link(generated, relative, generated.parent / "outside" / Path(relative).name)
    stderr = check_refuses(generated, relative, SYMLINK)
    assert f"replace it with the {expected} itself" in stderr


def test_an_article_linked_to_the_git_config_is_refused(generated):
    """The publish job's token lives in .git/config: a link to it must never be read."""
    config = generated / ".git" / "config"
    config.parent.mkdir()
    config.write_text(f'[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic {SECRET}\n')
    (generated / ARTICLE).unlink()
    (generated / ARTICLE).symlink_to("../../../.git/config")
    check_refuses(generated, ARTICLE, SYMLINK)


def test_a_link_between_notes_inside_seeds_is_refused_too(generated):
    second = generated / "seeds" / "issues" / "wage-freeze-again.yml"
    second.symlink_to("wage-freeze.yml")
    check_refuses(generated, "seeds/issues/wage-freeze-again.yml", SYMLINK)


def test_an_article_that_is_a_named_pipe_is_refused_without_blocking(generated):
    (generated / ARTICLE).unlink()
    os.mkfifo(generated / ARTICLE)
    check_refuses(generated, ARTICLE, "is a named pipe", timeout=30)


def test_an_article_linked_to_an_endless_device_is_refused(generated):
    (generated / ARTICLE).unlink()
    (generated / ARTICLE).symlink_to("/dev/zero")
    check_refuses(generated, ARTICLE, SYMLINK, timeout=30)


@pytest.mark.parametrize("relative", [ARTICLE, f"{SOURCE}/statements.yml", f"{SOURCE}/source.yml", ACTOR])
def test_a_folder_where_a_file_belongs_is_a_located_error(generated, relative):
    """A statements.yml folder used to be skipped silently, and its statements vanished from the site."""
    path = generated / relative
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("not a note\n")
    check_refuses(generated, relative, "is a folder, not a file")


@pytest.mark.parametrize(
    "relative", ["seeds/actors/.draft.yml", f"{SOURCE}/.statements.yml", "seeds/sources/.gazette-2024-03-07-draft"]
)
def test_a_hidden_note_is_reported_not_skipped(generated, relative):
    path = generated / relative
    if path.suffix == ".yml":
        path.write_text((generated / ACTOR).read_text("utf-8"))
    else:
        shutil.copytree(generated / SOURCE, path)
    stderr = check_refuses(generated, relative, "hidden notes are never read")
    assert f"rename it to '{path.name.lstrip('.')}'" in stderr


def test_editor_and_system_files_that_are_hidden_are_left_alone(generated):
    """Swap files, lock links and .DS_Store appear while a contributor edits: they are never read."""
    (generated / "seeds" / "actors" / ".ada-lund.yml.swp").write_bytes(b"\x00swap")
    (generated / "seeds" / "actors" / ".#ada-lund.yml").symlink_to("someone@host.1234")
    (generated / SOURCE / ".DS_Store").write_bytes(b"\x00")
    result = briefing(generated, "check")
    assert result.returncode == 0, result.stderr


def test_an_article_over_the_size_cap_is_refused_and_the_cap_is_stated(generated):
    (generated / ARTICLE).write_text("word " * (load.MAX_ARTICLE_BYTES // 5 + 1), "utf-8")
    stderr = check_refuses(generated, ARTICLE, f"article is {load.MAX_ARTICLE_BYTES + 5:,} bytes")
    assert f"{load.MAX_ARTICLE_BYTES:,} bytes" in stderr
    readme = (REPO / "README.md").read_text("utf-8")
    assert f"{load.MAX_ARTICLE_BYTES:,} bytes" in readme and f"{load.MAX_FILE_BYTES:,} bytes" in readme


@pytest.mark.parametrize("relative", [ARTICLE, ACTOR])
def test_a_huge_file_is_refused_without_reading_it(generated, relative):
    """A sparse 8 GB file costs no disk; reading it whole would exhaust the 2 GB this check may use."""
    path = generated / relative
    path.unlink()
    with path.open("wb") as file:
        file.truncate(8 * 2**30)
    limit = 2 * 2**30
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(generated), "check"],
        capture_output=True,
        text=True,
        cwd=generated,
        timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
    )
    assert result.returncode == 1
    assert re.search(rf"^{re.escape(relative)}:1:1: .*is {8 * 2**30:,} bytes", result.stderr, re.M), result.stderr
    assert "internal error" not in result.stderr


def test_checkout_in_workflows_does_not_keep_the_token_in_git_config():
    """Otherwise .git/config holds the job's token while notes from a pull request are built."""
    checkouts = []
    for workflow in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(workflow.read_text("utf-8"))["jobs"].values():
            checkouts += [step for step in job.get("steps", []) if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) >= 2
    assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts), checkouts


def test_a_file_name_cannot_forge_workflow_commands(mini_project):
    """GitHub reads '::' at a line start as a command and ',' ':' as property separators."""
    forged = "evil\n::warning file=README.md,line=1::forged, and::more"
    (mini_project / "seeds" / "actors" / forged).write_text("x\n")
    (mini_project / "seeds" / "actors" / "a,line=99:col.yml").write_text("id: [\n")
    result = briefing(mini_project, "check", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert not any(line.startswith("::warning") for line in lines), result.stderr
    commands = [line for line in lines if line.startswith("::")]
    properties = [re.match(r"::error file=([^,:]*),line=(\d+)(?:,col=\d+)?::", line) for line in commands]
    assert all(properties), commands
    unescape = {"%0A": "\n", "%0D": "\r", "%3A": ":", "%2C": ",", "%25": "%"}
    matched = [p for p in properties if p]
    files = {re.sub("%(0A|0D|3A|2C|25)", lambda m: unescape[m[0]], p[1]) for p in matched}
    assert {f"seeds/actors/{forged}", "seeds/actors/a,line=99:col.yml"} <= files
    assert all(int(p[2]) == 1 for p in matched if "evil" in p[1])


# Names whose first letter upper-cases to two characters: "ᾍ" to "ἍΙ", "և" to "ԵՒ", "ŉ" to "ʼN".
def test_names_whose_first_letter_upper_cases_to_two_characters_build(mini_project):
    # One-word names: a person is filed by surname, here the whole name, so its first letter counts.
    edit(mini_project, ACTOR, "name: Ada Lund", "name: ᾍδης")
    edit(mini_project, "seeds/actors/ben-okafor.yml", "name: Ben Okafor", "name: ŉOkafor")
    edit(mini_project, "seeds/issues/wage-freeze.yml", "name: Wage freeze", "name: և wage freeze")
    result = briefing(mini_project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    site = mini_project / "site"
    whos_who = (site / "actors" / "index.html").read_text("utf-8")
    assert "ᾍδης" in whos_who and "ŉOkafor" in whos_who
    assert "և wage freeze" in (site / "issues" / "index.html").read_text("utf-8")
    # Listed under the first character of the upper-cased first letter (by-letter pages, issues).
    assert re.search(r"<h2[^>]*>Ե<", (site / "issues" / "index.html").read_text("utf-8"))
    assert re.search(r"<h2[^>]*>Ե<", (site / "issues" / "index.html").read_text("utf-8"))


NO_VALUE = ["~", "null", "Null", "NULL", ""]
LOADERS = [pytest.param(yaml.CSafeLoader, id="libyaml"), pytest.param(yaml.SafeLoader, id="pure-python")]


def check_notes(seeds: Path, root: Path):
    raw, problems = load_notes(seeds, root)
    corpus, more = validate(raw)
    return corpus, problems + more


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("written", NO_VALUE)
def test_no_value_where_one_is_required_is_an_error_with_either_yaml_parser(mini_project, monkeypatch, loader, written):
    """`name: ~` was an actor named "~" with libyaml and a null without it."""
    monkeypatch.setattr(load, "_Loader", loader)
    edit(mini_project, ACTOR, "name: Ada Lund", f"name: {written}".rstrip())
    corpus, problems = check_notes(mini_project / "seeds", mini_project)
    line = line_of(mini_project, ACTOR, "name:")
    assert [str(p) for p in problems] == [
        f"{ACTOR}:{line}:1: 'name' has no value: ~, null and an empty value "
        'all mean none; write the name, or put it in quotes ("~") if you '
        "mean those characters"
    ]


@pytest.mark.parametrize("loader", LOADERS)
def test_no_value_where_one_is_optional_means_absent_with_either_yaml_parser(mini_project, monkeypatch, loader):
    monkeypatch.setattr(load, "_Loader", loader)
    edit(mini_project, ACTOR, "aliases: [Lund]", "aliases: ~\nabout: null")
    edit(mini_project, f"{SOURCE}/source.yml", "byline: [Jo Reed]", "byline: [Jo Reed]\nurl: NULL")
    edit(mini_project, "seeds/issues/wage-freeze.yml", "id: wage-freeze", "id: wage-freeze\nrelated:")
    corpus, problems = check_notes(mini_project / "seeds", mini_project)
    assert problems == []
    ada = corpus.actors["ada-lund"].note
    assert ada.aliases == [] and ada.about is None
    assert corpus.sources["gazette-2024-03-06-harbour-talks"].note.url is None
    assert corpus.issues["wage-freeze"].note.related == []


@pytest.mark.parametrize("loader", LOADERS)
def test_quoted_tilde_is_the_text_and_an_empty_list_entry_is_an_error(mini_project, monkeypatch, loader):
    monkeypatch.setattr(load, "_Loader", loader)
    edit(mini_project, ACTOR, "name: Ada Lund", 'name: "~"')
    edit(mini_project, ACTOR, "aliases: [Lund]", "aliases: [Lund, ~]")
    corpus, problems = check_notes(mini_project / "seeds", mini_project)
    assert [str(p) for p in problems] == [
        f"{ACTOR}:4:17: 'aliases' has an empty entry (~, null or nothing); write its value or remove it"
    ]
    edit(mini_project, ACTOR, "aliases: [Lund, ~]", "aliases: [Lund]")
    corpus, problems = check_notes(mini_project / "seeds", mini_project)
    assert problems == [] and corpus.actors["ada-lund"].note.name == "~"


WINDOWS_DEVICES = [f"com{n}" for n in range(10)] + [f"lpt{n}" for n in range(10)] + ["con", "prn", "aux", "nul"]


def test_windows_device_names_are_refused_as_ids(mini_project):
    """docs/actors/com1.md cannot be checked out on Windows, like con.md."""
    note = (mini_project / ACTOR).read_text("utf-8")
    for ident in WINDOWS_DEVICES:
        (mini_project / "seeds" / "actors" / f"{ident}.yml").write_text(note.replace("id: ada-lund", f"id: {ident}"))
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    for ident in WINDOWS_DEVICES:
        assert f"seeds/actors/{ident}.yml:1:1: 'id': '{ident}' is reserved" in result.stderr, ident


def test_a_pagefind_config_in_the_project_does_not_change_the_search_index(mini_built_copy):
    """Pagefind reads a pagefind.yml where it runs and PAGEFIND_* variables: a pull request could add one
    to index only a page's footer, or in another language. The build indexes with its own options only."""
    clean = json.loads((mini_built_copy / "site" / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert "en" in clean["languages"] and clean["languages"]["en"]["page_count"] > 5
    (mini_built_copy / "pagefind.yml").write_text('force_language: "fr"\nroot_selector: "footer"\n', "utf-8")
    shutil.rmtree(mini_built_copy / "site")  # a whole build: no index kept from the last one
    result = briefing(mini_built_copy, "build", env={"PAGEFIND_FORCE_LANGUAGE": "de"})
    assert result.returncode == 0, result.stdout + result.stderr
    built = json.loads((mini_built_copy / "site" / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert built["languages"].keys() == clean["languages"].keys()
    assert built["languages"]["en"]["page_count"] == clean["languages"]["en"]["page_count"]
