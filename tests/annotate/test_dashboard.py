"""The corpus dashboard: exact figures on a small hand-made corpus, a query count that does not
grow with the corpus, the page's permissions, and well-formed SVG."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.charts import Series, bar_chart, column_chart, nice_ticks
from annotate.models import Dismissal, Finding
from annotate.services.dashboard import Period, corpus_dashboard
from annotate.services.findings import QA_VERSION
from corpus.models import Corpus, Document, Revision, Segment
from tests.helpers import login

DAY1 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
DAY2 = DAY1 + dt.timedelta(days=1)


def _document(corpus, title, texts):
    document = Document.objects.create(
        corpus=corpus, title=title, original_name=f"{title}.txt", sha256=title.ljust(64, "0")
    )
    return [
        Segment.objects.create(
            document=document, position=(i + 1) * 1024, paragraph=0, mt_text=t, text=t
        )
        for i, t in enumerate(texts)
    ]


def _revision(segment, author, action, when, *, ms=None, status="edited", note=""):
    revision = Revision.objects.create(
        segment=segment,
        action=action,
        before=segment.mt_text,
        after=segment.text,
        status=status,
        version=1,
        author=author,
        note=note,
        edit_time_ms=ms,
    )
    Revision.objects.filter(pk=revision.pk).update(created_at=when)  # auto_now_add otherwise
    return revision


def _finding(segment, check, *, dismissed=False):
    document = segment.document
    return Finding.objects.create(
        segment=segment,
        document=document,
        corpus_id=document.corpus_id,
        check_id=check,
        severity="warning",
        start=0,
        end=1,
        message="m",
        dismissed=dismissed,
    )


@pytest.fixture
def worked(corpus, translator, reviewer):
    """Two documents; tina edits three segments (two timed), rui approves two and dismisses one.

    MT word counts: a=4, b=2, c=3, d=1."""
    a, b = _document(corpus, "alpha", ["one two three four", "five six"])
    c, d = _document(corpus, "beta", ["seven eight nine", "ten"])
    for segment, status, hter, author in (
        (a, "approved", 0.25, translator),
        (b, "edited", 0.0, translator),
        (c, "edited", 1.5, translator),
        (d, "approved", 0.0, None),  # approved as the MT was
    ):
        Segment.objects.filter(pk=segment.pk).update(status=status, hter=hter, text_author=author)
    _revision(a, translator, "edit", DAY1, ms=60_000)
    _revision(b, translator, "fix-applied", DAY1, ms=None, note="fix for missing-space: “x” → “y”")
    _revision(c, translator, "edit", DAY2, ms=120_000)
    _revision(c, translator, "replace-all", DAY2, note="glossary: “special” → “distinctive”")
    _revision(a, reviewer, "status", DAY2, status="approved")
    _revision(d, reviewer, "status", DAY2, status="approved")
    _revision(d, reviewer, "check", DAY2)  # not an edit
    _finding(a, "missing-space")
    _finding(a, "glossary-forbidden")
    _finding(c, "glossary-forbidden")
    _finding(c, "missing-space", dismissed=True)
    Dismissal.objects.create(segment=c, check_id="missing-space", surface="x", user=reviewer)
    return corpus


def test_figures_of_a_small_corpus(worked, translator, reviewer):
    board = corpus_dashboard(worked)
    assert [(d.day, d.edited, d.approved) for d in board.days] == [
        (DAY1.date(), 2, 0),
        (DAY2.date(), 2, 2),  # c: an edit and a glossary replace-all count for each
    ]
    checks = {c.check_id: (c.open, c.fixed, c.dismissed) for c in board.checks}
    assert checks == {"missing-space": (1, 1, 1), "glossary-forbidden": (2, 1, 0)}
    assert (board.glossary.open, board.glossary.fixed, board.glossary.dismissed) == (2, 1, 0)
    # Past MT: a 0.25, b 0, c 1.5, d 0.
    assert dict(board.hter) == {"0": 2, "0.2–0.3": 1, "> 1": 1} | {
        name: 0 for name, n in board.hter if name not in ("0", "0.2–0.3", "> 1")
    }
    rui, tina = board.people
    assert (tina.name, tina.segments, tina.edits, tina.words) == ("tina", 3, 4, 4 + 2 + 3 + 3)
    assert (tina.timed_edits, tina.time_ms, tina.timed_words) == (2, 180_000, 7)
    assert tina.words_per_hour == pytest.approx(7 * 20)  # 7 words in 3 minutes
    assert tina.mean_hter == pytest.approx((0.25 + 0 + 1.5) / 3)
    assert (tina.fixed, tina.dismissed) == (2, 0)  # a fix and a glossary replace-all
    assert (rui.name, rui.edits, rui.dismissed, rui.mean_hter, rui.words_per_hour) == (
        "rui",
        0,
        1,
        None,
        None,
    )
    alpha, beta = board.documents
    assert (alpha.name, alpha.segments, alpha.edits, alpha.words) == ("alpha", 2, 2, 6)
    assert (alpha.timed_words, alpha.time_ms, alpha.fixed, alpha.dismissed) == (4, 60_000, 1, 0)
    assert alpha.mean_hter == pytest.approx(0.125)
    assert (beta.segments, beta.edits, beta.words, beta.dismissed) == (1, 2, 6, 1)
    assert beta.mean_hter == pytest.approx(0.75)


def test_a_period_keeps_the_edits_of_its_days(worked):
    board = corpus_dashboard(worked, Period(since=DAY2.date(), until=DAY2.date()))
    assert [(d.day, d.edited, d.approved) for d in board.days] == [(DAY2.date(), 2, 2)]
    [tina] = board.people  # rui's approvals are not edits, and he dismissed nothing that day
    assert (tina.edits, tina.words, tina.time_ms, tina.fixed) == (2, 6, 120_000, 1)
    assert {c.check_id: c.fixed for c in board.checks} == {
        "missing-space": 0,
        "glossary-forbidden": 1,
    }


def test_unknown_time_is_not_zero_time(worked, translator):
    Revision.objects.update(edit_time_ms=None)
    tina = corpus_dashboard(worked).people[0]
    assert not tina.time_known and tina.words_per_hour is None


def test_other_corpora_do_not_count(worked, translator):
    other = Corpus.objects.create(name="Other")
    [x] = _document(other, "gamma", ["eleven twelve"])
    _revision(x, translator, "edit", DAY1, ms=1_000)
    _finding(x, "missing-space")
    board = corpus_dashboard(worked)
    assert board.people[1].edits == 4
    assert {c.check_id: c.open for c in board.checks}["missing-space"] == 1


def test_documents_the_checks_have_not_run_on_are_counted(worked):
    assert corpus_dashboard(worked).unchecked == 2  # nobody opened or checked either
    Document.objects.filter(title="alpha").update(metadata={"qa_version": QA_VERSION})
    assert corpus_dashboard(worked).unchecked == 1
    # Checked with older checks is not checked: the current checks may find more.
    Document.objects.filter(title="beta").update(metadata={"qa_version": QA_VERSION - 1})
    assert corpus_dashboard(worked).unchecked == 1
    Document.objects.update(metadata={"qa_version": QA_VERSION, "other": 1})
    assert corpus_dashboard(worked).unchecked == 0


def _grow(corpus, user, n):
    segments = _document(corpus, f"big{n}", [f"w{i} x y" for i in range(n)])
    for i, segment in enumerate(segments):
        _revision(segment, user, "edit", DAY1 + dt.timedelta(days=i % 5), ms=1000 * i)
        _finding(segment, f"check-{i % 3}")
        Dismissal.objects.create(segment=segment, check_id="missing-space", surface="x", user=user)


def test_query_count_does_not_grow_with_the_corpus(worked, make_user):
    with CaptureQueriesContext(connection) as small:
        corpus_dashboard(worked)
    _grow(worked, make_user("ann", "translator", member_of=worked), 40)
    with CaptureQueriesContext(connection) as large:
        board = corpus_dashboard(worked)
    assert len(board.people) == 3 and len(board.documents) == 3  # the growth is counted
    assert len(small) == len(large) == 6


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["translator", "reviewer", "project admin", "glossary admin"])
def test_every_member_sees_the_dashboard(client, worked, make_user, role):
    login(client, make_user("member", role, member_of=worked))
    response = client.get(reverse("annotate:corpus_dashboard", args=[worked.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and "<caption>" in body and "tina" in body


def test_non_members_get_404_and_anonymous_users_the_login(client, worked, make_user):
    url = reverse("annotate:corpus_dashboard", args=[worked.pk])
    assert client.get(url).status_code == 302
    assert "/login" in client.get(url)["Location"]
    login(client, make_user("outsider", "project admin"))
    assert client.get(url).status_code == 404


def test_the_corpus_page_links_to_the_dashboard(client, worked, translator):
    login(client, translator)
    response = client.get(reverse("corpus:corpus_detail", args=[worked.pk]))
    assert reverse("annotate:corpus_dashboard", args=[worked.pk]) in response.content.decode()


def test_a_bad_period_is_named_and_ignored(client, worked, translator):
    login(client, translator)
    url = reverse("annotate:corpus_dashboard", args=[worked.pk])
    response = client.get(url, {"since": "2026-03-03", "until": "2026-03-01"})
    assert response.status_code == 200
    assert "The period starts after it ends." in response.content.decode()
    assert response.context["board"].people[1].edits == 4  # all time, not a guess


@pytest.fixture
def unchecked(corpus):
    """A corpus of two documents nobody has opened or checked: no finding stored, yet some to find
    ("integrate the twoThe development" has words glued together)."""
    _document(corpus, "glued", ["We integrate the twoThe development index.", "It rose."])
    _document(corpus, "plain", ["Nothing to see here."])
    return corpus


def test_an_unchecked_corpus_is_not_shown_as_clean(client, unchecked, translator):
    login(client, translator)
    page = client.get(reverse("annotate:corpus_dashboard", args=[unchecked.pk])).content.decode()
    assert "2 of 2 documents not checked yet" in page
    assert "No document checked yet." in page and "No findings." not in page
    # Only reviewers and project admins run the checks on a corpus; a translator is told so.
    assert reverse("annotate:check_corpus", args=[unchecked.pk]) not in page
    assert "A reviewer or project admin can run the checks." in page


def test_a_reviewer_checks_the_corpus_from_the_dashboard(client, unchecked, reviewer):
    login(client, reviewer)
    url = reverse("annotate:corpus_dashboard", args=[unchecked.pk])
    check = reverse("annotate:check_corpus", args=[unchecked.pk])
    assert f'action="{check}"' in client.get(url).content.decode()
    response = client.post(check, follow=True)  # the immediate task backend in tests
    assert response.redirect_chain == [(url, 302)]
    page = response.content.decode()
    assert "of 2 documents not checked yet" not in page and "The task worker is checking" in page
    assert all(d.metadata["qa_version"] == QA_VERSION for d in Document.objects.all())
    assert [c.check_id for c in response.context["board"].checks] == ["joined-words"]


def test_a_partly_checked_corpus_says_how_much_is_missing(client, unchecked, reviewer):
    Document.objects.filter(title="plain").update(metadata={"qa_version": QA_VERSION})
    login(client, reviewer)
    page = client.get(reverse("annotate:corpus_dashboard", args=[unchecked.pk])).content.decode()
    assert "1 of 2 documents not checked yet" in page
    assert "No findings in the checked documents." in page


def test_a_checked_corpus_without_findings_says_so_plainly(client, unchecked, reviewer):
    Document.objects.update(metadata={"qa_version": QA_VERSION})
    login(client, reviewer)
    page = client.get(reverse("annotate:corpus_dashboard", args=[unchecked.pk])).content.decode()
    assert "not checked yet" not in page and "No findings." in page


def test_an_empty_corpus_has_nothing_to_check(client, corpus, reviewer):
    login(client, reviewer)
    page = client.get(reverse("annotate:corpus_dashboard", args=[corpus.pk])).content.decode()
    assert "not checked yet" not in page and "No findings." in page


def test_only_checkers_start_the_corpus_check(client, unchecked, translator, make_user):
    check = reverse("annotate:check_corpus", args=[unchecked.pk])
    login(client, translator)
    assert client.post(check).status_code == 403
    assert client.get(check).status_code == 405
    login(client, make_user("outsider", "reviewer"))
    assert client.post(check).status_code == 404  # not a member of the corpus
    assert not Document.objects.filter(metadata__has_key="qa_version").exists()


def test_the_page_query_count_does_not_grow(client, worked, translator, make_user):
    login(client, translator)
    url = reverse("annotate:corpus_dashboard", args=[worked.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _grow(worked, make_user("ann", "translator", member_of=worked), 30)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)


def test_the_page_svgs_are_well_formed_and_escape_names(client, worked, make_user):
    login(client, make_user("<b>&x", "translator", member_of=worked))
    [segment] = _document(worked, "gamma", ["one"])
    _revision(segment, None, "edit", DAY1)  # an author since deleted
    response = client.get(reverse("annotate:corpus_dashboard", args=[worked.pk]))
    body = response.content.decode()
    svgs = body.split("<svg")[1:]
    charts = [s for s in svgs if 'class="chart"' in s.split(">")[0]]
    assert len(charts) == 5
    for chunk in charts:
        root = ET.fromstring("<svg" + chunk.split("</svg>")[0] + "</svg>")
        assert root.find("{http://www.w3.org/2000/svg}title").text
        assert root.find("{http://www.w3.org/2000/svg}desc").text


# --- the pure charts -------------------------------------------------------------------------


def test_ticks_are_round_and_cover_the_top():
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(100) == [0, 50, 100]
    assert nice_ticks(0) == [0, 1]


def test_charts_escape_their_text_and_parse():
    evil = '<script>&"'
    for svg in (
        column_chart("c", evil, evil, [evil, "b"], [Series(evil, "edited", (3, 0))]),
        bar_chart(
            "b", evil, evil, [evil], [Series(evil, "open", (2,)), Series("x", "fixed", (1,))]
        ),
        column_chart("e", "empty", "nothing", [], [Series("x", "edited", ())]),
    ):
        root = ET.fromstring(svg)
        assert "<script>" not in svg
        assert root.get("role") == "img"


def test_stacked_columns_are_as_tall_as_their_total():
    svg = column_chart(
        "c", "t", "d", ["a"], [Series("x", "edited", (2,)), Series("y", "approved", (2,))]
    )
    svg_ns = "{http://www.w3.org/2000/svg}"
    bars = [
        r for r in ET.fromstring(svg).iter(svg_ns + "rect") if r.find(svg_ns + "title") is not None
    ]
    heights = [float(r.get("height")) for r in bars]
    assert len(heights) == 2 and heights[0] == heights[1]
