"""Which event facts the sources really dispute, which version pages show first, and which
planned events later sources have overtaken.

The rules (also in the README, "Disputed facts"):

- Two claims of a fact are one version, not a dispute, when they say the same thing in more or
  less detail: the same words once approximations ("around", "about", "approximately", ...) are set
  aside ("around five hours" and "five hours"); a date inside the other's period ("2025-12" and
  "2025-12-02"); or one claim says it ``refines`` a source of the other ("NATO headquarters,
  Brussels" refining "Brussels").
- Versions are ordered, and the first one is shown wherever a single value is shown, by: versions
  not marked as contradicted first; then the most sources; then the earliest publication; then
  the value's text. Never by the order of the claims in the notes file.
- A planned, proposed or conditional event whose date has passed by the newest source's
  publication date, with no report of it since, is overtaken: not "what comes next".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .markup import SafeMarkdown
from .model import DateClaim, EventStatus, Evidence, Precision, Source, When

if TYPE_CHECKING:
    from .corpus import Corpus
    from .link import Citation

FACTS = ("date", "place", "duration", "outcome", "condition")
UPCOMING = {EventStatus.planned, EventStatus.proposed, EventStatus.conditional}
# Words that make a value approximate without changing what it says.
APPROXIMATE = ("around", "about", "approximately", "roughly", "nearly", "almost", "some", "circa")
_APPROXIMATE_RE = re.compile(r"^(?:(?:" + "|".join(APPROXIMATE) + r")\s+)+")
_NUMBERS = {
    w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
_NOT_WORD = re.compile(r"[^\w]+")


class UncheckedWhen(When):
    """A date whose words ("on Monday") could not be checked: its source gives no publication day.
    Pages show the words beside it, so a reader can judge."""

    words_beside: ClassVar[bool] = True


class UncheckedClaim(DateClaim):
    words_beside: ClassVar[bool] = True


def as_reported(when: When | None, source) -> When | None:
    """``when``, marked for showing its words if its source's publication day is unknown."""
    if when is None or not when.phrase or source is None:
        return when
    published = source.note.published
    if published is not None and published.effective_precision.value == "day":
        return when
    kind = UncheckedClaim if isinstance(when, DateClaim) else UncheckedWhen
    return kind.model_validate(when.model_dump())


def _claim_source(corpus: Corpus, claim: Any):
    return corpus.sources.get(claim.evidence[0].source or "") if claim.evidence else None


def publication_start(source: Source) -> dt.date:
    """The first day a source can have been published; an undated source sorts last."""
    return source.published.start if source.published else dt.date.max


def period_end(when: When) -> dt.date:
    """The last day a date can mean: the day, the month's last day, or the year's."""
    start = when.start
    if when.value.count("-") == 2:
        return start
    if when.value.count("-") == 1:
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(start.year, 12, 31)


def _words(value: str) -> str:
    """A text value as compared: case, punctuation and approximation words set aside."""
    text = _NOT_WORD.sub(" ", value.casefold()).strip()
    text = _APPROXIMATE_RE.sub("", text)
    return " ".join(_NUMBERS.get(w, w) for w in text.split())


def _is_approximate(claim: Any) -> bool:
    if isinstance(claim, When):
        return claim.effective_precision is Precision.approximate
    return bool(_APPROXIMATE_RE.match(_NOT_WORD.sub(" ", claim.value.casefold()).strip()))


def _sources(claim: Any) -> set[str]:
    return {ev.source for ev in claim.evidence if ev.source}


def _compatible(a: Any, b: Any) -> bool:
    """Whether two claims of one fact can both be true: the same, or one in more detail."""
    if (a.refines and a.refines in _sources(b)) or (b.refines and b.refines in _sources(a)):
        return True
    if isinstance(a, When):
        return a.start <= period_end(b) and b.start <= period_end(a)
    return _words(a.value) == _words(b.value)


def _detail(claim: Any) -> tuple:
    """Sorts the claims of one version, most detailed first (the one it shows)."""
    if isinstance(claim, When):
        width = (period_end(claim) - claim.start).days
        return (claim.effective_precision is Precision.approximate, width)
    return (not claim.refines, _is_approximate(claim))


