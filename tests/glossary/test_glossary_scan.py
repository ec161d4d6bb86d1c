"""Concordance, replace-all and the review screen's glossary findings, on the seed texts."""

import re

import pytest

from annotate.models import Label, Span
from annotate.services.findings import refresh_document
from annotate.services.replace import start_replace_all
from annotate.services.spans import check_invariant
from corpus import roles
from corpus.models import Job, Revision, Segment
from glossary.models import GlossaryTerm
from glossary.services.concepts import GlossaryRefused, approve_term, create_term
from glossary.services.files import import_csv
from glossary.services.scan import (
    concordance,
    document_glossary_findings,
    glossary_findings,
    replace_preview,
)
from glossary.terms.consistency import FORBIDDEN, INCONSISTENT
from tests.conftest import SEED_FILES, SEEDS, import_file
from tests.glossary.terms.test_seed_glossary import FAMILIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_user, corpus):
    return make_user("gale", roles.GLOSSARY_ADMIN, roles.REVIEWER, member_of=corpus)


@pytest.fixture
def seeded(corpus, admin_user):
    documents = [import_file(corpus, path) for path in SEED_FILES]
    import_csv(corpus, (SEEDS / "glossary.csv").read_bytes(), admin_user)
    return documents


def term(source: str) -> GlossaryTerm:
    return GlossaryTerm.objects.get(source=source)


def run_replace(django_capture_on_commit_callbacks, *args, **kwargs) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = start_replace_all(*args, **kwargs)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("family", FAMILIES)
def test_concordance_finds_every_occurrence_of_the_issues_concepts(corpus, seeded, family):
    sources, pattern = FAMILIES[family]
    expected = sorted(
        (segment.pk, m.start(), m.group().lower())
        for segment in Segment.objects.filter(document__corpus=corpus)
        for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", segment.text, flags=re.IGNORECASE)
    )
    found = sorted(
        (o.segment_id, o.start, o.text.lower())
        for source in sources
        for o in concordance(corpus, term(source))
    )
    assert expected and found == expected


def test_concordance_rows_carry_kind_context_and_review_position(corpus, seeded):
    occurrences = concordance(corpus, term("专精特新"))
    kinds = {o.kind for o in occurrences}
    assert kinds == {"forbidden"}  # the seeds never use the preferred rendering
    first = occurrences[0]
    segment = Segment.objects.get(pk=first.segment_id)
    assert segment.text[first.start : first.end] == first.text
    assert (
        first.left.lstrip("…") in segment.text[: first.start]
        and first.right.rstrip("…") in segment.text[first.end :]
    )
    assert first.review_after == segment.position - 1
    assert [o.surface for o in occurrences].count("Specialized, Specialized, Special and New") == 3


def test_concordance_of_a_draft_uses_the_same_matching_rules(corpus, seeded, admin_user):
    draft = create_term(
        admin_user, corpus=corpus, preferred="climbing company", admitted=["climbing companies"]
    )
    texts = "\n".join(
        Segment.objects.filter(document__corpus=corpus).values_list("text", flat=True)
    )
    found = [o.text for o in concordance(corpus, draft)]
    assert found and found == re.findall(r"\bclimbing compan(?:y|ies)\b", texts)


def test_replace_all_writes_one_revision_per_segment_and_skips_opt_outs(
    corpus, seeded, admin_user, django_capture_on_commit_callbacks
):
    mu = term("亩")
    acres = mu.variants.get(text="acres")
    previews = replace_preview(corpus, mu, acres)
    assert len(previews) == 3 and all(
        "acres" not in p.after and " mu " in p.after for p in previews
    )
    kept = previews[0].segment_id
    job = run_replace(django_capture_on_commit_callbacks, corpus, mu, acres, admin_user, [kept])
    assert (job.state, job.total, job.done, job.message) == ("done", 2, 2, "")
    revisions = Revision.objects.filter(action=Revision.Action.REPLACE_ALL)
    assert sorted(r.segment_id for r in revisions) == sorted(p.segment_id for p in previews[1:])
    for revision in revisions:
        assert revision.author == admin_user and "“acres” → “mu”" in revision.note
        assert "acres" in revision.before and "acres" not in revision.after
    assert "acres" in Segment.objects.get(pk=kept).text


def test_replace_all_remaps_spans_and_skips_segments_changed_since_the_preview(
    corpus, seeded, admin_user, translator, django_capture_on_commit_callbacks
):
    champion = term("单项冠军")
    variant = champion.variants.get(text="individual champion")
    previews = replace_preview(corpus, champion, variant)
    assert len(previews) >= 2
    first, second = (Segment.objects.get(pk=p.segment_id) for p in previews[:2])
    label = Label.objects.create(corpus=corpus, key="TERM", name="Term")
    word = re.compile(r"\w+").search(
        first.text, first.text.index("individual champion") + len("individual champion")
    )
    span = Span.objects.create(
        segment=first, start=word.start(), end=word.end(), text=word.group(), label=label
    )
    from annotate.services.edits import edit_segment

    edit_segment(second, second.text + " Edited.", second.version, translator)
    job = run_replace(
        django_capture_on_commit_callbacks,
        corpus,
        champion,
        variant,
        admin_user,
        previewed={p.segment_id: p.version for p in previews},
    )
    assert (
        job.message
        == f"Replaced in {len(previews) - 1} segment(s); 1 skipped because they changed meanwhile."
    )
    first.refresh_from_db()
    span.refresh_from_db()
    assert "single champion" in first.text and "individual champion" not in first.text
    assert span.text == word.group() and span.start < word.start() and check_invariant(first) == []
    assert first.revisions.filter(action="replace-all").count() == 1
    assert "individual champion" in Segment.objects.get(pk=second.pk).text


