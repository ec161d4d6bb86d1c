"""Round trip: a corpus with edits and spans, exported as Redline JSONL, imports back the same."""

import io

import orjson
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from annotate.models import Label, Span
from annotate.services.edits import edit_segment, merge_with_next, split_segment
from annotate.services.spans import add_span
from corpus.importers import ImportLimits
from corpus.models import Corpus, Revision, Segment
from corpus.services import EditRefused
from export import dataset
from export.services.run import ExportRun
from export.services.selection import Selection
from glossary.models import GlossaryTerm
from tests.conftest import SEED_FILES, import_file

pytestmark = pytest.mark.django_db
LIMITS = ImportLimits(max_file_bytes=50 * 1024 * 1024, max_upload_bytes=50 * 1024 * 1024)
ALL_STATES = tuple(Span.State.values)


def mark(segment, phrase, label, **kwargs):
    start = segment.text.index(phrase)
    return add_span(segment, start, start + len(phrase), label, None, **kwargs)


@pytest.fixture
def edited_corpus(corpus, translator, text_document):
    corpus.allow_overlapping_spans = True
    corpus.save()
    labels = {
        key: Label.objects.create(corpus=corpus, key=key, name=key.title(), shortcut=str(n))
        for n, key in enumerate(["ORG", "GPE", "MONEY"], 1)
    }
    seed = import_file(corpus, SEED_FILES[1])
    first = seed.segments.order_by("position").first()
    change = edit_segment(first, first.text + " Jining 😀 grew.", 1, translator)
    tail = change.segment.text.rindex("Jining 😀")
    add_span(change.segment, tail, tail + len("Jining 😀 grew"), labels["GPE"], None, snap=False)
    add_span(change.segment, tail, tail + len("Jining"), labels["ORG"], None)  # nested in the GPE
    money_doc = text_document(
        "Ningxia earned 45.080 billion yuan. Yinchuan 𠀀 too.\n\nNew paragraph here.",
        name="money.txt",
    )
    one, two, three = money_doc.segments.order_by("position")
    mark(one, "45.080 billion yuan", labels["MONEY"])
    gpe = mark(one, "Ningxia", labels["GPE"])
    Span.objects.filter(pk=gpe.pk).update(state=Span.State.NEEDS_REVIEW, origin=Span.Origin.MODEL)
    yinchuan = mark(two, "Yinchuan", labels["GPE"])
    # An all-corpora glossary concept, so the link means the same in the corpus it comes back into.
    Span.objects.filter(pk=yinchuan.pk).update(
        term=GlossaryTerm.objects.create(preferred="Yinchuan")
    )
    merge_with_next(one, 1, translator)
    split_segment(three, three.text.index("here"), 1, translator)
    return corpus


def snapshot(corpus):
    documents = []
    for document in corpus.documents.order_by("id"):
        segments = [
            (
                s.position,
                s.paragraph,
                s.text,
                s.mt_text,
                s.trailing,
                s.status,
                sorted(
                    (sp.start, sp.end, sp.label.key, sp.text, sp.state, sp.origin, sp.term_id)
                    for sp in s.spans.all()
                ),
            )
            for s in document.segments.order_by("position").prefetch_related("spans__label")
        ]
        documents.append((document.original_name, document.current_text(), segments))
    return documents


def export_jsonl(corpus, **selection) -> bytes:
    return b"".join(ExportRun(corpus, "redline-jsonl", Selection(**selection)).data())


def test_redline_jsonl_imports_back_as_the_same_corpus(edited_corpus):
    data = export_jsonl(edited_corpus, span_states=ALL_STATES)
    records = dataset.parse_dataset("export.jsonl", data, LIMITS)
    copy = Corpus.objects.create(name="Copy", allow_overlapping_spans=dataset.has_overlaps(records))
    result = dataset.import_dataset(copy, records)
    assert result.refusals == [] and copy.allow_overlapping_spans
    assert (result.terms_linked, result.terms_missing) == (1, [])
    assert snapshot(copy) == snapshot(edited_corpus)
    assert result.spans == Span.objects.filter(segment__document__corpus=edited_corpus).count()
    assert sorted(result.labels_created) == ["GPE", "MONEY", "ORG"]
    edited = Segment.objects.filter(document__corpus=copy).exclude(status="mt")
    assert edited.exists()
    for segment in edited.exclude(text=F("mt_text")):
        [revision] = Revision.objects.filter(segment=segment)
        assert (revision.before, revision.after, revision.note) == (
            segment.mt_text,
            segment.text,
            dataset.NOTE,
        )
    # A second import of the same file into the copy is refused document by document.
    again = dataset.import_dataset(copy, records)
    assert (
        again.documents == []
        and len(again.refusals) == 2
        and "already in the corpus" in again.refusals[0]
    )


def test_exported_accepted_spans_are_what_comes_back_by_default(edited_corpus):
    data = export_jsonl(edited_corpus)
    copy = Corpus.objects.create(name="Copy", allow_overlapping_spans=True)
    dataset.import_dataset(copy, dataset.parse_dataset("x.jsonl", data, LIMITS))
    states = set(
        Span.objects.filter(segment__document__corpus=copy).values_list("state", flat=True)
    )
    assert states == {"accepted"}


