"""The background jobs through the Redis task backend (django-tasks-rq) and several real RQ
workers, as the README's scale-out path offers: import, pre-annotation, replace-all and checks.
The crash take-over on RQ is tests/corpus/test_job_takeover.py's RQ case.

Run by the Redis step of .ci/run (TASKS_BACKEND=django_tasks_rq.RQBackend, REDIS_URL); skipped
elsewhere. Exports are not background jobs (they stream in their request), so none is here.
"""

import hashlib

import pytest

from annotate.models import Finding, Span
from annotate.services import findings, preannotate
from annotate.services.labels import ensure_default_labels
from annotate.services.replace import start_replace_all
from corpus import roles
from corpus.importers import ImportedText
from corpus.models import Document, ImportBatch, Job, Revision
from corpus.services.imports import stage_import
from glossary.models import GlossaryTerm
from glossary.services.files import import_csv
from tests import workers
from tests.conftest import SEED_FILES, SEEDS, import_file

pytestmark = [
    pytest.mark.skipif(not workers.on_rq(), reason="Redis step of .ci/run only"),
    pytest.mark.django_db(transaction=True),
]
LEASE_SECONDS = 5


@pytest.fixture(scope="module")
def rq_workers(django_db_setup, tmp_path_factory):
    """Two RQ workers and the run_worker sweep, for the whole module."""
    workers.flush_redis()
    log = tmp_path_factory.mktemp("rq") / "workers.log"
    running = [workers.start(workers.RQ, log, lease_seconds=LEASE_SECONDS) for _ in range(2)]
    running.append(workers.start(workers.RQ, log, lease_seconds=LEASE_SECONDS, sweep_only=True))
    yield log
    workers.stop(running)


@pytest.fixture(autouse=True)
def _rq_backend(settings, rq_workers):
    settings.TASKS = workers.tasks_setting(workers.RQ)


@pytest.fixture
def admin_user(make_user, corpus):
    return make_user("gale", roles.GLOSSARY_ADMIN, roles.REVIEWER, member_of=corpus)


def finished(model, pk: int, log, seconds: float = 180):
    workers.wait_for(
        lambda: model.objects.filter(pk=pk, state__in=["done", "failed"]).exists(),
        seconds,
        f"{model.__name__} {pk}",
        log,
    )
    row = model.objects.get(pk=pk)
    assert (row.state, row.message) == ("done", ""), row.message
    return row


def test_an_upload_is_imported_by_the_rq_workers(corpus, reviewer, rq_workers):
    texts = [path.read_text(encoding="utf-8") for path in SEED_FILES] + ["One line. Two lines."]
    staged = [
        ImportedText(
            name=f"file-{n}.txt",
            text=text,
            encoding="utf-8",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            size=len(text.encode()),
        )
        for n, text in enumerate(texts)
    ]
    batch = finished(ImportBatch, stage_import(corpus, reviewer, staged).pk, rq_workers)
    assert set(batch.items.values_list("state", flat=True)) == {"imported"}
    for document in Document.objects.filter(corpus=corpus):
        assert document.segments.count() == document.segment_count > 0


def test_pre_annotation_runs_on_the_rq_workers(corpus, reviewer, rq_workers):
    ensure_default_labels(corpus)
    document = import_file(corpus, SEED_FILES[1])
    job = finished(Job, preannotate.start_job(corpus, document, reviewer).pk, rq_workers)
    assert job.done == job.total == document.segments.count()
    assert Span.objects.filter(segment__document=document).exists()


def test_replace_all_runs_on_the_rq_workers(corpus, admin_user, rq_workers):
    for path in SEED_FILES:
        import_file(corpus, path)
    import_csv(corpus, (SEEDS / "glossary.csv").read_bytes(), admin_user)
    mu = GlossaryTerm.objects.get(source="亩")
    job = start_replace_all(corpus, mu, mu.variants.get(text="acres"), admin_user, [])
    job = finished(Job, job.pk, rq_workers)
    assert job.done == job.total == 3
    assert Revision.objects.filter(action=Revision.Action.REPLACE_ALL).count() == 3


def test_a_check_job_runs_on_the_rq_workers(corpus, rq_workers):
    document = import_file(corpus, SEED_FILES[1])
    job = finished(Job, findings.start_check_job(document).pk, rq_workers)
    assert job.done == job.total >= 1
    assert Finding.objects.filter(segment__document=document).exists()
