"""Span writes, and the segment edits of corpus.services with the spans kept in step.

Every edit, merge, split and restore goes through here so spans are remapped in the same
transaction as the text (invariant 2): an intact span moves with its words, a touched one is kept
as needs-review, a deleted one is removed and the revision says so.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from annotate import findings
from annotate.models import Dismissal, Finding, Label, Span
from annotate.qa import get_check
from corpus import services as corpus_services
from corpus.models import Revision, Segment
from corpus.services import EditRefused
from corpus.text.offsets import SpanState, remap_spans, split_span_sides
from corpus.text.spans import check_bounds, snap_to_words

__all__ = [
    "accept_all",
    "add_span",
    "apply_fix",
    "check_invariant",
    "decide_suggestion",
    "delete_span",
    "dismiss",
    "edit_segment",
    "merge_with_next",
    "relabel_span",
    "restore_revision",
    "split_segment",
]


# --- spans ---------------------------------------------------------------------------------------


def _locked_segment(segment_id: int) -> Segment:
    return Segment.objects.select_for_update().select_related("document__corpus").get(pk=segment_id)


def _overlaps(segment: Segment, start: int, end: int, exclude: int | None = None) -> Span | None:
    spans = segment.spans.shown().filter(start__lt=end, end__gt=start).select_related("label")
    if exclude is not None:
        spans = spans.exclude(pk=exclude)
    return spans.first()


def add_span(
    segment: Segment, start: int, end: int, label: Label, user, *, snap: bool = True
) -> Span:
    with transaction.atomic():
        current = _locked_segment(segment.pk)
        if label.corpus_id != current.document.corpus_id:
            raise EditRefused(f"The label {label.key} belongs to another corpus.")
        try:
            start, end = snap_to_words(current.text, start, end) if snap else (start, end)
            check_bounds(current.text, start, end)
        except ValueError as error:
            raise EditRefused(f"Cannot mark that selection: {error}.") from error
        if current.spans.shown().filter(start=start, end=end, label=label).exists():
            raise EditRefused(f"“{current.text[start:end]}” is already marked {label.key}.")
        clash = _overlaps(current, start, end)
        if clash and not current.document.corpus.allow_overlapping_spans:
            raise EditRefused(
                f"“{current.text[start:end]}” overlaps “{clash.text}” ({clash.label.key}); this corpus does not allow "
                "overlapping spans. Delete or shorten that span first."
            )
        return Span.objects.create(
            segment=current,
            start=start,
            end=end,
            text=current.text[start:end],
            label=label,
            created_by=user,
        )


def relabel_span(span: Span, label: Label, user) -> Span:
    with transaction.atomic():
        _locked_segment(span.segment_id)
        span = Span.objects.select_related("segment__document").get(pk=span.pk)
        if label.corpus_id != span.segment.document.corpus_id:
            raise EditRefused(f"The label {label.key} belongs to another corpus.")
        span.label = label
        span.state = Span.State.ACCEPTED  # choosing a label is a human decision
        span.created_by = user
        span.save(update_fields=["label", "state", "created_by", "updated_at"])
    return span


def delete_span(span: Span, user) -> None:
    with transaction.atomic():
        _locked_segment(span.segment_id)
        if span.origin != Span.Origin.HUMAN:
            # A model's suggestion that a human removes is remembered as rejected, so the next
            # pre-annotation run does not bring it back.
            Span.objects.filter(pk=span.pk).update(state=Span.State.REJECTED)
        else:
            Span.objects.filter(pk=span.pk).delete()


def decide_suggestion(span: Span, accept: bool, user) -> Span:
    """Accept or reject a suggestion (or confirm a needs-review span)."""
    if span.state not in (Span.State.SUGGESTED, Span.State.NEEDS_REVIEW):
        raise EditRefused(f"“{span.text}” is already {span.get_state_display().lower()}.")
    with transaction.atomic():
        _locked_segment(span.segment_id)
        if accept:
            clash = _overlaps(span.segment, span.start, span.end, exclude=span.pk)
            if (
                clash
                and clash.state == Span.State.ACCEPTED
                and not span.segment.document.corpus.allow_overlapping_spans
            ):
                raise EditRefused(
                    f"“{span.text}” overlaps the accepted span “{clash.text}” ({clash.label.key})."
                )
        span.state = Span.State.ACCEPTED if accept else Span.State.REJECTED
        span.created_by = user
        span.save(update_fields=["state", "created_by", "updated_at"])
    return span


def accept_all(segment: Segment, user) -> int:
    """Accept every suggestion in the segment that clashes with no accepted span."""
    with transaction.atomic():
        current = _locked_segment(segment.pk)
        accepted = list(current.spans.filter(state=Span.State.ACCEPTED).values_list("start", "end"))
        allow_overlap = current.document.corpus.allow_overlapping_spans
        count = 0
        for span in current.spans.filter(state=Span.State.SUGGESTED).order_by("start", "-end"):
            if not allow_overlap and any(s < span.end and span.start < e for s, e in accepted):
                continue
            span.state, span.created_by = Span.State.ACCEPTED, user
            span.save(update_fields=["state", "created_by", "updated_at"])
            accepted.append((span.start, span.end))
            count += 1
    return count


# --- edits with spans kept in step ---------------------------------------------------------------


def _remap(change: corpus_services.Change) -> None:
    segment, revision = change.segment, change.revision
    spans = list(segment.spans.select_related("label"))
    if not spans:
        return
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
    _save_moved([s for s in spans if s not in removed], removed, revision)


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


def edit_segment(
    segment: Segment, text: str, expected_version: int, user, **kwargs
) -> corpus_services.Change:
    with transaction.atomic():
        change = corpus_services.edit_segment(segment, text, expected_version, user, **kwargs)
        _remap(change)
        findings.refresh([change.segment])
    return change


def restore_revision(
    segment: Segment, revision: Revision | None, expected_version: int, user
) -> corpus_services.Change:
    with transaction.atomic():
        change = corpus_services.restore_revision(segment, revision, expected_version, user)
        _remap(change)
        findings.refresh([change.segment])
    return change


def _carry_spans(survivor: Segment, absorbed: Segment, offset: int) -> None:
    Span.objects.filter(segment=absorbed).update(
        segment=survivor, start=F("start") + offset, end=F("end") + offset
    )


def merge_with_next(segment: Segment, expected_version: int, user) -> corpus_services.Merge:
    with transaction.atomic():
        merge = corpus_services.merge_with_next(
            segment, expected_version, user, on_absorb=_carry_spans
        )
        findings.refresh([merge.change.segment])
    return merge


def split_segment(segment: Segment, cut: int, expected_version: int, user) -> corpus_services.Split:
    with transaction.atomic():
        split = corpus_services.split_segment(segment, cut, expected_version, user)
        left, right = split.left.segment, split.right.segment
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
        findings.refresh([left, right])
    return split


# --- findings --------------------------------------------------------------------------------------


def check_title(check_id: str) -> str:
    try:
        return get_check(check_id).title
    except KeyError:  # glossary findings come from the glossary, not the QA registry
        return check_id.replace("-", " ").capitalize()


def apply_fix(finding: Finding, expected_version: int, user) -> corpus_services.Change:
    """The finding's fix as an edit like any other: revision, span remapping, new findings."""
    if finding.fix is None:
        raise EditRefused(
            f"“{check_title(finding.check_id)}” offers no automatic fix here; edit the text instead."
        )
    segment = finding.segment
    text = segment.text[: finding.start] + finding.fix + segment.text[finding.end :]
    note = f"fix for {finding.check_id}: “{segment.text[finding.start : finding.end]}” → “{finding.fix}”"
    return edit_segment(
        segment, text, expected_version, user, action=Revision.Action.FIX, note=note
    )


def dismiss(finding: Finding, user, reason: str) -> None:
    segment = finding.segment
    with transaction.atomic():
        Dismissal.objects.create(
            segment=segment,
            check_id=finding.check_id,
            surface=segment.text[finding.start : finding.end],
            reason=reason.strip() or "false alarm",
            user=user,
        )
        Finding.objects.filter(
            segment=segment, check_id=finding.check_id, start=finding.start, end=finding.end
        ).update(dismissed=True)


def check_invariant(segment: Segment) -> list[str]:
    """Invariant 1, for tests and exports: each span's surface is the text at its offsets."""
    return [
        f"span {span.pk} {span.start}-{span.end} says “{span.text}” but the text there is “{segment.text[span.start : span.end]}”"
        for span in segment.spans.all()
        if segment.text[span.start : span.end] != span.text
        or not 0 <= span.start < span.end <= len(segment.text)
    ]
