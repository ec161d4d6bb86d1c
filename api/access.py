"""Fetch what the caller may see (404 otherwise) and require a role (403 otherwise): the screens'
own helpers, plus the two object kinds only the API addresses by id (spans, findings), composed
from the same visible_to rule."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from annotate.models import Finding, Label, Span
from corpus.models import Segment
from corpus.services import EditRefused


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


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


def label_of(corpus_id: int, key: str) -> Label:
    label = Label.objects.filter(corpus_id=corpus_id, key=key).first()
    if label is None:
        keys = ", ".join(Label.objects.filter(corpus_id=corpus_id).values_list("key", flat=True))
        raise EditRefused(f"There is no label “{key}” in this corpus (it has: {keys or 'none'}).")
    return label
