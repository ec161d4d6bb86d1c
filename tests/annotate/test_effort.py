"""The effort behind a revision (corpus/effort.py): stored by the one edit service from the review
screen's form and the API alike, refused with a message naming the value (nothing saved), shown
in the history, and summed per segment into the exports with one query per batch."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.services.edits import edit_segment
from annotate.templatetags.review import duration_ms
from corpus.effort import MAX_EFFORT_MS, Effort
from corpus.importers import ImportLimits, ImportRefused
from corpus.models import Corpus, Revision
from corpus.services import EditRefused
from export import dataset
from export.services.run import ExportRun
from export.services.selection import Selection, iter_records
from tests.api.conftest import token_client
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db

LIMITS = ImportLimits(max_file_bytes=1024 * 1024, max_upload_bytes=1024 * 1024)
TEXT = "The frist sentence here. A second sentence here. A third one here."


@pytest.fixture
def segments(text_document):
    return list(text_document(TEXT).segments.order_by("position"))


def _untouched(segment) -> bool:
    segment.refresh_from_db()
    return segment.version == 1 and not segment.revisions.exists()


def test_the_edit_service_keeps_the_effort_on_the_revision(segments, translator):
    first = segments[0]
    change = edit_segment(
        first, "The first sentence here.", 1, translator, effort=Effort(72_000, 1_500)
    )
    revision = Revision.objects.get(pk=change.revision.pk)
    assert (revision.edit_time_ms, revision.first_key_ms) == (72_000, 1_500)
    unmeasured = edit_segment(segments[1], "A 2nd sentence here.", 1, translator).revision
    assert (unmeasured.edit_time_ms, unmeasured.first_key_ms) == (None, None)


@pytest.mark.parametrize(
    ("edit_time", "first_key", "named"),
    [
        (-1, None, "edit_time_ms"),
        (MAX_EFFORT_MS + 1, None, "edit_time_ms"),
        (5_000, -3, "first_key_ms"),
        (5_000, 6_000, "cannot exceed"),
        (True, None, "whole number"),
    ],
)
def test_bad_effort_is_refused_naming_it(edit_time, first_key, named):
    with pytest.raises(EditRefused, match=named):
        Effort.given(edit_time, first_key)


def test_no_effort_given_is_none_and_bounds_are_allowed():
    assert Effort.given(None, None) is None
    assert Effort.given(0, 0) == Effort(0, 0)
    assert Effort.given(MAX_EFFORT_MS, None).edit_time_ms == MAX_EFFORT_MS


def _save(client, segment, **extra):
    url = reverse("annotate:segment_edit", args=[segment.pk])
    return client.post(url, {"text": "The first sentence here.", "version": 1, **extra}, **HX)


def test_the_screen_stores_what_the_editor_measured(client, translator, segments):
    response = _save(login(client, translator), segments[0], edit_time_ms=9_400, first_key_ms=800)
    assert response.status_code == 200
    revision = segments[0].revisions.get()
    assert (revision.edit_time_ms, revision.first_key_ms) == (9_400, 800)


@pytest.mark.parametrize(
    ("sent", "named"),
    [
        ({"edit_time_ms": "soon"}, "edit_time_ms must be a whole number"),
        ({"edit_time_ms": "-5"}, "edit_time_ms must be between 0"),
        ({"edit_time_ms": "100", "first_key_ms": "200"}, "first_key_ms (200) cannot exceed"),
    ],
)
def test_the_screen_refuses_bad_effort_and_saves_nothing(client, translator, segments, sent, named):
    response = _save(login(client, translator), segments[0], **sent)
    assert response.status_code == 422
    page = response.content.decode()
    assert named in page and "Nothing was saved." in page
    assert 'class="segment editing' in page  # the editor stays, with the typed text
    assert _untouched(segments[0])


def test_the_api_stores_and_refuses_through_the_same_rule(reviewer, segments):
    api, first = token_client(reviewer), segments[0]
    url = f"/api/v1/segments/{first.pk}/"
    body = {"text": "The first sentence here.", "version": 1}
    refused = api.patch(url, {**body, "edit_time_ms": -1}, content_type="application/json")
    assert refused.status_code == 422 and "edit_time_ms" in refused.json()["detail"]
    garbled = api.patch(url, {**body, "first_key_ms": "x"}, content_type="application/json")
    assert garbled.status_code == 400 and "first_key_ms" in garbled.json()["errors"]
    assert _untouched(first)
    saved = api.patch(
        url, {**body, "edit_time_ms": 3_000, "first_key_ms": 100}, content_type="application/json"
    )
    assert saved.status_code == 200
    assert first.revisions.values_list("edit_time_ms", "first_key_ms").get() == (3_000, 100)


def test_history_shows_each_revisions_effort(client, translator, segments):
    first = segments[0]
    edit_segment(first, "The first sentence here.", 1, translator, effort=Effort(72_000, 3_100))
    edit_segment(first, "The first sentence.", 2, translator)
    page = login(client, translator).get(reverse("annotate:segment_history", args=[first.pk]))
    rows = page.content.decode().split('class="revision"')[1:]  # newest first
    assert "—" in rows[0] and "1 min 12 s" not in rows[0]
    assert "1 min 12 s" in rows[1] and "3.1 s" in rows[1]


@pytest.mark.parametrize(
    ("ms", "shown"),
    [
        (None, "—"),
        (0, "0 s"),
        (400, "0.4 s"),
        (9_949, "9.9 s"),
        (42_000, "42 s"),
        (72_000, "1 min 12 s"),
        (7_500_000, "2 h 5 min"),
    ],
)
def test_durations_read_as_a_person_says_them(ms, shown):
    assert duration_ms(ms) == shown


def _edited_with_times(segments, user):
    first, second, _ = segments
    edit_segment(first, "The first sentence here.", 1, user, effort=Effort(1_000, 10))
    edit_segment(first, "The first sentence.", 2, user, effort=Effort(2_500))
    edit_segment(second, "A 2nd sentence here.", 1, user)  # measured nothing


def test_exports_sum_the_revisions_time_per_segment_or_null(segments, translator, corpus):
    _edited_with_times(segments, translator)
    for format_id in ("redline-jsonl", "pairs-jsonl"):
        data = b"".join(ExportRun(corpus, format_id, Selection()).data())
        times = [json.loads(line)["edit_time_ms"] for line in data.splitlines()]
        assert times == [3_500, None, None], format_id


def test_the_sum_costs_one_query_per_batch(segments, translator, corpus):
    _edited_with_times(segments, translator)

    def queries(effort: bool) -> tuple[int, list]:
        with CaptureQueriesContext(connection) as captured:
            records = list(iter_records(corpus, batch_size=2, span_states=(), effort=effort))
        return len(captured), records

    plain, without = queries(False)
    summed, records = queries(True)
    assert summed - plain == 2  # two batches of two segments, one sum each
    times = [getattr(r, "edit_time_ms", "document") for r in records]
    assert times == ["document", 3_500, None, None]
    assert all(getattr(r, "edit_time_ms", None) is None for r in without)


def test_the_edit_time_survives_the_dataset_round_trip(segments, translator, corpus):
    _edited_with_times(segments, translator)
    data = b"".join(ExportRun(corpus, "redline-jsonl", Selection()).data())
    copy = Corpus.objects.create(name="Copy")
    dataset.import_dataset(copy, dataset.parse_dataset("x.jsonl", data, LIMITS))
    again = b"".join(ExportRun(copy, "redline-jsonl", Selection()).data())
    assert [json.loads(line)["edit_time_ms"] for line in again.splitlines()] == [3_500, None, None]


def test_a_dataset_line_with_a_negative_time_is_refused():
    line = {"text": "A.", "mt_text": "A.", "trailing": "", "status": "mt", "position": 0}
    line.update(paragraph=0, document_id=1, document="d.txt", edit_time_ms=-1)
    with pytest.raises(ImportRefused, match="edit_time_ms"):
        dataset.parse_dataset("x.jsonl", json.dumps(line).encode(), LIMITS)
