"""TMX 1.4 translation memory of the chosen segments: source and corrected target, one <tu> each.

Only bilingual segments with a status in ``statuses`` (by default approved) are written; the
others are skipped and not counted. ``tuid`` is the imported unit id. Inline codes imported from
TMX come back as they were; codes from XLIFF are not TMX elements, so each is written as a TMX
<ph> holding its original markup as native code (readable, and restorable by a TMX tool).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from corpus.text.i18n import N_

from .base import Chunker, Exporter
from .records import Record, SegmentRecord
from .report import ExportReport
from .xmltext import attr, content, documents

__all__ = ["Tmx"]


def _tmx_codes(segment: SegmentRecord) -> Mapping[str, str]:
    if "xliff_version" not in segment.unit_metadata:
        return segment.placeholders
    return {
        char: f'<ph x="{ord(char) - 0xE000 + 1}">{content(markup, {})}</ph>'
        for char, markup in segment.placeholders.items()
    }


class Tmx(Exporter):
    id = "tmx"
    label = N_("TMX 1.4 translation memory")
    extension = ".tmx"
    media_type = "application/x-tmx+xml"
    description = N_(
        "Source and corrected target of the approved bilingual segments, one <tu> each."
    )
    carries_spans = False
    writes_units = True

    def __init__(
        self,
        statuses: Iterable[str] = ("approved",),
        source_language: str = "zh",
        target_language: str = "en",
    ) -> None:
        self.statuses = frozenset(statuses)
        self.languages = (source_language, target_language)

    def write(self, records: Iterable[Record], report: ExportReport) -> Iterator[bytes]:
        report.exporter = self.id
        chunks = Chunker()
        languages = self.languages
        written = False
        for document, segment in documents(records, report):
            if document is not None:
                languages = document.languages(self.languages)
            if not written:
                chunks.add(self._header(languages))
                written = True
            if segment.status not in self.statuses or not segment.source_text:
                report.segments -= 1  # counted by the walk; not written
                continue
            if (chunk := chunks.add(self._unit(segment, languages))) is not None:
                yield chunk
        if not written:
            chunks.add(self._header(languages))
        chunks.add(b"</body>\n</tmx>\n")
        yield chunks.take()

    @staticmethod
    def _header(languages: tuple[str, str]) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="Redline" creationtoolversion="1" segtype="sentence" '
            f'o-tmf="Redline" adminlang="en" srclang="{attr(languages[0])}" '
            'datatype="plaintext"/>\n<body>\n'
        ).encode()

    @staticmethod
    def _unit(segment: SegmentRecord, languages: tuple[str, str]) -> bytes:
        codes = _tmx_codes(segment)
        tuid = segment.unit_id or str(segment.id)
        notes = "".join(f"<note>{content(note, {})}</note>" for note in segment.notes)
        return (
            f'<tu tuid="{attr(tuid)}">{notes}'
            f'<tuv xml:lang="{attr(languages[0])}"><seg>{content(segment.source_text, codes)}</seg></tuv>'
            f'<tuv xml:lang="{attr(languages[1])}"><seg>{content(segment.text, codes)}</seg></tuv>'
            "</tu>\n"
        ).encode()
