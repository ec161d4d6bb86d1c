"""Redline JSONL (the ``redline-jsonl`` export) read back: documents with their segments and spans.

One line per segment, as schemas/redline-segment.schema.json describes. Lines are grouped by
``document_id`` in the order documents first appear, segments sorted by ``position``. Each
document becomes one ImportedText whose ``text`` is the MT document rebuilt from the segments
(``mt_text`` + ``trailing``), the closest thing to the file it was first imported from, and whose
``segments`` carry the corrected text, status and spans.

Like a zip, the file is refused as a whole at the first problem, with its line number: a span
whose surface is not ``text[start:end]`` (invariant 1) is refused here, never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from corpus.importers.base import (
    DEFAULT_OPTIONS,
    CommentRecord,
    ImportedText,
    Importer,
    ImportLimits,
    ImportOptions,
    ImportRefused,
    ReasonRecord,
    SegmentRecord,
    SpanRecord,
    sha256_hex,
    too_large_reason,
)
from corpus.importers.tabular import looks_bilingual_jsonl
from corpus.text.i18n import N_

__all__ = ["RedlineJsonlImporter"]


class _BadLine(ValueError):
    pass


def _field(
    obj: Mapping[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    *,
    default: Any = ...,
    where: str = "",
) -> Any:
    if key not in obj:
        if default is ...:
            raise _BadLine(N_("%(where)s“%(key)s” is missing", where=where, key=key))
        return default
    value = obj[key]
    # bool is an int to Python, but true is never an offset or a position.
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _BadLine(
            N_(
                "%(where)s“%(key)s” has the wrong type (%(type_name)s)",
                where=where,
                key=key,
                type_name=type(value).__name__,
            )
        )
    return value


def _span(raw: Any, text: str, number: int) -> SpanRecord:
    where = f"span {number}: "
    if not isinstance(raw, dict):
        raise _BadLine(N_("%(where)snot an object", where=where))
    start, end = _field(raw, "start", int, where=where), _field(raw, "end", int, where=where)
    surface, label = _field(raw, "text", str, where=where), _field(raw, "label", str, where=where)
    if not 0 <= start < end <= len(text):
        raise _BadLine(
            N_(
                "%(where)soffsets %(start)s..%(end)s fall outside the text (%(n_text)s characters)",
                where=where,
                start=start,
                end=end,
                n_text=len(text),
            )
        )
    if text[start:end] != surface:
        raise _BadLine(
            N_(
                "%(where)ssays %(surface)s but the text at %(start)s..%(end)s is %(text)s",
                where=where,
                surface=repr(surface),
                start=start,
                end=end,
                text=repr(text[start:end]),
            )
        )
    if not label:
        raise _BadLine(N_("%(where)shas no label", where=where))
    return SpanRecord(
        start,
        end,
        label,
        surface,
        term_id=_field(raw, "term_id", (int, type(None)), default=None, where=where),
        term=_field(raw, "term", (str, type(None)), default=None, where=where),
        state=_field(raw, "state", str, default="accepted", where=where),
        origin=_field(raw, "origin", str, default="human", where=where),
    )


OPTIONAL_TEXT = (str, type(None))
MAX_STORED_MS = 2**31 - 1  # what a revision's edit_time_ms column holds on every database


def _comment(raw: Any, number: int) -> CommentRecord:
    where = f"comment {number}: "
    if not isinstance(raw, dict):
        raise _BadLine(N_("%(where)snot an object", where=where))
    text = _field(raw, "text", str, where=where)
    if not text.strip():
        raise _BadLine(N_("%(where)s“text” is empty", where=where))
    return CommentRecord(
        author=_field(raw, "author", str, default="", where=where),
        text=text,
        created_at=_field(raw, "created_at", str, where=where),
        resolved_by=_field(raw, "resolved_by", OPTIONAL_TEXT, default=None, where=where),
        resolved_at=_field(raw, "resolved_at", OPTIONAL_TEXT, default=None, where=where),
    )


def _reason(raw: Any, number: int) -> ReasonRecord:
    where = f"reject reason {number}: "
    if not isinstance(raw, dict):
        raise _BadLine(N_("%(where)snot an object", where=where))
    return ReasonRecord(
        category=_field(raw, "category", str, where=where),
        severity=_field(raw, "severity", str, where=where),
        text=_field(raw, "text", str, default="", where=where),
        author=_field(raw, "author", str, default="", where=where),
        created_at=_field(raw, "created_at", str, default="", where=where),
    )


def _segment(line: str) -> tuple[SegmentRecord, tuple[str, str] | None]:
    try:
        raw = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        raise _BadLine(N_("not valid JSON (%(error)s)", error=error)) from None
    if not isinstance(raw, dict):
        raise _BadLine(N_("not a JSON object"))
    text = _field(raw, "text", str)
    if not text.strip():
        raise _BadLine(N_("“text” is empty"))
    spans = _field(raw, "spans", list, default=[])
    segment = SegmentRecord(
        position=_field(raw, "position", int),
        paragraph=_field(raw, "paragraph", int),
        text=text,
        mt_text=_field(raw, "mt_text", str),
        trailing=_field(raw, "trailing", str),
        status=_field(raw, "status", str),
        hter=float(_field(raw, "hter", (int, float), default=0.0)),
        spans=tuple(_span(span, text, number) for number, span in enumerate(spans, 1)),
        id=_field(raw, "id", (int, type(None)), default=None),
        document_id=_field(raw, "document_id", int),
        document=_field(raw, "document", str),
        metadata=_field(raw, "metadata", dict, default={}),
        source_text=_field(raw, "source_text", str, default=""),
        comments=tuple(
            _comment(c, n) for n, c in enumerate(_field(raw, "comments", list, default=[]), 1)
        ),
        reject_reasons=tuple(
            _reason(r, n) for n, r in enumerate(_field(raw, "reject_reasons", list, default=[]), 1)
        ),
        unit_id=_field(raw, "unit_id", str, default=""),
        edit_time_ms=_field(raw, "edit_time_ms", (int, type(None)), default=None),
        **_unit(_field(raw, "unit", dict, default={})),
    )
    if segment.paragraph < 0:
        raise _BadLine(N_("“paragraph” is negative"))
    if segment.edit_time_ms is not None and not 0 <= segment.edit_time_ms <= MAX_STORED_MS:
        raise _BadLine(
            N_("“edit_time_ms” is not a time in ms from 0 to %(most)s", most=MAX_STORED_MS)
        )
    return segment, _languages(raw)


def _unit(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A bilingual segment's imported unit (notes, state, metadata, inline codes)."""
    where = "unit: "
    notes = _field(raw, "notes", list, default=[], where=where)
    placeholders = _field(raw, "placeholders", dict, default={}, where=where)
    if not all(isinstance(note, str) for note in notes):
        raise _BadLine(N_("%(where)s“notes” must be strings", where=where))
    if not all(isinstance(v, str) and len(k) == 1 for k, v in placeholders.items()):
        raise _BadLine(
            N_("%(where)s“placeholders” must map one character to its markup", where=where)
        )
    return {
        "notes": tuple(notes),
        "unit_state": _field(raw, "state", (str, type(None)), default=None, where=where),
        "unit_metadata": _field(raw, "metadata", dict, default={}, where=where),
        "placeholders": placeholders,
    }


