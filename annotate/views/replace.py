"""Replace-all with a preview: every change it would make, each occurrence with an opt-out, and
the background job that edits each segment (annotate.services.replace). Two entries, one
mechanism: the find and replace page, and the glossary's "replace this forbidden variant" preset.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from annotate.forms import ReplaceForm, SearchForm
from annotate.services.replace import may_replace_in, start_replace, start_replace_all
from corpus import roles
from corpus.access import corpus_for
from corpus.i18n import localize_error
from corpus.services.search import QueryError, SearchTimeout, previews
from glossary.access import require_glossary_admin, term_for, term_url
from glossary.models import TermVariant
from glossary.services.concepts import GlossaryRefused
from glossary.services.scan import replace_preview

SHOWN_PREVIEWS = 500
PAGE = "annotate/replace.html"


def _preview_page(request, rows, more: bool, **context):
    locked = {p.segment_id for p in rows if not may_replace_in(request.user, p.status)}
    shown = rows[:SHOWN_PREVIEWS]
    more = more or len(rows) > SHOWN_PREVIEWS
    context.update(previews=shown, total=len(rows), more=more, locked=locked)
    return render(request, PAGE, context)


def _started(request, job, back: str, what: str):
    if request.htmx:
        return render(request, "corpus/_job.html", {"job": job})
    messages.success(
        request,
        gettext("Replacing %(what)s in %(job_total)s segment(s); progress below.")
        % {"what": what, "job_total": job.total},
    )
    return redirect(back)


def replace_search(request, pk: int):
    """GET: the preview of replacing a search's hits. POST: start the job on what was ticked."""
    corpus = corpus_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers replace text."))
    search = SearchForm(request.GET if request.method == "GET" else request.POST)
    back = reverse("annotate:corpus_search", args=[corpus.pk])
    if not search.is_valid():
        messages.error(request, " ".join(e for errors in search.errors.values() for e in errors))
        return redirect(back + "?" + request.GET.urlencode())
    data = search.cleaned_data
    if data["doc"] is not None:
        get_object_or_404(corpus.documents.only("pk"), pk=data["doc"])
    back += "?" + search.params(after=None)
    context = {"corpus": corpus, "search": search, "back": back, "query": data["query"]}
    context["hidden"] = search.pairs(after=None)
    context["replacement"] = data["replacement"]
    if request.method == "POST":
        form = ReplaceForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.non_field_errors()))
            return redirect(request.path + "?" + search.params(after=None))
        job = start_replace(
            corpus,
            data["query"],
            data["replacement"],
            request.user,
            document_id=data["doc"],
            **form.cleaned_data,
        )
        return _started(request, job, back, f"“{data['q']}”")
    try:
        rows, more = previews(
            corpus.pk,
            data["query"],
            data["replacement"],
            document_id=data["doc"],
            limit=SHOWN_PREVIEWS,
        )
    except (QueryError, SearchTimeout) as error:
        messages.error(request, localize_error(error))
        return redirect(back)
    return _preview_page(request, rows, more, **context)


def replace_all(request, pk: int, term_pk: int, variant_pk: int):
    """The glossary preset: a forbidden variant replaced by the preferred term everywhere."""
    corpus = corpus_for(request, pk)
    term = term_for(corpus, term_pk)
    variant = get_object_or_404(
        TermVariant, pk=variant_pk, term=term, kind=TermVariant.Kind.FORBIDDEN
    )
    require_glossary_admin(request)
    back = term_url(corpus, term)
    if request.method == "POST":
        form = ReplaceForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.non_field_errors()))
            return redirect(request.path)
        try:
            job = start_replace_all(corpus, term, variant, request.user, **form.cleaned_data)
        except GlossaryRefused as refused:
            messages.error(request, str(refused))
            return redirect(back)
        return _started(request, job, back, f"“{variant.text}”")
    rows = replace_preview(corpus, term, variant)
    return _preview_page(request, rows, False, corpus=corpus, term=term, variant=variant, back=back)
