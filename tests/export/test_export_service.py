"""Rows to records: order, keyset batches, filters, span states, and the report carried in the ZIP."""

import io
import json
import zipfile
from datetime import timedelta

import orjson
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotate.models import Label, Span
from annotate.services.counters import recount
from annotate.services.edits import edit_segment
from annotate.services.spans import add_span
from corpus.models import Corpus, Segment
from export.exporters import DocumentStart, ExportReport, Reason, SegmentRecord
from export.exporters.jsonl import RedlineJsonl
from export.services.run import ExportRun
from export.services.selection import LeftOut, Selection, iter_records, summary
from glossary.models import GlossaryTerm

pytestmark = pytest.mark.django_db
ORG = "Department of Industry and Information Technology of Ningxia Hui Autonomous Region"


@pytest.fixture
def labels(corpus):
    return {
        key: Label.objects.create(corpus=corpus, key=key, name=key.title())
        for key in ("ORG", "GPE", "MONEY", "DATE")
    }


def mark(segment, phrase, label, **kwargs):
    start = segment.text.index(phrase)
    return add_span(segment, start, start + len(phrase), label, None, **kwargs)


@pytest.fixture
def two_documents(text_document, labels):
    first = text_document(
        f"The {ORG} met. Ningxia earned 45.080 billion yuan.\n\nIn 2023 output rose.\n",
        name="first.txt",
    )
    second = text_document("Jining reported growth. Jining grew again.", name="second.txt")
    one, two, _three = first.segments.order_by("position")
    mark(one, ORG, labels["ORG"])
    mark(two, "45.080 billion yuan", labels["MONEY"])
    mark(two, "Ningxia", labels["GPE"])
    for segment in second.segments.all():
        mark(segment, "Jining", labels["GPE"])
    return first, second


def segments_of(records):
    return [r for r in records if isinstance(r, SegmentRecord)]


def test_records_come_per_document_in_position_order_with_their_spans(two_documents):
    first, second = two_documents
    records = list(iter_records(first.corpus))
    starts = [r for r in records if isinstance(r, DocumentStart)]
    assert [(s.id, s.original_name) for s in starts] == [
        (first.pk, "first.txt"),
        (second.pk, "second.txt"),
    ]
    assert isinstance(records[0], DocumentStart) and records[4] == starts[1]
    segments = segments_of(records)
    stored = list(
        Segment.objects.order_by("document_id", "position").values_list("id", "text", "trailing")
    )
    assert [(s.id, s.text, s.trailing) for s in segments] == stored
    assert segments[1].document == "first.txt" and segments[1].metadata["corpus"] == "Test corpus"
    assert sorted((s.label, s.text) for s in segments[1].spans) == [
        ("GPE", "Ningxia"),
        ("MONEY", "45.080 billion yuan"),
    ]
    for segment in segments:
        assert all(segment.text[s.start : s.end] == s.text for s in segment.spans)


