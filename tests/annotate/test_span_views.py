"""Span endpoints over HTTP: code-point offsets, permissions, escaping, filters."""

import pytest
from django.urls import reverse

from annotate.models import Label, Span
from annotate.services.edits import edit_segment
from annotate.services.spans import add_span
from corpus import roles
from corpus.models import Corpus
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(corpus):
    return Label.objects.create(
        corpus=corpus, key="ORG", name="Organisation", shortcut="2", colour="#1f6fb5"
    )


def test_mark_a_span_after_an_emoji_and_cjk_extension_b(client, translator, text_document, org):
    text = "😀 𠀋 The Ningxia Hui Autonomous Region Bureau grew."
    segment = text_document(text).segments.get()
    start = text.index("Ningxia")  # code points: the emoji and 𠀋 count one each
    response = login(client, translator).post(
        reverse("annotate:span_add", args=[segment.pk]),
        {
            "start": start,
            "end": start + len("Ningxia Hui Autonomous Region Bureau"),
            "label": "ORG",
            "snap": "on",
        },
        **HX,
    )
    assert response.status_code == 200
    span = Span.objects.get()
    assert (
        span.text == "Ningxia Hui Autonomous Region Bureau"
        and text[span.start : span.end] == span.text
    )
    html = response.content.decode()
    assert (
        f'data-span="{span.pk}"' in html
        and f'class="span state-accepted label-{span.label_id}"' in html
    )


def test_bad_span_requests_are_refused_with_a_reason(client, translator, text_document, org):
    segment = text_document("Short text here.").segments.get()
    login(client, translator)
    url = reverse("annotate:span_add", args=[segment.pk])
    too_far = client.post(url, {"start": 3, "end": 999, "label": "ORG"}, **HX)
    assert too_far.status_code == 422 and b"Cannot mark that selection" in too_far.content
    unknown = client.post(url, {"start": 0, "end": 5, "label": "NOPE"}, **HX)
    assert unknown.status_code == 422 and "no label “NOPE”".encode() in unknown.content
    backwards = client.post(url, {"start": 5, "end": 2, "label": "ORG"}, **HX)
    assert backwards.status_code == 422
    assert not Span.objects.exists()


def test_relabel_delete_and_decide(client, translator, text_document, org, corpus):
    gpe = Label.objects.create(corpus=corpus, key="GPE", name="Place", shortcut="3")
    segment = text_document("Ningxia grew.").segments.get()
    span = Span.objects.create(
        segment=segment,
        start=0,
        end=7,
        text="Ningxia",
        label=org,
        origin="model",
        state="suggested",
    )
    login(client, translator)
    assert (
        client.post(
            reverse("annotate:span_relabel", args=[span.pk]), {"label": "GPE"}, **HX
        ).status_code
        == 200
    )
    span.refresh_from_db()
    assert (span.label, span.state) == (gpe, "accepted")
    again = client.post(reverse("annotate:span_accept", args=[span.pk]), **HX)
    assert again.status_code == 422 and b"already accepted" in again.content
    assert client.post(reverse("annotate:span_delete", args=[span.pk]), **HX).status_code == 200
    assert (
        Span.objects.get(pk=span.pk).state == "rejected"
    )  # a model's span is remembered as rejected
    assert (
        b"data-span="
        not in client.get(reverse("annotate:segment_detail", args=[segment.pk]), **HX).content
    )


def test_reviewers_outside_the_corpus_get_404_and_glossary_admins_403(
    client, make_user, text_document, org
):
    segment = text_document("Ningxia grew.").segments.get()
    span = Span.objects.create(segment=segment, start=0, end=7, text="Ningxia", label=org)
    outsider = make_user("olga", roles.TRANSLATOR, member_of=Corpus.objects.create(name="Other"))
    assert (
        login(client, outsider)
        .post(reverse("annotate:span_delete", args=[span.pk]), **HX)
        .status_code
        == 404
    )
    client.logout()
    glossary_only = make_user("gil", roles.GLOSSARY_ADMIN, member_of=segment.document.corpus)
    assert (
        login(client, glossary_only)
        .post(reverse("annotate:span_delete", args=[span.pk]), **HX)
        .status_code
        == 403
    )
    assert Span.objects.filter(pk=span.pk).exists()


def test_hostile_label_names_render_escaped(client, translator, text_document, corpus):
    label = Label.objects.create(
        corpus=corpus, key="XSS", name="<img src=x onerror=alert(1)>", shortcut="1"
    )
    segment = text_document("Ningxia grew.").segments.get()
    Span.objects.create(segment=segment, start=0, end=7, text="Ningxia", label=label)
    html = (
        login(client, translator)
        .get(reverse("annotate:document_review", args=[segment.document_id]))
        .content.decode()
    )
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_needs_review_filter(client, translator, text_document, org):
    document = text_document("Ningxia grew. Jining grew.")
    _first, second = document.segments.order_by("position")
    # Through the services, so the document's counters see it: an edit inside the span.
    add_span(second, 0, 6, org, translator)
    edit_segment(second, "Jinning grew.", 1, translator)
    assert Span.objects.get(segment=second).state == "needs-review"
    page = login(client, translator).get(
        reverse("annotate:document_review", args=[document.pk]), {"spans": "needs-review"}
    )
    assert [s.pk for s in page.context["segments"]] == [second.pk]
    chip = next(c for c in page.context["span_counts"] if c["value"] == "needs-review")
    assert (chip["label"], chip["count"], chip["on"]) == ("Needs review", 1, True)


def test_preannotate_button_starts_a_job(
    client, reviewer, text_document, org, django_capture_on_commit_callbacks
):
    Label.objects.create(corpus=org.corpus, key="MONEY", name="Money", shortcut="6")
    document = text_document("Income was 45.080 billion yuan.")
    login(client, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("annotate:preannotate_document", args=[document.pk]), **HX)
    assert response.status_code == 200 and b"Pre-annotation" in response.content
    assert Span.objects.get().text == "45.080 billion yuan"


def test_accept_all_answers_with_the_new_states(client, translator, text_document, org):
    segment = text_document("Ningxia grew.").segments.get()
    Span.objects.create(
        segment=segment,
        start=0,
        end=7,
        text="Ningxia",
        label=org,
        origin="model",
        state="suggested",
    )
    response = login(client, translator).post(
        reverse("annotate:span_accept_all", args=[segment.pk]), **HX
    )
    assert 'data-state="accepted"' in response.content.decode()
    assert 'data-state="suggested"' not in response.content.decode()
