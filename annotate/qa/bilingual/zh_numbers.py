"""Numbers in Chinese text: numerals (三千, 二十一, 二〇二一), scales (1.2万, 3亿), percentages,
percentage points, dates, decades and ranges, each with the value(s) an English target may use.

Pure. ``parse_numeral`` reads one run of Chinese numeral characters; ``source_numbers`` finds
every number of a Chinese sentence worth checking against its translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SourceNumber", "parse_numeral", "source_numbers"]

DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
SCALES = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12}

# Full-width digits and signs, one character for one, so offsets stay those of the source.
_WIDTH = str.maketrans("０１２３４５６７８９．％～", "0123456789.%~")


def parse_numeral(run: str) -> int | None:
    """The value of a run of Chinese numerals, or None when it is not one well-formed number.

    Handles units (三千零二十 = 3020, 一亿三千万 = 130,000,000, 十二 = 12), the spoken
    abbreviation after a unit (三千五 = 3500, 一万五 = 15,000) and digit-by-digit strings of three
    or more (二〇二一 = 2021). Two digits side by side with units (六七十) are a range: None here.
    """
    if not run or any(c not in DIGITS and c not in SMALL_UNITS and c not in BIG_UNITS for c in run):
        return None
    if all(c in DIGITS for c in run):
        if len(run) == 1:
            return DIGITS[run]
        if len(run) < 3:
            return None  # 一一, 五一: idioms or names, and 两三 is a range
        return int("".join(str(DIGITS[c]) for c in run))
    total = section = 0
    digit: int | None = None
    last_unit = 0
    previous_was_unit = False
    for c in run:
        if c in DIGITS:
            if digit is not None and digit != 0 and not previous_was_unit:
                return None
            digit = DIGITS[c]
            previous_was_unit = False
        elif c in SMALL_UNITS:
            unit = SMALL_UNITS[c]
            if previous_was_unit and last_unit < 10**4:
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_unit, previous_was_unit = None, unit, True
        else:
            unit = BIG_UNITS[c]
            value = section + (digit or 0)
            if value == 0 and total == 0:
                return None  # 万一 ("in case") and a bare 万 are not numbers
            if unit == 10**4 and total and total % 10**8 == 0 and value == 0:
                total *= unit  # 万亿
            elif unit == 10**4:
                total += value * unit
            else:
                total = (total + value) * unit
            section, digit, last_unit, previous_was_unit = 0, None, unit, True
    if digit is not None and previous_was_unit is False and last_unit >= 100:
        # 三千五 = 3500 but 三千零五 = 3005: a digit right after a unit is a tenth of that unit.
        prev = run[-2]
        if prev in SMALL_UNITS or prev in BIG_UNITS:
            return total + section + digit * last_unit // 10
    return total + section + (digit or 0)


@dataclass(frozen=True, slots=True)
class SourceNumber:
    """One number of the source: where it is and the values a faithful target may show."""

    start: int
    end: int
    surface: str
    values: tuple[float, ...]
    kind: str = "plain"
    """plain, percent, points (percentage points), year, date (month, day) or month."""
    month: int | None = None
    day: int | None = None

    @property
    def value(self) -> float:
        return self.values[0]


_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_NUMBER = re.compile(
    rf"(?P<arabic>\d+(?:,\d{{3}})*(?:\.\d+)?)(?:\s?(?P<scale>万亿|亿|万|千|百))?"
    rf"|(?P<zh>[{_NUMERAL_CHARS}]+)"
)
_RANGE_GAP = re.compile(r"\s*(?:至|到|~|-|—|–|－)\s*")
_LATIN = re.compile(r"[A-Za-z]")


def _is_code_digit(text: str, start: int) -> bool:
    """Digits inside a Latin code (F-35C, CMV-22, B2B): the verbatim check owns those."""
    before = text[max(0, start - 2) : start]
    return bool(before) and (
        bool(_LATIN.match(before[-1:])) or (before[-1:] in "-_" and bool(_LATIN.match(before[:1])))
    )


def _chinese_values(run: str) -> list[tuple[int, int, int]] | None:
    """(offset, length, value) of the numbers in a numeral run, or None when it is not one.

    Single characters (一些, 三江源, 两性) and the idioms 万一, 十分 are not numbers for the
    check; two adjacent digits before a unit or alone (六七十, 两三) are a range of two.
    """
    if len(run) >= 2 and run[0] in DIGITS and run[1] in DIGITS:
        a, b = DIGITS[run[0]], DIGITS[run[1]]
        if b == a + 1 and run[2:3] not in DIGITS:
            rest = run[2:]
            first, second = parse_numeral(run[0] + rest), parse_numeral(run[1] + rest)
            if first is None or second is None:
                return None
            if not rest:
                return None  # 两三年: too small and too idiomatic to demand "two or three"
            return [(0, len(run), first), (0, len(run), second)]
    if len(run) < 2 or (run[0] not in DIGITS and run[0] not in "十拾"):
        return None
    value = parse_numeral(run)
    if value is None or value < 10:
        return None
    return [(0, len(run), value)]


def source_numbers(source: str, chinese: bool = True) -> list[SourceNumber]:
    """Every number of ``source`` a translation must carry, in order."""
    text = source.translate(_WIDTH)
    found: list[SourceNumber] = []
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if m.group("arabic"):
            if _is_code_digit(text, start) or (start and text[start - 1] in ".,"):
                continue
            value = float(m.group("arabic").replace(",", ""))
            scale = SCALES.get(m.group("scale") or "", 1)
            found.append(SourceNumber(start, end, source[start:end], (value * scale,)))
        elif chinese:
            for offset, length, value in _chinese_values(m.group("zh")) or ():
                s = start + offset
                found.append(SourceNumber(s, s + length, source[s : s + length], (float(value),)))
    found = _spread_range_scale(text, found)
    return _with_context(source, text, found)


def _spread_range_scale(text: str, numbers: list[SourceNumber]) -> list[SourceNumber]:
    """3至5万 is 30,000 to 50,000: the scale of a range's end belongs to its start as well."""
    out = list(numbers)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not _RANGE_GAP.fullmatch(text[a.end : b.start]) or a.start == b.start:
            continue
        b_text = text[b.start : b.end]
        scale = next((v for k, v in SCALES.items() if b_text.endswith(k)), 1)
        a_text = text[a.start : a.end]
        if scale > 1 and not any(a_text.endswith(k) for k in SCALES) and a.value * scale < b.value:
            out[i] = SourceNumber(a.start, a.end, a.surface, (a.value * scale, a.value), a.kind)
    return out


