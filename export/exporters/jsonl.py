"""Character-offset JSONL formats: Redline's own full-fidelity lines, and doccano's import shape."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from corpus.text.i18n import N_

from .base import LineExporter, json_line
from .records import DocumentStart, SegmentRecord, SpanRecord
from .report import ExportReport

__all__ = ["DoccanoJsonl", "RedlineJsonl"]


def _span_json(span: SpanRecord) -> dict[str, Any]:
    return {
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": span.text,
        "term_id": span.term_id,
        "term": span.term,
        "state": span.state,
        "origin": span.origin,
    }


class RedlineJsonl(LineExporter):
    """Everything Redline knows about a segment; schemas/redline-segment.schema.json describes it.

    ``trailing`` is included (beyond the visible fields) so documents can be rebuilt exactly from
    this file alone, the same guarantee the plain-text export gives.
    """

    id = "redline-jsonl"
    label = N_("Redline JSONL (segments with spans, comments and metadata)")
    carries_notes = True
    carries_effort = True
    extension = ".jsonl"
    media_type = "application/x-ndjson"
    description = N_(
        "One JSON object per segment: text, MT text, status, HTER, spans with glossary links."
    )

    _document: DocumentStart | None = None  # the document being written (its languages)

    def start_document(self, document: DocumentStart) -> None:
        self._document = document

    def line(self, segment: SegmentRecord, report: ExportReport) -> bytes:
        spans = self.spans_to_write(segment, report)
        line = {
            "id": segment.id,
            "document_id": segment.document_id,
            "document": segment.document,
            "position": segment.position,
            "paragraph": segment.paragraph,
            "text": segment.text,
            "mt_text": segment.mt_text,
            "trailing": segment.trailing,
            "status": segment.status,
            "hter": float(segment.hter),
            "spans": [_span_json(span) for span in spans],
            "metadata": segment.metadata,
            "edit_time_ms": segment.edit_time_ms,
        }
        # Only bilingual segments carry a source, so monolingual lines stay exactly as they were.
        if segment.source_text:
            line["source_text"] = segment.source_text
        # Likewise the review conversation: only segments that have one carry the keys.
        if segment.comments:
            line["comments"] = [asdict(comment) for comment in segment.comments]
        if segment.reject_reasons:
            line["reject_reasons"] = [asdict(reason) for reason in segment.reject_reasons]
        document = self._document
        if document is not None and document.bilingual and document.id == segment.document_id:
            # What import_dataset needs to give back the same bilingual document.
            line["source_language"] = document.source_language
            line["target_language"] = document.target_language
            line["unit_id"] = segment.unit_id
            unit = _unit_json(segment)
            if unit:
                line["unit"] = unit
        return json_line(line)


def _unit_json(segment: SegmentRecord) -> dict[str, Any]:
    """The imported unit's notes, state, metadata and inline codes, as far as it has them."""
    unit = {
        "notes": list(segment.notes),
        "state": segment.unit_state,
        "metadata": dict(segment.unit_metadata),
        "placeholders": dict(segment.placeholders),
    }
    return {key: value for key, value in unit.items() if value}


class DoccanoJsonl(LineExporter):
    """doccano's sequence-labelling import: ``{"text", "label": [[start, end, "LABEL"], ...]}``.

    doccano keeps unknown keys as the example's metadata, so ``id`` survives a round trip and
    ties the example back to the segment. Offsets are code points, which is what doccano's
    Python backend uses. Overlapping spans are written: doccano projects can allow them.
    """

    id = "doccano-jsonl"
    label = N_("doccano JSONL (sequence labelling)")
    extension = ".jsonl"
    media_type = "application/x-ndjson"
    description = N_(
        'Import into a doccano sequence-labelling project; labels as [start, end, "LABEL"].'
    )

    def line(self, segment: SegmentRecord, report: ExportReport) -> bytes:
        spans = self.spans_to_write(segment, report)
        return json_line(
            {
                "id": segment.id,
                "text": segment.text,
                "label": [[s.start, s.end, s.label] for s in spans],
            }
        )
