"""Comments and reject reasons: services, the HTMX fragments, the open-comments filter."""

import pytest
from django.urls import reverse

from annotate.models import Comment, RejectReason
from annotate.services.reviews import Reason, add_comment, decide, resolve_comment
from corpus import roles
from corpus.models import Corpus, Segment
from corpus.services import EditRefused
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db


def test_comment_validation_and_who_resolves(
    text_document, translator, reviewer, make_user, corpus
):
    segment = text_document("Ningxia grew fast.").segments.get()
    with pytest.raises(EditRefused, match="cannot be empty"):
        add_comment(segment, "   ", translator)
    with pytest.raises(EditRefused, match="2001 characters long; at most 2000"):
        add_comment(segment, "x" * 2001, translator)
    comment = add_comment(segment, "  Is “grew” right here?  ", translator)
    assert comment.text == "Is “grew” right here?"
    other = make_user("toby", roles.TRANSLATOR, member_of=corpus)
    with pytest.raises(EditRefused, match="author, a reviewer or a project admin"):
        resolve_comment(comment, other)
    resolve_comment(comment, reviewer)
    comment.refresh_from_db()
    assert comment.resolved and comment.resolved_by == reviewer
    with pytest.raises(EditRefused, match="already resolved"):
        resolve_comment(comment, translator)
    resolve_comment(comment, translator, resolved=False)  # the author reopens
    assert not Comment.objects.get(pk=comment.pk).resolved


def test_reject_reason_is_checked_and_kept_with_the_revision(text_document, reviewer):
    segment = text_document("Ningxia grew fast.").segments.get()
    with pytest.raises(EditRefused, match="not an error category"):
        decide(segment, "rejected", 1, reviewer, Reason("typo", "major"))
    with pytest.raises(EditRefused, match="not a severity"):
        decide(segment, "rejected", 1, reviewer, Reason("style", "fatal"))
    assert Segment.objects.get(pk=segment.pk).status == "mt"
    change = decide(
        segment, "rejected", 1, reviewer, Reason("omission", "critical", "lost a clause")
    )
    reason = change.revision.reject_reason
    assert (reason.category, reason.severity, reason.text, reason.segment_id) == (
        "omission",
        "critical",
        "lost a clause",
        segment.pk,
    )


def test_comment_post_resolve_and_filter_over_htmx(client, translator, reviewer, text_document):
    document = text_document("Ningxia grew fast. Jining grew too.")
    first, second = document.segments.order_by("position")
    login(client, translator)
    empty = client.post(reverse("annotate:comment_add", args=[first.pk]), {"text": " "}, **HX)
    assert empty.status_code == 422 and "cannot be empty" in empty.content.decode()
    assert not Comment.objects.exists()
    posted = client.post(
        reverse("annotate:comment_add", args=[first.pk]), {"text": "<b>why</b> this?"}, **HX
    )
    html = posted.content.decode()
    assert posted.status_code == 200 and "&lt;b&gt;why&lt;/b&gt; this?" in html and "tina" in html
    comment = Comment.objects.get()
    page = client.get(reverse("annotate:document_review", args=[document.pk]) + "?comments=open")
    html = page.content.decode()
    assert f'id="seg-{first.pk}"' in html and f'id="seg-{second.pk}"' not in html
    assert "Open comments <span>1</span>" in html
    login(client, reviewer)
    resolved = client.post(reverse("annotate:comment_resolve", args=[comment.pk]), **HX)
    assert resolved.status_code == 200 and "resolved by rui" in resolved.content.decode()
    page = client.get(reverse("annotate:document_review", args=[document.pk]) + "?comments=open")
    assert f'id="seg-{first.pk}"' not in page.content.decode()
    reopened = client.post(reverse("annotate:comment_reopen", args=[comment.pk]), **HX)
    assert reopened.status_code == 200 and not Comment.objects.get().resolved


def test_comment_permissions(client, make_user, corpus, translator, text_document):
    segment = text_document("Ningxia grew fast.").segments.get()
    comment = add_comment(segment, "A question.", translator)
    outsider = make_user("olga", roles.REVIEWER, member_of=Corpus.objects.create(name="Other"))
    login(client, outsider)
    assert (
        client.post(reverse("annotate:comment_add", args=[segment.pk]), {"text": "hi"}).status_code
        == 404
    )
    assert client.post(reverse("annotate:comment_resolve", args=[comment.pk])).status_code == 404
    other = make_user("toby", roles.TRANSLATOR, member_of=corpus)
    login(client, other)
    assert client.post(reverse("annotate:comment_resolve", args=[comment.pk])).status_code == 403
    assert not Comment.objects.get().resolved


def test_reject_asks_for_a_reason_and_shows_it(client, reviewer, text_document):
    segment = text_document("Ningxia grew fast.").segments.get()
    login(client, reviewer)
    url = reverse("annotate:segment_reject", args=[segment.pk])
    missing = client.post(url, {"version": 1, "severity": "major"}, **HX)
    assert missing.status_code == 422 and "Choose an error category" in missing.content.decode()
    assert Segment.objects.get(pk=segment.pk).status == "mt"
    response = client.post(
        url,
        {"version": 1, "category": "terminology", "severity": "major", "note": "use ‘GDP’"},
        **HX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Rejected: Terminology" in html and "use ‘GDP’" in html
    assert RejectReason.objects.get().revision.action == "status"
    history = client.get(reverse("annotate:segment_history", args=[segment.pk])).content.decode()
    assert "Terminology" in history and "use ‘GDP’" in history


def test_open_comments_count_and_filter_stay_within_the_document(
    client, translator, reviewer, text_document
):
    """Both are found from the open comments themselves (not by probing every segment of the
    document): another document's comments, resolved ones and a second comment on the same
    segment must change neither."""
    document = text_document("Ningxia grew fast. Jining grew too. Yinchuan as well.")
    other = text_document("Another document. With its own comments.", name="other.txt")
    first, second, third = document.segments.order_by("position")
    add_comment(first, "one", translator)
    add_comment(first, "two on the same segment", translator)
    resolve_comment(add_comment(second, "resolved", translator), reviewer)
    for segment in other.segments.all():
        add_comment(segment, "elsewhere", translator)
    login(client, reviewer)
    url = reverse("annotate:document_review", args=[document.pk])
    html = client.get(url + "?comments=open").content.decode()
    assert "Open comments <span>1</span>" in html
    shown = [s for s in (first, second, third) if f'id="seg-{s.pk}"' in html]
    assert shown == [first]
    assert not any(f'id="seg-{s.pk}"' in html for s in other.segments.all())
