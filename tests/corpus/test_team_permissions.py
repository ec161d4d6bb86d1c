"""Every URL of the corpus settings and members screens x every role x own and foreign corpus.

Anonymous visitors are sent to the login; a corpus one is not a member of does not exist (404);
members without the project admin role are refused (403); project admins of the corpus and
superusers get through. A refused request writes nothing; each request runs in a savepoint that
is rolled back, so one user's change cannot alter what the next one sees.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse

from corpus import roles
from corpus.assignments import Assignment
from corpus.models import Corpus
from tests.conftest import SEED_FILES, import_file

pytestmark = pytest.mark.django_db

WHO = ["anonymous", "translator", "reviewer", "glossary admin", "project admin", "superuser"]


@dataclass
class Side:
    corpus: Corpus
    translator: object
    document: object
    assignment: Assignment


@dataclass
class Url:
    name: str
    method: str
    url: object  # Side -> URL
    data: object = None  # Side -> POST data
    archived_first: bool = False
    scoped: bool = True  # False: not about one corpus (only the role decides)
    may: tuple = ("project admin",)  # the roles (besides superusers) that get through


URLS = [
    Url("new corpus page", "GET", lambda s: reverse("annotate:corpus_new"), scoped=False),
    Url(
        "new corpus",
        "POST",
        lambda s: reverse("annotate:corpus_new"),
        lambda s: {"name": "Brand new"},
        scoped=False,
    ),
    Url("settings page", "GET", lambda s: reverse("corpus:corpus_settings", args=[s.corpus.pk])),
    Url(
        "save settings",
        "POST",
        lambda s: reverse("corpus:corpus_settings", args=[s.corpus.pk]),
        lambda s: {"name": s.corpus.name + " renamed", "description": "new"},
    ),
    Url("archive", "POST", lambda s: reverse("corpus:corpus_archive", args=[s.corpus.pk])),
    Url(
        "unarchive",
        "POST",
        lambda s: reverse("corpus:corpus_unarchive", args=[s.corpus.pk]),
        archived_first=True,
    ),
    Url(
        "add member",
        "POST",
        lambda s: reverse("corpus:member_add", args=[s.corpus.pk]),
        lambda s: {"username": "newcomer", "roles": [roles.TRANSLATOR]},
    ),
    Url(
        "change roles",
        "POST",
        lambda s: reverse("corpus:member_roles", args=[s.corpus.pk, s.translator.pk]),
        lambda s: {"roles": [roles.REVIEWER]},
    ),
    Url("assignments page", "GET", lambda s: reverse("corpus:assignments", args=[s.corpus.pk])),
    Url(
        "assign",
        "POST",
        lambda s: reverse("corpus:assignments", args=[s.corpus.pk]),
        lambda s: {"document": s.document.pk, "translator": s.translator.pk},
    ),
    Url(
        "unassign",
        "POST",
        lambda s: reverse("corpus:assignment_delete", args=[s.corpus.pk, s.assignment.pk]),
    ),
    Url(
        "review queue",
        "GET",
        lambda s: reverse("corpus:review_queue"),
        scoped=False,
        may=("reviewer", "project admin"),
    ),
    Url(
        "remove member",
        "POST",
        lambda s: reverse("corpus:member_remove", args=[s.corpus.pk, s.translator.pk]),
    ),
]


def fingerprint() -> tuple:
    return (
        list(Corpus.objects.order_by("pk").values_list("pk", "name", "description", "archived_at")),
        list(Corpus.members.through.objects.order_by("pk").values_list("corpus_id", "user_id")),
        list(Group.user_set.through.objects.order_by("pk").values_list("user_id", "group_id")),
        list(Assignment.objects.order_by("pk").values_list("pk", "document_id", "translator_id")),
    )


@pytest.fixture
def world(corpus, make_user):
    users = {
        "translator": make_user("t", roles.TRANSLATOR, member_of=corpus),
        "reviewer": make_user("r", roles.REVIEWER, member_of=corpus),
        "glossary admin": make_user("g", roles.GLOSSARY_ADMIN, member_of=corpus),
        "project admin": make_user("p", roles.PROJECT_ADMIN, member_of=corpus),
        "superuser": make_user("s"),
    }
    users["superuser"].is_superuser = True
    users["superuser"].save()
    make_user("newcomer")
    foreign = Corpus.objects.create(name="Foreign corpus")
    make_user("fp", roles.PROJECT_ADMIN, member_of=foreign)
    own = side(corpus, users["translator"])
    other = side(foreign, make_user("ft", roles.TRANSLATOR, member_of=foreign))
    return own, other, users


def side(corpus: Corpus, translator) -> Side:
    document = import_file(corpus, SEED_FILES[1])
    assignment = Assignment.objects.create(document=document, translator=translator)
    return Side(corpus, translator, document, assignment)


def expected(who: str, side_is_own: bool, url: Url) -> str:
    if who == "anonymous":
        return "login"
    if who == "superuser":
        return "allowed"
    if url.scoped and not side_is_own:
        return "missing"
    return "allowed" if who in url.may else "refused"


def send(client: Client, url: Url, side: Side):
    with transaction.atomic():
        if url.archived_first:
            Corpus.objects.filter(pk=side.corpus.pk).update(archived_at="2026-01-01T00:00Z")
        before = fingerprint()
        path = url.url(side)
        data = url.data(side) if url.data else {}
        response = client.get(path) if url.method == "GET" else client.post(path, data)
        response.wrote = fingerprint() != before
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("url", URLS, ids=[u.name for u in URLS])
def test_settings_and_members_urls_by_role_and_corpus(url, world):
    own, other, users = world
    for who in WHO:
        client = Client()
        if who != "anonymous":
            client.force_login(users[who])
        for side in (own, other):
            where = f"{url.name}: {who}, {side.corpus.name}"
            response = send(client, url, side)
            outcome = expected(who, side is own, url)
            if outcome == "login":
                assert response.status_code == 302, where
                assert response["Location"].startswith(reverse("login")), where
            elif outcome == "missing":
                assert response.status_code == 404, where
            elif outcome == "refused":
                assert response.status_code == 403, where
            else:
                assert response.status_code in (200, 302), f"{where}: {response.status_code}"
                assert response.wrote == (url.method == "POST"), where
            if outcome != "allowed":
                assert not response.wrote, f"{where}: refused yet wrote"
