"""Carry character spans through edits, merges and splits of a segment's text.

Offsets are Python code points. A span comes out of an edit in one of three states:
INTACT (same characters, possibly moved), TOUCHED (some of its characters changed: the new
range covers what survived plus what replaced it, and a human must look again) or DELETED
(nothing of it is left). A span is never moved silently onto different text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from corpus.text.alignment import (
    DELETED,
    INTACT,
    TOUCHED,
    Remapped,
    SpanState,
    align,
    common_prefix,
    common_suffix,
    new_tuple,
    place_covering,
    stretch_blocks,
)
from corpus.text.segment import split_bounds

__all__ = [
    "Remapped",
    "Side",
    "SpanState",
    "merge_spans",
    "remap_spans",
    "shift_spans",
    "split_span_sides",
    "split_spans",
]

Side = Literal["left", "right"]


def _bad_span(start: int, end: int, size: int) -> ValueError:
    return ValueError(
        f"span ({start}, {end}) is not a non-empty range inside a text of {size} characters"
    )


def _check_spans(spans: Sequence[tuple[int, int]], size: int) -> None:
    for start, end in spans:
        if not 0 <= start < end <= size:
            raise _bad_span(start, end, size)


def shift_spans(spans: Iterable[tuple[int, int]], delta: int) -> list[tuple[int, int]]:
    """Move spans by ``delta`` characters (negative moves left)."""
    return [(start + delta, end + delta) for start, end in spans]


def merge_spans(
    left_text: str,
    gap: str,
    left_spans: Iterable[tuple[int, int]],
    right_spans: Iterable[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Spans of ``left_text + gap + right_text``: the right segment's spans move past the join."""
    return [*left_spans, *shift_spans(right_spans, len(left_text) + len(gap))]


def _into_insertion(old: str, new: str, start: int, end: int, prefix: int, delta: int) -> Remapped:
    """A span around a pure insertion of ``new[prefix:prefix + delta]`` (start < prefix < end).

    The general rule is :func:`_slide`'s; here the insertion is bordered by the longest common
    prefix and suffix, which settles most of it. The insertion cannot slide right of the span:
    that needs ``old[prefix] == new[prefix]``. It slides left of the span (which then stays
    INTACT) if ``old[start:prefix]`` also ends the inserted text; the last characters are
    compared first, as most slides fail there and indexing is cheaper than slicing.
    """
    if old[prefix - 1] == new[prefix + delta - 1] and (
        old[start:prefix] == new[start + delta : prefix + delta]
    ):
        return new_tuple(Remapped, (start + delta, end + delta, INTACT))
    return new_tuple(Remapped, (start, end + delta, TOUCHED))


def _into_deletion(old: str, start: int, end: int, prefix: int, changed_end: int) -> Remapped:
    """A span reaching into a pure deletion of ``old[prefix:changed_end]``.

    :func:`_slide`'s rule, settled as far as the longest common prefix and suffix allow. The
    deletion cannot slide right (that needs ``old[prefix] == new[prefix]``); it can slide left
    only if the character before it equals its last one. So the span is INTACT if the deletion
    slides clear to its left, DELETED if the deletion covers it where reported or slid left to
    start with it, and otherwise TOUCHED, covering what survived of it.
    """
    removed = changed_end - prefix
    slides = prefix and old[prefix - 1] == old[changed_end - 1]
    if (
        slides
        and start >= removed
        and old[start - removed] == old[start]
        and old[start - removed : prefix] == old[start:changed_end]
    ):
        return new_tuple(Remapped, (start - removed, end - removed, INTACT))
    if start >= prefix:
        if end <= changed_end:
            return new_tuple(Remapped, (prefix, prefix, DELETED))
        return new_tuple(Remapped, (prefix, end - removed, TOUCHED))
    if (
        slides
        and end - start <= removed
        and old[start:prefix] == old[start + removed : changed_end]
    ):
        return new_tuple(Remapped, (start, start, DELETED))
    return new_tuple(Remapped, (start, end - removed if end > changed_end else prefix, TOUCHED))


