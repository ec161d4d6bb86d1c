"""Exports: database rows to exporter records (streamed), and the download that carries the report.

Rows are read with keyset pagination on (document, position), one batch of segments and one of
their spans at a time, so memory stays flat and the first bytes leave at once, however large the
corpus. The pure exporters (annotate/exporters/) turn the records into a format and fill an
ExportReport naming every span a format could not carry.

The report is complete only when the stream ends, so a download is always a ZIP whose last
members are ``export-report.txt`` and ``export-report.json``: line formats (JSONL, IOB, TSV) are
put in a ZIP of their own, and the ZIP formats (spaCy shards, plain text) get the report appended
to their archive (see ``_append_members``). A data person unzips and finds the report beside the
data, written after the last segment, so it names every skipped span of this very file.

Span states: accepted spans are exported; needs-review, suggested and rejected ones only when
asked for (a needs-review span's characters were touched by an edit, so it is not training data
until someone confirms it). Spans kept out by the state or label filters are counted in the
report too, so nothing leaves the export without a line saying so.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as day_time

import orjson
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.text import slugify

from annotate import glossary_services
from annotate.exporters import (
    DocumentStart,
    ExportReport,
    Record,
    SegmentRecord,
    SpanRecord,
    get_exporter,
)
from annotate.exporters.zipstream import ZipStream
from annotate.models import Label, Span
from corpus.models import Corpus, Document, Segment

BATCH_SIZE = 2000
DEFAULT_SPAN_STATES = (Span.State.ACCEPTED.value,)
REPORT_TXT = "export-report.txt"
REPORT_JSON = "export-report.json"
ZIP_MEDIA_TYPE = "application/zip"


# The linked glossary concept's id and preferred rendering (LEFT JOIN: most spans link none).
TERM_COLUMNS = ("term_id", "term__preferred")
_SPAN_COLUMNS = ("segment_id", "start", "end", "label_id", "text", "state", "origin", *TERM_COLUMNS)
_SEGMENT_COLUMNS = (
    "id",
    "document_id",
    "position",
    "paragraph",
    "text",
    "mt_text",
    "trailing",
    "status",
    "hter",
    "updated_at",
)


@dataclass(frozen=True)
class Selection:
    """What to export; empty tuples mean "all"."""

    documents: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    span_states: tuple[str, ...] = DEFAULT_SPAN_STATES

    def describe(self) -> dict[str, object]:
        return {
            "documents": list(self.documents) or "all",
            "statuses": list(self.statuses) or "all",
            "labels": list(self.labels) or "all",
            "updated_from": self.date_from.isoformat() if self.date_from else None,
            "updated_to": self.date_to.isoformat() if self.date_to else None,
            "span_states": list(self.span_states),
        }


@dataclass
class LeftOut:
    """Spans of exported segments that the filters kept out: a choice, not a format problem."""

    by_state: Counter[str] = field(default_factory=Counter)
    by_label: Counter[str] = field(default_factory=Counter)

    def as_text(self) -> str:
        if not self.by_state and not self.by_label:
            return "No spans of the exported segments were left out by the span filters."
        parts = [f"{n} {state}" for state, n in sorted(self.by_state.items())]
        parts += [f"{n} labelled {key} (label filter)" for key, n in sorted(self.by_label.items())]
        return (
            "Spans of the exported segments left out by the filters (by choice): "
            + ", ".join(parts)
            + "."
        )


# --- rows to records ------------------------------------------------------------------------------


def _day_start(day: date | datetime, *, next_day: bool = False) -> datetime:
    if isinstance(day, datetime):
        return day
    moment = datetime.combine(day + timedelta(days=1) if next_day else day, day_time.min)
    return timezone.make_aware(moment)


def selected_segments(
    corpus: Corpus, *, documents=None, statuses=None, date_from=None, date_to=None
):
    # Document ids, not a join on the corpus: SQLite then walks the (document, position) index in
    # order and each keyset page costs the same; a join made it sort every remaining row.
    chosen = (
        corpus.documents.filter(pk__in=list(documents)) if documents else corpus.documents.all()
    )
    segments = Segment.objects.filter(document_id__in=chosen.values("id"))
    if statuses:
        segments = segments.filter(status__in=list(statuses))
    if date_from:
        segments = segments.filter(updated_at__gte=_day_start(date_from))
    if date_to:
        # A date is the whole day; a datetime is an inclusive moment.
        segments = segments.filter(
            **(
                {"updated_at__lte": date_to}
                if isinstance(date_to, datetime)
                else {"updated_at__lt": _day_start(date_to, next_day=True)}
            )
        )
    return segments


def _segment_batches(segments, size: int) -> Iterator[list[tuple]]:
    """Keyset pages on (document, position): the rest of the current document, then later ones.

    The two index ranges together are ``(document, position) > (d, p)``; each costs the same on
    the first page and the last, unlike OFFSET.
    """
    columns = segments.values_list(*_SEGMENT_COLUMNS)
    last: tuple[int, int] | None = None
    while True:
        rows: list[tuple] = []
        if last is not None:
            rows = list(
                columns.filter(document_id=last[0], position__gt=last[1]).order_by("position")[
                    :size
                ]
            )
        if len(rows) < size:
            later = columns.filter(document_id__gt=last[0]) if last is not None else columns
            rows += list(later.order_by("document_id", "position")[: size - len(rows)])
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        last = (rows[-1][1], rows[-1][2])


def _batch_range(rows: list[tuple]) -> Q:
    """The batch as index ranges on (document, position), cheaper to send than 2,000 ids."""
    (first, low), (last, high) = rows[0][1:3], rows[-1][1:3]
    if first == last:
        return Q(
            segment__document_id=first, segment__position__gte=low, segment__position__lte=high
        )
    between = {row[1] for row in rows} - {first, last}
    return (
        Q(segment__document_id=first, segment__position__gte=low)
        | Q(segment__document_id__in=between)
        | Q(segment__document_id=last, segment__position__lte=high)
    )


def _spans_by_segment(
    rows: list[tuple], states, labels, label_keys: dict[int, str], left_out: LeftOut
) -> dict[int, list[SpanRecord]]:
    found: dict[int, list[SpanRecord]] = {}
    # The ranges also hold segments the filters left out (another status); their spans are not ours.
    wanted = {row[0] for row in rows}
    # No ORDER BY: Span's default ordering joins segment, document and corpus to sort by them.
    spans = Span.objects.filter(_batch_range(rows)).order_by().values_list(*_SPAN_COLUMNS)
    for segment_id, start, end, label_id, text, state, origin, term_id, term in spans:
        if segment_id not in wanted:
            continue
        # Label keys come from one dict, not a join per span row (bench/bench_export.py).
        label = label_keys.get(label_id) or label_keys.setdefault(
            label_id, Label.objects.get(pk=label_id).key
        )
        if state not in states:
            left_out.by_state[state] += 1
        elif labels and label not in labels:
            left_out.by_label[label] += 1
        elif segment_id in found:
            found[segment_id].append(
                SpanRecord(start, end, label, text, term_id, term, state, origin)
            )
        else:
            found[segment_id] = [SpanRecord(start, end, label, text, term_id, term, state, origin)]
    return found


def iter_records(
    corpus: Corpus,
    *,
    documents: Iterable[int] | None = None,
    statuses: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    span_states: Iterable[str] | None = DEFAULT_SPAN_STATES,
    left_out: LeftOut | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Record]:
    """DocumentStart, then its SegmentRecords in order, for every selected document (by id).

    Three queries per batch of segments (segments, their spans, the documents they open), none
    per segment. ``span_states=()`` reads no spans at all (text-only formats).
    """
    left_out = left_out if left_out is not None else LeftOut()
    states, wanted_labels = frozenset(span_states or ()), frozenset(labels or ())
    segments = selected_segments(
        corpus, documents=documents, statuses=statuses, date_from=date_from, date_to=date_to
    )
    label_keys = dict(Label.objects.filter(corpus=corpus).values_list("id", "key"))
    names: dict[int, str] = {}
    current: int | None = None
    for rows in _segment_batches(segments, batch_size):
        spans = (
            _spans_by_segment(rows, states, wanted_labels, label_keys, left_out) if states else {}
        )
        opened = {row[1] for row in rows} - {current}
        starts = {
            pk: DocumentStart(pk, title, original_name, leading)
            for pk, title, original_name, leading in Document.objects.filter(
                pk__in=opened
            ).values_list("id", "title", "original_name", "leading")
        }
        # Only the document running on from the previous batch keeps its name: memory stays flat.
        names = {pk: name for pk, name in names.items() if pk == current}
        names.update((pk, start.original_name) for pk, start in starts.items())
        for (
            sid,
            did,
            position,
            paragraph,
            text,
            mt_text,
            trailing,
            status,
            hter,
            updated_at,
        ) in rows:
            if did != current:
                current = did
                yield starts[did]
            yield SegmentRecord(
                sid,
                did,
                names[did],
                position,
                paragraph,
                text,
                mt_text,
                trailing,
                status,
                hter,
                tuple(spans.get(sid, ())),
                {"corpus": corpus.name, "updated_at": updated_at},
            )


# --- what the page shows before the download --------------------------------------------------------


def segments_for(corpus: Corpus, s: Selection):
    return selected_segments(
        corpus, documents=s.documents, statuses=s.statuses, date_from=s.date_from, date_to=s.date_to
    )


def summary(corpus: Corpus, selection: Selection) -> dict[str, object]:
    """Counts for the export page, in three queries: segments, spans by state/label, bad offsets."""
    segments = segments_for(corpus, selection)
    counts = segments.aggregate(segments=Count("id"), documents=Count("document_id", distinct=True))
    spans = Span.objects.filter(segment__in=segments.values("id"))
    exported, left_out = 0, LeftOut()
    for state, label, n in (
        spans.values_list("state", "label__key").annotate(n=Count("id")).order_by()
    ):
        if state not in selection.span_states:
            left_out.by_state[state] += n
        elif selection.labels and label not in selection.labels:
            left_out.by_label[label] += n
        else:
            exported += n
    chosen = spans.filter(state__in=selection.span_states)
    if selection.labels:
        chosen = chosen.filter(label__key__in=selection.labels)
    # Invariant 1 in SQL (SUBSTR counts characters on SQLite and PostgreSQL alike).
    mismatched = chosen.annotate(
        actual=Substr("segment__text", F("start") + 1, F("end") - F("start"))
    ).exclude(actual=F("text"))
    return {**counts, "spans": exported, "left_out": left_out, "mismatched": mismatched.count()}


# --- the download -------------------------------------------------------------------------------------


def glossary_files(corpus: Corpus) -> list[tuple[str, bytes]]:
    """The corpus's glossary (its own concepts and the all-corpora ones), to ship beside the data."""
    return [
        ("glossary.tbx", glossary_services.export_tbx(corpus)),
        ("glossary.csv", glossary_services.export_csv(corpus).encode("utf-8")),
    ]


