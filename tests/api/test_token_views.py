"""The API tokens page: create (shown once), list, revoke; each user sees only their own."""

import pytest
from django.test import Client

from api.models import ApiToken
from tests.api.conftest import token_client
from tests.helpers import login

pytestmark = pytest.mark.django_db

PAGE = "/api/tokens/"


def test_a_new_token_is_shown_once_and_works_with_its_scope(client, translator, seed_document):
    login(client, translator)
    response = client.post(PAGE, {"name": "nightly feed", "scope": "read"}, follow=True)
    assert response.redirect_chain and response["Cache-Control"] == "no-store"
    text = response.context["new"]["text"]
    assert text in response.content.decode()
    assert text not in client.get(PAGE).content.decode()  # never again
    api = Client(HTTP_AUTHORIZATION=f"Bearer {text}")
    assert api.get("/api/v1/corpora/").status_code == 200
    segment = seed_document.segments.first()
    write = api.patch(
        f"/api/v1/segments/{segment.pk}/",
        {"text": "x", "version": segment.version},
        content_type="application/json",
    )
    assert write.status_code == 403 and "read-only" in write.json()["detail"]


def test_a_revoked_token_is_refused(client, reviewer):
    login(client, reviewer)
    text = client.post(PAGE, {"name": "ci", "scope": "write"}, follow=True).context["new"]["text"]
    token = ApiToken.objects.get(user=reviewer)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {text}")
    assert api.get("/api/v1/corpora/").status_code == 200
    client.post(f"/api/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = api.post(
        "/api/v1/segments/1/approve/", {"version": 1}, content_type="application/json"
    )
    assert refused.status_code == 401
    assert api.get("/api/v1/corpora/").status_code == 401


def test_nobody_revokes_or_sees_another_users_token(client, translator, reviewer):
    api = token_client(reviewer)
    token = ApiToken.objects.get(user=reviewer)
    login(client, translator)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    assert token.name not in client.get(PAGE).content.decode()
    assert api.get("/api/v1/corpora/").status_code == 200


def test_a_nameless_token_is_refused_with_a_reason(client, translator):
    login(client, translator)
    response = client.post(PAGE, {"name": "   ", "scope": "write"})
    assert response.status_code == 200 and "new" not in response.context
    assert (
        "Give the token a name" in response.content.decode()
        or "required" in response.content.decode()
    )
    assert not ApiToken.objects.exists()


def test_the_page_needs_a_login():
    response = Client().get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
