"""The exporter base class and the plumbing every writer shares: walking records, chunking, JSON.

Writers are generators of bytes so a Django ``StreamingHttpResponse`` or a task writing to a file
can consume them without the whole export in memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar

import orjson

from .checks import checked_spans
from .records import DocumentStart, Record, SegmentRecord, SpanRecord
from .report import ExportReport

__all__ = [
    "CHUNK_SIZE",
    "Chunker",
    "Exporter",
    "LineExporter",
    "iter_segments",
    "json_line",
    "plain_json",
]

CHUNK_SIZE = 64 * 1024
"""Big enough that per-chunk overhead (a socket write, a WSGI iteration) is negligible, small
enough that the first bytes leave quickly and memory stays flat."""


class Exporter:
    """One export format. Registry entries are these classes; options go to ``__init__``.

    ``id`` is stored in forms and task arguments, so it never changes once released; ``label``
    is for people and may change.
    """

    id: ClassVar[str]
    label: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]
    description: ClassVar[str] = ""
    kind: ClassVar[str] = "segments"
    """What records ``write`` takes. The glossary exporters (TBX/CSV) take term records and say so
    here, so one registry can serve both export screens."""
    carries_spans: ClassVar[bool] = True
    """False for text-only formats: they neither write nor report spans."""
    writes_units: ClassVar[bool] = False
    """True for bilingual writers (XLIFF, TMX): the caller sends each split unit re-joined."""
    carries_notes: ClassVar[bool] = False
    """True when the format writes comments and reject reasons (the caller reads them only then)."""
    carries_effort: ClassVar[bool] = False
    """True when the format writes ``edit_time_ms`` (the caller sums the revisions' only then)."""

    def write(self, records: Iterable[Record], report: ExportReport) -> Iterator[bytes]:
        raise NotImplementedError

    @staticmethod
    def spans_to_write(segment: SegmentRecord, report: ExportReport) -> list[SpanRecord]:
        """The segment's spans that pass the checks (the rest are reported), counted as written:
        the prelude of every format that writes spans by character offsets."""
        if not segment.spans:
            return []  # most segments: nothing to check or count
        spans = checked_spans(segment, report)
        report.spans_written += len(spans)
        return spans

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


class LineExporter(Exporter):
    """A format with one line per segment (JSONL, TSV): subclasses build the line."""

    def header(self) -> bytes:
        return b""

    def line(self, segment: SegmentRecord, report: ExportReport) -> bytes:
        raise NotImplementedError

    def start_document(self, document: DocumentStart) -> None:
        """Called at each document's start, before its segments' lines (for its fields)."""

    def write(self, records: Iterable[Record], report: ExportReport) -> Iterator[bytes]:
        report.exporter = self.id
        chunks = Chunker()
        chunks.add(self.header())
        for segment, _opens_document in iter_segments(records, report, self.start_document):
            if (chunk := chunks.add(self.line(segment, report))) is not None:
                yield chunk
        if tail := chunks.take():
            yield tail


def iter_segments(
    records: Iterable[Record],
    report: ExportReport,
    on_document: Callable[[DocumentStart], object] | None = None,
) -> Iterator[tuple[SegmentRecord, bool]]:
    """Each segment with whether it opens a new document; counts documents and segments.

    A document starts at a ``DocumentStart`` or, for callers that send none, wherever
    ``document_id`` changes, so segment-only record streams still get document boundaries.
    ``on_document`` is given each ``DocumentStart`` (for writers that need its fields), rather
    than each writer wrapping the stream in a generator of its own: a layer per record.
    """
    current: int | None = None
    announced = False
    for record in records:
        if isinstance(record, DocumentStart):
            report.documents += 1
            current, announced = record.id, True
            if on_document is not None:
                on_document(record)
        elif isinstance(record, SegmentRecord):
            opens = announced or record.document_id != current
            if record.document_id != current:
                report.documents += 1
                current = record.document_id
            announced = False
            report.segments += 1
            yield record, opens
        else:
            raise TypeError(
                f"exporters take DocumentStart and SegmentRecord records, not {type(record).__name__}"
            )


class Chunker:
    """Collects small pieces (lines, zip output) and hands them out in chunks of about CHUNK_SIZE."""

    def __init__(self, size: int = CHUNK_SIZE) -> None:
        self._size = size
        self._parts: list[bytes] = []
        self._length = 0

    def add(self, piece: bytes) -> bytes | None:
        """Take ``piece``; return a chunk once enough has gathered, else None."""
        if piece:
            self._parts.append(piece)
            self._length += len(piece)
        return self.take() if self._length >= self._size else None

    def take(self) -> bytes:
        chunk = b"".join(self._parts)
        self._parts.clear()
        self._length = 0
        return chunk


def _json_default(value: Any) -> Any:
    # Metadata comes from callers (JSONField contents, model values); orjson already handles
    # str/int/float/bool/None/list/tuple/dict/datetime/date/UUID. Everything else must still
    # export rather than abort a long stream halfway, so it is written in a readable form.
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    return str(value)  # Decimal, Path, lazy translation strings...


_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS
_LINE_OPTIONS = _JSON_OPTIONS | orjson.OPT_APPEND_NEWLINE


# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are legal raw inside JSON strings, and orjson
# leaves them raw, but str.splitlines() and some JSONL readers break lines on them. Their UTF-8
# forms can only occur inside strings (JSON structure is ASCII), so escaping them is safe.
_LINE_BREAKERS = {
    b"\xc2\x85": b"\\u0085",
    b"\xe2\x80\xa8": b"\\u2028",
    b"\xe2\x80\xa9": b"\\u2029",
}
# One search for all three: a plain `b"\xe2\x80" in line` test matched every curly quote and
# dash (also E2 80 ..), sending most lines of real text through three replaces.
_LINE_BREAKER = re.compile(b"|".join(re.escape(raw) for raw in _LINE_BREAKERS))


def json_line(value: Any) -> bytes:
    """One JSONL line. orjson writes UTF-8 without escaping non-ASCII, so offsets a Python
    consumer computes on the decoded text are the same code points as ours."""
    line = orjson.dumps(value, default=_json_default, option=_LINE_OPTIONS)
    if _may_break_lines(line):
        line = _LINE_BREAKER.sub(lambda found: _LINE_BREAKERS[found.group()], line)
    return line


def _may_break_lines(line: bytes) -> bool:
    """Whether the line holds one of the three. bytes.find of one byte is a memchr; of two or
    three bytes it is several times slower (the three tests took 80% of json_line's time, more
    than orjson), and the regex tries every byte. So the lead bytes first: most lines of English
    have neither, and Chinese has neither (its lead bytes are E3-E9)."""
    if line.find(b"\xe2") >= 0 and (
        line.find(b"\xe2\x80\xa8") >= 0 or line.find(b"\xe2\x80\xa9") >= 0
    ):
        return True
    return line.find(b"\xc2") >= 0 and line.find(b"\xc2\x85") >= 0


def plain_json(value: Mapping[str, Any]) -> dict[str, Any]:
    """``value`` reduced to JSON types, for places (spaCy user_data) that cannot take datetimes."""
    return orjson.loads(orjson.dumps(dict(value), default=_json_default, option=_JSON_OPTIONS))
