"""CoNLL-2003-style IOB2 (token-per-line) that ``python -m spacy convert -c ner`` reads.

Layout: ``token TAG`` per line (two space-separated columns), one segment per sentence block with
a blank line after it, and ``-DOCSTART- -X- O O`` plus a blank line before each document. spaCy's
``ner`` converter turns each document into one Doc whose sentences are our segments; with the
``.conll`` extension its auto-detection picks the same converter.

What the format cannot carry, and so is reported rather than bent:
- overlapping spans (one tag per token): the longest, then the earliest, is written;
- spans that do not fall on token boundaries;
- whitespace: readers split lines on any whitespace, so whitespace-only tokens (double spaces,
  tabs, U+3000) are left out; a span starting or ending on one would come back shorter, so it is
  reported; one with whitespace only inside is written (CoNLL never kept spacing);
- labels containing whitespace, which would add a column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from corpus.text.i18n import N_

from .base import Chunker, Exporter, iter_segments
from .checks import problem, split_overlaps
from .records import Record, SegmentRecord
from .report import ExportReport, Reason
from .tokens import AlignedSpan, Tokenizing, aligned_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DOCSTART", "ConllIob", "segment_lines"]

DOCSTART = "-DOCSTART- -X- O O"


def _has_whitespace(text: str) -> bool:
    # str.split() in the readers breaks on every Unicode whitespace character, not just " ".
    return any(char.isspace() for char in text)


def _writable(doc: Doc, segment: SegmentRecord, report: ExportReport) -> list[AlignedSpan]:
    candidates = []
    for aligned in aligned_spans(doc, segment, report):
        if _has_whitespace(aligned.record.label):
            report.add(problem(segment, aligned.record, Reason.LABEL_WHITESPACE))
        elif aligned.span[0].is_space or aligned.span[-1].is_space:
            report.add(problem(segment, aligned.record, Reason.WHITESPACE_EDGE))
        else:
            candidates.append(aligned)
    kept, overlapping = split_overlaps(candidates, lambda a: a.bounds)
    for dropped, winner in overlapping:
        detail = f"overlaps {winner.record.label} {winner.record.start}..{winner.record.end} {winner.record.text!r}"
        report.add(problem(segment, dropped.record, Reason.OVERLAP_IOB, detail))
    report.spans_written += len(kept)
    return kept


def segment_lines(doc: Doc, spans: list[AlignedSpan]) -> Iterator[str]:
    """``token TAG`` lines for one segment (IOB2: every entity starts with B-)."""
    entity_at: dict[int, int] = {}
    for number, aligned in enumerate(spans):
        for i in range(aligned.span.start, aligned.span.end):
            entity_at[i] = number
    previous: int | None = None
    for token in doc:
        # A custom tokenizer might keep inner whitespace in a token; its pieces become tokens
        # of the same entity, the same as spaCy's tokenizer would have produced.
        for piece in token.text.split():
            number = entity_at.get(token.i)
            if number is None:
                tag = "O"
            else:
                label = spans[number].record.label
                tag = f"I-{label}" if number == previous else f"B-{label}"
            previous = number
            yield f"{piece} {tag}\n"


class ConllIob(Tokenizing, Exporter):
    id = "conll-iob"
    label = N_("CoNLL-2003 IOB2 (token per line)")
    extension = ".conll"
    media_type = "text/plain; charset=utf-8"
    description = N_(
        "Token per line with IOB2 tags; segments are sentences, -DOCSTART- separates documents."
    )

    def write(self, records: Iterable[Record], report: ExportReport) -> Iterator[bytes]:
        report.exporter = self.id
        chunks = Chunker()
        for segment, opens_document in iter_segments(records, report):
            doc = self.nlp.make_doc(segment.text)
            spans = _writable(doc, segment, report)
            block = "".join(segment_lines(doc, spans))
            text = (DOCSTART + "\n\n" if opens_document else "") + (block + "\n" if block else "")
            if (chunk := chunks.add(text.encode("utf-8"))) is not None:
                yield chunk
        if tail := chunks.take():
            yield tail
