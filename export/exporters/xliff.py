"""XLIFF 1.2 and 2.0: the corrected target beside the source, with the imported ids, notes and codes.

One <file> per document, or per imported <file> when the document came from an XLIFF with
several (``unit_metadata["xliff_file"]``). Inline codes come back as the markup the importer
kept (``placeholders``). The state follows the segment status, except that a unit nobody
touched (status "mt", text still the MT) keeps the state its file gave it: an untouched
document exports as the file it was imported from, unit for unit.

Send a split unit re-joined (one record per unit id); each record becomes one unit (1.2) or
one segment (2.0, grouped into units by ``unit_metadata["xliff_unit"]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import ClassVar

from corpus.text.i18n import N_

from .base import Chunker, Exporter
from .records import Record, SegmentRecord
from .report import ExportReport
from .xmltext import Document, attr, content, documents

__all__ = ["STATES_1_2", "STATES_2_0", "Xliff12", "Xliff20"]

STATES_1_2: Mapping[str, str] = {
    "mt": "needs-review-translation",
    "edited": "translated",
    "approved": "final",
    "rejected": "needs-translation",
}
STATES_2_0: Mapping[str, str] = {
    "mt": "initial",
    "edited": "translated",
    "approved": "final",
    "rejected": "initial",
}

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def unit_state(segment: SegmentRecord, states: Mapping[str, str]) -> str | None:
    """The status mapped; for an untouched unit imported from XLIFF, the file's own state."""
    untouched = segment.status == "mt" and segment.text == segment.mt_text
    if untouched and "xliff_version" in segment.unit_metadata:
        return segment.unit_state
    return states.get(segment.status)


def _file_key(document: str, segment: SegmentRecord) -> tuple[int, str]:
    return segment.document_id, segment.unit_metadata.get("xliff_file") or document


class _XliffWriter(Exporter):
    extension = ".xlf"
    media_type = "application/xliff+xml"
    carries_spans = False
    writes_units = True
    states: ClassVar[Mapping[str, str]]

    def __init__(self, source_language: str = "zh", target_language: str = "en") -> None:
        # Used only for segments sent without a DocumentStart, which carries the languages.
        self.languages = (source_language, target_language)

    def write(self, records: Iterable[Record], report: ExportReport) -> Iterator[bytes]:
        report.exporter = self.id
        chunks = Chunker()
        document: Document | None = None
        open_file: tuple[int, str] | None = None
        for opened, segment in documents(records, report):
            document = opened or document
            assert document is not None
            if open_file is None:
                chunks.add(self.root(document).encode("utf-8"))
            key = _file_key(document.name, segment)
            if key != open_file:
                piece = (self.close_file() if open_file else "") + self.open_file(key[1], document)
                chunks.add(piece.encode("utf-8"))
                open_file = key
            if (chunk := chunks.add(self.unit(segment).encode("utf-8"))) is not None:
                yield chunk
        if open_file is None:
            chunks.add(self.root(None).encode("utf-8"))
        chunks.add(((self.close_file() if open_file else "") + "</xliff>\n").encode("utf-8"))
        yield chunks.take()

    def root(self, document: Document | None) -> str:
        raise NotImplementedError

    def open_file(self, name: str, document: Document) -> str:
        raise NotImplementedError

    def close_file(self) -> str:
        raise NotImplementedError

    def unit(self, segment: SegmentRecord) -> str:
        raise NotImplementedError


class Xliff12(_XliffWriter):
    id = "xliff-1.2"
    label = N_("XLIFF 1.2 (source and corrected target)")
    description = N_(
        "One trans-unit per segment with its original id, notes and inline codes; the state follows the review status."
    )
    states = STATES_1_2

    def root(self, document: Document | None) -> str:
        return (
            _DECLARATION + '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        )

    def open_file(self, name: str, document: Document) -> str:
        source, target = document.languages(self.languages)
        return (
            f'<file original="{attr(name)}" source-language="{attr(source)}" '
            f'target-language="{attr(target)}" datatype="plaintext">\n<body>\n'
        )

    def close_file(self) -> str:
        return "</body>\n</file>\n"

    def unit(self, segment: SegmentRecord) -> str:
        unit_id = segment.unit_id or str(segment.id)
        parts = [
            f'<trans-unit id="{attr(unit_id)}">',
            f"<source>{content(segment.source_text, segment.placeholders)}</source>",
        ]
        if segment.text:
            state = unit_state(segment, self.states)
            state_attr = f' state="{attr(state)}"' if state else ""
            parts.append(
                f"<target{state_attr}>{content(segment.text, segment.placeholders)}</target>"
            )
        parts.extend(f"<note>{content(note, {})}</note>" for note in segment.notes)
        parts.append("</trans-unit>\n")
        return "".join(parts)


class Xliff20(_XliffWriter):
    """XLIFF 2.0, for documents imported from 2.x: segments regrouped into their units."""

    id = "xliff-2.0"
    label = N_("XLIFF 2.0 (source and corrected target)")
    description = N_(
        "For documents imported from XLIFF 2: units and segments with their original ids, notes, original data and inline codes; the state follows the review status."
    )
    states = STATES_2_0

    def __init__(self, source_language: str = "zh", target_language: str = "en") -> None:
        super().__init__(source_language, target_language)
        self._unit: str | None = None

    def root(self, document: Document | None) -> str:
        source, target = document.languages(self.languages) if document else self.languages
        return (
            _DECLARATION + '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
            f'srcLang="{attr(source)}" trgLang="{attr(target)}">\n'
        )

    def open_file(self, name: str, document: Document) -> str:
        self._unit = None
        return f'<file id="{attr(name)}">\n'

    def close_file(self) -> str:
        closing = "</unit>\n" if self._unit is not None else ""
        self._unit = None
        return closing + "</file>\n"

    def unit(self, segment: SegmentRecord) -> str:
        meta = segment.unit_metadata
        unit_id = meta.get("xliff_unit") or segment.unit_id or str(segment.id)
        parts: list[str] = []
        if unit_id != self._unit:
            if self._unit is not None:
                parts.append("</unit>\n")
            parts.append(f'<unit id="{attr(unit_id)}">')
            if segment.notes:
                notes = "".join(f"<note>{content(note, {})}</note>" for note in segment.notes)
                parts.append(f"<notes>{notes}</notes>")
            parts.append(meta.get("xliff_original_data", ""))
            self._unit = unit_id
        segment_id = meta.get("xliff_segment", "")
        state = unit_state(segment, self.states)
        attributes = (f' id="{attr(segment_id)}"' if segment_id else "") + (
            f' state="{attr(state)}"' if state else ""
        )
        parts.append(
            f"<segment{attributes}><source>{content(segment.source_text, segment.placeholders)}"
            "</source>"
        )
        if segment.text:
            parts.append(f"<target>{content(segment.text, segment.placeholders)}</target>")
        parts.append("</segment>\n")
        return "".join(parts)
