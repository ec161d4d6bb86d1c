"""The review conversation of a batch of segments, as plain records for the exporters: comments
and reject reasons, two queries per batch (none per segment)."""

from __future__ import annotations

from collections import defaultdict

from annotate.models import Comment, RejectReason
from corpus.importers.base import CommentRecord, ReasonRecord


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def notes_by_segment(
    segment_ids: list[int],
) -> tuple[dict[int, tuple[CommentRecord, ...]], dict[int, tuple[ReasonRecord, ...]]]:
    comments: dict[int, list[CommentRecord]] = defaultdict(list)
    rows = (
        Comment.objects.filter(segment_id__in=segment_ids)
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
        RejectReason.objects.filter(segment_id__in=segment_ids)
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
