"""The notes format: the contract between contributors and every pipeline stage.

Each class is one kind of note as written in YAML under ``seeds/``. The loader
hands these models plain strings, lists and mappings (it never lets YAML guess
types), so every conversion (dates, enums) happens here, where it can fail
with a located message. ``python -m generator.schema`` turns these models into
the JSON Schema shipped for editors.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

SLUG_MAX = 64
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names that would clash with the site's own pages or folders.
RESERVED_IDS = frozenset(
    {"index", "assets", "search", "404", "sitemap", "timeline", "positions",
     "quotes", "about", "actors", "issues", "events", "sources", "con", "nul",
     "prn", "aux"}
)


def check_slug(value: str) -> str:
    if len(value) > SLUG_MAX:
        raise ValueError(f"id is {len(value)} characters long; keep it to {SLUG_MAX} or fewer")
    if not SLUG_RE.match(value):
        raise ValueError(
            f"{value!r} is not a safe id; use lowercase letters, digits and single hyphens, "
            "for example 'vladimir-putin'"
        )
    if value in RESERVED_IDS:
        raise ValueError(f"{value!r} is reserved for the site's own pages; choose another id")
    return value


Slug = Annotated[str, AfterValidator(check_slug)]
Text = Annotated[str, Field(min_length=1)]


def _as_list(value: Any) -> Any:
    """Let a contributor write one item where a list is expected."""
    return value if isinstance(value, list) or value is None else [value]


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Evidence(Note):
    """A passage of a source's text that supports a note.

    ``source`` may be left out in a source's own ``statements.yml``: it then
    means the article the file lives beside.
    """

    source: Slug | None = None
    passage: Text = Field(description="Words copied from the source text (one sentence or part of one).")


EvidenceList = Annotated[
    list[Evidence],
    BeforeValidator(_as_list, json_schema_input_type=Evidence | list[Evidence]),
    Field(min_length=1),
]


class Precision(str, Enum):
    day = "day"
    month = "month"
    year = "year"
    approximate = "approximate"


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class When(Note):
    """A date as precise as the source allows, with the words that gave it."""

    value: str = Field(description="YYYY-MM-DD, YYYY-MM or YYYY.")
    precision: Precision | None = Field(
        default=None, description="Defaults to the precision of value; say 'approximate' when the source is vague."
    )
    phrase: str | None = Field(default=None, description="The source's own words, e.g. 'on Tuesday'.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"value": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _check_value(self) -> When:
        match = DATE_RE.match(self.value)
        if not match:
            raise ValueError(f"date {self.value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError as err:
            raise ValueError(f"date {self.value!r} does not exist ({err})") from None
        return self

    @property
    def start(self) -> dt.date:
        """The first day the date can mean; used for sorting."""
        parts = [int(p) for p in self.value.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    @property
    def effective_precision(self) -> Precision:
        if self.precision:
            return self.precision
        return {1: Precision.year, 2: Precision.month, 3: Precision.day}[self.value.count("-") + 1]


# A date may be written as a plain "YYYY-MM-DD" string or as a mapping with a phrase.
WhenField = Annotated[When, BeforeValidator(lambda v: v, json_schema_input_type=str | When)]

# ---------------------------------------------------------------- sources


class Source(Note):
    """An article, kept verbatim in ``article.txt`` beside this ``source.yml``."""

    id: Slug
    title: Text
    publisher: Text = Field(description="Who published it here: 'The Straits Times' for a Reuters report it ran.")
    original_publisher: Text | None = Field(
        default=None, description="The agency or paper that wrote a syndicated article, e.g. 'Reuters'.")
    published: WhenField | None = Field(
        default=None, description="YYYY-MM-DD, or YYYY-MM when the page gives only the month; leave it out when "
        "the page gives no date, and say 'retrieved'.")
    retrieved: WhenField | None = Field(default=None, description="When the article was read (YYYY-MM-DD).")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    byline: list[Text] = Field(default_factory=list, description="Authors as printed; empty if none printed.")
    additional_reporting: list[Text] = Field(default_factory=list)
    language: str = "en"
    not_names: list[Text] = Field(
        default_factory=list,
        description="Capitalised phrases in the text that are not people (for the coverage report).",
    )

    @model_validator(mode="after")
    def _dated_somehow(self) -> Source:
        if self.published is None and self.retrieved is None:
            raise ValueError("a source needs 'published' (its date, or YYYY-MM if only the month is known) or, "
                             "when the page shows no date, 'retrieved' (when you read it)")
        return self


# ---------------------------------------------------------------- actors


class ActorKind(str, Enum):
    person = "person"
    organisation = "organisation"
    group = "group"  # several people speaking together: "European officials", "Ukrainian negotiators"
    anonymous = "anonymous"  # an unnamed speaker: "a negotiator who wished to remain anonymous"


ContradictedBy = Annotated[
    list[Evidence],
    BeforeValidator(_as_list, json_schema_input_type=Evidence | list[Evidence]),
    Field(default_factory=list, description="Passages of other sources that say otherwise: a contributor's mark "
          "that this claim is wrong. Pages show the claim with what contradicts it."),
]


class Role(Note):
    title: Text = Field(description="As the source puts it, e.g. 'aide to Russia's president'.")
    affiliation: Slug | None = Field(default=None, description="Id of the organisation actor, if any.")
    evidence: EvidenceList
    contradicted_by: ContradictedBy


class Actor(Note):
    id: Slug
    kind: ActorKind
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    about: str | None = Field(default=None, description="Optional prose (Markdown).")
    evidence: list[Evidence] = Field(default_factory=list, description="Passages that support the prose.")


# ---------------------------------------------------------------- issues


class Issue(Note):
    id: Slug
    name: Text
    summary: Text = Field(description="Prose (Markdown) a reader new to the story can follow.")
    related: list[Slug] = Field(default_factory=list, description="Ids of related issues.")
    evidence: list[Evidence] = Field(default_factory=list, description="Passages that support the summary.")


# ---------------------------------------------------------------- events


class EventStatus(str, Enum):
    held = "held"
    planned = "planned"
    proposed = "proposed"
    conditional = "conditional"


REFINES_DESCRIPTION = ("Id of a source whose claim this one gives in more detail ('NATO headquarters, Brussels' "
                       "refining 'Brussels'): the two are one version, not a dispute.")


class DateClaim(When):
    refines: Slug | None = Field(default=None, description=REFINES_DESCRIPTION)
    evidence: EvidenceList
    contradicted_by: ContradictedBy


class TextClaim(Note):
    value: Text
    refines: Slug | None = Field(default=None, description=REFINES_DESCRIPTION)
    evidence: EvidenceList
    contradicted_by: ContradictedBy


class Participant(Note):
    actor: Slug
    evidence: EvidenceList


def _claims(kind: type) -> Any:
    """A fact one source states, or several sources state differently."""
    return Annotated[list[kind], BeforeValidator(_as_list, json_schema_input_type=kind | list[kind]),
                     Field(min_length=1)]


class Event(Note):
    id: Slug
    name: Text
    kind: Text = Field(description="meeting, talks, speech, cabinet meeting, ...")
    status: EventStatus
    date: _claims(DateClaim) | None = None
    place: _claims(TextClaim) | None = None
    duration: _claims(TextClaim) | None = None
    participants: list[Participant] = Field(default_factory=list)
    issues: list[Slug] = Field(default_factory=list)
    outcome: _claims(TextClaim) | None = None
    condition: _claims(TextClaim) | None = Field(default=None, description="What a conditional event depends on.")
    summary: str | None = None
    evidence: list[Evidence] = Field(default_factory=list, description="Passages that support the summary.")


# ---------------------------------------------------------------- statements


class Stance(str, Enum):
    accepts = "accepts"
    rejects = "rejects"
    mixed = "mixed"
    supports = "supports"
    opposes = "opposes"
    open = "open"
    concerned = "concerned"


class Position(Note):
    issue: Slug
    stance: Stance
    on: Text | None = Field(default=None, description="What the stance is about, in a few words ('sanctions "
                            "relief', 'a ceasefire first'): two actors 'concerned' on different things do not agree.")


class Statement(Note):
    """Who said what; lives in the ``statements.yml`` beside its source."""

    id: Slug
    speaker: Slug
    on_behalf_of: Slug | None = Field(
        default=None, description="Whose view the speaker relays (e.g. an aide describing the president's)."
    )
    reported_by: list[Slug] = Field(default_factory=list, description="Actors it came through (agency, aide).")
    quote: str | None = Field(default=None, description="The exact quoted words; '[...]' marks a cut.")
    paraphrase: str | None = Field(default=None, description="The gist in the source's words, marked as paraphrase.")
    date: WhenField | None = None
    issues: list[Slug] = Field(default_factory=list)
    event: Slug | None = None
    positions: list[Position] = Field(default_factory=list)
    same_as: Slug | None = Field(
        default=None, description="Id of the same statement noted from another source; pages show it once, "
        "with both citations, and show differing wording or dates as disputed.")
    evidence: EvidenceList

    @model_validator(mode="after")
    def _quote_or_paraphrase(self) -> Statement:
        if not (self.quote or self.paraphrase):
            raise ValueError("a statement needs 'quote' (exact words) or 'paraphrase' (the gist)")
        return self


class StatementsFile(Note):
    statements: list[Statement] = Field(default_factory=list)


NoteKind = Literal["source", "actor", "issue", "event", "statements"]
MODEL_OF: dict[str, type[Note]] = {
    "source": Source,
    "actor": Actor,
    "issue": Issue,
    "event": Event,
    "statements": StatementsFile,
}
