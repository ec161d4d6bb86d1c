"""Assignments, my work and the review queue through the API: the assignments screen's service,
refusals that name what was wrong and write nothing, keyset pages for the queue."""

import pytest
from django.test import override_settings

from annotate.services.edits import edit_segment
from corpus.assignments import Assignment
from corpus.models import Corpus
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db
V1 = "/api/v1"
JSON = "application/json"


@pytest.fixture
def api(project_admin):
    return token_client(project_admin)


def test_assign_list_and_unassign(api, seed_document, translator, reviewer):
    made = api.post(
        f"{V1}/corpora/{seed_document.corpus_id}/assignments/",
        {
            "document": seed_document.pk,
            "translator": translator.username,
            "reviewer": reviewer.username,
            "first_number": 2,
            "last_number": 5,
        },
        content_type=JSON,
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["translator"], body["reviewer"]) == ("tina", "rui")
    assert (body["first_number"], body["last_number"]) == (2, 5)
    assert body["document_title"] == seed_document.title
    listed = api.get(f"{V1}/corpora/{seed_document.corpus_id}/assignments/").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert api.delete(f"{V1}/assignments/{body['id']}/").status_code == 204
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"translator": "ghost"}, "There is no user “ghost” to be the translator."),
        ({"reviewer": "tina"}, "tina cannot review"),
        ({"document": 0}, "has no such document"),
        ({"first_number": 9}, "Give both the first and the last segment"),
        ({"first_number": 1, "last_number": 10_000}, "are not within the document"),
        ({"translator": None}, "Choose a translator, a reviewer or both."),
        ({"due_on": "2001-01-01"}, "The due date 2001-01-01 is in the past."),
    ],
)
def test_refusals_name_the_problem_and_write_nothing(
    api, seed_document, translator, reviewer, change, message
):
    body = {"document": seed_document.pk, "translator": translator.username} | change
    refused = api.post(
        f"{V1}/corpora/{seed_document.corpus_id}/assignments/", body, content_type=JSON
    )
    assert refused.status_code == 422, refused.content
    assert refused["Content-Type"] == "application/problem+json"
    assert message in refused.json()["detail"]
    assert not Assignment.objects.exists()


def test_a_document_of_another_corpus_is_not_assignable(api, seed_document, translator):
    other = Corpus.objects.create(name="Other")
    refused = api.post(
        f"{V1}/corpora/{other.pk}/assignments/",
        {"document": seed_document.pk, "translator": translator.username},
        content_type=JSON,
    )
    assert refused.status_code == 404  # the admin is no member of the other corpus
    other.members.add(*seed_document.corpus.members.all())
    refused = api.post(
        f"{V1}/corpora/{other.pk}/assignments/",
        {"document": seed_document.pk, "translator": translator.username},
        content_type=JSON,
    )
    assert refused.status_code == 422 and "has no such document" in refused.json()["detail"]
    assert not Assignment.objects.exists()


def test_my_work_shows_what_is_assigned_to_me(api, seed_document, translator, reviewer):
    api.post(
        f"{V1}/corpora/{seed_document.corpus_id}/assignments/",
        {"document": seed_document.pk, "translator": "tina", "reviewer": "rui"},
        content_type=JSON,
    )
    mine = token_client(translator, "read").get(f"{V1}/me/work/").json()
    assert len(mine) == 1
    assert mine[0]["as_translator"] and not mine[0]["as_reviewer"]
    assert mine[0]["segment_count"] == seed_document.segment_count
    theirs = token_client(reviewer, "read").get(f"{V1}/me/work/").json()
    assert theirs[0]["as_reviewer"] and not theirs[0]["as_translator"]
    assert api.get(f"{V1}/me/work/").json() == []


@override_settings(REDLINE_API_PAGE_SIZE=2)
def test_review_queue_pages_edits_by_others(seed_document, translator, reviewer):
    segments = list(seed_document.segments.order_by("position")[:5])
    for segment in segments:
        edit_segment(segment, segment.text + " Edited.", segment.version, translator)
    queue = token_client(reviewer, "read")
    seen, url = [], f"{V1}/me/review-queue/"
    while url:
        page = queue.get(url).json()
        seen += [row["id"] for row in page["results"]]
        assert all(row["text_author"] == "tina" for row in page["results"])
        url = page["next"]
    assert seen == [segment.pk for segment in segments]
    refused = token_client(translator, "read").get(f"{V1}/me/review-queue/")
    assert refused.status_code == 403 and "reviewers" in refused.json()["detail"]
