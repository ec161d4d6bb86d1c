"""Corpus list, corpus page and import. Thin: permission check, form, one service call, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from corpus import roles
from corpus.access import corpus_for
from corpus.forms import ImportForm
from corpus.models import Corpus, ImportBatch, ImportItem, Job
from corpus.services import EditRefused, workers
from corpus.services.assignments import my_work
from corpus.services.imports import parse_files, stage_import


def corpus_list(request):
    visible = Corpus.objects.visible_to(request.user)
    can_manage = roles.can_manage(request.user)
    context = {
        # Aggregating queries ignore Meta.ordering: the order is asked for here.
        "corpora": visible.active().with_progress().order_by("name"),
        "can_manage": can_manage,
        # Archived corpora leave the list; their admins still find them here, to unarchive.
        "archived": visible.filter(archived_at__isnull=False) if can_manage else (),
        "my_work": my_work(request.user),
        "can_review": roles.can_review(request.user),
    }
    return render(request, "corpus/corpus_list.html", context)


def corpus_detail(request, pk: int):
    corpus = corpus_for(request, pk)
    documents = corpus.documents.listed().order_by("title", "id")
    context = {
        "corpus": corpus,
        "documents": documents,
        "batches": _recent_batches(corpus),
        "form": ImportForm(),
        "can_import": roles.can_manage(request.user) and not corpus.archived,
        "can_manage": roles.can_manage(request.user),
        "can_review": roles.can_review(request.user),
        "missing_worker_since": workers.missing_worker_since(),
    }
    return render(request, "corpus/corpus_detail.html", context)


def _batches(corpus: Corpus):
    # The staged texts and units can be megabytes; the progress list needs only names and states.
    items = Prefetch("items", queryset=ImportItem.objects.defer("text", "staged_units"))
    return corpus.import_batches.prefetch_related(items)


def _recent_batches(corpus: Corpus):
    return list(_batches(corpus).order_by("-created_at")[:5])


@require_POST
def import_files(request, pk: int):
    corpus = corpus_for(request, pk)
    if not roles.can_manage(request.user):
        raise PermissionDenied(gettext("Only project admins import documents."))
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = "; ".join(
            f"{form[name].label}: {' '.join(e)}" for name, e in form.errors.items()
        )
        messages.error(request, gettext("Nothing imported. %(problems)s") % {"problems": problems})
        return redirect("corpus:corpus_detail", pk=corpus.pk)
    uploads = [(f.name, f.read()) for f in form.cleaned_data["files"]]
    texts, refusals = parse_files(
        corpus,
        uploads,
        allow_untranslated=form.cleaned_data["allow_untranslated"],
        source_language=form.cleaned_data["source_language"],
        target_language=form.cleaned_data["target_language"],
    )
    for refusal in refusals:
        messages.error(request, gettext("Not imported: %(refusal)s") % {"refusal": refusal})
    if texts:
        try:
            stage_import(corpus, request.user, texts)
        except EditRefused as refusal:
            messages.error(request, gettext("Nothing imported. %(refusal)s") % {"refusal": refusal})
            return redirect("corpus:corpus_detail", pk=corpus.pk)
        messages.success(
            request,
            gettext("Importing %(n_texts)s file(s); the progress bar below follows it.")
            % {"n_texts": len(texts)},
        )
    return redirect("corpus:corpus_detail", pk=corpus.pk)


def import_progress(request, pk: int, batch_pk: int):
    corpus = corpus_for(request, pk)
    batch = get_object_or_404(_batches(corpus), pk=batch_pk)
    response = render(
        request, "corpus/corpus_detail.html#import-batch", {"corpus": corpus, "batch": batch}
    )
    if batch.state in (ImportBatch.State.DONE, ImportBatch.State.FAILED):
        # The finished fragment stops polling; the document table reloads on this event.
        response["HX-Trigger"] = "import-finished"
    return response


def job_progress(request, pk: int):
    """A background job's progress bar; HTMX polls it until the job ends."""
    job = get_object_or_404(
        Job.objects.filter(corpus__in=Corpus.objects.visible_to(request.user)), pk=pk
    )
    response = render(request, "corpus/_job.html", {"job": job})
    if not job.running:
        response["HX-Trigger"] = "job-finished"
    return response
