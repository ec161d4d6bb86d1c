"""Webhooks: registration, events, and delivery by the task worker with retries and backoff.

Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature headers). A target
on a loopback, private, link-local, reserved or multicast address is refused when registered and
again at every delivery, after DNS resolution, so a name that later points inside the network
cannot be used to reach it (REDLINE_WEBHOOK_ALLOW_PRIVATE lifts this, for tests and intranets).
"""

from __future__ import annotations

import base64
import functools
import ipaddress
import secrets
import socket
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
import orjson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import default_task_backend, task
from standardwebhooks.webhooks import Webhook

from api.models import WebhookDelivery, WebhookEndpoint
from corpus.services import EditRefused

MAX_ATTEMPTS = 5
TIMEOUT = 10.0
URL_MAX = WebhookEndpoint._meta.get_field("url").max_length
Event = WebhookEndpoint.Event
State = WebhookDelivery.State


def _blocked(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_target(url: str) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a non-public address."""
    if len(url) > URL_MAX:
        raise EditRefused(
            gettext("The URL is %(n_url)s characters long; at most %(url_max)s are kept.")
            % {"n_url": len(url), "url_max": URL_MAX}
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EditRefused(gettext("“%(url)s” is not an http or https URL.") % {"url": url})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise EditRefused(
            gettext(
                "“%(url)s” is not a valid web address (e.g. https://example.org/hooks/redline)."
            )
            % {"url": url}
        ) from error
    if settings.REDLINE_WEBHOOK_ALLOW_PRIVATE:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise EditRefused(
            gettext("“%(parts_hostname)s” does not resolve (%(error)s).")
            % {"parts_hostname": parts.hostname, "error": error}
        ) from error
    inside = sorted({info[4][0] for info in infos if _blocked(info[4][0])})
    if inside:
        raise EditRefused(
            gettext(
                "“%(parts_hostname)s” resolves to %(inside)s, inside a private network; webhooks go to public addresses only."
            )
            % {"parts_hostname": parts.hostname, "inside": ", ".join(inside)}
        )


def _events(events: list[str]) -> list[str]:
    unknown = set(events) - set(Event.values)
    if not events or unknown:
        choices = ", ".join(Event.values)
        raise EditRefused(gettext("Choose events among: %(choices)s.") % {"choices": choices})
    return sorted(set(events))


def register(corpus, user, url: str, events: list[str]) -> WebhookEndpoint:
    events = _events(events)
    check_target(url)
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    return WebhookEndpoint.objects.create(
        corpus=corpus, url=url, events=events, secret=secret, created_by=user
    )


def update_endpoint(
    endpoint: WebhookEndpoint, *, url: str | None = None, events=None, active: bool | None = None
) -> WebhookEndpoint:
    """Change what was given; nothing is saved when any of it is refused."""
    if events is not None:
        events = _events(events)
    if url is not None and url != endpoint.url:
        check_target(url)
        endpoint.url = url
    endpoint.events = endpoint.events if events is None else events
    endpoint.active = endpoint.active if active is None else active
    endpoint.save(update_fields=["url", "events", "active"])
    return endpoint


def delete_endpoint(endpoint: WebhookEndpoint) -> None:
    endpoint.delete()  # its delivery log goes with it


def retry(delivery: WebhookDelivery) -> WebhookDelivery:
    """One more attempt now for a failed delivery (and the automatic ones it has left)."""
    if delivery.state != State.FAILED:
        raise EditRefused(
            gettext("Only a failed delivery is retried; this one is %(delivery_state)s.")
            % {"delivery_state": delivery.state}
        )
    if not delivery.endpoint.active:
        raise EditRefused(
            gettext("This endpoint is disabled: enable it before retrying its deliveries.")
        )
    with transaction.atomic():
        if WebhookDelivery.objects.filter(pk=delivery.pk, state=State.FAILED).update(
            state=State.PENDING
        ):
            transaction.on_commit(lambda: deliver_task.enqueue(delivery.pk))
    delivery.refresh_from_db()
    return delivery


def emit(corpus_id: int, event: str, data: dict, *, endpoints=None) -> list[WebhookDelivery]:
    """Queue the event for every active endpoint of the corpus that asked for it."""
    targets = endpoints
    if targets is None:
        active = WebhookEndpoint.objects.filter(corpus_id=corpus_id, active=True)
        targets = [e for e in active if event in e.events]
    now = timezone.now()
    deliveries = [
        WebhookDelivery(
            endpoint=endpoint,
            event=event,
            message_id=f"msg_{uuid.uuid4().hex}",
            payload={"type": event, "timestamp": now.isoformat(), "data": data},
        )
        for endpoint in targets
    ]
    with transaction.atomic():
        WebhookDelivery.objects.bulk_create(deliveries)
        for delivery in deliveries:
            transaction.on_commit(lambda pk=delivery.pk: deliver_task.enqueue(pk))
    return deliveries


def send_test(endpoint: WebhookEndpoint) -> WebhookDelivery:
    if not endpoint.active:
        raise EditRefused(
            gettext("This endpoint is disabled: enable it to send it events, tests included.")
        )
    [delivery] = emit(
        endpoint.corpus_id, "test", {"corpus": endpoint.corpus_id}, endpoints=[endpoint]
    )
    return delivery


def backoff(attempts: int) -> timedelta:
    """30 s, 2 min, 8 min, 32 min between attempts."""
    return timedelta(seconds=30 * 4 ** (attempts - 1))


def signed_headers(endpoint: WebhookEndpoint, delivery: WebhookDelivery, body: str) -> dict:
    now = timezone.now()
    return {
        "content-type": "application/json",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(endpoint.secret).sign(delivery.message_id, now, body),
    }


@functools.cache
def _client() -> httpx.Client:
    """One client per worker process: building one (its TLS context) costs more than a post."""
    # No redirects: a redirect could point inside the network, past check_target.
    return httpx.Client(timeout=TIMEOUT, follow_redirects=False)


def deliver(delivery_id: int) -> None:
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.state != WebhookDelivery.State.PENDING:
        return
    endpoint = delivery.endpoint
    if not endpoint.active:  # disabled since the event was queued: it must not be sent
        delivery.state, delivery.last_error = State.FAILED, "Not sent: the endpoint is disabled."
        delivery.save(update_fields=["state", "last_error"])
        return
    body = orjson.dumps(delivery.payload).decode()
    delivery.attempts += 1
    try:
        check_target(endpoint.url)  # again: DNS may have changed since registration
        response = _client().post(
            endpoint.url, content=body, headers=signed_headers(endpoint, delivery, body)
        )
        delivery.last_status = response.status_code
        ok = response.is_success
        delivery.last_error = "" if ok else f"HTTP {response.status_code}"
    except (EditRefused, httpx.HTTPError) as error:
        ok, delivery.last_error = False, str(error) or type(error).__name__
    if ok:
        delivery.state, delivery.delivered_at = WebhookDelivery.State.DELIVERED, timezone.now()
    elif delivery.attempts >= MAX_ATTEMPTS or not default_task_backend.supports_defer:
        delivery.state = WebhookDelivery.State.FAILED
    delivery.save()
    if delivery.state == WebhookDelivery.State.PENDING:
        later = timezone.now() + backoff(delivery.attempts)
        deliver_task.using(run_after=later).enqueue(delivery.pk)


@task()
def deliver_task(delivery_id: int) -> None:
    deliver(delivery_id)
