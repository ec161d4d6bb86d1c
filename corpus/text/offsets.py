"""Carry character spans through edits, merges and splits of a segment's text.

Offsets are Python code points. A span comes out of an edit in one of three states:
INTACT (same characters, possibly moved), TOUCHED (some of its characters changed: the new
range covers what survived plus what replaced it, and a human must look again) or DELETED
(nothing of it is left). A span is never moved silently onto different text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Literal, NamedTuple

from rapidfuzz.distance import Indel, MatchingBlock, Postfix, Prefix

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


class SpanState(StrEnum):
    INTACT = "intact"
    TOUCHED = "touched"
    DELETED = "deleted"


class Remapped(NamedTuple):
    """Where a span lies after an edit. DELETED spans have ``start == end``.

    A NamedTuple, not a frozen dataclass: it is built once per span per edit on the hot path,
    and tuple construction is several times cheaper (bench/bench_annotate.py).
    """

    start: int
    end: int
    state: SpanState


# tuple.__new__ skips the NamedTuple's Python-level __new__: on the hot path of every edit, the
# tuples cost more than the diff itself (bench/bench_annotate.py).
_new = tuple.__new__
_INTACT = SpanState.INTACT
_TOUCHED = SpanState.TOUCHED
_DELETED = SpanState.DELETED
# Bound once: remap_spans calls the first two on every edit.
_common_prefix = Prefix.similarity
_common_suffix = Postfix.similarity
_editops = Indel.editops


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


def _cover(new_start: int, new_end: int) -> Remapped:
    """A span whose characters did not all survive: what it became, or where it was."""
    if new_start >= new_end:
        return _new(Remapped, (new_start, new_start, _DELETED))
    return _new(Remapped, (new_start, new_end, _TOUCHED))


def _slide(
    old: str, new: str, start: int, end: int, gap: tuple[int, int, int, int], left: int, right: int
) -> Remapped | None:
    """A better placement of the span's only gap, if the alignment allows one.

    ``gap`` is the gap's old and new range; the equal text around it spans ``old[left:right]``.
    LCS alignments are not unique: inserting "Zab" before "abc" in "Zabc" may be reported as
    an insertion inside "abc", and deleting "two " from "one two three" as deleting "wo t".
    A pure insertion or deletion bordered by equal text can slide along that text at no
    cost. If it can slide clear of the span, the span is INTACT; if a deletion can slide to
    cover the whole span, the span is DELETED rather than a TOUCHED stub of a neighbour.
    Replacements (both sides changed) never slide.
    """
    old_from, old_to, new_from, new_to = gap
    length = end - start
    if old_from == old_to:
        # Pure insertion strictly inside the span: keep the span's start if the inserted
        # text can go after the span, else try putting it before the span.
        surface = old[start:end]
        for new_start in (new_from - (old_from - start), new_to - (old_from - start)):
            if new[new_start : new_start + length] == surface:
                return _new(Remapped, (new_start, new_start + length, _INTACT))
        return None
    if new_from != new_to:
        return None
    removed = old_to - old_from
    if _deletion_can_start_at(old, end, gap, left, right):
        new_start = new_from + start - old_from
        return _new(Remapped, (new_start, new_start + length, _INTACT))
    if _deletion_can_start_at(old, start - removed, gap, left, right):
        new_start = new_from + start - old_to
        return _new(Remapped, (new_start, new_start + length, _INTACT))
    # Of the placements covering the span, the one nearest the reported one decides.
    covering = min(max(old_from, end - removed), start)
    if covering + removed >= end and _deletion_can_start_at(old, covering, gap, left, right):
        position = new_from + covering - old_from
        return _new(Remapped, (position, position, _DELETED))
    return None


def _deletion_can_start_at(
    old: str, at: int, gap: tuple[int, int, int, int], left: int, right: int
) -> bool:
    # Deleting old[at:at + n] leaves the same text as deleting the reported old[a:b] exactly
    # when the characters it swaps between the two placements are equal, and the placement
    # stays within the equal text around the gap.
    # The characters next to the gap are compared first: most placements fail there, and
    # indexing one character is cheaper than slicing.
    old_from, old_to = gap[0], gap[1]
    removed = old_to - old_from
    if at < old_from:
        return (
            at >= left
            and old[old_from - 1] == old[old_to - 1]
            and old[at:old_from] == old[at + removed : old_to]
        )
    return at == old_from or (
        at + removed <= right
        and old[old_from] == old[old_to]
        and old[old_from:at] == old[old_to : at + removed]
    )


class _Alignment(NamedTuple):
    """The equal blocks of one diff, with sentinels so every position has a block to its left.

    Indel (insert/delete only, i.e. a longest common subsequence) is used rather than
    Levenshtein: it matches as many characters as possible, and every matched character is a
    span that can stay INTACT; Levenshtein would pair unrelated characters as substitutions.
    Everything between two consecutive equal blocks is one gap: Indel reports a replacement
    as "insert + delete", and treating the pair as one gap makes a retyped span TOUCHED
    (covering its replacement) rather than DELETED beside an unrelated insertion.
    """

    old: str
    new: str
    old_starts: list[int]
    old_ends: list[int]
    new_starts: list[int]

    def place(self, start: int, end: int) -> Remapped:
        """Where the span ``old[start:end]`` lies in ``new``."""
        old, new, old_starts, old_ends, new_starts = self
        first = bisect_right(old_starts, start) - 1
        first_end = old_ends[first]
        shift = new_starts[first] - old_starts[first]  # from old to new in block ``first``
        if end <= first_end:
            # The span lies inside one equal block, so it only moves.
            return _new(Remapped, (start + shift, end + shift, _INTACT))
        last = bisect_right(old_starts, end - 1, first) - 1
        # The span starts inside block ``first``, or in the gap after it.
        new_start = (start if start < first_end else first_end) + shift
        if end <= old_ends[last]:
            new_end = end + new_starts[last] - old_starts[last]
            last_gap = last - 1
        else:
            new_end = new_starts[last + 1]
            last_gap = last
        if first == last_gap:
            # The gap after block ``first``, in old and in new.
            gap = (first_end, old_starts[first + 1], first_end + shift, new_starts[first + 1])
            slid = _slide(old, new, start, end, gap, old_starts[first], old_ends[first + 1])
            if slid is not None:
                return slid
        return _cover(new_start, new_end)


def _stretch_blocks(
    old: str, new: str, prefix: int, changed_end: int, new_end: int
) -> list[MatchingBlock]:
    """The matching blocks of the changed stretch alone, in the stretch's own coordinates.

    ``Indel.opcodes`` itself strips the common prefix and suffix (measured the same way as in
    :func:`remap_spans`) before it aligns what is left, so aligning only that stretch gives the
    very same blocks inside it. ``Indel.opcodes`` is ``Indel.editops(...).as_opcodes()``, and
    editops give the same matching blocks without building the opcodes. The last block is
    rapidfuzz's empty one at the stretch's end.
    """
    return _editops(old[prefix:changed_end], new[prefix:new_end]).as_matching_blocks()


def _align(old: str, new: str, prefix: int, blocks: list[MatchingBlock]) -> _Alignment:
    """The alignment of the whole pair's ``Indel.opcodes``, from the changed stretch's blocks.

    The two ends are added back as equal blocks. The stretch has no common first or last
    character, so none of its blocks joins an end block.
    """
    old_starts = [0]
    old_ends = [prefix]
    new_starts = [0]
    for block in blocks:
        at = prefix + block.a
        old_starts.append(at)
        old_ends.append(at + block.size)
        new_starts.append(prefix + block.b)
    # The last block is the stretch's empty end sentinel, where the common suffix starts: it
    # becomes the suffix block (or stays the right-hand sentinel if the suffix is empty).
    old_ends[-1] = len(old)
    return _new(_Alignment, (old, new, old_starts, old_ends, new_starts))


def _place_covering(
    old: str,
    new: str,
    start: int,
    end: int,
    prefix: int,
    changed_end: int,
    new_end: int,
    blocks: list[MatchingBlock],
) -> Remapped:
    """:meth:`_Alignment.place` for a span covering the changed stretch, from its ``blocks``.

    The span starts at or before ``prefix`` and ends at or after ``changed_end`` (the stretch
    is ``old[prefix:changed_end]``, ``new[prefix:new_end]``; ``blocks`` are its own, from
    :func:`_stretch_blocks`). Its ends lie in the common prefix and suffix, where they only
    shift, or on the stretch's first or last character, which only the stretch's first or last
    block can hold. So those two blocks settle it, with the block after the start's one when the
    span has a single gap. Building the whole alignment would cost more than the diff itself,
    and retyping a word at a span's edge, a common edit of an annotated span, lands here.
    """
    # Blocks are numbered as in _Alignment: 0 is the common prefix, 1 to ``count`` are the
    # stretch's own (``blocks[count]`` is rapidfuzz's empty one at its end), ``count + 1`` is
    # the common suffix; gap i lies after block i. The start's block is the prefix, or block 1
    # if that begins the stretch and the span starts there.
    count = len(blocks) - 1
    first = 0
    first_end = prefix
    shift = 0
    if start == prefix and count:
        head = blocks[0]
        if not head.a:
            first = 1
            first_end = prefix + head.size
            shift = head.b
            if end <= first_end:
                # The whole old stretch survived as one block inside the new one.
                return _new(Remapped, (start + shift, end + shift, _INTACT))
    # The gap before the end's block: that block is the common suffix, or the stretch's last
    # block if that ends the stretch and the span ends there.
    last_gap = count
    if end > changed_end:
        span_end = end + new_end - changed_end
    else:
        span_end = new_end
        if count:
            tail = blocks[count - 1]
            tail_start = prefix + tail.a
            if tail_start + tail.size == changed_end:
                span_end = end + tail.b + prefix - tail_start
                last_gap = count - 1
    if first == last_gap:
        # A single gap, which the alignment may as well have placed elsewhere (see _slide).
        after = blocks[first]  # block first + 1
        gap_end = prefix + after.a
        new_gap_end = prefix + after.b
        # A replacement (both sides changed) never slides: no call needed to learn that.
        if first_end == gap_end or first_end + shift == new_gap_end:
            # The gap may slide along the equal text of the blocks on either side of it.
            right = gap_end + after.size if first < count else len(old)
            gap = (first_end, gap_end, first_end + shift, new_gap_end)
            slid = _slide(old, new, start, end, gap, prefix if first else 0, right)
            if slid is not None:
                return slid
    # Never empty: the start maps before the new stretch's end, and before the end's block.
    return _new(Remapped, (start + shift, span_end, _TOUCHED))


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
        return _new(Remapped, (start + delta, end + delta, _INTACT))
    return _new(Remapped, (start, end + delta, _TOUCHED))


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
        return _new(Remapped, (start - removed, end - removed, _INTACT))
    if start >= prefix:
        if end <= changed_end:
            return _new(Remapped, (prefix, prefix, _DELETED))
        return _new(Remapped, (prefix, end - removed, _TOUCHED))
    if (
        slides
        and end - start <= removed
        and old[start:prefix] == old[start + removed : changed_end]
    ):
        return _new(Remapped, (start, start, _DELETED))
    return _new(Remapped, (start, end - removed if end > changed_end else prefix, _TOUCHED))


def remap_spans(old: str, new: str, spans: Sequence[tuple[int, int]]) -> list[Remapped]:
    """Map ``spans`` of ``old`` onto ``new``, in input order (at most one diff for all spans).

    Most edits change one stretch of a sentence. Text before the first difference and after the
    last one is unchanged (rapidfuzz's Prefix/Postfix measure both in C), so a span lying wholly
    in either is INTACT and only shifts. A span reaching into the changed stretch needs the
    stretch aligned (:func:`_align`), unless the stretch is a pure insertion or deletion
    (:func:`_into_insertion`, :func:`_into_deletion`: nothing in it can survive) or the span
    covers it: then nothing but the stretch's first and last blocks matters
    (:func:`_place_covering`), and not even those if no character at the span's own edges can
    have survived.
    """
    size = len(old)
    delta = len(new) - size
    prefix = _common_prefix(old, new)
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
            remapped.append(_new(Remapped, (start, end, _INTACT)))
            continue
        if changed_end < 0:
            changed_end = size - _common_suffix(old, new)
            new_end = changed_end + delta  # where the changed stretch ends in new
            if changed_end < prefix or new_end < prefix:
                # The common suffix may not eat into the common prefix of the shorter text.
                changed_end = prefix - delta if delta < 0 else prefix
                new_end = changed_end + delta
        if start >= changed_end:
            if start >= end or end > size:
                raise _bad_span(start, end, size)
            remapped.append(_new(Remapped, (start + delta, end + delta, _INTACT)))
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
                remapped.append(_new(Remapped, (start, end + delta, _TOUCHED)))
            else:
                if blocks is None:  # one diff for all the edit's spans
                    blocks = _stretch_blocks(old, new, prefix, changed_end, new_end)
                remapped.append(
                    _place_covering(old, new, start, end, prefix, changed_end, new_end, blocks)
                )
        else:
            if alignment is None:
                if blocks is None:
                    blocks = _stretch_blocks(old, new, prefix, changed_end, new_end)
                alignment = _align(old, new, prefix, blocks)
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
            placed.append(("left", Remapped(left_end, left_end, _DELETED)))
        elif on_left >= on_right:
            state = _INTACT if end <= left_end else _TOUCHED
            placed.append(("left", Remapped(start, min(end, left_end), state)))
        else:
            state = _INTACT if start >= right_start else _TOUCHED
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
