"""Undo and redo of a user's own actions on a document, as new revisions and span changes.

Nothing is deleted from the history: undoing an edit is an edit back (through edit_segment, so
spans are remapped as by any edit), undoing a merge is a split at the same place, undoing a split
a merge, undoing a decision puts the earlier status back. The action's spans are then put back
exactly as they were (the log holds their snapshots), so a span an edit touched or deleted comes
back whole. An action whose result someone has changed since is refused (StaleUndo, a conflict)
and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from annotate.models import Span, UndoableAction
from annotate.services import actionlog
from annotate.services.counters import counted
from annotate.services.edits import edit_segment, merge_with_next, split_segment
from annotate.services.reviews import Reason, keep_reason
from corpus.models import Document, Revision, Segment
from corpus.services import EditConflict, EditRefused
from corpus.services.segments import next_segment, put_back_status, set_status

TEXT_KINDS = {"edit", "fix", "restore"}
KIND_NAMES = {
    "edit": "edit",
    "fix": "fix",
    "restore": "restore",
    "merge": "merge",
    "split": "split",
    "approve": "approval",
    "reject": "rejection",
    "span-mark": "span marked",
    "span-relabel": "span relabelled",
    "span-delete": "span deleted",
    "span-accept": "suggestion accepted",
    "span-reject": "suggestion rejected",
    "accept-all": "suggestions accepted",
}


class StaleUndo(EditConflict):
    """The action's result was changed since (by someone else): undoing would overwrite it."""

    def __init__(self, current: Segment, mine: str):
        super().__init__(current)
        self.mine = mine  # the text the undo (or redo) would have written


@dataclass(frozen=True)
class Step:
    action: UndoableAction
    undone: bool  # False: redone
    segment_ids: list[int]  # the segments to show again, in document order
    removed_ids: list[int]  # segments that no longer exist (absorbed by a merge)
    created_ids: list[int]  # segments that exist again (the second half of an undone merge)

    @property
    def message(self) -> str:
        what = KIND_NAMES.get(self.action.kind, self.action.kind)
        return f"{'Undid' if self.undone else 'Redid'}: {what}."


def undo(document: Document, user) -> Step:
    return _step(document, user, backwards=True)


def redo(document: Document, user) -> Step:
    return _step(document, user, backwards=False)


def _step(document: Document, user, *, backwards: bool) -> Step:
    with transaction.atomic():
        log = UndoableAction.objects.select_for_update().filter(user=user, document=document)
        if backwards:
            action = log.filter(state=UndoableAction.State.DONE).order_by("-id").first()
        else:
            action = log.filter(state=UndoableAction.State.UNDONE).order_by("id").first()
        if action is None:
            raise EditRefused(
                (gettext("Nothing to undo in this document."))
                if backwards
                else (gettext("Nothing to redo."))
            )
        have, want = ("after", "before") if backwards else ("before", "after")
        _check_unchanged(action, have, want)
        with actionlog.quiet():
            _REPLAY[_family(action.kind)](action, user, backwards)
        action.refresh_from_db()  # a replayed merge or split may have renamed its segments
        _put_spans(action.spans[want])
        action.state = UndoableAction.State.UNDONE if backwards else UndoableAction.State.DONE
        action.save(update_fields=["state"])
    shown = [int(pk) for pk, snapshot in action.segments[want].items() if snapshot is not None]
    gone = [int(pk) for pk, snapshot in action.segments[want].items() if snapshot is None]
    new = [int(pk) for pk, snapshot in action.segments[have].items() if snapshot is None]
    ordered = Segment.objects.filter(pk__in=shown).order_by("position").values_list("pk", flat=True)
    return Step(action, backwards, list(ordered), gone, new)


def _family(kind: str) -> str:
    if kind in TEXT_KINDS:
        return "text"
    if kind.startswith("span") or kind == "accept-all":
        return "spans"
    return kind


def _check_unchanged(action: UndoableAction, have: str, want: str) -> None:
    """Refuse (StaleUndo) unless the segments and spans are as the action left them."""
    expected = action.segments[have]
    ids = [int(pk) for pk in expected]
    current = {str(s.pk): s for s in Segment.objects.select_for_update().filter(pk__in=ids)}
    spans = actionlog.span_snapshots(span_ids=[int(pk) for pk in action.spans[have]])
    stale = None
    for pk, snapshot in expected.items():
        segment = current.get(pk)
        now = {"text": segment.text, "status": segment.status} if segment else None
        if now != snapshot:
            stale = segment or next(iter(current.values()), None)
            break
    if stale is None and any(spans.get(pk) != snap for pk, snap in action.spans[have].items()):
        stale = next(iter(current.values()))
    if stale is not None:
        wanted = action.segments[want].get(str(stale.pk)) or {"text": stale.text}
        raise StaleUndo(stale, wanted["text"])


