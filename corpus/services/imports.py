"""Import: uploads parsed by the importer registry, staged, and segmented by the task worker one
document per transaction (a refused file stores nothing)."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import PurePath

import orjson
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from corpus import nlp
from corpus.db import refresh_statistics
from corpus.i18n import localize_error
from corpus.importers import (
    ImportedText,
    ImportedUnit,
    ImportLimits,
    collector_paused,
    parse_uploads,
)
from corpus.models import Corpus, Document, ImportBatch, ImportItem, Segment
from corpus.services import EditRefused, refuse_archived, refuse_unstorable
from corpus.services.jobs import Lease, enqueue_leased, run_leased
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
    refusals = [localize_error(refusal) for refusal in refused]
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


def _staged_row(unit: ImportedUnit) -> list:
    """One unit as the worker needs it: [source, target, unit id, the segment's ``unit`` JSON with
    only the keys the file gave]. Lists, not dicts, since 100,000 of them are written to the
    staging row and read back."""
    extras = {}
    if unit.notes:
        extras["notes"] = list(unit.notes)
    if unit.state:
        extras["state"] = unit.state
    if unit.metadata:
        extras["metadata"] = dict(unit.metadata)
    if unit.placeholders:
        extras["placeholders"] = dict(unit.placeholders)
    return [unit.source, unit.target, unit.unit_id, extras]


def _staged(units: tuple[ImportedUnit, ...], size: int = 1000) -> bytes:
    """The staged units: their count, then JSON lines of ``size`` units each (``_staged_row``, by
    orjson, a tenth of the standard library's time), compressed as they are made (a third of the
    size, so a third of the writes); the whole JSON is never in memory beside the units."""
    packer = zlib.compressobj(1)
    parts = [packer.compress(b"%d\n" % len(units))]
    for start in range(0, len(units), size):
        rows = [_staged_row(unit) for unit in units[start : start + size]]
        parts.append(packer.compress(orjson.dumps(rows) + b"\n"))
    parts.append(packer.flush())
    return b"".join(parts)


def _unstaged(data: bytes) -> tuple[int, Iterator[list]]:
    """The count and the staged units, decompressed and decoded a line at a time as they are
    written: the worker's memory does not grow with the file."""
    lines = _staged_lines(data)
    count = int(next(lines))
    return count, (row for line in lines for row in orjson.loads(line))


def _staged_lines(data: bytes, chunk: int = 1 << 16) -> Iterator[bytes]:
    unpacker, rest, view = zlib.decompressobj(), b"", memoryview(data)
    for start in range(0, len(view), chunk):
        *lines, rest = (rest + unpacker.decompress(view[start : start + chunk])).split(b"\n")
        yield from lines
    yield from (rest + unpacker.flush()).split(b"\n")[:-1]


def stage_import(corpus: Corpus, user, texts: list[ImportedText]) -> ImportBatch:
    """Queue decoded files for the worker, which segments them one document per transaction."""
    refuse_archived(corpus)
    with collector_paused(), transaction.atomic():
        batch = ImportBatch.objects.create(corpus=corpus, created_by=user)
        ImportItem.objects.bulk_create(
            ImportItem(
                batch=batch,
                name=t.name,
                text=t.text,
                encoding=t.encoding,
                sha256=t.sha256,
                staged_units=_staged(t.units) if t.units else b"",
                source_language=t.source_language if t.units else "",
                target_language=t.target_language if t.units else "",
            )
            for t in texts
        )
        enqueue_leased(batch, import_batch_task, batch.pk)
    return batch


def run_import_batch(batch_id: int) -> None:
    run_leased(ImportBatch, batch_id, _import_pending)


def _import_pending(lease: Lease) -> None:
    """Import the files not yet committed, each in one transaction with its item's new state and
    the lease renewal: a file is committed once, by the worker that owns the batch, or not at all
    (a worker that lost the batch rolls back; the one that took it over imports the file)."""
    batch = ImportBatch.objects.select_related("corpus", "created_by").get(pk=lease.pk)
    pending = batch.items.filter(state=ImportItem.State.PENDING)
    # One staged file in memory at a time.
    for item_id in list(pending.values_list("pk", flat=True)):
        item = ImportItem.objects.get(pk=item_id)

        def commit(document: Document | None, message: str = "", item=item) -> None:
            item.state = ImportItem.State.IMPORTED if document else ImportItem.State.REFUSED
            item.document, item.message = document, message
            # The staged copy is no longer needed once the document holds the text.
            item.text, item.staged_units = "", b""
            item.save(update_fields=["state", "message", "document", "text", "staged_units"])
            lease.renew()

        try:
            with collector_paused():
                _import_item(batch, item, then=commit)
        except EditRefused as refused:
            with transaction.atomic():
                commit(None, str(refused))
    refresh_statistics(Document, Segment)
    lease.finish()


def _import_item(batch: ImportBatch, item: ImportItem, *, then) -> Document:
    if item.staged_units:
        count, units = _unstaged(item.staged_units)
        return import_units(
            batch.corpus,
            item.name,
            item.text,
            item.encoding,
            item.sha256,
            units,
            (item.source_language, item.target_language),
            batch.created_by,
            count=count,
            then=then,
        )
    return import_text(
        batch.corpus, item.name, item.text, item.encoding, item.sha256, batch.created_by, then=then
    )


