"""The review screen's glossary endpoints: the link box's concept search, linking a span to a
concept, and proposing a draft concept from a span."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from annotate.access import span_for
from annotate.forms import LinkForm, ProposeForm
from annotate.services.linking import link_span, propose_draft
from corpus import roles
from corpus.access import corpus_for
from glossary.models import GlossaryTerm
from glossary.services.cache import search as search_concepts
from glossary.services.concepts import GlossaryRefused


def _term_json(term: GlossaryTerm, corpus_id: int, **extra) -> dict:
    url = reverse("glossary:term", args=[corpus_id, term.pk])
    return {
        "term_id": term.pk,
        "preferred": term.preferred,
        "status": term.status,
        "url": url,
        **extra,
    }


@require_POST
def propose(request):
    form = ProposeForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": gettext("Select a marked span to propose.")}, status=422)
    span = span_for(request, form.cleaned_data["span"])
    if not (
        roles.TRANSLATOR in roles.roles_of(request.user) or roles.can_edit_glossary(request.user)
    ):
        raise PermissionDenied(gettext("Only translators propose glossary terms."))
    try:
        term = propose_draft(span, request.user, form.cleaned_data["note"])
    except GlossaryRefused as refused:
        return JsonResponse({"error": str(refused)}, status=422)
    corpus_id = span.segment.document.corpus_id
    if request.htmx:
        return render(
            request,
            "annotate/_proposed.html",
            {"term": term, "corpus_id": corpus_id},
            status=201,
        )
    return JsonResponse(_term_json(term, corpus_id, span_id=span.pk), status=201)


@require_POST
def link(request):
    form = LinkForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": gettext("Choose a span and a concept.")}, status=422)
    span = span_for(request, form.cleaned_data["span"])
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers link spans."))
    corpus_id = span.segment.document.corpus_id
    term = None
    if form.cleaned_data["term"]:
        term = get_object_or_404(
            GlossaryTerm.objects.in_scope(corpus_id), pk=form.cleaned_data["term"]
        )
    try:
        link_span(span, term, request.user)
    except GlossaryRefused as refused:
        return JsonResponse({"error": str(refused)}, status=422)
    if term is None:
        return JsonResponse({"span_id": span.pk, "term_id": None})
    return JsonResponse(_term_json(term, corpus_id, span_id=span.pk))


@require_GET
def search(request):
    """The link box's list: ranked concepts as options, best first (an HTMX partial)."""
    try:
        corpus_id = int(request.GET.get("corpus", ""))
    except ValueError:
        return HttpResponseBadRequest(
            "Pass the corpus id: ?corpus=<id>&q=<text>.", content_type="text/plain"
        )
    corpus = corpus_for(request, corpus_id)
    limit_text = request.GET.get("limit", "")
    limit = min(int(limit_text), 50) if limit_text.isdigit() and int(limit_text) > 0 else 10
    query = request.GET.get("q", "")[:200]
    hits = search_concepts(corpus, query, limit=limit)
    return render(request, "annotate/_link_hits.html", {"hits": hits, "query": query})
