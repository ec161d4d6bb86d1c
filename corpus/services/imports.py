"""Import: uploads parsed by the importer registry, staged, and segmented by the task worker one
document per transaction (a refused file stores nothing)."""

from __future__ import annotations

from pathlib import PurePath

import orjson
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_tasks import task

from corpus import nlp
from corpus.db import refresh_statistics
from corpus.importers import ImportedText, ImportedUnit, ImportLimits, parse_uploads
from corpus.models import Corpus, Document, ImportBatch, ImportItem, Segment
from corpus.services import EditRefused, refuse_archived, refuse_unstorable
from corpus.text.segment import segment_document


def import_limits() -> ImportLimits:
    return ImportLimits(
        max_file_bytes=settings.REDLINE_IMPORT_MAX_FILE_BYTES,
        max_upload_bytes=settings.REDLINE_IMPORT_MAX_UPLOAD_BYTES,
    )


def parse_files(
    corpus: Corpus,
    files: list[tuple[str, bytes]],
    *,
    allow_untranslated: bool = False,
    source_language: str = "zh",
    target_language: str = "en",
) -> tuple[list[ImportedText], list[str]]:
    """Decode uploads; refuse bad ones and duplicates (of the corpus or within the upload).

    Bilingual files (XLIFF, TMX, TSV/CSV/JSONL pairs, parallel plain texts) keep their units;
    plain texts stay monolingual. Parallel files are paired within the upload.
    """
    parsed, refused = parse_uploads(
        files,
        import_limits(),
        bilingual=True,
        allow_untranslated=allow_untranslated,
        source_language=source_language,
        target_language=target_language,
    )
    refusals = [str(refusal) for refusal in refused]
    accepted: list[ImportedText] = []
    seen = set(corpus.documents.values_list("sha256", flat=True))
    for imported in parsed:
        if imported.sha256 in seen:
            refusals.append(
                f"{imported.name}: the same file is already in the corpus “{corpus.name}”."
            )
            continue
        seen.add(imported.sha256)
        accepted.append(imported)
    return accepted, refusals


def _unit_row(unit: ImportedUnit) -> dict:
    return {
        "source": unit.source,
        "target": unit.target,
        "unit_id": unit.unit_id,
        "notes": list(unit.notes),
        "state": unit.state,
        "metadata": dict(unit.metadata),
        "placeholders": dict(unit.placeholders),
    }


def stage_import(corpus: Corpus, user, texts: list[ImportedText]) -> ImportBatch:
    """Queue decoded files for the worker, which segments them one document per transaction."""
    refuse_archived(corpus)
    with transaction.atomic():
        batch = ImportBatch.objects.create(corpus=corpus, created_by=user)
        ImportItem.objects.bulk_create(
            ImportItem(
                batch=batch,
                name=t.name,
                text=t.text,
                encoding=t.encoding,
                sha256=t.sha256,
                units=[_unit_row(unit) for unit in t.units],
                source_language=t.source_language if t.units else "",
                target_language=t.target_language if t.units else "",
            )
            for t in texts
        )
        transaction.on_commit(lambda: import_batch_task.enqueue(batch.pk))
    return batch


def run_import_batch(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("corpus", "created_by").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.RUNNING)
    for item in batch.items.filter(state=ImportItem.State.PENDING):
        try:
            if item.units:
                document = import_units(
                    batch.corpus,
                    item.name,
                    item.text,
                    item.encoding,
                    item.sha256,
                    item.units,
                    (item.source_language, item.target_language),
                    batch.created_by,
                )
            else:
                document = import_text(
                    batch.corpus, item.name, item.text, item.encoding, item.sha256, batch.created_by
                )
        except EditRefused as refused:
            item.state, item.message = ImportItem.State.REFUSED, str(refused)
        else:
            item.state, item.document = ImportItem.State.IMPORTED, document
        # The staged copy is no longer needed once the document holds the text.
        item.text, item.units = "", []
        item.save(update_fields=["state", "message", "document", "text", "units"])
    refresh_statistics(Document, Segment)
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
    document = Document(
        corpus=corpus,
        title=PurePath(name).stem or name,
        original_name=name,
        sha256=sha256,
        raw_text=text,
        encoding=encoding,
        leading=leading,
        created_by=user,
    )
    rows = [(d.paragraph, d.text, d.text, d.trailing, "", "", {}) for d in drafts]
    return _create(document, rows)


