"""Background work (django.tasks API; `manage.py db_worker` runs it, tests run it immediately)."""

from django_tasks import task

from corpus import services


@task()
def import_batch(batch_id: int) -> None:
    services.run_import_batch(batch_id)
