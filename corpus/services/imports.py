"""Import: uploads parsed by the importer registry, staged, and segmented by the task worker one
document per transaction (a refused file stores nothing)."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_tasks import task

from corpus import nlp
from corpus.importers import ImportedText, ImportLimits, ImportRefused, parse_upload
from corpus.models import Corpus, Document, ImportBatch, ImportItem, Segment
from corpus.services import EditRefused, refuse_unstorable
from corpus.text.segment import segment_document


def import_limits() -> ImportLimits:
    return ImportLimits(
        max_file_bytes=settings.REDLINE_IMPORT_MAX_FILE_BYTES,
        max_upload_bytes=settings.REDLINE_IMPORT_MAX_UPLOAD_BYTES,
    )


def parse_files(
    corpus: Corpus, files: list[tuple[str, bytes]]
) -> tuple[list[ImportedText], list[str]]:
    """Decode uploads; refuse bad ones and duplicates (of the corpus or within the upload)."""
    accepted: list[ImportedText] = []
    refusals: list[str] = []
    seen = set(corpus.documents.values_list("sha256", flat=True))
    for name, data in files:
        try:
            texts = parse_upload(name, data, import_limits())
        except ImportRefused as refused:
            refusals.append(str(refused))
            continue
        for imported in texts:
            if imported.sha256 in seen:
                refusals.append(
                    f"{imported.name}: the same file is already in the corpus “{corpus.name}”."
                )
                continue
            seen.add(imported.sha256)
            accepted.append(imported)
    return accepted, refusals


def stage_import(corpus: Corpus, user, texts: list[ImportedText]) -> ImportBatch:
    """Queue decoded files for the worker, which segments them one document per transaction."""
    with transaction.atomic():
        batch = ImportBatch.objects.create(corpus=corpus, created_by=user)
        ImportItem.objects.bulk_create(
            ImportItem(batch=batch, name=t.name, text=t.text, encoding=t.encoding, sha256=t.sha256)
            for t in texts
        )
        transaction.on_commit(lambda: import_batch_task.enqueue(batch.pk))
    return batch


def run_import_batch(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("corpus", "created_by").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.RUNNING)
    for item in batch.items.filter(state=ImportItem.State.PENDING):
        try:
            document = import_text(
                batch.corpus, item.name, item.text, item.encoding, item.sha256, batch.created_by
            )
        except EditRefused as refused:
            item.state, item.message = ImportItem.State.REFUSED, str(refused)
        else:
            item.state, item.document = ImportItem.State.IMPORTED, document
        # The staged copy is no longer needed once the document holds the text.
        item.text = ""
        item.save(update_fields=["state", "message", "document", "text"])
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=ImportBatch.State.DONE, finished_at=timezone.now()
    )


@task()
def import_batch_task(batch_id: int) -> None:
    run_import_batch(batch_id)


def import_text(
    corpus: Corpus, name: str, text: str, encoding: str, sha256: str, user=None
) -> Document:
    """Create one document and its segments in one transaction, or nothing."""
    refuse_unstorable(text, what=f"{name}: the file")
    leading, drafts = segment_document(text, nlp.sentence_starts)
    if not drafts:
        raise EditRefused(f"{name}: the file holds no text.")
    try:
        with transaction.atomic():
            document = Document.objects.create(
                corpus=corpus,
                title=PurePath(name).stem or name,
                original_name=name,
                sha256=sha256,
                raw_text=text,
                encoding=encoding,
                leading=leading,
                created_by=user,
            )
            _insert_segments(document, drafts)
    except IntegrityError as error:
        if Document.objects.filter(corpus=corpus, sha256=sha256).exists():
            raise EditRefused(
                f"{name}: the same file is already in the corpus “{corpus.name}”."
            ) from error
        raise
    return document


def _insert_segments(document: Document, drafts) -> None:
    """One executemany instead of bulk_create: Django compiles bulk_create's SQL value by value,
    which cost more than spaCy's sentence splitting itself (bench/bench_import.py)."""
    now = timezone.now()
    names = [
        "document",
        "position",
        "paragraph",
        "mt_text",
        "text",
        "trailing",
        "status",
        "version",
        "hter",
        "updated_at",
    ]
    fields = [Segment._meta.get_field(name) for name in names]
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(Segment._meta.db_table),
        ", ".join(qn(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    updated_at = Segment._meta.get_field("updated_at").get_db_prep_save(now, connection)
    rows = [
        (
            document.pk,
            (i + 1) * Segment.POSITION_STEP,
            d.paragraph,
            d.text,
            d.text,
            d.trailing,
            Segment.Status.MT.value,
            1,
            0.0,
            updated_at,
        )
        for i, d in enumerate(drafts)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
