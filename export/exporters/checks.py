"""The checks every span-carrying exporter runs before writing a span.

Invariant 1 of ARCHITECTURE.md (``text[start:end]`` is the span's surface) is checked again here
because an export is where a silently wrong offset does the most damage: it becomes training
data. Anything that fails is reported, never repaired, since a repair would be a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .records import SegmentRecord, SpanRecord
from .report import ExportReport, Problem, Reason

__all__ = ["checked_spans", "problem", "split_overlaps", "verify_spans"]

T = TypeVar("T")


def problem(
    segment: SegmentRecord, span: SpanRecord, reason: str, detail: str = "", *, skipped: bool = True
) -> Problem:
    return Problem(
        segment_id=segment.id,
        document=segment.document,
        start=span.start,
        end=span.end,
        label=span.label,
        surface=span.text,
        reason=reason,
        detail=detail,
        skipped=skipped,
    )


def _span_problem(segment: SegmentRecord, span: SpanRecord) -> Problem | None:
    text = segment.text
    if not 0 <= span.start < span.end <= len(text):
        return problem(
            segment, span, Reason.OUT_OF_RANGE, f"the segment text has {len(text)} characters"
        )
    actual = text[span.start : span.end]
    if actual != span.text:
        return problem(
            segment, span, Reason.SURFACE_MISMATCH, f"the segment text there is {actual!r}"
        )
    if not span.label:
        return problem(segment, span, Reason.NO_LABEL)
    return None


def verify_spans(segment: SegmentRecord) -> list[Problem]:
    """One problem per span whose offsets, surface or label cannot be written as they are."""
    return [found for span in segment.spans if (found := _span_problem(segment, span)) is not None]


def _text_order(span: SpanRecord) -> tuple[int, int, str]:
    return (span.start, span.end, span.label)


def checked_spans(segment: SegmentRecord, report: ExportReport) -> list[SpanRecord]:
    """The spans that pass :func:`verify_spans`, in text order; the others go to the report."""
    good = []
    for span in segment.spans:
        found = _span_problem(segment, span)
        if found is None:
            good.append(span)
        else:
            report.add(found)
    # Text order, whatever order the query produced: consumers and diffs of exports expect it.
    if len(good) > 1:
        good.sort(key=_text_order)
    return good


def split_overlaps(
    items: Sequence[T], bounds: Callable[[T], tuple[int, int]]
) -> tuple[list[T], list[tuple[T, T]]]:
    """Choose a non-overlapping subset: the longest span wins, then the earliest.

    Returns the kept items in text order, and each rejected item with a kept item it overlaps
    (so the report can say which). Longest-first keeps "the Department of ... of Ningxia Hui
    Autonomous Region" over the GPE nested inside it, which is what a flat NER layer wants.
    Segments hold a handful of spans, so the quadratic overlap test is the simple, fast choice.
    """
    order = sorted(
        range(len(items)),
        key=lambda i: (-(bounds(items[i])[1] - bounds(items[i])[0]), bounds(items[i])[0], i),
    )
    kept: list[int] = []
    rejected: list[tuple[int, int]] = []
    for i in order:
        start, end = bounds(items[i])
        blocker = next(
            (k for k in kept if start < bounds(items[k])[1] and bounds(items[k])[0] < end), None
        )
        if blocker is None:
            kept.append(i)
        else:
            rejected.append((i, blocker))
    kept.sort(key=lambda i: (bounds(items[i]), i))
    rejected.sort(key=lambda pair: (bounds(items[pair[0]]), pair[0]))
    return [items[i] for i in kept], [(items[i], items[k]) for i, k in rejected]
