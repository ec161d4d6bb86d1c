"""What the review views share: fetching a visible segment, and answering with its fragment.

HTMX requests get the segment fragment (with status 409/422 when something was refused);
plain form posts are redirected back to the page, at the segment, with the message.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django_htmx.http import trigger_client_event

from annotate.models import Comment, Finding, RejectReason, Span, with_comment_flag
from corpus import roles
from corpus.models import Segment
from corpus.services import EditConflict
from corpus.text.diff import word_diff
from glossary.services import cache as glossary_cache

REVIEW = "annotate/review.html"
CHANGED_MEANWHILE = gettext_lazy(
    "Someone changed this segment meanwhile; nothing was saved. Check it again."
)


def shown_spans() -> Prefetch:
    return Prefetch(
        "spans",
        queryset=Span.objects.shown().select_related("label", "term").order_by("start", "end"),
        to_attr="shown_spans",
    )


def active_findings() -> Prefetch:
    return Prefetch(
        "findings",
        queryset=Finding.objects.filter(dismissed=False).order_by("start", "end"),
        to_attr="active_findings",
    )


def page_notes(page: list[Segment]) -> list[Segment]:
    """Comments and reject reasons (latest first) for a review page or a fragment's segments,
    read only for the segments that have any (has_comments; the reason shows on rejected
    segments only): most pages have none, and then they cost no query."""
    commented = [s for s in page if s.has_comments]
    rejected = [s for s in page if s.status == Segment.Status.REJECTED]
    if commented:
        comments = Comment.objects.select_related("author", "resolved_by")
        prefetch_related_objects(commented, Prefetch("comments", comments, "comment_list"))
    if rejected:
        reasons = RejectReason.objects.select_related("revision__author").order_by("-revision_id")
        prefetch_related_objects(rejected, Prefetch("reject_reasons", reasons, "reasons"))
    # The rest have none (set after the prefetch: it skips objects that already have the attribute).
    for segment in page:
        segment.__dict__.setdefault("comment_list", [])
        segment.__dict__.setdefault("reasons", [])
    return page


def _fragment_reads(segments):
    """What a segment fragment shows, in as few queries as a page: its document with the glossary
    state (no query of its own for the matcher's check), the spans and findings; comments and
    reject reasons are then read by page_notes, only when it has some."""
    segments = with_comment_flag(segments.with_document())
    segments = glossary_cache.with_state(segments, corpus="document__corpus_id")
    return segments.prefetch_related(shown_spans(), active_findings())


def segment_reads():
    return _fragment_reads(Segment.objects.all())


def segment_for(request, pk: int) -> Segment:
    segment = get_object_or_404(_fragment_reads(Segment.objects.visible_to(request.user)), pk=pk)
    return page_notes([segment])[0]


def segment_to_change(request, pk: int) -> Segment:
    """The visible segment without the marks its fragment shows: a write that changes the text
    (a save) changes them too, so prefetching them first is wasted on the save's key-to-screen
    path. What the write leaves alone (has it comments, the glossary's state) is annotated, in
    the same query, for `after_edit`."""
    segments = with_comment_flag(Segment.objects.visible_to(request.user).with_document())
    return get_object_or_404(glossary_cache.with_state(segments, "document__corpus_id"), pk=pk)


def refreshed(segment: Segment) -> Segment:
    """The segment as stored now, with its spans, for answering after a change."""
    return page_notes([segment_reads().get(pk=segment.pk)])[0]


def kept_marks(changed: Segment, read: Segment, *, spans: bool = True) -> Segment:
    """`changed` (the row a decision or a new span wrote) with the findings, and the spans when
    `spans`, of `read` (the same segment as fetched by this request): neither changed, since the
    text did not, so the answer is drawn without reading the segment again. Key-to-screen time
    is mostly the ORM building queries; this saves three of them."""
    changed.active_findings = read.active_findings
    changed.comment_list, changed.reasons = read.comment_list, read.reasons
    glossary_cache.carry_state(read, changed)
    changed.shown_spans = (
        read.shown_spans if spans else list(shown_spans().queryset.filter(segment_id=changed.pk))
    )
    return changed


def after_edit(edited, read: Segment) -> Segment:
    """The edited segment (annotate.services.edits.Edited) as its fragment shows it, drawn from
    what the edit wrote, its spans remapped and its findings checked again, and from what `read`
    (segment_to_change) knows of its comments and the glossary: nothing is read back."""
    segment = edited.segment
    segment.shown_spans = sorted(
        (span for span in edited.spans if span.state != Span.State.REJECTED),
        key=lambda span: (span.start, span.end),
    )
    segment.active_findings = sorted(
        (finding for finding in edited.findings if not finding.dismissed),
        key=lambda finding: (finding.start, finding.end),
    )
    segment.has_comments = read.has_comments
    glossary_cache.carry_state(read, segment)
    return page_notes([segment])[0]


def attach_glossary(segments, corpus_id: int, state: tuple[tuple, bool] | None = None) -> None:
    """Glossary hits per segment (for underlines and tooltips); the matcher is cached per corpus
    and checked against the glossary's ``state`` (read here unless the caller has it)."""
    matcher, info, sources = glossary_cache.review_glossary(corpus_id, state)
    for segment in segments:
        segment.glossary_hits = [
            (match, info.get(match.term_id, {})) for match in matcher.find(segment.text)
        ]
        # Concepts whose Chinese term is in the source, with their preferred English.
        segment.source_hits = [
            (start, end, sources.terms[term][0])
            for start, end, term in sources.find(segment.source_text)
        ]


# The choices and caps the segment fragment's reject and comment forms show.
SEGMENT_FORMS = {
    "reject_categories": RejectReason.Category.choices,
    "reject_severities": RejectReason.Severity.choices,
    "reject_note_max": RejectReason.MAX_LENGTH,
    "comment_max": Comment.MAX_LENGTH,
}


def permissions(request) -> dict:
    return {
        "can_edit": roles.can_edit(request.user),
        "can_review": roles.can_review(request.user),
        "can_manage": roles.can_manage(request.user),
    }


def fragment(request, segment: Segment, *, partial: str = "segment", status: int = 200, **extra):
    if not hasattr(segment, "shown_spans"):
        segment = refreshed(segment)
    attach_glossary([segment], segment.document.corpus_id, glossary_cache.state_of(segment))
    context = {"segment": segment, **permissions(request), **SEGMENT_FORMS, **extra}
    return render(request, f"{REVIEW}#{partial}", context, status=status)


def done(
    request,
    segment: Segment,
    *,
    error: str = "",
    status: int = 200,
    partial: str = "segment",
    **extra,
):
    if request.htmx:
        return changed(
            request,
            fragment(request, segment, partial=partial, status=status, error=error, **extra),
        )
    if error:
        messages.error(request, error)
    return redirect(review_url(segment))


def changed(request, response):
    """A write's HTMX answer tells the page (the redline-changed event) to fetch its filter
    counts and findings summary again, after the segment is on screen, off the key's path.
    A refused write changed nothing: its answer carries no event."""
    if request.method == "POST" and response.status_code < 400:
        trigger_client_event(response, "redline-changed", after="settle")
    return response


def review_url(segment: Segment) -> str:
    """The review page that holds the segment, with it focused (not page 1 of the document)."""
    review = reverse("annotate:document_review", args=[segment.document_id])
    return f"{review}?segment={segment.pk}#seg-{segment.pk}"


def changed_meanwhile(request, conflict: EditConflict):
    """The answer to a stale save: the segment as it is now, with a 409."""
    return done(request, conflict.current, error=CHANGED_MEANWHILE, status=409)


def conflict_view(request, current: Segment, mine: str, **extra):
    """A stale save (or undo): show both texts and the difference; overwrite nothing."""
    context = {"mine": mine, "diff": word_diff(current.text, mine), **extra}
    if request.htmx:
        return fragment(request, current, partial="conflict", status=409, **context)
    return render(
        request, "annotate/conflict_page.html", {"segment": current, **context}, status=409
    )


def refused(request, segment: Segment, reason: str):
    """The answer to a refused or incomplete request: nothing changed, a 422 saying why."""
    return done(request, segment, error=reason, status=422)


def page_size() -> int:
    return settings.REDLINE_PAGE_SIZE


# The review page's filters, each a query parameter, combined with AND. A comment filter ("open
# comments") joins as one more name here and one more argument to ReviewSegments.filtered.
FILTER_PARAMS = ("status", "spans", "check", "comments")


def filter_query(filters, **change) -> str:
    """The filters (a dict or QueryDict) with `change` applied (None drops one), urlencoded.
    Paging is left out: a changed filter starts on its first page."""
    values = {name: filters.get(name) or "" for name in FILTER_PARAMS}
    values.update(change)
    return urlencode([(name, value) for name, value in values.items() if value])
