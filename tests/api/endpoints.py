"""Every API operation, with how to call it on a World and, for writes, the screen that does the
same thing, so the permission matrix can ask both and compare."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corpus import roles

V1 = "/api/v1"
JSON = "application/json"
MULTIPART = "multipart"


def _upload():
    return SimpleUploadedFile("new.txt", b"A brand new document. It has two sentences.")


def _glossary_csv():
    return SimpleUploadedFile("terms.csv", b"preferred,source\nfresh concept,\n")


@dataclass
class Op:
    name: str
    method: str
    path: Callable  # World -> API path
    body: Callable = lambda w: None  # World -> request body
    kind: str = JSON
    screen: Callable | None = None  # World -> (url, data) of the screen doing the same
    rule: Callable | None = None  # user -> allowed, for the API-only resources (no screen)
    scoped: bool = True  # False: about no one corpus (creating one), so only roles decide
    extra: dict = field(default_factory=dict)

    @property
    def writes(self) -> bool:
        return self.method not in ("GET", "HEAD", "OPTIONS")


def _seg(w):
    return w.segment


OPS = [
    Op("corpus list", "GET", lambda w: f"{V1}/corpora/"),
    Op("corpus detail", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/"),
    Op(
        "corpus create",
        "POST",
        lambda w: f"{V1}/corpora/",
        lambda w: {"name": "Brand new corpus"},
        screen=lambda w: (reverse("annotate:corpus_new"), {"name": "Brand new corpus"}),
        scoped=False,
    ),
    Op(
        "corpus update",
        "PATCH",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/",
        lambda w: {"description": "now described"},
        screen=lambda w: (
            reverse("corpus:corpus_settings", args=[w.corpus.pk]),
            {"name": w.corpus.name, "description": "now described"},
        ),
    ),
    Op(
        "corpus archive",
        "PATCH",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/",
        lambda w: {"archived": True},
        screen=lambda w: (reverse("corpus:corpus_archive", args=[w.corpus.pk]), {}),
    ),
    Op("members", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/members/"),
    Op(
        "member add",
        "POST",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/members/",
        lambda w: {"username": "newcomer", "roles": [roles.TRANSLATOR]},
        screen=lambda w: (
            reverse("corpus:member_add", args=[w.corpus.pk]),
            {"username": "newcomer", "roles": [roles.TRANSLATOR]},
        ),
    ),
    Op(
        "member roles",
        "PATCH",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/members/{w.member.pk}/",
        lambda w: {"roles": [roles.REVIEWER]},
        screen=lambda w: (
            reverse("corpus:member_roles", args=[w.corpus.pk, w.member.pk]),
            {"roles": [roles.REVIEWER]},
        ),
    ),
    Op(
        "member remove",
        "DELETE",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/members/{w.member.pk}/",
        screen=lambda w: (reverse("corpus:member_remove", args=[w.corpus.pk, w.member.pk]), {}),
    ),
    Op("labels", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/labels/"),
    Op("documents", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/documents/"),
    Op(
        "upload",
        "POST",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/documents/",
        lambda w: {"files": [_upload()]},
        kind=MULTIPART,
        screen=lambda w: (
            reverse("corpus:import_files", args=[w.corpus.pk]),
            {"files": [_upload()]},
        ),
    ),
    Op("corpus segments", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/segments/"),
    Op("concepts", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/glossary/"),
    Op(
        "concept create",
        "POST",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/glossary/",
        lambda w: {"preferred": "brand new concept"},
        screen=lambda w: (
            reverse("glossary:new", args=[w.corpus.pk]),
            {"preferred": "brand new concept", "status": "approved", "scope": "corpus"},
        ),
    ),
    Op("concept", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/glossary/{w.term.pk}/"),
    Op(
        "concept update",
        "PATCH",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/glossary/{w.term.pk}/",
        lambda w: {"definition": "now defined"},
        screen=lambda w: (
            reverse("glossary:edit", args=[w.corpus.pk, w.term.pk]),
            {"preferred": w.term.preferred, "status": "approved", "definition": "now defined"},
        ),
    ),
    Op("glossary csv", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/glossary/file/?format=csv"),
    Op(
        "glossary import",
        "POST",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/glossary/import/",
        lambda w: {"file": _glossary_csv(), "scope": "corpus"},
        kind=MULTIPART,
        screen=lambda w: (
            reverse("glossary:import", args=[w.corpus.pk]),
            {"file": _glossary_csv(), "scope": "corpus"},
        ),
    ),
    Op(
        "export",
        "GET",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/export/?format=redline-jsonl",
        screen=lambda w: (
            reverse("export:download", args=[w.corpus.pk]) + "?format=redline-jsonl",
            None,
        ),
    ),
    Op("import batch", "GET", lambda w: f"{V1}/imports/{w.batch.pk}/"),
    Op("document", "GET", lambda w: f"{V1}/documents/{w.document.pk}/"),
    Op("raw text", "GET", lambda w: f"{V1}/documents/{w.document.pk}/raw/"),
    Op("current text", "GET", lambda w: f"{V1}/documents/{w.document.pk}/text/"),
    Op("document segments", "GET", lambda w: f"{V1}/documents/{w.document.pk}/segments/"),
    Op("findings", "GET", lambda w: f"{V1}/documents/{w.document.pk}/findings/"),
    Op("segment", "GET", lambda w: f"{V1}/segments/{w.segment.pk}/"),
    Op(
        "segment edit",
        "PATCH",
        lambda w: f"{V1}/segments/{w.segment.pk}/",
        lambda w: {"text": w.segment.text + " Indeed.", "version": w.segment.version},
        screen=lambda w: (
            reverse("annotate:segment_edit", args=[w.segment.pk]),
            {"text": w.segment.text + " Indeed.", "version": w.segment.version},
        ),
    ),
    Op(
        "approve",
        "POST",
        lambda w: f"{V1}/segments/{w.segment.pk}/approve/",
        lambda w: {"version": w.segment.version},
        screen=lambda w: (
            reverse("annotate:segment_approve", args=[w.segment.pk]),
            {"version": w.segment.version},
        ),
    ),
    Op(
        "reject",
        "POST",
        lambda w: f"{V1}/segments/{w.segment.pk}/reject/",
        lambda w: {"version": w.segment.version},
        screen=lambda w: (
            reverse("annotate:segment_reject", args=[w.segment.pk]),
            {"version": w.segment.version, "category": "style", "severity": "minor"},
        ),
    ),
    Op("spans", "GET", lambda w: f"{V1}/segments/{w.segment.pk}/spans/"),
    Op(
        "span create",
        "POST",
        lambda w: f"{V1}/segments/{w.segment.pk}/spans/",
        lambda w: {"start": 10, "end": 14, "label": "ORG"},
        screen=lambda w: (
            reverse("annotate:span_add", args=[w.segment.pk]),
            {"start": 10, "end": 14, "label": "ORG"},
        ),
    ),
    Op("span", "GET", lambda w: f"{V1}/spans/{w.span.pk}/"),
    Op(
        "span relabel",
        "PATCH",
        lambda w: f"{V1}/spans/{w.span.pk}/",
        lambda w: {"label": "GPE"},
        screen=lambda w: (reverse("annotate:span_relabel", args=[w.span.pk]), {"label": "GPE"}),
    ),
    Op(
        "span delete",
        "DELETE",
        lambda w: f"{V1}/spans/{w.span.pk}/",
        screen=lambda w: (reverse("annotate:span_delete", args=[w.span.pk]), {}),
    ),
    Op(
        "span accept",
        "POST",
        lambda w: f"{V1}/spans/{w.suggestion.pk}/accept/",
        screen=lambda w: (reverse("annotate:span_accept", args=[w.suggestion.pk]), {}),
    ),
    Op(
        "span reject",
        "POST",
        lambda w: f"{V1}/spans/{w.suggestion.pk}/reject/",
        screen=lambda w: (reverse("annotate:span_reject", args=[w.suggestion.pk]), {}),
    ),
    Op(
        "finding fix",
        "POST",
        lambda w: f"{V1}/findings/{w.finding.pk}/fix/",
        lambda w: {"version": w.segment.version},
        screen=lambda w: (
            reverse("annotate:finding_fix", args=[w.finding.pk]),
            {"version": w.segment.version},
        ),
    ),
    Op(
        "finding dismiss",
        "POST",
        lambda w: f"{V1}/findings/{w.finding.pk}/dismiss/",
        lambda w: {"reason": "fine"},
        screen=lambda w: (
            reverse("annotate:finding_dismiss", args=[w.finding.pk]),
            {"reason": "fine"},
        ),
    ),
    Op("job", "GET", lambda w: f"{V1}/jobs/{w.job.pk}/"),
    Op("assignments", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/assignments/"),
    Op(
        "assign",
        "POST",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/assignments/",
        lambda w: {"document": w.document.pk, "translator": w.member.username},
        screen=lambda w: (
            reverse("corpus:assignments", args=[w.corpus.pk]),
            {"document": w.document.pk, "translator": w.member.pk},
        ),
    ),
    Op("assignment", "GET", lambda w: f"{V1}/assignments/{w.assignment.pk}/"),
    Op(
        "unassign",
        "DELETE",
        lambda w: f"{V1}/assignments/{w.assignment.pk}/",
        screen=lambda w: (
            reverse("corpus:assignment_delete", args=[w.corpus.pk, w.assignment.pk]),
            {},
        ),
    ),
    Op("my work", "GET", lambda w: f"{V1}/me/work/", scoped=False),
    Op(
        "review queue",
        "GET",
        lambda w: f"{V1}/me/review-queue/",
        scoped=False,
        rule=roles.can_review,
    ),
    Op("webhooks", "GET", lambda w: f"{V1}/corpora/{w.corpus.pk}/webhooks/", rule=roles.can_manage),
    Op(
        "webhook create",
        "POST",
        lambda w: f"{V1}/corpora/{w.corpus.pk}/webhooks/",
        lambda w: {"url": "https://93.184.216.34/hook", "events": ["test"]},
        rule=roles.can_manage,
    ),
    Op("webhook", "GET", lambda w: f"{V1}/webhooks/{w.webhook.pk}/", rule=roles.can_manage),
    Op(
        "webhook change",
        "PATCH",
        lambda w: f"{V1}/webhooks/{w.webhook.pk}/",
        lambda w: {"events": ["test", "export.ready"], "active": False},
        rule=roles.can_manage,
    ),
    Op(
        "delivery retry",
        "POST",
        lambda w: f"{V1}/deliveries/{w.delivery.pk}/retry/",
        rule=roles.can_manage,
    ),
    Op(
        "webhook delete",
        "DELETE",
        lambda w: f"{V1}/webhooks/{w.webhook.pk}/",
        rule=roles.can_manage,
    ),
    Op(
        "deliveries",
        "GET",
        lambda w: f"{V1}/webhooks/{w.webhook.pk}/deliveries/",
        rule=roles.can_manage,
    ),
]


def call(client, op: Op, world):
    """Send the operation; the body is consumed here, so a streamed answer is complete."""
    path, body = op.path(world), op.body(world)
    send = getattr(client, op.method.lower())
    if op.kind == MULTIPART:
        response = send(path, body)
    elif body is None:
        response = send(path)
    else:
        response = send(path, body, content_type=JSON)
    response.body = b"".join(response.streaming_content) if response.streaming else response.content
    return response


def call_screen(client, op: Op, world):
    url, data = op.screen(world)
    response = client.get(url) if op.method == "GET" else client.post(url, data)
    if response.streaming:
        b"".join(response.streaming_content)
    return response
