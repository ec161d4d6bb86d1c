"""Every number of the source must reach the target, whatever its script or scale."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from corpus.text.i18n import N_

from ..base import Check, CheckContext, Finding, Severity, quote
from .en_numbers import TargetNumber, english_form, target_dates, target_numbers
from .zh_numbers import SourceNumber, source_numbers


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _present(n: SourceNumber, numbers: list[TargetNumber], dates, months) -> bool:
    if n.kind == "date":
        values = {t.value for t in numbers}
        return (n.month, n.day) in dates or (n.month in values and n.day in values)
    if n.kind == "month":
        return n.month in months or any(_same(t.value, n.month or 0) for t in numbers)
    return any(_same(t.value, v) for t in numbers for v in n.values)


def _described(n: SourceNumber, separator: str | None) -> str:
    shown = english_form(n.value, year=n.kind == "year", separator=separator)
    if n.kind == "date":
        return N_(
            "%(surface)s (month %(month)s, day %(day)s)",
            surface=quote(n.surface),
            month=n.month,
            day=n.day,
        )
    plain = n.surface.replace(",", "").replace(" ", "").rstrip("%％")
    bare = shown.replace(separator or ",", "")
    return quote(n.surface) if plain == bare else f"{quote(n.surface)} ({shown})"


class SourceNumbers(Check):
    id = "source-numbers"
    severity = Severity.ERROR
    title = N_("Number of the source missing from the target")
    explanation = N_(
        "A number of the Chinese source has no equal in the English target. Chinese numerals and scales are read as values (三千 = 3,000; 1.2万 = 12,000 = 12 thousand; 3亿 = 300 million), with percentages, percentage points (个百分点), years, dates (12月11日 = December 11) and ranges (3至5万). When exactly one source number is missing and exactly one target number has no source, the fix writes the source's value in its place."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        source = ctx.source
        if not source or not _NUMERAL_HINT.search(source):
            return
        language = ctx.source_language or "zh"
        wanted = source_numbers(source, chinese=language.lower().startswith("zh"))
        if not wanted:
            return
        separator = ctx.style.thousands
        numbers = target_numbers(text, separator)
        dated = any(n.kind in ("date", "month") for n in wanted)
        dates, months = target_dates(text) if dated else (set(), set())
        missing = [n for n in wanted if not _present(n, numbers, dates, months)]
        for n in wanted:
            if n.kind == "points" and n not in missing:
                yield from self._points_as_percent(text, n, numbers)
        if not missing:
            return
        extras = [
            t
            for t in numbers
            if not t.spelled
            and not any(_same(t.value, v) for n in wanted for v in n.values)
            and not any((n.month, n.day) in dates and t.value == n.day for n in wanted)
        ]
        if len(missing) == 1 and len(extras) == 1 and missing[0].kind not in ("date", "month"):
            n, t = missing[0], extras[0]
            like = text[t.start : t.end]
            fix = english_form(n.value, like=like, year=n.kind == "year", separator=separator)
            message = N_(
                "Source %(described)s is not in the target, which has %(text)s instead",
                described=_described(n, separator),
                text=quote(text[t.start : t.end]),
            )
            yield self.finding(t.start, t.end, message, fix)
            return
        for n in missing:
            yield self.finding(
                0,
                len(text),
                N_("Source %(described)s is not in the target", described=_described(n, separator)),
            )

    def _points_as_percent(
        self, text: str, n: SourceNumber, numbers: list[TargetNumber]
    ) -> Iterator[Finding]:
        """个百分点 are percentage points: "3%" for 3个百分点 is a different claim."""
        same = [t for t in numbers if _same(t.value, n.value)]
        if same and all(t.unit == "percent" for t in same):
            t = same[0]
            fix = f"{text[t.start : t.end]} percentage points"
            message = N_(
                "Source %(n_surface)s is percentage points; the target says %(text)s",
                n_surface=quote(n.surface),
                text=quote(text[t.start : t.unit_end]),
            )
            yield self.finding(t.start, t.unit_end, message, fix)


_NUMERAL_HINT = re.compile("[0-9０-９〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]")
