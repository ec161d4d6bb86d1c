"""Cut a document into sentence segments without losing a single character.

Each segment keeps the exact whitespace that followed it (spaces, tabs, line endings, blank
lines, the next paragraph's indentation), so an untouched document is rebuilt byte-for-byte
from ``leading`` plus its segments. Sentence boundaries come from a pluggable splitter, which
keeps this module free of spaCy and lets callers batch paragraphs through ``nlp.pipe``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from corpus.text.i18n import N_

__all__ = [
    "SegmentDraft",
    "SentenceSplitter",
    "reassemble",
    "segment_document",
    "split_at",
    "split_bounds",
]

SentenceSplitter = Callable[[Sequence[str]], Iterable[Sequence[int]]]
"""Given every non-blank paragraph at once, yield per paragraph the offsets where sentences start."""

# Only the three real line endings. str.splitlines() would also break on \x0b, \x0c, \x1c-\x1e,
# \x85, \u2028 and \u2029; those occur inside MT output and must stay within their paragraph
# (they are still whitespace, so they can end up in a segment's trailing).
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


@dataclass(frozen=True, slots=True)
class SegmentDraft:
    """One sentence before it is stored: its text and the whitespace that followed it."""

    text: str
    trailing: str
    paragraph: int


def _is_blank(text: str) -> bool:
    return not text or text.isspace()


class _Collector:
    """Accumulates text pieces and whitespace, giving each run of whitespace to its owner.

    Whitespace belongs to the segment before it; whatever precedes the first segment is the
    document's leading whitespace. Keeping this in one place is what makes reassembly exact.
    """

    def __init__(self) -> None:
        self.leading: str | None = None
        self.texts: list[str] = []
        self.paragraphs: list[int] = []
        self.trailings: list[str] = []
        self._whitespace: list[str] = []

    def whitespace(self, chunk: str) -> None:
        if chunk:
            self._whitespace.append(chunk)

    def text(self, chunk: str, paragraph: int) -> None:
        self._close_previous()
        self.texts.append(chunk)
        self.paragraphs.append(paragraph)

    def _close_previous(self) -> None:
        gathered = "".join(self._whitespace)
        self._whitespace.clear()
        if self.texts:
            self.trailings.append(gathered)
        else:
            self.leading = gathered

    def finish(self) -> tuple[str, list[SegmentDraft]]:
        self._close_previous()
        leading = self.leading if self.leading is not None else ""
        drafts = [
            SegmentDraft(text, trailing, paragraph)
            for text, trailing, paragraph in zip(
                self.texts, self.trailings, self.paragraphs, strict=True
            )
        ]
        return leading, drafts


def _sentence_bounds(line: str, starts: Iterable[int]) -> list[int]:
    # Splitters (spaCy, rules, humans) are sloppy: offsets may repeat, come unsorted, include 0
    # or fall outside the line. Only interior offsets can start a new sentence.
    size = len(line)
    interior = {cut for cut in map(operator.index, starts) if 0 < cut < size}
    return [0, *sorted(interior), size]


def _add_paragraph(out: _Collector, line: str, starts: Iterable[int], paragraph: int) -> None:
    for left, right in pairwise(_sentence_bounds(line, starts)):
        piece = line[left:right]
        core = piece.strip()
        if not core:
            # A cut inside a whitespace run (or a whitespace-only "sentence") is not a segment.
            out.whitespace(piece)
            continue
        lead = len(piece) - len(piece.lstrip())
        out.whitespace(piece[:lead])
        out.text(core, paragraph)
        out.whitespace(piece[lead + len(core) :])


def segment_document(raw: str, split: SentenceSplitter) -> tuple[str, list[SegmentDraft]]:
    """Return ``(leading whitespace, segments)`` such that :func:`reassemble` gives back ``raw``.

    Paragraphs are the non-blank lines; ``split`` is called once with all of them.
    """
    pieces = _LINE_BREAK.split(raw)
    lines = pieces[0::2]
    endings = [*pieces[1::2], ""]
    paragraphs = [line for line in lines if not _is_blank(line)]
    all_starts = list(split(paragraphs)) if paragraphs else []
    if len(all_starts) != len(paragraphs):
        raise ValueError(
            f"sentence splitter returned {len(all_starts)} results for {len(paragraphs)} paragraphs"
        )

    out = _Collector()
    next_paragraph = 0
    for line, ending in zip(lines, endings, strict=True):
        if _is_blank(line):
            out.whitespace(line)
        else:
            _add_paragraph(out, line, all_starts[next_paragraph], next_paragraph)
            next_paragraph += 1
        out.whitespace(ending)
    return out.finish()


def reassemble(leading: str, segments: Iterable[tuple[str, str]]) -> str:
    """Rebuild a document from its leading whitespace and ``(text, trailing)`` pairs."""
    return leading + "".join(text + trailing for text, trailing in segments)


def split_bounds(text: str, cut: int) -> tuple[int, int]:
    """Where the left part ends and the right part starts when splitting ``text`` at ``cut``.

    The whitespace around the cursor becomes the gap between the two new segments. Raises
    ``ValueError`` when either side would be empty, because an empty segment cannot be stored
    and would silently swallow the reviewer's click.
    """
    if not 0 <= cut <= len(text):
        raise ValueError(
            N_(
                "cannot split at %(cut)s: the text has %(length)s characters",
                cut=cut,
                length=len(text),
            )
        )
    left_end = len(text[:cut].rstrip())
    right_start = len(text) - len(text[cut:].lstrip())
    if not text[:left_end].strip():
        raise ValueError(N_("cannot split here: there is no text before the cursor"))
    if right_start == len(text):
        raise ValueError(N_("cannot split here: there is no text after the cursor"))
    return left_end, right_start


def split_at(text: str, cut: int) -> tuple[str, str, str]:
    """Split a segment's text at the cursor into ``(left, gap whitespace, right)``.

    ``left + gap + right == text`` always holds; a cut inside a word is allowed (gap is "").
    """
    left_end, right_start = split_bounds(text, cut)
    return text[:left_end], text[left_end:right_start], text[right_start:]
