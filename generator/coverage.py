"""What a source says that the notes do not yet cover: quotations and personal names."""

from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import Corpus
from .draft import actor_names, source_names, story_people
from .names import NameIndex, classify
from .quotes import detect
from .text import find_in_order, normalize, pieces


@dataclass
class SourceCoverage:
    source: str
    quotes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


@dataclass
class CoverageReport:
    sources: list[SourceCoverage]

    @property
    def complete(self) -> bool:
        return not any(s.quotes or s.names for s in self.sources)

    def text(self) -> str:
        lines = []
        for cov in self.sources:
            status = "complete" if not (cov.quotes or cov.names) else "incomplete"
            lines.append(f"{cov.source}: {status}")
            lines += [
                f"  quotation not covered by any statement: “{q}” (note it, or list it in source.yml "
                "under not_quotes if it is no quotation)"
                for q in cov.quotes
            ]
            lines += [
                f"  name not covered by any actor: {n} (add an actor or an alias, or list it in "
                "source.yml under byline, additional_reporting or not_names)"
                for n in cov.names
            ]
        return "\n".join(lines)


def coverage_of(corpus: Corpus, source_id: str, actors: NameIndex | None = None) -> SourceCoverage:
    """Quotations no statement covers and people no actor covers, found by the draft's detector."""
    doc = corpus.sources[source_id]
    quotes = [normalize(s.note.quote) for s in doc.statements if s.note.quote]
    not_quotes = {normalize(q).strip(" ,.").lower() for q in doc.note.not_quotes}
    cov = SourceCoverage(source_id)
    found = detect(doc.text)
    for quotation in found:
        quoted = normalize(quotation.text).strip(" ,.")
        if quoted.lower() in not_quotes or quoted in cov.quotes:
            continue
        if not any(
            find_in_order(pieces(quoted), q) is not None or find_in_order(pieces(q), quoted) is not None for q in quotes
        ):
            cov.quotes.append(quoted)
    actors = actors or NameIndex(actor_names(corpus))
    own = NameIndex(source_names(corpus, source_id))
    # A one-word speaker the article never names in full ("Zelensky") is a name too.
    speakers = [
        q.speaker
        for q in found
        if q.speaker and " " not in q.speaker and q.speaker[:1].isupper() and classify([q.speaker]) == "person"
    ]
    for name in story_people(doc.text) + speakers:
        name = normalize(name)
        if name not in cov.names and not actors.covers(name) and not own.covers(name):
            cov.names.append(name)
    return cov


def coverage_report(corpus: Corpus) -> CoverageReport:
    actors = NameIndex(actor_names(corpus))  # once, not once per source
    return CoverageReport([coverage_of(corpus, s, actors) for s in sorted(corpus.sources)])
