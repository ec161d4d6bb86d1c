"""The review screen: one document, segment by segment. HTMX swaps one segment at a time.

Each view: fetch what the user may see (404 otherwise), check the role, validate a form, call one
service, render the segment fragment (HTMX) or redirect back to the page (plain form posts).
"""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render

from annotate.models import Span, commented_segments, review_segments
from annotate.services import findings
from annotate.views.common import (
    SEGMENT_FORMS,
    attach_glossary,
    page_size,
    permissions,
    segment_extras,
)
from corpus.models import Document, Segment

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


def document_review(request, pk: int):
    documents = Document.objects.visible_to(request.user).select_related("corpus")
    document = get_object_or_404(documents.without_texts(), pk=pk)
    status = (
        request.GET.get("status", "") if request.GET.get("status") in Segment.Status.values else ""
    )
    spans = request.GET.get("spans", "") if request.GET.get("spans") in SPAN_FILTERS else ""
    check = request.GET.get("check", "")[:40]
    # Imported documents are checked the first time they are opened: a long one by the worker,
    # in batches, and the page on screen at once (read again to show its fresh findings).
    findings.ensure_checked(document)
    comments = "open" if request.GET.get("comments") == "open" else ""
    segments = review_segments(document).prefetch_related(*segment_extras())
    span_state = SPAN_FILTERS[spans][1] if spans else ""
    filtered = segments.filtered(
        status=status, span_state=span_state, check=check, open_comments=bool(comments)
    )
    where = {
        "after": _int_or_none(request.GET.get("after")),
        "before": _int_or_none(request.GET.get("before")),
        "last": request.GET.get("page") == "last",
        "size": page_size(),
    }
    page, has_previous, has_next = filtered.page(**where)
    if findings.check_page(document, page):
        page, has_previous, has_next = filtered.page(**where)
    for segment in page:
        segment.document = document  # the template reads its languages: no query per segment
    attach_glossary(page, document.corpus_id)
    context = {
        "document": document,
        "segments": page,
        "has_previous": has_previous,
        "has_next": has_next,
        "status": status,
        "spans": spans,
        "check": check,
        "comments": comments,
        "open_comments": commented_segments(document),
        "query": urlencode(
            [
                (k, v)
                for k, v in (
                    ("status", status),
                    ("spans", spans),
                    ("check", check),
                    ("comments", comments),
                )
                if v
            ]
        ),
        "status_counts": [
            (value, label, document.status_counts.get(value, 0))
            for value, label in Segment.Status.choices
        ],
        # Spans, not segments, in that state: the stored counters cost the same at any size.
        "span_counts": [
            (key, label, document.span_counts.get(state, 0))
            for key, (label, state) in SPAN_FILTERS.items()
        ],
        "total": document.segment_count,
        # Labels with a key first, in key order; the rest after them.
        "labels": sorted(
            document.corpus.labels.all(),
            key=lambda label: (not label.shortcut, label.shortcut, label.key),
        ),
        **permissions(request),
        **SEGMENT_FORMS,
    }
    return render(request, "annotate/review.html", context)
