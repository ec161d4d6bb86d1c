"""Undo and redo over HTTP: the status line and the touched segments as out-of-band swaps, the
conflict view for a stale undo, and who may undo."""

import pytest
from django.urls import reverse

from annotate.services.edits import edit_segment, merge_with_next
from corpus import roles
from corpus.models import Corpus, Revision, Segment
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db


def post(client, document, what="undo", **headers):
    return client.post(reverse(f"annotate:{what}", args=[document.pk]), **headers)


def test_undo_and_redo_answer_with_the_segment_swapped_out_of_band(
    client, translator, text_document
):
    document = text_document("Ningxia grew fast. Jining grew too.")
    first = document.segments.order_by("position").first()
    login(client, translator)
    client.post(
        reverse("annotate:segment_edit", args=[first.pk]),
        {"text": "Ningxia grew.", "version": 1},
        **HX,
    )
    response = post(client, document, **HX)
    html = response.content.decode()
    assert response.status_code == 200 and "Undid: edit." in html
    assert f'id="seg-{first.pk}"' in html and 'hx-swap-oob="true"' in html
    assert Segment.objects.get(pk=first.pk).text == "Ningxia grew fast."
    response = post(client, document, "redo", **HX)
    assert "Redid: edit." in response.content.decode()
    assert Segment.objects.get(pk=first.pk).text == "Ningxia grew."
    assert list(Revision.objects.filter(segment=first).values_list("action", flat=True)) == [
        "edit",
        "undo",
        "redo",
    ]


def test_undone_merge_inserts_the_second_segment_again(client, translator, text_document):
    document = text_document("Ningxia grew fast. Jining grew too.")
    first, _second = document.segments.order_by("position")
    merge_with_next(first, 1, translator)
    login(client, translator)
    html = post(client, document, **HX).content.decode()
    new = document.segments.order_by("position").last()
    assert f'hx-swap-oob="afterend:#seg-{first.pk}"' in html and f'id="seg-{new.pk}"' in html
    assert new.text == "Jining grew too."
    html = post(client, document, "redo", **HX).content.decode()
    assert f'id="seg-{new.pk}" hx-swap-oob="delete"' in html


def test_stale_undo_shows_the_conflict_and_changes_nothing(
    client, translator, reviewer, text_document
):
    document = text_document("Ningxia grew fast.")
    segment = document.segments.get()
    edit_segment(segment, "Mine.", 1, translator)
    edit_segment(Segment.objects.get(pk=segment.pk), "Theirs.", 2, reviewer)
    login(client, translator)
    response = post(client, document, **HX)
    html = response.content.decode()
    assert response.status_code == 409 and "nothing was undone" in html
    assert "Their text (saved)" in html and "Theirs." in html and "Ningxia grew fast." in html
    assert Segment.objects.get(pk=segment.pk).text == "Theirs."
    assert Revision.objects.filter(segment=segment).count() == 2


def test_nothing_to_undo_and_plain_posts_redirect(client, translator, text_document):
    document = text_document("Ningxia grew fast.")
    login(client, translator)
    assert post(client, document, **HX).status_code == 422
    response = post(client, document)
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("annotate:document_review", args=[document.pk])
    )


def test_undo_needs_an_editor_and_a_member(client, make_user, corpus, text_document):
    document = text_document("Ningxia grew fast.")
    viewer = make_user("vic", member_of=corpus)
    outsider = make_user("olga", roles.TRANSLATOR, member_of=Corpus.objects.create(name="Other"))
    assert post(login(client, viewer), document, **HX).status_code == 403
    assert post(login(client, outsider), document, **HX).status_code == 404
