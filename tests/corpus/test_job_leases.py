"""Job leases (issue 13.1), in process: a job whose lease ran out is taken over and resumes after
its last committed batch, fails with a reason after too many take-overs, and a worker that lost
its job commits nothing. The real kill is in test_job_takeover.py."""

import hashlib
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from annotate.models import Finding
from annotate.services import findings
from annotate.services.edits import edit_segment
from annotate.services.replace import start_replace_all
from corpus import roles
from corpus.importers import ImportedText
from corpus.models import Document, ImportBatch, ImportItem, Job, Revision, Segment
from corpus.services import imports, jobs
from corpus.services.jobs import Lease, LeaseLost, claim, run_leased, take_over_expired
from corpus.text.search import Deadline, apply, find
from glossary.models import GlossaryTerm
from glossary.services.files import import_csv
from glossary.services.scan import variant_query, variant_replacement
from tests.annotate.test_progressive import long_text
from tests.conftest import SEED_FILES, SEEDS, import_file

pytestmark = pytest.mark.django_db


def _staged(*texts: str) -> list[ImportedText]:
    return [
        ImportedText(
            name=f"file-{n}.txt",
            text=text,
            encoding="utf-8",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            size=len(text.encode()),
        )
        for n, text in enumerate(texts)
    ]


def _die(model, pk: int, **fields) -> None:
    """What a SIGKILLed worker leaves: the row running under a lease that has run out."""
    model.objects.filter(pk=pk).update(
        state="running",
        owner="gone-host:4242",
        lease_until=timezone.now() - timedelta(seconds=1),
        **fields,
    )


def test_a_check_job_taken_over_resumes_after_its_last_committed_batch(
    text_document, django_capture_on_commit_callbacks
):
    document = text_document(long_text(2500))
    with django_capture_on_commit_callbacks():  # queued, not run: its worker "dies"
        job = findings.start_check_job(document)
    segments = Segment.objects.filter(document=document).order_by("position")
    first_batch_end = segments[findings.CHECK_BATCH - 1].position
    _die(Job, job.pk, done=1, cursor={"done": 1, "after": first_batch_end})

    with django_capture_on_commit_callbacks(execute=True):
        notes = take_over_expired()
    assert notes == [f"Job {job.pk} taken over after worker gone-host:4242 stopped"]

    job.refresh_from_db()
    assert (job.state, job.takeovers, job.owner != "gone-host:4242") == ("done", 1, True)
    assert job.done == job.total >= 3
    checked = Finding.objects.filter(segment__document=document)
    assert checked.filter(segment__position__gt=first_batch_end).exists()
    # The batch the dead worker had committed is not done again.
    assert not checked.filter(segment__position__lte=first_batch_end).exists()


def test_an_import_that_raises_fails_its_batch_with_the_reason_and_drops_staged_data(
    corpus, django_capture_on_commit_callbacks, monkeypatch
):
    real = imports.import_text

    def import_text(corpus, name, *args, **kwargs):
        if name == "file-1.txt":
            raise RuntimeError("disk full")
        return real(corpus, name, *args, **kwargs)

    monkeypatch.setattr(imports, "import_text", import_text)
    with django_capture_on_commit_callbacks(execute=True):
        batch = imports.stage_import(corpus, None, _staged("One. Two.", "Three.", "Four."))
    batch.refresh_from_db()
    assert (batch.state, batch.message) == ("failed", "Stopped: disk full")
    items = list(batch.items.order_by("id"))
    assert [item.state for item in items] == ["imported", "refused", "refused"]
    assert items[1].message == "not imported: the batch failed"
    assert all(item.text == "" for item in items)
    assert Document.objects.filter(corpus=corpus).count() == 1


def test_after_too_many_take_overs_the_job_fails_with_a_reason(corpus, settings):
    settings.REDLINE_JOB_MAX_TAKEOVERS = 2
    batch = imports.stage_import(corpus, None, _staged("One. Two."))
    _die(ImportBatch, batch.pk, takeovers=2)
    assert take_over_expired() == [f"ImportBatch {batch.pk} failed: its worker stopped 3 times"]
    batch.refresh_from_db()
    assert batch.state == "failed"
    assert batch.message == "Failed: its worker stopped 3 times (last worker gone-host:4242)."
    item = batch.items.get()
    assert (item.state, item.text) == (ImportItem.State.REFUSED, "")
    assert take_over_expired() == []  # failed jobs stay failed


