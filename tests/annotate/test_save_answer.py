"""A save answers with the segment drawn from what the edit wrote (its spans remapped, its
findings checked again: annotate.views.common.after_edit), not read back, and moves the
document's counters in one write. The answer must be exactly what a fresh read shows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.models import Finding, Label, Span
from annotate.services import findings, reviews
from annotate.services.spans import add_span
from glossary.services.concepts import create_term
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db
TEXT = "Jining Municipal Committee met on Monday and and agreed on 300 acres of land."


def _comparable(html: str) -> str:
    # Each render masks the CSRF token afresh: the only part two renders may not share.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.fixture
def marked(corpus, text_document, translator, reviewer):
    """One segment with every kind of mark a save must carry: an intact span, a span the edit
    will touch, a rejected suggestion, a dismissed finding, a glossary finding, a comment."""
    create_term(
        None,
        corpus=corpus,
        preferred="mu",
        source="亩",
        status="approved",
        forbidden=["acres"],
    )
    org = Label.objects.create(corpus=corpus, key="ORG", name="Organisation")
    date = Label.objects.create(corpus=corpus, key="DATE", name="Date")
    segment = text_document(TEXT).segments.get()
    add_span(segment, 0, len("Jining Municipal Committee"), org, translator)
    start = TEXT.index("Monday")
    add_span(segment, start, start + len("Monday"), date, translator)
    Span.objects.create(
        segment=segment,
        start=TEXT.index("land"),
        end=TEXT.index("land") + 4,
        text="land",
        label=org,
        origin=Span.Origin.MODEL,
        state=Span.State.REJECTED,
    )
    findings.refresh([segment])
    repeated = Finding.objects.get(segment=segment, check_id="repeated-word")
    findings.dismiss(repeated, reviewer, "quoted as said")
    reviews.add_comment(segment, "Is it Monday or Mondays?", reviewer)
    segment.refresh_from_db()
    return segment


def test_the_save_answer_is_what_a_fresh_read_shows(client, translator, marked):
    login(client, translator)
    text = marked.text.replace("Monday", "Monnday")
    answer = client.post(
        reverse("annotate:segment_edit", args=[marked.pk]),
        {"text": text, "version": marked.version},
        **HX,
    )
    assert answer.status_code == 200
    fresh = client.get(reverse("annotate:segment_detail", args=[marked.pk]), **HX)
    html = answer.content.decode()
    assert _comparable(html) == _comparable(fresh.content.decode())
    # What the two agree on is really there (not two empty fragments):
    spans = Span.objects.filter(segment=marked)
    assert {s.state for s in spans} == {"accepted", "needs-review", "rejected"}
    assert "needs-review" in html and "Jining Municipal Committee" in html
    assert "Is it Monday or Mondays?" in html  # the comment thread
    shown = Finding.objects.filter(segment=marked, dismissed=False)
    assert "glossary-forbidden" in {f.check_id for f in shown} and len(shown) >= 2
    assert Finding.objects.filter(segment=marked, check_id="repeated-word", dismissed=True)
    for finding in shown:
        assert reverse("annotate:finding_fix", args=[finding.pk]) in html or not finding.fix


def test_a_save_reads_none_of_its_marks_back(client, translator, marked):
    """After the write, nothing reads spans or findings again, and the document's counters
    (status, spans, findings all moved) are written once."""
    login(client, translator)
    text = marked.text.replace("Monday", "Monnday")
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(
            reverse("annotate:segment_edit", args=[marked.pk]),
            {"text": text, "version": marked.version},
            **HX,
        )
    assert answer.status_code == 200
    sqls = [q["sql"] for q in queries.captured_queries]
    counted = [i for i, sql in enumerate(sqls) if sql.startswith('UPDATE "corpus_document"')]
    assert len(counted) == 1  # the write's last step
    after = sqls[counted[0] + 1 :]
    assert not [s for s in after if "annotate_finding" in s], after
    assert not [s for s in after if 'FROM "annotate_span"' in s], after
