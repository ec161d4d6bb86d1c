"""Streaming: chunks leave before the records run out, and memory does not follow the record count."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator

import pytest

from export.exporters import (
    EXPORTERS,
    DocumentStart,
    ExportReport,
    Record,
    SegmentRecord,
    SpanRecord,
)
from export.exporters.jsonl import RedlineJsonl
from export.exporters.spacy_docbin import SpacyDocBinShards

TOTAL = 20_000
PER_DOCUMENT = 500
TEXT = "In the first half of 2023, the operating income of Ningxia was {n} billion yuan, up 25.7%."


class CountingRecords:
    """A generator of records that counts how many have been pulled so far."""

    def __init__(self, total: int = TOTAL) -> None:
        self.total = total
        self.pulled = 0

    def __iter__(self) -> Iterator[Record]:
        for n in range(self.total):
            if n % PER_DOCUMENT == 0:
                yield DocumentStart(
                    n // PER_DOCUMENT, f"Reply {n}", f"reply-{n // PER_DOCUMENT}.txt", ""
                )
            text = TEXT.format(n=n)
            money = text.index(f"{n} billion")
            percent = text.index("25.7%")
            spans = (
                SpanRecord(money, money + len(f"{n} billion yuan"), "MONEY", f"{n} billion yuan"),
                SpanRecord(percent, percent + 5, "PERCENT", "25.7%"),
            )
            self.pulled += 1
            yield SegmentRecord(
                id=n,
                document_id=n // PER_DOCUMENT,
                document=f"reply-{n // PER_DOCUMENT}.txt",
                position=n,
                paragraph=0,
                text=text,
                mt_text=text,
                trailing="\n",
                status="approved",
                hter=0.0,
                spans=spans,
                # A source too, so the bilingual writers (TMX) have something to write.
                source_text=f"2023年上半年，宁夏营业收入{n}亿元，增长25.7%。",
                unit_id=str(n),
            )


def make(exporter):
    # Small shards so the first one leaves early; spaCy's DocBin.add costs about 2 ms a doc here
    # (srsly re-reads its msgpack encoder registry on every call), so shards bound latency too.
    return exporter(shard_size=500) if exporter is SpacyDocBinShards else exporter()


@pytest.mark.parametrize("exporter", EXPORTERS, ids=lambda e: e.id)
def test_the_first_chunk_leaves_before_the_records_run_out(exporter):
    records = CountingRecords()
    stream = make(exporter).write(records, ExportReport())
    assert next(stream)
    assert records.pulled < TOTAL, f"{exporter.id} read every record before its first chunk"
    stream.close()


@pytest.mark.parametrize("exporter", EXPORTERS, ids=lambda e: e.id)
def test_a_long_stream_arrives_in_many_chunks_and_counts_everything(exporter):
    total = 2_000 if exporter is SpacyDocBinShards else TOTAL
    records = CountingRecords(total)
    report = ExportReport()
    sizes = [len(chunk) for chunk in make(exporter).write(records, report)]
    assert all(sizes) and len(sizes) > 2, sizes
    assert (
        records.pulled == total
        and report.segments == total
        and report.documents == total // PER_DOCUMENT
    )
    if exporter.carries_spans:
        assert report.spans_written == 2 * total and not report.problems


def test_memory_stays_flat_while_writing_jsonl():
    def peak_for(total: int) -> int:
        tracemalloc.start()
        try:
            for _chunk in RedlineJsonl().write(CountingRecords(total), ExportReport()):
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak_for(2_000), peak_for(TOTAL)
    # Ten times the records, about the same peak (one chunk plus one record in flight).
    assert large < small * 1.5 + 64 * 1024, (small, large)
    assert large < 2 * 1024 * 1024
