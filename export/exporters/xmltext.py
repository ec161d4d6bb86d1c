"""XML text for the bilingual writers: escaping, inline codes restored, units grouped into files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from corpus.importers.placeholders import restore_markup

from .base import iter_segments
from .records import DocumentStart, Record, SegmentRecord
from .report import ExportReport

__all__ = ["Document", "attr", "content", "documents"]

# Characters XML 1.0 cannot carry at all, not even as references. Plain-text imports can hold
# them (a stray ESC in MT output); dropping them is the only way the file stays readable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTR = re.compile('[&<>"\t\n\r]')
_ATTR_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\t": "&#9;",
    "\n": "&#10;",
    "\r": "&#13;",
}


def content(text: str, placeholders: Mapping[str, str]) -> str:
    """Element content: text escaped, placeholders back to the markup they stand for."""
    return restore_markup(_NOT_XML.sub("", text), placeholders)


def attr(value: str) -> str:
    return _ATTR.sub(lambda m: _ATTR_ESCAPES[m.group()], _NOT_XML.sub("", value))


class Document:
    """The segments of one document as they stream by, with its languages and file name."""

    def __init__(self, start: DocumentStart | None, first: SegmentRecord) -> None:
        self.start = start
        self.first = first

    @property
    def name(self) -> str:
        return self.start.original_name if self.start else self.first.document

    def languages(self, default: tuple[str, str]) -> tuple[str, str]:
        if self.start is None:
            return default
        return self.start.source_language, self.start.target_language


def documents(
    records: Iterable[Record], report: ExportReport
) -> Iterator[tuple[Document | None, SegmentRecord]]:
    """Each segment, with its Document when it opens one (None otherwise)."""
    starts: dict[int, DocumentStart] = {}

    def remember(start: DocumentStart) -> None:
        starts[start.id] = start

    for segment, opens in iter_segments(records, report, remember):
        yield (Document(starts.get(segment.document_id), segment) if opens else None), segment
