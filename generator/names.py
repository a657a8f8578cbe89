"""Names in an article's text: which capitalised words are people, which are noise.

Shared by the quotation detector (who is speaking?) and the coverage report (who is
named but not noted?). Rules, not a model: the lines and words that fooled the old
coverage report (headlines in title case, datelines, photo credits, "On Wednesday",
places, organisations) are recognised by their shape and a few short word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that make a title, not a name: "Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov".
TITLE_WORDS = frozenset(
    """
president vice prime minister secretary governor chancellor spokesman spokeswoman spokesperson
commissioner director chief ceo cfo coo chairman chairwoman chair envoy ambassador senator sen rep
judge justice general gen coach manager mayor king queen prince princess pope cardinal adviser advisor
aide officer executive deputy head leader founder president-elect premier lawmaker congressman
congresswoman councillor attorney sheriff inspector commander captain colonel lieutenant sergeant
professor prof dr mr mrs ms miss sir dame lord lady mp mep boss official
""".split()
)
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady".split())

# Last words that make a phrase an organisation, an event or a place, not a person.
NOT_PERSON_HEADS = frozenset(
    """
department ministry bank council committee commission office agency organization organisation university
school college house party union court company corp corporation inc ltd llc plc group association federation
league festival summit conference agreement plan centre center hospital institute society forum army navy
force forces police media news radio tv times post press tribune journal herald gazette street terrace road
avenue square province region county state states republic kingdom emirates islands island sea ocean river
mountains church museum studio fund reserve exchange market club team cup championship games olympics award
prize act treaty day week year photo images research station underground coast orbiter satellite shuttle
rocket telescope observatory mission programme program system observation launch medicine health science sciences
technology studies
affairs security defence defense energy finance development policy economics network foundation trust board
authority service services parliament assembly congress senate cabinet government administration alliance
nations community airlines airways motors systems labs capital partners holdings bureau guard guards ministries
""".split()
)
# Words that only look like the start of a name because they open a sentence.
NOT_NAME_WORDS = frozenset(
    """
