"""Which segments and spans an export takes, read as exporter records.

Rows are read with keyset pagination on (document, position), one batch of segments and one of
their spans at a time, so memory stays flat and the first bytes leave at once, however large the
corpus.

Span states: accepted spans are exported; needs-review, suggested and rejected ones only when
asked for (a needs-review span's characters were touched by an edit, so it is not training data
until someone confirms it). Spans kept out by the state or label filters are counted in the
report too, so nothing leaves the export without a line saying so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from types import MappingProxyType

import orjson
from django.conf import settings
from django.db import connection
from django.db.models import Count, F, TextField
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from annotate.models import Label, Span
from corpus.db import OneOf
from corpus.models import Corpus, Document, Segment
from export.exporters import DocumentStart, Record, SegmentRecord, SpanRecord
from export.services.notes import edit_time_by_segment, notes_by_segment

BATCH_SIZE = 2000
DEFAULT_SPAN_STATES = (Span.State.ACCEPTED.value,)

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
    # As the database writes it in text, parsed by _moment_reader(): the ORM's per-row converters cost
    # the JSONL export a tenth of its time on SQLite (sqlite3's declared-type converter, then
    # Django's aware-making one) and a quarter on PostgreSQL (Django's timestamptz loader
    # subclasses psycopg's, so each value goes through psycopg's pure-Python regex parser). Both
    # write ISO 8601 (PostgreSQL with its default DateStyle, ISO), which datetime.fromisoformat
    # reads in C; a test compares the result with the model's value on both.
    Cast("updated_at", output_field=TextField()),
    "source_text",
    "unit_id",
    # As its stored text: most units are "{}" (every monolingual segment), and decoding each
    # through JSONField's json.loads cost the JSONL export a sixth of its time.
    Cast("unit", output_field=TextField()),
)
# The unit fields of the "{}" rows (every monolingual segment), shared: read-only mappings.
_PLAIN_UNIT = ((), MappingProxyType({}), None, MappingProxyType({}))


def _moment_reader() -> Callable[[str], datetime]:
    """How a stored moment's text becomes the aware datetime the ORM would give."""
    if connection.features.supports_timezones or not settings.USE_TZ:
        return datetime.fromisoformat  # PostgreSQL writes the offset; without USE_TZ, naive
    zone = connection.timezone  # SQLite stores naive moments in the connection's zone
    if zone is UTC:
        # Appending the offset reads seven times faster than datetime.replace(tzinfo=...).
        return lambda text: datetime.fromisoformat(text + "+00:00")
    return lambda text: datetime.fromisoformat(text).replace(tzinfo=zone)


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

    def add_counts(self, span_counts: dict[str, int], exported_states) -> None:
        """A document's stored span counts (state -> spans): the states not exported."""
        self.by_state.update(
            {state: n for state, n in span_counts.items() if state not in exported_states}
        )

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


