"""Segments: filtered keyset listing per document or corpus, edit with the version (409 with both
texts on a conflict), approve and reject. The review screen's services, unchanged."""

from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from annotate.models import ReviewSegments, Span
from annotate.services import findings
from annotate.services.edits import edit_segment
from annotate.services.reviews import decide
from annotate.views.common import refreshed, segment_for, shown_spans
from annotate.views.segments import numbers_changed
from api.access import require
from api.pagination import KeysetPagination
from api.problems import problem
from api.serializers import SegmentEditSerializer, SegmentSerializer, VersionSerializer
from api.views.corpora import page_of
from corpus import roles
from corpus.access import corpus_for, document_for
from corpus.effort import Effort
from corpus.models import Segment

SEGMENT_PAGE = page_of(SegmentSerializer, "SegmentPage")


class SegmentFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=Segment.Status.choices, required=False)
    check = serializers.CharField(
        max_length=40,
        required=False,
        help_text=gettext_lazy("Segments with an open finding of this check."),
    )
    span_state = serializers.ChoiceField(
        choices=Span.State.choices,
        required=False,
        help_text=gettext_lazy("Segments with at least one span in this state."),
    )
    updated_since = serializers.DateTimeField(required=False, help_text=gettext_lazy("ISO 8601."))
    cursor = serializers.CharField(
        required=False, help_text=gettext_lazy("From the previous page's next.")
    )


def _listing(request, segments, keys: tuple[str, ...]):
    filters = SegmentFilters(data=request.query_params)
    filters.is_valid(raise_exception=True)
    given = filters.validated_data
    segments = segments.filtered(
        status=given.get("status", ""),
        span_state=given.get("span_state", ""),
        check=given.get("check", ""),
    )
    if "updated_since" in given:
        segments = segments.filter(updated_at__gte=given["updated_since"])
    pages = KeysetPagination(keys)
    rows = pages.page(request, segments.prefetch_related(shown_spans()))
    return pages.response(SegmentSerializer(rows, many=True).data)


@extend_schema(parameters=[SegmentFilters], responses=SEGMENT_PAGE)
@api_view(["GET"])
def document_segments(request, pk: int):
    """A document's segments in order; any page costs the same queries, however deep."""
    document = document_for(request, pk)
    findings.ensure_checked(document)  # as the review screen does on opening a document
    return _listing(request, ReviewSegments(Segment).filter(document=document), ("position",))


@extend_schema(parameters=[SegmentFilters], responses=SEGMENT_PAGE)
@api_view(["GET"])
def corpus_segments(request, pk: int):
    """Every segment of a corpus, in (document, position) order; e.g. status=approved and
    updated_since for what changed since the last pull."""
    corpus = corpus_for(request, pk)
    segments = ReviewSegments(Segment).filter(document__corpus=corpus)
    return _listing(request, segments, ("document_id", "position"))


@extend_schema(methods=["GET"], responses=SegmentSerializer)
@extend_schema(
    methods=["PATCH"],
    request=SegmentEditSerializer,
    responses=SegmentSerializer,
    description="Edit the text; send the version you read. A stale version answers 409 with "
    "the current text and yours, and saves nothing.",
)
@api_view(["GET", "PATCH"])
def segment_detail(request, pk: int):
    segment = segment_for(request, pk)
    if request.method == "PATCH":
        require(
            roles.can_edit(request.user), gettext("Only translators and reviewers edit segments.")
        )
        form = SegmentEditSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        effort = Effort.given(data.get("edit_time_ms"), data.get("first_key_ms"))
        changed = numbers_changed(segment, data["text"])
        if changed and not data["confirm"]:
            # The review screen asks the same: a lost or new figure must be confirmed.
            detail = f"The edit changes the MT's figures: {'; '.join(changed)}. Send confirm=true to save it anyway."
            return problem(422, detail, request, numbers=changed)
        segment = edit_segment(
            segment, data["text"], data["version"], request.user, effort=effort
        ).segment
        segment = refreshed(segment)
    return Response(SegmentSerializer(segment).data)


def _decide(request, pk: int, status: str):
    segment = segment_for(request, pk)
    require(roles.can_review(request.user), gettext("Only reviewers approve or reject segments."))
    form = VersionSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    # The screen's service: the decision is logged for undo like one made on the screen.
    change = decide(segment, status, form.validated_data["version"], request.user)
    return Response(SegmentSerializer(refreshed(change.segment)).data)


@extend_schema(request=VersionSerializer, responses=SegmentSerializer)
@api_view(["POST"])
def segment_approve(request, pk: int):
    return _decide(request, pk, Segment.Status.APPROVED)


@extend_schema(request=VersionSerializer, responses=SegmentSerializer)
@api_view(["POST"])
def segment_reject(request, pk: int):
    return _decide(request, pk, Segment.Status.REJECTED)
