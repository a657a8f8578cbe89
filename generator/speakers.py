"""Who speaks in a sentence: the cue verb, the words naming its subject, and what they point back to.

Read by quotes.py one sentence at a time, with the quotations masked, so that nothing
inside a quotation is taken for a cue or a speaker.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .names import TITLE_WORDS, Mention, mentions, same_person, strip_possessive

MASK = "◊"  # stands in for each character of a quotation, marks included
CUES = (
    "said|says|say|told|tells|added|adds|stressed|stresses|warned|warns|noted|notes|insisted|insists|"
    "explained|explains|argued|argues|claimed|claims|wrote|writes|tweeted|posted|asked|asks|replied|"
    "continued|maintained|ended|urged|urges|shouted|declared|announced|admitted|acknowledged|conceded|"
    "emphasi[sz]ed|concluded|called|calls|described|describes|recalled|confirmed|cautioned|complained|"
    "predicted|promised|vowed|suggested|observed|commented|remarked|answered|responded|reiterated|"
    "threatened|pledged|denied|made it clear|made clear"
)
PARTICIPLES = (
    "saying|adding|stressing|describing|calling|noting|insisting|explaining|arguing|claiming|"
    "warning|urging|telling|declaring|emphasi[sz]ing|reiterating"
)
# "to say" and "so-called" report nothing.
CUE = re.compile(rf"(?<!\bto )(?<!-)\b(?:(?P<cue>{CUES})|(?P<part>{PARTICIPLES})|(?P<acc>according to))\b")
_AUX = re.compile(
    r"(?:\s+(?:has|had|have|would|will|also|then|later|earlier|again|once|further|did|does|"
    r"separately|previously|repeatedly|\w+ly))+$"
)
_PRONOUN = re.compile(r"^(?:he|she|they|we)$", re.I)
_BOUNDARY = re.compile(rf"◊+|[;:]|\b(?:that|and|but|while|although|though|because|after|before|{CUES})\b")


@dataclass
class Reading:
    """What has been read so far: names, roles and the last subject, for back-references."""

    people: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (name, role words)
    organisations: list[str] = field(default_factory=list)
    last_subject: str | None = None
    last_speaker: tuple[str, int] | None = None


def chunk_subject(chunk: str) -> str:
    chunk = _AUX.sub("", chunk.strip(" ,")).strip()
    return re.sub(r"^(?:and|but|so|then|as)(?:\s+|$)", "", chunk)


def _role_like(part: str) -> bool:
    first = part.split()[0] if part.split() else ""
    return bool(first) and (first[0].islower() or bool(re.search(r"[’']s$", first)))


def subject_before(frame: str, cue_start: int) -> str:
    """The words naming who speaks, left of a cue: "Mark Rutte, Nato's secretary-general, said"."""
    left = frame[max(0, cue_start - 300) : cue_start]  # a subject is near its verb
    bounds = [m.end() for m in _BOUNDARY.finditer(left)]
    left = left[bounds[-1] :] if bounds else left
    parts = [p.strip() for p in left.split(",")]
    subject = chunk_subject(parts[-1])
    earlier = [p for p in parts[:-1] if p]
    if (not subject or _role_like(subject)) and earlier:
        # An appositive: the name is before the role between commas.
        while earlier and _role_like(earlier[-1]):
            earlier.pop()
        if earlier and mentions(earlier[-1]) and mentions(earlier[-1])[-1].end == len(earlier[-1]):
            return earlier[-1]
    return subject


def subject_after(frame: str, cue_end: int) -> str:
    """The words right of an inverted cue: "...," said Peter Piot, a member of ..."""
    match = re.match(r"\s*([^,;:.◊]{1,60})", frame[cue_end:])
    return match.group(1).strip() if match else ""


class Attributor:
    """Turns the words that name a subject into a speaker, with what has been read and what comes next."""

    def __init__(self, reading: Reading, ahead: list[list[Mention]]):
        self.reading, self.ahead = reading, ahead  # ahead: the people each sentence names

    def resolve(self, words: str, sentence: int) -> tuple[str | None, str, float, str | None]:
        """(speaker, how, confidence, role) for the words that name a subject."""
        words = words.strip()
        if not words:
            return None, "", 0.0, None
        if _PRONOUN.match(words):
            return self.reading.last_subject, f"'{words}' points back", 0.75, None
        found = mentions(words)
        if found and found[-1].end == len(words) and found[-1].kind != "other":
            last = found[-1]
            role = (words[: last.start].strip() + " " + last.title).strip() or None
            full = self.full_name(last.name)
            if full == last.name and " " not in full:
                near = self.near_name(full)  # a misspelt surname: "Morrision" for David Morrison
                if near:
                    return near, f"named, spelt '{full}' here", 0.6, role
            return full, "named", 0.9, role
        role = re.sub(r"[’']s\s+(?:report|statement|spokes\w+|office|website)$", "", words)
        head = re.split(r"\s+(?:to|of|for|at|in|with|from)\s+", role)[0].split()[-1].lower()
        for name, known_role in reversed(self.reading.roles):
            if re.search(rf"\b{re.escape(head)}\b", known_role.lower()):
                return name, f"role '{words}' named earlier", 0.7, words
        for org in reversed(self.reading.organisations):
            if head in org.lower().split():
                return org, f"'{words}' named earlier", 0.7, None
        if head in TITLE_WORDS:  # a person's role: "a senior aide to ...", "The transport secretary"
            last_speaker = self.reading.last_speaker
            if last_speaker and re.match(r"^the\s", role, re.I) and not re.search(r"[’']s\b", role):
                return last_speaker[0], f"'{words}' taken as the last speaker", 0.5, words  # "the NASA boss said"
            for later in self.ahead[sentence + 1 : sentence + 3]:
                person = next((m for m in later if m.kind == "person" and " " in m.name), None)
                if person:
                    return person.name, f"role '{words}' named in the next sentence", 0.6, words
        weak = 0.4 if re.match(r"^[a-z]+s$", role) else 0.5
        return role, "role as written", weak, None

    def near_name(self, name: str) -> str | None:
        if len(name) < 6:
            return None
        return next(
            (
                full
                for full in reversed(self.reading.people)
                if difflib.SequenceMatcher(None, name.lower(), full.split()[-1].lower()).ratio() >= 0.88
            ),
            None,
        )

    def full_name(self, name: str) -> str:
        for full in reversed(self.reading.people):
            if same_person(strip_possessive(name), full):
                return full
        return name


# "Mark Carney, governor of the Bank of England,": a name of two to four words, then a role.
_APPOSITIVE = re.compile(
    r"(?<![\w’'\-])([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){1,3}), "
    r"((?:a |an |the )?[a-z][^,.]{2,80})[,.]"
)


def remember(text: str, start: int, end: int, reading: Reading) -> None:
    for mention in mentions(text, start, end):
        if mention.kind == "person" and " " in mention.name and mention.name not in reading.people:
            reading.people.append(mention.name)
        if mention.kind == "organisation":
            reading.organisations.append(mention.name)
        if mention.kind == "person" and mention.title:
            reading.roles.append((mention.name, mention.title))
    # "Mark Carney, governor of the Bank of England," names a role after the name.
    for match in _APPOSITIVE.finditer(text, start, end):
        reading.roles.append((match.group(1), match.group(2)))


def cue_words(frame: str, cue: re.Match) -> str:
    """The words naming who speaks: after "according to" or an inverted cue (Q, said X), else before."""
    if cue.group("acc") or re.search(r"◊[\s,]*$", frame[: cue.start()]):
        return subject_after(frame, cue.end())
    return subject_before(frame, cue.start())


def cue_subject(frame: str, index: int, attributor: Attributor) -> str | None:
    """Who speaks in a sentence with a cue verb, quoted or not ("She says that ...")."""
    for cue in CUE.finditer(frame):
        if cue.group("part"):
            continue
        words = cue_words(frame, cue)
        speaker = attributor.resolve(words, index)[0] if words and strength(words) > 1 else None
        if speaker:
            return speaker
    return None


def sentence_subject(frame: str, index: int, attributor: Attributor) -> str | None:
    """Who the sentence is about: a pronoun or name opening a clause, not one after a preposition."""
    match = re.match(r"^(?:[^,◊]{0,60},\s+)?(He|She|They)\b", frame)
    if match:
        return attributor.reading.last_subject
    for mention in mentions(frame):
        before = frame[max(0, mention.start - 30) : mention.start].split()[-1:] or [""]
        known = (
            " " in mention.name
            or mention.honorific
            or any(same_person(mention.name, p) for p in attributor.reading.people)
        )
        if (
            mention.kind == "person"
            and known
            and before[0].lower()
            not in ("of", "to", "with", "by", "for", "from", "between", "about", "in", "on", "at", "against", "and")
        ):
            return attributor.full_name(mention.name)
    return None


def strength(words: str) -> int:
    """A name, pronoun or determined role is a strong subject; a bare plural ("delegations") weak."""
    if not words:
        return 0
    return 1 if re.match(r"^[a-z]+s$", words.strip()) else 3
