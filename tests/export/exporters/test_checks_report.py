"""verify_spans, the overlap rule and the report: every bad span is named, with its reason."""

from __future__ import annotations

import dataclasses
import re

import pytest

from export.exporters import EXPORTERS, ExportReport, Reason, SpanRecord, verify_spans
from export.exporters.checks import split_overlaps
from export.exporters.report import Problem

from .conftest import ORG, run, segment

TEXT = f"Reply of the {ORG}: 45.080 billion yuan, up 25.7%."
ORG_AT = TEXT.index(ORG)
MONEY_AT = TEXT.index("45.080")
PERCENT_AT = TEXT.index("25.7%")


def good_segment():
    return segment(
        TEXT,
        (ORG_AT, ORG_AT + len(ORG), "ORG"),
        (MONEY_AT, MONEY_AT + len("45.080 billion yuan"), "MONEY"),
        (PERCENT_AT, PERCENT_AT + 5, "PERCENT"),
    )


def test_good_spans_pass():
    assert verify_spans(good_segment()) == []


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (5, 5), (7, 3), (len(TEXT) - 2, len(TEXT) + 1)],
    ids=["negative", "empty", "reversed", "past-the-end"],
)
def test_offsets_outside_the_text_are_reported(start, end):
    bad = segment(TEXT, SpanRecord(start, end, "ORG", "x"))
    [found] = verify_spans(bad)
    assert found.reason == Reason.OUT_OF_RANGE
    assert (found.start, found.end, found.label, found.segment_id) == (start, end, "ORG", bad.id)


def test_a_stale_surface_is_reported_with_what_the_text_really_says():
    # The classic bug an export must catch: the text was edited, the span was not remapped.
    stale = segment(TEXT, SpanRecord(MONEY_AT, MONEY_AT + 19, "MONEY", "45.08 billion yuan,"))
    [found] = verify_spans(stale)
    assert found.reason == Reason.SURFACE_MISMATCH == "surface text does not match the segment text"
    assert "'45.080 billion yuan'" in found.detail
    assert found.surface == "45.08 billion yuan,"


def test_a_span_without_a_label_is_reported():
    [found] = verify_spans(segment(TEXT, (MONEY_AT, MONEY_AT + 6, "")))
    assert found.reason == Reason.NO_LABEL


def test_overlaps_keep_the_longest_then_the_earliest():
    spans = [(0, 4), (2, 10), (10, 12), (11, 13), (20, 22), (21, 23)]
    kept, rejected = split_overlaps(spans, lambda s: s)
    assert kept == [(2, 10), (10, 12), (20, 22)]  # touching (end == start) is not overlapping
    assert rejected == [((0, 4), (2, 10)), ((11, 13), (10, 12)), ((21, 23), (20, 22))]


def test_report_names_segment_document_offsets_label_surface_and_reason():
    report = ExportReport(exporter="x")
    report.add(
        Problem(
            7,
            "ningxia.txt",
            3,
            9,
            "ORG",
            "Ningxia\tHui",
            Reason.SURFACE_MISMATCH,
            "the segment text there is 'N'",
        )
    )
    report.add(Problem(8, "ningxia.txt", 0, 2, "GPE", "Ni", Reason.OVERLAP_ENTS, skipped=False))
    text = report.as_text()
    assert (
        "segment 7 of 'ningxia.txt', 3..9 ORG 'Ningxia\\tHui': surface text does not match" in text
    )
    assert "1 spans skipped" in text  # the ents-only problem still has its span in the output
    data = report.as_dict()
    assert data["spans_skipped"] == 1
    assert data["problems"][0] == {
        "segment_id": 7,
        "document": "ningxia.txt",
        "start": 3,
        "end": 9,
        "label": "ORG",
        "surface": "Ningxia\tHui",
        "reason": Reason.SURFACE_MISMATCH,
        "detail": "the segment text there is 'N'",
        "skipped": True,
    }
    assert data["reasons"] == {Reason.SURFACE_MISMATCH: 1, Reason.OVERLAP_ENTS: 1}


def test_report_caps_the_listed_problems_but_keeps_exact_counts():
    report = ExportReport(max_problems=2)
    for i in range(5):
        report.add(Problem(i, "d", 0, 1, "ORG", "x", Reason.NO_LABEL))
    assert len(report.problems) == 2 and report.problems_not_listed == 3
    assert report.spans_skipped == 5
    assert "and 3 more not listed" in report.as_text()


SPAN_EXPORTERS = [e for e in EXPORTERS if e.carries_spans]


@pytest.mark.parametrize("exporter", SPAN_EXPORTERS, ids=lambda e: e.id)
def test_every_span_is_written_or_reported(exporter):
    broken = segment(
        TEXT,
        (ORG_AT, ORG_AT + len(ORG), "ORG"),
        (PERCENT_AT, PERCENT_AT + 5, "PERCENT"),
        SpanRecord(MONEY_AT, MONEY_AT + 6, "MONEY", "45.081"),  # stale surface
        SpanRecord(len(TEXT) - 1, len(TEXT) + 4, "MONEY", "."),  # past the end
        id=42,
    )
    _, report = run(exporter(), [broken])
    assert report.spans_written == 2
    assert report.spans_skipped == 2
    assert [(p.segment_id, p.start, p.reason) for p in report.problems] == [
        (42, MONEY_AT, Reason.SURFACE_MISMATCH),
        (42, len(TEXT) - 1, Reason.OUT_OF_RANGE),
    ]
    assert report.exporter == exporter.id and report.segments == 1 and report.documents == 1


@pytest.mark.parametrize("exporter", SPAN_EXPORTERS, ids=lambda e: e.id)
def test_seed_export_accounts_for_every_span(exporter, seed_records):
    _, report = run(exporter(), seed_records)
    given = sum(len(r.spans) for r in seed_records if hasattr(r, "spans"))
    assert report.spans_written + report.spans_skipped == given
    assert report.segments == 237 and report.documents == 2


TOKENIZING = [e for e in EXPORTERS if e.id in {"prodigy-jsonl", "spacy-docbin", "conll-iob"}]


@pytest.mark.parametrize("exporter", TOKENIZING, ids=lambda e: e.id)
def test_every_misaligned_rule_span_in_the_seeds_is_listed(exporter, seed_records):
    # A sloppy rule ("\d percent" without a word boundary) marks "35.9 percent" inside
    # "35.9 percentage points": spaCy's token is "percentage", so those spans cannot align.
    sloppy = re.compile(r"\d+(?:\.\d+)? percent(?=age)")
    records, expected = [], set()
    for record in seed_records:
        if hasattr(record, "spans"):
            extra = tuple(
                SpanRecord(m.start(), m.end(), "PERCENT", m.group())
                for m in sloppy.finditer(record.text)
            )
            expected |= {(record.id, s.start, s.end) for s in extra}
            record = dataclasses.replace(record, spans=record.spans + extra)
        records.append(record)
    assert len(expected) >= 10
    _, report = run(exporter(), records)
    listed = [
        (p.segment_id, p.start, p.end) for p in report.problems if p.reason == Reason.MISALIGNED
    ]
    assert sorted(listed) == sorted(expected)  # each one, once
    assert all("'percentage'" in p.detail for p in report.problems if p.reason == Reason.MISALIGNED)
