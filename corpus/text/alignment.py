"""How one edit's diff places a span: the alignment behind corpus.text.offsets.remap_spans.

Kept apart from offsets.py, which decides per span which of these a span needs (most need none:
they lie before or after the changed stretch). Pure; rapidfuzz gives the diff.
"""

from __future__ import annotations

from bisect import bisect_right
from enum import StrEnum
from typing import NamedTuple

from rapidfuzz.distance import Indel, MatchingBlock, Postfix, Prefix


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
new_tuple = tuple.__new__
INTACT = SpanState.INTACT
TOUCHED = SpanState.TOUCHED
DELETED = SpanState.DELETED
# Bound once: remap_spans calls the first two on every edit.
common_prefix = Prefix.similarity
common_suffix = Postfix.similarity
editops = Indel.editops


def cover(new_start: int, new_end: int) -> Remapped:
    """A span whose characters did not all survive: what it became, or where it was."""
    if new_start >= new_end:
        return new_tuple(Remapped, (new_start, new_start, DELETED))
    return new_tuple(Remapped, (new_start, new_end, TOUCHED))


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
                return new_tuple(Remapped, (new_start, new_start + length, INTACT))
        return None
    if new_from != new_to:
        return None
    removed = old_to - old_from
    if _deletion_can_start_at(old, end, gap, left, right):
        new_start = new_from + start - old_from
        return new_tuple(Remapped, (new_start, new_start + length, INTACT))
    if _deletion_can_start_at(old, start - removed, gap, left, right):
        new_start = new_from + start - old_to
        return new_tuple(Remapped, (new_start, new_start + length, INTACT))
    # Of the placements covering the span, the one nearest the reported one decides.
    covering = min(max(old_from, end - removed), start)
    if covering + removed >= end and _deletion_can_start_at(old, covering, gap, left, right):
        position = new_from + covering - old_from
        return new_tuple(Remapped, (position, position, DELETED))
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


class Alignment(NamedTuple):
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
            return new_tuple(Remapped, (start + shift, end + shift, INTACT))
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
        return cover(new_start, new_end)


def stretch_blocks(
    old: str, new: str, prefix: int, changed_end: int, new_end: int
) -> list[MatchingBlock]:
    """The matching blocks of the changed stretch alone, in the stretch's own coordinates.

    ``Indel.opcodes`` itself strips the common prefix and suffix (measured the same way as in
    :func:`remap_spans`) before it aligns what is left, so aligning only that stretch gives the
    very same blocks inside it. ``Indel.opcodes`` is ``Indel.editops(...).as_opcodes()``, and
    editops give the same matching blocks without building the opcodes. The last block is
    rapidfuzz's empty one at the stretch's end.
    """
    return editops(old[prefix:changed_end], new[prefix:new_end]).as_matching_blocks()


def align(old: str, new: str, prefix: int, blocks: list[MatchingBlock]) -> Alignment:
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
    return new_tuple(Alignment, (old, new, old_starts, old_ends, new_starts))


def place_covering(
    old: str,
    new: str,
    start: int,
    end: int,
    prefix: int,
    changed_end: int,
    new_end: int,
    blocks: list[MatchingBlock],
) -> Remapped:
    """:meth:`Alignment.place` for a span covering the changed stretch, from its ``blocks``.

    The span starts at or before ``prefix`` and ends at or after ``changed_end`` (the stretch
    is ``old[prefix:changed_end]``, ``new[prefix:new_end]``; ``blocks`` are its own, from
    :func:`stretch_blocks`). Its ends lie in the common prefix and suffix, where they only
    shift, or on the stretch's first or last character, which only the stretch's first or last
    block can hold. So those two blocks settle it, with the block after the start's one when the
    span has a single gap. Building the whole alignment would cost more than the diff itself,
    and retyping a word at a span's edge, a common edit of an annotated span, lands here.
    """
    # Blocks are numbered as in Alignment: 0 is the common prefix, 1 to ``count`` are the
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
                return new_tuple(Remapped, (start + shift, end + shift, INTACT))
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
    return new_tuple(Remapped, (start + shift, span_end, TOUCHED))
