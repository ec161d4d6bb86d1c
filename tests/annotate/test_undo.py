"""Undo and redo through the services: every action kind undone and redone as new history, spans
back exactly as they were, a stale undo refused with nothing changed."""

import pytest

from annotate.models import Label, Span, UndoableAction
from annotate.services import findings, preannotate
from annotate.services.counters import fresh_counts
from annotate.services.edits import (
    apply_fix,
    edit_segment,
    merge_with_next,
    restore_revision,
    split_segment,
)
from annotate.services.reviews import Reason, decide
from annotate.services.spans import (
    accept_all,
    add_span,
    check_invariant,
    decide_suggestion,
    delete_span,
    relabel_span,
)
from annotate.services.undo import StaleUndo, redo, undo
from corpus.models import Document, Revision, Segment
from corpus.services import EditRefused

pytestmark = pytest.mark.django_db
TEXT = "In 2023 Ningxia earned 45.080 billion yuan, said Peng Shengxuan today."


@pytest.fixture
def labels(corpus):
    keys = ["PERSON", "ORG", "GPE", "MONEY"]
    return {
        key: Label.objects.create(corpus=corpus, key=key, name=key.title(), shortcut=str(i + 1))
        for i, key in enumerate(keys)
    }


def mark(segment, phrase, label, user):
    start = segment.text.index(phrase)
    return add_span(segment, start, start + len(phrase), label, user)


def state(document: Document):
    """Everything undo must put back: texts, statuses, spans (with ids), in document order."""
    segments = list(document.segments.order_by("position"))
    return (
        [(s.text, s.status) for s in segments],
        sorted(
            (
                [
                    segments.index(sp.segment),
                    sp.pk,
                    sp.start,
                    sp.end,
                    sp.text,
                    sp.label_id,
                    sp.state,
                    sp.origin,
                ]
            )
            for sp in Span.objects.filter(segment__document=document).select_related("segment")
        ),
    )


def assert_consistent(document: Document) -> None:
    for segment in document.segments.all():
        assert check_invariant(segment) == []
    document.refresh_from_db()
    counts = fresh_counts([document.pk])[document.pk]
    assert document.span_counts == counts["span_counts"]
    assert document.status_counts == counts["status_counts"]


def fresh(segment: Segment) -> Segment:
    return Segment.objects.get(pk=segment.pk)


def round_trip(document, user, act):
    """Do `act`, undo it, redo it: the states before/after must come back exactly."""
    before = state(document)
    act()
    after = state(document)
    kept = list(Revision.objects.filter(segment__document=document).values_list("pk", "after"))
    assert after != before
    step = undo(document, user)
    assert step.undone and state(document) == before
    assert_consistent(document)
    redo(document, user)
    assert state(document) == after
    assert_consistent(document)
    # History only grows: every revision, the action's own included, is still there unchanged.
    now = set(Revision.objects.filter(segment__document=document).values_list("pk", "after"))
    assert set(kept) <= now


def test_edit_undone_and_redone_with_spans_put_back_whole(text_document, labels, translator):
    document = text_document(TEXT)
    segment = document.segments.get()
    mark(segment, "Ningxia", labels["GPE"], translator)
    mark(segment, "45.080 billion yuan", labels["MONEY"], translator)
    mark(segment, "Peng Shengxuan", labels["PERSON"], translator)
    ids = list(Revision.objects.filter(segment=segment).values_list("pk", flat=True))
    # The edit touches MONEY (needs review) and deletes PERSON: undo brings both back as they were.
    round_trip(
        document,
        translator,
        lambda: edit_segment(
            fresh(segment), "In 2023 Ningxia earned 45.08 billion yuan, said today.", 1, translator
        ),
    )
    revisions = list(Revision.objects.filter(segment=segment).order_by("id"))
    assert [r.action for r in revisions][-3:] == ["edit", "undo", "redo"]
    assert set(ids) <= {r.pk for r in revisions}


def test_undo_of_an_edit_puts_back_the_approval(text_document, translator, reviewer):
    document = text_document(TEXT)
    segment = document.segments.get()
    decide(segment, "approved", 1, reviewer)
    round_trip(
        document, translator, lambda: edit_segment(fresh(segment), "Changed.", 2, translator)
    )
    undo(document, translator)
    assert fresh(segment).status == "approved"


def test_fix_and_restore(text_document, translator):
    document = text_document("The task Task was completed on time.")
    segment = document.segments.get()
    findings.refresh([segment])
    finding = segment.findings.get(check_id="repeated-word")
    round_trip(document, translator, lambda: apply_fix(finding, 1, translator))
    round_trip(
        document,
        translator,
        lambda: restore_revision(fresh(segment), None, fresh(segment).version, translator),
    )