@dataclass(frozen=True)
class Version:
    """One account of a fact: its value, every source that gives it (in more or less detail) and
    what contradicts it."""

    value: str  # the text shown, for a date its YYYY-MM-DD form (see ``when``)
    when: When | None  # for dates
    citations: tuple[Citation, ...]
    # The same account in other words or detail ("about five hours"), each with its citations.
    also: tuple[tuple[str, When | None, tuple[Citation, ...]], ...] = ()
    contradicted_by: tuple[Citation, ...] = ()

    @property
    def all_citations(self) -> tuple[Citation, ...]:
        """Every source of this account, whatever its detail: what a list cites beside it."""
        return self.citations + tuple(c for _, _, cs in self.also for c in cs)


@dataclass(frozen=True)
class Fact:
    """A fact of an event as the sources give it: one version, or several when they disagree."""

    event: str
    name: str  # "date", "place", ...
    versions: tuple[Version, ...]

    @property
    def disputed(self) -> bool:
        return len(self.versions) > 1

    @property
    def shown(self) -> Version:
        return self.versions[0]

    @property
    def anchor(self) -> str:
        return f"disputed-{self.name}"

    @property
    def anchor_html(self) -> SafeMarkdown:
        """The spot on the event page that lists pages link to (``anchor`` is one of FACTS: safe)."""
        return SafeMarkdown(f'<span id="{self.anchor}"></span>')


def _group(corpus: Corpus, claims: list) -> list[list]:
    """The claims as versions (claims that can all be true together), ordered by the rule."""
    groups: list[list] = []
    for claim in claims:
        joined = [g for g in groups if any(_compatible(claim, other) for other in g)]
        merged = [claim] + [c for g in joined for c in g]
        groups = [g for g in groups if not any(g is j for j in joined)] + [merged]
    return sorted(
        (sorted(g, key=lambda c: (_detail(c), *_rank(corpus, [c]))) for g in groups), key=lambda g: _rank(corpus, g)
    )


def _rank(corpus: Corpus, claims: list) -> tuple:
    """Not contradicted first, then most sources, then earliest publication, then the value."""
    sources = set().union(*(_sources(c) for c in claims))
    earliest = min(
        (publication_start(corpus.sources[s].note) for s in sources if s in corpus.sources), default=dt.date.max
    )
    contradicted = all(c.contradicted_by for c in claims)
    return (contradicted, -len(sources), earliest, claims[0].value.casefold())


def ordered_versions(corpus: Corpus, versions: Iterable[tuple[Any, tuple[Citation, ...]]]) -> tuple:
    """``(value, citations)`` pairs (a statement's speakers, say) ordered by the same rule."""

    def rank(version):
        sources = {c.source for c in version[1]}
        earliest = min((publication_start(corpus.sources[s].note) for s in sources), default=dt.date.max)
        return (-len(sources), earliest, str(version[0]).casefold())

    return tuple(sorted(versions, key=rank))


def claims_of(corpus: Corpus, event_id: str, name: str) -> list:
    return list(getattr(corpus.events[event_id].note, name) or ())


def shown_date(corpus: Corpus, event_id: str) -> When | None:
    """The event's date as lists show it: the first version's most detailed claim."""
    claims = claims_of(corpus, event_id, "date")
    if len(claims) < 2:
        shown = claims[0] if claims else None
    else:
        shown = _group(corpus, claims)[0][0]
    return as_reported(shown, _claim_source(corpus, shown)) if shown is not None else None


def disputed_facts(corpus: Corpus, event_id: str) -> tuple[str, ...]:
    """The names of the event's facts that the sources dispute, in FACTS order."""
    return tuple(
        name
        for name in FACTS
        if len(claims_of(corpus, event_id, name)) > 1 and len(_group(corpus, claims_of(corpus, event_id, name))) > 1
    )


def contradicted_facts(corpus: Corpus, event_id: str) -> tuple[str, ...]:
    """The names of the event's facts whose shown version a contributor marked as contradicted."""
    return tuple(
        name
        for name in FACTS
        if (claims := claims_of(corpus, event_id, name))
        and any(c.contradicted_by for c in (_group(corpus, claims)[0] if len(claims) > 1 else claims))
    )


