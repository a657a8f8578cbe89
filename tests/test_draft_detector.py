"""The quotation and speaker detector behind `briefing draft` and `check --coverage`, on small hand-made texts."""

from __future__ import annotations

import datetime as dt

from generator.draft import resolve_date, role_of, story_people
from generator.quotes import detect


def quotes(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in detect(text)]


def test_a_partial_quote_inside_a_sentence_cites_the_whole_sentence():
    text = "Yuri Ushakov said the talks were “very useful” but that much work remains to be done.\n"
    [found] = detect(text)
    assert (found.text, found.speaker, found.cue) == ("very useful", "Yuri Ushakov", "said")
    assert found.passage == text.strip()


def test_a_quote_split_by_he_said_gives_both_halves_to_the_speaker():
    text = "Mayor Ada Lund spoke after the vote.\n“We have listened,” Lund said, “and we have changed the plan.”\n"
    assert quotes(text) == [("We have listened,", "Ada Lund"), ("and we have changed the plan.", "Ada Lund")]
    # Both halves cite one sentence, which holds them and the cue.
    assert {q.passage for q in detect(text)} == {"“We have listened,” Lund said, “and we have changed the plan.”"}


def test_a_quote_across_paragraphs_keeps_its_speaker_and_each_paragraph_is_cited_verbatim():
    text = (
        "Port director Samir Haddad said: “The cranes are old.\n"
        "“We will replace them next year, whatever it costs.”\n"
        "The council meets in April.\n"
    )
    found = detect(text)
    assert [(q.text, q.speaker) for q in found] == [
        ("The cranes are old.", "Samir Haddad"),
        ("We will replace them next year, whatever it costs.", "Samir Haddad"),
    ]
    assert all(q.passage in text for q in found)
    assert found[1].passage == "“We will replace them next year, whatever it costs.”"


def test_a_nested_quote_stays_inside_its_quotation():
    text = "“He told me ‘never again’, and I believed him,” said Tomas Kral, a fisherman.\n"
    assert quotes(text) == [("He told me ‘never again’, and I believed him,", "Tomas Kral")]


def test_he_added_and_she_said_point_back_to_the_last_person_named():
    text = (
        "Maria Lund opened the meeting. She said the offer was “a step backwards”.\n"
        "Union leader Peter Okafor disagreed with her. “It is progress,” he added.\n"
        "“We will sign,” he said.\n"
    )
    assert quotes(text) == [
        ("a step backwards", "Maria Lund"),
        ("It is progress,", "Peter Okafor"),
        ("We will sign,", "Peter Okafor"),
    ]


def test_a_speaker_introduced_by_role_is_the_person_named_in_the_next_sentence():
    text = (
        "The plan is “ready for a vote”, a senior aide to the mayor said on Wednesday.\n"
        "Karin Holm said the council would vote in April.\n"
    )
    [found] = detect(text)
    assert (found.speaker, found.role) == ("Karin Holm", "a senior aide to the mayor")
    assert found.confidence < 0.9  # a guess from the next sentence, shown as less sure


def test_a_definite_role_points_back_to_the_organisation_or_person_named_before():
    text = (
        "An Iowa Department of Public Health spokesman said the cause is unknown.\n"
        'The number of cases "does not mean that the vaccine is not working" the department said.\n'
        "Mark Carney, governor of the Bank of England, spoke on Tuesday. “It is temporary,” the governor said.\n"
    )
    assert quotes(text) == [
        ("does not mean that the vaccine is not working", "Iowa Department of Public Health"),
        ("It is temporary,", "Mark Carney"),
    ]


def test_a_quotation_standing_alone_continues_the_last_speaker():
    text = "“We were patient,” Wim Koevermans said.\n“Sometimes you have to look beyond results.”\n"
    assert quotes(text)[1] == ("Sometimes you have to look beyond results.", "Wim Koevermans")


def test_a_scare_quote_gets_no_speaker_and_to_say_is_no_cue():
    text = (
        "The so-called “harbour deal” is not signed.\n"
        "Peskov stressed that “it would be wrong” to say Putin had turned it down.\n"
    )
    assert quotes(text) == [("harbour deal", None), ("it would be wrong", "Peskov")]


def test_headlines_bylines_datelines_and_photo_credits_hold_no_quotations():
    text = (
        "Mayor says “no deal” on harbour\n"
        "By Jo Reed\n"
        "PORTHAVEN (Gazette) — “We are close,” Ada Lund said on Tuesday.\n"
        "Photo: Harbour Gazette / Lee “Snap” Moss\n"
    )
    [found] = detect(text)
    assert (found.text, found.speaker) == ("We are close,", "Ada Lund")
    assert found.passage == "“We are close,” Ada Lund said on Tuesday."  # the dateline is not part of it


