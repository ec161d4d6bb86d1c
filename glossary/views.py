"""Glossary screens. Same shape as the other views: fetch what the user may see (404 otherwise),
check the role (403), validate a form, call one service, render or redirect.

Glossary admins create, edit, approve, deprecate and import; everyone else reads. Replacing a
forbidden variant everywhere is an edit that carries spans, so its screen is annotate's
(annotate.views.replace), as are linking and proposing from the review screen.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from corpus import roles
from corpus.access import corpus_for
from corpus.models import Corpus, Job
from glossary.access import require_glossary_admin, term_for, term_url
from glossary.forms import ImportForm, NewTermForm, TermForm
from glossary.models import GlossaryTerm, TermChange, TermVariant
from glossary.services.cache import search
from glossary.services.concepts import (
    GlossaryRefused,
    approve_term,
    create_term,
    deprecate_term,
    update_term,
)
from glossary.services.files import export_csv, export_tbx, import_file
from glossary.services.scan import concordance

PAGE = 100
SHOWN_OCCURRENCES = 300


def index(request):
    corpus = Corpus.objects.visible_to(request.user).first()
    if corpus is None:
        return render(request, "glossary/list.html", {"corpus": None})
    return redirect("glossary:list", pk=corpus.pk)


def term_list(request, pk: int):
    corpus = corpus_for(request, pk)
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
        hits = {hit["term_id"]: hit for hit in search(corpus, query, limit=PAGE)}
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
    template = "glossary/list.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


def term_new(request, pk: int):
    corpus = corpus_for(request, pk)
    require_glossary_admin(request)
    form = NewTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scope = corpus if form.cleaned_data["scope"] == "corpus" else None
        try:
            term = create_term(request.user, corpus=scope, **form.term_fields(), **form.variants())
        except GlossaryRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                gettext("Concept “%(term_preferred)s” created.")
                % {"term_preferred": term.preferred},
            )
            return redirect(term_url(corpus, term))
    return render(request, "glossary/form.html", {"corpus": corpus, "form": form, "term": None})


def term_detail(request, pk: int, term_pk: int):
    corpus = corpus_for(request, pk)
    return _term_page(request, corpus, term_for(corpus, term_pk), occurrences=None)


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
        # The key only: labels are annotate's; the corpus says whether it has one by that key.
        "has_label": bool(term.label_key) and corpus.labels.filter(key=term.label_key).exists(),
        **extra,
    }
    return render(request, "glossary/term.html", context)


def term_concordance(request, pk: int, term_pk: int):
    """Keyword in context. The concept page loads it afterwards (HTMX): it scans the corpus."""
    corpus = corpus_for(request, pk)
    term = term_for(corpus, term_pk)
    occurrences = concordance(corpus, term)
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
            "glossary/term.html#concordance",
            {"corpus": corpus, "term": term, **found},
        )
    return _term_page(request, corpus, term, **found)


def term_edit(request, pk: int, term_pk: int):
    corpus = corpus_for(request, pk)
    term = term_for(corpus, term_pk)
    require_glossary_admin(request)
    form = TermForm(request.POST) if request.method == "POST" else TermForm.for_term(term)
    if request.method == "POST" and form.is_valid():
        try:
            update_term(term, request.user, **form.term_fields(), **form.variants())
        except GlossaryRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, gettext("Saved; the change is in the history below."))
            return redirect(term_url(corpus, term))
    return render(request, "glossary/form.html", {"corpus": corpus, "form": form, "term": term})


@require_POST
def term_status(request, pk: int, term_pk: int, action: str):
    corpus = corpus_for(request, pk)
    term = term_for(corpus, term_pk)
    require_glossary_admin(request)
    change = approve_term if action == TermChange.Action.APPROVED else deprecate_term
    try:
        change(term, request.user)
    except GlossaryRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"“{term.preferred}” {action}.")
    return redirect(term_url(corpus, term))


@require_POST
def import_glossary(request, pk: int):
    corpus = corpus_for(request, pk)
    require_glossary_admin(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("glossary:list", pk=corpus.pk)
    upload = form.cleaned_data["file"]
    scope = corpus if form.cleaned_data["scope"] == "corpus" else None
    try:
        result = import_file(scope, upload.read(), upload.glossary_format, request.user)
    except GlossaryRefused as refused:
        messages.error(request, f"{upload.name}: {refused}")
    else:
        messages.success(
            request,
            gettext(
                "%(upload_name)s: %(result_created)s concept(s) added, %(result_updated)s updated, %(result_unchanged)s unchanged."
            )
            % {
                "upload_name": upload.name,
                "result_created": result.created,
                "result_updated": result.updated,
                "result_unchanged": result.unchanged,
            },
        )
    return redirect("glossary:list", pk=corpus.pk)


@require_GET
def export_glossary(request, pk: int, fmt: str):
    corpus = corpus_for(request, pk)
    if fmt == "tbx":
        response = HttpResponse(export_tbx(corpus), content_type="application/x-tbx+xml")
    else:
        response = HttpResponse(
            export_csv(corpus).encode("utf-8"),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="glossary-{corpus.pk}.{fmt}"'
    return response
