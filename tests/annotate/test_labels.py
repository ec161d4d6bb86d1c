import pytest
from django.urls import reverse

from annotate.models import Label, Span
from tests.conftest import PASSWORD
from tests.helpers import login

pytestmark = pytest.mark.django_db


def test_project_admin_adds_and_edits_labels_with_validation(client, project_admin, corpus):
    assert client.login(username=project_admin.username, password=PASSWORD)
    url = reverse("annotate:label_list", args=[corpus.pk])
    client.post(url, {"key": "ORG", "name": "Organisation", "colour": "#1f6fb5", "shortcut": "2"})
    label = Label.objects.get(corpus=corpus, key="ORG")
    bad = client.post(
        url, {"key": "org x", "name": "Bad", "colour": "red", "shortcut": "2"}, follow=True
    )
    html = bad.content.decode()
    assert "Keys are upper-case" in html and "#rrggbb" in html and "already belongs to ORG" in html
    assert Label.objects.count() == 1
    client.post(
        url,
        {"label_id": label.pk, "key": "ORG", "name": "Body", "colour": "#000000", "shortcut": "3"},
    )
    label.refresh_from_db()
    assert (label.name, label.shortcut) == ("Body", "3")


def test_label_in_use_cannot_be_deleted(client, project_admin, corpus, text_document):
    label = Label.objects.create(corpus=corpus, key="ORG", name="Org")
    segment = text_document("Ningxia grew.").segments.get()
    Span.objects.create(segment=segment, start=0, end=7, text="Ningxia", label=label)
    assert client.login(username=project_admin.username, password=PASSWORD)
    page = client.post(reverse("annotate:label_delete", args=[corpus.pk, label.pk]), follow=True)
    assert "used by spans" in page.content.decode() and Label.objects.filter(pk=label.pk).exists()


def test_only_project_admins_manage_labels(client, translator, reviewer, corpus):
    for user in (translator, reviewer):
        client.login(username=user.username, password=PASSWORD)
        url = reverse("annotate:label_list", args=[corpus.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"key": "ORG", "name": "x", "colour": "#000000"}).status_code == 403
    assert not Label.objects.exists()


@pytest.mark.parametrize("label_id", ["abc", "1.5", "9" * 40, "-1"])
def test_a_malformed_label_id_is_not_found_not_a_server_error(
    client, project_admin, corpus, label_id
):
    """Issue 13.7: label_id=abc was a 500."""
    login(client, project_admin)
    response = client.post(
        reverse("annotate:label_list", args=[corpus.pk]),
        {"label_id": label_id, "key": "ORG", "name": "Body", "colour": "#000000", "shortcut": "3"},
    )
    assert response.status_code == 404
    assert not corpus.labels.filter(key="ORG").exists()
