"""The corpus dashboard's numbers: a fixed handful of GROUP BY queries, whatever the corpus size.

Reads only. Every figure is an aggregate the database computes (SQLite and PostgreSQL alike); the
Python here only folds grouped rows (at most people x documents x buckets) into dataclasses.

Definitions, as the page states them:
- Edited: a revision that changed the text by hand (edit, merge, split, restore, fix, replace
  all); approved: a status revision to approved.
- Edited and approved per day: distinct segments per person, document and kind of edit that day
  (a segment two people worked on, or edited and fixed, the same day counts for each).
- Segments edited, per person and document: the segments whose current text a person wrote
  (current state, like HTER); words post-edited are the words of the text as saved, counted per
  edit (a segment edited twice counts twice, as the time spent on it does);
  words per hour only over the edits whose active time the browser recorded: edits without it
  are unknown, not zero.
- Mean HTER: of segments now past MT; per person, of those whose current text they wrote.
- Fixed findings: fixes applied from a finding, and glossary replace-alls for forbidden
  renderings; dismissed: dismissals made. Open findings, HTER and segments edited are the current
  state (no date filter).
- Findings exist only for documents the checks have run on (a document is checked when first
  opened, or by the corpus check): `unchecked` counts the others, so that no findings in a corpus
  nobody has checked does not read as a clean corpus.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Concat, Length, Replace, StrIndex, Substr, TruncDate
from django.utils import timezone

from annotate.models import Dismissal, Finding
from annotate.services.findings import CHECKED
from corpus.models import Corpus, Document, Revision, Segment

TEXT_ACTIONS = (
    Revision.Action.EDIT,
    Revision.Action.MERGE,
    Revision.Action.SPLIT,
    Revision.Action.RESTORE,
    Revision.Action.FIX,
    Revision.Action.REPLACE_ALL,
)
GLOSSARY_FORBIDDEN = "glossary-forbidden"
APPROVALS = Q(action=Revision.Action.STATUS, status=Segment.Status.APPROVED)
PAST_MT = (Segment.Status.EDITED, Segment.Status.APPROVED, Segment.Status.REJECTED)
# HTER buckets: exactly 0, then tenths up to 1, then "over 1" (heavy rewrites exceed 1).
HTER_BUCKETS = ["0", *(f"{i / 10:.1f}–{(i + 1) / 10:.1f}" for i in range(10)), "> 1"]
FIX_PREFIX = "fix for "  # annotate.services.edits.apply_fix's note: "fix for <check>: …"
GLOSSARY_NOTE = "glossary:"  # annotate.services.replace.replace_variant's note


@dataclass(frozen=True)
class Period:
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive

    def q(self, field_name: str = "created_at") -> Q:
        """The period as a filter on a timestamp, bounds in the current time zone."""
        query = Q()
        zone = timezone.get_current_timezone()
        if self.since:
            start = dt.datetime.combine(self.since, dt.time.min, zone)
            query &= Q(**{f"{field_name}__gte": start})
        if self.until:
            end = dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time.min, zone)
            query &= Q(**{f"{field_name}__lt": end})
        return query


@dataclass
class Day:
    day: dt.date
    edited: int = 0
    approved: int = 0


@dataclass
class CheckRow:
    check_id: str
    open: int = 0
    fixed: int = 0
    dismissed: int = 0


@dataclass
class Effort:
    """One row of the per-person and per-document tables."""

    key: int | None
    name: str
    segments: int = 0  # segments whose current text they (someone, for a document) wrote
    edits: int = 0
    words: int = 0
    timed_edits: int = 0  # edits whose active time is known
    time_ms: int = 0  # summed over the timed edits only
    timed_words: int = 0
    hter_sum: float = 0.0
    hter_count: int = 0
    fixed: int = 0
    dismissed: int = 0

    @property
    def time_known(self) -> bool:
        return self.timed_edits > 0

    @property
    def words_per_hour(self) -> float | None:
        return self.timed_words * 3_600_000 / self.time_ms if self.time_ms else None

    @property
    def hours(self) -> float:
        return self.time_ms / 3_600_000

    @property
    def mean_hter(self) -> float | None:
        return self.hter_sum / self.hter_count if self.hter_count else None


@dataclass
class Dashboard:
    days: list[Day]
    checks: list[CheckRow]
    hter: list[tuple[str, int]]
    people: list[Effort]
    documents: list[Effort]
    glossary: CheckRow = field(default_factory=lambda: CheckRow(GLOSSARY_FORBIDDEN))
    unchecked: int = 0  # documents the current checks have not run on: their findings are missing


class LocalDay(Func):
    """The calendar day of a timestamp in the current time zone, computed by the database.

    TruncDate on SQLite calls back into Python for every row (tens of microseconds each, seconds
    over a big corpus); SQLite's own date() shifted by the zone's offset now does the same in C.
    (On SQLite a day across a daylight-saving change may shift by that hour; PostgreSQL converts
    each timestamp with the zone's own rules.)"""

    output_field = DateField()

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.source_expressions[0])
        minutes = int(timezone.localtime().utcoffset().total_seconds() // 60)
        return f"date({sql}, %s)", [*params, f"{minutes:+d} minutes"]

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} AT TIME ZONE %s)::date", [*params, timezone.get_current_timezone_name()]

    def as_sql(self, compiler, connection, **extra):
        return TruncDate(*self.source_expressions).as_sql(compiler, connection)


