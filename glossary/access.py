"""Fetch a concept a corpus's glossary holds (404 otherwise), and the glossary-admin check: shared
by the glossary's screens and annotate's replace-all screen."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext

from corpus import roles
from corpus.models import Corpus
from glossary.models import GlossaryTerm


def term_for(corpus: Corpus, pk: int) -> GlossaryTerm:
    return get_object_or_404(GlossaryTerm.objects.in_scope(corpus).select_related("corpus"), pk=pk)


def require_glossary_admin(request) -> None:
    if not roles.can_edit_glossary(request.user):
        raise PermissionDenied(gettext("Only glossary admins change the glossary."))


def term_url(corpus: Corpus, term: GlossaryTerm) -> str:
    """A concept's page as seen from a corpus (all-corpora concepts have one per corpus)."""
    return reverse("glossary:term", args=[corpus.pk, term.pk])
