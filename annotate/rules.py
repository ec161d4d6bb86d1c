"""Entity rules for MT of Chinese reports: what spaCy's small English model misses or cuts short.

Pure: text in, (start, end, label) out. Amounts in yuan with Chinese magnitudes, percentages and
"percentage points", reporting periods ("January to August", "the first half of 2023"), land in
mu, and counts of enterprises are the figures these reports are made of.

Every match is fitted to tokens (corpus.text.spans.snap_to_tokens): a figure glued into a word,
as MT writes "price:3999 yuan", is suggested as the whole token, so IOB and DocBin exports
carry every rule suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.text.spans import snap_to_tokens

__all__ = ["RuleMatch", "find_entities"]

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MAGNITUDE = r"(?:\s+(?:hundred|thousand|ten thousand|million|billion|trillion|hundred million))?"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_YEAR = r"(?:19|20)\d{2}"

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "MONEY",
        re.compile(
            rf"(?:(?:RMB|CNY|US\$|\$|¥)\s?{_NUMBER}{_MAGNITUDE}(?:\s+yuan)?"
            rf"|{_NUMBER}{_MAGNITUDE}\s+(?:yuan|RMB|renminbi|US dollars|dollars|euros))\b",
            re.I,
        ),
    ),
    ("PERCENT", re.compile(rf"{_NUMBER}\s?(?:%|percent\b|per cent\b|percentage points?\b)", re.I)),
    (
        "DATE",
        re.compile(
            rf"\b(?:(?:the\s+)?(?:first|second)\s+half\s+of\s+(?:{_YEAR}|the\s+year)"
            rf"|(?:the\s+)?(?:first|second|third|fourth)\s+quarter\s+of\s+{_YEAR}"
            rf"|(?:the\s+)?end\s+of\s+{_YEAR}"
            rf"|{_MONTH}\s+to\s+{_MONTH}(?:\s+(?:of\s+)?{_YEAR})?"
            rf"|{_MONTH}\s+\d{{1,2}}(?:,\s+{_YEAR})?"
            rf"|{_MONTH}\s+{_YEAR}"
            rf"|{_YEAR}\s*(?:-|–|to)\s*{_YEAR}"
            rf"|(?:in|since|by|from|of)\s+{_YEAR})\b"
        ),
    ),
    (
        "QUANTITY",
        re.compile(
            rf"\b{_NUMBER}{_MAGNITUDE}\s+(?:mu|hectares?|square (?:kilo)?met(?:er|re)s|tons?|tonnes?|kilowatts?"
            rf"|kWh|megawatts?|kilometers?|kilometres?|GB|Mbps|Gbps|(?:industrial\s+|key\s+|high-tech\s+|new\s+)?"
            rf"(?:enterprises|companies|firms|projects))\b",
            re.I,
        ),
    ),
)

# "in 2021" should be labelled 2021, not "in 2021": these lead words are matched for context only.
_LEAD = re.compile(r"^(?:in|since|by|from|of)\s+", re.I)


@dataclass(frozen=True, slots=True)
class RuleMatch:
    start: int
    end: int
    label: str


def find_entities(text: str) -> list[RuleMatch]:
    """Non-overlapping matches on token edges, leftmost first, the longest winning at one start."""
    found: list[RuleMatch] = []
    for label, pattern in _RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            lead = _LEAD.match(match.group(0))
            if lead:
                start += lead.end()
            if (fitted := snap_to_tokens(text, start, end)) is not None:
                found.append(RuleMatch(*fitted, label))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    result: list[RuleMatch] = []
    for match in found:
        if result and match.start < result[-1].end:
            continue
        result.append(match)
    return result
