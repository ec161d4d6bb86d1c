"""The corpus dashboard's numbers: a fixed handful of GROUP BY queries, whatever the corpus size.

Reads only. Every figure is an aggregate the database computes (SQLite and PostgreSQL alike); the
Python here only folds grouped rows (at most people x documents x buckets) into dataclasses.

Definitions, as the page states them:
- Edited: a revision that changed the text by hand (edit, merge, split, restore, fix, replace
  all); approved: a status revision to approved. Per day, distinct segments.
- Words post-edited: the MT words of the segment, counted per edit (a segment edited twice
  counts twice, as the time spent on it does). Words per hour: over the edits whose active time
  the browser recorded only; edits without it are unknown, not zero.
- Mean HTER: of segments now past MT; per person, of those whose current text they wrote.
- Fixed findings: fixes applied from a finding, and glossary replace-alls for forbidden
  renderings; dismissed: dismissals made. Open findings are the current state (no date filter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Length, Replace, StrIndex, Substr, TruncDate
from django.utils import timezone

from annotate.models import Dismissal, Finding
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
    segments: int = 0  # distinct segments edited
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


def _words(text: str):
    """Whitespace-separated words of a text column, in SQL (spaces + 1)."""
    return Length(F(text)) - Length(Replace(F(text), Value(" "), Value(""))) + 1


def _progress(revisions) -> list[Day]:
    approvals = Q(action=Revision.Action.STATUS, status=Segment.Status.APPROVED)
    rows = (
        revisions.filter(Q(action__in=TEXT_ACTIONS) | approvals)
        .annotate(
            day=TruncDate("created_at"),
            kind=Case(When(approvals, then=Value("approved")), default=Value("edited")),
        )
        .values("day", "kind")
        .annotate(n=Count("segment", distinct=True))
        .order_by("day")
    )
    days: dict[dt.date, Day] = {}
    for row in rows:
        setattr(days.setdefault(row["day"], Day(row["day"])), row["kind"], row["n"])
    return list(days.values())


def _fixes(revisions) -> dict[str, int]:
    start = len(FIX_PREFIX) + 1  # SQL counts from 1
    check = Case(
        When(
            action=Revision.Action.FIX,
            then=Substr("note", start, StrIndex("note", Value(":")) - start),
        ),
        When(
            action=Revision.Action.REPLACE_ALL,
            note__startswith=GLOSSARY_NOTE,
            then=Value(GLOSSARY_FORBIDDEN),
        ),
        output_field=CharField(),
    )
    rows = (
        revisions.filter(action__in=(Revision.Action.FIX, Revision.Action.REPLACE_ALL))
        .annotate(check=check)
        .exclude(check=None)
        .values("check")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["check"]: row["n"] for row in rows}


def _hter_bucket():
    whens = [When(hter=0, then=Value(0))] + [
        When(hter__lte=(i + 1) / 10, then=Value(i + 1)) for i in range(10)
    ]
    return Case(*whens, default=Value(11), output_field=IntegerField())


def _effort(revisions, key: str, name: str) -> dict:
    timed = Q(edit_time_ms__isnull=False)
    rows = (
        revisions.filter(action__in=TEXT_ACTIONS)
        .values(key, name)
        .annotate(
            segments=Count("segment", distinct=True),
            edits=Count("pk"),
            words=Sum(_words("segment__mt_text")),
            timed_edits=Count("edit_time_ms"),
            time_ms=Sum("edit_time_ms"),
            timed_words=Sum(_words("segment__mt_text"), filter=timed),
            fixed=Count("pk", filter=Q(action=Revision.Action.FIX)),
        )
        .order_by()
    )
    return {
        row[key]: Effort(
            row[key],
            row[name] or "",
            **{f: row[f] or 0 for f in ("segments", "edits", "words", "timed_edits", "time_ms")},
            timed_words=row["timed_words"] or 0,
            fixed=row["fixed"],
        )
        for row in rows
    }


def corpus_dashboard(corpus: Corpus, period: Period = Period()) -> Dashboard:
    revisions = Revision.objects.filter(period.q(), segment__document__corpus=corpus).order_by()
    days = _progress(revisions)
    fixes = _fixes(revisions)
    people = _effort(revisions, "author_id", "author__username")
    documents = {
        pk: Effort(pk, title)
        for pk, title in Document.objects.filter(corpus=corpus).values_list("pk", "title")
    }
    for pk, row in _effort(revisions, "segment__document_id", "segment__document__title").items():
        documents[pk] = row
    checks: dict[str, CheckRow] = {}
    for row in (
        Finding.objects.filter(corpus=corpus, dismissed=False)
        .values("check_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        checks[row["check_id"]] = CheckRow(row["check_id"], open=row["n"])
    for check_id, n in fixes.items():
        checks.setdefault(check_id, CheckRow(check_id)).fixed = n
    dismissals = (
        Dismissal.objects.filter(period.q(), segment__document__corpus=corpus)
        .values("check_id", "user_id", "user__username", "segment__document_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in dismissals:
        checks.setdefault(row["check_id"], CheckRow(row["check_id"])).dismissed += row["n"]
        person = people.setdefault(row["user_id"], Effort(row["user_id"], row["user__username"]))
        person.dismissed += row["n"]
        documents[row["segment__document_id"]].dismissed += row["n"]
    buckets = [0] * len(HTER_BUCKETS)
    for row in (
        Segment.objects.filter(document__corpus=corpus)
        .exclude(status=Segment.Status.MT)
        .annotate(bucket=_hter_bucket())
        .values("bucket", "document_id", "text_author_id", "text_author__username")
        .annotate(n=Count("pk"), total=Sum("hter"))
        .order_by()
    ):
        buckets[row["bucket"]] += row["n"]
        for row_of in (documents[row["document_id"]], _author(people, row)):
            if row_of is not None:
                row_of.hter_sum += row["total"]
                row_of.hter_count += row["n"]
    return Dashboard(
        days=days,
        checks=sorted(checks.values(), key=lambda c: (-c.open - c.fixed - c.dismissed, c.check_id)),
        hter=list(zip(HTER_BUCKETS, buckets, strict=True)),
        people=sorted(people.values(), key=lambda p: (p.key is None, p.name)),
        documents=list(documents.values()),
        glossary=checks.get(GLOSSARY_FORBIDDEN, CheckRow(GLOSSARY_FORBIDDEN)),
    )


def _author(people: dict, row: dict) -> Effort | None:
    """The person who wrote the segment's current text (None while it is the MT: approved as
    is), added to the table even when none of their edits fall in the period."""
    if row["text_author_id"] is None:
        return None
    key = row["text_author_id"]
    return people.setdefault(key, Effort(key, row["text_author__username"]))


__all__ = ["Dashboard", "Effort", "Period", "corpus_dashboard"]
