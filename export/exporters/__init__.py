"""Pure exporters: plain records in, a stream of bytes out (no Django import).

The caller builds ``DocumentStart`` / ``SegmentRecord`` records in document order, picks a class
from ``EXPORTERS`` (``get_exporter(id)``), and streams ``exporter().write(records, report)``.
The ``ExportReport`` is complete once the stream is exhausted: it counts what was written and
names every span that could not be written exactly, with the reason.
"""

from .base import Exporter
from .checks import verify_spans
from .records import DocumentStart, Record, SegmentRecord, SpanRecord
from .registry import EXPORTERS, exporters_of_kind, get_exporter
from .report import ExportReport, Problem, Reason

__all__ = [
    "EXPORTERS",
    "DocumentStart",
    "ExportReport",
    "Exporter",
    "Problem",
    "Reason",
    "Record",
    "SegmentRecord",
    "SpanRecord",
    "exporters_of_kind",
    "get_exporter",
    "verify_spans",
]
