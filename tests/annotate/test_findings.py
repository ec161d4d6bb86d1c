"""Stored findings: computed on open, recomputed on every change, fixed with one call, dismissed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.models import Dismissal, Finding
from annotate.services import findings
from annotate.services.edits import apply_fix, edit_segment
from annotate.services.findings import dismiss
from corpus.models import Document, Segment
from corpus.services import EditRefused
from tests.conftest import PASSWORD
from tests.helpers import HX

pytestmark = pytest.mark.django_db


def checks_of(segment):
    return sorted(
        Finding.objects.filter(segment=segment, dismissed=False).values_list("check_id", flat=True)
    )


def test_opening_a_document_checks_it_once(client, translator, seed_document):
    assert not Finding.objects.exists()
    client.login(username=translator.username, password=PASSWORD)
    client.get(reverse("annotate:document_review", args=[seed_document.pk]))
    seed_document.refresh_from_db()
    assert seed_document.metadata["qa_version"] == findings.QA_VERSION
    glued = Segment.objects.get(document=seed_document, text__contains="twoThe")
    assert "joined-words" in checks_of(glued)
    count = Finding.objects.count()
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("annotate:document_review", args=[seed_document.pk]))
    assert Finding.objects.count() == count and not any(
        "INSERT" in q["sql"] for q in second.captured_queries
    )


def test_edit_recomputes_and_fix_is_an_edit_like_any_other(text_document, translator):
    segment = text_document("The task Task was completed on time.").segments.get()
    findings.refresh([segment])
    [repeated] = Finding.objects.filter(segment=segment, check_id="repeated-word")
    change = apply_fix(repeated, 1, translator)
    assert change.segment.text == "The task was completed on time."
    assert change.revision.action == "fix-applied" and "repeated-word" in change.revision.note
    assert "repeated-word" not in checks_of(segment)


def test_finding_without_fix_is_refused(text_document, translator):
    segment = text_document("The report said 宁夏 grew fast.").segments.get()
    findings.refresh([segment])
    leftover = Finding.objects.get(segment=segment, check_id="chinese-leftover")
    with pytest.raises(EditRefused, match="no automatic fix"):
        apply_fix(leftover, 1, translator)


def test_dismissal_holds_until_the_text_there_changes(text_document, translator):
    segment = text_document("Output rose, There are many reasons.").segments.get()
    findings.refresh([segment])
    finding = Finding.objects.get(segment=segment, check_id="capital-after-comma")
    dismiss(finding, translator, "a quoted heading")
    assert Dismissal.objects.get().reason == "a quoted heading"
    edit_segment(segment, "Output rose sharply, There are many reasons.", 1, translator)
    assert "capital-after-comma" not in checks_of(segment)  # same characters: still dismissed
    edit_segment(segment, "Output rose sharply, Therefore many reasons.", 2, translator)
    assert (
        "capital-after-comma" in checks_of(segment)
        or Finding.objects.filter(segment=segment).exists()
    )


def test_review_screen_shows_findings_fixes_and_filters(client, translator, text_document):
    document = text_document("Integrate the task Task now. All is well here.")
    first, _second = document.segments.order_by("position")
    client.login(username=translator.username, password=PASSWORD)
    page = client.get(
        reverse("annotate:document_review", args=[document.pk]), {"check": "repeated-word"}
    )
    assert [s.pk for s in page.context["segments"]] == [first.pk]
    html = page.content.decode()
    assert 'class="t qa-error"' in html and "Fix → “”" not in html
    finding = Finding.objects.get(segment=first, check_id="repeated-word")
    response = client.post(reverse("annotate:finding_fix", args=[finding.pk]), {"version": 1}, **HX)
    assert response.status_code == 200 and "Integrate the task now." in response.content.decode()
    summary = client.get(reverse("annotate:document_findings", args=[document.pk]))
    assert b"Repeated word" not in summary.content


def test_dismiss_view_records_who_and_why(client, translator, text_document):
    segment = text_document("Output rose, There are many reasons.").segments.get()
    findings.refresh([segment])
    finding = Finding.objects.get(segment=segment, check_id="capital-after-comma")
    client.login(username=translator.username, password=PASSWORD)
    response = client.post(
        reverse("annotate:finding_dismiss", args=[finding.pk]), {"reason": "title case"}, **HX
    )
    assert (
        response.status_code == 200
        and f'data-finding="{finding.pk}"' not in response.content.decode()
    )
    dismissal = Dismissal.objects.get()
    assert (dismissal.user, dismissal.reason, dismissal.surface) == (
        translator,
        "title case",
        finding.segment.text[finding.start : finding.end],
    )


@pytest.mark.parametrize("reason", ["x" * 2_000_000, "x" * 501, "fine\x00"])
def test_dismiss_view_refuses_a_reason_its_form_refuses(client, translator, text_document, reason):
    """Issue 13.8: the view read form.data, so a 2,000,000-character reason was stored."""
    segment = text_document("Output rose, There are many reasons.").segments.get()
    findings.refresh([segment])
    finding = Finding.objects.get(segment=segment, check_id="capital-after-comma")
    client.login(username=translator.username, password=PASSWORD)
    response = client.post(
        reverse("annotate:finding_dismiss", args=[finding.pk]), {"reason": reason}, **HX
    )
    assert response.status_code == 422
    assert not Dismissal.objects.exists()
    assert Finding.objects.get(pk=finding.pk).dismissed is False


def test_the_dismiss_service_caps_the_reason_too(text_document, translator):
    segment = text_document("Output rose, There are many reasons.").segments.get()
    findings.refresh([segment])
    finding = Finding.objects.get(segment=segment, check_id="capital-after-comma")
    with pytest.raises(EditRefused, match="at most 500"):
        dismiss(finding, translator, "x" * 501)
    assert not Dismissal.objects.exists()


def test_changed_numbers_need_a_confirmation(client, translator, text_document):
    segment = text_document("Income rose by 25.7% to 45.080 billion yuan.").segments.get()
    client.login(username=translator.username, password=PASSWORD)
    url = reverse("annotate:segment_edit", args=[segment.pk])
    first = client.post(
        url, {"text": "Income rose by 27.5% to 45.080 billion yuan.", "version": 1}, **HX
    )
    assert first.status_code == 422 and b'name="confirm"' in first.content
    assert Segment.objects.get(pk=segment.pk).version == 1
    second = client.post(
        url,
        {"text": "Income rose by 27.5% to 45.080 billion yuan.", "version": 1, "confirm": "1"},
        **HX,
    )
    assert second.status_code == 200 and Segment.objects.get(pk=segment.pk).text.startswith(
        "Income rose by 27.5%"
    )


def test_corpus_summary_checks_unchecked_documents(client, reviewer, seed_document):
    client.login(username=reviewer.username, password=PASSWORD)
    url = reverse("annotate:corpus_findings", args=[seed_document.corpus_id])
    before = client.get(url).content.decode()
    assert "1 document not checked yet" in before
    after = client.post(url).content.decode()  # immediate task backend in tests
    assert "not checked yet" not in after and "Words glued together" in after
    assert Document.objects.get(pk=seed_document.pk).metadata["qa_version"] == findings.QA_VERSION


def test_translator_cannot_start_a_corpus_check(client, translator, corpus):
    client.login(username=translator.username, password=PASSWORD)
    assert client.post(reverse("annotate:corpus_findings", args=[corpus.pk])).status_code == 403


def test_the_summary_offers_the_corpus_check_only_to_those_who_may_run_it(
    client, translator, seed_document
):
    client.login(username=translator.username, password=PASSWORD)
    url = reverse("annotate:corpus_findings", args=[seed_document.corpus_id])
    summary = client.get(url).content.decode()
    assert "1 document not checked yet" in summary and "Check them now" not in summary


def test_qa_report_command_prints_precision_and_recall():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    qa = "tests/annotate/qa/"
    call_command(
        "qa_report", qa + "seed_artefacts.jsonl", "--clean", qa + "clean_sentences.txt", stdout=out
    )
    text = out.getvalue()
    assert "recall" in text and "joined-words" in text and "clean sentences" in text


def test_long_documents_are_checked_in_the_background(
    client, translator, text_document, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(findings, "INLINE_LIMIT", 2)
    document = text_document("The task Task one. Two here now. Three here now.")
    client.login(username=translator.username, password=PASSWORD)
    with django_capture_on_commit_callbacks() as queued:
        page = client.get(reverse("annotate:document_review", args=[document.pk]))
    # The page on screen is checked at once; the document is left to the check job.
    assert page.status_code == 200 and Finding.objects.filter(check_id="repeated-word").exists()
    summary = client.get(reverse("annotate:document_findings", args=[document.pk])).content.decode()
    assert "being checked in the background" in summary
    for callback in queued:
        callback()
    document.refresh_from_db()
    assert findings.is_checked(document)


def test_corpus_page_loads_the_per_check_summary(client, reviewer, corpus):
    client.login(username=reviewer.username, password=PASSWORD)
    page = client.get(reverse("corpus:corpus_detail", args=[corpus.pk])).content.decode()
    assert reverse("annotate:corpus_findings", args=[corpus.pk]) in page
