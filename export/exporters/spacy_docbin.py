"""spaCy training data: a ZIP of DocBin shards that ``spacy train`` reads as a folder.

Why shards: 100,000 Docs held at once take about 900 MB, so one DocBin for a whole corpus would
make memory grow with the corpus. Each shard holds ``shard_size`` docs and is serialized and
streamed out before the next one starts. Unzip and point ``--paths.train`` at the folder:
spaCy's Corpus reader walks it for ``*.spacy`` files in name order.

Per doc: non-overlapping spans in ``doc.ents`` (longest, then earliest, wins; the rest are
reported as kept out of ents), every aligned span in ``doc.spans["sc"]``, and the segment's
record in ``doc.user_data["redline"]``. Tokens outside ``doc.ents`` are marked O (not missing), so
a segment in the export counts as fully annotated: export reviewed segments for training.

Why the Docs are not added the plain way: ``DocBin.add`` packs ``doc.spans`` (twice: each group,
then the groups) and ``doc.user_data`` with ``srsly.msgpack_dumps``, which builds a new msgpack
Packer per call, and each Packer asks catalogue for every registered encoder, scanning all
installed packages' entry points: about 1.2 ms a call, 3.5 ms a Doc, against 0.3 ms for the rest
of the Doc. So the Doc goes in without spans or user_data and :class:`PackedShard` packs those two
parts with one Packer built per export. The shard is byte for byte what DocBin.add writes (a test
compares them), so every spaCy reader sees the same Docs.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from corpus.text.i18n import N_

from .base import Exporter, iter_segments, plain_json
from .checks import problem, split_overlaps
from .records import Record, SegmentRecord
from .report import ExportReport, Reason
from .tokens import AlignedSpan, Tokenizing, aligned_spans
from .zipstream import ZipStream

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = [
    "DEFAULT_SHARD_SIZE",
    "SPAN_KEY",
    "USER_DATA_KEY",
    "PackedShard",
    "SpacyDocBinShards",
    "shard_name",
    "span_groups_bytes",
]

DEFAULT_SHARD_SIZE = 5000
SPAN_KEY = "sc"  # spancat's default spans_key, so a spancat config needs no change
USER_DATA_KEY = "redline"


def shard_name(number: int) -> str:
    # Zero-padded so name order is shard order (spaCy and `ls` both sort by name).
    return f"shard-{number:04d}.spacy"


def segment_user_data(segment: SegmentRecord, written: Sequence[AlignedSpan]) -> dict[str, Any]:
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


Packer = Callable[[Any], bytes]

# SpanGroup.to_bytes packs each span as these seven numbers, big-endian (spacy/tokens/span_group.pyx).
_SPAN_STRUCT = struct.Struct(">QQQllll")


def msgpack_packer() -> Packer:
    """``srsly.msgpack_dumps`` as one reusable Packer: same encoders, same options, same bytes."""
    from srsly import msgpack

    return msgpack.Packer(use_bin_type=True).pack


def span_groups_bytes(pack: Packer, key: str, spans: Sequence[Span]) -> bytes:
    """What ``doc.spans.to_bytes()`` returns when ``doc.spans`` holds ``spans`` under ``key``."""
    group = {
        "name": key,
        "attrs": {},
        "spans": [
            _SPAN_STRUCT.pack(s.id, s.kb_id, s.label, s.start, s.end, s.start_char, s.end_char)
            for s in spans
        ],
    }
    # SpanGroups maps each group's bytes to the keys it is stored under.
    return pack({pack(group): [key]})


class PackedShard:
    """One DocBin shard whose span groups and user_data are packed by a shared Packer."""

    def __init__(self, pack: Packer) -> None:
        from spacy.tokens import DocBin

        # store_user_data stays off while adding, or DocBin.add would pack user_data itself.
        self._bin = DocBin()
        self._pack = pack

    def __len__(self) -> int:
        return len(self._bin)

    def add(self, doc: Doc, spans: Sequence[Span], user_data: dict[Any, Any]) -> None:
        """``doc`` (with empty ``doc.spans``) stored with ``spans`` under SPAN_KEY and ``user_data``."""
        self._bin.add(doc)
        # Written even when empty: a consumer can read doc.spans[SPAN_KEY] on every Doc.
        self._bin.span_groups[-1] = span_groups_bytes(self._pack, SPAN_KEY, spans)
        # DocBin.add adds the labels of doc.spans to the shard's strings; these were not there.
        self._bin.strings.update(s.label_ for s in spans)
        self._bin.user_data.append(self._pack(user_data))

    def to_bytes(self) -> bytes:
        self._bin.store_user_data = True
        return self._bin.to_bytes()


class SpacyDocBinShards(Tokenizing, Exporter):
    id = "spacy-docbin"
    label = N_("spaCy DocBin shards (.spacy files in a ZIP)")
    extension = ".zip"
    media_type = "application/zip"
    description = N_(
        "Unzip and use the folder as --paths.train: doc.ents, doc.spans['sc'], segment data in user_data."
    )

    def __init__(
        self, *, nlp: Language | None = None, shard_size: int = DEFAULT_SHARD_SIZE
    ) -> None:
        super().__init__(nlp=nlp)
        if shard_size < 1:
            raise ValueError("shard_size must be at least 1")
        self.shard_size = shard_size

    def add_segment(self, shard: PackedShard, segment: SegmentRecord, report: ExportReport) -> None:
        doc = self.nlp.make_doc(segment.text)
        spans = aligned_spans(doc, segment, report)
        ents, overlapping = split_overlaps(spans, lambda a: a.bounds)
        for dropped, kept in overlapping:
            detail = f"overlaps {kept.record.label} {kept.record.start}..{kept.record.end} {kept.record.text!r}"
            report.add(problem(segment, dropped.record, Reason.OVERLAP_ENTS, detail, skipped=False))
        doc.ents = [a.span for a in ents]
        shard.add(doc, [a.span for a in spans], {USER_DATA_KEY: segment_user_data(segment, spans)})
        report.spans_written += len(spans)

    def write(self, records: Iterable[Record], report: ExportReport) -> Iterator[bytes]:
        report.exporter = self.id
        archive = ZipStream()
        pack = msgpack_packer()
        shard = PackedShard(pack)
        number = 0
        for segment, _opens_document in iter_segments(records, report):
            self.add_segment(shard, segment, report)
            if len(shard) >= self.shard_size:
                # DocBin bytes are zlib-compressed already; deflating again only costs time.
                yield from archive.add_bytes(
                    shard_name(number), shard.to_bytes(), zipfile.ZIP_STORED
                )
                shard = PackedShard(pack)
                number += 1
        if len(shard) or number == 0:
            # An empty export still yields one (empty) shard, so the archive always has its shape.
            yield from archive.add_bytes(shard_name(number), shard.to_bytes(), zipfile.ZIP_STORED)
        yield from archive.finish()
