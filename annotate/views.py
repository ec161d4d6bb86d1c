"""The review screen: one document, segment by segment. HTMX swaps one segment at a time.

Each view: fetch what the user may see (404 otherwise), check the role, validate a form, call one
service, render the segment fragment (HTMX) or redirect back to the page (plain form posts).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from corpus import roles, services
from corpus.forms import SegmentEditForm, SplitForm, VersionForm
from corpus.models import Document, Revision, Segment
from corpus.text.diff import word_diff

REVIEW = "annotate/review.html"


def _document_for(request, pk: int) -> Document:
    return get_object_or_404(Document.objects.visible_to(request.user).select_related("corpus"), pk=pk)


def _segment_for(request, pk: int) -> Segment:
    return get_object_or_404(Segment.objects.visible_to(request.user).select_related("document"), pk=pk)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def document_review(request, pk: int):
    document = _document_for(request, pk)
    status = request.GET.get("status", "")
    segments = document.segments.all()
    if status in Segment.Status.values:
        segments = segments.filter(status=status)
    else:
        status = ""
    before = _int_or_none(request.GET.get("before"))
    if request.GET.get("page") == "last":
        before = 2**62
    page, has_previous, has_next = segments.page(
        after=_int_or_none(request.GET.get("after")), before=before, size=_page_size()
    )
    counts = dict(document.segments.values_list("status").annotate(n=Count("id")).order_by())
    context = {
        "document": document,
        "segments": page,
        "has_previous": has_previous,
        "has_next": has_next,
        "status": status,
        "status_counts": [(value, label, counts.get(value, 0)) for value, label in Segment.Status.choices],
        "total": sum(counts.values()),
        **_permissions(request),
    }
    return render(request, REVIEW, context)


def _page_size() -> int:
    from django.conf import settings

    return settings.REDLINE_PAGE_SIZE


def _permissions(request) -> dict:
    return {"can_edit": roles.can_edit(request.user), "can_review": roles.can_review(request.user)}


def _fragment(request, segment: Segment, *, partial: str = "segment", status: int = 200, **extra):
    context = {"segment": segment, **_permissions(request), **extra}
    return render(request, f"{REVIEW}#{partial}", context, status=status)


def _done(request, segment: Segment, *, error: str = "", status: int = 200, partial: str = "segment", **extra):
    """HTMX gets the fragment; a plain form post goes back to the page, at the segment."""
    if request.htmx:
        return _fragment(request, segment, partial=partial, status=status, error=error, **extra)
    if error:
        messages.error(request, error)
    return redirect(reverse("annotate:document_review", args=[segment.document_id]) + f"#seg-{segment.pk}")


def segment_detail(request, pk: int):
    return _fragment(request, _segment_for(request, pk))


def segment_edit(request, pk: int):
    segment = _segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers edit segments.")
    if request.method != "POST":
        form = SegmentEditForm(initial={"text": segment.text, "version": segment.version})
        return _fragment(request, segment, partial="segment-edit", form=form)
    form = SegmentEditForm(request.POST)
    if not form.is_valid():
        return _done(request, segment, error="The edit was incomplete; reload the segment.", status=422)
    try:
        change = services.edit_segment(segment, form.cleaned_data["text"], form.cleaned_data["version"], request.user)
    except services.EditConflict as conflict:
        return _conflict(request, conflict.current, form.cleaned_data["text"])
    except services.EditRefused as refused:
        return _done(request, segment, partial="segment-edit", form=form, error=str(refused), status=422)
    return _done(request, change.segment)


def _conflict(request, current: Segment, mine: str):
    """The second save of a segment: show both texts and the difference; overwrite nothing."""
    context = {"mine": mine, "diff": word_diff(current.text, mine)}
    if request.htmx:
        return _fragment(request, current, partial="conflict", status=409, **context)
    return render(request, "annotate/conflict_page.html", {"segment": current, **context}, status=409)


CHANGED_MEANWHILE = "Someone changed this segment meanwhile; nothing was saved. Check it again."


def _guarded(request, segment: Segment, form, call, missing: str):
    """Run one service call. Returns (result, None), or (None, response) naming what was wrong."""
    if not form.is_valid():
        return None, _done(request, segment, error=missing, status=422)
    try:
        return call(form.cleaned_data), None
    except services.EditConflict as conflict:
        return None, _done(request, conflict.current, error=CHANGED_MEANWHILE, status=409)
    except services.EditRefused as refused:
        return None, _done(request, segment, error=str(refused), status=422)


@require_POST
def segment_status(request, pk: int, status: str):
    segment = _segment_for(request, pk)
    if not roles.can_review(request.user):
        raise PermissionDenied("Only reviewers approve or reject segments.")
    call = lambda data: services.set_status(segment, status, data["version"], request.user)  # noqa: E731
    change, refusal = _guarded(request, segment, VersionForm(request.POST), call, "The request had no segment version.")
    return refusal or _done(request, change.segment)


@require_POST
def segment_merge(request, pk: int):
    segment = _segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers merge segments.")
    call = lambda data: services.merge_with_next(segment, data["version"], request.user)  # noqa: E731
    merge, refusal = _guarded(request, segment, VersionForm(request.POST), call, "The request had no segment version.")
    return refusal or _done(request, merge.change.segment, absorbed_id=merge.absorbed_id)


@require_POST
def segment_split(request, pk: int):
    segment = _segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers split segments.")
    call = lambda data: services.split_segment(segment, data["cut"], data["version"], request.user)  # noqa: E731
    split, refusal = _guarded(request, segment, SplitForm(request.POST), call, "Put the cursor where the segment should split.")
    if refusal:
        return refusal
    if request.htmx:
        return _fragment(request, split.left.segment, partial="split", right=split.right.segment)
    return _done(request, split.left.segment)


def segment_history(request, pk: int):
    segment = _segment_for(request, pk)
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
    context = {"segment": segment, "document": segment.document, "rows": rows[::-1], **_permissions(request)}
    return render(request, "annotate/history.html", context)


@require_POST
def segment_restore(request, pk: int, revision_pk: int | None = None):
    segment = _segment_for(request, pk)
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
    except services.EditConflict:
        messages.error(request, "Someone changed this segment meanwhile; nothing was restored. Check the latest text below.")
    except services.EditRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Restored as a new revision; the history above it is kept.")
    return redirect(history)
