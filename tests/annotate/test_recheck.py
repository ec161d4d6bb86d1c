"""A glossary change re-checks the segments it touches; the Re-check action for documents and
corpora."""

import pytest
from django.urls import reverse

from annotate.models import Finding
from annotate.services import findings, recheck
from corpus import roles
from corpus.models import Document
from glossary.services.concepts import create_term, set_variants
from tests.helpers import login

pytestmark = pytest.mark.django_db
TEXT = (
    "The park covers 4,260 acres of farmland.\n\n"
    "Output rose by nine percent.\n\n"
    "Another 20 acres were planted."
)


@pytest.fixture
def glossary_admin(make_user, corpus):
    return make_user("gale", roles.GLOSSARY_ADMIN, roles.REVIEWER, member_of=corpus)


@pytest.fixture
def document(text_document, client, glossary_admin):
    document = text_document(TEXT)
    login(client, glossary_admin).get(reverse("annotate:document_review", args=[document.pk]))
    assert not Finding.objects.filter(check_id="glossary-forbidden").exists()
    return document


def forbidden(document):
    return list(
        Finding.objects.filter(document=document, check_id="glossary-forbidden")
        .order_by("segment__position")
        .values_list("segment__text", "fix")
    )


def review(client, document, **params):
    return client.get(reverse("annotate:document_review", args=[document.pk]), params)


def test_a_new_forbidden_variant_gets_findings_fix_count_and_filter(
    client, document, glossary_admin, corpus
):
    term = create_term(
        glossary_admin, corpus=corpus, preferred="mu", forbidden=["acres"], status="approved"
    )
    response = review(client, document, check="glossary-forbidden")
    assert forbidden(document) == [
        ("The park covers 4,260 acres of farmland.", "mu"),
        ("Another 20 acres were planted.", "mu"),
    ]
    # The filter finds them, the counters count them, the summary lists the check.
    assert [s.text for s in response.context["segments"]] == [t for t, _ in forbidden(document)]
    assert Document.objects.get(pk=document.pk).finding_counts["glossary-forbidden"] == 2
    summary = client.get(reverse("annotate:document_findings", args=[document.pk]))
    assert "Forbidden glossary rendering" in summary.content.decode()
    # Taking the variant back out clears them again.
    set_variants(term, glossary_admin, [], [])
    review(client, document)
    assert forbidden(document) == []
    assert Document.objects.get(pk=document.pk).finding_counts.get("glossary-forbidden", 0) == 0


def test_only_the_touched_segments_are_checked_again(document, glossary_admin, corpus):
    since = recheck.pending(corpus) or 0
    create_term(
        glossary_admin, corpus=corpus, preferred="mu", forbidden=["acres"], status="approved"
    )
    until = recheck.pending(corpus)
    assert recheck.recheck_glossary_changes(corpus.pk, since, until) == 2  # not the middle one
    # A change to the all-corpora glossary reaches this corpus too.
    create_term(
        glossary_admin, preferred="percentage point", forbidden=["percent"], status="approved"
    )
    recheck.ensure_glossary_checked(corpus)
    assert Finding.objects.filter(
        document=document, check_id="glossary-forbidden", fix="percentage point"
    ).exists()
    assert recheck.pending(corpus) is None  # handled once


def test_a_large_corpus_is_checked_again_by_the_task_worker(
    document, glossary_admin, corpus, monkeypatch, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(findings, "INLINE_LIMIT", 1)
    enqueued = []
    task = recheck.recheck_glossary_task

    class Recording:  # the real task, run by the immediate backend, with its calls recorded
        def enqueue(self, *args):
            enqueued.append(args)
            return task.enqueue(*args)

    monkeypatch.setattr(recheck, "recheck_glossary_task", Recording())
    create_term(
        glossary_admin, corpus=corpus, preferred="mu", forbidden=["acres"], status="approved"
    )
    recheck.ensure_glossary_checked(corpus)
    assert len(enqueued) == 1 and len(forbidden(document)) == 2


def test_recheck_actions_are_for_project_admins(
    client, document, translator, project_admin, corpus, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Finding.objects.filter(document=document).delete()  # as if the checks had changed
    login(client, translator)
    assert client.post(reverse("annotate:recheck_document", args=[document.pk])).status_code == 403
    assert client.post(reverse("annotate:recheck_corpus", args=[corpus.pk])).status_code == 403
    login(client, project_admin)
    page = review(client, document).content.decode()
    assert reverse("annotate:recheck_document", args=[document.pk]) in page
    response = client.post(reverse("annotate:recheck_document", args=[document.pk]), follow=True)
    assert "Checked all 3 segments again." in response.content.decode()
    assert Finding.objects.filter(document=document).exists()  # the number check's finding
    Finding.objects.filter(document=document).delete()
    response = client.post(reverse("annotate:recheck_corpus", args=[corpus.pk]))
    assert response.status_code == 302 and Finding.objects.filter(document=document).exists()