a an the this that these those his her its their our your my some any all many most several both each every
no not on in at by for from with of to as after before during since until while when where which who whom
whose what how why if but and or so yet also earlier later meanwhile however moreover following additional
speaking asked told said says added according despite although though because once still then there here
it he she they we i you monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december today yesterday tomorrow last next
mr mrs ms dr sorry thank thanks yes comments advertisement share read watch photo
""".split()
)
PLACE_PREFIXES = frozenset("cape mount mountain lake port fort bay gulf isle glen saint st".split())
# Countries, demonyms and cities that are named as places, not people (the common ones in the news).
PLACES = frozenset(
    n.lower()
    for n in """
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh Belarus Belgium
Bolivia Bosnia Brazil Britain Bulgaria Cambodia Cameroon Canada Chile China Colombia Congo Croatia Cuba Cyprus
Czechia Denmark Ecuador Egypt England Eritrea Estonia Ethiopia Europe Finland France Gaza Georgia Germany Ghana
Greece Haiti Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Korea
Kosovo Kuwait Kyiv Latvia Lebanon Libya Lithuania Luxembourg Malaysia Maldives Mali Malta Mexico Moldova Mongolia
Montenegro Morocco Myanmar Nepal Netherlands Nigeria Norway Oman Pakistan Palestine Panama Peru Philippines Poland
Portugal Qatar Romania Russia Rwanda Scotland Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden
Switzerland Syria Taiwan Tanzania Thailand Tonga Tunisia Turkey Uganda Ukraine Uruguay Venezuela Vietnam Wales
Yemen Zambia Zimbabwe Africa Asia America Americas Antarctica Arctic Pacific Atlantic Balkans Caribbean Crimea
Donbas Donbass Donetsk Luhansk Kherson Zaporizhzhia Kharkiv Moscow Washington London Paris Berlin Brussels Beijing
Tokyo Geneva Brussels Kyiv Kiev Delhi Mumbai Sydney Melbourne Auckland Wellington Chicago Iowa Illinois California
Texas Florida York Jerusalem Tehran Baghdad Damascus Cairo Istanbul Ankara Rome Madrid Lisbon Vienna Warsaw Prague
Budapest Glasgow Dubai Doha Riyadh Seoul Pyongyang Taipei Hong Kong Shanghai Goma Sharm Sheikh Zealand Arabia
Emirates Abu Dhabi Minsk Odesa Odessa Lviv Dnipro Sumy Kursk Belgorod Strasbourg Frankfurt Munich Milan Manchester
American Americans British Russian Russians Ukrainian Ukrainians European Europeans Chinese Indian German French
Italian Spanish Japanese Korean Iranian Israeli Palestinian Syrian Turkish Polish Dutch Belgian Swiss Swedish
Norwegian Danish Finnish Greek Egyptian African Asian Arab Australian Canadian Mexican Brazilian Tongan Congolese
Western Eastern Northern Southern North South East West Central New United Saudi Soviet Nordic Baltic
""".split()
)

_WORD = r"[A-Z][\w’'\-\.]*[\w]|[A-Z]"
# A run of capitalised words, joined by name particles or by "of"/"&" inside organisation names.
_JOINERS = "of|&|for|de|van|von|bin|al|da|del|di|le|la|du|der|ter"
NAME_RUN = re.compile(rf"(?:{_WORD})(?:(?:[ \t]+(?:{_JOINERS}))*[ \t]+(?:{_WORD}))*")
_CREDIT = re.compile(
    r"\b(?:Photo|Picture|Image|Credit|Photograph)s?\s*:|\b[A-Z]{3,}/[A-Z]|Getty Images|\(photo:"
    r"|\bcourtesy\b|Pool via",
    re.I,
)
_BYLINE = re.compile(r"^(?:By|Reporting by|Additional reporting by|Written by)\s+[A-Z]|\|\s*By\s", re.I)
# "SHARM EL SHEIKH, EGYPT (AP) — " or "GENEVA (Reuters) – ": a dateline before the story.
DATELINE = re.compile(r"^[A-Z][A-Z .,'’\-]{2,}(?:,\s*[A-Za-z][\w .]*?)?\s*(?:\([A-Za-z .]+\))?\s*[—–-]\s+")
_CONNECTORS = frozenset({"of", "&", "for"})
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.\s$")


def is_noise_line(line: str, index: int) -> bool:
    """A headline, subheading, standfirst, byline, photo credit or caption: not a story sentence."""
    stripped = line.strip()
    if _CREDIT.search(stripped) or _BYLINE.search(stripped):
        return True
    words = stripped.split()
    # A closing quotation mark ends a sentence only with a full stop inside it: 'Launch: "We Got It"' is a headline.
    if stripped.rstrip("\"”’'»").endswith((".", "!", "?", ":", ";", ")", "…")):
        return False
    # Without closing punctuation: a heading, unless it is a long sentence cut off mid-way.
    return len(words) <= 14 or _title_case_share(words) > 0.6


def _title_case_share(words: list[str]) -> float:
    letters = [w for w in words if w[:1].isalpha()]
    return sum(w[0].isupper() for w in letters) / max(1, len(letters))


def dateline_end(line: str) -> int:
    match = DATELINE.match(line)
    return match.end() if match else 0


def strip_possessive(word: str) -> str:
    return re.sub(r"[’']s$|(?<=s)[’']$", "", word)


@dataclass(frozen=True)
class Mention:
    """A capitalised phrase in the text, split into its title and its name."""

    text: str  # the phrase as written
    start: int
    end: int
    name: str  # the part that is a name ("Dmitry Peskov")
    title: str  # the words before it that are a title ("Kremlin spokesman"), or ""
    honorific: bool  # "Mr Bailey", "Ms Bullock": certainly a person
    kind: str  # "person", "organisation", "place", "other"


def classify(words: list[str]) -> str:
    lowered = [strip_possessive(w).lower().rstrip(".") for w in words]
    if not lowered:
        return "other"
    if any(w in NOT_PERSON_HEADS for w in lowered):
        return "organisation"
    if all(w in PLACES for w in lowered) or lowered[-1] in PLACES or lowered[0] in PLACE_PREFIXES:
        return "place"  # "Good Morning Britain" is no person either
    if len(words) > 1 and re.fullmatch(r"[A-Z]|[IVX]+", words[-1]):
        return "other"  # "Atlas V"
    if any(w in NOT_NAME_WORDS for w in lowered) or any(w.isupper() and len(w) > 1 for w in words):
        return "other"
    return "person"


def mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Capitalised phrases between ``start`` and ``end``, each split into title and name."""
    found = []
    for match in NAME_RUN.finditer(text, start, len(text) if end is None else end):
        words = [
            (w.group(0), match.start() + w.start(), match.start() + w.end())
            for w in re.finditer(r"\S+", match.group(0))
        ]
        # "Satya Nadella of Microsoft Corp" is a person and an organisation, not one name.
        joint = next(
            (
                i
                for i, w in enumerate(words)
                if w[0] in _CONNECTORS and i >= 2 and classify([x[0] for x in words[:i]]) == "person"
            ),
            None,
        )
        if joint is not None:
            found += _split(text, words[:joint])
            words = words[joint + 1 :]
        # A possessive ends a name: "Donald Trump’s son-in-law", "Congo’s Ebola outbreak".
        while words:
            cut = next((i + 1 for i, w in enumerate(words[:-1]) if re.search(r"[’']s$|s[’']$", w[0])), len(words))
            found += _split(text, words[:cut])
            words = words[cut:]
    return found


