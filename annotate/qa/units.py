"""Units that MT of Chinese gets wrong in predictable ways."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, quote

_ACRES = re.compile(r"\bacres?\b", re.IGNORECASE)
_BYTES = re.compile(r"\b(?:mega|giga)bytes?\b|(?<=\d)\s?[MG]B\b", re.IGNORECASE)
_BANDWIDTH_TOPIC = re.compile(
    r"broadband|bandwidth|network speed|fib(?:er|re) optic|gigabit|Mbps|internet speed",
    re.IGNORECASE,
)
# "100M (megabytes)": the MT's gloss of 兆 on a broadband speed, which is megabits per second.
_GLOSSED_SPEED = re.compile(r"(\d+(?:\.\d+)?)\s?([MG])\s*\((?:mega|giga)bytes?\)", re.IGNORECASE)
_DEGREES_OF_POWER = re.compile(r"\bdegrees? of (?:electricity|power)\b", re.IGNORECASE)


class SuspiciousUnit(Check):
    id = "suspicious-unit"
    severity = Severity.WARNING
    title = N_("Suspicious unit")
    explanation = N_(
        'Units MT of Chinese often gets wrong: "acres" for 亩 (mu, 1/15 hectare, about 0.165 acre), megabytes for the megabits (兆) of a broadband speed, "degrees" of electricity for 度 (kilowatt-hours). Check the source before changing anything.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        lower = text.lower()
        if "acre" in lower:
            for m in _ACRES.finditer(text):
                message = N_(
                    "%(m_group)s may be a mistranslated 亩 (mu, about 0.165 acre): check the source",
                    m_group=quote(m.group()),
                )
                yield self.finding(m.start(), m.end(), message)
        # "mb" alone stands in "number" and "December": look for the unit before the topic.
        if "byte" in lower or (("mb" in lower or "gb" in lower) and _BYTES.search(text)):
            if _BANDWIDTH_TOPIC.search(text):
                glossed = []
                for m in _GLOSSED_SPEED.finditer(text):
                    glossed.append(m.span())
                    fix = f"{m.group(1)} {m.group(2).upper()}bps"
                    message = N_(
                        "Bandwidth is counted in bits per second: %(m_group)s",
                        m_group=quote(m.group()),
                    )
                    yield self.finding(m.start(), m.end(), message, fix)
                for m in _BYTES.finditer(text):
                    if any(a <= m.start() < b for a, b in glossed):
                        continue
                    start = m.start() + (m.group()[0] == " ")
                    message = N_(
                        "Bandwidth is counted in megabits per second, not %(text)s",
                        text=quote(text[start : m.end()]),
                    )
                    yield self.finding(start, m.end(), message)
        if "degree" in lower:
            for m in _DEGREES_OF_POWER.finditer(text):
                yield self.finding(
                    m.start(),
                    m.end(),
                    N_(
                        "%(m_group)s is probably 度, a kilowatt-hour (kWh)",
                        m_group=quote(m.group()),
                    ),
                )
