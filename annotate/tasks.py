"""Background work of annotation (django.tasks API)."""

from django_tasks import task

from annotate import preannotate as preannotation


@task()
def preannotate(job_id: int) -> None:
    preannotation.run_job(job_id)


@task()
def check_documents(corpus_id: int) -> None:
    """Run the QA checks on every document of a corpus not yet checked with the current checks."""
    from annotate import findings
    from corpus.models import Document

    for document in findings.unchecked(Document.objects.filter(corpus_id=corpus_id)):
        findings.refresh_document(document)


@task()
def replace_all(
    job_id: int, term_id: int, variant_id: int, targets: list, excluded_occurrences: list
) -> None:
    """Replace a forbidden glossary variant with the preferred term (annotate.glossary_scan)."""
    from annotate import glossary_scan

    glossary_scan.run_replace_all(job_id, term_id, variant_id, targets, excluded_occurrences)