def test_approve_and_reject_with_reason(text_document, reviewer):
    document = text_document(TEXT)
    segment = document.segments.get()
    round_trip(document, reviewer, lambda: decide(segment, "approved", 1, reviewer))
    reason = Reason("terminology", "major", "wrong term")
    round_trip(
        document,
        reviewer,
        lambda: decide(fresh(segment), "rejected", fresh(segment).version, reviewer, reason),
    )
    # The redone rejection carries the reason again, on its own revision.
    latest = fresh(segment).revisions.order_by("-id").first()
    assert latest.reject_reason.category == "terminology"
    assert fresh(segment).reject_reasons.count() == 2


def test_merge_undone_and_redone(text_document, labels, translator):
    document = text_document("Ningxia grew fast. Jining grew too.")
    first, second = document.segments.order_by("position")
    mark(first, "Ningxia", labels["GPE"], translator)
    mark(second, "Jining", labels["GPE"], translator)
    edit_segment(second, "Jining grew too, they said.", 1, translator)
    round_trip(document, translator, lambda: merge_with_next(fresh(first), 1, translator))
    # Then the older edit of the second segment (now under a new id after the undone merge).
    undo(document, translator)
    undo(document, translator)
    texts = [s.text for s in document.segments.order_by("position")]
    assert texts == ["Ningxia grew fast.", "Jining grew too."]
    assert_consistent(document)


def test_split_undone_and_redone(text_document, labels, translator):
    document = text_document("Ningxia grew fast and Jining grew too.")
    segment = document.segments.get()
    mark(segment, "Ningxia", labels["GPE"], translator)
    mark(segment, "Jining", labels["GPE"], translator)
    cut = segment.text.index("Jining")
    round_trip(document, translator, lambda: split_segment(fresh(segment), cut, 1, translator))
    undo(document, translator)
    redo(document, translator)  # again, with the right half under yet another id
    assert document.segments.count() == 2
    assert_consistent(document)


def test_every_span_action(text_document, labels, translator, corpus):
    document = text_document(TEXT)
    segment = document.segments.get()
    round_trip(
        document, translator, lambda: mark(fresh(segment), "Ningxia", labels["GPE"], translator)
    )
    span = Span.objects.get(text="Ningxia")
    round_trip(document, translator, lambda: relabel_span(span, labels["ORG"], translator))
    round_trip(document, translator, lambda: delete_span(Span.objects.get(pk=span.pk), translator))
    preannotate.annotate_now(document, [segment.pk])
    suggestions = list(Span.objects.filter(segment=segment, state="suggested"))
    if not suggestions:
        suggestions = [
            Span.objects.create(
                segment=segment,
                start=49,
                end=63,
                text=segment.text[49:63],
                label=labels["PERSON"],
                origin="model",
                state="suggested",
            )
        ]
    one = suggestions[0]
    round_trip(document, translator, lambda: decide_suggestion(one, True, translator))
    undo(document, translator)
    one.refresh_from_db()
    round_trip(document, translator, lambda: decide_suggestion(one, False, translator))
    undo(document, translator)
    round_trip(document, translator, lambda: accept_all(fresh(segment), translator))
    round_trip(document, translator, lambda: delete_span(Span.objects.get(pk=one.pk), translator))
    # An action that changed nothing is not logged: undo skips to the one before it.
    logged = UndoableAction.objects.count()
    accept_all(fresh(segment), translator)
    assert UndoableAction.objects.count() == logged


def test_stale_undo_is_refused_and_changes_nothing(text_document, translator, reviewer):
    document = text_document(TEXT)
    segment = document.segments.get()
    edit_segment(segment, "First text.", 1, translator)
    edit_segment(fresh(segment), "Someone else's text.", 2, reviewer)
    before = state(document)
    revisions = Revision.objects.count()
    with pytest.raises(StaleUndo) as refused:
        undo(document, translator)
    assert refused.value.mine == TEXT and refused.value.current.text == "Someone else's text."
    assert state(document) == before and Revision.objects.count() == revisions
    assert UndoableAction.objects.get(user=translator).state == "done"


def test_undo_is_per_user_and_a_new_action_ends_redo(text_document, translator, reviewer):
    document = text_document("Ningxia grew fast. Jining grew too.")
    first, second = document.segments.order_by("position")
    edit_segment(first, "Ningxia grew.", 1, translator)
    with pytest.raises(EditRefused, match="Nothing to undo"):
        undo(document, reviewer)
    undo(document, translator)
    edit_segment(second, "Jining grew.", 1, translator)
    with pytest.raises(EditRefused, match="Nothing to redo"):
        redo(document, translator)