def safe_stem(corpus: Corpus) -> str:
    return slugify(corpus.name) or f"corpus-{corpus.pk}"


class ExportRun:
    """One export: the records, the format's bytes, the report, and the ZIP that carries both."""

    def __init__(
        self,
        corpus: Corpus,
        exporter_id: str,
        selection: Selection = Selection(),
        *,
        user=None,
        glossary=False,
    ):
        self.corpus, self.selection, self.user, self.glossary = corpus, selection, user, glossary
        self.exporter = get_exporter(exporter_id)()
        self.report = ExportReport()
        self.left_out = LeftOut()
        self.started = timezone.now()
        self.records_done = False

    @property
    def stem(self) -> str:
        return f"{safe_stem(self.corpus)}-{self.exporter.id}"

    def download_name(self) -> str:
        return f"{self.stem}-{timezone.localtime(self.started):%Y%m%d-%H%M}.zip"

    def records(self) -> Iterator[Record]:
        s = self.selection
        states = s.span_states if self.exporter.carries_spans else ()
        yield from iter_records(
            self.corpus,
            documents=s.documents,
            statuses=s.statuses,
            labels=s.labels,
            date_from=s.date_from,
            date_to=s.date_to,
            span_states=states,
            left_out=self.left_out,
        )
        self.records_done = True

    def data(self) -> Iterator[bytes]:
        """The format's own bytes, exactly as the exporter writes them (the command's output)."""
        return self.exporter.write(self.records(), self.report)

    def archive(self) -> Iterator[bytes]:
        """The download: a ZIP of the data with the report (and glossary files) as last members."""
        if self.exporter.media_type == ZIP_MEDIA_TYPE:
            zipped = self.data()
        else:
            zipped = _single_member_zip(self.stem + self.exporter.extension, self.data())
        return _append_members(zipped, lambda: self.records_done, self.closing_files)

    def closing_files(self) -> list[tuple[str, bytes]]:
        files = [
            (REPORT_TXT, self.report_text().encode("utf-8")),
            (REPORT_JSON, self.report_json()),
        ]
        return files + (glossary_files(self.corpus) if self.glossary else [])

    def report_text(self) -> str:
        filters = "; ".join(
            f"{key}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in self.selection.describe().items()
            if value
        )
        lines = [
            f"Redline export of corpus “{self.corpus.name}” as {self.exporter.label} ({self.exporter.id}).",
            f"Started {timezone.localtime(self.started):%Y-%m-%d %H:%M:%S %Z}"
            + (f" by {self.user.get_username()}" if self.user else "")
            + ".",
            f"Filters: {filters}.",
        ]
        if self.exporter.carries_spans:
            lines.append(self.left_out.as_text())
        else:
            lines.append("This format carries text only: no spans are written.")
        return "\n".join([*lines, "", self.report.as_text(), ""])

    def report_json(self) -> bytes:
        left_out = {"states": dict(self.left_out.by_state), "labels": dict(self.left_out.by_label)}
        head = {"corpus": self.corpus.name, "format": self.exporter.id, "started": self.started}
        extra = {"filters": self.selection.describe(), "left_out_by_filters": left_out}
        return orjson.dumps({**head, **extra, **self.report.as_dict()}, option=orjson.OPT_INDENT_2)


