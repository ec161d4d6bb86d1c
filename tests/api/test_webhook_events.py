"""Each event, from the action that causes it to a signed POST a receiver verifies: the action
(through the screens or the API), the event scan (manage.py webhook_events), the delivery task
(run by the immediate backend when the test's transaction "commits")."""

import gc
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from standardwebhooks.webhooks import Webhook

from api.models import WebhookEndpoint
from api.services import webhooks
from api.services.events import scan
from corpus.models import Job
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db
EVENTS = [e for e in WebhookEndpoint.Event.values if e != "test"]


@pytest.fixture
def hooked(corpus, project_admin, receiver, settings, django_capture_on_commit_callbacks):
    """Every event of the corpus goes to a local receiver; returns a function that runs the scan
    and the deliveries and gives the verified payloads received since the last call."""
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = True
    url, received, _ = receiver
    endpoint = webhooks.register(corpus, project_admin, url, EVENTS)
    scan()  # the first scan only sets the cursors

    def deliveries() -> list[dict]:
        with django_capture_on_commit_callbacks(execute=True):
            scan()
        verifier = Webhook(endpoint.secret)
        payloads = [
            verifier.verify(body, {k.lower(): v for k, v in headers.items()})
            for headers, body in received
        ]
        received.clear()
        return payloads

    return deliveries


def download(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.content
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_export_ready_after_the_export_pages_download(client, corpus, project_admin, hooked):
    client.force_login(project_admin)
    query = "format=redline-jsonl&statuses=approved&statuses=edited"
    download(client.get(f"{reverse('export:download', args=[corpus.pk])}?{query}"))
    [event] = hooked()
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    assert event["type"] == "export.ready"
    data = event["data"]
    assert (data["job"], data["corpus"], data["format"]) == (job.pk, corpus.pk, "redline-jsonl")
    assert data["download_url"] == (f"http://testserver/api/v1/corpora/{corpus.pk}/export/?{query}")
    assert data["job_url"] == f"http://testserver/api/v1/jobs/{job.pk}/"
    assert (job.state, job.created_by, job.finished_at is not None) == ("done", project_admin, True)
    # The URL works with a token and gives the same selection again.
    api = token_client(project_admin, "read")
    again = download(api.get(data["download_url"].removeprefix("http://testserver")))
    report = json.loads(again.read("export-report.json"))
    assert report["filters"]["statuses"] == ["approved", "edited"]
    assert api.get(data["job_url"].removeprefix("http://testserver")).json()["state"] == "done"


def test_export_ready_after_the_apis_download(corpus, project_admin, seed_document, hooked):
    api = token_client(project_admin, "read")
    archive = download(api.get(f"/api/v1/corpora/{corpus.pk}/export/?format=pairs-jsonl"))
    [event] = hooked()
    assert event["type"] == "export.ready" and event["data"]["format"] == "pairs-jsonl"
    assert event["data"]["segments"] == seed_document.segments.count()
    assert any(name.endswith(".jsonl") for name in archive.namelist())


def test_an_abandoned_download_is_no_finished_export(client, corpus, project_admin, hooked):
    client.force_login(project_admin)
    response = client.get(f"{reverse('export:download', args=[corpus.pk])}?format=redline-jsonl")
    chunks = iter(response.streaming_content)
    next(chunks)
    del chunks, response  # the client went away before the end: the stream is closed there
    gc.collect()
    assert not Job.objects.filter(kind=Job.Kind.EXPORT).exists()
    assert hooked() == []


def test_document_imported_after_an_upload_through_the_worker(
    corpus, project_admin, hooked, django_capture_on_commit_callbacks
):
    api = token_client(project_admin)
    upload = SimpleUploadedFile("fresh.txt", b"A fresh document. It has two sentences.")
    with django_capture_on_commit_callbacks(execute=True):  # the import task runs
        sent = api.post(f"/api/v1/corpora/{corpus.pk}/documents/", {"files": [upload]})
    assert sent.status_code == 202, sent.content
    [event] = hooked()
    assert event["type"] == "document.imported"
    assert event["data"]["name"] == "fresh.txt"


def test_segment_approved_and_document_completed_after_the_last_approval(
    corpus, reviewer, text_document, hooked
):
    document = text_document("One sentence here.\n\nAnd another.")
    assert [e["type"] for e in hooked()] == ["document.imported"]
    first, second = document.segments.order_by("position")
    api = token_client(reviewer)
    api.post(f"/api/v1/segments/{first.pk}/approve/", {"version": first.version})
    assert [(e["type"], e["data"]["segment"]) for e in hooked()] == [("segment.approved", first.pk)]
    answer = api.post(f"/api/v1/segments/{second.pk}/approve/", {"version": second.version})
    assert answer.status_code == 200, answer.content
    events = hooked()
    assert [e["type"] for e in events] == ["segment.approved", "document.completed"]
    assert events[1]["data"] == {"document": document.pk, "title": document.title}


def test_glossary_changed_after_an_edit_on_the_glossary_screen(client, corpus, make_user, hooked):
    editor = make_user("gina", "glossary admin", member_of=corpus)
    client.force_login(editor)
    created = client.post(
        reverse("glossary:new", args=[corpus.pk]),
        {"preferred": "new quality productive forces", "status": "approved", "scope": "corpus"},
    )
    assert created.status_code == 302, created.content[:300]
    [event] = hooked()
    assert event["type"] == "glossary.changed"
    assert event["data"]["preferred"] == "new quality productive forces"
