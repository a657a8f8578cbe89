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
    WithJsonSchema,
    model_validator,
)

from .invisible import check_visible
from .urls import check_url

SLUG_MAX = 64
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names that would clash with the site's own pages or folders.
RESERVED_IDS = frozenset(
    {
        "index",
        "assets",
        "search",
        "404",
        "sitemap",
        "timeline",
        "positions",
        "quotes",
        "about",
        "actors",
        "issues",
        "events",
        "sources",
    }
)
# Device names: Windows can hold no file called con.md or com1.md, so such a page could not be checked out there.
# (Ids are lowercase ASCII without dots, so case variants, extensions and com¹ cannot occur.)
WINDOWS_DEVICE_IDS = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)


# What `briefing new` writes where a contributor must fill something in: "<source id>", words in
# angle brackets (never an HTML tag: no "=" or "/", and more than one word).
PLACEHOLDER_RE = re.compile(r"^<[a-z][^<>=/]* [^<>=/]*>$")


def check_filled_in(value: str) -> str:
    if PLACEHOLDER_RE.match(value):
        raise ValueError(f"{value} is a placeholder from `briefing new`; replace it with the real value")
    return value


def check_slug(value: str) -> str:
    check_filled_in(value)
    if len(value) > SLUG_MAX:
        raise ValueError(f"id is {len(value)} characters long; keep it to {SLUG_MAX} or fewer")
    if not SLUG_RE.match(value):
        raise ValueError(
            f"{value!r} is not a safe id; use lowercase letters, digits and single hyphens, "
            "for example 'vladimir-putin'"
        )
    if value in RESERVED_IDS:
        raise ValueError(f"{value!r} is reserved for the site's own pages; choose another id")
    if value in WINDOWS_DEVICE_IDS:
        raise ValueError(f"{value!r} is reserved: Windows cannot have a file of that name; choose another id")
    return value


Slug = Annotated[str, AfterValidator(check_slug)]
Text = Annotated[str, Field(min_length=1), AfterValidator(check_filled_in)]
# A name or title: shown as a page's title, in links and listings; nothing invisible in it (see invisible.py).
Label = Annotated[str, Field(min_length=1), AfterValidator(check_filled_in), AfterValidator(check_visible)]
# A source's web address (see urls.py); the schema's pattern is a first check for editors.
Url = Annotated[
    str,
    AfterValidator(check_url),
    Field(
        json_schema_extra={
            "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(:[0-9]+)?([/?#][^\s\[\]<>\"`\\{}|^]*)?$"
        }
    ),
]


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

    value: str = Field(min_length=1, description="YYYY-MM-DD, YYYY-MM or YYYY.")
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
        year, month, day = match.groups()  # month and day are None when the date leaves them out
        try:
            dt.date(int(year), int(month) if month else 1, int(day) if day else 1)
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


class TextPart(str, Enum):
    """A line of ``article.txt`` that is not the article's body."""

    headline = "headline"
    standfirst = "standfirst"
    byline = "byline"
    caption = "caption"
    newsletter = "newsletter"
    furniture = "furniture"  # page furniture: "Comments", "Save story", read times, related links


# Notes are read without YAML's type guessing, so a line number arrives as text ("3").
LineNumber = Annotated[
    int,
    Field(ge=1),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": "^[1-9][0-9]*$"}]}),
]
LineNumbers = Annotated[
    list[LineNumber], BeforeValidator(_as_list, json_schema_input_type=LineNumber | list[LineNumber])
]


class Source(Note):
    """An article, kept verbatim in ``article.txt`` beside this ``source.yml``."""

    id: Slug
    title: Label
    publisher: Label = Field(description="Who published it here: 'The Straits Times' for a Reuters report it ran.")
    original_publisher: Label | None = Field(
        default=None, description="The agency or paper that wrote a syndicated article, e.g. 'Reuters'."
    )
    published: WhenField | None = Field(
        default=None,
        description="YYYY-MM-DD, or YYYY-MM when the page gives only the month; leave it out when "
        "the page gives no date, and say 'retrieved'.",
    )
    retrieved: WhenField | None = Field(default=None, description="When the article was read (YYYY-MM-DD).")
    url: Url | None = None
    byline: list[Label] = Field(default_factory=list, description="Authors as printed; empty if none printed.")
    additional_reporting: list[Label] = Field(default_factory=list)
    language: str = "en"
    not_names: list[Text] = Field(
        default_factory=list,
        description="Capitalised phrases in the text that are not people (for the coverage report).",
    )
    layout: dict[TextPart, LineNumbers] = Field(
        default_factory=dict,
        description="Lines of article.txt (numbered as an editor shows them) that are not the body, by kind, "
        "e.g. {headline: 1, caption: [3, 7]}; paragraphs are numbered without them.",
    )

    not_quotes: list[Text] = Field(
        default_factory=list,
        description="Words in quotation marks in the text that are not quotations, e.g. a scare-quoted "
        '"peace plan" (for the coverage report and briefing draft).',
    )

    @model_validator(mode="after")
    def _dated_somehow(self) -> Source:
        if self.published is None and self.retrieved is None:
            raise ValueError(
                "a source needs 'published' (its date, or YYYY-MM if only the month is known) or, "
                "when the page shows no date, 'retrieved' (when you read it)"
            )
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
    Field(
        default_factory=list,
        description="Passages of other sources that say otherwise: a contributor's mark "
        "that this claim is wrong. Pages show the claim with what contradicts it.",
    ),
]


