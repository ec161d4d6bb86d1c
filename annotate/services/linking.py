"""What annotation needs of the glossary: linking a span to a concept, and a translator's draft
concept proposed from a marked span."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from annotate.models import Span
from corpus.models import Segment
from glossary.models import GlossaryTerm, TermChange, TermVariant
from glossary.services.concepts import GlossaryRefused, create_term, one_line


def propose_draft(span: Span, user, note: str = "") -> GlossaryTerm:
    """A translator's proposal from a marked span: a draft concept, linked to that span."""
    corpus_id = span.segment.document.corpus_id
    text = one_line(span.text)
    known = GlossaryTerm.objects.in_scope(corpus_id).filter(preferred__iexact=text).first()
    variant = (
        TermVariant.objects.filter(
            term__in=GlossaryTerm.objects.in_scope(corpus_id), text__iexact=text
        )
        .select_related("term")
        .first()
    )
    if known or variant:
        owner = known or variant.term
        how = "" if known else f" as a {variant.kind} variant of “{owner.preferred}”"
        raise GlossaryRefused(
            gettext("“%(text)s” is already in the glossary%(how)s; link the span to it instead.")
            % {"text": text, "how": how}
        )
    with transaction.atomic():
        term = create_term(
            user,
            corpus=corpus_id,
            preferred=text,
            status=GlossaryTerm.Status.DRAFT,
            note=note.strip(),
            label_key=span.label.key,
            action=TermChange.Action.PROPOSED,
        )
        Span.objects.filter(pk=span.pk).update(term=term)
    return term


def link_span(span: Span, term: GlossaryTerm | None, user) -> Span:
    """Link a span to a concept of its corpus's glossary (None: unlink)."""
    with transaction.atomic():
        segment = (
            Segment.objects.select_for_update(of=("self",)).with_document().get(pk=span.segment_id)
        )
        span = Span.objects.get(pk=span.pk)
        if span.state == Span.State.REJECTED:
            raise GlossaryRefused(
                gettext("That suggestion was rejected; mark the words again to link them.")
            )
        if (
            term is not None
            and not GlossaryTerm.objects.in_scope(segment.document.corpus_id)
            .filter(pk=term.pk)
            .exists()
        ):
            raise GlossaryRefused(
                gettext("“%(term_preferred)s” is not in this corpus's glossary.")
                % {"term_preferred": term.preferred}
            )
        span.term = term
        span.created_by = user
        span.save(update_fields=["term", "created_by", "updated_at"])
    return span
