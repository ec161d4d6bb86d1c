"""The document counters: kept by every write, equal to a recount after any sequence of them,
and read by the pages instead of counting (or selecting texts) per view."""

import random
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.models import Finding, Label, Span
from annotate.services import findings, preannotate
from annotate.services.counters import fresh_counts
from annotate.services.edits import (
    apply_fix,
    edit_segment,
    merge_with_next,
    restore_revision,
    split_segment,
)
from annotate.services.replace import start_replace_all
from annotate.services.spans import (
    accept_all,
    add_span,
    decide_suggestion,
    delete_span,
    relabel_span,
)
from corpus import roles
from corpus.models import Document, Segment
from corpus.services import EditConflict, EditRefused
from corpus.services.segments import set_status
from glossary.services.concepts import GlossaryRefused, create_term
from tests.conftest import SEED_FILES, import_file
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db
TEXT_COLUMN = re.compile(r'"(raw_text|text|mt_text)"')


def stored(document) -> dict:
    return Document.objects.filter(pk=document.pk).values(*Document.COUNTERS).get()


def assert_counted(document, step: str = "") -> None:
    assert stored(document) == fresh_counts([document.pk])[document.pk], step


@pytest.fixture
def labels(corpus):
    keys = ["PERSON", "ORG", "GPE", "DATE", "MONEY", "PERCENT", "QUANTITY"]
    return [Label.objects.create(corpus=corpus, key=key, name=key) for key in keys]


def _word(rng, segment) -> tuple[int, int]:
    words = [m.span() for m in re.finditer(r"\w+", segment.text)]
    return rng.choice(words) if words else (0, len(segment.text))


KINDS = ["edit", "restore", "merge", "split", "fix", "dismiss", "status", "add", "relabel",
         "delete", "decide", "accept-all", "preannotate", "replace-all", "check"]  # fmt: skip


def _random_step(rng, kind, document, labels, translator, reviewer, variant, capture) -> str:
    segments = list(Segment.objects.filter(document=document).order_by("position"))
    segment = rng.choice(segments)
    spans = list(Span.objects.filter(segment__document=document))
    open_findings = list(Finding.objects.filter(document=document, dismissed=False))
    if kind == "restore":
        segment = next((s for s in segments if s.text != s.mt_text), segment)
    if kind == "edit":
        start, end = _word(rng, segment)
        text = segment.text[:start] + rng.choice(["new", "", "2023", "the"]) + segment.text[end:]
        edit_segment(segment, text, segment.version, translator)
    elif kind == "restore":
        restore_revision(segment, None, segment.version, translator)
    elif kind == "merge":
        merge_with_next(segment, segment.version, translator)
    elif kind == "split":
        split_segment(segment, rng.randrange(1, len(segment.text)), segment.version, translator)
    elif kind == "fix" and [f for f in open_findings if f.fix is not None]:
        finding = rng.choice([f for f in open_findings if f.fix is not None])
        apply_fix(finding, finding.segment.version, translator)
    elif kind == "dismiss" and open_findings:
        findings.dismiss(rng.choice(open_findings), reviewer, "fine")
    elif kind == "status":
        set_status(segment, rng.choice(["approved", "rejected"]), segment.version, reviewer)
    elif kind == "add":
        add_span(segment, *_word(rng, segment), rng.choice(labels), translator)
    elif kind in ("relabel", "delete", "decide") and spans:
        span = rng.choice(spans)
        if kind == "relabel":
            relabel_span(span, rng.choice(labels), translator)
        elif kind == "delete":
            delete_span(span, translator)
        else:
            decide_suggestion(span, rng.random() < 0.5, translator)
    elif kind == "accept-all":
        accept_all(segment, translator)
    elif kind == "preannotate":
        preannotate.run_job(preannotate.start_job(document.corpus, document, translator).pk)
    elif kind == "replace-all":
        term, forbidden = variant
        with capture(execute=True):
            start_replace_all(document.corpus, term, forbidden, reviewer)
    elif kind == "check":
        findings.refresh_document(document)
    else:
        return "nothing to do"
    return kind


