"""Names and titles must read as they are stored: no invisible reordering or hidden characters.

Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) make a name
display in another order than it is stored, and can reorder the text after it on the page;
zero-width characters (U+200B, U+2060, U+FEFF) make two names that look the same differ.
Both are refused with the position, so a contributor can delete what they cannot see.

The joiners U+200C and U+200D are real spelling in Persian, in Indic scripts and in emoji
sequences (👨‍👩‍👧, 🏳️‍🌈): they are allowed between two characters beyond ASCII that are
letters, marks or symbols, and refused anywhere else (next to ASCII, a space, or at an end),
where they only hide.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff")
JOINERS = frozenset("\u200c\u200d")
_JOINABLE = ("L", "M", "So", "Sk")  # letters, marks (including emoji variation selectors), symbols


def _joinable(char: str) -> bool:
    category = unicodedata.category(char)
    return not char.isascii() and (category[0] in "LM" or category in _JOINABLE)


def _where(value: str, index: int) -> str:
    char = value[index]
    return f"U+{ord(char):04X} {unicodedata.name(char, 'character')} at character {index + 1}"


def check_visible(value: str) -> str:
    """``value`` unless it holds a character above; ValueError naming it and where it is."""
    for index, char in enumerate(value):
        if char in BIDI_CONTROLS:
            raise ValueError(
                f"holds the invisible {_where(value, index)}, which changes the order text is "
                "shown in; delete it (retype the text around it if your editor hides it)"
            )
        if char in ZERO_WIDTH:
            raise ValueError(
                f"holds the invisible {_where(value, index)}; delete it (retype the text around "
                "it if your editor hides it)"
            )
        if char in JOINERS:
            between = 0 < index < len(value) - 1 and _joinable(value[index - 1]) and _joinable(value[index + 1])
            if not between:
                raise ValueError(
                    f"holds the invisible {_where(value, index)} outside a word or emoji that "
                    "needs it; delete it (retype the text around it if your editor hides it)"
                )
    return value
