"""Replace a forbidden glossary variant everywhere: the preview with per-occurrence opt-outs, and
the background job that edits each segment (annotate.services.replace)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from annotate.forms import ReplaceForm
from annotate.services.replace import start_replace_all
from corpus.access import corpus_for
from corpus.models import Corpus
from glossary.access import require_glossary_admin, term_for, term_url
from glossary.models import GlossaryTerm, TermVariant
from glossary.services.concepts import GlossaryRefused
from glossary.services.scan import replace_preview

SHOWN_PREVIEWS = 500


def replace_all(request, pk: int, term_pk: int, variant_pk: int):
    """GET: every change the replacement would make, each with an opt-out. POST: start the job."""
    corpus = corpus_for(request, pk)
    term = term_for(corpus, term_pk)
    variant = get_object_or_404(
        TermVariant, pk=variant_pk, term=term, kind=TermVariant.Kind.FORBIDDEN
    )
    require_glossary_admin(request)
    if request.method == "POST":
        return _start_replace_all(request, corpus, term, variant)
    previews = replace_preview(corpus, term, variant)
    context = {
        "corpus": corpus,
        "term": term,
        "variant": variant,
        "previews": previews[:SHOWN_PREVIEWS],
        "total": len(previews),
    }
    return render(request, "annotate/replace.html", context)


def _start_replace_all(request, corpus: Corpus, term: GlossaryTerm, variant: TermVariant):
    form = ReplaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect(
            "annotate:replace_variant", pk=corpus.pk, term_pk=term.pk, variant_pk=variant.pk
        )
    try:
        job = start_replace_all(corpus, term, variant, request.user, **form.cleaned_data)
    except GlossaryRefused as refused:
        messages.error(request, str(refused))
        return redirect(term_url(corpus, term))
    if request.htmx:
        return render(request, "corpus/_job.html", {"job": job})
    messages.success(
        request, f"Replacing “{variant.text}” in {job.total} segment(s); progress below."
    )
    return redirect(term_url(corpus, term))