@pytest.mark.parametrize("seed", range(3))
def test_counters_equal_a_recount_after_random_writes(
    seed, corpus, labels, translator, make_user, django_capture_on_commit_callbacks
):
    reviewer = make_user("gale", roles.GLOSSARY_ADMIN, roles.REVIEWER, member_of=corpus)
    document = import_file(corpus, SEED_FILES[0])
    assert_counted(document, "import")
    term = create_term(
        reviewer, corpus=corpus, preferred="growth", forbidden=["development"], status="approved"
    )
    variant = (term, term.variants.get(kind="forbidden"))
    findings.refresh_document(document)
    rng = random.Random(seed)
    # Every kind of write at least once, in a random order, then a random mix.
    kinds = rng.sample(KINDS, len(KINDS)) + [rng.choice([*KINDS, "edit", "add"]) for _ in range(30)]
    done = []
    for step, kind in enumerate(kinds):
        try:
            done.append(
                _random_step(
                    rng, kind, document, labels, translator, reviewer, variant,
                    django_capture_on_commit_callbacks,
                )
            )  # fmt: skip
        except (EditRefused, EditConflict, GlossaryRefused):
            done.append("refused")
        assert_counted(document, f"step {step}: {done[-1]}")
    assert len(set(done)) > 10  # most kinds really wrote (some refuse on their random target)


def test_corpus_page_lists_documents_without_their_texts(client, reviewer, seed_document):
    login(client, reviewer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("corpus:corpus_detail", args=[seed_document.corpus_id]))
    listing = [q["sql"] for q in queries.captured_queries if "corpus_document" in q["sql"]]
    assert listing and not any(TEXT_COLUMN.search(sql) for sql in listing), listing
    [row] = page.context["documents"]
    assert row.segment_count == seed_document.segments.count() > 0


def test_review_page_reads_the_document_without_its_texts(client, reviewer, seed_document):
    login(client, reviewer)
    url = reverse("annotate:document_review", args=[seed_document.pk])
    client.get(url)  # the first opening runs the checks
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    document_reads = [
        q["sql"] for q in queries.captured_queries if 'FROM "corpus_document"' in q["sql"]
    ]
    assert document_reads and not any("raw_text" in sql for sql in document_reads)
    assert page.context["total"] == seed_document.segments.count()


def test_recount_command_repairs_counters(seed_document):
    Document.objects.filter(pk=seed_document.pk).update(segment_count=0, status_counts={})
    call_command("recount", stdout=None)
    assert_counted(seed_document)


def test_segment_actions_leave_the_imported_file_unread(client, translator, seed_document):
    Label.objects.create(corpus=seed_document.corpus, key="GPE", name="GPE")
    segment = seed_document.segments.filter(text__contains="Jining").first()
    start = segment.text.index("Jining")
    login(client, translator)
    with CaptureQueriesContext(connection) as queries:
        marked = client.post(
            reverse("annotate:span_add", args=[segment.pk]),
            {"start": start, "end": start + len("Jining"), "label": "GPE"},
            **HX,
        )
        edited = client.post(
            reverse("annotate:segment_edit", args=[segment.pk]),
            {"text": segment.text + " Indeed.", "version": segment.version},
            **HX,
        )
    assert marked.status_code == edited.status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "raw_text" in q["sql"]]
    assert_counted(seed_document)


def test_corpus_page_query_count_does_not_grow(client, reviewer, corpus, text_document):
    login(client, reviewer)
    url = reverse("corpus:corpus_detail", args=[corpus.pk])
    text_document("One short sentence.", name="one.txt")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for n in range(3):
        text_document(" ".join(f"Sentence {i} of {n}." for i in range(200)), name=f"{n}.txt")
    assert count() == few


def test_findings_summaries_match_the_stored_findings(client, reviewer, seed_document):
    login(client, reviewer)
    client.get(reverse("annotate:document_review", args=[seed_document.pk]))  # runs the checks
    finding = Finding.objects.filter(document=seed_document).first()
    findings.dismiss(finding, reviewer, "fine")
    expected = sorted(
        Finding.objects.filter(document=seed_document, dismissed=False)
        .values_list("check_id", "severity")
        .annotate(n=Count("pk"))
    )
    assert expected
    for url in (
        reverse("annotate:document_findings", args=[seed_document.pk]),
        reverse("annotate:corpus_findings", args=[seed_document.corpus_id]),
    ):
        rows = client.get(url).context["rows"]
        assert sorted((r["check_id"], r["severity"], r["n"]) for r in rows) == expected
