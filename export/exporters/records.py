"""The plain records every exporter reads: no Django, no ORM rows, nothing lazy.

The caller (a service or task) turns database rows into these, in document order, so the writers
stay pure and can be tested, benchmarked and reused outside the web app. Offsets are Python code
points into ``SegmentRecord.text``, the unit spans use everywhere in Redline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from corpus.importers.base import SegmentRecord, SpanRecord

__all__ = ["DocumentStart", "Record", "SegmentRecord", "SpanRecord"]


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
    bilingual: bool = False  # its segments are translation units with a source


Record: TypeAlias = DocumentStart | SegmentRecord
