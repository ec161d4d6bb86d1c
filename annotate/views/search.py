"""Find over a corpus (or one document, from the review screen's `/`): keyword-in-context hits
with counts, a page at a time, each linking to its segment on the review page that holds it."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from annotate.forms import SearchForm
from annotate.views.common import permissions
from corpus.access import corpus_for
from corpus.models import Corpus, Document
from corpus.services.search import count, search_page

PAGE = "annotate/search.html"


@require_GET
def search_index(request):
    """The top bar's Search: the user's first corpus (the page switches between them)."""
    corpus = Corpus.objects.visible_to(request.user).first()
    if corpus is None:
        return render(request, PAGE, {"corpus": None, "form": SearchForm()})
    return redirect("annotate:corpus_search", pk=corpus.pk)


def _document(corpus: Corpus, form: SearchForm) -> Document | None:
    document_id = form.cleaned_data.get("doc") if form.is_valid() else None
    if document_id is None:
        return None
    return get_object_or_404(Document.objects, pk=document_id, corpus=corpus)


@require_GET
def corpus_search(request, pk: int):
    corpus = corpus_for(request, pk)
    form = SearchForm(request.GET or None, initial={"word": False})
    context = {
        "corpus": corpus,
        "form": form,
        "corpora": Corpus.objects.visible_to(request.user).only("pk", "name"),
        **permissions(request),
    }
    if form.is_valid():
        data = form.cleaned_data
        document = _document(corpus, form)
        page = search_page(
            corpus.pk, data["query"], document_id=document and document.pk, after=data["after"]
        )
        context.update(page=page, document=document, params=form.params(after=None))
        if page.next_after:
            context["next_params"] = form.params(after=page.next_after)
    if request.htmx and not request.htmx.boosted:
        return render(request, f"{PAGE}#results", context)
    return render(request, PAGE, context)


@require_GET
def search_counts(request, pk: int):
    """Occurrences and segments over the whole corpus (or document), loaded after the first page
    so the hits show at once however common the word."""
    corpus = corpus_for(request, pk)
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, f"{PAGE}#counts", {"counts": None})
    document = _document(corpus, form)
    counts = count(corpus.pk, form.cleaned_data["query"], document_id=document and document.pk)
    return render(request, f"{PAGE}#counts", {"counts": counts, "document": document})