def _only(side: dict) -> tuple[int, dict]:
    [(pk, snapshot)] = [(int(pk), s) for pk, s in side.items() if s is not None][:1]
    return pk, snapshot


def _locked(pk: int) -> Segment:
    return Segment.objects.select_for_update(of=("self",)).with_document().get(pk=pk)


def _replay_text(action: UndoableAction, user, backwards: bool) -> None:
    pk, target = _only(action.segments["before" if backwards else "after"])
    segment = _locked(pk)
    edit_segment(
        segment,
        target["text"],
        segment.version,
        user,
        action=Revision.Action.UNDO if backwards else Revision.Action.REDO,
        note=f"{'undo' if backwards else 'redo'} of {KIND_NAMES[action.kind]}",
        status=target["status"],
    )


def _replay_decision(action: UndoableAction, user, backwards: bool) -> None:
    pk, target = _only(action.segments["before" if backwards else "after"])
    segment = _locked(pk)
    if backwards:
        put_back_status(segment, target["status"], segment.version, user, f"undo of {action.kind}")
        return
    change = set_status(segment, target["status"], segment.version, user)
    if action.extra.get("reason"):
        keep_reason(change.revision, Reason(**action.extra["reason"]))


def _put_back_statuses(side: dict, user) -> None:
    for pk, snapshot in side.items():
        if snapshot is None:
            continue
        segment = _locked(int(pk))
        if segment.status != snapshot["status"]:
            put_back_status(
                segment, snapshot["status"], segment.version, user, "status before the undo"
            )


def _replay_merge(action: UndoableAction, user, backwards: bool) -> None:
    survivor = _locked(_only(action.segments["after"])[0])
    absorbed = int(action.extra["absorbed"])
    if backwards:
        if action.extra.get("units"):
            raise EditRefused(
                gettext(
                    "This merge joined two translation units and their sources; it cannot be undone. Split the segment by hand if needed (the history keeps both texts)."
                )
            )
        split = split_segment(survivor, int(action.extra["offset"]), survivor.version, user)
        actionlog.rename_segment(action.document_id, absorbed, split.right.segment.pk)
        action.refresh_from_db()
        _put_back_statuses(action.segments["before"], user)
        return
    following = next_segment(survivor)
    if following is None or following.pk != absorbed:
        raise StaleUndo(survivor, action.segments["after"][str(survivor.pk)]["text"])
    merge_with_next(survivor, survivor.version, user)


def _replay_split(action: UndoableAction, user, backwards: bool) -> None:
    left = _locked(_only(action.segments["before"])[0])
    right = int(action.extra["right"])
    if backwards:
        following = next_segment(left)
        if following is None or following.pk != right:
            raise StaleUndo(left, action.segments["before"][str(left.pk)]["text"])
        merge_with_next(left, left.version, user)
        _put_back_statuses(action.segments["before"], user)
        return
    split = split_segment(left, int(action.extra["cut"]), left.version, user)
    actionlog.rename_segment(action.document_id, right, split.right.segment.pk)


def _replay_spans(action: UndoableAction, user, backwards: bool) -> None:
    """Span actions change only spans: putting back their snapshot is the whole replay."""


_REPLAY = {
    "text": _replay_text,
    "approve": _replay_decision,
    "reject": _replay_decision,
    "merge": _replay_merge,
    "split": _replay_split,
    "spans": _replay_spans,
}


def _put_spans(snapshots: dict) -> None:
    """Make these spans exactly as snapshotted (None: absent), keeping their ids."""
    if not snapshots:
        return
    segment_ids = {s["segment_id"] for s in snapshots.values() if s}
    segment_ids |= set(
        Span.objects.filter(pk__in=[int(pk) for pk in snapshots]).values_list(
            "segment_id", flat=True
        )
    )
    with counted(segment_ids, findings=False):
        Span.objects.filter(pk__in=[int(pk) for pk, s in snapshots.items() if s is None]).delete()
        for pk, snapshot in snapshots.items():
            if snapshot is not None:
                Span.objects.update_or_create(pk=int(pk), defaults=snapshot)
