"""The review screen: one document, segment by segment. HTMX swaps one segment at a time.

Each view: fetch what the user may see (404 otherwise), check the role, validate a form, call one
service, render the segment fragment (HTMX) or redirect back to the page (plain form posts).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext, gettext_lazy

from annotate.models import Span, open_comment_segments, review_segments
from annotate.services import findings, recheck
from annotate.views.common import (
    SEGMENT_FORMS,
    active_findings,
    attach_glossary,
    filter_query,
    page_notes,
    page_size,
    permissions,
    shown_spans,
)
from annotate.views.findings import TITLES, summary_context
from corpus.i18n import localize
from corpus.models import Document, Segment
from glossary.services import cache as glossary_cache

# Filters on what a segment's spans need, beside the status filter.
SPAN_FILTERS = {
    "needs-review": (gettext_lazy("Needs review"), Span.State.NEEDS_REVIEW),
    "suggested": (gettext_lazy("Suggestions"), Span.State.SUGGESTED),
}


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _chips(chosen: dict, name: str, choices) -> list[dict]:
    """A filter's chips; each keeps the other filters, and the one that is on takes itself off."""
    return [
        {
            "value": value,
            "label": label,
            "count": count,
            "on": chosen[name] == value,
            "href": "?" + filter_query(chosen, **{name: None if chosen[name] == value else value}),
        }
        for value, label, count in choices
    ]


def _active(chosen: dict) -> list[dict]:
    """The filters that are set, as removable chips (what, which, the link without it)."""
    names = {
        "status": (gettext("Status"), dict(Segment.Status.choices)),
        "spans": (gettext("Spans"), {key: label for key, (label, _) in SPAN_FILTERS.items()}),
        "check": (gettext("Check"), {key: localize(title) for key, (title, _) in TITLES.items()}),
        "comments": (gettext("Comments"), {"open": gettext("open")}),
    }
    return [
        {
            "what": names[name][0],
            "which": names[name][1].get(value, value),
            "href": "?" + filter_query(chosen, **{name: None}),
        }
        for name, value in chosen.items()
        if value
    ]


def _holding_page(document: Document, segment_id: int | None, where: dict) -> int | None:
    """A link to one segment (?segment=<id>, from its history, a finding, a search hit) opens the
    page that starts at it, whatever page the link came from; the page focuses it."""
    if segment_id is None:
        return None
    position = (
        Segment.objects.filter(document=document, pk=segment_id)
        .values_list("position", flat=True)
        .first()
    )
    if position is None:
        return None
    where.update(after=position - 1, before=None, last=False)
    return segment_id


def _chosen(request) -> dict:
    """The filters a review page's query string sets (anything unknown is ignored)."""
    status = request.GET.get("status", "")
    return {
        "status": status if status in Segment.Status.values else "",
        "spans": request.GET.get("spans", "") if request.GET.get("spans") in SPAN_FILTERS else "",
        "check": request.GET.get("check", "")[:40],
        "comments": "open" if request.GET.get("comments") == "open" else "",
    }


def _filter_chips(document: Document, chosen: dict) -> dict:
    """The filter bar's chips and counts, from the document's stored counters (the same cost at
    any size): what the page shows, and what a write's answer refreshes (document_counts)."""
    return {
        "query": filter_query(chosen),
        "filters_set": any(chosen.values()),
        "status_counts": _chips(
            chosen,
            "status",
            [(v, label, document.status_counts.get(v, 0)) for v, label in Segment.Status.choices],
        ),
        # Spans, not segments, in that state: the stored counters cost the same at any size.
        "span_counts": _chips(
            chosen,
            "spans",
            [
                (k, label, document.span_counts.get(st, 0))
                for k, (label, st) in SPAN_FILTERS.items()
            ],
        ),
        "comment_counts": _chips(
            chosen, "comments", [("open", gettext("Open comments"), document.open_comments)]
        ),
        "total": document.segment_count,
    }


def _documents(request):
    documents = Document.objects.visible_to(request.user).select_related("corpus")
    return documents.annotate(open_comments=open_comment_segments())


def document_counts(request, pk: int):
    """The filter bar, with the findings summary swapped out of band, counts fresh: the review
    page asks for it after its changes (the redline-changed event a write's answer carries), so
    neither goes stale. One request, not one per panel: it runs beside the reviewer's next key,
    and two requests at once took both workers of a small server from that key's request."""
    document = get_object_or_404(_documents(request), pk=pk)
    context = {"document": document, **_filter_chips(document, _chosen(request))}
    bar = render_to_string("annotate/review.html#filters", context, request)
    summary = {**summary_context(request, document), "oob": True}
    return HttpResponse(bar + render_to_string("annotate/_findings_summary.html", summary, request))


def document_review(request, pk: int):
    documents = glossary_cache.with_state(recheck.with_glossary_seen(_documents(request)))
    document = get_object_or_404(documents, pk=pk)
    chosen = _chosen(request)
    status, spans, check = chosen["status"], chosen["spans"], chosen["check"]
    # Imported documents are checked the first time they are opened: a long one by the worker,
    # in batches, and the page on screen at once (read again to show its fresh findings).
    recheck.ensure_glossary_checked(document.corpus, document.glossary_seen)
    findings.ensure_checked(document)
    segments = review_segments(document).prefetch_related(shown_spans(), active_findings())
    span_state = SPAN_FILTERS[spans][1] if spans else ""
    filtered = segments.filtered(
        status=status, span_state=span_state, check=check, open_comments=bool(chosen["comments"])
    )
    where = {
        "after": _int_or_none(request.GET.get("after")),
        "before": _int_or_none(request.GET.get("before")),
        "last": request.GET.get("page") == "last",
        "size": page_size(),
    }
    focus = _holding_page(document, _int_or_none(request.GET.get("segment")), where)
    page, has_previous, has_next = filtered.page(**where)
    if findings.check_page(document, page):
        page, has_previous, has_next = filtered.page(**where)
    for segment in page:
        segment.document = document  # the template reads its languages: no query per segment
    page_notes(page)
    attach_glossary(page, document.corpus_id, glossary_cache.state_of(document))
    context = {
        "document": document,
        "segments": page,
        "has_previous": has_previous,
        "has_next": has_next,
        "status": status,
        "spans": spans,
        "check": check,
        "check_title": localize(TITLES.get(check, (check,))[0]),
        **_filter_chips(document, chosen),
        "active_filters": _active(chosen),
        "focus": focus,
        # Labels with a key first, in key order; the rest after them.
        "labels": sorted(
            document.corpus.labels.all(),
            key=lambda label: (not label.shortcut, label.shortcut, label.key),
        ),
        **permissions(request),
        **SEGMENT_FORMS,
    }
    return render(request, "annotate/review.html", context)