def _words(text: str):
    """Whitespace-separated words of a text column, in SQL (spaces + 1)."""
    return Length(F(text)) - Length(Replace(F(text), Value(" "), Value(""))) + 1


def _kind():
    """What a revision did, as one grouping column: "approved", "edited", or the check a fix
    answered ("fix:<check>", from apply_fix's note; a glossary replace-all answers the forbidden
    rendering check). One expression per row, rather than a conditional count per check."""
    start = len(FIX_PREFIX) + 1  # SQL counts from 1
    check = Substr("note", start, StrIndex("note", Value(":")) - start)
    return Case(
        When(APPROVALS, then=Value("approved")),
        When(action=Revision.Action.FIX, then=Concat(Value("fix:"), check)),
        When(
            action=Revision.Action.REPLACE_ALL,
            note__startswith=GLOSSARY_NOTE,
            then=Value(f"fix:{GLOSSARY_FORBIDDEN}"),
        ),
        default=Value("edited"),
        output_field=CharField(),
    )


def _work(revisions) -> list[dict]:
    """The corpus's edits and approvals by person, document, day and kind, in one pass: the
    expensive read of the page (revisions reach the corpus only through their segments), so it
    is made once and folded into days, people, documents and fixes here."""
    edits = Q(action__in=TEXT_ACTIONS)
    timed = edits & Q(edit_time_ms__isnull=False)
    return list(
        revisions.filter(edits | APPROVALS)
        .annotate(day=LocalDay("created_at"), kind=_kind())
        .values("author_id", "segment__document_id", "day", "kind")
        .annotate(
            segments=Count("segment", distinct=True),
            edits=Count("pk"),
            words=Sum(_words("after"), filter=edits),  # not over the approvals
            timed_edits=Count("edit_time_ms"),
            time_ms=Sum("edit_time_ms"),
            timed_words=Sum(_words("after"), filter=timed),
        )
        .order_by()
    )


EFFORT_SUMS = ("edits", "words", "timed_edits", "time_ms", "timed_words")


def _add(row: Effort, numbers: dict, fixed: int) -> None:
    for name in EFFORT_SUMS:
        setattr(row, name, getattr(row, name) + (numbers[name] or 0))
    row.fixed += fixed


def _hter_bucket():
    whens = [When(hter=0, then=Value(0))] + [
        When(hter__lte=(i + 1) / 10, then=Value(i + 1)) for i in range(10)
    ]
    return Case(*whens, default=Value(11), output_field=IntegerField())


