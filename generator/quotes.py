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
from dataclasses import dataclass

from .names import Mention, dateline_end, is_noise_line, mentions
from .speakers import (
    CUE,
    CUES,
    MASK,
    Attributor,
    Reading,
    chunk_subject,
    cue_subject,
    cue_words,
    remember,
    sentence_subject,
    strength,
    subject_after,
)

_SENTENCE_END = re.compile(r"[.!?][”\"’»]?\s+(?=[“\"‘«]?[A-Z0-9])")
# "Lauretta said." after a quotation's full stop: the attribution, not a new sentence.
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){{0,3}}|he|she|they)\s+(?:{CUES})"
    r"(?:\s+[a-z][\w’'\-]*){0,4}[.!?]"
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sen rep gov gen lt col sgt capt jr sr no vs inc corp ltd co "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_OPEN, _CLOSE = "“«", "”»"
# Right after a quotation: an inverted cue (", said X") or a subject and its cue (", he said").
_AFTER = re.compile(
    rf"[\s,]*(?:(?P<inv>{CUES})\s|(?P<subj>[^,;:.◊]{{1,60}}?)\s+"
    rf"(?:(?:has|had|also|then|later|\w+ly)\s+)?(?<!\bto )(?<!-)(?P<cue>{CUES})\b)"
)
_WINDOW = 400  # characters either side of a quotation read for its cue and speaker


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


def quote_spans(text: str, start: int, end: int) -> list[Span]:
    """Quotations in one line; an unclosed one ends where the next opens or the line ends."""
    spans: list[Span] = []
    opened: int | None = None  # where the open quotation's mark is
    straight = False

    def close(mark: int, at: int, closed: bool) -> None:
        """End at ``at`` the quotation whose opening mark is at ``mark``."""
        inner_end = at
        while inner_end > mark + 1 and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end > mark + 1:
            spans.append(Span(mark + 1, inner_end, mark, at + (1 if closed else 0), closed))

    for i in range(start, end):
        char = text[i]
        if char in _OPEN or (char == '"' and opened is None):
            if opened is not None:
                close(opened, i, False)  # a new paragraph of the same quotation, run into one line
            opened, straight = i, char == '"'
        elif opened is not None and (char in _CLOSE or (char == '"' and straight)):
            close(opened, i, True)
            opened = None
    if opened is not None:
        close(opened, end, False)
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
        if text[at + 1 : at + 2] in '”"»' and _ATTRIBUTION.match(text, match.end()):
            continue  # “I really missed him.” Lauretta said.
        word = re.search(r"(\w+)\W*$", text[max(cursor, at - 40) : at + 1])
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


def detect(text: str) -> list[Quotation]:
    """Every quotation in the story lines of ``text``, with its sentence and its speaker."""
    lines: list[tuple[int, int] | None] = []  # each line's story bounds; None for a line that is not story
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and not is_noise_line(body, len(lines)):
            start = offset + dateline_end(body)
            lines.append((start, offset + len(body)))
        elif body.strip():
            lines.append(None)
        offset += len(line)
    story: list[tuple[int, int, list[Span]]] = []  # (sentence start, end, spans in it)
    for bounds in filter(None, lines):
        spans = quote_spans(text, *bounds)
        for s, e in sentences(text, *bounds, spans):
            story.append((s, e, [sp for sp in spans if s <= sp.start < e]))
    ahead = [_subjects(text, s, e, spans) for s, e, spans in story]
    reading = Reading()
    attributor = Attributor(reading, ahead)
    found: list[Quotation] = []
    for index, (s, e, spans) in enumerate(story):
        remember(text, s, e, reading)
        frame = _masked(text, s, e, spans)
        whole = not re.sub(rf"[{MASK}\s.,!?]", "", frame)  # nothing but quotations
        quotes = [_attribute(text, s, e, frame, span, index, attributor, whole) for span in spans]
        found += quotes
        subject = cue_subject(frame, index, attributor) or sentence_subject(frame, index, attributor)
        named = [q for q in quotes if q.speaker]
        speaker = named[-1].speaker if named else subject
        if speaker and (named or CUE.search(frame)):
            reading.last_speaker = (speaker, index)
        reading.last_subject = subject or (named[-1].speaker if named else reading.last_subject)
    return found


def _subjects(text: str, start: int, end: int, spans: list[Span]) -> list[Mention]:
    frame = _masked(text, start, end, spans)
    return [m for m in mentions(frame) if m.kind == "person"]


def _attribute(
    text: str, start: int, end: int, frame: str, span: Span, index: int, attributor: Attributor, whole: bool
) -> Quotation:
    quote = Quotation(span.start, span.end, text[span.start : span.end], start, end, text[start:end])
    at, after_at = span.mark_start - start, span.mark_end - start
    # Read only near the quotation: its cue is close, and a huge sentence costs no more than a short one.
    low = max(0, at - _WINDOW)
    frame, at, after_at = frame[low : after_at + _WINDOW], at - low, after_at - low
    cues = list(CUE.finditer(frame))
    after = _AFTER.match(frame, after_at)
    candidates = []  # (strength, speaker words, cue)
    if after:
        cue_end = after.end()
        words = subject_after(frame, cue_end) if after.group("inv") else chunk_subject(after.group("subj"))
        candidates.append((strength(words), words, after.group("inv") or after.group("cue")))
    before = [c for c in cues if c.end() <= at]
    for cue_match in reversed(before):
        words = "" if cue_match.group("part") else cue_words(frame, cue_match)
        if words:
            candidates.append((strength(words), words, cue_match.group(0)))
            break
    if before and not any(c[0] >= 2 for c in candidates):
        subject = sentence_subject(frame, index, attributor)
        if subject:
            candidates.append((2, subject, before[-1].group(0)))
    later = [c for c in cues if c.start() >= after_at and not c.group("part")]
    if later and not after:
        words = cue_words(frame, later[0])
        candidates.append((strength(words) - 1, words, later[0].group(0)))
    if re.search(r":\s*$", frame[:at]) and not candidates:
        subject = sentence_subject(frame[:at], index, attributor)
        candidates.append((2, subject or "", ":"))
    candidates = [c for c in candidates if c[1]]
    if candidates:
        _strength_, words, cue = max(candidates, key=lambda c: c[0])
        speaker, how, confidence, role = attributor.resolve(words, index)
        quote.speaker, quote.written, quote.cue, quote.how, quote.role = speaker, words, cue, how, role
        quote.confidence = confidence if speaker else 0.0
        return quote
    reading = attributor.reading
    if whole and (reading.last_speaker or reading.last_subject):
        # A quotation standing alone continues the last speaker's words.
        last = reading.last_speaker
        if last is not None and last[1] >= index - 2:  # a speaker named recently
            quote.speaker, quote.confidence = last[0], 0.6
        else:
            quote.speaker, quote.confidence = reading.last_subject, 0.4
        quote.how = "continues the previous speaker"
    elif not whole:
        subject = sentence_subject(frame, index, attributor)
        if subject and re.search(r"\b(?:is|was|were|are|has been|had been|feels|felt|remains?)\b", frame[:at]):
            quote.speaker, quote.how, quote.confidence = subject, "subject of the sentence", 0.5
    return quote
