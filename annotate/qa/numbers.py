"""Numbers an edit lost or introduced: the reviewer confirms before the save is final."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, quote

_NUMBER = re.compile(r"(?<!\d)\d+(?:,\d{3})*(?:\.\d+)?")


@lru_cache(maxsize=8)
def _number_pattern(separator: str | None) -> re.Pattern[str]:
    """Numbers with commas, and grouped with the house separator ("250\u202f000") when that is
    a space: a space-grouped number starts with at most three digits ("In 2019 100 000 ...")."""
    if separator in (None, ","):
        return _NUMBER
    sep = re.escape(separator)
    return re.compile(rf"(?<!\d)(?:\d{{1,3}}(?:{sep}\d{{3}}(?!\d))+|\d+(?:,\d{{3}})*)(?:\.\d+)?")


_WORD_AROUND = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class _Number:
    value: str
    start: int
    end: int
    surface: str


def _value(surface: str) -> str:
    """The number a surface stands for: "1,551", "1\u202f551" and "1551" agree, so do "45.080"
    and "45.08"."""
    plain = "".join(c for c in surface if c.isdigit() or c == ".")
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    return plain.lstrip("0") or "0"


def numbers_in(text: str, separator: str | None = ",") -> list[_Number]:
    return [
        _Number(_value(m.group()), m.start(), m.end(), m.group())
        for m in _number_pattern(separator).finditer(text)
    ]


class NumbersChanged(Check):
    id = "numbers-changed"
    severity = Severity.WARNING
    title = N_("Number changed by the edit")
    explanation = N_(
        'A number in the MT text is missing from the edited text, or the edit brought in a number the MT did not have. Often right (a typo fixed), sometimes a slip: confirm it. "1,551" and "1551", "45.080" and "45.08" count as the same number, and so does a number grouped with the corpus\'s thousands separator.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        mt = ctx.mt_text
        if mt is None or mt == text:
            return
        separator = ctx.style.thousands
        before, after = numbers_in(mt, separator), numbers_in(text, separator)
        missing = Counter(n.value for n in before) - Counter(n.value for n in after)
        added = Counter(n.value for n in after) - Counter(n.value for n in before)
        if not missing and not added:
            return
        from rapidfuzz.distance import Indel  # only needed once an edit touched a number

        opcodes = list(Indel.opcodes(mt, text))
        changed_src = [(op.src_start, op.src_end) for op in opcodes if op.tag != "equal"]
        changed_dest = [(op.dest_start, op.dest_end) for op in opcodes if op.tag != "equal"]
        lost = _pick(before, missing, changed_src)
        new = _pick(after, added, changed_dest)
        for number in lost:
            start, end = _map_range(opcodes, number.start, number.end)
            partner = next(
                (n for n in new if (n.start < end and start < n.end) or n.start == end), None
            )
            if partner is not None:
                new.remove(partner)
                message = N_(
                    "Number changed from %(number_surface)s to %(partner_surface)s",
                    number_surface=quote(number.surface),
                    partner_surface=quote(partner.surface),
                )
                yield self.finding(partner.start, partner.end, message)
                continue
            if start == end:
                start, end = _word_around(text, start)
            yield self.finding(
                start,
                end,
                N_(
                    "Number %(number_surface)s from the MT text is missing",
                    number_surface=quote(number.surface),
                ),
            )
        for number in new:
            yield self.finding(
                number.start,
                number.end,
                N_(
                    "New number %(number_surface)s is not in the MT text",
                    number_surface=quote(number.surface),
                ),
            )


def _pick(
    numbers: list[_Number], wanted: Counter[str], changed: list[tuple[int, int]]
) -> list[_Number]:
    """The occurrences that account for ``wanted``, preferring those inside edited regions."""
    picked: list[_Number] = []
    for value, count in wanted.items():
        candidates = [n for n in numbers if n.value == value]
        touched = [
            n
            for n in candidates
            if any((a < n.end and n.start < b) or a == b == n.start for a, b in changed)
        ]
        rest = [n for n in reversed(candidates) if n not in touched]
        picked.extend((touched + rest)[:count])
    return sorted(picked, key=lambda n: n.start)


def _map_range(opcodes: list, start: int, end: int) -> tuple[int, int]:
    return _map(opcodes, start, is_end=False), _map(opcodes, end, is_end=True)


def _map(opcodes: list, position: int, *, is_end: bool) -> int:
    for op in opcodes:
        inside = (
            op.src_start < position <= op.src_end
            if is_end
            else op.src_start <= position < op.src_end
        )
        if inside:
            if op.tag == "equal":
                return op.dest_start + (position - op.src_start)
            return op.dest_end if is_end else op.dest_start
    return opcodes[-1].dest_end if opcodes else 0


def _word_around(text: str, position: int) -> tuple[int, int]:
    """Widen an insertion point to the word before it (or after it), so the finding has a surface."""
    for m in _WORD_AROUND.finditer(text):
        if m.end() >= position:
            return m.span()
    last = list(_WORD_AROUND.finditer(text))
    return last[-1].span() if last else (position, position)


_BARE = re.compile(
    r"(?<![\w.,+#/:\u00a3$\u20ac\u00a5-])(?:[$\u00a3\u20ac\u00a5])?(\d{5,9})(?:\.\d+)?(?![\w/:-]|[.,]\d)"
)
_WORDS_BEFORE = re.compile(r"[A-Za-z]+")
# Words before a number that make it a code or an id, not a quantity.
_ID_WORDS = frozenset(
    [
        "no",
        "number",
        "num",
        "id",
        "code",
        "tel",
        "telephone",
        "phone",
        "fax",
        "hotline",
        "call",
        "dial",
        "mobile",
        "zip",
        "postcode",
        "postal",
        "account",
        "card",
        "ticket",
        "order",
        "isbn",
        "issn",
        "patent",
        "case",
        "flight",
        "room",
        "model",
        "serial",
        "version",
        "ref",
        "reference",
        "file",
        "license",
        "licence",
        "registration",
        "qq",
        "wechat",
        "passport",
        "invoice",
        "item",
        "sku",
        "box",
        "station",
        "route",
        "bus",
        "line",
        "train",
        "pin",
        "password",
        "extension",
        "ext",
        "document",
        "doc",
        "series",
        "batch",
    ]
)
_ID_WORDS_AFTER = frozenset(["hotline", "helpline", "line"])
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")


def _date_code(digits: str) -> bool:
    """ "20230612": a date written as a code."""
    return (
        len(digits) == 8
        and digits[:2] in ("19", "20")
        and "01" <= digits[4:6] <= "12"
        and "01" <= digits[6:] <= "31"
    )


def group_digits(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


class UnseparatedNumber(Check):
    id = "unseparated-number"
    severity = Severity.WARNING
    title = N_("Large number without thousands separators")
    explanation = N_(
        'A quantity of five digits or more written without separators ("250000 species"). Codes, ids, phone numbers, dates written as digits and numbers starting with 0 are left alone. The fix groups the digits with the house separator.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        separator = ctx.style.thousands
        if separator is None or not _FIVE_DIGITS.search(text):
            return
        for m in _BARE.finditer(text):
            digits = m.group(1)
            if digits[0] == "0" or _date_code(digits):
                continue
            # "No. 123456", "postcode is 100871", "call the hotline on 12345"
            before = _WORDS_BEFORE.findall(text, max(0, m.start() - 30), m.start())[-3:]
            if any(w.lower() in _ID_WORDS for w in before):
                continue
            after = _WORD_AFTER.match(text, m.end())
            if after and after.group(1).lower() in _ID_WORDS_AFTER:
                continue
            start, end = m.span(1)
            fixed = group_digits(digits, separator)
            yield self.finding(
                start,
                end,
                N_("Large number without separators: %(digits)s", digits=quote(digits)),
                fixed,
            )


# ASCII digits, and a look-behind so the engine skips to a digit: four times faster than \d{5}.
_FIVE_DIGITS = re.compile(r"[0-9](?<=[0-9])[0-9]{4}")
