"""Failed logins are limited per user name and per address (issue 13.3, django-axes)."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_right_password_is_refused_after_too_many_wrong_ones(client, translator):
    for _ in range(2):
        assert attempt(client, "tina", "wrong").status_code == 200  # the form, with its error
    locked = attempt(client, "tina", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed logins" in page and "0:15:00" in page
    refused = attempt(client, "tina", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_address_guessing_many_names_is_locked_out(client, translator, reviewer):
    for name in ("a", "b", "c"):
        attempt(client, name, "wrong", address="10.0.0.9")
    assert attempt(client, "rui", PASSWORD, address="10.0.0.9").status_code == 429
    # The same user from elsewhere is not punished for that address.
    assert attempt(client, "rui", PASSWORD, address="10.0.0.10").status_code == 302


def test_one_name_guessed_from_many_addresses_is_locked_out(client, translator):
    for number in range(3):
        attempt(client, "tina", "wrong", address=f"10.0.1.{number}")
    assert attempt(client, "tina", PASSWORD, address="10.0.2.1").status_code == 429


def test_an_admin_unlocks_with_axes_reset(client, translator):
    for _ in range(3):
        attempt(client, "tina", "wrong")
    assert AccessAttempt.objects.exists()
    call_command("axes_reset_username", "tina", stdout=StringIO())
    call_command("axes_reset_ip", "10.0.0.1", stdout=StringIO())
    assert attempt(client, "tina", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, translator):
    for _ in range(3):
        attempt(client, "tina", "wrong")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert attempt(client, "tina", PASSWORD).status_code == 302


def test_the_admin_lists_access_attempts(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    assert client.get("/admin/axes/accessattempt/").status_code == 200
