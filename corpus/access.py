"""Fetch what a user may see, or 404: one helper per object kind, reused by every app's views
(a corpus the user is not a member of does not exist for them)."""

from django.shortcuts import get_object_or_404

from corpus.models import Corpus, Document


def corpus_for(request, pk: int) -> Corpus:
    return get_object_or_404(Corpus.objects.visible_to(request.user), pk=pk)


def document_for(request, pk: int) -> Document:
    return get_object_or_404(
        Document.objects.visible_to(request.user).select_related("corpus"), pk=pk
    )
