"""Span helpers that only need text: snapping a reviewer's selection to words, fitting a
suggestion to tokens, and cutting a text into pieces at span boundaries so overlapping spans can
be drawn without improper nesting."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corpus.text.i18n import N_

__all__ = ["Piece", "check_bounds", "pieces", "snap_to_tokens", "snap_to_words"]


def _is_word(char: str) -> bool:
    # Letters, digits and the joiners that live inside words and numbers ("45.080", "year-on-year"
    # is three words but "Hui" or "4,260" is one). Apostrophes keep "people's" whole.
    return char.isalnum() or char in "_'’"


def check_bounds(text: str, start: int, end: int) -> None:
    if not 0 <= start < end <= len(text):
        raise ValueError(
            N_(
                "a span must cover 1 to %(length)s characters of the text; got %(start)s–%(end)s",
                length=len(text),
                start=start,
                end=end,
            )
        )


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words and drop whitespace at its edges.

    Reviewers drag sloppily; a span that starts mid-word is almost never meant. Number-internal
    punctuation ("45.080", "4,260") joins when a digit stands on both sides.
    """
    check_bounds(text, start, end)
    start, end = _trim(text, start, end, lambda _s, _e, i: text[i].isspace())
    if start == end:
        raise ValueError(N_("the selection holds only whitespace"))

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


def _trim(
    text: str, start: int, end: int, trimmed: Callable[[int, int, int], bool]
) -> tuple[int, int]:
    """[start, end) without the characters at its edges that ``trimmed(start, end, i)`` names."""
    while start < end and trimmed(start, end, start):
        start += 1
    while end > start and trimmed(start, end, end - 1):
        end -= 1
    return start, end


# spaCy's English tokenizer splits these off the start / the end of a whitespace-separated chunk,
# whatever they touch (checked against spacy.blank("en") in the tests). Currency signs and "%"
# only come off one side; "." after a figure, closing punctuation or a lower-case word that is no
# abbreviation, since "Ltd." and "U.S." are tokens of their own.
_QUOTES_AND_BRACKETS = "\"'“”‘’«»‹›「」『』()[]{}（）【】<>"
_SEPARATORS = ",;:!?。，；：！？、…–—"
_SPLIT_OFF_START = frozenset(_QUOTES_AND_BRACKETS + _SEPARATORS + "$£€¥₹")
_SPLIT_OFF_END = frozenset(_QUOTES_AND_BRACKETS + _SEPARATORS)
_HYPHENS = frozenset("-–—")
# Never the first or last character of an entity: what stands between entities and words.
_EDGE_PUNCTUATION = frozenset(_QUOTES_AND_BRACKETS + _SEPARATORS)
_BRACKET_PAIRS = {
    ")": "(",
    "]": "[",
    "}": "{",
    "）": "（",
    "】": "【",
    "(": ")",
    "[": "]",
    "{": "}",
    "（": "）",
    "【": "】",
}


# Lower-case abbreviations spaCy's English exceptions keep whole with their full stop ("Ltd.");
# after any other lower-case word a chunk-final "." is a token of its own ("yuan.").
_ABBREVIATIONS = frozenset(
    [
        "co",
        "corp",
        "inc",
        "ltd",
        "etc",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "vol",
        "fig",
        "approx",
        "dept",
        "govt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]
)


def _splits_off_end(chunk_start: int, text: str, i: int) -> bool:
    """text[i] is a token of its own at the end of a chunk that starts at chunk_start."""
    char = text[i]
    if char in _SPLIT_OFF_END:
        return True
    if char in ".%" and i > chunk_start:
        before = text[i - 1]
        if before.isdigit() or (char == "." and (before == "%" or before in _SPLIT_OFF_END)):
            return True
        word = text[chunk_start:i]
        return (
            char == "."
            and before.islower()
            and "." not in word
            and word.lower().lstrip("".join(_SPLIT_OFF_START)) not in _ABBREVIATIONS
        )
    return False


def _token_edges(text: str, at: int) -> tuple[int, ...]:
    """Offsets in the whitespace-separated chunk around ``at`` where spaCy's English tokenizer
    certainly starts or ends a token: the chunk's ends, split-off punctuation, and hyphens
    between figures or before a letter ("2021-2023", "year-on-year"). Conservative: spaCy may
    cut more ("5km"), never less, so a span on these edges is on spaCy's token edges."""
    first = at
    while first > 0 and not text[first - 1].isspace():
        first -= 1
    last = at
    while last < len(text) and not text[last].isspace():
        last += 1
    edges = {first, last}
    core_start = first
    while core_start < last and text[core_start] in _SPLIT_OFF_START:
        core_start += 1
        edges.add(core_start)
    core_end = last
    while core_end > core_start and _splits_off_end(core_start, text, core_end - 1):
        core_end -= 1
        edges.add(core_end)
    for i in range(core_start + 1, core_end - 1):
        before, after = text[i - 1], text[i + 1]
        if text[i] in _HYPHENS and (
            (before.isdigit() and after.isdigit()) or (before.isalnum() and after.isalpha())
        ):
            edges.update((i, i + 1))
    return tuple(sorted(edges))


def _around_a_name(text: str, start: int, end: int, i: int) -> bool:
    """text[i], at an edge of [start, end), stands between entities and words, not in them."""
    char = text[i]
    if char.isspace():
        return True
    if char in _BRACKET_PAIRS:
        # "Xinhua (Beijing)" keeps its bracket, its partner is inside; "(RMB 5 million)" does not.
        return _BRACKET_PAIRS[char] not in text[start + 1 : end - 1]
    if char == "." and i == end - 1:
        return _splits_off_end(start, text, i)  # "in 2023." but not "Co., Ltd."
    return char in _EDGE_PUNCTUATION


def snap_to_tokens(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A suggested span fitted to the tokens a token-based export writes; None if no letter or
    digit is left.

    Whitespace and the punctuation around a name or figure (quotes, unpaired brackets, commas,
    colons, full stops after figures...) are trimmed, then each edge that falls inside a token
    moves out to that token's edge, so "3999 yuan" in "price:3999 yuan" becomes the whole
    "price:3999 yuan" (spaCy keeps "price:3999" as one token) and "Chen Huijie  " becomes
    "Chen Huijie". Suggestions are only suggestions: the surface IOB and DocBin can carry is
    worth more than a tighter one that no token-based export can write.
    """
    check_bounds(text, start, end)
    start, end = _trim(text, start, end, lambda s, e, i: _around_a_name(text, s, e, i))
    if not any(char.isalnum() for char in text[start:end]):
        return None  # nothing a name or a figure is made of
    start = max(edge for edge in _token_edges(text, start) if edge <= start)
    end = min(edge for edge in _token_edges(text, end - 1) if edge >= end)
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