def _single_member_zip(name: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    yield from (archive := ZipStream()).add_stream(name, chunks)
    yield from archive.finish()


class _SentTail(io.BytesIO):
    """A file whose beginning has already been sent: only its tail is held, positions stay absolute.

    zipfile's append mode reads the central directory at the end, then writes new members over
    it and a new directory after them; it never touches the members before, so they can be gone.
    """

    def __init__(self, base: int, tail: bytes) -> None:
        super().__init__(tail)
        self._base = base

    def tell(self) -> int:
        return self._base + super().tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        current, end = super().tell(), super().seek(0, 2)
        target = {0: offset - self._base, 1: current + offset, 2: end + offset}[whence]
        if target < 0:
            super().seek(current)
            raise OSError("that part of the archive has already been sent")
        return self._base + super().seek(target)


def _append_members(
    chunks: Iterator[bytes],
    records_done: Callable[[], bool],
    files: Callable[[], list[tuple[str, bytes]]],
) -> Iterator[bytes]:
    """Stream a ZIP through, then append ``files()`` (built only once the stream has ended).

    Chunks pass through until the records run out; what the exporter writes after that (the end
    of the last member and the central directory) is held back, since the directory must be
    rewritten to list the new members. That tail is one shard or one document at most.
    """
    sent, held = 0, []
    for chunk in chunks:
        if records_done():
            held.append(chunk)
        else:
            sent += len(chunk)
            yield chunk
    tail = _SentTail(sent, b"".join(held))
    zipfile.ZipFile(tail).close()  # BadZipFile here, rather than append mode's silent fallback
    with zipfile.ZipFile(tail, mode="a") as archive:
        taken = {name.lower() for name in archive.namelist()}
        stamp = time.localtime()[:6]
        for name, data in files():
            name = _free_name(name, taken)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, data)
    yield tail.getvalue()


def _free_name(name: str, taken: set[str]) -> str:
    # A plain-text export may hold a document called export-report.txt; the report must not hide it.
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem} ({number}){dot}{extension}"
    taken.add(candidate.lower())
    return candidate
