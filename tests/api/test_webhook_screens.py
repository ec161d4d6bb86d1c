"""The webhook screens: project admins of a corpus register, edit, disable and delete endpoints,
see the secret, read the delivery log, retry and test; everyone else is refused and nothing
changes; bad URLs are refused with a message naming what is wrong."""

import pytest
from django.urls import reverse
from standardwebhooks.webhooks import Webhook

from api.models import WebhookDelivery, WebhookEndpoint
from api.services import webhooks
from corpus import roles
from corpus.models import Corpus

pytestmark = pytest.mark.django_db
PUBLIC = "https://93.184.216.34/hook"
EVENTS = ["document.imported", "export.ready"]


@pytest.fixture
def admin_client(client, project_admin):
    client.force_login(project_admin)
    return client


@pytest.fixture
def endpoint(corpus, project_admin):
    return webhooks.register(corpus, project_admin, PUBLIC, ["segment.approved"])


def state() -> list:
    endpoints = WebhookEndpoint.objects.order_by("pk").values_list("pk", "url", "events", "active")
    deliveries = WebhookDelivery.objects.order_by("pk").values_list("pk", "state", "attempts")
    return [list(endpoints), list(deliveries)]


def failed_delivery(endpoint) -> WebhookDelivery:
    delivery = webhooks.emit(endpoint.corpus_id, "test", {}, endpoints=[endpoint])[0]
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state="failed", attempts=5, last_error="HTTP 500"
    )
    return delivery


def test_the_corpus_page_links_to_webhooks_for_project_admins_only(
    client, corpus, reviewer, project_admin
):
    link = reverse("api:webhooks-page", args=[corpus.pk])
    page = reverse("corpus:corpus_detail", args=[corpus.pk])
    client.force_login(reviewer)
    assert link not in client.get(page).content.decode()
    client.force_login(project_admin)
    assert link in client.get(page).content.decode()


def test_an_admin_registers_an_endpoint_and_sees_its_secret(admin_client, corpus, settings):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = False
    url = reverse("api:webhooks-page", args=[corpus.pk])
    response = admin_client.post(url, {"url": PUBLIC, "events": EVENTS})
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert (endpoint.url, endpoint.events, endpoint.corpus) == (PUBLIC, EVENTS, corpus)
    page = admin_client.get(response.url)
    assert endpoint.secret in page.content.decode() and page["Cache-Control"] == "no-store"
    # Shown with the creation once; afterwards only on demand.
    assert endpoint.secret not in admin_client.get(response.url).content.decode()
    shown = admin_client.post(reverse("api:webhook-secret", args=[endpoint.pk]))
    assert endpoint.secret in shown.content.decode()
    listing = admin_client.get(url).content.decode()
    assert PUBLIC in listing and "document.imported, export.ready" in listing


@pytest.mark.parametrize(
    "bad, message",
    [
        ("http://127.0.0.1:8000/hook", "127.0.0.1, inside a private network"),
        ("http://10.1.2.3/", "10.1.2.3, inside a private network"),
        ("http://169.254.169.254/latest/", "169.254.169.254, inside a private network"),
        ("ftp://example.org/", "is not an http or https URL"),
        ("not a url", "is not an http or https URL"),
        ("https://exa mple.org/", "is not a valid web address"),
    ],
)
def test_bad_urls_are_refused_with_what_is_wrong(admin_client, corpus, settings, bad, message):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = False
    before = state()
    url = reverse("api:webhooks-page", args=[corpus.pk])
    response = admin_client.post(url, {"url": bad, "events": EVENTS})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert state() == before


def test_no_events_is_refused(admin_client, corpus):
    url = reverse("api:webhooks-page", args=[corpus.pk])
    response = admin_client.post(url, {"url": PUBLIC})
    assert response.status_code == 422 and "Tick at least one event" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_a_private_address_is_accepted_when_the_setting_allows_it(admin_client, corpus, settings):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = True
    url = reverse("api:webhooks-page", args=[corpus.pk])
    admin_client.post(url, {"url": "http://10.1.2.3/hook", "events": EVENTS})
    assert WebhookEndpoint.objects.get().url == "http://10.1.2.3/hook"