def test_batches_cross_documents_with_a_constant_number_of_queries(two_documents):
    first, _second = two_documents
    expected = [s.id for s in segments_of(iter_records(first.corpus))]
    for size in (1, 2, 3, 5, 100):
        with CaptureQueriesContext(connection) as queries:
            got = [s.id for s in segments_of(iter_records(first.corpus, batch_size=size))]
        assert got == expected
        batches = -(-len(expected) // size)
        # Per batch: the rest of the current document, later documents, spans, documents opened.
        assert len(queries) <= 4 * batches + 2, (size, len(queries))


def test_no_query_per_segment(text_document, labels):
    document = text_document(" ".join(f"Ningxia grew {n} percent." for n in range(300)))
    for segment in document.segments.all()[:50]:
        mark(segment, "Ningxia", labels["GPE"])
    with CaptureQueriesContext(connection) as queries:
        count = len(segments_of(iter_records(document.corpus)))
    assert count == 300 and len(queries) <= 5


def test_status_document_and_label_filters(two_documents, translator, labels):
    first, second = two_documents
    segment = first.segments.order_by("position").first()
    edit_segment(segment, segment.text.replace("met", "met twice"), 1, translator)
    edited = segments_of(iter_records(first.corpus, statuses=["edited"]))
    assert [s.id for s in edited] == [segment.pk] and edited[0].status == "edited"
    only_second = list(iter_records(first.corpus, documents=[second.pk]))
    assert {r.document_id for r in segments_of(only_second)} == {second.pk}
    left_out = LeftOut()
    money = segments_of(iter_records(first.corpus, labels=["MONEY"], left_out=left_out))
    assert [(s.label, s.text) for r in money for s in r.spans] == [("MONEY", "45.080 billion yuan")]
    assert left_out.by_label == {"ORG": 1, "GPE": 3}


def test_span_states_default_to_accepted_and_the_rest_is_counted(two_documents, labels, translator):
    first, _ = two_documents
    segment = first.segments.order_by("position")[1]
    Span.objects.filter(segment=segment, label__key="GPE").update(state=Span.State.NEEDS_REVIEW)
    Span.objects.create(
        segment=segment,
        start=0,
        end=7,
        text="Ningxia",
        label=labels["DATE"],
        state="suggested",
        origin="model",
    )
    Span.objects.create(
        segment=segment,
        start=0,
        end=7,
        text="Ningxia",
        label=labels["ORG"],
        state="rejected",
        origin="model",
    )
    recount([first.pk])  # spans written past the services that keep the span counters
    left_out = LeftOut()
    records = segments_of(iter_records(first.corpus, left_out=left_out))
    assert [s.label for s in records[1].spans] == ["MONEY"]
    assert left_out.by_state == {"needs-review": 1, "suggested": 1, "rejected": 1}
    asked = segments_of(iter_records(first.corpus, span_states=["accepted", "needs-review"]))
    assert sorted(s.label for s in asked[1].spans) == ["GPE", "MONEY"]
    assert not any(
        r.spans for r in iter_records(first.corpus, span_states=()) if isinstance(r, SegmentRecord)
    )


def test_date_range_is_on_segment_updated_at(two_documents):
    first, second = two_documents
    old = timezone.now() - timedelta(days=10)
    Segment.objects.filter(document=first).update(updated_at=old)
    today = timezone.localdate()
    recent = segments_of(iter_records(first.corpus, date_from=today))
    assert {s.document_id for s in recent} == {second.pk}
    older = segments_of(iter_records(first.corpus, date_to=today - timedelta(days=5)))
    assert {s.document_id for s in older} == {first.pk}
    assert segments_of(
        iter_records(
            first.corpus, date_from=today - timedelta(days=10), date_to=today - timedelta(days=10)
        )
    )


def test_updated_at_goes_out_as_the_model_gives_it(two_documents):
    # Read as stored text and parsed by the export (not by the ORM's converters): the same aware
    # moment, microseconds included or not, on SQLite and PostgreSQL.
    first, _ = two_documents
    moments = [
        timezone.now().replace(microsecond=123456),
        timezone.now().replace(microsecond=0) - timedelta(days=400),
    ]
    for segment, moment in zip(first.segments.order_by("position"), moments, strict=False):
        Segment.objects.filter(pk=segment.pk).update(updated_at=moment)
    stored = dict(Segment.objects.values_list("pk", "updated_at"))
    exported = {r.id: r.metadata["updated_at"] for r in segments_of(iter_records(first.corpus))}
    assert exported == stored
    assert all(moment.utcoffset() is not None for moment in exported.values())
    lines = RedlineJsonl().write(iter_records(first.corpus), ExportReport())
    written = [
        orjson.loads(line)["metadata"]["updated_at"] for line in b"".join(lines).splitlines()
    ]
    assert written == [stored[pk].isoformat() for pk in sorted(stored, key=_document_order)]


def _document_order(pk):
    segment = Segment.objects.get(pk=pk)
    return segment.document_id, segment.position


def test_term_links_go_out_with_their_spans(two_documents):
    first, _ = two_documents
    term = GlossaryTerm.objects.create(
        corpus=first.corpus, preferred="Ningxia Hui Autonomous Region"
    )
    Span.objects.filter(label__key="GPE", text="Ningxia").update(term=term)
    linked = [s for r in segments_of(iter_records(first.corpus)) for s in r.spans if s.term_id]
    assert [(s.text, s.term_id, s.term) for s in linked] == [
        ("Ningxia", term.pk, "Ningxia Hui Autonomous Region")
    ]


def test_other_corpora_stay_out(two_documents, text_document):
    other = Corpus.objects.create(name="Other")
    two_documents[1].corpus = other
    two_documents[1].save()
    assert {s.document_id for s in segments_of(iter_records(two_documents[0].corpus))} == {
        two_documents[0].pk
    }
    assert segments_of(iter_records(other)) and all(
        s.metadata["corpus"] == "Other" for s in segments_of(iter_records(other))
    )


# --- summary and report ----------------------------------------------------------------------------


def test_summary_counts_what_will_go_and_what_stays(two_documents, labels):
    first, _ = two_documents
    Span.objects.filter(label__key="ORG").update(state=Span.State.NEEDS_REVIEW)
    Span.objects.filter(label__key="MONEY").update(text="45 billion yuan")  # breaks invariant 1
    found = summary(first.corpus, Selection())
    assert (found["documents"], found["segments"], found["spans"], found["mismatched"]) == (
        2,
        5,
        4,
        1,
    )
    assert found["left_out"].by_state == {"needs-review": 1}
    only_gpe = summary(first.corpus, Selection(labels=("GPE",)))
    assert (only_gpe["spans"], only_gpe["mismatched"], only_gpe["left_out"].by_label) == (
        3,
        0,
        {"MONEY": 1},
    )


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.mark.parametrize(
    "format_id", ["redline-jsonl", "doccano-jsonl", "prodigy-jsonl", "spacy-docbin", "conll-iob"]
)
def test_a_span_that_breaks_invariant_1_is_named_in_the_report_never_dropped_quietly(
    two_documents, format_id
):
    first, _ = two_documents
    Span.objects.filter(label__key="MONEY").update(text="45 billion yuan")
    run = ExportRun(first.corpus, format_id)
    members = unzip(b"".join(run.archive()))
    names = list(members)
    assert names[-2:] == ["export-report.txt", "export-report.json"]
    report = json.loads(members["export-report.json"])
    [problem] = [p for p in report["problems"] if p["reason"] == Reason.SURFACE_MISMATCH]
    assert (problem["label"], problem["surface"], problem["skipped"]) == (
        "MONEY",
        "45 billion yuan",
        True,
    )
    assert "45 billion yuan" in members["export-report.txt"].decode()
    assert report["segments"] == 5 and report["format"] == format_id


def test_line_formats_are_zipped_with_the_report_after_the_data(two_documents):
    first, _ = two_documents
    run = ExportRun(first.corpus, "redline-jsonl", Selection(statuses=("mt",)))
    members = unzip(b"".join(run.archive()))
    assert list(members) == [
        "test-corpus-redline-jsonl.jsonl",
        "export-report.txt",
        "export-report.json",
    ]
    lines = [orjson.loads(line) for line in members["test-corpus-redline-jsonl.jsonl"].splitlines()]
    assert len(lines) == 5 and lines[0]["spans"][0]["text"] == ORG
    text = members["export-report.txt"].decode()
    assert (
        "statuses: mt; labels: all; span_states: accepted." in text
        and "No problems" in text
        and "5 spans written" in text
    )
    assert run.download_name().startswith(
        "test-corpus-redline-jsonl-"
    ) and run.download_name().endswith(".zip")


def test_zip_formats_get_the_report_appended_to_their_own_archive(two_documents):
    first, _ = two_documents
    members = unzip(b"".join(ExportRun(first.corpus, "spacy-docbin").archive()))
    assert list(members) == ["shard-0000.spacy", "export-report.txt", "export-report.json"]
    plain = unzip(b"".join(ExportRun(first.corpus, "plain-text").archive()))
    assert list(plain) == ["first.txt", "second.txt", "export-report.txt", "export-report.json"]
    assert "carries text only" in plain["export-report.txt"].decode()


def test_a_document_named_like_the_report_keeps_its_name(text_document):
    document = text_document("Report text.", name="export-report.txt")
    members = unzip(b"".join(ExportRun(document.corpus, "plain-text").archive()))
    assert members["export-report.txt"] == b"Report text."
    assert list(members)[1:] == ["export-report (2).txt", "export-report.json"]


def test_many_shards_and_a_report_still_make_one_valid_zip(text_document, labels, monkeypatch):
    document = text_document(" ".join(f"Jining grew {n} percent." for n in range(40)))
    for segment in document.segments.all():
        mark(segment, "Jining", labels["GPE"])
    run = ExportRun(document.corpus, "spacy-docbin")
    run.exporter.shard_size = 7
    members = unzip(b"".join(run.archive()))
    assert len([n for n in members if n.endswith(".spacy")]) == 6
    assert json.loads(members["export-report.json"])["spans_written"] == 40


def test_the_report_counts_match_an_exporter_run_by_hand(two_documents):
    first, _ = two_documents
    run = ExportRun(first.corpus, "conll-iob")
    b"".join(run.archive())
    by_hand = ExportReport()
    b"".join(run.exporter.write(iter_records(first.corpus), by_hand))
    assert run.report.as_dict() == by_hand.as_dict()


def test_left_out_spans_from_the_counters_agree_with_a_count_of_the_rows(
    two_documents, text_document, translator
):
    # Without filters the left-out spans come from the documents' span counters; a status
    # filter that takes every status reads and counts the rows instead. Both after real writes:
    # pre-annotation (suggested), a rejected suggestion, an edit over a span (needs review).
    from annotate.services.preannotate import annotate_now
    from annotate.services.spans import decide_suggestion

    first, second = two_documents
    Label.objects.create(corpus=first.corpus, key="PERCENT", name="Percent")
    annotate_now(first, first.segments.values_list("pk", flat=True))
    third = text_document("Output rose 15% in May and 20% in June.", name="third.txt")
    annotate_now(third, third.segments.values_list("pk", flat=True))
    suggestions = Span.objects.filter(state=Span.State.SUGGESTED).order_by("pk")
    assert suggestions.count() >= 2
    decide_suggestion(suggestions.first(), False, translator)
    segment = second.segments.order_by("position").first()
    edit_segment(segment, segment.text.replace("Jining", "Jinin"), segment.version, translator)
    counted, read = LeftOut(), LeftOut()
    list(iter_records(first.corpus, left_out=counted))
    every_status = [status for status, _ in Segment.Status.choices]
    list(iter_records(first.corpus, statuses=every_status, left_out=read))
    assert counted.by_state == read.by_state
    assert {"suggested", "rejected", "needs-review"} <= set(read.by_state)
