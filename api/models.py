"""Personal API tokens: shown once, stored as a sha256 digest, looked up by a short prefix."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", gettext_lazy("Read")
        WRITE = "write", gettext_lazy("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    # The prefix finds the row; the digest proves the secret. The secret itself is never stored.
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE


class WebhookEndpointQuerySet(models.QuerySet):
    def with_log_counts(self) -> WebhookEndpointQuerySet:
        """Each endpoint's deliveries by state and its last one's time, in the same query."""
        State = WebhookDelivery.State
        counts = {
            state: models.Count("deliveries", filter=models.Q(deliveries__state=state))
            for state in (State.DELIVERED, State.FAILED, State.PENDING)
        }
        return self.annotate(**counts, last_delivery_at=models.Max("deliveries__created_at"))


class WebhookEndpoint(models.Model):
    """A URL a project admin registered for a corpus's events, signed per Standard Webhooks."""

    class Event(models.TextChoices):
        DOCUMENT_IMPORTED = "document.imported", gettext_lazy("Document imported")
        SEGMENT_APPROVED = "segment.approved", gettext_lazy("Segment approved")
        DOCUMENT_COMPLETED = "document.completed", gettext_lazy("Document completed")
        EXPORT_READY = "export.ready", gettext_lazy("Export ready")
        GLOSSARY_CHANGED = "glossary.changed", gettext_lazy("Glossary changed")
        TEST = "test", gettext_lazy("Test event")

    corpus = models.ForeignKey("corpus.Corpus", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=500)
    events = models.JSONField(default=list)
    secret = models.CharField(max_length=100)  # whsec_…: the receiver needs it to verify
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["corpus", "id"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: the delivery log (status, attempts, last error)."""

    class State(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        DELIVERED = "delivered", gettext_lazy("Delivered")
        FAILED = "failed", gettext_lazy("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    message_id = models.CharField(max_length=40, unique=True)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.state})"

    def payload_text(self) -> str:
        """The payload as sent (the same JSON, indented for reading)."""
        return json.dumps(self.payload, indent=2, ensure_ascii=False)


class EventCursor(models.Model):
    """How far the event scan has read an append-only source (the highest id seen)."""

    source = models.CharField(max_length=40, unique=True)
    last_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.source} @ {self.last_id}"
