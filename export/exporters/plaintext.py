"""Corrected plain text: a ZIP with one UTF-8 ``.txt`` per document.

Each file is ``leading`` + every segment's ``text + trailing``, the same reassembly the importer
guarantees, so a document nobody edited comes back as the imported text (byte for byte when it
was imported as UTF-8 without a BOM; other encodings come back as the same text in UTF-8).
Documents stream into the archive segment by segment; no document is held whole.

Send every segment of each document (no status filter), after its ``DocumentStart``; a filtered
export would produce documents with sentences missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from corpus.text.i18n import N_

from .base import Exporter
from .records import DocumentStart, Record, SegmentRecord
from .report import ExportReport
from .zipstream import ZipStream

__all__ = ["PlainTextZip", "entry_name"]

_UNSAFE = re.compile(r"[\x00-\x1f\x7f:*?\"<>|]")
_DRIVE = re.compile(r"^[A-Za-z]:")


def entry_name(original_name: str, document_id: int) -> str:
    """A safe relative path inside the ZIP that still reads as the uploaded file's name.

    Names come from uploads (including paths from zip imports), so ``..``, absolute paths, drive
    letters and characters Windows refuses are removed before they can escape the folder a user
    extracts into. ``.txt`` is appended unless present, keeping the original extension visible.
    """
    parts = [
        _UNSAFE.sub("_", part).strip(" .")
        for part in _DRIVE.sub("", original_name.replace("\\", "/")).split("/")
    ]
    parts = [part for part in parts if part]
    name = "/".join(parts) or f"document-{document_id}"
    return name if name.lower().endswith(".txt") else name + ".txt"


class _UniqueNames:
    # Case-insensitive because Windows and macOS extract "A.txt" and "a.txt" onto one file.
    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, name: str) -> str:
        stem, candidate, number = name[: -len(".txt")], name, 1
        while candidate.lower() in self._taken:
            number += 1
            candidate = f"{stem} ({number}).txt"
        self._taken.add(candidate.lower())
        return candidate


class PlainTextZip(Exporter):
    id = "plain-text"
    label = N_("Corrected plain text (ZIP, one .txt per document)")
    extension = ".zip"
    media_type = "application/zip"
    description = N_("The corrected documents with their original line breaks and spacing.")
    carries_spans = False

    def write(self, records: Iterable[Record], report: ExportReport) -> Iterator[bytes]:
        report.exporter = self.id
        archive = ZipStream()
        names = _UniqueNames()
        pending = _Pending(iter(records))
        while (start := pending.next_document()) is not None:
            report.documents += 1
            name = names.claim(entry_name(start.original_name, start.id))
            yield from archive.add_stream(name, self._document_bytes(start, pending, report))
        yield from archive.finish()

    @staticmethod
    def _document_bytes(
        start: DocumentStart, pending: _Pending, report: ExportReport
    ) -> Iterator[bytes]:
        yield start.leading.encode("utf-8")
        for segment in pending.segments_of(start):
            report.segments += 1
            yield (segment.text + segment.trailing).encode("utf-8")


class _Pending:
    """Records with one-record lookahead, so a document's segments end where the next starts."""

    def __init__(self, records: Iterator[Record]) -> None:
        self._records = records
        self._peeked: Record | None = None

    def _next(self) -> Record | None:
        if self._peeked is not None:
            record, self._peeked = self._peeked, None
            return record
        return next(self._records, None)

    def next_document(self) -> DocumentStart | None:
        record = self._next()
        if record is None or isinstance(record, DocumentStart):
            return record
        if isinstance(record, SegmentRecord):
            raise ValueError(
                f"plain-text export needs a DocumentStart before the segments of document "
                f"{record.document_id} ({record.document!r}): it carries the file name and leading whitespace"
            )
        raise TypeError(
            f"exporters take DocumentStart and SegmentRecord records, not {type(record).__name__}"
        )

    def segments_of(self, start: DocumentStart) -> Iterator[SegmentRecord]:
        while (record := self._next()) is not None:
            if not isinstance(record, SegmentRecord):
                self._peeked = record
                return
            if record.document_id != start.id:
                raise ValueError(
                    f"segment {record.id} of document {record.document_id} arrived inside document {start.id}: "
                    "send records grouped by document, each after its DocumentStart"
                )
            yield record
