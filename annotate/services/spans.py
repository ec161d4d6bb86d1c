"""Span writes: mark, relabel, delete, accept or reject suggestions, each in one transaction
with the segment row locked, so two reviewers marking the same segment cannot interleave.

Invariant 1 (a span's surface is the text at its offsets) is checked here on every write, and
by check_invariant before every export.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from annotate.models import Label, Span
from annotate.services import actionlog
from annotate.services.counters import counted
from corpus.i18n import localize_error
from corpus.models import Segment
from corpus.services import EditRefused, refuse_archived
from corpus.text.spans import check_bounds, snap_to_words


def _locked_segment(segment_id: int) -> Segment:
    segment = Segment.objects.select_for_update(of=("self",)).with_document().get(pk=segment_id)
    refuse_archived(segment.document.corpus)
    return segment


def _overlaps(segment: Segment, start: int, end: int, exclude: int | None = None) -> Span | None:
    spans = segment.spans.shown().filter(start__lt=end, end__gt=start).select_related("label")
    if exclude is not None:
        spans = spans.exclude(pk=exclude)
    return spans.first()


def add_span(
    segment: Segment, start: int, end: int, label: Label, user, *, snap: bool = True
) -> Span:
    with (
        transaction.atomic(),
        counted([segment.pk], findings=False),
        actionlog.logged(user, "span-mark", segment.document_id, [segment.pk]),
    ):
        current = _locked_segment(segment.pk)
        if label.corpus_id != current.document.corpus_id:
            raise EditRefused(
                gettext("The label %(label_key)s belongs to another corpus.")
                % {"label_key": label.key}
            )
        try:
            start, end = snap_to_words(current.text, start, end) if snap else (start, end)
            check_bounds(current.text, start, end)
        except ValueError as error:
            raise EditRefused(
                gettext("Cannot mark that selection: %(error)s.") % {"error": localize_error(error)}
            ) from error
        # The spans on or across the selection, in one read (marking is on the key-to-screen
        # path): a duplicate, a suggestion on exactly these characters, or a clash.
        nearby = sorted(
            current.spans.filter(start__lt=end, end__gt=start).select_related("label"),
            key=lambda span: (span.start, span.end, span.pk),
        )
        shown = [span for span in nearby if span.state != Span.State.REJECTED]
        exact = [span for span in shown if (span.start, span.end) == (start, end)]
        if any(span.label_id == label.pk for span in exact):
            raise EditRefused(
                gettext("“%(current_text)s” is already marked %(label_key)s.")
                % {"current_text": current.text[start:end], "label_key": label.key}
            )
        # Marking exactly a suggestion's characters is the reviewer's answer to it: accept it with
        # the chosen label, rather than refuse the mark as an overlap of itself.
        waiting = (Span.State.SUGGESTED, Span.State.NEEDS_REVIEW)
        pending = next((span for span in exact if span.state in waiting), None)
        clash = next((span for span in shown if span is not pending), None)
        if pending is not None and not (clash and clash.state == Span.State.ACCEPTED):
            pending.label, pending.state, pending.created_by = label, Span.State.ACCEPTED, user
            pending.save(update_fields=["label", "state", "created_by", "updated_at"])
            pending.segment = current
            return pending
        if clash and not current.document.corpus.allow_overlapping_spans:
            raise EditRefused(
                gettext(
                    "“%(current_text)s” overlaps “%(clash_text)s” (%(clash_label_key)s); this corpus does not allow overlapping spans. Delete or shorten that span first."
                )
                % {
                    "current_text": current.text[start:end],
                    "clash_text": clash.text,
                    "clash_label_key": clash.label.key,
                }
            )
        span = Span.objects.create(
            segment=current,
            start=start,
            end=end,
            text=current.text[start:end],
            label=label,
            created_by=user,
        )
    return span


def _logged(user, kind: str, span: Span):
    return actionlog.logged(user, kind, span.segment.document_id, [span.segment_id])


def relabel_span(span: Span, label: Label, user) -> Span:
    with (
        transaction.atomic(),
        counted([span.segment_id], findings=False),
        _logged(user, "span-relabel", span),
    ):
        _locked_segment(span.segment_id)
        span = Span.objects.select_related("segment__document").get(pk=span.pk)
        if label.corpus_id != span.segment.document.corpus_id:
            raise EditRefused(
                gettext("The label %(label_key)s belongs to another corpus.")
                % {"label_key": label.key}
            )
        span.label = label
        span.state = Span.State.ACCEPTED  # choosing a label is a human decision
        span.created_by = user
        span.save(update_fields=["label", "state", "created_by", "updated_at"])
    return span


def delete_span(span: Span, user) -> None:
    with (
        transaction.atomic(),
        counted([span.segment_id], findings=False),
        _logged(user, "span-delete", span),
    ):
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
        raise EditRefused(
            gettext("“%(span_text)s” is already %(span_state_display_lower)s.")
            % {"span_text": span.text, "span_state_display_lower": span.get_state_display().lower()}
        )
    kind = "span-accept" if accept else "span-reject"
    with (
        transaction.atomic(),
        counted([span.segment_id], findings=False),
        _logged(user, kind, span),
    ):
        _locked_segment(span.segment_id)
        if accept:
            clash = _overlaps(span.segment, span.start, span.end, exclude=span.pk)
            if (
                clash
                and clash.state == Span.State.ACCEPTED
                and not span.segment.document.corpus.allow_overlapping_spans
            ):
                raise EditRefused(
                    gettext(
                        "“%(span_text)s” overlaps the accepted span “%(clash_text)s” (%(clash_label_key)s)."
                    )
                    % {
                        "span_text": span.text,
                        "clash_text": clash.text,
                        "clash_label_key": clash.label.key,
                    }
                )
        span.state = Span.State.ACCEPTED if accept else Span.State.REJECTED
        span.created_by = user
        span.save(update_fields=["state", "created_by", "updated_at"])
    return span


def accept_all(segment: Segment, user) -> int:
    """Accept every suggestion in the segment that clashes with no accepted span."""
    with (
        transaction.atomic(),
        counted([segment.pk], findings=False),
        actionlog.logged(user, "accept-all", segment.document_id, [segment.pk]),
    ):
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


def check_invariant(segment: Segment) -> list[str]:
    """Invariant 1, for tests and exports: each span's surface is the text at its offsets."""
    return [
        f"span {span.pk} {span.start}-{span.end} says “{span.text}” but the text there is “{segment.text[span.start : span.end]}”"
        for span in segment.spans.all()
        if segment.text[span.start : span.end] != span.text
        or not 0 <= span.start < span.end <= len(segment.text)
    ]