def event_fact(corpus: Corpus, cite: Callable[[Evidence], Citation], event_id: str, name: str) -> Fact | None:
    """One fact of an event with every version, each with its citations, in the rule's order."""
    claims = claims_of(corpus, event_id, name)
    if not claims:
        return None
    versions = []
    for group in _group(corpus, claims):
        shown = group[0]
        worded: dict[str, tuple[When | None, list[Citation]]] = {}
        for claim in group:
            when = as_reported(claim, _claim_source(corpus, claim)) if isinstance(claim, When) else None
            worded.setdefault(claim.value, (when, []))[1].extend(cite(e) for e in claim.evidence)
        first_when, first_citations = worded.pop(shown.value)
        versions.append(
            Version(
                shown.value,
                first_when,
                tuple(first_citations),
                tuple((value, when, tuple(cs)) for value, (when, cs) in worded.items()),
                tuple(cite(e) for claim in group for e in claim.contradicted_by),
            )
        )
    return Fact(event_id, name, tuple(versions))


def newest_publication(corpus: Corpus) -> dt.date | None:
    """The newest source's publication date: what "has passed" means, so builds stay deterministic."""
    dates = [s.note.published.start for s in corpus.sources.values() if s.note.published]
    return max(dates) if dates else None


def last_report(corpus: Corpus, event_id: str) -> When | None:
    """The publication date of the newest dated source that the event's notes cite."""
    event = corpus.events[event_id].note
    cited = {ev.source for name in FACTS for claim in getattr(event, name) or () for ev in claim.evidence}
    cited |= {ev.source for p in event.participants for ev in p.evidence}
    cited |= {ev.source for ev in event.evidence}
    dated = [when for s in cited if s in corpus.sources and (when := corpus.sources[s].note.published) is not None]
    return max(dated, key=lambda w: w.start, default=None)


def overtaken_since(corpus: Corpus, event_id: str, newest: dt.date | None) -> When | None:
    """For an expected event whose date is past by ``newest``: the date of the last report of it."""
    event = corpus.events[event_id].note
    when = shown_date(corpus, event_id)
    if event.status not in UPCOMING or when is None or newest is None or period_end(when) >= newest:
        return None
    report = last_report(corpus, event_id)
    if report is not None and report.start > period_end(when):
        return None  # reported after its date: the notes should say what happened
    return report or when


@dataclass(frozen=True)
class EventMarks:
    """What a list shows beside an event: its date, which facts are disputed or contradicted, and
    whether its date passed with no report of it since (``overtaken``: the last report's date)."""

    id: str
    date: When | None
    disputed: tuple[str, ...]
    overtaken: When | None
    contradicted: tuple[str, ...] = ()  # facts whose shown version is marked as contradicted


def event_marks(corpus: Corpus, event_id: str, newest: dt.date | None) -> EventMarks:
    return EventMarks(
        event_id,
        shown_date(corpus, event_id),
        disputed_facts(corpus, event_id),
        overtaken_since(corpus, event_id, newest),
        contradicted_facts(corpus, event_id),
    )


def check_claims(corpus: Corpus) -> list:
    """A claim's ``refines`` must name a source of another claim of the same fact, and what
    contradicts a claim must come from another source than the claim."""
    problems = []
    for event in corpus.events.values():
        for name in FACTS:
            claims = claims_of(corpus, event.id, name)
            for i, claim in enumerate(claims):
                others = set().union(set(), *(_sources(c) for j, c in enumerate(claims) if j != i))
                if claim.refines and claim.refines not in others:
                    problems.append(
                        event.problem(
                            name,
                            i,
                            "refines",
                            message=(
                                f"refines {claim.refines!r}, but no other claim of '{name}' cites that source; "
                                "name the source whose claim this one gives in more detail"
                            ),
                        )
                    )
                for j, ev in enumerate(claim.contradicted_by):
                    if ev.source in _sources(claim):
                        problems.append(
                            event.problem(
                                name,
                                i,
                                "contradicted_by",
                                j,
                                "source",
                                message=(
                                    "a claim cannot be contradicted by its own source; cite the other source that says "
                                    "otherwise"
                                ),
                            )
                        )
    for actor in corpus.actors.values():
        for i, role in enumerate(actor.note.roles):
            for j, ev in enumerate(role.contradicted_by):
                if ev.source in _sources(role):
                    problems.append(
                        actor.problem(
                            "roles",
                            i,
                            "contradicted_by",
                            j,
                            "source",
                            message=(
                                "a claim cannot be contradicted by its own source; cite the other source that says otherwise"
                            ),
                        )
                    )
    return problems
