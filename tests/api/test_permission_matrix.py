"""Every endpoint x every role x own and foreign corpus x read and write tokens.

Expectations are not written down per role: for a write, the screen doing the same thing is asked
with the same user, and the API must refuse exactly when the screen refuses. Every request runs
in a savepoint that is rolled back, so one user's write cannot change what the next one sees.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from annotate.models import Dismissal, Finding, Span
from api.models import WebhookDelivery, WebhookEndpoint
from corpus.assignments import Assignment
from corpus.models import Corpus, ImportBatch, Revision, Segment
from glossary.models import GlossaryTerm
from tests.api.conftest import token_client
from tests.api.endpoints import OPS, call, call_screen

pytestmark = pytest.mark.django_db

USERS = ["translator", "reviewer", "glossary admin", "project admin", "non-member"]


def fingerprint() -> tuple:
    """Everything the API can write, so a refused request can be shown to have written nothing."""
    return (
        list(Segment.objects.order_by("pk").values_list("pk", "text", "status", "version")),
        list(Span.objects.order_by("pk").values_list("pk", "start", "end", "label", "state")),
        list(Finding.objects.order_by("pk").values_list("pk", "dismissed")),
        Dismissal.objects.count(),
        Revision.objects.count(),
        list(GlossaryTerm.objects.order_by("pk").values_list("pk", "version", "status")),
        ImportBatch.objects.count(),
        list(WebhookEndpoint.objects.order_by("pk").values_list("pk", "url", "events", "active")),
        list(WebhookDelivery.objects.order_by("pk").values_list("pk", "state")),
        list(Corpus.objects.order_by("pk").values_list("pk", "name", "description", "archived_at")),
        list(Corpus.members.through.objects.order_by("pk").values_list("corpus_id", "user_id")),
        list(Group.user_set.through.objects.order_by("pk").values_list("user_id", "group_id")),
        list(Assignment.objects.order_by("pk").values_list("pk", "document_id", "translator_id")),
    )


def rolled_back(send, *args):
    with transaction.atomic():
        before = fingerprint()
        response = send(*args)
        response.wrote = fingerprint() != before
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_no_leak_and_no_write_the_screens_would_refuse(op, worlds):
    own, foreign, members = worlds
    wrote = False
    for who in USERS:
        user = members[who]
        screen = Client()
        screen.force_login(user)
        for scope in ("read", "write"):
            api = token_client(user, scope)
            for world in (own, foreign):
                where = f"{op.name}: {who}, {scope} token, {world.corpus.name}"
                response = rolled_back(call, api, op, world)
                assert response.status_code < 500, where
                if response.status_code >= 400:
                    assert response["Content-Type"] == "application/problem+json", where
                    assert not response.wrote, f"{where}: refused yet wrote"
                assert b"Foreign corpus" not in response.body, f"{where}: the foreign corpus leaked"
                if op.name == "corpus list":
                    assert response.status_code == 200, where
                    continue
                if op.writes and scope == "read":
                    # Refused before any lookup, so it says nothing about what exists.
                    assert response.status_code == 403, where
                    assert "read-only" in response.json()["detail"], where
                    continue
                if op.scoped and (who == "non-member" or world is foreign):
                    assert response.status_code == 404, f"{where}: {response.status_code}"
                    continue
                if op.rule is not None:
                    refused = not op.rule(user)
                    assert (response.status_code == 403) == refused, (
                        f"{where}: {response.body[:300]}"
                    )
                    assert response.status_code < 300 or refused, f"{where}: {response.body[:300]}"
                    wrote = wrote or response.wrote
                    continue
                if op.screen is None:
                    assert response.status_code == 200, f"{where}: {response.body[:300]}"
                    continue
                shown = rolled_back(call_screen, screen, op, world)
                screen_refuses = shown.status_code == 403
                assert (response.status_code == 403) == screen_refuses, (
                    f"{where}: API {response.status_code}, screen {shown.status_code}"
                )
                assert response.status_code != 404, where
                wrote = wrote or response.wrote
                if not screen_refuses:
                    # Allowed: the API did what the screen does (or refused with the same reason).
                    assert response.wrote == shown.wrote, (
                        f"{where}: API wrote {response.wrote}, screen wrote {shown.wrote}: "
                        f"{response.status_code} {response.body[:300]}"
                    )
    if op.writes:
        assert wrote, f"{op.name}: no role could write through it; the request is not a real one"
