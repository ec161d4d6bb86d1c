"""Numbers in English text as values: 3,000 and 3000, 1.2 million, twelve thousand, 9th, 23%,
3 percentage points, dates (December 11, 11 Dec, Dec. 11), and the English form of a value.

Pure; the counterpart of ``zh_numbers`` for the target side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["TargetNumber", "english_form", "target_dates", "target_numbers"]

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_ONES)}
WORD_VALUES |= {w: i for i, w in enumerate(_ORDINALS) if i}
WORD_VALUES |= {w: 20 + 10 * i for i, w in enumerate(_TENS)}
WORD_VALUES |= {w[:-1] + "ieth": 20 + 10 * i for i, w in enumerate(_TENS)}
SCALE_WORDS = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "bn": 10**9,
}
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}

_SCALE = "|".join(SCALE_WORDS)
# Digits with their scale word, or any Latin word: spelled numbers are recognised by a dict
# look-up, which is far cheaper than a regex alternation of every number word.
_PIECE = re.compile(
    rf"(?<![\w.,])(?P<digits>\d+(?:,\d{{3}})*(?:\.\d+)?)(?:st|nd|rd|th|s)?"
    rf"(?:[ -](?P<dscale>{_SCALE})\b)?"
    r"|(?P<word>[A-Za-z]+)",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _pieces(separator: str | None) -> re.Pattern[str]:
    """_PIECE, also reading digits grouped with a space-like house separator ("250\u202f000")."""
    if separator in (None, ","):
        return _PIECE
    sep = re.escape(separator)
    return re.compile(
        rf"(?<![\w.,])(?P<digits>\d{{1,3}}(?:{sep}\d{{3}}(?!\d))+(?:\.\d+)?"
        rf"|\d+(?:,\d{{3}})*(?:\.\d+)?)(?:st|nd|rd|th|s)?"
        rf"(?:[ -](?P<dscale>{_SCALE})\b)?"
        r"|(?P<word>[A-Za-z]+)",
        re.IGNORECASE,
    )


_NUMBER_WORDS = frozenset(WORD_VALUES) | frozenset(SCALE_WORDS)
_UNIT = re.compile(
    r"\s?(?P<percent>%|percent\b|per cent\b)|\s(?P<points>percentage points?\b|points?\b)",
    re.IGNORECASE,
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\b\.?"
    rf"|\b\d{{4}}[-/](?P<m3>\d{{1,2}})[-/](?P<d3>\d{{1,2}})\b"
    rf"|\b(?P<m4>{_MONTH})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TargetNumber:
    value: float
    start: int
    end: int
    """The number and its scale word ("0.71 million"): what a fix replaces."""
    unit_end: int
    """End of the number with its unit ("23%", "3 percentage points")."""
    unit: str
    """"percent", "points" or ""."""
    spelled: bool
    """Written in words ("twelve", "first"): never the partner of a fix."""


def _words_value(run: str) -> float | None:
    """Twenty-three = 23, one hundred and five = 105, a thousand = 1000, first = 1."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", run.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = max(current, 1)
            continue
        if word in WORD_VALUES:
            current += WORD_VALUES[word]
            seen = True
        elif word in SCALE_WORDS:
            scale = SCALE_WORDS[word]
            current = (current or 1) * scale
            seen = True
            if scale >= 1000:
                total, current = total + current, 0
    return float(total + current) if seen else None


def target_numbers(text: str, separator: str | None = ",") -> list[TargetNumber]:
    numbers: list[TargetNumber] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        while run and run[-1].group().lower() in ("a", "an", "and"):
            run.pop()
        if run and any(m.group().lower() in _NUMBER_WORDS for m in run):
            value = _words_value(" ".join(m.group() for m in run))
            if value is not None:
                _add(text, numbers, value, run[0].start(), run[-1].end(), spelled=True)
        run.clear()

    for m in _pieces(separator).finditer(text):
        word = m.group("word")
        if word is None:
            flush()
            value = float("".join(c for c in m.group("digits") if c.isdigit() or c == "."))
            if m.group("dscale"):
                value *= SCALE_WORDS[m.group("dscale").lower()]
            _add(text, numbers, value, m.start(), m.end(), spelled=False)
            continue
        lower = word.lower()
        joined = bool(run) and m.start() == run[-1].end() + 1 and text[run[-1].end()] in " -"
        if not joined:
            flush()
        if lower in _NUMBER_WORDS or lower == "a" or (lower == "and" and run):
            run.append(m)
        else:
            flush()
    flush()
    return numbers


def _add(
    text: str, numbers: list[TargetNumber], value: float, start: int, end: int, spelled: bool
) -> None:
    unit = _UNIT.match(text, end)
    kind = ""
    unit_end = end
    if unit:
        kind = "percent" if unit.group("percent") else "points"
        unit_end = unit.end()
    numbers.append(TargetNumber(value, start, end, unit_end, kind, spelled))


def target_dates(text: str) -> tuple[set[tuple[int, int]], set[int]]:
    """(month, day) pairs and bare months the target names."""
    dates: set[tuple[int, int]] = set()
    months: set[int] = set()
    for m in _DATE.finditer(text):
        if m.group("m1"):
            dates.add((MONTHS[m.group("m1").lower()], int(m.group("d1"))))
        elif m.group("m2"):
            dates.add((MONTHS[m.group("m2").lower()], int(m.group("d2"))))
        elif m.group("m3"):
            dates.add((int(m.group("m3")), int(m.group("d3"))))
        else:
            word = m.group("m4")
            if word.lower() != "may" or word[0] == "M":  # "may" the verb is not a month
                months.add(MONTHS[word.lower()])
    months.update(month for month, _ in dates)
    return dates, months


def english_form(
    value: float, like: str = "", year: bool = False, separator: str | None = ","
) -> str:
    """How an English text writes ``value``: 7,100; 180 million; 2.5 billion; 2021 for years;
    grouped with the house ``separator`` (None: bare digits)."""
    if year:
        return str(int(value))
    for word, scale in (("billion", 10**9), ("million", 10**6)):
        if value >= scale and round(value / scale, 2) * scale == value:
            return f"{value / scale:g} {word}"
    if value.is_integer():
        plain = int(value)
        if plain >= 1000 and not re.fullmatch(r"\d{4}", like):
            return f"{plain:,}".replace(",", separator or "")
        return str(plain)
    return f"{value:g}"
