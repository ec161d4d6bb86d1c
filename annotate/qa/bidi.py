"""Bidirectional control characters: embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069).

They reorder how the text around them is displayed, so a segment can read differently from
what it holds ("Trojan Source"). The control-chars check already flags them with a fix that
removes them; this module names them so the review screen can show each one where it is.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_positions(text: str) -> list[tuple[int, str]]:
    """(offset, "U+202E RIGHT-TO-LEFT OVERRIDE") for each bidirectional control in ``text``."""
    return [
        (m.start(), f"U+{ord(m.group()):04X} {unicodedata.name(m.group())}")
        for m in BIDI_CONTROLS.finditer(text)
    ]
