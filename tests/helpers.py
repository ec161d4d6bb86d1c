"""Helpers the view tests share (fixtures live in conftest.py)."""

from tests.conftest import PASSWORD

# The header django-htmx reads: the view answers with a fragment instead of a redirect.
HX = {"HTTP_HX_REQUEST": "true"}


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client
