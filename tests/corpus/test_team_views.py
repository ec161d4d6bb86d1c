"""The corpus settings and members screens: what they show, and that bad input is refused with a
message naming what was wrong while nothing changes."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from corpus import roles
from corpus.models import Corpus
from tests.conftest import SEED_FILES, import_file

pytestmark = pytest.mark.django_db


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.fixture
def admin_client(client, project_admin):
    client.force_login(project_admin)
    return client


def test_create_corpus_from_the_screen(admin_client, project_admin):
    response = admin_client.post(
        reverse("annotate:corpus_new"),
        {"name": "Annual reports", "description": "2025", "forbid_self_approval": "off"},
    )
    corpus = Corpus.objects.get(name="Annual reports")
    assert response.status_code == 302
    assert response["Location"] == reverse("corpus:corpus_settings", args=[corpus.pk])
    assert corpus.forbid_self_approval is False and corpus.export_allow_reviewers is None
    assert corpus.members.filter(pk=project_admin.pk).exists()
    assert corpus.labels.exists()


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"name": ""}, "Name: This field is required."),
        ({"name": "x" * 201}, "Name: Ensure this value has at most 200 characters"),
        ({"name": "Test corpus"}, "A corpus named “Test corpus” already exists"),
        ({"name": "Fine", "forbid_self_approval": "maybe"}, "No self-approval: Select a valid"),
    ],
)
def test_bad_new_corpus_is_refused_with_its_reason(admin_client, corpus, data, problem):
    response = admin_client.post(reverse("annotate:corpus_new"), data)
    assert response.status_code == 400
    assert problem in messages_of(response)
    assert "No corpus created." in messages_of(response)
    assert Corpus.objects.count() == 1


def test_settings_save_and_refusal(admin_client, corpus):
    url = reverse("corpus:corpus_settings", args=[corpus.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and b"Site setting (now on)" in page.content
    saved = admin_client.post(
        url,
        {
            "name": "Renamed",
            "description": "About it",
            "allow_overlapping_spans": "on",
            "export_allow_reviewers": "on",
        },
    )
    assert saved.status_code == 302
    corpus.refresh_from_db()
    assert (corpus.name, corpus.description, corpus.allow_overlapping_spans) == (
        "Renamed",
        "About it",
        True,
    )
    assert corpus.export_allow_reviewers is True and corpus.forbid_self_approval is None
    Corpus.objects.create(name="Taken")
    refused = admin_client.post(url, {"name": "taken", "description": "changed"})
    assert refused.status_code == 400
    assert "Nothing changed. A corpus named “taken” already exists" in messages_of(refused)
    corpus.refresh_from_db()
    assert (corpus.name, corpus.description) == ("Renamed", "About it")


def test_members_add_change_remove_from_the_screen(admin_client, corpus, translator, make_user):
    make_user("nina")
    added = admin_client.post(
        reverse("corpus:member_add", args=[corpus.pk]),
        {"username": "nina", "roles": [roles.REVIEWER, roles.GLOSSARY_ADMIN]},
    )
    assert added.status_code == 302
    page = admin_client.get(reverse("corpus:corpus_settings", args=[corpus.pk]))
    assert b"nina" in page.content
    changed = admin_client.post(
        reverse("corpus:member_roles", args=[corpus.pk, translator.pk]),
        {"roles": [roles.REVIEWER]},
    )
    assert changed.status_code == 302
    assert list(translator.groups.values_list("name", flat=True)) == [roles.REVIEWER]
    removed = admin_client.post(reverse("corpus:member_remove", args=[corpus.pk, translator.pk]))
    assert removed.status_code == 302
    assert not corpus.members.filter(pk=translator.pk).exists()


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"username": "ghost", "roles": [roles.TRANSLATOR]}, "no active user named “ghost”"),
        ({"username": "nina"}, "Roles: Choose at least one role."),
        ({"username": "", "roles": [roles.TRANSLATOR]}, "User name: This field is required."),
        ({"username": "nina", "roles": ["boss"]}, "Roles: Select a valid choice. boss"),
        ({"username": "tina", "roles": [roles.TRANSLATOR]}, "tina is already a member"),
    ],
)
def test_bad_member_add_is_refused_with_its_reason(
    admin_client, corpus, translator, make_user, data, problem
):
    make_user("nina")
    before = list(corpus.members.values_list("pk", flat=True))
    response = admin_client.post(reverse("corpus:member_add", args=[corpus.pk]), data)
    assert response.status_code == 400
    assert problem in messages_of(response)
    assert list(corpus.members.values_list("pk", flat=True)) == before


def test_removing_the_last_admin_is_refused_on_screen(admin_client, corpus, project_admin):
    response = admin_client.post(
        reverse("corpus:member_remove", args=[corpus.pk, project_admin.pk])
    )
    assert response.status_code == 400
    assert "pat is the last project admin of “Test corpus”" in messages_of(response)
    assert corpus.members.filter(pk=project_admin.pk).exists()


def test_a_non_member_cannot_be_addressed_as_member(admin_client, corpus, make_user):
    outsider = make_user("out", roles.TRANSLATOR)
    url = reverse("corpus:member_roles", args=[corpus.pk, outsider.pk])
    assert admin_client.post(url, {"roles": [roles.REVIEWER]}).status_code == 404


def test_archived_corpus_leaves_the_lists_and_refuses_imports(
    admin_client, client, corpus, translator
):
    import_file(corpus, SEED_FILES[1])
    assert admin_client.post(reverse("corpus:corpus_archive", args=[corpus.pk])).status_code == 302
    listing = admin_client.get(reverse("corpus:corpus_list"))
    assert listing.context["corpora"].count() == 0
    assert list(listing.context["archived"]) == [corpus]
    detail = admin_client.get(reverse("corpus:corpus_detail", args=[corpus.pk]))
    assert b"archived: read-only" in detail.content and not detail.context["can_import"]
    client.force_login(translator)
    assert client.get(reverse("corpus:corpus_list")).context["archived"] == ()
    assert client.get(reverse("corpus:corpus_detail", args=[corpus.pk])).status_code == 200


def test_corpus_page_links_settings_for_admins_only(client, corpus, project_admin, reviewer):
    url = reverse("corpus:corpus_detail", args=[corpus.pk])
    settings_url = reverse("corpus:corpus_settings", args=[corpus.pk]).encode()
    client.force_login(project_admin)
    assert settings_url in client.get(url).content
    client.force_login(reviewer)
    assert settings_url not in client.get(url).content


def test_reviewer_export_follows_the_corpus_over_the_setting(client, corpus, reviewer, settings):
    client.force_login(reviewer)
    url = reverse("export:page", args=[corpus.pk])
    settings.REDLINE_EXPORT_ALLOW_REVIEWERS = False
    assert client.get(url).status_code == 403
    Corpus.objects.filter(pk=corpus.pk).update(export_allow_reviewers=True)
    assert client.get(url).status_code == 200
    settings.REDLINE_EXPORT_ALLOW_REVIEWERS = True
    Corpus.objects.filter(pk=corpus.pk).update(export_allow_reviewers=False)
    assert client.get(url).status_code == 403


def test_the_django_admin_is_for_superusers_only(client, make_user):
    staff = make_user("staff", roles.PROJECT_ADMIN)
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302
    staff.is_superuser = True
    staff.save()
    assert client.get("/admin/").status_code == 200


def test_preannotating_an_archived_corpus_is_refused_with_a_message(client, corpus, reviewer):
    import_file(corpus, SEED_FILES[1])
    Corpus.objects.filter(pk=corpus.pk).update(archived_at="2026-01-01T00:00Z")
    client.force_login(reviewer)
    response = client.post(reverse("annotate:preannotate_corpus", args=[corpus.pk]))
    assert response.status_code == 422
    assert "is archived, so it is read-only" in response.content.decode()


def test_the_corpus_list_is_in_name_order(client, make_user):
    reader = make_user("reader", roles.TRANSLATOR)
    for name in ("Zeta", "Alpha", "Mu"):
        Corpus.objects.create(name=name).members.add(reader)
    client.force_login(reader)
    listed = client.get(reverse("corpus:corpus_list")).context["corpora"]
    assert [c.name for c in listed] == ["Alpha", "Mu", "Zeta"]
