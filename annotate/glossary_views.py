"""Glossary screens and the endpoints the review screen calls. Same shape as the other views:
fetch what the user may see (404 otherwise), check the role (403), validate a form, call one
service, render or redirect.

Who changes what: glossary admins create, edit, approve, deprecate, import and replace
everywhere; translators (and glossary admins) propose drafts from a span; linking a span to a
concept is a span edit (translators, reviewers, project admins). Everyone else reads.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from annotate import glossary_scan, glossary_services
from annotate.glossary_forms import (
    ImportForm,
    LinkForm,
    NewTermForm,
    ProposeForm,
    ReplaceForm,
    TermForm,
)
from annotate.glossary_services import GlossaryRefused
from annotate.models import GlossaryTerm, Job, Span, TermChange, TermVariant
from corpus import roles
from corpus.models import Corpus, Segment

PAGE = 100
SHOWN_OCCURRENCES = 300
SHOWN_PREVIEWS = 500


def _corpus(request, pk: int) -> Corpus:
    return get_object_or_404(Corpus.objects.visible_to(request.user), pk=pk)


def _term(corpus: Corpus, pk: int) -> GlossaryTerm:
    return get_object_or_404(GlossaryTerm.objects.in_scope(corpus).select_related("corpus"), pk=pk)


def _require_admin(request) -> None:
    if not roles.can_edit_glossary(request.user):
        raise PermissionDenied("Only glossary admins change the glossary.")


def _term_url(corpus: Corpus, term: GlossaryTerm) -> str:
    return reverse("glossary:term", args=[corpus.pk, term.pk])


def index(request):
    corpus = Corpus.objects.visible_to(request.user).first()
    if corpus is None:
        return render(request, "annotate/glossary/list.html", {"corpus": None})
    return redirect("glossary:list", pk=corpus.pk)


def term_list(request, pk: int):
    corpus = _corpus(request, pk)
    query = request.GET.get("q", "").strip()[:200]
    status = (
        request.GET.get("status", "")
        if request.GET.get("status") in GlossaryTerm.Status.values
        else ""
    )
    terms = GlossaryTerm.objects.in_scope(corpus).prefetch_related(
        Prefetch("variants", TermVariant.objects.order_by("kind", "id"))
    )
    if status:
        terms = terms.filter(status=status)
    if query:
        hits = {hit["term_id"]: hit for hit in glossary_services.search(corpus, query, limit=PAGE)}
        found = {term.pk: term for term in terms.filter(pk__in=list(hits))}
        page = [found[term_id] for term_id in hits if term_id in found]
        for term in page:
            term.hit = hits[term.pk]
    else:
        page = Paginator(terms.order_by("preferred", "id"), PAGE).get_page(request.GET.get("page"))
    context = {
        "corpus": corpus,
        "terms": page,
        "query": query,
        "status": status,
        "statuses": GlossaryTerm.Status.choices,
        "corpora": Corpus.objects.visible_to(request.user),
        "can_admin": roles.can_edit_glossary(request.user),
        "import_form": ImportForm(),
    }
    template = "annotate/glossary/list.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


def term_new(request, pk: int):
    corpus = _corpus(request, pk)
    _require_admin(request)
    form = NewTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scope = corpus if form.cleaned_data["scope"] == "corpus" else None
        try:
            term = glossary_services.create_term(
                request.user, corpus=scope, **form.term_fields(), **form.variants()
            )
        except GlossaryRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Concept “{term.preferred}” created.")
            return redirect(_term_url(corpus, term))
    return render(
        request, "annotate/glossary/form.html", {"corpus": corpus, "form": form, "term": None}
    )


def term_detail(request, pk: int, term_pk: int):
    corpus = _corpus(request, pk)
    return _term_page(request, corpus, _term(corpus, term_pk), occurrences=None)


def _term_page(request, corpus: Corpus, term: GlossaryTerm, **extra):
    context = {
        "corpus": corpus,
        "term": term,
        "variants": list(term.variants.order_by("kind", "id")),
        "changes": term.changes.select_related("user").order_by("-id"),
        # Jobs name no concept, so only the corpus's running replacements are shown, as a warning.
        "jobs": Job.objects.filter(
            corpus=corpus,
            kind=Job.Kind.REPLACE_ALL,
            state__in=[Job.State.QUEUED, Job.State.RUNNING],
        ),
        "can_admin": roles.can_edit_glossary(request.user),
        "label": term.label_in(corpus),
        **extra,
    }
    return render(request, "annotate/glossary/term.html", context)


def term_concordance(request, pk: int, term_pk: int):
    """Keyword in context. The concept page loads it afterwards (HTMX): it scans the corpus."""
    corpus = _corpus(request, pk)
    term = _term(corpus, term_pk)
    occurrences = glossary_scan.concordance(corpus, term)
    counts = {
        kind: sum(o.kind == kind for o in occurrences)
        for kind in ("preferred", "admitted", "forbidden")
    }
    found = {
        "occurrences": occurrences[:SHOWN_OCCURRENCES],
        "total": len(occurrences),
        "counts": counts,
    }
    if request.htmx:
        return render(
            request,
            "annotate/glossary/term.html#concordance",
            {"corpus": corpus, "term": term, **found},
        )
    return _term_page(request, corpus, term, **found)


def term_edit(request, pk: int, term_pk: int):
    corpus = _corpus(request, pk)
    term = _term(corpus, term_pk)
    _require_admin(request)
    form = TermForm(request.POST) if request.method == "POST" else TermForm.for_term(term)
    if request.method == "POST" and form.is_valid():
        try:
            glossary_services.update_term(
                term, request.user, **form.term_fields(), **form.variants()
            )
        except GlossaryRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Saved; the change is in the history below.")
            return redirect(_term_url(corpus, term))
    return render(
        request, "annotate/glossary/form.html", {"corpus": corpus, "form": form, "term": term}
    )


@require_POST
def term_status(request, pk: int, term_pk: int, action: str):
    corpus = _corpus(request, pk)
    term = _term(corpus, term_pk)
    _require_admin(request)
    change = (
        glossary_services.approve_term
        if action == TermChange.Action.APPROVED
        else glossary_services.deprecate_term
    )
    try:
        change(term, request.user)
    except GlossaryRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"“{term.preferred}” {action}.")
    return redirect(_term_url(corpus, term))


def replace_all(request, pk: int, term_pk: int, variant_pk: int):
    """GET: every change the replacement would make, each with an opt-out. POST: start the job."""
    corpus = _corpus(request, pk)
    term = _term(corpus, term_pk)
    variant = get_object_or_404(
        TermVariant, pk=variant_pk, term=term, kind=TermVariant.Kind.FORBIDDEN
    )
    _require_admin(request)
    if request.method == "POST":
        return _start_replace_all(request, corpus, term, variant)
    previews = glossary_scan.replace_preview(corpus, term, variant)
    context = {
        "corpus": corpus,
        "term": term,
        "variant": variant,
        "previews": previews[:SHOWN_PREVIEWS],
        "total": len(previews),
    }
    return render(request, "annotate/glossary/replace.html", context)


def _start_replace_all(request, corpus: Corpus, term: GlossaryTerm, variant: TermVariant):
    form = ReplaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("glossary:replace", pk=corpus.pk, term_pk=term.pk, variant_pk=variant.pk)
    try:
        job = glossary_scan.start_replace_all(
            corpus, term, variant, request.user, **form.cleaned_data
        )
    except GlossaryRefused as refused:
        messages.error(request, str(refused))
        return redirect(_term_url(corpus, term))
    if request.htmx:
        return render(request, "annotate/_job.html", {"job": job})
    messages.success(
        request, f"Replacing “{variant.text}” in {job.total} segment(s); progress below."
    )
    return redirect(_term_url(corpus, term))


@require_POST
def import_glossary(request, pk: int):
    corpus = _corpus(request, pk)
    _require_admin(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("glossary:list", pk=corpus.pk)
    upload = form.cleaned_data["file"]
    scope = corpus if form.cleaned_data["scope"] == "corpus" else None
    try:
        result = glossary_services.import_file(
            scope, upload.read(), upload.glossary_format, request.user
        )
    except GlossaryRefused as refused:
        messages.error(request, f"{upload.name}: {refused}")
    else:
        messages.success(
            request,
            f"{upload.name}: {result.created} concept(s) added, {result.updated} updated, {result.unchanged} unchanged.",
        )
    return redirect("glossary:list", pk=corpus.pk)


@require_GET
def export_glossary(request, pk: int, fmt: str):
    corpus = _corpus(request, pk)
    if fmt == "tbx":
        response = HttpResponse(
            glossary_services.export_tbx(corpus), content_type="application/x-tbx+xml"
        )
    else:
        response = HttpResponse(
            glossary_services.export_csv(corpus).encode("utf-8"),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="glossary-{corpus.pk}.{fmt}"'
    return response


# --- endpoints for the review screen ---------------------------------------------------------------


def _span_for(request, pk: int) -> Span:
    visible = Segment.objects.visible_to(request.user)
    return get_object_or_404(
        Span.objects.select_related("segment__document", "label"), pk=pk, segment__in=visible
    )


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
        return JsonResponse({"error": "Select a marked span to propose."}, status=422)
    span = _span_for(request, form.cleaned_data["span"])
    if not (
        roles.TRANSLATOR in roles.roles_of(request.user) or roles.can_edit_glossary(request.user)
    ):
        raise PermissionDenied("Only translators propose glossary terms.")
    try:
        term = glossary_services.propose_draft(span, request.user, form.cleaned_data["note"])
    except GlossaryRefused as refused:
        return JsonResponse({"error": str(refused)}, status=422)
    corpus_id = span.segment.document.corpus_id
    if request.htmx:
        return render(
            request,
            "annotate/glossary/_proposed.html",
            {"term": term, "corpus_id": corpus_id},
            status=201,
        )
    return JsonResponse(_term_json(term, corpus_id, span_id=span.pk), status=201)


@require_POST
def link(request):
    form = LinkForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": "Choose a span and a concept."}, status=422)
    span = _span_for(request, form.cleaned_data["span"])
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers link spans.")
    corpus_id = span.segment.document.corpus_id
    term = None
    if form.cleaned_data["term"]:
        term = get_object_or_404(
            GlossaryTerm.objects.in_scope(corpus_id), pk=form.cleaned_data["term"]
        )
    try:
        glossary_services.link_span(span, term, request.user)
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
    corpus = _corpus(request, corpus_id)
    limit_text = request.GET.get("limit", "")
    limit = min(int(limit_text), 50) if limit_text.isdigit() and int(limit_text) > 0 else 10
    query = request.GET.get("q", "")[:200]
    hits = glossary_services.search(corpus, query, limit=limit)
    return render(request, "annotate/glossary/_link_hits.html", {"hits": hits, "query": query})