def test_overlaps_are_refused_in_a_corpus_that_forbids_them(edited_corpus):
    records = dataset.parse_dataset("x.jsonl", export_jsonl(edited_corpus), LIMITS)
    strict = Corpus.objects.create(name="Strict")
    result = dataset.import_dataset(strict, records)
    assert len(result.documents) == 1 and "overlap" in result.refusals[0]
    assert strict.documents.count() == 1  # the refused document left nothing behind


def line(**fields):
    values = {
        "id": 1,
        "document_id": 1,
        "document": "t.txt",
        "position": 10,
        "paragraph": 0,
        "text": "Jining grew.",
        "mt_text": "Jining grew.",
        "trailing": "",
        "status": "mt",
        "hter": 0.0,
        "metadata": {},
        "spans": [
            {
                "start": 0,
                "end": 6,
                "label": "GPE",
                "text": "Jining",
                "term_id": 99,
                "term": "Jining City",
                "state": "accepted",
                "origin": "glossary",
            }
        ],
    }
    values.update(fields)
    return orjson.dumps(values) + b"\n"


def test_term_links_that_cannot_be_restored_are_listed():
    copy = Corpus.objects.create(name="Copy")
    result = dataset.import_dataset(copy, dataset.parse_dataset("t.jsonl", line(), LIMITS))
    assert result.spans == 1 and result.terms_linked == 0
    assert result.terms_missing == ["t.txt: “Jining” was linked to “Jining City” (id 99)"]


def test_term_links_come_back_by_id_or_preferred_text():
    copy = Corpus.objects.create(name="Copy")
    term = GlossaryTerm.objects.create(corpus=copy, preferred="Jining City")
    elsewhere = GlossaryTerm.objects.create(
        corpus=Corpus.objects.create(name="Elsewhere"), preferred="Jining"
    )
    by_text = {
        "start": 0,
        "end": 6,
        "label": "GPE",
        "text": "Jining",
        "term_id": None,
        "term": "Jining City",
    }
    out_of_scope = {**by_text, "term_id": elsewhere.pk, "term": "Jining"}
    data = (
        line(term_id=term.pk)
        + line(position=20, spans=[by_text])
        + line(position=30, spans=[out_of_scope])
    )
    result = dataset.import_dataset(copy, dataset.parse_dataset("t.jsonl", data, LIMITS))
    assert result.terms_linked == 2 and len(result.terms_missing) == 1
    assert list(Span.objects.order_by("segment__position").values_list("term_id", flat=True)) == [
        term.pk,
        term.pk,
        None,
    ]


def test_unknown_status_and_bad_label_keys_are_refused():
    copy = Corpus.objects.create(name="Copy")
    result = dataset.import_dataset(
        copy, dataset.parse_dataset("t.jsonl", line(status="done", spans=[]), LIMITS)
    )
    assert "unknown status “done”" in result.refusals[0] and not copy.documents.exists()
    bad = line(spans=[{"start": 0, "end": 6, "label": "gpe x", "text": "Jining"}])
    with pytest.raises(EditRefused, match="gpe x"):
        dataset.import_dataset(copy, dataset.parse_dataset("t.jsonl", bad, LIMITS))
    assert not copy.labels.exists()


def test_import_dataset_command_round_trips_through_export_dataset(edited_corpus, tmp_path):
    out = tmp_path / "seeds.jsonl"
    call_command(
        "export_dataset",
        corpus=edited_corpus.name,
        format="redline-jsonl",
        out=str(out),
        span_state=list(ALL_STATES),
        stdout=io.StringIO(),
    )
    stdout = io.StringIO()
    call_command(
        "import_dataset", str(out), corpus="Back again", stdout=stdout, stderr=io.StringIO()
    )
    assert "Created corpus “Back again”." in stdout.getvalue() and "money.txt" in stdout.getvalue()
    assert snapshot(Corpus.objects.get(name="Back again")) == snapshot(edited_corpus)
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_dataset", str(out), corpus="Back again", stdout=io.StringIO(), stderr=stderr
        )
    assert stderr.getvalue().count("already in the corpus") == 2
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b"{}\n")
    with pytest.raises(CommandError, match="line 1"):
        call_command("import_dataset", str(broken), corpus="Back again", stdout=io.StringIO())


def test_import_dataset_command_refusing_a_document_stores_nothing(tmp_path):
    """Issue 13.5: a refused document (bad status) left an empty corpus and the good documents."""
    data = tmp_path / "mixed.jsonl"
    good = line(spans=[])
    bad = line(
        id=2,
        document_id=2,
        document="u.txt",
        text="Zibo.",
        mt_text="Zibo.",
        status="done",
        spans=[],
    )
    data.write_bytes(good + bad)
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_dataset", str(data), corpus="Fresh", stdout=io.StringIO(), stderr=stderr
        )
    assert "unknown status “done”" in stderr.getvalue()
    assert not Corpus.objects.filter(name="Fresh").exists()
    assert not Segment.objects.exists() and not Label.objects.exists()


def test_import_dataset_refuses_text_the_editor_refuses(tmp_path):
    """Issue 13.5: a NUL in JSON text was stored; the editor refuses it (the JSON reader
    already refuses lone surrogates)."""
    data = tmp_path / "nul.jsonl"
    data.write_bytes(line(text="Jining@ grew.", spans=[]).replace(b"@", b"\\u0000"))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_dataset", str(data), corpus="Nul", stdout=io.StringIO(), stderr=stderr)
    assert "which text may not hold" in stderr.getvalue()
    assert not Corpus.objects.filter(name="Nul").exists()
