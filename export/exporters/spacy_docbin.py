"""spaCy training data: a ZIP of DocBin shards that ``spacy train`` reads as a folder.

Why shards: 100,000 Docs held at once take about 900 MB, so one DocBin for a whole corpus would
make memory grow with the corpus. Each shard holds ``shard_size`` docs and is serialized and
streamed out before the next one starts. Unzip and point ``--paths.train`` at the folder:
spaCy's Corpus reader walks it for ``*.spacy`` files in name order.

Per doc: non-overlapping spans in ``doc.ents`` (longest, then earliest, wins; the rest are
reported as kept out of ents), every aligned span in ``doc.spans["sc"]``, and the segment's
record in ``doc.user_data["redline"]``. Tokens outside ``doc.ents`` are marked O (not missing), so
a segment in the export counts as fully annotated: export reviewed segments for training.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .base import Exporter, iter_segments, plain_json
from .checks import problem, split_overlaps
from .records import Record, SegmentRecord
from .report import ExportReport, Reason
from .tokens import AlignedSpan, Tokenizing, aligned_spans
from .zipstream import ZipStream

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_SHARD_SIZE", "SPAN_KEY", "USER_DATA_KEY", "SpacyDocBinShards", "shard_name"]

DEFAULT_SHARD_SIZE = 5000
SPAN_KEY = "sc"  # spancat's default spans_key, so a spancat config needs no change
USER_DATA_KEY = "redline"


def shard_name(number: int) -> str:
    # Zero-padded so name order is shard order (spaCy and `ls` both sort by name).
    return f"shard-{number:04d}.spacy"


def segment_user_data(segment: SegmentRecord, written: list[AlignedSpan]) -> dict[str, Any]:
    """What a consumer needs to tie a Doc back to Redline, plus the span attributes spaCy has no
    slot for (glossary link, state, origin), keyed by character offsets."""
    data: dict[str, Any] = {
        "id": segment.id,
        "document_id": segment.document_id,
        "document": segment.document,
        "position": segment.position,
        "paragraph": segment.paragraph,
        "status": segment.status,
        "hter": float(segment.hter),
        "mt_text": segment.mt_text,
        "trailing": segment.trailing,
        "metadata": plain_json(segment.metadata),
        "spans": [
            {
                "start": a.record.start,
                "end": a.record.end,
                "label": a.record.label,
                "term_id": a.record.term_id,
                "term": a.record.term,
                "state": a.record.state,
                "origin": a.record.origin,
            }
            for a in written
        ],
    }
    if segment.source_text:  # bilingual segments only; monolingual user_data is unchanged
        data["source_text"] = segment.source_text
    return data


class SpacyDocBinShards(Tokenizing, Exporter):
    id = "spacy-docbin"
    label = "spaCy DocBin shards (.spacy files in a ZIP)"
    extension = ".zip"
    media_type = "application/zip"
    description = "Unzip and use the folder as --paths.train: doc.ents, doc.spans['sc'], segment data in user_data."

    def __init__(
        self, *, nlp: Language | None = None, shard_size: int = DEFAULT_SHARD_SIZE
    ) -> None:
        super().__init__(nlp=nlp)
        if shard_size < 1:
            raise ValueError("shard_size must be at least 1")
        self.shard_size = shard_size

    def make_doc(self, segment: SegmentRecord, report: ExportReport) -> Doc:
        doc = self.nlp.make_doc(segment.text)
        spans = aligned_spans(doc, segment, report)
        ents, overlapping = split_overlaps(spans, lambda a: a.bounds)
        for dropped, kept in overlapping:
            detail = f"overlaps {kept.record.label} {kept.record.start}..{kept.record.end} {kept.record.text!r}"
            report.add(problem(segment, dropped.record, Reason.OVERLAP_ENTS, detail, skipped=False))
        doc.ents = [a.span for a in ents]
        doc.spans[SPAN_KEY] = [a.span for a in spans]
        doc.user_data[USER_DATA_KEY] = segment_user_data(segment, spans)
        report.spans_written += len(spans)
        return doc

    def write(self, records: Iterable[Record], report: ExportReport) -> Iterator[bytes]:
        from spacy.tokens import DocBin

        report.exporter = self.id
        archive = ZipStream()
        shard = DocBin(store_user_data=True)
        number = 0
        for segment, _opens_document in iter_segments(records, report):
            shard.add(self.make_doc(segment, report))
            if len(shard) >= self.shard_size:
                # DocBin bytes are zlib-compressed already; deflating again only costs time.
                yield from archive.add_bytes(
                    shard_name(number), shard.to_bytes(), zipfile.ZIP_STORED
                )
                shard = DocBin(store_user_data=True)
                number += 1
        if len(shard) or number == 0:
            # An empty export still yields one (empty) shard, so the archive always has its shape.
            yield from archive.add_bytes(shard_name(number), shard.to_bytes(), zipfile.ZIP_STORED)
        yield from archive.finish()
