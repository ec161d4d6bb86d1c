"""Marking, relabelling, deleting and deciding spans; pre-annotation jobs. Same shape as views.py."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from annotate.access import span_for
from annotate.forms import LabelForm, SpanForm
from annotate.models import Label
from annotate.services import preannotate
from annotate.services.spans import (
    accept_all,
    add_span,
    decide_suggestion,
    delete_span,
    relabel_span,
)
from annotate.views.common import done, kept_marks, refreshed, refused, segment_for
from corpus import roles
from corpus.access import corpus_for
from corpus.models import Corpus, Document
from corpus.services import EditRefused


def _label(corpus_id: int, key: str) -> Label:
    label = Label.objects.filter(corpus_id=corpus_id, key=key).first()
    if label is None:
        raise EditRefused(gettext("There is no label “%(key)s” in this corpus.") % {"key": key})
    return label


def _require_edit(request) -> None:
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers change spans."))


@require_POST
def span_add(request, pk: int):
    segment = segment_for(request, pk)
    _require_edit(request)

    form = SpanForm(request.POST)
    if not form.is_valid():
        return refused(request, segment, gettext("Select some text, then press a label key."))
    data = form.cleaned_data
    try:
        label = _label(segment.document.corpus_id, data["label"])
        span = add_span(segment, data["start"], data["end"], label, request.user, snap=data["snap"])
    except EditRefused as refusal:
        return refused(request, segment, str(refusal))
    return done(request, kept_marks(span.segment, segment, spans=False), focus_span=span.pk)


@require_POST
def span_relabel(request, pk: int):
    span = span_for(request, pk)
    _require_edit(request)

    form = LabelForm(request.POST)
    if not form.is_valid():
        return refused(request, span.segment, gettext("Choose a label."))
    try:
        label = _label(span.segment.document.corpus_id, form.cleaned_data["label"])
        relabel_span(span, label, request.user)
    except EditRefused as refusal:
        return refused(request, span.segment, str(refusal))
    return done(request, span.segment, focus_span=span.pk)


@require_POST
def span_delete(request, pk: int):
    span = span_for(request, pk)
    _require_edit(request)
    delete_span(span, request.user)
    return done(request, span.segment)


@require_POST
def span_decide(request, pk: int, accept: bool):
    span = span_for(request, pk)
    _require_edit(request)
    try:
        decide_suggestion(span, accept, request.user)
    except EditRefused as refused:
        return done(request, span.segment, error=str(refused), status=422)
    return done(request, span.segment, focus_span=span.pk if accept else None)


@require_POST
def span_accept_all(request, pk: int):
    segment = segment_for(request, pk)
    _require_edit(request)
    accept_all(segment, request.user)
    return done(request, refreshed(segment))


@require_POST
def preannotate_document(request, pk: int):
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("corpus"), pk=pk
    )
    # The review page posts the ids of the segments on screen: those are done in this request.
    shown = [int(v) for v in request.POST.getlist("segment") if v.isdigit()]
    return _start(request, document.corpus, document, shown)


@require_POST
def preannotate_corpus(request, pk: int):
    corpus = corpus_for(request, pk)
    return _start(request, corpus, None)


def _start(request, corpus: Corpus, document: Document | None, shown=()):
    if not (roles.can_manage(request.user) or roles.can_review(request.user)):
        raise PermissionDenied(gettext("Only reviewers and project admins run pre-annotation."))
    try:
        done_now = preannotate.annotate_now(document, shown) if document and shown else 0
        job = preannotate.start_job(corpus, document, request.user)
    except EditRefused as refusal:
        alert = format_html('<p class="msg msg-error" role="alert">{}</p>', str(refusal))
        return HttpResponse(alert, status=422)
    response = render(request, "corpus/_job.html", {"job": job})
    if done_now:
        response["HX-Trigger"] = "page-annotated"  # the review body reloads with the suggestions
    return response