def import_parsed(
    corpus: Corpus, imported: ImportedText, user=None, title: str | None = None
) -> Document:
    """One parsed file straight into a document (commands and seeds; uploads go via a batch)."""
    if imported.units:
        return import_units(
            corpus,
            imported.name,
            imported.text,
            imported.encoding,
            imported.sha256,
            [_unit_row(unit) for unit in imported.units],
            (imported.source_language, imported.target_language),
            user,
            title,
        )
    return import_text(
        corpus, imported.name, imported.text, imported.encoding, imported.sha256, user
    )


def import_units(
    corpus: Corpus,
    name: str,
    text: str,
    encoding: str,
    sha256: str,
    units: list[dict],
    languages: tuple[str, str],
    user=None,
    title: str | None = None,
) -> Document:
    """A bilingual document: one segment per staged unit, in file order, never re-split.

    A unit imported untranslated (empty MT) starts with its source copied into the text, as CAT
    tools pre-fill an empty target, since a segment is never empty; ``unit["untranslated"]``
    lets exports give such a unit back empty while nobody has touched it.
    """
    rows = []
    for index, unit in enumerate(units):
        extras = {
            key: unit[key] for key in ("notes", "state", "metadata", "placeholders") if unit[key]
        }
        target = unit["target"]
        if not target.strip():
            extras["untranslated"] = True
        current = target if target.strip() else unit["source"]
        trailing = "" if index == len(units) - 1 else "\n"
        rows.append((index, target, current, trailing, unit["source"], unit["unit_id"], extras))
    document = Document(
        corpus=corpus,
        title=title or _title(name),
        original_name=name,
        sha256=sha256,
        raw_text=text,
        encoding=encoding,
        source_language=languages[0] or "zh",
        target_language=languages[1] or "en",
        bilingual=True,
        created_by=user,
    )
    return _create(document, rows)


def _title(name: str) -> str:
    path = PurePath(name)
    # "report.zh-en.txt" and "report.xlf" are both titled "report".
    stem = PurePath(path.stem).stem if path.suffix in (".txt", ".md") else path.stem
    return stem or name


def _create(document: Document, rows: list[tuple]) -> Document:
    """Save the document and its segments in one transaction, or nothing."""
    if not rows:
        raise EditRefused(f"{document.original_name}: the file holds no text.")
    try:
        with transaction.atomic():
            # Every segment starts as MT: the counters are known before the rows are written.
            document.segment_count = len(rows)
            document.status_counts = {Segment.Status.MT.value: len(rows)}
            document.save()
            _insert_segments(document, rows)
    except IntegrityError as error:
        corpus = document.corpus
        if Document.objects.filter(corpus=corpus, sha256=document.sha256).exists():
            raise EditRefused(
                f"{document.original_name}: the same file is already in the corpus “{corpus.name}”."
            ) from error
        raise
    return document


def _json_parameter():
    """How a JSONField value is sent. SQLite stores JSON as text: orjson writes the same JSON in
    a fifth of the time Django's field preparation took, which was half of a bilingual import's
    writes (bench/bench_bilingual_import.py). Other databases get Django's own adapter."""
    if connection.vendor == "sqlite":
        return lambda value: orjson.dumps(value).decode()
    field = Segment._meta.get_field("unit")
    return lambda value: field.get_db_prep_save(value, connection)


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
        "source_text",
        "unit_id",
        "unit",
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
    as_json = _json_parameter()
    no_unit = as_json({})
    rows = [
        (
            document.pk,
            (i + 1) * Segment.POSITION_STEP,
            paragraph,
            mt_text,
            text,
            trailing,
            source_text,
            unit_id,
            as_json(unit) if unit else no_unit,
            Segment.Status.MT.value,
            1,
            0.0,
            updated_at,
        )
        for i, (paragraph, mt_text, text, trailing, source_text, unit_id, unit) in enumerate(drafts)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
