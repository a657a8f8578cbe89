"""What a source says that the notes do not yet cover: quotations and personal names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .corpus import Corpus
from .text import find_in_order, normalize, pieces

_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
# Two or more capitalised words in a row: the shape of a personal name.
_NAME = re.compile(r"\b([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)+)\b")


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
            lines += [f"  quotation not covered by any statement: “{q}”" for q in cov.quotes]
            lines += [f"  name not covered by any actor: {n} (add an actor or an alias, or list it in "
                      "source.yml under byline, additional_reporting or not_names)" for n in cov.names]
        return "\n".join(lines)


def _names_known(corpus: Corpus, source_id: str) -> set[str]:
    known = set()
    for actor in corpus.actors.values():
        known.update(normalize(n) for n in (actor.note.name, *actor.note.aliases))
    note = corpus.sources[source_id].note
    known.update(normalize(n) for n in (*note.byline, *note.additional_reporting, *note.not_names))
    return known


def coverage_of(corpus: Corpus, source_id: str) -> SourceCoverage:
    doc = corpus.sources[source_id]
    quotes = [normalize(s.note.quote) for s in doc.statements if s.note.quote]
    cov = SourceCoverage(source_id)
    for match in _QUOTED.finditer(doc.text):
        quoted = normalize(match.group(1) or match.group(2)).strip(" ,.")
        if not any(find_in_order(pieces(quoted), q) is not None or find_in_order(pieces(q), quoted) is not None
                   for q in quotes):
            cov.quotes.append(quoted)
    known = _names_known(corpus, source_id)
    for line in doc.text.splitlines():
        for match in _NAME.finditer(line):
            name = normalize(match.group(1))
            covered = any(name == k or name in k or k in name for k in known if " " in k or k == name)
            if not covered and name not in cov.names:
                cov.names.append(name)
    return cov


def coverage_report(corpus: Corpus) -> CoverageReport:
    return CoverageReport([coverage_of(corpus, s) for s in sorted(corpus.sources)])