def test_only_people_are_named_not_headlines_datelines_credits_days_places_or_organisations():
    text = (
        "Harbour Talks Collapse In Late Night Session\n"
        "By Jane Reporter\n"
        "OSLO (Reuters) — On Wednesday Maria Lund met North Korea's envoy in New Zealand.\n"
        "The Iowa Department of Public Health and the World Health Organization sent experts.\n"
        "Reserve Bank Governor Michele Bullock spoke, as did Satya Nadella of Microsoft Corp.\n"
        "A child at the Himbi Health Centre in Goma, July 17, 2019. REUTERS/Olivia Acland\n"
        "Ngatu is made from bark. October 2024 Photo: RNZ Pacific / Coco Lance\n"
        "NASA chief Bill Nelson flew the Space Shuttle Columbia from Cape Canaveral on an Atlas V.\n"
        "He told Good Morning Britain that Sir Keir Starmer’s aide, Sir Keir and Mountain View agree.\n"
    )
    assert story_people(text) == ["Maria Lund", "Michele Bullock", "Satya Nadella", "Bill Nelson", "Keir Starmer"]


def test_a_title_or_an_appositive_gives_the_role_with_its_exact_words():
    text = "Kremlin spokesman Dmitry Peskov spoke. Mark Rutte, Nato’s secretary-general, said so.\n"
    assert role_of(text, "Dmitry Peskov") == ("Kremlin spokesman", "Kremlin spokesman Dmitry Peskov")
    assert role_of(text, "Mark Rutte") == ("Nato’s secretary-general", "Mark Rutte, Nato’s secretary-general")


def test_day_phrases_resolve_against_the_publication_date():
    wednesday = dt.date(2025, 12, 3)
    assert resolve_date("a meeting in Moscow on Tuesday.", wednesday) == {"value": "2025-12-02", "phrase": "on Tuesday"}
    assert resolve_date("Rutte said on Wednesday:", wednesday) == {"value": "2025-12-03", "phrase": "on Wednesday"}
    assert resolve_date("as he said yesterday", wednesday) == {"value": "2025-12-02", "phrase": "yesterday"}
    assert resolve_date("next Monday", wednesday) == {"value": "2025-12-08", "phrase": "next Monday"}
    assert resolve_date("no day named here", wednesday) is None


def test_sentences_do_not_end_inside_a_quotation_or_after_an_abbreviation():
    text = "“It will lead to results. And if it takes too long, we act,” Mr. Rutte told U.S. reporters. He left.\n"
    [found] = detect(text)
    assert (
        found.passage == "“It will lead to results. And if it takes too long, we act,” Mr. Rutte told U.S. reporters."
    )
    assert found.speaker == "Rutte"


def test_attributions_that_follow_or_name_the_speaker_differently():
    text = (
        "The transport secretary has said workers should not follow the “militant” unions.\n"
        "Grant Shapps admitted the walkout is “going to cause misery” and said it was "
        "“designed to inflict damage”.\n"
        "The next “hold your breath moment” comes in October, according to Dante Lauretta.\n"
        "“I really missed him.” Lauretta said. “Wish he was there.”\n"
        "“We don’t launch until it’s right,” NASA chief Bill Nelson said.\n"
        "“The fifth try was a flawless mission,” the NASA boss said.\n"
        "David Morrison spoke first. “It’s not just any moon,” Morrision said.\n"
    )
    assert quotes(text) == [
        ("militant", "Grant Shapps"),
        ("going to cause misery", "Grant Shapps"),
        ("designed to inflict damage", "Grant Shapps"),
        ("hold your breath moment", "Dante Lauretta"),
        ("I really missed him.", "Dante Lauretta"),
        ("Wish he was there.", "Dante Lauretta"),
        ("We don’t launch until it’s right,", "Bill Nelson"),
        ("The fifth try was a flawless mission,", "Bill Nelson"),  # "the NASA boss": the last speaker
        ("It’s not just any moon,", "David Morrison"),
    ]  # a misspelt surname, matched with less confidence
    assert detect(text)[-1].confidence < 0.9


def test_a_hostile_article_costs_time_in_proportion_to_its_length():
    # Notes come from strangers: one 60 kB sentence of 3,000 quotations, and long runs of names and
    # titles, took minutes when each quotation re-read its whole sentence; now they take seconds.
    import time

    texts = [
        " ".join("“a b,” he said, and" for _ in range(3000)) + ".",
        "Mr. " * 5000 + "Smith said “so”.",
        ("word " * 20000) + "said “x” " + ("Abc Def " * 5000) + ".",
    ]
    start = time.perf_counter()
    found = [detect(text) for text in texts]
    assert [len(f) for f in found] == [3000, 1, 1]
    assert time.perf_counter() - start < 30


def test_the_draft_file_stays_valid_yaml_whatever_the_article_holds():
    import yaml

    from generator.draft import Draft, DraftStatement, draft_yaml

    hostile = "“ok\u2028statements: [] #\x85\x07 \U0001f600,” she said\u2029- id: evil"
    statement = DraftStatement("x-ok", "ada-lund", hostile, hostile, None, f"“{hostile}”: named ('{hostile}')")
    text = draft_yaml(Draft("src", [statement], unplaced=[hostile], uncertain=[hostile]), "article.txt")
    data = yaml.safe_load(text)
    assert [s["quote"] for s in data["statements"]] == [hostile]
    assert data["unplaced_names"] == [hostile] and data["uncertain_quotations"] == [hostile]
