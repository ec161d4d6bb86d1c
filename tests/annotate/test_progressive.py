"""Progressive work on long documents: the page on screen is checked (and, when asked,
pre-annotated) in its own request; the rest goes to a check job that runs in batches."""

import pytest
from django.urls import reverse

from annotate.models import Finding, Label, Span
from annotate.services import findings
from corpus.models import Job, Segment
from tests.conftest import PASSWORD, SEED_FILES

pytestmark = pytest.mark.django_db


def long_text(segments: int) -> str:
    """Seed paragraphs repeated, with their damage (so they have findings), to about `segments`."""
    lines = [line for path in SEED_FILES for line in path.read_text().splitlines() if line.strip()]
    out, count, i = [], 0, 0
    while count < segments:
        line = lines[i % len(lines)]
        out.append(line)
        count += line.count(". ") + 1
        i += 1
    return "\n".join(out) + "\n"


@pytest.fixture
def long_document(text_document):
    document = text_document(long_text(5000))
    assert Segment.objects.filter(document=document).count() > 4000
    return document


def found(segments) -> set:
    return set(
        Finding.objects.filter(segment__in=segments).values_list(
            "segment_id", "check_id", "start", "end"
        )
    )


def test_first_page_is_checked_in_its_request_and_the_rest_in_batches(
    client, translator, long_document, django_capture_on_commit_callbacks, monkeypatch
):
    client.login(username=translator.username, password=PASSWORD)
    with django_capture_on_commit_callbacks() as queued:
        response = client.get(reverse("annotate:document_review", args=[long_document.pk]))
    page = list(response.context["segments"])
    later = Segment.objects.filter(document=long_document, position__gt=page[-1].position)
    shown = found(page)
    assert shown, "the seed text's damage is flagged on the first page"
    assert 'class="finding ' in response.content.decode()  # on screen, not only stored
    assert not found(later)  # the worker's part: not done by the request
    job = Job.objects.get(document=long_document, kind=Job.Kind.CHECK)
    assert (job.state, job.done) == (Job.State.QUEUED, 0)

    batches = []
    refresh = findings.refresh
    monkeypatch.setattr(findings, "refresh", lambda *args: batches.append(1) or refresh(*args))
    for callback in queued:
        callback()  # the immediate task backend runs the job now
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.done == job.total == len(batches) >= 4  # progress counts batches, of 1,000 segments
    assert found(later)
    assert found(page) == shown  # the worker, with whole paragraphs, agrees with the page's check
    long_document.refresh_from_db()
    assert findings.is_checked(long_document)

    # Checked documents need no page check: the same findings, stored once.
    again = client.get(reverse("annotate:document_review", args=[long_document.pk]))
    assert found(again.context["segments"]) == shown


def test_findings_summary_shows_the_check_jobs_progress(
    client, translator, long_document, django_capture_on_commit_callbacks
):
    client.login(username=translator.username, password=PASSWORD)
    with django_capture_on_commit_callbacks():
        client.get(reverse("annotate:document_review", args=[long_document.pk]))
    url = reverse("annotate:document_findings", args=[long_document.pk])
    summary = client.get(url).content.decode()
    job = Job.objects.get(document=long_document, kind=Job.Kind.CHECK)
    assert "being checked in the background" in summary
    assert f'<progress max="{job.total}" value="0"' in summary
    findings.run_check_job(job.pk)
    finished = client.get(url, {"checking": "1"})
    assert "being checked" not in finished.content.decode()
    assert finished["HX-Trigger"] == "job-finished"  # the polling page reloads its segments


def test_pre_annotation_does_the_page_on_screen_in_the_request(
    client, reviewer, long_document, django_capture_on_commit_callbacks
):
    Label.objects.create(corpus=long_document.corpus, key="PERCENT", name="Percent")
    client.login(username=reviewer.username, password=PASSWORD)
    page = list(Segment.objects.filter(document=long_document).order_by("position")[:50])
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            reverse("annotate:preannotate_document", args=[long_document.pk]),
            {"segment": [s.pk for s in page]},
        )
    assert response["HX-Trigger"] == "page-annotated"
    on_page = Span.objects.filter(segment__in=page, state=Span.State.SUGGESTED)
    assert on_page.exists()  # rule suggestions (percentages) on the page, before the job ran
    assert not Span.objects.exclude(segment__in=page).exists()
    job = Job.objects.get(document=long_document, kind=Job.Kind.PREANNOTATE)
    assert job.done == 0
    before = on_page.count()
    for callback in queued:
        callback()
    assert on_page.count() == before  # the job adds no duplicates on the page done already
    assert Span.objects.exclude(segment__in=page).exists()


def test_pre_annotation_ignores_segments_of_other_documents(
    client, reviewer, long_document, text_document, django_capture_on_commit_callbacks
):
    Label.objects.create(corpus=long_document.corpus, key="PERCENT", name="Percent")
    other = text_document("Prices rose 25.7% this year.", name="other.txt")
    client.login(username=reviewer.username, password=PASSWORD)
    with django_capture_on_commit_callbacks():
        client.post(
            reverse("annotate:preannotate_document", args=[long_document.pk]),
            {"segment": list(other.segments.values_list("pk", flat=True))},
        )
    assert not Span.objects.filter(segment__document=other).exists()