def corpus_dashboard(corpus: Corpus, period: Period = Period()) -> Dashboard:
    revisions = Revision.objects.filter(period.q(), segment__document__corpus=corpus).order_by()
    days: dict[dt.date, Day] = {}
    people: dict[int | None, Effort] = defaultdict(lambda: Effort(None, ""))
    # Whether each document is checked comes with its title: the page costs no query for it.
    checked = Case(
        When(CHECKED, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    rows = Document.objects.filter(corpus=corpus).annotate(checked=checked)
    documents, unchecked = {}, 0
    for pk, title, is_checked in rows.values_list("pk", "title", "checked"):
        documents[pk] = Effort(pk, title)
        unchecked += not is_checked
    checks: dict[str, CheckRow] = defaultdict(lambda: CheckRow(""))
    for row in _work(revisions):
        day = days.setdefault(row["day"], Day(row["day"]))
        # Distinct segments per person and document that day: a segment two people worked on
        # the same day counts for each.
        if row["kind"] == "approved":
            day.approved += row["segments"]
            continue
        day.edited += row["segments"]  # a fix and an edit of one segment that day count twice
        fixed = row["edits"] if row["kind"].startswith("fix:") else 0
        if fixed:
            checks[row["kind"].removeprefix("fix:")].fixed += fixed
        _add(people[row["author_id"]], row, fixed)
        _add(documents[row["segment__document_id"]], row, fixed)
    for row in (
        Finding.objects.filter(corpus=corpus, dismissed=False)
        .values("check_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        checks[row["check_id"]].open = row["n"]
    for row in (
        Dismissal.objects.filter(period.q(), segment__document__corpus=corpus)
        .values("check_id", "user_id", "segment__document_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        checks[row["check_id"]].dismissed += row["n"]
        people[row["user_id"]].dismissed += row["n"]
        documents[row["segment__document_id"]].dismissed += row["n"]
    buckets = [0] * len(HTER_BUCKETS)
    for row in (
        Segment.objects.filter(document__corpus=corpus, status__in=PAST_MT)
        .annotate(bucket=_hter_bucket())
        .values("bucket", "document_id", "text_author_id")
        .annotate(n=Count("pk"), total=Sum("hter"))
        .order_by()
    ):
        buckets[row["bucket"]] += row["n"]
        # Per person: the segments whose current text they wrote (none while it is the MT);
        # those are also the segments edited, per person and per document.
        mates = [documents[row["document_id"]]]
        if row["text_author_id"] is not None:
            mates.append(people[row["text_author_id"]])
            for mate in mates:
                mate.segments += row["n"]
        for mate in mates:
            mate.hter_sum += row["total"]
            mate.hter_count += row["n"]
    return Dashboard(
        days=sorted(days.values(), key=lambda d: d.day),
        checks=_check_rows(checks),
        hter=list(zip(HTER_BUCKETS, buckets, strict=True)),
        people=_named(people),
        documents=list(documents.values()),
        glossary=checks.get(GLOSSARY_FORBIDDEN) or CheckRow(GLOSSARY_FORBIDDEN),
        unchecked=unchecked,
    )


def _check_rows(checks: dict[str, CheckRow]) -> list[CheckRow]:
    for check_id, row in checks.items():
        row.check_id = check_id
    shown = [c for c in checks.values() if c.open or c.fixed or c.dismissed]
    return sorted(shown, key=lambda c: (-c.open - c.fixed - c.dismissed, c.check_id))


def _named(people: dict[int | None, Effort]) -> list[Effort]:
    """The people's rows with their names: one query for the few ids the aggregates named."""
    ids = [pk for pk in people if pk is not None]
    names = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))
    for pk, row in people.items():
        row.key, row.name = pk, names.get(pk, "")
    return sorted(people.values(), key=lambda p: (p.key is None, p.name))


__all__ = ["Dashboard", "Effort", "Period", "corpus_dashboard"]
