"""Failed token attempts go through the login limiter (django-axes): an address sending wrong or
revoked tokens is locked out as a wrong-password guesser is, the right token included, until the
cool-off ends or an admin unlocks it."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from api.services.tokens import create_token, revoke_token
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/api/v1/corpora/"
HERE, ELSEWHERE = "10.0.0.1", "10.0.0.2"


@pytest.fixture(autouse=True)
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def call(token: str, address: str = HERE):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(URL, REMOTE_ADDR=address)


def test_wrong_tokens_lock_the_address_out_with_a_problem_detail(translator):
    _, right = create_token(translator, "feed", "read")
    for number in range(2):
        assert call(f"rl_{number:012x}_guess").status_code == 401
    locked = call("rl_000000000009_guess")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/problem+json"
    body = locked.json()
    assert body["status"] == 429 and "locked here for 15 minutes" in body["detail"]
    assert locked["Retry-After"] == str(15 * 60)
    # The right token from the locked address is refused too, and nothing was looked up for it.
    refused = call(right)
    assert refused.status_code == 429 and "the right token" in refused.json()["detail"]
    assert call(right, ELSEWHERE).status_code == 200


def test_revoked_tokens_count_as_failures(translator):
    token, revoked = create_token(translator, "old feed", "read")
    revoke_token(token)
    _, right = create_token(translator, "new feed", "read")
    for _ in range(3):
        call(revoked)
    assert call(right).status_code == 429


def test_a_locked_address_is_refused_until_an_admin_resets_it(translator):
    _, right = create_token(translator, "feed", "read")
    for number in range(3):
        call(f"rl_{number:012x}_guess")
    assert call(right).status_code == 429
    assert AccessAttempt.objects.filter(ip_address=HERE).exists()  # what the admin lists
    call_command("axes_reset_ip", HERE, stdout=StringIO())
    assert call(right).status_code == 200


def test_fewer_failures_than_the_limit_leave_the_right_token_working(translator):
    _, right = create_token(translator, "feed", "read")
    for number in range(2):
        call(f"rl_{number:012x}_guess")
    assert call(right).status_code == 200


def test_token_and_password_failures_share_one_limit(client, translator):
    _, right = create_token(translator, "feed", "read")
    for number in range(2):
        call(f"rl_{number:012x}_guess")
    login = {"username": "tina", "password": "wrong"}
    locked = client.post(reverse("login"), login, REMOTE_ADDR=HERE)
    assert locked.status_code == 429 and "Too many failed logins" in locked.content.decode()
    assert call(right).status_code == 429
    right_login = {"username": "tina", "password": PASSWORD}
    assert client.post(reverse("login"), right_login, REMOTE_ADDR=HERE).status_code == 429
