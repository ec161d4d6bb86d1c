"""Corpora and members through the API: the settings screen's services, errors as problem details
that say what was wrong, and nothing written on a refusal."""

import pytest

from corpus import roles
from corpus.models import Corpus
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db
V1 = "/api/v1"
JSON = "application/json"


@pytest.fixture
def api(project_admin):
    return token_client(project_admin)


def test_create_rename_archive_and_unarchive(api, project_admin):
    created = api.post(f"{V1}/corpora/", {"name": "Made by a script"}, content_type=JSON)
    assert created.status_code == 201, created.content
    body = created.json()
    corpus = Corpus.objects.get(pk=body["id"])
    assert body["name"] == "Made by a script" and body["archived_at"] is None
    assert corpus.members.filter(pk=project_admin.pk).exists() and corpus.labels.exists()
    renamed = api.patch(
        f"{V1}/corpora/{corpus.pk}/",
        {"name": "Renamed", "export_allow_reviewers": True, "forbid_self_approval": None},
        content_type=JSON,
    )
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Renamed" and renamed.json()["export_allow_reviewers"]
    archived = api.patch(f"{V1}/corpora/{corpus.pk}/", {"archived": True}, content_type=JSON)
    assert archived.json()["archived_at"] is not None
    listed = [c["id"] for c in api.get(f"{V1}/corpora/").json()["results"]]
    assert corpus.pk not in listed
    refused = api.patch(f"{V1}/corpora/{corpus.pk}/", {"description": "x"}, content_type=JSON)
    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    assert "is archived, so it is read-only" in refused.json()["detail"]
    # Unarchive and change in one request: the unarchive goes first.
    back = api.patch(
        f"{V1}/corpora/{corpus.pk}/", {"archived": False, "description": "x"}, content_type=JSON
    )
    assert back.status_code == 200 and back.json()["description"] == "x"


def test_a_duplicate_name_is_a_problem_naming_it(api, corpus):
    before = Corpus.objects.count()
    response = api.post(f"{V1}/corpora/", {"name": "TEST CORPUS"}, content_type=JSON)
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "A corpus named “TEST CORPUS” already exists; choose another name."
    )
    assert Corpus.objects.count() == before


def test_a_malformed_body_names_the_field(api):
    response = api.post(f"{V1}/corpora/", {"description": "no name"}, content_type=JSON)
    assert response.status_code == 400
    assert "name" in response.json()["errors"]


def test_members_add_change_remove(api, corpus, translator, make_user):
    make_user("nina")
    added = api.post(
        f"{V1}/corpora/{corpus.pk}/members/",
        {"username": "nina", "roles": [roles.REVIEWER]},
        content_type=JSON,
    )
    assert added.status_code == 201
    assert {"username": "nina", "roles": [roles.REVIEWER]}.items() <= next(
        m for m in added.json() if m["username"] == "nina"
    ).items()
    changed = api.patch(
        f"{V1}/corpora/{corpus.pk}/members/{translator.pk}/",
        {"roles": [roles.REVIEWER, roles.GLOSSARY_ADMIN]},
        content_type=JSON,
    )
    assert changed.status_code == 200
    assert set(translator.groups.values_list("name", flat=True)) == {
        roles.REVIEWER,
        roles.GLOSSARY_ADMIN,
    }
    removed = api.delete(f"{V1}/corpora/{corpus.pk}/members/{translator.pk}/")
    assert removed.status_code == 204
    assert not corpus.members.filter(pk=translator.pk).exists()


@pytest.mark.parametrize(
    "body, status, problem",
    [
        ({"username": "ghost", "roles": [roles.TRANSLATOR]}, 422, "no active user named “ghost”"),
        ({"username": "nina", "roles": ["boss"]}, 400, None),
        ({"username": "nina", "roles": []}, 400, None),
        ({"username": "tina", "roles": [roles.TRANSLATOR]}, 422, "tina is already a member"),
    ],
)
def test_bad_member_add_is_refused(api, corpus, translator, make_user, body, status, problem):
    make_user("nina")
    before = list(corpus.members.values_list("pk", flat=True))
    response = api.post(f"{V1}/corpora/{corpus.pk}/members/", body, content_type=JSON)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    if problem:
        assert problem in response.json()["detail"]
    else:
        assert "roles" in response.json()["errors"]
    assert list(corpus.members.values_list("pk", flat=True)) == before


def test_the_last_admin_cannot_be_removed(api, corpus, project_admin):
    response = api.delete(f"{V1}/corpora/{corpus.pk}/members/{project_admin.pk}/")
    assert response.status_code == 422
    assert "last project admin" in response.json()["detail"]
    assert corpus.members.filter(pk=project_admin.pk).exists()
