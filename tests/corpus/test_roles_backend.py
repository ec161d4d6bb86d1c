"""The login backend reads a user's roles with the user: no query of its own per request, and a
role taken away is gone on the next request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corpus import roles
from tests.helpers import login

pytestmark = pytest.mark.django_db


def _group_reads(queries) -> int:
    return sum('FROM "auth_group"' in q["sql"] and "EXISTS" not in q["sql"] for q in queries)


def test_roles_come_with_the_user(client, reviewer, corpus):
    login(client, reviewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("corpus:corpus_detail", args=[corpus.pk]))
    assert response.status_code == 200
    assert _group_reads(queries) == 0
    user = response.wsgi_request.user
    assert roles.roles_of(user) == {roles.REVIEWER}
    assert roles.can_review(user) and not roles.can_manage(user)


def test_a_role_taken_away_holds_from_the_next_request(client, reviewer, text_document):
    document = text_document("Jining grew fast.")
    segment = document.segments.get()
    login(client, reviewer)
    approve = reverse("annotate:segment_approve", args=[segment.pk])
    reviewer.groups.remove(Group.objects.get(name=roles.REVIEWER))
    response = client.post(approve, {"version": segment.version})
    assert response.status_code == 403
    segment.refresh_from_db()
    assert segment.status == segment.Status.MT


def test_roles_of_a_user_read_some_other_way_still_query(reviewer):
    # A user not loaded by the backend (a shell, the API's token auth) reads its groups itself.
    assert roles.roles_of(type(reviewer).objects.get(pk=reviewer.pk)) == {roles.REVIEWER}