def _spans_by_segment(
    segment_ids: list[int],
    states,
    labels,
    label_keys: dict[int, str],
    left_out: LeftOut | None,
) -> dict[int, list[SpanRecord]]:
    """The batch's spans in the chosen states and labels. With ``left_out`` the others are read
    too, to be counted there; without it (counted from the counters) only the chosen states."""
    found: dict[int, list[SpanRecord]] = {}
    # No ORDER BY: Span's default ordering joins segment, document and corpus to sort by them.
    spans = Span.objects.filter(OneOf(F("segment_id"), segment_ids)).order_by()
    if left_out is None:
        # As "not one of the other states": PostgreSQL, offered "state IN (...)", scanned every
        # span of the table in those states through the state index for each batch (45 ms a
        # batch at 200,000 segments, growing with the table) instead of the batch's few.
        spans = spans.exclude(state__in=[s for s in Span.State.values if s not in states])
    for segment_id, start, end, label_id, text, state, origin, term_id, term in spans.values_list(
        *_SPAN_COLUMNS
    ):
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
    notes: bool = False,
    effort: bool = False,
) -> Iterator[Record]:
    """DocumentStart, then its SegmentRecords in order, for every selected document (by id).

    Three queries per batch of segments (segments, their spans, the documents they open), none
    per segment. ``span_states=()`` reads no spans at all (text-only formats). ``notes`` adds two
    (comments, reject reasons) and ``effort`` one (the revisions' editing time summed).
    """
    left_out = left_out if left_out is not None else LeftOut()
    states, wanted_labels = frozenset(span_states or ()), frozenset(labels or ())
    # With no segment or label filter every span of a chosen document is exported or left out
    # by its state alone, so the documents' span counters (kept with every write) give the
    # left-out count and the span query reads only the exported states: the other states are
    # most of a pre-annotated corpus's spans, and reading them cost a tenth of the export.
    counted = bool(states) and not (statuses or date_from or date_to or wanted_labels)
    segments = selected_segments(
        corpus, documents=documents, statuses=statuses, date_from=date_from, date_to=date_to
    )
    label_keys = dict(Label.objects.filter(corpus=corpus).values_list("id", "key"))
    names: dict[int, str] = {}
    current: int | None = None
    moment = _moment_reader()
    corpus_name = corpus.name
    for rows in _segment_batches(segments, batch_size):
        ids = [row[0] for row in rows]
        spans = (
            _spans_by_segment(ids, states, wanted_labels, label_keys, None if counted else left_out)
            if states
            else {}
        )
        comments, reasons = notes_by_segment(ids) if notes else ({}, {})
        edit_times = edit_time_by_segment(ids) if effort else {}
        opened = {row[1] for row in rows} - {current}
        starts = {}
        for *row, span_counts in Document.objects.filter(pk__in=opened).values_list(
            "id",
            "title",
            "original_name",
            "leading",
            "source_language",
            "target_language",
            "bilingual",
            "span_counts",
        ):
            starts[row[0]] = DocumentStart(*row)
            if counted:
                left_out.add_counts(span_counts, states)
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
            source_text,
            unit_id,
            unit_text,
        ) in rows:
            metadata = {"corpus": corpus_name, "updated_at": moment(updated_at)}
            if unit_text == "{}":
                notes, placeholders, unit_state, unit_metadata = _PLAIN_UNIT
                untouched_gap = False
            else:
                unit = orjson.loads(unit_text)
                notes, placeholders, unit_state, unit_metadata = _unit_fields(unit, metadata)
                untouched_gap = unit.get("untranslated") and status == "mt" and text == source_text
            if did != current:
                current = did
                yield starts[did]
            yield SegmentRecord(
                id=sid,
                document_id=did,
                document=names[did],
                position=position,
                paragraph=paragraph,
                # An untranslated unit nobody touched goes back as it came: without a target.
                text="" if untouched_gap else text,
                mt_text=mt_text,
                trailing=trailing,
                status=status,
                hter=hter,
                spans=tuple(spans.get(sid, ())),
                metadata=metadata,
                source_text=source_text,
                unit_id=unit_id,
                notes=notes,
                placeholders=placeholders,
                unit_state=unit_state,
                unit_metadata=unit_metadata,
                comments=comments.get(sid, ()) if comments else (),
                reject_reasons=reasons.get(sid, ()) if reasons else (),
                edit_time_ms=edit_times.get(sid),
            )


def _unit_fields(unit: dict, metadata: dict) -> tuple:
    """The record's fields from a stored unit: notes, placeholders, state and metadata; and
    into ``metadata`` what the unit says of the segment's history (split from, merged with)."""
    if "continues" in unit:
        metadata["continues"] = unit["continues"]
    if unit.get("merged"):
        metadata["merged"] = unit["merged"]
    return (
        tuple(unit.get("notes", ())),
        unit.get("placeholders", {}),
        unit.get("state"),
        unit.get("metadata", {}),
    )


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
