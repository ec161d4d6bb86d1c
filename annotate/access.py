"""Fetch a span or finding the user may see (its segment in a corpus they are a member of), or
404: one helper per object kind, used by the review screen's views and the API alike. The
document's imported file is never loaded for an action on one span or finding."""

from django.shortcuts import get_object_or_404

from annotate.models import Finding, Span
from corpus.models import Segment


def span_for(request, pk: int) -> Span:
    return get_object_or_404(
        Span.objects.select_related("segment__document__corpus", "label"),
        pk=pk,
        segment__in=Segment.objects.visible_to(request.user),
    )


def finding_for(request, pk: int) -> Finding:
    return get_object_or_404(
        Finding.objects.select_related("segment__document"),
        pk=pk,
        segment__in=Segment.objects.visible_to(request.user),
    )
