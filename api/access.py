"""Fetch what the caller may see (404 otherwise) and require a role (403 otherwise): the screens'
own helpers, plus the two object kinds only the API addresses by id (spans, findings), composed
from the same visible_to rule."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from annotate.models import Label
from corpus.services import EditRefused


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def label_of(corpus_id: int, key: str) -> Label:
    label = Label.objects.filter(corpus_id=corpus_id, key=key).first()
    if label is None:
        keys = ", ".join(Label.objects.filter(corpus_id=corpus_id).values_list("key", flat=True))
        raise EditRefused(
            gettext("There is no label “%(key)s” in this corpus (it has: %(value)s).")
            % {"key": key, "value": keys or "none"}
        )
    return label
