"""Recording each user's undoable actions (annotate.models.UndoableAction), for undo and redo.

The edit and span services wrap their write in `logged(user, kind, segment_ids)`: the touched
segments (text, status) and their spans are snapshotted before and after, in the write's own
transaction, and the action is stored with what changed. Undo and redo replay the inverse through
the same services inside `quiet()`, so replaying is never logged as a new action.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from annotate.models import Span, UndoableAction
from corpus.models import Segment

# What a span is, for comparing and putting back: everything but its id and timestamp.
SPAN_FIELDS = (
    "segment_id",
    "start",
    "end",
    "text",
    "label_id",
    "term_id",
    "origin",
    "state",
    "created_by_id",
)
# How many undoable actions each user keeps per document; older ones are dropped.
KEEP = 200

_quiet: ContextVar[bool] = ContextVar("redline_actionlog_quiet", default=False)


@contextmanager
def quiet():
    """Writes inside are not logged (undo and redo replaying an action)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def segment_snapshots(ids: Iterable[int]) -> dict[str, dict | None]:
    ids = [int(pk) for pk in ids]
    found = {
        str(pk): {"text": text, "status": status}
        for pk, text, status in Segment.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "text", "status")
    }
    return {str(pk): found.get(str(pk)) for pk in ids}


def span_snapshots(segment_ids: Iterable[int] = (), span_ids: Iterable[int] = ()) -> dict:
    """Every span of these segments (or these spans), keyed by span id (a string, as in JSON)."""
    spans = Span.objects.order_by()
    spans = (
        spans.filter(pk__in=list(span_ids))
        if span_ids
        else spans.filter(segment_id__in=list(segment_ids))
    )
    return {
        str(row[0]): dict(zip(SPAN_FIELDS, row[1:], strict=True))
        for row in spans.values_list("pk", *SPAN_FIELDS)
    }


class Entry:
    """One action being logged; the write adds segments it creates through `also`."""

    def __init__(self, user, kind: str, document_id: int, segment_ids: Iterable[int]):
        self.user, self.kind, self.document_id = user, kind, document_id
        self.ids = [int(pk) for pk in segment_ids]
        self.extra: dict = {}
        self.segments_before = segment_snapshots(self.ids)
        self.spans_before = span_snapshots(self.ids)

    def also(self, segment_id: int) -> None:
        """A segment the write created (the right half of a split): absent before."""
        self.ids.append(int(segment_id))
        self.segments_before[str(segment_id)] = None

    def finish(self) -> UndoableAction | None:
        spans_after, segments_after = span_snapshots(self.ids), segment_snapshots(self.ids)
        changed = [
            pk
            for pk in self.spans_before.keys() | spans_after.keys()
            if self.spans_before.get(pk) != spans_after.get(pk)
        ]
        if not changed and segments_after == self.segments_before:
            return None  # nothing to undo (accept-all with no suggestion it could accept)
        pending = UndoableAction.objects.filter(user=self.user, document_id=self.document_id)
        # A new action ends what could be redone, as in every editor.
        pending.filter(state=UndoableAction.State.UNDONE).update(state=UndoableAction.State.DROPPED)
        action = UndoableAction.objects.create(
            user=self.user,
            document_id=self.document_id,
            kind=self.kind,
            segments={"before": self.segments_before, "after": segments_after},
            spans={
                "before": {pk: self.spans_before.get(pk) for pk in changed},
                "after": {pk: spans_after.get(pk) for pk in changed},
            },
            extra=self.extra,
        )
        if action.pk % 50 == 0:
            old = pending.filter(state=UndoableAction.State.DONE).order_by("-id")[KEEP:]
            UndoableAction.objects.filter(pk__in=list(old.values_list("pk", flat=True))).update(
                state=UndoableAction.State.DROPPED
            )
        return action


class _Unlogged:
    def __init__(self):
        self.extra: dict = {}

    def also(self, segment_id: int) -> None:
        pass


@contextmanager
def logged(user, kind: str | None, document_id: int, segment_ids: Iterable[int]):
    """Log the enclosed write as one undoable action of `user` (nothing when quiet or no kind)."""
    if _quiet.get() or not kind or user is None or not user.is_authenticated:
        yield _Unlogged()
        return
    entry = Entry(user, kind, document_id, segment_ids)
    yield entry
    entry.finish()


def rename_segment(document_id: int, old: int, new: int) -> None:
    """Undoing a merge (or redoing a split) brings a segment back under a new id: the log's
    other actions on the old one follow it."""
    old_key, new_key = str(old), str(new)
    actions = UndoableAction.objects.filter(document_id=document_id).exclude(
        state=UndoableAction.State.DROPPED
    )
    changed = []
    for action in actions:
        before = repr((action.segments, action.spans, action.extra))
        for side in action.segments.values():
            if old_key in side:
                side[new_key] = side.pop(old_key)
        for side in action.spans.values():
            for snapshot in side.values():
                if snapshot and snapshot["segment_id"] == old:
                    snapshot["segment_id"] = new
        for key in ("right", "absorbed"):
            if action.extra.get(key) == old:
                action.extra[key] = new
        if repr((action.segments, action.spans, action.extra)) != before:
            changed.append(action)
    UndoableAction.objects.bulk_update(changed, ["segments", "spans", "extra"])