_AFTER = re.compile(r"\s*(?P<unit>%|个百分点|百分点|年代|世纪|年|月|日|号)")


def _with_context(source: str, text: str, numbers: list[SourceNumber]) -> list[SourceNumber]:
    """Give each number its kind from the characters around it, and join months to days."""
    out: list[SourceNumber] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        after = _AFTER.match(text, n.end)
        unit = after.group("unit") if after else ""
        if text[max(0, n.start - 3) : n.start] == "百分之":
            out.append(_replace(n, source, kind="percent", start=n.start - 3))
        elif unit == "%":
            out.append(_replace(n, source, kind="percent", end=after.end()))
        elif unit in ("个百分点", "百分点"):
            out.append(_replace(n, source, kind="points", end=after.end()))
        elif unit == "年" and 1000 <= n.value <= 2999 and n.value.is_integer():
            out.append(_replace(n, source, kind="year"))
        elif unit == "月" and 1 <= n.value <= 12:
            nxt = numbers[i + 1] if i + 1 < len(numbers) else None
            day_unit = _AFTER.match(text, nxt.end) if nxt else None
            if nxt and nxt.start == after.end() and day_unit and day_unit.group("unit") in "日号":
                out.append(
                    SourceNumber(
                        n.start,
                        day_unit.end(),
                        text[n.start : day_unit.end()],
                        (nxt.value,),
                        "date",
                        int(n.value),
                        int(nxt.value),
                    )
                )
                i += 2
                continue
            out.append(_replace(n, source, kind="month", end=after.end(), month=int(n.value)))
        elif unit == "世纪":
            decade = numbers[i + 1] if i + 1 < len(numbers) else None
            d_unit = _AFTER.match(text, decade.end) if decade else None
            base = (n.value - 1) * 100
            if decade and decade.start == after.end() and d_unit and d_unit.group("unit") == "年代":
                # 20世纪六七十年代: one decade per value of the range that follows.
                j = i + 1
                while j < len(numbers) and numbers[j].start == decade.start:
                    d = numbers[j]
                    span = text[n.start : d_unit.end()]
                    values = (base + d.value, d.value)
                    out.append(SourceNumber(n.start, d_unit.end(), span, values))
                    j += 1
                i = j
                continue
            out.append(_replace(n, source, values=(n.value, base)))
        elif unit == "年代" and n.value < 100:
            out.append(_replace(n, source, values=(n.value, 1900 + n.value, 2000 + n.value)))
        else:
            out.append(n)
        i += 1
    return out


def _replace(n: SourceNumber, source: str, **changes) -> SourceNumber:
    start = changes.pop("start", n.start)
    end = changes.pop("end", n.end)
    fields = {"values": n.values, "kind": n.kind, "month": n.month, "day": n.day} | changes
    return SourceNumber(start, end, source[start:end], **fields)
