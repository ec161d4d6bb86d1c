"""Omission and addition hints: a target far longer or shorter than its document makes usual.

The document's own distribution is the yardstick, because the ratio of English to Chinese
length differs by text type and by engine. The caller computes it once per document with
``length_ratio_stats`` and passes it in ``CheckContext.length_ratio_stats``.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from corpus.text.i18n import N_

from ..base import Check, CheckContext, Finding, Severity

MIN_SOURCE = 10
"""Sources shorter than this (non-space characters) are too short for a ratio to mean much."""
MIN_PAIRS = 10
"""Fewer pairs than this give no distribution worth comparing against."""
MIN_SPREAD = 0.12
"""A floor on the spread, so a very uniform document does not flag ordinary variation."""
LIMIT = 3.0
"""How many robust standard deviations away from the median a ratio must be to be flagged."""


class RatioStats(NamedTuple):
    median: float
    """Median of log(target length / source length) over the document's pairs."""
    spread: float
    """Robust standard deviation of the same: 1.4826 x the median absolute deviation."""


_SPACE = re.compile(r"\s+")
_LATIN = re.compile(r"[A-Za-z0-9]+")


def _length(text: str) -> int:
    return len(text) - sum(map(len, _SPACE.findall(text)))


def log_ratio(source: str, target: str) -> float | None:
    # Latin letters and digits of the source (names, codes, numbers) come over one for one and
    # would pull the ratio towards 1: they count on neither side.
    shared = sum(map(len, _LATIN.findall(source)))
    s, t = _length(source) - shared, _length(target) - shared
    if s < MIN_SOURCE or t <= 0:
        return None
    return math.log(t / s)


def length_ratio_stats(pairs: Iterable[tuple[str, str]]) -> RatioStats | None:
    """The document's distribution of length ratios from its (source, target) pairs."""
    logs = [r for s, t in pairs if (r := log_ratio(s, t)) is not None]
    if len(logs) < MIN_PAIRS:
        return None
    median = statistics.median(logs)
    spread = 1.4826 * statistics.median(abs(x - median) for x in logs)
    return RatioStats(median, max(spread, MIN_SPREAD))


class LengthRatio(Check):
    id = "length-ratio"
    severity = Severity.WARNING
    title = N_("Target much shorter or longer than usual (omission or addition?)")
    explanation = N_(
        "The length of the target against its source lies far outside the document's own distribution (more than three robust standard deviations from its median): part of the source may be missing from the target, or the target may add or repeat something. A hint to compare both sides; there is no fix."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        stats = ctx.length_ratio_stats
        if not ctx.source or stats is None:
            return
        ratio = log_ratio(ctx.source, text)
        if ratio is None:
            return
        median, spread = stats
        distance = (ratio - median) / spread
        if abs(distance) <= LIMIT:
            return
        times = math.exp(ratio - median)
        if distance < 0:
            message = N_(
                "The target is %(value)sx shorter than this document's usual for a source of %(length)s characters: is part of the source missing?",
                value=format(1 / times, ".1f"),
                length=_length(ctx.source),
            )
        else:
            message = N_(
                "The target is %(times)sx longer than this document's usual for a source of %(length)s characters: does it add or repeat something?",
                times=format(times, ".1f"),
                length=_length(ctx.source),
            )
        yield self.finding(0, len(text), message)