@task()
def import_batch_task(batch_id: int) -> None:
    run_import_batch(batch_id)


def import_text(
    corpus: Corpus, name: str, text: str, encoding: str, sha256: str, user=None, *, then=None
) -> Document:
    """Create one document and its segments in one transaction, or nothing; `then(document)` runs
    inside that transaction (the worker records the file as imported there)."""
    refuse_unstorable(text, what=f"{name}: the file")
    leading, drafts = segment_document(text, nlp.sentence_starts)
    if not drafts:
        raise EditRefused(gettext("%(name)s: the file holds no text.") % {"name": name})
    document = Document(
        corpus=corpus,
        title=PurePath(name).stem or name,
        original_name=name,
        sha256=sha256,
        encoding=encoding,
        leading=leading,
        created_by=user,
    )
    rows = [(d.paragraph, d.text, d.text, d.trailing, "", "", {}) for d in drafts]
    return _create(document, text, rows, len(rows), then)


def import_parsed(
    corpus: Corpus, imported: ImportedText, user=None, title: str | None = None
) -> Document:
    """One parsed file straight into a document (commands and seeds; uploads go via a batch)."""
    if imported.units:
        with collector_paused():
            return import_units(
                corpus,
                imported.name,
                imported.text,
                imported.encoding,
                imported.sha256,
                map(_staged_row, imported.units),
                (imported.source_language, imported.target_language),
                user,
                title,
                count=len(imported.units),
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
    units: Iterable[list],
    languages: tuple[str, str],
    user=None,
    title: str | None = None,
    *,
    count: int,
    then=None,
) -> Document:
    """A bilingual document: one segment per staged unit (``_staged_row``; ``count`` of them), in
    file order, never re-split.

    A unit imported untranslated (empty MT) starts with its source copied into the text, as CAT
    tools pre-fill an empty target, since a segment is never empty; ``unit["untranslated"]``
    lets exports give such a unit back empty while nobody has touched it.
    """
    last = count - 1

    def rows():  # one at a time into the insert: 100,000 rows need not sit in memory at once
        for index, (source, target, unit_id, extras) in enumerate(units):
            current = target
            if not target.strip():
                extras["untranslated"] = True
                current = source
            trailing = "" if index == last else "\n"
            yield index, target, current, trailing, source, unit_id, extras

    document = Document(
        corpus=corpus,
        title=title or _title(name),
        original_name=name,
        sha256=sha256,
        encoding=encoding,
        source_language=languages[0] or "zh",
        target_language=languages[1] or "en",
        bilingual=True,
        created_by=user,
    )
    return _create(document, text, rows(), count, then)


def _title(name: str) -> str:
    path = PurePath(name)
    # "report.zh-en.txt" and "report.xlf" are both titled "report".
    stem = PurePath(path.stem).stem if path.suffix in (".txt", ".md") else path.stem
    return stem or name


def _create(
    document: Document, text: str, rows: Iterable[tuple], count: int, then=None
) -> Document:
    """Save the document, its file's ``text`` and its ``count`` segments in one transaction, or
    nothing; `then` (if given) runs inside it with the document."""
    if not count:
        raise EditRefused(
            gettext("%(document_original_name)s: the file holds no text.")
            % {"document_original_name": document.original_name}
        )
    try:
        with transaction.atomic():
            # Every segment starts as MT: the counters are known before the rows are written.
            document.segment_count = count
            document.status_counts = {Segment.Status.MT.value: count}
            document.save()
            document.store_file(text)
            _insert_segments(document, rows)
            if then is not None:
                then(document)
    except IntegrityError as error:
        corpus = document.corpus
        if Document.objects.filter(corpus=corpus, sha256=document.sha256).exists():
            raise EditRefused(
                gettext(
                    "%(document_original_name)s: the same file is already in the corpus “%(corpus_name)s”."
                )
                % {"document_original_name": document.original_name, "corpus_name": corpus.name}
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


def _insert_segments(document: Document, drafts: Iterable[tuple]) -> None:
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
    # Looked up once, not once per row: the primary key and the enum's value are properties,
    # a tenth of the row building's time for 100,000 rows.
    document_id, step, status = document.pk, Segment.POSITION_STEP, Segment.Status.MT.value
    rows = (
        (
            document_id,
            i * step,
            paragraph,
            mt_text,
            text,
            trailing,
            source_text,
            unit_id,
            as_json(unit) if unit else no_unit,
            status,
            1,
            0.0,
            updated_at,
        )
        for i, (paragraph, mt_text, text, trailing, source_text, unit_id, unit) in enumerate(
            drafts, 1
        )
    )
    with connection.cursor() as cursor:
        # In slices: Django's SQLite cursor tees the parameters to peek at the first row, and the
        # tee then keeps every row of a generator until the end.
        while chunk := list(islice(rows, 5000)):
            cursor.executemany(sql, chunk)
