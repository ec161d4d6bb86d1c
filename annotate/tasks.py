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
