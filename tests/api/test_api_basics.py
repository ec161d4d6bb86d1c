"""Tokens, problem details, the edit conflict and the docs, end to end through HTTP."""

import pytest
from django.test import Client

from api.models import ApiToken
from api.services.tokens import create_token, revoke_token, token_for
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def test_a_token_is_stored_as_a_digest_and_found_by_its_text(translator):
    token, text = create_token(translator, "feed", "read")
    stored = ApiToken.objects.get(pk=token.pk)
    assert text.startswith(f"rl_{stored.prefix}_")
    secret = text.split("_", 2)[2]
    assert secret not in (stored.digest, stored.prefix) and len(stored.digest) == 64
    assert token_for(text) == stored
    assert token_for(text[:-1] + ("A" if text[-1] != "A" else "B")) is None
    revoke_token(stored)
    assert token_for(text) is None


def test_no_credentials_is_a_401_problem_with_a_hint(corpus):
    response = Client().get(f"{V1}/corpora/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and "Bearer" in body["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_bad_token_is_refused(corpus):
    response = Client(HTTP_AUTHORIZATION="Bearer rl_nothing_here").get(f"{V1}/corpora/")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_session_auth_works_for_the_browser(client, translator, corpus):
    client.force_login(translator)
    response = client.get(f"{V1}/corpora/")
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["results"]] == [corpus.name]


def test_edit_with_a_stale_version_is_a_409_with_both_texts(reviewer, seed_document):
    segment = seed_document.segments.order_by("position").first()
    api = token_client(reviewer)
    url = f"{V1}/segments/{segment.pk}/"
    first = api.patch(
        url,
        {"text": "First text.", "version": segment.version, "confirm": True},
        content_type="application/json",
    )
    assert first.status_code == 200, first.content
    assert first.json()["text"] == "First text." and first.json()["status"] == "edited"
    second = api.patch(
        url,
        {"text": "Second text.", "version": segment.version, "confirm": True},
        content_type="application/json",
    )
    assert second.status_code == 409
    body = second.json()
    assert second["Content-Type"] == "application/problem+json"
    assert body["current"]["text"] == "First text."
    assert body["yours"] == "Second text."
    segment.refresh_from_db()
    assert segment.text == "First text."


def test_an_edit_that_loses_a_figure_needs_confirming_as_on_the_screen(reviewer, seed_document):
    segment = seed_document.segments.filter(mt_text__contains="12").first()
    url = f"{V1}/segments/{segment.pk}/"
    body = {"text": "No figures left.", "version": segment.version}
    api = token_client(reviewer)
    refused = api.patch(url, body, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["numbers"]
    assert "confirm=true" in refused.json()["detail"]
    saved = api.patch(url, {**body, "confirm": True}, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["text"] == "No figures left."


def test_a_service_refusal_is_a_422_with_its_message(reviewer, seed_document):
    segment = seed_document.segments.order_by("position").first()
    response = token_client(reviewer).patch(
        f"{V1}/segments/{segment.pk}/",
        {"text": "  ", "version": segment.version, "confirm": True},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "cannot be empty" in response.json()["detail"]


def test_validation_errors_name_the_field(reviewer, seed_document):
    segment = seed_document.segments.first()
    response = token_client(reviewer).patch(
        f"{V1}/segments/{segment.pk}/", {"text": "x"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "version" in response.json()["errors"]


def test_docs_and_schema_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"openapi: 3" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/" in html
