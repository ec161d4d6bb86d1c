"""A corpus's house style: the conventions (quotes, dashes, thousands separator) its checks
follow instead of reporting them as damage. Changing it checks the whole corpus again."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from annotate.services.findings import start_check_job
from corpus.models import Corpus, Document, Job
from corpus.services import EditRefused


def set_house_style(corpus: Corpus, **values: str) -> list[Job]:
    """Store the style (fields of ``Corpus.HOUSE_STYLE``) and re-check every document of the
    corpus through the check job: the page a reviewer opens meanwhile is checked in its own
    request, the rest by the task worker. Returns the jobs; none when nothing changed."""
    if set(values) != set(Corpus.HOUSE_STYLE):
        raise EditRefused(
            gettext("A house style has exactly these fields: %(corpus_house_style)s.")
            % {"corpus_house_style": ", ".join(Corpus.HOUSE_STYLE)}
        )
    for name, value in values.items():
        field = Corpus._meta.get_field(name)
        allowed = [choice for choice, _ in field.choices]
        if value not in allowed:
            raise EditRefused(
                gettext("%(field_verbose_name_capitalize)s %(value)s is not one of: %(allowed)s.")
                % {
                    "field_verbose_name_capitalize": field.verbose_name.capitalize(),
                    "value": repr(value),
                    "allowed": ", ".join(allowed),
                }
            )
    if all(getattr(corpus, name) == value for name, value in values.items()):
        return []
    with transaction.atomic():
        Corpus.objects.filter(pk=corpus.pk).update(**values)
        for name, value in values.items():
            setattr(corpus, name, value)
        documents = corpus.documents.only("pk", "corpus_id", "metadata", "segment_count")
        return [_recheck(document) for document in documents]


def _recheck(document: Document) -> Job:
    """Mark the document unchecked (its findings stay until their batch is checked again)."""
    stale = ("qa_version", "qa_queued")
    document.metadata = {k: v for k, v in document.metadata.items() if k not in stale}
    Document.objects.filter(pk=document.pk).update(metadata=document.metadata)
    return start_check_job(document, document.segment_count)
