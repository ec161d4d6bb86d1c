"""Glossary places (glossary.models.Place) follow every write, and a save's consistency check
read from them finds what reading every segment's text finds (glossary.services.scan)."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.models import Label
from annotate.services import findings
from corpus import roles
from corpus.models import Segment
from corpus.services import EditConflict, EditRefused
from glossary.models import GlossaryTerm, Place
from glossary.services.cache import matcher_for
from glossary.services.concepts import GlossaryRefused
from glossary.services.files import import_csv
from glossary.services.scan import glossary_findings
from tests.annotate.test_counters import KINDS, _random_step
from tests.conftest import SEED_FILES, SEEDS, import_file
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db


def _stored(segment) -> list[tuple]:
    rows = Place.objects.filter(segment=segment).values_list(
        "term_id", "start", "end", "kind", "surface", "preferred", "text"
    )
    return sorted(rows)


def _matched(segment, matcher) -> list[tuple]:
    return sorted(
        (
            m.term_id,
            m.start,
            m.end,
            str(m.kind),
            m.surface,
            m.preferred,
            segment.text[m.start : m.end],
        )
        for m in matcher.find(segment.text)
    )


def _finding_rows(scanned, pk) -> list[tuple]:
    return [(f.check_id, f.start, f.end, f.message, f.fix) for f in scanned.findings.get(pk, [])]


@pytest.fixture
def glossary(corpus):
    import_csv(corpus, (SEEDS / "glossary.csv").read_bytes(), None)
    return corpus


@pytest.mark.parametrize("seed", range(2))
def test_places_follow_random_writes_and_give_the_full_scans_findings(
    seed, glossary, translator, make_user, django_capture_on_commit_callbacks
):
    corpus = glossary
    labels = [Label.objects.get_or_create(corpus=corpus, key=k, name=k)[0] for k in ("ORG", "GPE")]
    reviewer = make_user("gale", roles.GLOSSARY_ADMIN, roles.REVIEWER, member_of=corpus)
    document = import_file(corpus, SEED_FILES[1])  # the Jining report: many glossary concepts
    term = GlossaryTerm.objects.get(corpus=corpus, preferred="mu")
    variant = (term, term.variants.get(kind="forbidden", text="acres"))
    findings.refresh_document(document)
    matcher = matcher_for(corpus.pk)
    rng = random.Random(seed)
    kinds = rng.sample(KINDS, len(KINDS)) + [
        rng.choice(["edit", "merge", "split"]) for _ in range(12)
    ]
    for step, kind in enumerate(kinds):
        try:
            done = _random_step(
                rng, kind, document, labels, translator, reviewer, variant,
                django_capture_on_commit_callbacks,
            )  # fmt: skip
        except (EditRefused, EditConflict, GlossaryRefused):
            done = "refused"
        segments = list(Segment.objects.filter(document=document).order_by("position"))
        for segment in segments:
            assert _stored(segment) == _matched(segment, matcher), f"step {step}: {done}"
        for segment in rng.sample(segments, 20):
            scanned = glossary_findings([segment], corpus=corpus.pk)
            placed = glossary_findings([segment], corpus=corpus.pk, from_places=True)
            assert _finding_rows(placed, segment.pk) == _finding_rows(scanned, segment.pk), (
                f"step {step}: {done}"
            )


def test_a_save_in_a_checked_document_reads_no_other_segments_text(client, glossary, translator):
    """The consistency check of a save reads the places of the segment's concepts, not the
    document's texts: its cost follows how often the concepts occur, not the document's size."""
    document = import_file(glossary, SEED_FILES[1])
    findings.refresh_document(document)
    segment = next(s for s in document.segments.order_by("position") if "acres" in s.text)
    login(client, translator)
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(
            reverse("annotate:segment_edit", args=[segment.pk]),
            {"text": segment.text + " Indeed.", "version": segment.version},
            **HX,
        )
    assert answer.status_code == 200
    document_texts = [
        q["sql"]
        for q in queries.captured_queries
        if '"corpus_segment"."text"' in q["sql"] and '"document_id" IN' in q["sql"]
    ]
    assert not document_texts
    assert "forbidden rendering" in answer.content.decode()  # "acres" is still flagged
    # ...and in an unchecked document (places may be missing) it reads them, as before.
    document.metadata = {}
    document.save(update_fields=["metadata"])
    segment.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        client.post(
            reverse("annotate:segment_edit", args=[segment.pk]),
            {"text": segment.text + " Again.", "version": segment.version},
            **HX,
        )
    assert [q for q in queries.captured_queries if '"corpus_segment"."text"' in q["sql"]]
