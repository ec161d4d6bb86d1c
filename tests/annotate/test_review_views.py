"""The review screen over HTTP: permissions, HTMX fragments, conflicts, constant query counts."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.services.reviews import Reason, add_comment, decide
from corpus import roles
from corpus.models import Corpus, Revision, Segment
from corpus.services.segments import raw_edit
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db


def test_login_required_everywhere(client, seed_document):
    segment = seed_document.segments.first()
    for url in [
        reverse("corpus:corpus_list"),
        reverse("corpus:corpus_detail", args=[seed_document.corpus_id]),
        reverse("annotate:document_review", args=[seed_document.pk]),
        reverse("annotate:segment_history", args=[segment.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_other_corpus_is_404(client, make_user, seed_document):
    outsider = make_user("olga", roles.REVIEWER, member_of=Corpus.objects.create(name="Other"))
    login(client, outsider)
    segment = seed_document.segments.first()
    assert (
        client.get(reverse("corpus:corpus_detail", args=[seed_document.corpus_id])).status_code
        == 404
    )
    assert (
        client.get(reverse("annotate:document_review", args=[seed_document.pk])).status_code == 404
    )
    response = client.post(
        reverse("annotate:segment_edit", args=[segment.pk]), {"text": "x", "version": 1}, **HX
    )
    assert response.status_code == 404
    assert (
        seed_document.corpus.name not in client.get(reverse("corpus:corpus_list")).content.decode()
    )


def test_review_page_lists_segments_escaped(client, translator, text_document):
    document = text_document('A <script>alert(1)</script> "><img src=x onerror=alert(2)> sentence.')
    response = login(client, translator).get(
        reverse("annotate:document_review", args=[document.pk])
    )
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<script>alert" not in html


def test_bidirectional_controls_are_shown_and_flagged(client, translator, text_document):
    """Issue 13.11: U+202E reordered "Pay 100 to Ann" on screen; now each control is a marked,
    isolated piece, and the control-chars check offers to remove it."""
    document = text_document("Pay \u202e001\u202c to Ann \u2067now\u2069.")
    response = login(client, translator).get(
        reverse("annotate:document_review", args=[document.pk])
    )
    html = response.content.decode()
    for code, offset in (("U+202E", 4), ("U+202C", 8), ("U+2067", 17), ("U+2069", 21)):
        assert f'data-o="{offset}" data-bidi="{code}"' in html
    segment = document.segments.get()
    assert [(f.check_id, f.fix) for f in segment.findings.filter(check_id="control-chars")] == [
        ("control-chars", ""),
        ("control-chars", ""),
        ("control-chars", ""),
        ("control-chars", ""),
    ]


def _pages(client, document, **params):
    url = reverse("annotate:document_review", args=[document.pk])
    return client.get(url, params)


def _query_counts(client, document) -> list[int]:
    counts = []
    middle = document.segments.order_by("position")[10].position
    for params in [{}, {"after": middle}, {"page": "last"}, {"status": "mt", "after": middle}]:
        with CaptureQueriesContext(connection) as queries:
            response = _pages(client, document, **params)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts


def test_query_count_does_not_grow_with_the_document(client, reviewer, text_document, settings):
    settings.REDLINE_PAGE_SIZE = 5
    small = text_document(
        " ".join(f"Sentence number {i} is here." for i in range(20)), name="small.txt"
    )
    large = text_document(
        " ".join(f"Sentence number {i} is here." for i in range(300)), name="large.txt"
    )
    login(client, reviewer)
    _pages(client, small)  # warm the session; the first opening of a document also runs the checks
    _pages(client, large)
    small_counts, large_counts = _query_counts(client, small), _query_counts(client, large)
    # Constant and under 10 (#16): comments and reject reasons are read only for segments that
    # have them, the open-comment count comes with the document.
    assert small_counts == large_counts and max(large_counts) < 10
    assert len(set(large_counts)) == 1
    last = _pages(client, large, page="last").content.decode()
    assert "Sentence number 299 is here." in last and "Sentence number 294 is here." not in last


def test_pages_walk_the_whole_document_once(client, reviewer, text_document, settings):
    settings.REDLINE_PAGE_SIZE = 7
    document = text_document(" ".join(f"Sentence number {i} is here." for i in range(30)))
    login(client, reviewer)
    seen, params = [], {}
    while True:
        response = _pages(client, document, **params)
        page = response.context["segments"]
        seen += [s.pk for s in page]
        if not response.context["has_next"]:
            break
        params = {"after": page[-1].position}
    assert seen == list(document.segments.order_by("position").values_list("pk", flat=True))


def test_status_filter(client, reviewer, translator, text_document):
    document = text_document("One here. Two here. Three here.")
    _one, two, _ = document.segments.order_by("position")
    raw_edit(two, "Two, edited.", 1, translator)
    response = login(client, reviewer).get(
        reverse("annotate:document_review", args=[document.pk]), {"status": "edited"}
    )
    assert [s.pk for s in response.context["segments"]] == [two.pk]


def test_htmx_edit_returns_the_segment_fragment(client, translator, text_document):
    segment = text_document("We integrate the twoThe index.").segments.get()
    login(client, translator)
    form = client.get(reverse("annotate:segment_edit", args=[segment.pk]), **HX)
    assert b"<textarea" in form.content and b"<html" not in form.content
    response = client.post(
        reverse("annotate:segment_edit", args=[segment.pk]),
        {"text": "We integrate the two. The index.", "version": 1},
        **HX,
    )
    assert response.status_code == 200 and b"<html" not in response.content
    assert b"We integrate the two. The index." in response.content
    assert Segment.objects.get(pk=segment.pk).version == 2


def test_stale_save_shows_the_conflict_and_overwrites_nothing(
    client, translator, reviewer, text_document
):
    segment = text_document("Original text here.").segments.get()
    raw_edit(segment, "Their text here.", 1, reviewer)
    login(client, translator)
    response = client.post(
        reverse("annotate:segment_edit", args=[segment.pk]),
        {"text": "My text here.", "version": 1},
        **HX,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        "Their text here." in html
        and "My text here." in html
        and "<del>" in html
        and "<ins>" in html
    )
    assert Segment.objects.get(pk=segment.pk).text == "Their text here."


def test_translator_cannot_approve(client, translator, text_document):
    segment = text_document("Original text here.").segments.get()
    response = login(client, translator).post(
        reverse("annotate:segment_approve", args=[segment.pk]), {"version": 1}, **HX
    )
    assert response.status_code == 403
    assert Segment.objects.get(pk=segment.pk).status == Segment.Status.MT


def test_reviewer_approves_and_refusal_is_explained(client, reviewer, text_document):
    segment = text_document("Original text here.").segments.get()
    login(client, reviewer)
    url = reverse("annotate:segment_approve", args=[segment.pk])
    assert client.post(url, {"version": 1}, **HX).status_code == 200
    again = client.post(url, {"version": 2}, **HX)
    assert again.status_code == 422 and b"already approved" in again.content


def test_plain_post_without_htmx_redirects_back(client, reviewer, text_document):
    segment = text_document("Original text here.").segments.get()
    response = login(client, reviewer).post(
        reverse("annotate:segment_approve", args=[segment.pk]), {"version": 1}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/documents/{segment.document_id}/?segment={segment.pk}#seg-{segment.pk}"
    )


def test_merge_and_split_fragments(client, translator, text_document):
    document = text_document("First one here. Second one there.")
    first, second = document.segments.order_by("position")
    login(client, translator)
    merged = client.post(reverse("annotate:segment_merge", args=[first.pk]), {"version": 1}, **HX)
    html = merged.content.decode()
    assert f'id="seg-{second.pk}" hx-swap-oob="delete"' in html
    split = client.post(
        reverse("annotate:segment_split", args=[first.pk]), {"version": 2, "cut": 15}, **HX
    )
    html = split.content.decode()
    assert split.status_code == 200 and html.count('class="segment ') == 2
    bad = client.post(
        reverse("annotate:segment_split", args=[first.pk]), {"version": 3, "cut": 999}, **HX
    )
    assert bad.status_code == 422


def test_history_shows_diffs_and_restores(client, translator, text_document):
    segment = text_document("We integrate the twoThe index.").segments.get()
    raw_edit(segment, "We integrate the two. The index.", 1, translator)
    login(client, translator)
    page = client.get(reverse("annotate:segment_history", args=[segment.pk])).content.decode()
    assert "<span>We integrate the two</span><ins>. </ins><span>The index.</span>" in page
    response = client.post(
        reverse("annotate:segment_restore_mt", args=[segment.pk]), {"version": 2}
    )
    assert response.status_code == 302
    segment.refresh_from_db()
    assert segment.text == segment.mt_text and segment.revisions.count() == 2


def test_csrf_is_enforced_on_htmx_posts(translator, text_document):
    segment = text_document("Original text here.").segments.get()
    client = Client(enforce_csrf_checks=True)
    login(client, translator)
    response = client.post(
        reverse("annotate:segment_edit", args=[segment.pk]),
        {"text": "Changed.", "version": 1},
        **HX,
    )
    assert response.status_code == 403
    assert Segment.objects.get(pk=segment.pk).version == 1


def test_comments_and_reasons_are_read_only_for_the_segments_that_have_them(
    client, reviewer, translator, text_document
):
    document = text_document("Ningxia grew fast. Jining grew too. Yinchuan waited.")
    first, second, _third = document.segments.order_by("position")
    login(client, reviewer)
    url = reverse("annotate:document_review", args=[document.pk])
    client.get(url)  # the first opening also runs the checks
    with CaptureQueriesContext(connection) as bare:
        client.get(url)
    add_comment(first, "Why “fast”?", translator)
    decide(second, Segment.Status.REJECTED, second.version, reviewer, Reason("omission", "major"))
    with CaptureQueriesContext(connection) as noted:
        html = client.get(url).content.decode()
    # One query for the comments, one for the reasons, and only because the page holds some;
    # still under ten (#16): the roles come with the user, the glossary state with the document.
    assert len(noted) == len(bare) + 2 and len(noted) < 10
    assert "Why “fast”?" in html and "Omission" in html and "Open comments <span>1</span>" in html


def test_a_save_reads_what_its_answer_shows_once_after_the_change(
    client, translator, text_document
):
    """Key-to-screen time of a save is mostly queries: the segment's comments, reject reasons,
    spans and findings are read for the answer, after the edit, not also before it."""
    segment = text_document("The GDP grow fast.").segments.get()
    add_comment(segment, "Should this be “grows”?", translator)
    login(client, translator)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("annotate:segment_edit", args=[segment.pk]),
            {"text": "The GDP grows fast.", "version": 1},
            **HX,
        )
    assert response.status_code == 200 and "grows”?" in response.content.decode()
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert sum(sql.startswith('SELECT "annotate_comment"') for sql in reads) == 1
    # Reasons show on a rejected segment only, and an edited one is not: none are read.
    assert not [sql for sql in reads if sql.startswith('SELECT "annotate_rejectreason"')]


def test_history_undoes_a_replace_all_in_one_segment(client, translator, text_document):
    """The latest change a replace-all: "Undo this replace" (a button, so Tab and Enter reach it)
    restores the text it replaced as a new revision; once the text moved on, no such button."""
    first, second = text_document("Farmers sowed 20 acres. Roads crossed acres.").segments.all()
    raw_edit(first, "Farmers sowed twenty acres.", 1, translator)
    raw_edit(first, "Farmers sowed twenty mu.", 2, None, Revision.Action.REPLACE_ALL, "replace")
    raw_edit(second, "Roads crossed mu.", 1, None, Revision.Action.REPLACE_ALL, "replace")
    login(client, translator)
    for segment, before in [
        (first, "Farmers sowed twenty acres."),
        (second, "Roads crossed acres."),
    ]:
        history = reverse("annotate:segment_history", args=[segment.pk])
        page = client.get(history).content.decode()
        action = re.search(r'<form method="post" action="([^"]+)">[^\n]*data-undo-replace', page)
        assert action, "no undo button"
        client.post(action[1], {"version": 3 if segment == first else 2})
        segment.refresh_from_db()
        assert segment.text == before
        assert segment.revisions.order_by("-id")[0].action == Revision.Action.RESTORE
        assert "data-undo-replace" not in client.get(history).content.decode()


def test_every_segment_has_its_reject_form_and_dismiss_controls(client, reviewer, text_document):
    """The fields that are the same in every segment are rendered once per page ({% once %}) and
    repeated: each segment still gets the whole form, posting to its own URL and version."""
    document = text_document("The the GDP grew. Jining grew grew. Yinchuan waited waited.")
    segments = list(document.segments.order_by("position"))
    html = (
        login(client, reviewer)
        .get(reverse("annotate:document_review", args=[document.pk]))
        .content.decode()
    )
    forms = re.findall(r'<form[^>]*class="reject-form".*?</form>', html, re.S)
    assert len(forms) == len(segments)
    for segment, form in zip(segments, forms, strict=True):
        assert reverse("annotate:segment_reject", args=[segment.pk]) in form
        assert f'name="version" value="{segment.version}"' in form
        assert 'name="category"' in form and 'name="severity"' in form
        assert 'name="csrfmiddlewaretoken"' in form
    dismiss = re.findall(r"<form[^>]*dismiss-form.*?</form>", html, re.S)
    assert len(dismiss) >= len(segments)  # each segment repeats a word
    assert all('name="reason"' in form and "csrfmiddlewaretoken" in form for form in dismiss)


def test_a_write_has_the_page_refresh_its_counts(client, reviewer, text_document):
    """The filter bar and findings summary are fetched again after a change (an event the
    write's answer carries, after the segment is on screen), so their counts do not go stale."""
    document = text_document("Ningxia grew fast. Jining grew too.")
    first, _second = document.segments.order_by("position")
    login(client, reviewer)
    page = client.get(reverse("annotate:document_review", args=[document.pk])).content.decode()
    counts_url = reverse("annotate:document_counts", args=[document.pk])
    assert f'hx-get="{counts_url}"' in page and 'hx-trigger="redline-changed from:body"' in page

    approve = reverse("annotate:segment_approve", args=[first.pk])
    answer = client.post(approve, {"version": first.version}, **HX)
    assert answer.status_code == 200
    assert "redline-changed" in answer["HX-Trigger-After-Settle"]
    stale = client.post(approve, {"version": first.version}, **HX)  # refused: nothing changed
    assert stale.status_code >= 400 and "HX-Trigger-After-Settle" not in stale

    bar = client.get(counts_url, {"status": "approved"}).content.decode()
    assert re.search(r'class="chip status-approved on"[^>]*>Approved <span>1</span>', bar)
    assert re.search(r'class="chip status-mt"[^>]*>MT <span>1</span>', bar)
    assert 'id="filters"' in bar and 'id="segments"' not in bar  # the bar, not the page
    assert f'hx-get="{counts_url}?status=approved"' in bar  # it keeps the filter on refresh


def test_one_request_refreshes_the_filter_bar_and_the_findings_summary(
    client, reviewer, text_document
):
    """The counts answer carries the findings summary out of band: one request after a write,
    not one per panel, and the summary on the page no longer asks for itself."""
    document = text_document("Ningxia grew grew fast. Jining grew too.")
    login(client, reviewer)
    client.get(reverse("annotate:document_review", args=[document.pk]))  # checked on opening
    summary_url = reverse("annotate:document_findings", args=[document.pk])
    summary = client.get(summary_url).content.decode()
    assert "redline-changed" not in summary and "hx-swap-oob" not in summary

    answer = client.get(reverse("annotate:document_counts", args=[document.pk]), {"status": "mt"})
    html = answer.content.decode()
    oob = re.search(r'<section class="findings-summary" id="findings-summary"[^>]*>', html)
    assert oob and 'hx-swap-oob="true"' in oob.group(0)
    assert html.index('id="filters"') < oob.start()  # the bar is the main swap
    # The summary's check links keep the page's other filters, as on the page itself.
    assert "?status=mt&amp;check=repeated-word" in html


def test_the_counts_are_for_members_only(client, make_user, text_document):
    document = text_document("Ningxia grew fast.")
    outsider = make_user("olga", roles.REVIEWER, member_of=Corpus.objects.create(name="Other"))
    login(client, outsider)
    assert client.get(reverse("annotate:document_counts", args=[document.pk])).status_code == 404