def remap_spans(old: str, new: str, spans: Sequence[tuple[int, int]]) -> list[Remapped]:
    """Map ``spans`` of ``old`` onto ``new``, in input order (at most one diff for all spans).

    Most edits change one stretch of a sentence. Text before the first difference and after the
    last one is unchanged (rapidfuzz's Prefix/Postfix measure both in C), so a span lying wholly
    in either is INTACT and only shifts. A span reaching into the changed stretch needs the
    stretch aligned (:func:`align`), unless the stretch is a pure insertion or deletion
    (:func:`_into_insertion`, :func:`_into_deletion`: nothing in it can survive) or the span
    covers it: then nothing but the stretch's first and last blocks matters
    (:func:`place_covering`), and not even those if no character at the span's own edges can
    have survived.
    """
    size = len(old)
    delta = len(new) - size
    prefix = common_prefix(old, new)
    # Spans before the first difference need nothing else: the common suffix is measured only
    # when a span reaches past it (a rapidfuzz call costs about a quarter of the bare diff).
    changed_end = -1
    blocks = None
    alignment = None
    remapped: list[Remapped] = []
    for start, end in spans:
        if end <= prefix:
            if start < 0 or start >= end:
                raise _bad_span(start, end, size)
            remapped.append(new_tuple(Remapped, (start, end, INTACT)))
            continue
        if changed_end < 0:
            changed_end = size - common_suffix(old, new)
            new_end = changed_end + delta  # where the changed stretch ends in new
            if changed_end < prefix or new_end < prefix:
                # The common suffix may not eat into the common prefix of the shorter text.
                changed_end = prefix - delta if delta < 0 else prefix
                new_end = changed_end + delta
        if start >= changed_end:
            if start >= end or end > size:
                raise _bad_span(start, end, size)
            remapped.append(new_tuple(Remapped, (start + delta, end + delta, INTACT)))
        elif start < 0 or start >= end or end > size:
            raise _bad_span(start, end, size)
        elif changed_end == prefix:
            remapped.append(_into_insertion(old, new, start, end, prefix, delta))
        elif new_end == prefix:
            remapped.append(_into_deletion(old, start, end, prefix, changed_end))
        elif start <= prefix and end >= changed_end:
            if (start < prefix or old[start] not in new[prefix:new_end]) and (
                end > changed_end or old[end - 1] not in new[prefix:new_end]
            ):
                # A replacement the span covers, and neither of the span's characters at the
                # stretch's ends is in the new text: no equal block of the stretch can hold a
                # span boundary, so the span keeps its ends and covers the replacement.
                remapped.append(new_tuple(Remapped, (start, end + delta, TOUCHED)))
            else:
                if blocks is None:  # one diff for all the edit's spans
                    blocks = stretch_blocks(old, new, prefix, changed_end, new_end)
                remapped.append(
                    place_covering(old, new, start, end, prefix, changed_end, new_end, blocks)
                )
        else:
            if alignment is None:
                if blocks is None:
                    blocks = stretch_blocks(old, new, prefix, changed_end, new_end)
                alignment = align(old, new, prefix, blocks)
            remapped.append(alignment.place(start, end))
    return remapped


def split_span_sides(
    text: str, cut: int, spans: Sequence[tuple[int, int]]
) -> list[tuple[Side, Remapped]]:
    """For each span, in input order, the segment it goes to when ``text`` is split at ``cut``.

    Consistent with :func:`corpus.text.segment.split_at`. Right-side spans are in the right
    segment's coordinates. A span crossing the cut goes to the side holding more of its
    characters (the left side on a tie), is clipped to that side and marked TOUCHED. A span
    lying only in the gap whitespace is DELETED and reported on the left at ``len(left)``.
    """
    _check_spans(spans, len(text))
    left_end, right_start = split_bounds(text, cut)
    placed: list[tuple[Side, Remapped]] = []
    for start, end in spans:
        on_left = max(0, min(end, left_end) - start)
        on_right = max(0, end - max(start, right_start))
        if not on_left and not on_right:
            placed.append(("left", Remapped(left_end, left_end, DELETED)))
        elif on_left >= on_right:
            state = INTACT if end <= left_end else TOUCHED
            placed.append(("left", Remapped(start, min(end, left_end), state)))
        else:
            state = INTACT if start >= right_start else TOUCHED
            placed.append(
                ("right", Remapped(max(start, right_start) - right_start, end - right_start, state))
            )
    return placed


def split_spans(
    text: str, cut: int, spans: Sequence[tuple[int, int]]
) -> tuple[list[Remapped], list[Remapped]]:
    """``(left spans, right spans)`` after splitting at ``cut``; see :func:`split_span_sides`.

    Each list keeps the input order of the spans that went to that side. Callers that need to
    know which input span went where should use :func:`split_span_sides` instead.
    """
    left: list[Remapped] = []
    right: list[Remapped] = []
    for side, remapped in split_span_sides(text, cut, spans):
        (left if side == "left" else right).append(remapped)
    return left, right