def test_replace_all_single_occurrence_opt_out_and_sentence_case(
    text_document, corpus, admin_user, django_capture_on_commit_callbacks
):
    mu = create_term(
        admin_user, corpus=corpus, preferred="mu", status="approved", forbidden=["acres"]
    )
    acres = mu.variants.get()
    segment = text_document("Acres of land: 20 acres here and 30 acres there.").segments.get()
    [preview] = replace_preview(corpus, mu, acres)
    assert preview.after == "Mu of land: 20 mu here and 30 mu there."
    job = run_replace(
        django_capture_on_commit_callbacks,
        corpus,
        mu,
        acres,
        admin_user,
        excluded_occurrences=[(segment.pk, preview.hits[2][0])],
    )
    segment.refresh_from_db()
    assert job.state == "done" and segment.text == "Mu of land: 20 mu here and 30 acres there."
    assert segment.revisions.count() == 1


def test_replace_all_is_refused_for_drafts_and_admitted_variants(text_document, corpus, admin_user):
    draft = create_term(
        admin_user, corpus=corpus, preferred="mu", admitted=["mus"], forbidden=["acres"]
    )
    with pytest.raises(GlossaryRefused, match="is draft; approve it"):
        start_replace_all(corpus, draft, draft.variants.get(kind="forbidden"), admin_user)
    approve_term(draft, admin_user)
    draft.refresh_from_db()
    with pytest.raises(GlossaryRefused, match="not a forbidden variant"):
        start_replace_all(corpus, draft, draft.variants.get(kind="admitted"), admin_user)
    assert not Job.objects.exists()


def test_glossary_findings_for_the_review_screen(corpus, seeded):
    jining = next(d for d in seeded if d.original_name.startswith("004"))
    findings = document_glossary_findings(jining)
    flat = [(Segment.objects.get(pk=pk).text, f) for pk, found in findings.items() for f in found]
    forbidden = {
        text[f.start : f.end].lower(): f.fix for text, f in flat if f.check_id == FORBIDDEN
    }
    assert forbidden["acres"] == "mu" and forbidden["individual champion"] == "single champion"
    assert (
        forbidden["specialized, special and new"]
        == "specialized, refined, distinctive and innovative"
    )
    inconsistent = [
        (text[f.start : f.end], f.message) for text, f in flat if f.check_id == INCONSISTENT
    ]
    # "yield per mu" beside "acres": the preferred place is never flagged, the forbidden one is
    assert not [surface for surface, _ in inconsistent if surface.lower() == "mu"]
    assert any(
        f.check_id == FORBIDDEN and "this document also uses “mu”" in f.message for _, f in flat
    )
    assert all(f.severity in ("error", "warning") for _, f in flat)
    # a subset of segments gets findings judged against the whole document
    one = Segment.objects.get(
        pk=next(pk for pk, found in findings.items() if any(f.check_id == FORBIDDEN for f in found))
    )
    assert glossary_findings([one]).findings == {one.pk: findings[one.pk]}


def test_one_segments_findings_match_the_whole_documents_and_skip_the_scan_without_a_term(
    corpus, seeded
):
    """A save checks one segment: judged alone, each segment gets exactly the findings the whole
    document's check gives it (with the matches remembered from earlier scans, and after an edit
    that is not yet stored), and a segment with no glossary term reads no other segment."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    jining = next(d for d in seeded if d.original_name.startswith("004"))
    refresh_document(jining)  # stores every segment's places with its findings
    segments = list(jining.segments.order_by("position"))
    whole = document_glossary_findings(jining)
    for segment in segments:
        expected = {k: v for k, v in whole.items() if k == segment.pk}
        assert glossary_findings([segment], corpus=corpus.pk).findings == expected
        # From the stored places (a save in a checked document): the same findings.
        assert glossary_findings([segment], corpus=corpus.pk, from_places=True).findings == expected
    plain = next(s for s in segments if s.pk not in whole)
    with CaptureQueriesContext(connection) as queries:
        assert glossary_findings([plain], corpus=corpus.pk).findings == {}
    assert not [q for q in queries if "corpus_segment" in q["sql"]]
    # The unsaved text wins: a forbidden rendering typed into the plain segment is found.
    plain.text += " It covers 20 acres."
    for from_places in (False, True):
        with CaptureQueriesContext(connection) as queries:
            scanned = glossary_findings([plain], corpus=corpus.pk, from_places=from_places)
        found = scanned.findings[plain.pk]
        assert [(f.check_id, plain.text[f.start : f.end]) for f in found] == [(FORBIDDEN, "acres")]
        # Both name the document's other rendering of the concept, first in document order.
        assert "this document also uses “mu”" in found[0].message
        texts_read = [q for q in queries if '"corpus_segment"."text"' in q["sql"]]
        assert bool(texts_read) != from_places  # the places read no segment's text