def test_an_admin_edits_disables_and_deletes(admin_client, endpoint, settings):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = False
    edit = reverse("api:webhook-edit", args=[endpoint.pk])
    changed = {"url": "https://93.184.216.35/other", "events": EVENTS}  # "active" unticked
    assert admin_client.post(edit, changed).status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events, endpoint.active) == (changed["url"], EVENTS, False)
    # A disabled endpoint gets nothing, the test event included.
    admin_client.post(reverse("api:webhook-send-test", args=[endpoint.pk]))
    assert not WebhookDelivery.objects.exists()
    refused = admin_client.post(edit, {"url": "http://192.168.1.1/", "events": EVENTS})
    assert refused.status_code == 422 and "192.168.1.1" in refused.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.url == changed["url"]
    delete = reverse("api:webhook-delete", args=[endpoint.pk])
    admin_client.post(delete)  # not confirmed
    assert WebhookEndpoint.objects.exists()
    assert admin_client.post(delete, {"confirm": "yes"}).status_code == 302
    assert not WebhookEndpoint.objects.exists()


def test_send_test_event_and_retry_from_the_log(
    admin_client, corpus, project_admin, receiver, settings, django_capture_on_commit_callbacks
):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = True
    url, received, _ = receiver
    endpoint = webhooks.register(corpus, project_admin, url, ["segment.approved"])
    page_url = reverse("api:webhook-page", args=[endpoint.pk])
    with django_capture_on_commit_callbacks(execute=True):
        sent = admin_client.post(reverse("api:webhook-send-test", args=[endpoint.pk]))
    assert sent.url == page_url
    # The worker sends it after the request (here: when the test's transaction "commits").
    assert "Test event queued" in admin_client.get(page_url).content.decode()
    [(headers, body)] = received
    payload = Webhook(endpoint.secret).verify(body, {k.lower(): v for k, v in headers.items()})
    assert payload["type"] == "test"
    failed = failed_delivery(endpoint)
    page = admin_client.get(page_url).content.decode()
    assert (
        "HTTP 204" in page
        and "HTTP 500" in page
        and "Retry" in page
        and "&quot;type&quot;: &quot;test&quot;" in page
    )
    with django_capture_on_commit_callbacks(execute=True):
        retried = admin_client.post(reverse("api:delivery-retry-page", args=[failed.pk]))
    assert retried.url == page_url
    failed.refresh_from_db()
    assert (failed.state, failed.attempts, len(received)) == ("delivered", 6, 2)


@pytest.mark.parametrize("who", ["translator", "reviewer", "glossary admin", "foreign admin"])
def test_everyone_else_is_refused_and_nothing_changes(client, corpus, endpoint, make_user, who):
    if who == "foreign admin":
        user = make_user("fay", roles.PROJECT_ADMIN, member_of=Corpus.objects.create(name="F"))
    else:
        user = make_user(who.replace(" ", "_"), who, member_of=corpus)
    client.force_login(user)
    failed = failed_delivery(endpoint)
    expected = 404 if who == "foreign admin" else 403
    before = state()
    gets = [
        reverse("api:webhooks-page", args=[corpus.pk]),
        reverse("api:webhook-page", args=[endpoint.pk]),
    ]
    posts = [
        (reverse("api:webhooks-page", args=[corpus.pk]), {"url": PUBLIC, "events": EVENTS}),
        (reverse("api:webhook-edit", args=[endpoint.pk]), {"url": PUBLIC, "events": EVENTS}),
        (reverse("api:webhook-delete", args=[endpoint.pk]), {"confirm": "yes"}),
        (reverse("api:webhook-secret", args=[endpoint.pk]), {}),
        (reverse("api:webhook-send-test", args=[endpoint.pk]), {}),
        (reverse("api:delivery-retry-page", args=[failed.pk]), {}),
    ]
    for url in gets:
        response = client.get(url)
        assert response.status_code == expected, url
        assert endpoint.secret not in response.content.decode()
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == expected, url
        assert endpoint.secret not in response.content.decode()
    assert state() == before