class Role(Note):
    title: Label = Field(description="As the source puts it, e.g. 'aide to Russia's president'.")
    affiliation: Slug | None = Field(default=None, description="Id of the organisation actor, if any.")
    evidence: EvidenceList
    contradicted_by: ContradictedBy


class Actor(Note):
    id: Slug
    kind: ActorKind
    name: Label
    aliases: list[Label] = Field(default_factory=list)
    sort_as: Label | None = Field(
        default=None,
        description=(
            "How Who's who files the actor, e.g. 'Leyen, Ursula von der'. Left out: a person's last word "
            "('Putin'), anyone else's whole name."
        ),
    )
    roles: list[Role] = Field(default_factory=list)
    about: str | None = Field(default=None, description="Optional prose (Markdown).")
    evidence: list[Evidence] = Field(default_factory=list, description="Passages that support the prose.")


# ---------------------------------------------------------------- issues


class Issue(Note):
    id: Slug
    name: Label
    aliases: list[Label] = Field(
        default_factory=list,
        description="Other names for it (the sources' or a "
        "reader's words, e.g. 'Donbas' for territory): its page shows them, so search finds it.",
    )
    summary: Text = Field(description="Prose (Markdown) a reader new to the story can follow.")
    related: list[Slug] = Field(default_factory=list, description="Ids of related issues.")
    evidence: list[Evidence] = Field(default_factory=list, description="Passages that support the summary.")


# ---------------------------------------------------------------- events


class EventStatus(str, Enum):
    held = "held"
    planned = "planned"
    proposed = "proposed"
    conditional = "conditional"


REFINES_DESCRIPTION = (
    "Id of a source whose claim this one gives in more detail ('NATO headquarters, Brussels' "
    "refining 'Brussels'): the two are one version, not a dispute."
)


class DateClaim(When):
    refines: Slug | None = Field(default=None, description=REFINES_DESCRIPTION)
    evidence: EvidenceList
    contradicted_by: ContradictedBy


class TextClaim(Note):
    value: Label
    refines: Slug | None = Field(default=None, description=REFINES_DESCRIPTION)
    evidence: EvidenceList
    contradicted_by: ContradictedBy


class Participant(Note):
    actor: Slug
    evidence: EvidenceList


# A fact one source states, or several sources state differently: one claim or a list of them.
DateClaims = Annotated[
    list[DateClaim], BeforeValidator(_as_list, json_schema_input_type=DateClaim | list[DateClaim]), Field(min_length=1)
]
TextClaims = Annotated[
    list[TextClaim], BeforeValidator(_as_list, json_schema_input_type=TextClaim | list[TextClaim]), Field(min_length=1)
]


class Event(Note):
    id: Slug
    name: Label
    kind: Label = Field(description="meeting, talks, speech, cabinet meeting, ...")
    status: EventStatus
    date: DateClaims | None = None
    place: TextClaims | None = None
    duration: TextClaims | None = None
    participants: list[Participant] = Field(default_factory=list)
    issues: list[Slug] = Field(default_factory=list)
    outcome: TextClaims | None = None
    condition: TextClaims | None = Field(default=None, description="What a conditional event depends on.")
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
    on: Text | None = Field(
        default=None,
        description="What the stance is about, in a few words ('sanctions "
        "relief', 'a ceasefire first'): two actors 'concerned' on different things do not agree.",
    )


QUOTATION_MARKS = '"“”„‟«»'


def check_no_quotation_marks(value: str) -> str:
    """Only a statement's ``quote`` is shown in quotation marks: a paraphrase must not bring its own."""
    if any(mark in value for mark in QUOTATION_MARKS):
        raise ValueError(
            "a paraphrase may not contain quotation marks; put the exact words in 'quote' "
            "and say the rest in your own words"
        )
    return value


class Statement(Note):
    """Who said what; lives in the ``statements.yml`` beside its source."""

    id: Slug
    speaker: Slug
    on_behalf_of: Slug | None = Field(
        default=None, description="Whose view the speaker relays (e.g. an aide describing the president's)."
    )
    reported_by: list[Slug] = Field(default_factory=list, description="Actors it came through (agency, aide).")
    quote: str | None = Field(default=None, description="The exact quoted words; '[...]' marks a cut.")
    paraphrase: Annotated[str, AfterValidator(check_no_quotation_marks)] | None = Field(
        default=None, description="The gist in the source's words, marked as paraphrase; no quotation marks."
    )
    date: WhenField | None = Field(
        default=None,
        description="When it was said, if the source says so. Without it, pages show the date of "
        "the event it was said at, or else 'reported <publication date> by <publisher>'.",
    )
    issues: list[Slug] = Field(default_factory=list)
    said_at: Slug | None = Field(
        default=None,
        description="Id of the held event the speaker spoke at (during it, or at it). "
        "Its date must agree with the statement's.",
    )
    about_events: list[Slug] = Field(
        default_factory=list,
        description="Ids of events the statement refers to (talks it comments on, "
        "a planned meeting it announces); says nothing about when or where it was said.",
    )
    positions: list[Position] = Field(default_factory=list)
    same_as: Slug | None = Field(
        default=None,
        description="Id of the same statement noted from another source; pages show it once, "
        "with both citations, and show differing wording or dates as disputed.",
    )
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
