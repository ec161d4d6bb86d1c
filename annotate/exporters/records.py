"""The plain records every exporter reads: no Django, no ORM rows, nothing lazy.

The caller (a service or task) turns database rows into these, in document order, so the writers
stay pure and can be tested, benchmarked and reused outside the web app. Offsets are Python code
points into ``SegmentRecord.text``, the unit spans use everywhere in Redline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from corpus.importers.jsonl import ImportedSpan

__all__ = ["DocumentStart", "Record", "SegmentRecord", "SpanRecord"]


# One span record both ways: a Redline JSONL line exports exactly what the importer reads back.
# ``text`` is the surface as stored and must equal the segment's ``text[start:end]`` (checked
# before writing); ``term`` is the linked glossary concept's preferred rendering.
SpanRecord = ImportedSpan


@dataclass(frozen=True)
class SegmentRecord:
    id: int
    document_id: int
    document: str
    position: int
    paragraph: int
    text: str
    mt_text: str
    trailing: str
    status: str
    hter: float
    spans: tuple[SpanRecord, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentStart:
    """Sent before a document's segments; formats with document boundaries need it.

    ``leading`` is the whitespace before the first segment, so plain text can rebuild the
    imported file exactly.
    """

    id: int
    title: str
    original_name: str
    leading: str


Record: TypeAlias = DocumentStart | SegmentRecord
