"""Direct quotations in an article and who said them, by rules a reader could check.

One pass over the story lines (headlines, bylines, captions and datelines set aside):
find the words in quotation marks, cut the text into sentences that never break inside
a quotation, then read each sentence with its quotations masked, looking for a cue verb
("said", "told", "added") and the words that name its subject: a name, a pronoun
pointing back to the last subject, or a role ("a senior aide to Russia's president")
named before or just after. The passage given for a quotation is its sentence, exactly
as in the text, so a draft built from it passes ``briefing check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .names import Mention, dateline_end, is_noise_line, mentions, same_person, strip_possessive

CUES = ("said|says|say|told|tells|added|adds|stressed|stresses|warned|warns|noted|notes|insisted|insists|"
        "explained|explains|argued|argues|claimed|claims|wrote|writes|tweeted|posted|asked|asks|replied|"
        "continued|maintained|ended|urged|urges|shouted|declared|announced|admitted|acknowledged|conceded|"
        "emphasi[sz]ed|concluded|called|calls|described|describes|recalled|confirmed|cautioned|complained|"
        "predicted|promised|vowed|suggested|observed|commented|remarked|answered|responded|reiterated|"
        "threatened|pledged|denied|made it clear|made clear")
PARTICIPLES = ("saying|adding|stressing|describing|calling|noting|insisting|explaining|arguing|claiming|"
               "warning|urging|telling|declaring|emphasi[sz]ing|reiterating")
_CUE = re.compile(rf"(?<!\bto )(?<!-)\b(?:(?P<cue>{CUES})|(?P<part>{PARTICIPLES}))\b")  # "to say", "so-called" report nothing
_AUX = re.compile(r"(?:\s+(?:has|had|have|would|will|also|then|later|earlier|again|once|further|did|does|"
                  r"separately|previously|repeatedly|\w+ly))+$")
_PRONOUN = re.compile(r"^(?:he|she|they|we)$", re.I)
_BOUNDARY = re.compile(rf"◊+|[;:]|\b(?:that|and|but|while|although|though|because|after|before|{CUES})\b")
_SENTENCE_END = re.compile(r"[.!?][”\"’»]?\s+(?=[“\"‘«]?[A-Z0-9])")
_ABBREVIATIONS = frozenset("mr mrs ms dr prof st sen rep gov gen lt col sgt capt jr sr no vs inc corp ltd co "
                           "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_OPEN, _CLOSE = "“«", "”»"
MASK = "◊"


@dataclass(frozen=True)
class Span:
    start: int  # first character inside the marks
    end: int  # one past the last character inside
    mark_start: int
    mark_end: int
    closed: bool


@dataclass
class Quotation:
    start: int
    end: int
    text: str
    passage_start: int
    passage_end: int
    passage: str
    speaker: str | None = None  # the fullest name the article gives
    written: str | None = None  # the words that point at the speaker ("he", "Ms Bullock")
    role: str | None = None
    cue: str | None = None
    confidence: float = 0.0
    how: str = "no speaker found"


@dataclass
class _Reading:
    """What has been read so far: names, roles and the last subject, for back-references."""

    people: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (name, role words)
    organisations: list[str] = field(default_factory=list)
    last_subject: str | None = None
    last_speaker: tuple[str, int] | None = None


def quote_spans(text: str, start: int, end: int) -> list[Span]:
    """Quotations in one line; an unclosed one ends where the next opens or the line ends."""
    spans, opened, straight = [], None, False

    def close(at: int, closed: bool) -> None:
        inner_end = at
        while inner_end > opened + 1 and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end > opened + 1:
            spans.append(Span(opened + 1, inner_end, opened, at + (1 if closed else 0), closed))

    for i in range(start, end):
        char = text[i]
        if char in _OPEN or (char == '"' and opened is None):
            if opened is not None:
                close(i, False)  # a new paragraph of the same quotation, run into one line
            opened, straight = i, char == '"'
        elif opened is not None and (char in _CLOSE or (char == '"' and straight)):
            close(i, True)
            opened = None
    if opened is not None:
        close(end, False)
    return spans


def _masked(text: str, start: int, end: int, spans: list[Span]) -> str:
    chars = list(text[start:end])
    for span in spans:
        for i in range(max(span.mark_start, start), min(span.mark_end, end)):
            chars[i - start] = MASK
    return "".join(chars)


def sentences(text: str, start: int, end: int, spans: list[Span]) -> list[tuple[int, int]]:
    """Sentence bounds in a line, never inside a quotation."""
    found, cursor = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        at = match.start()
        if any(s.mark_start < at < s.mark_end - 2 for s in spans):
            continue
        word = re.search(r"(\w+)\W*$", text[cursor:at + 1])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        found.append((cursor, match.end()))
        cursor = match.end()
    found.append((cursor, end))
    return [(s, e) for s, e in ((s, _rstrip(text, s, e)) for s, e in found) if e > s]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _chunk_subject(chunk: str) -> str:
    chunk = _AUX.sub("", chunk.strip(" ,")).strip()
    return re.sub(r"^(?:and|but|so|then|as)\s+", "", chunk)


def _role_like(part: str) -> bool:
    first = part.split()[0] if part.split() else ""
    return bool(first) and (first[0].islower() or bool(re.search(r"[’']s$", first)))


def _subject_before(frame: str, cue_start: int) -> str:
    """The words naming who speaks, left of a cue: "Mark Rutte, Nato's secretary-general, said"."""
    left = frame[:cue_start]
    bounds = [m.end() for m in _BOUNDARY.finditer(left)]
    left = left[bounds[-1]:] if bounds else left
    parts = [p.strip() for p in left.split(",")]
    subject = _chunk_subject(parts[-1])
    earlier = [p for p in parts[:-1] if p]
    if (not subject or _role_like(subject)) and earlier:
        # An appositive: the name is before the role between commas.
        while earlier and _role_like(earlier[-1]):
            earlier.pop()
        if earlier and mentions(earlier[-1]) and mentions(earlier[-1])[-1].end == len(earlier[-1]):
            return earlier[-1]
    return subject


def _subject_after(frame: str, cue_end: int) -> str:
    """The words right of an inverted cue: "...," said Peter Piot, a member of ..."""
    match = re.match(r"\s*([^,;:.◊]{1,60})", frame[cue_end:])
    return match.group(1).strip() if match else ""


class _Attributor:
    def __init__(self, text: str, reading: _Reading, ahead: list[list[Mention]]):
        self.text, self.reading, self.ahead = text, reading, ahead

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
            role = (words[:last.start].strip() + " " + last.title).strip() or None
            return self.full_name(last.name), "named", 0.9, role
        role = re.sub(r"[’']s\s+(?:report|statement|spokes\w+|office|website)$", "", words)
        head = re.split(r"\s+(?:to|of|for|at|in|with|from)\s+", role)[0].split()[-1].lower()
        for name, known_role in reversed(self.reading.roles):
            if re.search(rf"\b{re.escape(head)}\b", known_role.lower()):
                return name, f"role '{words}' named earlier", 0.7, words
        for org in reversed(self.reading.organisations):
            if head in org.lower().split():
                return org, f"'{words}' named earlier", 0.7, None
        if not role.lower().startswith(("the ", "this ", "that ")):
            for later in self.ahead[sentence + 1:sentence + 3]:
                person = next((m for m in later if m.kind == "person" and " " in m.name), None)
                if person:
                    return person.name, f"role '{words}' named in the next sentence", 0.6, words
        weak = 0.4 if re.match(r"^[a-z]+s$", role) else 0.5
        return role, "role as written", weak, None

    def full_name(self, name: str) -> str:
        for full in reversed(self.reading.people):
            if same_person(strip_possessive(name), full):
                return full
        return name


def detect(text: str) -> list[Quotation]:
    """Every quotation in the story lines of ``text``, with its sentence and its speaker."""
    lines, offset = [], 0
    for index, line in enumerate(text.splitlines(keepends=True)):
        body = line.rstrip("\r\n")
        if body.strip() and not is_noise_line(body, len(lines)):
            start = offset + dateline_end(body)
            lines.append((start, offset + len(body)))
        elif body.strip():
            lines.append(None)
        offset += len(line)
    story = []  # (sentence start, end, spans in it)
    for bounds in filter(None, lines):
        spans = quote_spans(text, *bounds)
        for s, e in sentences(text, *bounds, spans):
            story.append((s, e, [sp for sp in spans if s <= sp.start < e]))
    ahead = [_subjects(text, s, e, spans) for s, e, spans in story]
    reading = _Reading()
    attributor = _Attributor(text, reading, ahead)
    found: list[Quotation] = []
    for index, (s, e, spans) in enumerate(story):
        _remember(text, s, e, reading)
        frame = _masked(text, s, e, spans)
        quotes = [_attribute(text, s, e, frame, span, index, attributor) for span in spans]
        found += quotes
        subject = _cue_subject(frame, index, attributor) or _sentence_subject(frame, index, attributor)
        named = [q for q in quotes if q.speaker]
        if named or (subject and _CUE.search(frame)):
            reading.last_speaker = (named[-1].speaker if named else subject, index)
        reading.last_subject = subject or (named[-1].speaker if named else reading.last_subject)
    return found


def _remember(text: str, start: int, end: int, reading: _Reading) -> None:
    for mention in mentions(text, start, end):
        if mention.kind == "person" and " " in mention.name and mention.name not in reading.people:
            reading.people.append(mention.name)
        if mention.kind == "organisation":
            reading.organisations.append(mention.name)
        if mention.kind == "person" and mention.title:
            reading.roles.append((mention.name, mention.title))
    # "Mark Carney, governor of the Bank of England," names a role after the name.
    for match in re.finditer(r"([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)+), ((?:a |an |the )?[a-z][^,.]{2,80})[,.]",
                             text[start:end]):
        reading.roles.append((match.group(1), match.group(2)))


def _subjects(text: str, start: int, end: int, spans: list[Span]) -> list[Mention]:
    frame = _masked(text, start, end, spans)
    return [m for m in mentions(frame) if m.kind == "person"]


def _cue_subject(frame: str, index: int, attributor: _Attributor) -> str | None:
    """Who speaks in a sentence with a cue verb, quoted or not ("She says that ...")."""
    for cue in _CUE.finditer(frame):
        if cue.group("part"):
            continue
        inverted = re.search(r"◊[\s,]*$", frame[:cue.start()])
        words = _subject_after(frame, cue.end()) if inverted else _subject_before(frame, cue.start())
        speaker = attributor.resolve(words, index)[0] if words and _strength(words) > 1 else None
        if speaker:
            return speaker
    return None


def _sentence_subject(frame: str, index: int, attributor: _Attributor) -> str | None:
    """Who the sentence is about: a pronoun or name opening a clause, not one after a preposition."""
    match = re.match(r"^(?:[^,◊]{0,60},\s+)?(He|She|They)\b", frame)
    if match:
        return attributor.reading.last_subject
    for mention in mentions(frame):
        before = frame[:mention.start].split()[-1:] or [""]
        known = " " in mention.name or mention.honorific or any(
            same_person(mention.name, p) for p in attributor.reading.people)
        if mention.kind == "person" and known and before[0].lower() not in (
                "of", "to", "with", "by", "for", "from", "between", "about", "in", "on", "at", "against", "and"):
            return attributor.full_name(mention.name)
    return None


def _attribute(text: str, start: int, end: int, frame: str, span: Span, index: int,
               attributor: _Attributor) -> Quotation:
    quote = Quotation(span.start, span.end, text[span.start:span.end], start, end, text[start:end])
    at, after_at = span.mark_start - start, span.mark_end - start
    cues = list(_CUE.finditer(frame))
    after = re.match(rf"^[\s,]*(?:(?P<inv>{CUES})\s|(?P<subj>[^,;:.◊]{{1,60}}?)\s+(?:(?:has|had|also|then|later|\w+ly)\s+)?(?<!\bto )(?<!-)(?P<cue>{CUES})\b)",
                     frame[after_at:])
    candidates = []  # (strength, speaker words, cue)
    if after:
        cue_end = after_at + after.end()
        words = _subject_after(frame, cue_end) if after.group("inv") else _chunk_subject(after.group("subj"))
        candidates.append((_strength(words), words, after.group("inv") or after.group("cue")))
    before = [c for c in cues if c.end() <= at]
    for cue in reversed(before):
        words = "" if cue.group("part") else _subject_before(frame, cue.start())
        if words:
            candidates.append((_strength(words), words, cue.group(0)))
            break
    if before and not any(c[0] >= 2 for c in candidates):
        subject = _sentence_subject(frame, index, attributor)
        if subject:
            candidates.append((2, subject, before[-1].group(0)))
    later = [c for c in cues if c.start() >= after_at and c.group("cue")]
    if later and not after:
        words = _subject_before(frame, later[0].start())
        candidates.append((_strength(words) - 1, words, later[0].group(0)))
    if re.search(r":\s*$", frame[:at]) and not candidates:
        subject = _sentence_subject(frame[:at], index, attributor)
        candidates.append((2, subject or "", ":"))
    candidates = [c for c in candidates if c[1]]
    if candidates:
        _strength_, words, cue = max(candidates, key=lambda c: c[0])
        speaker, how, confidence, role = attributor.resolve(words, index)
        quote.speaker, quote.written, quote.cue, quote.how, quote.role = speaker, words, cue, how, role
        quote.confidence = confidence if speaker else 0.0
        return quote
    whole = not re.sub(rf"[{MASK}\s.,!?]", "", frame)
    reading = attributor.reading
    if whole and (reading.last_speaker or reading.last_subject):
        # A quotation standing alone continues the last speaker's words.
        recent = reading.last_speaker and reading.last_speaker[1] >= index - 2
        quote.speaker = reading.last_speaker[0] if recent else reading.last_subject
        quote.how, quote.confidence = "continues the previous speaker", 0.6 if recent else 0.4
    elif not whole:
        subject = _sentence_subject(frame, index, attributor)
        if subject and re.search(r"\b(?:is|was|were|are|has been|had been|feels|felt|remains?)\b", frame[:at]):
            quote.speaker, quote.how, quote.confidence = subject, "subject of the sentence", 0.5
    return quote


def _strength(words: str) -> int:
    """A name, pronoun or determined role is a strong subject; a bare plural ("delegations") weak."""
    if not words:
        return 0
    return 1 if re.match(r"^[a-z]+s$", words.strip()) else 3
