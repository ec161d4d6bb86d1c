"""Prodigy's pre-tokenised task shape, ready for ``prodigy db-in`` or a manual NER/spans recipe.

Prodigy's ``token_end`` is INCLUSIVE (the index of the span's last token), unlike spaCy's
``Span.end``; getting that wrong shifts every span by one token in the UI, so it is pinned in
tests. Tokens come from a spaCy tokenizer, whitespace tokens included, as Prodigy's own
``add_tokens`` does, so ``id`` equals the spaCy token index.
"""

from __future__ import annotations

from typing import Any

from corpus.text.i18n import N_

from .base import LineExporter, json_line
from .records import SegmentRecord
from .report import ExportReport
from .tokens import Tokenizing, aligned_spans

__all__ = ["ProdigyJsonl"]


class ProdigyJsonl(Tokenizing, LineExporter):
    id = "prodigy-jsonl"
    label = N_("Prodigy JSONL (tokens and spans)")
    extension = ".jsonl"
    media_type = "application/x-ndjson"
    description = N_(
        "Prodigy tasks with spaCy tokens; token_end is inclusive. Misaligned spans are reported."
    )

    def line(self, segment: SegmentRecord, report: ExportReport) -> bytes:
        doc = self.nlp.make_doc(segment.text)
        # Overlaps are written as they are: Prodigy's span recipes display and store them.
        spans = aligned_spans(doc, segment, report)
        report.spans_written += len(spans)
        tokens: list[dict[str, Any]] = [
            {
                "text": t.text,
                "start": t.idx,
                "end": t.idx + len(t.text),
                "id": t.i,
                "ws": bool(t.whitespace_),
            }
            for t in doc
        ]
        return json_line(
            {
                "text": segment.text,
                "tokens": tokens,
                "spans": [
                    {
                        "start": a.record.start,
                        "end": a.record.end,
                        "label": a.record.label,
                        "token_start": a.span.start,
                        "token_end": a.span.end - 1,
                    }
                    for a in spans
                ],
                "meta": {
                    "segment_id": segment.id,
                    "document": segment.document,
                    "position": segment.position,
                    "status": segment.status,
                },
            }
        )