def _split(text: str, words: list[tuple[str, int, int]]) -> list[Mention]:
    # Drop the words that only open a sentence ("On Wednesday", "Earlier", "Speaking") and caps like "NN".
    while words and (
        words[0][0].lower().rstrip(".,") in NOT_NAME_WORDS
        or (words[0][0].isupper() and len(words[0][0]) > 1)
        or (words[0][0].endswith("ing") and len(words[0][0]) > 5)
    ):
        words = words[1:]
    if not words:
        return []
    plain = [w[0] for w in words]
    lowered = [strip_possessive(w).lower().rstrip(".") for w in plain]
    cut = max((i + 1 for i, w in enumerate(lowered) if w in TITLE_WORDS), default=0)
    kind = classify(plain)
    if 0 < cut < len(words) and classify(plain[cut:]) == "person":
        kind = "person"  # "Reserve Bank Governor Michele Bullock": an organisation's title, then a name
    if kind == "person" and cut == len(words):
        return []  # a title alone ("RBA Governor")
    if kind != "person":
        cut = 0
    name = strip_possessive(" ".join(plain[cut:]))
    honorific = (cut > 0 and lowered[cut - 1] in HONORIFICS) or bool(
        _HONORIFIC_BEFORE.search(text[max(0, words[0][1] - 6) : words[0][1]])
    )
    if kind == "person" and all(w.lower() in PLACES for w in name.split()):
        kind = "place"
    start, end = words[0][1], words[-1][2]
    return [Mention(text[start:end], start, end, name, " ".join(plain[:cut]), honorific, kind)]


def same_person(short: str, full: str) -> bool:
    """ "Peskov", "Mr Peskov" or "Dmitry" refer to "Dmitry Peskov"; words are compared whole."""
    a, b = short.lower().split(), full.lower().split()
    return bool(a) and (a == b or (len(a) == 1 and a[0] in (b[0], b[-1])) or a == b[-len(a) :])


class NameIndex:
    """Names, looked up the way ``same_person`` compares them, without comparing against every one."""

    def __init__(self, names=()):
        self._exact: set[str] = set()
        self._by_word: dict[str, list[str]] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        words = name.lower().split()
        if words:
            self._exact.add(" ".join(words))
            for word in {words[0], words[-1]}:
                self._by_word.setdefault(word, []).append(name)

    def covers(self, name: str) -> bool:
        words = name.lower().split()
        if not words:
            return False
        if " ".join(words) in self._exact:
            return True
        candidates = self._by_word.get(words[0], []) + self._by_word.get(words[-1], [])
        return any(same_person(name, known) for known in candidates)