def _languages(raw: Mapping[str, Any]) -> tuple[str, str] | None:
    """The document's language pair, which lines of bilingual documents carry."""
    if "source_language" not in raw and "target_language" not in raw:
        return None
    return _field(raw, "source_language", str), _field(raw, "target_language", str)


def parse_lines(name: str, data: bytes) -> list[ImportedText]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            name,
            N_(
                "Redline JSONL must be UTF-8 (byte %(error_start)s is not)", error_start=error.start
            ),
        ) from None
    documents: dict[int, tuple[str, dict[int, SegmentRecord]]] = {}
    languages: dict[int, tuple[str, str] | None] = {}
    # JSONL lines end at LF only: the exporter escapes U+2028 and friends, but other writers may not.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            segment, pair = _segment(line)
        except _BadLine as problem:
            raise ImportRefused(
                name, N_("line %(number)s: %(problem)s", number=number, problem=problem)
            ) from None
        document_id = segment.document_id
        _title, segments = documents.setdefault(document_id, (segment.document, {}))
        if languages.setdefault(document_id, pair) != pair:
            raise ImportRefused(
                name,
                N_(
                    "line %(number)s: document %(document_id)s is %(pair)s here but %(pair2)s on its earlier lines",
                    number=number,
                    document_id=document_id,
                    pair=_pair(pair),
                    pair2=_pair(languages[document_id]),
                ),
            )
        if segment.position in segments:
            raise ImportRefused(
                name,
                N_(
                    "line %(number)s: document %(document_id)s has two segments at position %(segment_position)s",
                    number=number,
                    document_id=document_id,
                    segment_position=segment.position,
                ),
            )
        segments[segment.position] = segment
    if not documents:
        raise ImportRefused(name, N_("the file holds no segments"))
    return [
        _document(title, segments, languages[document_id])
        for document_id, (title, segments) in documents.items()
    ]


def _pair(pair: tuple[str, str] | None) -> str:
    return "→".join(pair) if pair else "without a language pair"


def _document(
    name: str, by_position: dict[int, SegmentRecord], pair: tuple[str, str] | None
) -> ImportedText:
    segments = tuple(by_position[position] for position in sorted(by_position))
    text = "".join(s.mt_text + s.trailing for s in segments)
    raw = text.encode("utf-8")
    source_language, target_language = pair or ("zh", "en")
    return ImportedText(
        name=name,
        text=text,
        encoding="utf-8",
        sha256=sha256_hex(raw),
        size=len(raw),
        segments=segments,
        source_language=source_language,
        target_language=target_language,
    )


class RedlineJsonlImporter(Importer):
    id = "redline-jsonl"
    label = N_("Redline JSONL (segments with spans, from a Redline export)")
    extensions = (".jsonl",)
    carries_segments = True

    @classmethod
    def claims(cls, data: bytes) -> bool:
        # Bilingual JSONL shares the extension; whatever is not that is read (and refused) here.
        return not looks_bilingual_jsonl(data)

    @classmethod
    def parse(
        cls, name: str, data: bytes, limits: ImportLimits, options: ImportOptions = DEFAULT_OPTIONS
    ) -> list[ImportedText]:
        if len(data) > limits.max_file_bytes:
            raise ImportRefused(name, too_large_reason(len(data), limits.max_file_bytes))
        if not data.strip():
            raise ImportRefused(name, N_("the file is empty"))
        return parse_lines(name, data)
