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
    # Bilingual segments (one translation unit each; all empty for monolingual documents).
    # These mirror corpus.importers.ImportedUnit: the bilingual writers (XLIFF, TMX) need them
    # to rebuild the unit as it was imported, with ``text`` as the corrected target.
    source_text: str = ""
    unit_id: str = ""
    notes: tuple[str, ...] = ()
    placeholders: Mapping[str, str] = field(default_factory=dict)  # char -> inline-code markup
    unit_state: str | None = None  # the state the imported file gave the unit
    unit_metadata: Mapping[str, Any] = field(default_factory=dict)  # ImportedUnit.metadata


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
    source_language: str = "zh"  # BCP-47, as the document was imported
    target_language: str = "en"


Record: TypeAlias = DocumentStart | SegmentRecord
