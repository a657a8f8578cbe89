"""A statement's words: exact words in quotation marks (without the article's trailing , ; :), a
paraphrase never; which reports word a statement differently, and when that is a dispute."""

from __future__ import annotations

import pytest

from generator.model import Statement
from generator.wording import quoted, wording_of, wordings


def note(quote: str | None = None, paraphrase: str | None = None, ident: str = "s") -> Statement:
    return Statement.model_validate(
        {
            "id": ident,
            "speaker": "someone",
            "quote": quote,
            "paraphrase": paraphrase,
            "evidence": [{"source": "src", "passage": quote or paraphrase or "x"}],
        }
    )


@pytest.mark.parametrize(
    "quote, words",
    [
        ("No compromise has been found yet,", "No compromise has been found yet"),
        ("We are ready;", "We are ready"),
        ("Three things:", "Three things"),
        ("It is over.", "It is over."),  # the speaker's own sentence ends here
        ("Is it over?", "Is it over?"),
        ("Never!", "Never!"),
        ("ready , ", "ready"),
        ("plain", "plain"),
    ],
)
def test_quoted_words_leave_out_the_articles_trailing_mark(quote, words):
    assert quoted(quote) == words


@pytest.mark.parametrize(
    "quote, paraphrase, shown",
    [
        ("We are ready,", None, ("We are ready", True)),
        ("Exact words.", "A paraphrase", ("Exact words.", True)),  # exact words win
        (None, "He said they were ready", ("He said they were ready", False)),
    ],
)
def test_a_report_shows_its_exact_words_else_its_paraphrase(quote, paraphrase, shown):
    assert wording_of(note(quote, paraphrase)) == shown


@pytest.mark.parametrize(
    "reports, texts, disputed",
    [
        # All reports agree, in typography or the trailing mark at most: no wordings to show.
        ([("We are ready,", None), ("We are ready", None)], [], False),
        ([("“We’re ready”", None), ('"We\'re ready"', None)], [], False),
        ([("We are READY", None), ("we are ready", None)], [], False),
        # Different exact words: a dispute.
        ([("We are ready", None), ("We are not ready", None)], ["We are ready", "We are not ready"], True),
        # A paraphrase beside exact words is another wording, not a dispute.
        (
            [("We are ready", None), (None, "They said they were ready")],
            ["We are ready", "They said they were ready"],
            False,
        ),
        ([(None, "ready"), (None, "prepared")], ["ready", "prepared"], False),
        ([("Only one", None)], [], False),
    ],
)
def test_wordings_and_whether_they_dispute(reports, texts, disputed):
    notes = [(note(q, p, f"s{n}"), (f"cite-{n}",)) for n, (q, p) in enumerate(reports)]
    found, is_disputed = wordings(notes)
    assert [w.text for w in found] == texts
    assert is_disputed is disputed


def test_reports_of_the_same_wording_share_one_entry_with_every_citation():
    notes = [
        (note("Ready,", ident="a"), ("c1",)),
        (note("Ready", ident="b"), ("c2",)),
        (note(None, "prepared", ident="c"), ("c3",)),
    ]
    found, _ = wordings(notes)
    assert [(w.text, w.is_quote, w.citations) for w in found] == [
        ("Ready", True, ("c1", "c2")),
        ("prepared", False, ("c3",)),
    ]
