"""Marking, relabelling, deleting and deciding spans; pre-annotation jobs. Same shape as views.py."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from annotate import preannotate, services
from annotate.forms import LabelForm, SpanForm
from annotate.models import Job, Label, Span
from annotate.responses import done, guarded, refreshed, segment_for
from corpus import roles
from corpus.models import Corpus, Document, Segment
from corpus.services import EditRefused


def _span_for(request, pk: int) -> Span:
    visible = Segment.objects.visible_to(request.user)
    return get_object_or_404(
        Span.objects.select_related("segment__document__corpus", "label"),
        pk=pk,
        segment__in=visible,
    )


def _label(corpus_id: int, key: str) -> Label:
    label = Label.objects.filter(corpus_id=corpus_id, key=key).first()
    if label is None:
        raise EditRefused(f"There is no label “{key}” in this corpus.")
    return label


def _require_edit(request) -> None:
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers change spans.")


@require_POST
def span_add(request, pk: int):
    segment = segment_for(request, pk)
    _require_edit(request)

    def call(data):
        label = _label(segment.document.corpus_id, data["label"])
        return services.add_span(
            segment, data["start"], data["end"], label, request.user, snap=data["snap"]
        )

    span, refusal = guarded(
        request, segment, SpanForm(request.POST), call, "Select some text, then press a label key."
    )
    return refusal or done(request, span.segment, focus_span=span.pk)


@require_POST
def span_relabel(request, pk: int):
    span = _span_for(request, pk)
    _require_edit(request)

    def call(data):
        return services.relabel_span(
            span, _label(span.segment.document.corpus_id, data["label"]), request.user
        )

    _changed, refusal = guarded(
        request, span.segment, LabelForm(request.POST), call, "Choose a label."
    )
    return refusal or done(request, span.segment, focus_span=span.pk)


@require_POST
def span_delete(request, pk: int):
    span = _span_for(request, pk)
    _require_edit(request)
    services.delete_span(span, request.user)
    return done(request, span.segment)


@require_POST
def span_decide(request, pk: int, accept: bool):
    span = _span_for(request, pk)
    _require_edit(request)
    try:
        services.decide_suggestion(span, accept, request.user)
    except EditRefused as refused:
        return done(request, span.segment, error=str(refused), status=422)
    return done(request, span.segment, focus_span=span.pk if accept else None)


@require_POST
def span_accept_all(request, pk: int):
    segment = segment_for(request, pk)
    _require_edit(request)
    services.accept_all(segment, request.user)
    return done(request, refreshed(segment))


@require_POST
def preannotate_document(request, pk: int):
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("corpus"), pk=pk
    )
    return _start(request, document.corpus, document)


@require_POST
def preannotate_corpus(request, pk: int):
    corpus = get_object_or_404(Corpus.objects.visible_to(request.user), pk=pk)
    return _start(request, corpus, None)


def _start(request, corpus: Corpus, document: Document | None):
    if not (roles.can_manage(request.user) or roles.can_review(request.user)):
        raise PermissionDenied("Only reviewers and project admins run pre-annotation.")
    job = preannotate.start_job(corpus, document, request.user)
    return render(request, "annotate/_job.html", {"job": job})


def job_progress(request, pk: int):
    job = get_object_or_404(
        Job.objects.filter(corpus__in=Corpus.objects.visible_to(request.user)), pk=pk
    )
    response = render(request, "annotate/_job.html", {"job": job})
    if not job.running:
        response["HX-Trigger"] = "job-finished"
    return response
