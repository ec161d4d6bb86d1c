r"""MT → post-edit pairs for quality estimation and APE: the MT output beside the corrected text.

TSV escaping (one record per line, always exactly eight tab-separated fields; ``source`` is
empty for monolingual segments):
``\`` becomes ``\\``, TAB ``\t``, LF ``\n``, CR ``\r``; the other characters Python's
``str.splitlines`` breaks on (VT, FF, FS, GS, RS, NEL, LINE/PARAGRAPH SEPARATOR, all of which
occur in MT output) become ``\x0b``, ``\x0c``, ``\x1c``, ``\x1d``, ``\x1e``, ``\x85``, ``\u2028``,
``\u2029``. Backslash is escaped first, so :func:`unescape_tsv_field` inverts it exactly.
There is no quoting: read with ``csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)`` or
pandas ``read_csv(sep="\t", quoting=3, keep_default_na=False)``, then unescape the text fields.
"""

from __future__ import annotations

import re

from corpus.text.i18n import N_

from .base import LineExporter, json_line
from .records import SegmentRecord
from .report import ExportReport

__all__ = ["TSV_COLUMNS", "PairsJsonl", "PairsTsv", "escape_tsv_field", "unescape_tsv_field"]

# `source` last, so readers that take the first seven columns by position keep working.
TSV_COLUMNS = ("id", "document", "position", "status", "hter", "mt_text", "text", "source")

_ESCAPES = {
    "\\": "\\\\",
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\x0b": "\\x0b",
    "\x0c": "\\x0c",
    "\x1c": "\\x1c",
    "\x1d": "\\x1d",
    "\x1e": "\\x1e",
    "\x85": "\\x85",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_UNESCAPES = {escaped: char for char, escaped in _ESCAPES.items()}
_ESCAPED = re.compile(r"\\(?:\\|t|n|r|x0b|x0c|x1c|x1d|x1e|x85|u2028|u2029)")


def escape_tsv_field(value: str) -> str:
    # One regex pass: escaping backslash in the same pass as the rest is what makes it reversible.
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def unescape_tsv_field(value: str) -> str:
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group()], value)


class PairsJsonl(LineExporter):
    id = "pairs-jsonl"
    label = N_("MT / post-edit pairs (JSONL)")
    extension = ".jsonl"
    media_type = "application/x-ndjson"
    description = N_(
        "One object per segment: mt_text, the corrected text, HTER, where it came from and (bilingual) the source."
    )
    carries_spans = False
    carries_effort = True

    def line(self, segment: SegmentRecord, report: ExportReport) -> bytes:
        pair = {
            "id": segment.id,
            "document_id": segment.document_id,
            "document": segment.document,
            "position": segment.position,
            "status": segment.status,
            "hter": float(segment.hter),
            "mt_text": segment.mt_text,
            "text": segment.text,
            "edit_time_ms": segment.edit_time_ms,  # null: no editing time was measured
        }
        if segment.source_text:  # bilingual only: monolingual lines are unchanged
            pair["source"] = segment.source_text
        return json_line(pair)


class PairsTsv(LineExporter):
    id = "pairs-tsv"
    label = N_("MT / post-edit pairs (TSV)")
    extension = ".tsv"
    media_type = "text/tab-separated-values; charset=utf-8"
    description = N_(
        "Header row, then id, document, position, status, hter, mt_text, text, source; \\t \\n \\\\ escaped."
    )
    carries_spans = False

    def header(self) -> bytes:
        return ("\t".join(TSV_COLUMNS) + "\n").encode("utf-8")

    def line(self, segment: SegmentRecord, report: ExportReport) -> bytes:
        fields = (
            str(segment.id),
            escape_tsv_field(segment.document),
            str(segment.position),
            escape_tsv_field(segment.status),
            repr(float(segment.hter)),  # shortest text that reads back as the same float
            escape_tsv_field(segment.mt_text),
            escape_tsv_field(segment.text),
            escape_tsv_field(segment.source_text),
        )
        return ("\t".join(fields) + "\n").encode("utf-8")
