"""Span helpers that only need text: snapping a selection to words, and cutting a text into
pieces at span boundaries so overlapping spans can be drawn without improper nesting."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Piece", "check_bounds", "pieces", "snap_to_words"]


def _is_word(char: str) -> bool:
    # Letters, digits and the joiners that live inside words and numbers ("45.080", "year-on-year"
    # is three words but "Hui" or "4,260" is one). Apostrophes keep "people's" whole.
    return char.isalnum() or char in "_'’"


def check_bounds(text: str, start: int, end: int) -> None:
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"a span must cover 1 to {len(text)} characters of the text; got {start}–{end}"
        )


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words and drop whitespace at its edges.

    Reviewers drag sloppily; a span that starts mid-word is almost never meant. Number-internal
    punctuation ("45.080", "4,260") joins when a digit stands on both sides.
    """
    check_bounds(text, start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("the selection holds only whitespace")

    def joins(i: int) -> bool:
        # text[i] belongs to the same token as its neighbours
        if _is_word(text[i]):
            return True
        return (
            text[i] in ".,"
            and 0 < i < len(text) - 1
            and text[i - 1].isdigit()
            and text[i + 1].isdigit()
        )

    while start > 0 and joins(start - 1) and (_is_word(text[start]) or joins(start)):
        start -= 1
    while end < len(text) and joins(end) and (_is_word(text[end - 1]) or joins(end - 1)):
        end += 1
    return start, end


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    covering: tuple[int, ...]  # indexes into the spans given, shortest span first


def pieces(length: int, spans: Sequence[tuple[int, int]]) -> list[Piece]:
    """Cut [0, length) at every span boundary; each piece lists the spans that cover it."""
    cuts = sorted({0, length, *(s for s, _ in spans), *(e for _, e in spans)})
    order = sorted(range(len(spans)), key=lambda i: (spans[i][1] - spans[i][0], spans[i][0]))
    result = []
    for left, right in itertools.pairwise(cuts):
        if left >= right or right > length:
            continue
        covering = tuple(i for i in order if spans[i][0] <= left and right <= spans[i][1])
        result.append(Piece(left, right, covering))
    return result
