"""Any input gives a valid corpus or located problems, never an exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_notes
from generator.validate import validate

from helpers import FIXTURES

MINI = FIXTURES / "mini" / "seeds"
TARGETS = [
    "actors/ada-lund.yml",
    "issues/wage-freeze.yml",
    "events/harbour-talks-2024-03-05.yml",
    "sources/gazette-2024-03-06-harbour-talks/source.yml",
    "sources/gazette-2024-03-06-harbour-talks/statements.yml",
]

scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["no", "on", "12:30", "0123", "2024-02-30", "ada-lund", "wage-freeze", "", "~", "Ada_Lund", "held"]
    ),
)
data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "name",
                    "kind",
                    "evidence",
                    "passage",
                    "source",
                    "date",
                    "value",
                    "statements",
                    "speaker",
                    "quote",
                    "roles",
                    "title",
                    "x",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


def check_never_raises(relative: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(MINI, seeds)
        (seeds / relative).write_bytes(content)
        raw, problems = load_notes(seeds, Path(tmp))
        corpus, more = validate(raw)
        for problem in problems + more:
            assert problem.line >= 1 and problem.path.startswith("seeds/") and problem.message


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.sampled_from(TARGETS), st.binary(max_size=300))
def test_any_bytes_in_any_notes_file(relative, content):
    check_never_raises(relative, content)


@SETTINGS
@given(st.sampled_from(TARGETS), st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\n  \t?,%@`0")), max_size=120))
def test_yaml_punctuation_soup(relative, content):
    check_never_raises(relative, content.encode("utf-8"))


@SETTINGS
@given(st.sampled_from(TARGETS), data)
def test_any_yaml_structure(relative, value):
    check_never_raises(relative, yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


def test_alias_bombs_and_deep_nesting_are_located_errors(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(MINI, seeds)
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    (seeds / "issues" / "bomb.yml").write_text(bomb)
    (seeds / "issues" / "deep.yml").write_text("a: " + "[" * 40 + "]" * 40 + "\n")
    raw, problems = load_notes(seeds, tmp_path)
    messages = {p.path: str(p) for p in problems}
    assert "aliases" in messages["seeds/issues/bomb.yml"] and ":1:4:" in messages["seeds/issues/bomb.yml"]
    assert "nesting is deeper" in messages["seeds/issues/deep.yml"]


def test_strings_stay_strings(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(MINI, seeds)
    path = seeds / "actors" / "ada-lund.yml"
    path.write_text(path.read_text().replace("aliases: [Lund]", "aliases: [no, on, '12:30', 0123, 12:30]"))
    raw, problems = load_notes(seeds, tmp_path)
    corpus, more = validate(raw)
    assert problems + more == []
    assert corpus.actors["ada-lund"].note.aliases == ["no", "on", "12:30", "0123", "12:30"]
