"""The review screen: one document, segment by segment. HTMX swaps one segment at a time.

Each view: fetch what the user may see (404 otherwise), check the role, validate a form, call one
service, render the segment fragment (HTMX) or redirect back to the page (plain form posts).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from annotate import findings, services
from annotate.models import Finding, Span
from annotate.qa import CheckContext, get_check
from annotate.responses import (
    active_findings,
    attach_glossary,
    done,
    fragment,
    guarded,
    page_size,
    permissions,
    segment_for,
    shown_spans,
)
from corpus import roles
from corpus.forms import SegmentEditForm, SplitForm, VersionForm
from corpus.models import Document, Revision, Segment
from corpus.services import EditConflict, EditRefused, set_status
from corpus.text.diff import word_diff

# Filters on what a segment's spans need, beside the status filter.
SPAN_FILTERS = {
    "needs-review": ("Needs review", Span.State.NEEDS_REVIEW),
    "suggested": ("Suggestions", Span.State.SUGGESTED),
}


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _filtered(document: Document, status: str, spans: str, check: str):
    segments = document.segments.prefetch_related(shown_spans(), active_findings())
    if status:
        segments = segments.filter(status=status)
    if spans:
        segments = segments.filter(
            Exists(Span.objects.filter(segment=OuterRef("pk"), state=SPAN_FILTERS[spans][1]))
        )
    if check:
        segments = segments.filter(
            Exists(Finding.objects.filter(segment=OuterRef("pk"), check_id=check, dismissed=False))
        )
    return segments


def numbers_changed(mt_text: str, text: str) -> list[str]:
    return [
        f.message for f in get_check("numbers-changed").find(text, CheckContext(mt_text=mt_text))
    ]


def _with_counts(documents):
    """Segments per status and per span filter, as subqueries of the document's own query.

    Counting through the (document, status) index and over the spans, instead of scanning the
    segments with an EXISTS per row, keeps a 100,000-segment document's page fast.
    """
    segments = Segment.objects.filter(document=OuterRef("pk"))
    counts = {"n_total": _segment_count(segments)}
    counts.update(
        {
            f"n_{value}": _segment_count(segments.filter(status=value))
            for value in Segment.Status.values
        }
    )
    for key, (_, state) in SPAN_FILTERS.items():
        spans = Span.objects.filter(segment__document=OuterRef("pk"), state=state)
        counts[f"n_{key}"] = Coalesce(
            Subquery(
                spans.order_by()
                .values("segment__document")
                .annotate(n=Count("segment", distinct=True))
                .values("n")[:1]
            ),
            0,
        )
    return documents.annotate(**counts)


def _segment_count(segments):
    return Coalesce(
        Subquery(segments.order_by().values("document").annotate(n=Count("pk")).values("n")[:1]), 0
    )


def document_review(request, pk: int):
    document = get_object_or_404(
        _with_counts(Document.objects.visible_to(request.user).select_related("corpus")), pk=pk
    )
    status = (
        request.GET.get("status", "") if request.GET.get("status") in Segment.Status.values else ""
    )
    spans = request.GET.get("spans", "") if request.GET.get("spans") in SPAN_FILTERS else ""
    check = request.GET.get("check", "")[:40]
    findings.ensure_checked(
        document
    )  # imported documents are checked the first time they are opened
    page, has_previous, has_next = _filtered(document, status, spans, check).page(
        after=_int_or_none(request.GET.get("after")),
        before=_int_or_none(request.GET.get("before")),
        last=request.GET.get("page") == "last",
        size=page_size(),
    )
    attach_glossary(page, document.corpus_id)
    context = {
        "document": document,
        "segments": page,
        "has_previous": has_previous,
        "has_next": has_next,
        "status": status,
        "spans": spans,
        "check": check,
        "query": urlencode(
            [(k, v) for k, v in (("status", status), ("spans", spans), ("check", check)) if v]
        ),
        "status_counts": [
            (value, label, getattr(document, f"n_{value}"))
            for value, label in Segment.Status.choices
        ],
        "span_counts": [
            (key, label, getattr(document, f"n_{key}")) for key, (label, _) in SPAN_FILTERS.items()
        ],
        "total": document.n_total,
        # Labels with a key first, in key order; the rest after them.
        "labels": sorted(
            document.corpus.labels.all(),
            key=lambda label: (not label.shortcut, label.shortcut, label.key),
        ),
        **permissions(request),
    }
    return render(request, "annotate/review.html", context)


def segment_detail(request, pk: int):
    return fragment(request, segment_for(request, pk))


def segment_edit(request, pk: int):
    segment = segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers edit segments.")
    if request.method != "POST":
        form = SegmentEditForm(initial={"text": segment.text, "version": segment.version})
        return fragment(request, segment, partial="segment-edit", form=form)
    form = SegmentEditForm(request.POST)
    if not form.is_valid():
        return done(
            request, segment, error="The edit was incomplete; reload the segment.", status=422
        )
    changed_numbers = numbers_changed(segment.mt_text, form.cleaned_data["text"])
    if changed_numbers and not request.POST.get("confirm"):
        # Numbers are what these reports are about: a lost or new figure must be confirmed.
        return done(
            request, segment, partial="segment-edit", form=form, status=422, confirm=changed_numbers
        )
    try:
        change = services.edit_segment(
            segment, form.cleaned_data["text"], form.cleaned_data["version"], request.user
        )
    except EditConflict as conflict:
        return _conflict(request, conflict.current, form.cleaned_data["text"])
    except EditRefused as refused:
        return done(
            request, segment, partial="segment-edit", form=form, error=str(refused), status=422
        )
    return done(request, change.segment)


def _conflict(request, current: Segment, mine: str):
    """The second save of a segment: show both texts and the difference; overwrite nothing."""
    context = {"mine": mine, "diff": word_diff(current.text, mine)}
    if request.htmx:
        return fragment(request, current, partial="conflict", status=409, **context)
    return render(
        request, "annotate/conflict_page.html", {"segment": current, **context}, status=409
    )


@require_POST
def segment_status(request, pk: int, status: str):
    segment = segment_for(request, pk)
    if not roles.can_review(request.user):
        raise PermissionDenied("Only reviewers approve or reject segments.")
    call = lambda data: set_status(segment, status, data["version"], request.user)  # noqa: E731
    change, refusal = guarded(
        request, segment, VersionForm(request.POST), call, "The request had no segment version."
    )
    return refusal or done(request, change.segment)


@require_POST
def segment_merge(request, pk: int):
    segment = segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers merge segments.")
    call = lambda data: services.merge_with_next(segment, data["version"], request.user)  # noqa: E731
    merge, refusal = guarded(
        request, segment, VersionForm(request.POST), call, "The request had no segment version."
    )
    return refusal or done(request, merge.change.segment, absorbed_id=merge.absorbed_id)


@require_POST
def segment_split(request, pk: int):
    segment = segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers split segments.")
    call = lambda data: services.split_segment(segment, data["cut"], data["version"], request.user)  # noqa: E731
    split, refusal = guarded(
        request,
        segment,
        SplitForm(request.POST),
        call,
        "Put the cursor where the segment should split.",
    )
    if refusal:
        return refusal
    if request.htmx:
        right = segment_for(request, split.right.segment.pk)
        return fragment(request, split.left.segment, partial="split", right=right)
    return done(request, split.left.segment)


def segment_history(request, pk: int):
    segment = segment_for(request, pk)
    revisions = list(segment.revisions.select_related("author").order_by("id"))
    rows, previous = [], segment.mt_text
    for revision in revisions:
        rows.append(
            {
                "revision": revision,
                "against_mt": word_diff(segment.mt_text, revision.after),
                "against_previous": word_diff(previous, revision.after),
            }
        )
        previous = revision.after
    context = {
        "segment": segment,
        "document": segment.document,
        "rows": rows[::-1],
        **permissions(request),
    }
    return render(request, "annotate/history.html", context)


@require_POST
def segment_restore(request, pk: int, revision_pk: int | None = None):
    segment = segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers restore revisions.")
    revision = get_object_or_404(Revision, pk=revision_pk, segment=segment) if revision_pk else None
    form = VersionForm(request.POST)
    history = reverse("annotate:segment_history", args=[segment.pk])
    if not form.is_valid():
        messages.error(request, "The request had no segment version.")
        return redirect(history)
    try:
        services.restore_revision(segment, revision, form.cleaned_data["version"], request.user)
    except EditConflict:
        messages.error(
            request,
            "Someone changed this segment meanwhile; nothing was restored. Check the latest text below.",
        )
    except EditRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Restored as a new revision; the history above it is kept.")
    return redirect(history)
