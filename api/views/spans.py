"""Spans: list and mark on a segment; relabel, delete, accept and reject. annotate.services.spans
does the validation (bounds, overlaps, labels of the corpus) exactly as for the review screen."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from annotate.access import span_for
from annotate.services.spans import add_span, decide_suggestion, delete_span, relabel_span
from annotate.views.common import segment_for
from api.access import label_of, require
from api.serializers import RelabelSerializer, SpanCreateSerializer, SpanSerializer
from corpus import roles

CHANGE_SPANS = gettext_lazy("Only translators and reviewers change spans.")


@extend_schema(methods=["GET"], responses=SpanSerializer(many=True))
@extend_schema(methods=["POST"], request=SpanCreateSerializer, responses={201: SpanSerializer})
@api_view(["GET", "POST"])
def segment_spans(request, pk: int):
    segment = segment_for(request, pk)
    if request.method == "GET":
        return Response(SpanSerializer(segment.shown_spans, many=True).data)
    require(roles.can_edit(request.user), CHANGE_SPANS)
    form = SpanCreateSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    label = label_of(segment.document.corpus_id, data["label"])
    span = add_span(segment, data["start"], data["end"], label, request.user, snap=data["snap"])
    return Response(SpanSerializer(span).data, status=201)


@extend_schema(methods=["GET"], responses=SpanSerializer)
@extend_schema(methods=["PATCH"], request=RelabelSerializer, responses=SpanSerializer)
@extend_schema(methods=["DELETE"], responses={204: None})
@api_view(["GET", "PATCH", "DELETE"])
def span_detail(request, pk: int):
    """Delete removes a human's span; a suggestion is remembered as rejected."""
    span = span_for(request, pk)
    if request.method == "GET":
        return Response(SpanSerializer(span).data)
    require(roles.can_edit(request.user), CHANGE_SPANS)
    if request.method == "DELETE":
        delete_span(span, request.user)
        return Response(status=204)
    form = RelabelSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    label = label_of(span.segment.document.corpus_id, form.validated_data["label"])
    return Response(SpanSerializer(relabel_span(span, label, request.user)).data)


def _decide(request, pk: int, accept: bool):
    span = span_for(request, pk)
    require(roles.can_edit(request.user), CHANGE_SPANS)
    return Response(SpanSerializer(decide_suggestion(span, accept, request.user)).data)


@extend_schema(request=None, responses=SpanSerializer)
@api_view(["POST"])
def span_accept(request, pk: int):
    return _decide(request, pk, True)


@extend_schema(request=None, responses=SpanSerializer)
@api_view(["POST"])
def span_reject(request, pk: int):
    return _decide(request, pk, False)
