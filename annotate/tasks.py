"""Background work of annotation (django.tasks API)."""

from django_tasks import task

from annotate import preannotate as preannotation


@task()
def preannotate(job_id: int) -> None:
    preannotation.run_job(job_id)
