"""Webhooks: private targets refused (also after DNS changes), Standard Webhooks signatures that a
receiver verifies, retries with backoff, and the delivery log."""

import json
import socket

import pytest
from django_tasks_db.models import DBTaskResult
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from api.models import WebhookDelivery, WebhookEndpoint
from api.services import webhooks
from api.services.events import scan
from corpus.models import Corpus
from corpus.services import EditRefused
from corpus.services.segments import set_status
from glossary.services.concepts import create_term
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/",
        "http://10.1.2.3/",
        "http://192.168.0.10/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "ftp://example.com/",
    ],
)
def test_targets_inside_the_network_are_refused(url, settings):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = False
    with pytest.raises(EditRefused):
        webhooks.check_target(url)


def test_a_public_address_is_accepted(settings):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = False
    webhooks.check_target("https://93.184.216.34/hook")  # an IP literal: no DNS needed


def test_delivery_checks_the_address_again_after_dns(
    corpus, project_admin, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = False
    endpoint = webhooks.register(corpus, project_admin, "https://93.184.216.34/hook", ["test"])
    # The name now resolves inside the network (DNS rebinding): nothing may be sent.
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, 1, 6, "", ("10.0.0.5", 443))]
    )
    sent = []
    monkeypatch.setattr(webhooks._client(), "post", lambda *a, **k: sent.append(a))
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhooks.send_test(endpoint)
    delivery.refresh_from_db()
    assert sent == [] and delivery.state == WebhookDelivery.State.FAILED
    assert "10.0.0.5" in delivery.last_error


def test_a_delivery_is_signed_so_the_receiver_can_verify_it(
    corpus, project_admin, receiver, settings, django_capture_on_commit_callbacks
):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = True
    url, received, _ = receiver
    api = token_client(project_admin)
    created = api.post(
        f"/api/v1/corpora/{corpus.pk}/webhooks/",
        {"url": url, "events": ["test", "segment.approved"]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(f"/api/v1/webhooks/{created.json()['id']}/test/")
    assert answer.status_code == 202
    [(headers, body)] = received
    payload = Webhook(secret).verify(body, {k.lower(): v for k, v in headers.items()})
    assert payload["type"] == "test" and payload["data"] == {"corpus": corpus.pk}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body + b" ", {k.lower(): v for k, v in headers.items()})
    log = api.get(f"/api/v1/webhooks/{created.json()['id']}/deliveries/").json()["results"]
    assert [(d["state"], d["attempts"], d["last_status"]) for d in log] == [("delivered", 1, 204)]


def test_a_failed_delivery_is_retried_later_with_backoff(
    corpus, project_admin, receiver, settings, django_capture_on_commit_callbacks
):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = True
    url, received, handler = receiver
    handler.status = 500
    endpoint = webhooks.register(corpus, project_admin, url, ["test"])
    delivery = webhooks.emit(corpus.pk, "test", {}, endpoints=[endpoint])[0]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("pending", 1, "HTTP 500")
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["args"] == [delivery.pk]
    wait = (retry.run_after - delivery.created_at).total_seconds()
    assert 25 < wait < 60
    for _ in range(webhooks.MAX_ATTEMPTS - 1):
        webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == "failed" and delivery.attempts == webhooks.MAX_ATTEMPTS
    assert len(received) == webhooks.MAX_ATTEMPTS


def test_only_project_admins_see_or_change_webhooks(corpus, translator, project_admin):
    endpoint = WebhookEndpoint.objects.create(corpus=corpus, url="https://x.test/", secret="s")
    api = token_client(translator)
    assert api.get(f"/api/v1/corpora/{corpus.pk}/webhooks/").status_code == 403
    assert api.get(f"/api/v1/webhooks/{endpoint.pk}/").status_code == 403
    assert api.delete(f"/api/v1/webhooks/{endpoint.pk}/").status_code == 403
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
    listed = token_client(project_admin).get(f"/api/v1/corpora/{corpus.pk}/webhooks/").json()
    assert [e["id"] for e in listed] == [endpoint.pk]
    assert json.dumps(listed)  # plain JSON


def test_history_becomes_events_for_the_corpora_that_asked(
    corpus, project_admin, reviewer, translator, text_document, make_user
):
    scan()  # the first scan starts from now
    endpoint = webhooks.register(
        corpus,
        project_admin,
        "https://93.184.216.34/hook",
        ["document.imported", "segment.approved", "document.completed", "glossary.changed"],
    )
    document = text_document("One sentence here.\n\nAnd another.")
    segments = list(document.segments.order_by("position"))
    for segment in segments:
        set_status(segment, "approved", segment.version, reviewer)
    create_term(project_admin, corpus=corpus, preferred="fresh term")
    other = Corpus.objects.create(name="Other")
    create_term(project_admin, corpus=other, preferred="not ours")
    assert scan() == 5
    events = list(
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .order_by("id")
        .values_list("event", flat=True)
    )
    assert events == [
        "document.imported",
        "segment.approved",
        "segment.approved",
        "document.completed",
        "glossary.changed",
    ]
    assert scan() == 0  # each change is sent once


def test_the_api_changes_disables_and_retries_with_the_screens_services(
    corpus, project_admin, settings
):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = False
    endpoint = webhooks.register(corpus, project_admin, "https://93.184.216.34/hook", ["test"])
    api = token_client(project_admin)
    url = f"/api/v1/webhooks/{endpoint.pk}/"
    refused = api.patch(url, {"url": "http://10.0.0.1/"}, content_type="application/json")
    assert refused.status_code == 422 and "10.0.0.1" in refused.json()["detail"]
    changed = api.patch(
        url, {"events": ["export.ready"], "active": False}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert (changed.json()["events"], changed.json()["active"]) == (["export.ready"], False)
    assert api.post(f"{url}test/").status_code == 422  # disabled: nothing is sent
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="test", message_id="msg_1", payload={}, state="failed"
    )
    retried = api.post(f"/api/v1/deliveries/{delivery.pk}/retry/")
    assert retried.status_code == 422 and "disabled" in retried.json()["detail"]
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.active) == ("https://93.184.216.34/hook", False)
    api.patch(url, {"active": True}, content_type="application/json")
    assert api.post(f"/api/v1/deliveries/{delivery.pk}/retry/").status_code == 202
    again = api.post(f"/api/v1/deliveries/{delivery.pk}/retry/")  # pending now: not failed
    assert again.status_code == 422 and "Only a failed delivery" in again.json()["detail"]


def test_nothing_queued_is_sent_once_the_endpoint_is_disabled(
    corpus, project_admin, receiver, settings
):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = True
    url, received, _ = receiver
    endpoint = webhooks.register(corpus, project_admin, url, ["segment.approved"])
    [delivery] = webhooks.emit(corpus.pk, "segment.approved", {"segment": 1})
    webhooks.update_endpoint(endpoint, active=False)  # before the worker got to it
    webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert received == []
    assert (delivery.state, delivery.attempts) == ("failed", 0)
    assert "disabled" in delivery.last_error


@pytest.mark.parametrize(
    "url, words",
    [("not a url", "is not an http or https URL"), ("https://exa mple.org/", "not a valid web")],
)
def test_the_api_refuses_bad_urls_with_the_screens_words(corpus, project_admin, url, words):
    api = token_client(project_admin)
    answer = api.post(
        f"/api/v1/corpora/{corpus.pk}/webhooks/",
        {"url": url, "events": ["test"]},
        content_type="application/json",
    )
    assert answer.status_code == 422 and words in answer.json()["detail"]
    assert not WebhookEndpoint.objects.exists()