def test_a_worker_that_lost_its_job_commits_nothing(corpus):
    batch = imports.stage_import(corpus, None, _staged("One. Two.", "Three."))
    assert claim(ImportBatch, batch.pk)
    lease = Lease(ImportBatch, batch.pk)
    # The sweep gave the job to another worker while this one was slow (not dead).
    ImportBatch.objects.filter(pk=batch.pk).update(owner="other-host:1")
    with pytest.raises(LeaseLost):
        imports._import_pending(lease)
    assert not Document.objects.filter(corpus=corpus).exists()
    assert set(batch.items.values_list("state", flat=True)) == {"pending"}
    # Nor may it claim the job back while the other worker's lease runs.
    assert not claim(ImportBatch, batch.pk)


def test_a_live_lease_is_not_taken_over(corpus):
    batch = imports.stage_import(corpus, None, _staged("One. Two."))
    assert claim(ImportBatch, batch.pk)
    assert take_over_expired() == []
    assert ImportBatch.objects.get(pk=batch.pk).takeovers == 0


def test_replace_all_taken_over_makes_no_edit_twice(
    corpus, make_user, django_capture_on_commit_callbacks
):
    admin = make_user("gale", roles.GLOSSARY_ADMIN, roles.REVIEWER, member_of=corpus)
    for path in SEED_FILES:
        import_file(corpus, path)
    import_csv(corpus, (SEEDS / "glossary.csv").read_bytes(), admin)
    mu = GlossaryTerm.objects.get(source="亩")
    acres = mu.variants.get(text="acres")
    with django_capture_on_commit_callbacks():  # queued, not run: its worker "dies"
        job = start_replace_all(corpus, mu, acres, admin, [])
    job.refresh_from_db()
    # The dead worker had committed its first edit, with the cursor, before it was killed.
    targets = job.task_args[1]
    first_id, first_version = targets[0]
    first = Segment.objects.get(pk=first_id)
    hits = find(variant_query(mu, acres), first.text, Deadline())
    edit_segment(
        first,
        apply(first.text, hits, variant_replacement(mu)),
        first_version,
        admin,
        action=Revision.Action.REPLACE_ALL,
    )
    outcomes = {"changed": [first_id], "stale": [], "approved": [], "timed_out": [], "refused": []}
    _die(Job, job.pk, cursor={"next": 1, "result": outcomes})

    with django_capture_on_commit_callbacks(execute=True):
        take_over_expired()
    job.refresh_from_db()
    # Restarted from scratch, the first segment would count as "changed meanwhile".
    assert (job.state, job.done, job.total, job.message) == ("done", 3, 3, "")
    revisions = Revision.objects.filter(action=Revision.Action.REPLACE_ALL)
    assert sorted(revisions.values_list("segment_id", flat=True)) == sorted(pk for pk, _ in targets)


def test_a_transient_database_error_resumes_the_job_instead_of_failing_it(corpus, monkeypatch):
    monkeypatch.setattr(jobs.time, "sleep", lambda seconds: None)
    job = Job.objects.create(kind=Job.Kind.CHECK, corpus=corpus)
    runs = []

    def body(lease):
        runs.append(lease.pk)
        if len(runs) == 1:  # a locked SQLite file or a dropped connection, once
            raise OperationalError("database is locked")
        lease.finish()

    run_leased(Job, job.pk, body)
    job.refresh_from_db()
    assert (job.state, job.message, len(runs)) == ("done", "", 2)


def test_a_lasting_database_error_still_fails_the_job_with_its_reason(corpus, monkeypatch):
    monkeypatch.setattr(jobs.time, "sleep", lambda seconds: None)
    job = Job.objects.create(kind=Job.Kind.CHECK, corpus=corpus)

    def body(lease):
        raise OperationalError("database is locked")

    with pytest.raises(OperationalError):
        run_leased(Job, job.pk, body)
    job.refresh_from_db()
    assert (job.state, job.message) == ("failed", "Stopped: database is locked")
