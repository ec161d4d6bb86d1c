"""Tokenisation and span alignment for the token-based formats (Prodigy, spaCy, CoNLL).

spaCy is imported lazily: the JSON and text formats must not pay its import time. Only the
tokenizer runs (``nlp.make_doc``), so the default is a weightless ``spacy.blank("en")``; callers
pass the app's pipeline (annotate/nlp.py) when tokens must match what reviewers saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .checks import checked_spans, problem
from .records import SegmentRecord, SpanRecord
from .report import ExportReport, Reason

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["MAX_VOCAB_STRINGS", "AlignedSpan", "Tokenizing", "aligned_spans", "blank_english"]


MAX_VOCAB_STRINGS = 100_000
"""About 40 MB of strings and lexemes (some 375 bytes each) in the shared pipeline's vocabulary."""


def blank_english() -> Language:
    """The shared weightless tokenizer, replaced once its vocabulary holds MAX_VOCAB_STRINGS.

    A spaCy vocabulary keeps every string it ever saw, so in a long-lived worker it grows with
    every varied corpus exported. A fresh pipeline costs about 0.4 s, once per ~100,000 new
    strings. (``nlp.memory_zone()`` would free them too, but it turns the tokenizer's cache off
    and halves the export's speed.) Callers ask again per segment, so the swap happens between
    Docs; a Doc already made keeps its own vocabulary alive.
    """
    nlp = _blank_english()
    if len(nlp.vocab.strings) > MAX_VOCAB_STRINGS:
        _blank_english.cache_clear()
        nlp = _blank_english()
    return nlp


@lru_cache(maxsize=1)
def _blank_english() -> Language:
    import spacy

    return spacy.blank("en")


@dataclass(frozen=True)
class AlignedSpan:
    record: SpanRecord
    span: Span

    @property
    def bounds(self) -> tuple[int, int]:
        return self.record.start, self.record.end


def aligned_spans(doc: Doc, segment: SegmentRecord, report: ExportReport) -> list[AlignedSpan]:
    """Spans that pass the checks and fall exactly on token boundaries; the rest are reported.

    ``alignment_mode="strict"`` is the point: "contract" or "expand" would silently shrink or
    grow the span to fit the tokens, which is exactly what an export must not do.
    """
    aligned = []
    for record in checked_spans(segment, report):
        span = doc.char_span(record.start, record.end, label=record.label, alignment_mode="strict")
        if span is None:
            report.add(problem(segment, record, Reason.MISALIGNED, _token_hint(doc, record)))
        else:
            aligned.append(AlignedSpan(record, span))
    return aligned


def _token_hint(doc: Doc, record: SpanRecord) -> str:
    # Show the tokens around the span so a reviewer sees why ("twoThe" is one token).
    touched = [t.text for t in doc if t.idx < record.end and t.idx + len(t.text) > record.start]
    return "tokens there: " + " | ".join(repr(t) for t in touched) if touched else ""


class Tokenizing:
    """Mixin for exporters that tokenise: holds the (injectable) pipeline."""

    def __init__(self, *, nlp: Language | None = None) -> None:
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        return self._nlp if self._nlp is not None else blank_english()
