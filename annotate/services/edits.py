"""The segment edits of corpus.services with the spans kept in step.

Every edit, merge, split, restore and fix goes through here so spans are remapped in the same
transaction as the text (invariant 2): an intact span moves with its words, a touched one is kept
as needs-review, a deleted one is removed and the revision says so. corpus.services' raw_* writes
change text only; nothing outside this module calls them (a test checks).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext

from annotate.models import Comment, Finding, RejectReason, Span
from annotate.services import actionlog, findings
from annotate.services.counters import counted
from annotate.services.findings import check_title
from corpus.models import Revision, Segment
from corpus.services import EditRefused
from corpus.services import segments as corpus_services
from corpus.text.offsets import SpanState, remap_spans, split_span_sides


@dataclass(frozen=True)
class Edited(corpus_services.Change):
    """An edit's Change with the segment's marks as the edit left them: its spans, remapped, and
    its findings, checked again. The review screen draws its answer from them instead of reading
    them back (three queries on the save's key-to-screen path)."""

    spans: tuple[Span, ...] = ()
    findings: tuple[Finding, ...] = ()


def _remap(change: corpus_services.Change) -> list[Span]:
    """Move the segment's spans with its words; returns the spans it keeps."""
    segment, revision = change.segment, change.revision
    spans = list(segment.spans.select_related("label", "term"))
    if not spans:
        return []
    removed = []
    for span, moved in zip(
        spans,
        remap_spans(change.before, segment.text, [(s.start, s.end) for s in spans]),
        strict=False,
    ):
        if moved.state == SpanState.DELETED:
            removed.append(span)
            continue
        span.start, span.end, span.text = (
            moved.start,
            moved.end,
            segment.text[moved.start : moved.end],
        )
        if moved.state == SpanState.TOUCHED and span.state != Span.State.REJECTED:
            span.state = Span.State.NEEDS_REVIEW
    kept = [s for s in spans if s not in removed]
    _save_moved(kept, removed, revision)
    return kept


def _save_moved(kept: list[Span], removed: list[Span], revision: Revision) -> None:
    Span.objects.bulk_update(kept, ["start", "end", "text", "state", "segment"], batch_size=500)
    if removed:
        Span.objects.filter(pk__in=[s.pk for s in removed]).delete()
        shown = [s for s in removed if s.state != Span.State.REJECTED]
        if shown:
            names = "; ".join(f"{s.label.key} “{s.text}”" for s in shown)
            revision.note = (
                revision.note + "; " if revision.note else ""
            ) + f"removed span(s) whose text was deleted: {names}"
            revision.save(update_fields=["note"])


# The revision actions a user undoes with Ctrl+Z (a replace-all is undone from the history).
UNDOABLE = {
    Revision.Action.EDIT: "edit",
    Revision.Action.FIX: "fix",
    Revision.Action.RESTORE: "restore",
}


def _logged(user, kind: str | None, segment: Segment, *more: Segment | None):
    ids = [segment.pk, *(s.pk for s in more if s is not None)]
    return actionlog.logged(user, kind, segment.document_id, ids)


def _checked(change: corpus_services.Change) -> Edited:
    """The edit's spans remapped and its segment checked again, kept with the Change."""
    spans = _remap(change)
    rows = findings.refresh([change.segment], document=change.segment.document, edit=True)
    return Edited(change.segment, change.revision, change.before, tuple(spans), tuple(rows))


def edit_segment(segment: Segment, text: str, expected_version: int, user, **kwargs) -> Edited:
    kind = UNDOABLE.get(kwargs.get("action", Revision.Action.EDIT))
    with transaction.atomic(), counted([segment.pk]), _logged(user, kind, segment):
        return _checked(corpus_services.raw_edit(segment, text, expected_version, user, **kwargs))


def restore_revision(
    segment: Segment, revision: Revision | None, expected_version: int, user
) -> Edited:
    with transaction.atomic(), counted([segment.pk]), _logged(user, "restore", segment):
        return _checked(corpus_services.raw_restore(segment, revision, expected_version, user))


def _carry_spans(survivor: Segment, absorbed: Segment, offset: int) -> None:
    Span.objects.filter(segment=absorbed).update(
        segment=survivor, start=F("start") + offset, end=F("end") + offset
    )
    # Its comments and reject reasons stay with its history, which moves to the survivor too.
    Comment.objects.filter(segment=absorbed).update(segment=survivor)
    RejectReason.objects.filter(segment=absorbed).update(segment=survivor)


def merge_with_next(segment: Segment, expected_version: int, user) -> corpus_services.Merge:
    following = corpus_services.next_segment(segment)
    with (
        transaction.atomic(),
        counted([segment.pk]) as tally,
        _logged(user, "merge", segment, following) as entry,
    ):

        def absorb(survivor: Segment, absorbed: Segment, offset: int) -> None:
            tally.add([absorbed.pk])  # measured before its spans move and its row goes
            # Two units joined (sources too) cannot be cut apart again by undo.
            entry.extra["units"] = survivor.document.bilingual and (
                absorbed.continues != survivor.unit_id or not survivor.unit_id
            )
            _carry_spans(survivor, absorbed, offset)

        merge = corpus_services.raw_merge(segment, expected_version, user, on_absorb=absorb)
        entry.extra.update(absorbed=merge.absorbed_id, offset=merge.offset)
        findings.refresh([merge.change.segment], edit=True)
    return merge


def split_segment(segment: Segment, cut: int, expected_version: int, user) -> corpus_services.Split:
    with (
        transaction.atomic(),
        counted([segment.pk]) as tally,
        _logged(user, "split", segment) as entry,
    ):
        split = corpus_services.raw_split(segment, cut, expected_version, user)
        left, right = split.left.segment, split.right.segment
        tally.add_created([right.pk])
        entry.also(right.pk)
        entry.extra.update(right=right.pk, cut=cut)
        spans = list(Span.objects.filter(segment=left).select_related("label"))
        removed = []
        for span, (side, moved) in zip(
            spans,
            split_span_sides(split.left.before, cut, [(s.start, s.end) for s in spans]),
            strict=False,
        ):
            if moved.state == SpanState.DELETED:
                removed.append(span)
                continue
            target = left if side == "left" else right
            span.segment, span.start, span.end = target, moved.start, moved.end
            span.text = target.text[moved.start : moved.end]
            if moved.state == SpanState.TOUCHED and span.state != Span.State.REJECTED:
                span.state = Span.State.NEEDS_REVIEW
        _save_moved([s for s in spans if s not in removed], removed, split.left.revision)
        findings.refresh([left, right], edit=True)
    return split


def apply_fix(finding: Finding, expected_version: int, user) -> Edited:
    """The finding's fix as an edit like any other: revision, span remapping, new findings."""
    if finding.fix is None:
        raise EditRefused(
            gettext("“%(check_title)s” offers no automatic fix here; edit the text instead.")
            % {"check_title": check_title(finding.check_id)}
        )
    segment = finding.segment
    text = segment.text[: finding.start] + finding.fix + segment.text[finding.end :]
    note = f"fix for {finding.check_id}: “{segment.text[finding.start : finding.end]}” → “{finding.fix}”"
    return edit_segment(
        segment, text, expected_version, user, action=Revision.Action.FIX, note=note
    )
