"""The review conversation of a batch of segments, as plain records for the exporters: comments
and reject reasons, two queries per batch (none per segment); and the editing time spent on them,
one aggregate query per batch."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F, Sum

from annotate.models import Comment, RejectReason
from corpus.db import OneOf
from corpus.importers.base import CommentRecord, ReasonRecord
from corpus.models import Revision


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def notes_by_segment(
    segment_ids: list[int],
) -> tuple[dict[int, tuple[CommentRecord, ...]], dict[int, tuple[ReasonRecord, ...]]]:
    comments: dict[int, list[CommentRecord]] = defaultdict(list)
    rows = (
        Comment.objects.filter(OneOf(F("segment_id"), segment_ids))
        .order_by("segment_id", "created_at", "id")
        .values_list(
            "segment_id",
            "author__username",
            "text",
            "created_at",
            "resolved_by__username",
            "resolved_at",
        )
    )
    for segment_id, author, text, created_at, resolved_by, resolved_at in rows:
        comments[segment_id].append(
            CommentRecord(author or "", text, _when(created_at), resolved_by, _when(resolved_at))
        )
    reasons: dict[int, list[ReasonRecord]] = defaultdict(list)
    rows = (
        RejectReason.objects.filter(OneOf(F("segment_id"), segment_ids))
        .order_by("segment_id", "revision_id")
        .values_list(
            "segment_id",
            "category",
            "severity",
            "text",
            "revision__author__username",
            "revision__created_at",
        )
    )
    for segment_id, category, severity, text, author, created_at in rows:
        reasons[segment_id].append(
            ReasonRecord(category, severity, text, author or "", _when(created_at))
        )
    return (
        {pk: tuple(found) for pk, found in comments.items()},
        {pk: tuple(found) for pk, found in reasons.items()},
    )


def edit_time_by_segment(segment_ids) -> dict[int, int]:
    """Active editing time (ms) summed over each segment's revisions. A segment none of whose
    revisions measured any time is absent (its export says null, not a misleading 0).

    The ids go as one parameter (OneOf), so each is a look-up in the revision index on segment.
    Joined to the batch's segments instead, PostgreSQL chose to read the whole revision table for
    every batch (statistics or not: its cost model prices 2,000 index look-ups above a scan), and
    the export grew with the square of the corpus."""
    rows = (
        Revision.objects.filter(OneOf(F("segment_id"), segment_ids), edit_time_ms__isnull=False)
        .order_by()
        .values("segment_id")
        .annotate(total=Sum("edit_time_ms"))
        .values_list("segment_id", "total")
    )
    return dict(rows)
