"""Glossary import and export (CSV and TBX-Basic): all or nothing, through the concept writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from corpus.i18n import localize_error
from glossary.models import GlossaryTerm, TermChange, TermVariant
from glossary.services.concepts import GlossaryRefused, clean_concept, touch, update_term
from glossary.terms import (
    ConceptRecord,
    GlossaryFormatError,
    read_csv,
    read_tbx,
    write_csv,
    write_tbx,
)
from glossary.terms.matcher import fold

BATCH = 1000


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _to_fields(record: ConceptRecord) -> dict:
    return {
        "preferred": record.preferred,
        "source": record.source,
        "definition": record.definition,
        "note": record.note,
        "domain": record.domain,
        "part_of_speech": record.part_of_speech,
        "status": record.status,
        "case_sensitive": record.case_sensitive,
        "label_key": record.label,
    }


def import_records(corpus, records: Sequence[ConceptRecord], user) -> ImportResult:
    """All or nothing: every record is checked before anything is written. A concept whose
    preferred term the scope (this corpus, or None: all corpora) already has is updated."""
    corpus_id = getattr(corpus, "pk", corpus)
    cleaned, first_seen = [], {}
    for number, record in enumerate(records, 1):
        where = f"concept {number} (“{record.preferred[:60]}”)"
        fields, admitted, forbidden = clean_concept(
            _to_fields(record), record.admitted, record.forbidden, where
        )
        earlier = first_seen.setdefault(fold(fields["preferred"]), number)
        if earlier != number:
            raise GlossaryRefused(
                gettext(
                    "%(where)s: concept %(earlier)s has the same preferred term; merge the two."
                )
                % {"where": where, "earlier": earlier}
            )
        cleaned.append((fields, admitted, forbidden))
    existing = {fold(t.preferred): t for t in GlossaryTerm.objects.filter(corpus_id=corpus_id)}
    created = updated = 0
    with transaction.atomic():
        new = [(f, a, x) for f, a, x in cleaned if fold(f["preferred"]) not in existing]
        terms = GlossaryTerm.objects.bulk_create(
            [
                GlossaryTerm(corpus_id=corpus_id, created_by=user, updated_by=user, **f)
                for f, _, _ in new
            ],
            batch_size=BATCH,
        )
        variants, changes = [], []
        for term, (fields, admitted, forbidden) in zip(terms, new, strict=False):
            variants += [
                TermVariant(term=term, text=t, kind=TermVariant.Kind.ADMITTED) for t in admitted
            ]
            variants += [
                TermVariant(term=term, text=t, kind=TermVariant.Kind.FORBIDDEN) for t in forbidden
            ]
            after = {**fields, "corpus": corpus_id, "admitted": admitted, "forbidden": forbidden}
            changes.append(
                TermChange(
                    term=term,
                    user=user,
                    action=TermChange.Action.IMPORTED,
                    before=None,
                    after=after,
                )
            )
        TermVariant.objects.bulk_create(variants, batch_size=BATCH)
        TermChange.objects.bulk_create(changes, batch_size=BATCH)
        touch(corpus_id)
        created = len(terms)
        for fields, admitted, forbidden in cleaned:
            term = existing.get(fold(fields["preferred"]))
            if term is not None:
                version = term.version
                term = update_term(
                    term,
                    user,
                    admitted=admitted,
                    forbidden=forbidden,
                    action=TermChange.Action.IMPORTED,
                    **fields,
                )
                updated += term.version != version
    return ImportResult(created, updated, len(cleaned) - created - updated)


def import_file(corpus, data: bytes, fmt: str, user) -> ImportResult:
    """Import a CSV or TBX file; GlossaryRefused (nothing imported) names what is wrong."""
    try:
        records = read_tbx(data) if fmt == "tbx" else read_csv(data)
    except GlossaryFormatError as error:
        raise GlossaryRefused(
            gettext("Nothing imported: %(error)s.") % {"error": localize_error(error)}
        ) from None
    try:
        return import_records(corpus, records, user)
    except GlossaryRefused as refused:
        raise GlossaryRefused(
            gettext("Nothing imported: %(refused)s") % {"refused": refused}
        ) from None
    except IntegrityError as error:  # a concurrent edit of the same concepts
        raise GlossaryRefused(
            gettext("Nothing imported: the glossary changed meanwhile (%(error)s); try again.")
            % {"error": error}
        ) from None


def import_csv(corpus, data: bytes, user) -> ImportResult:
    return import_file(corpus, data, "csv", user)


def import_tbx(corpus, data: bytes, user) -> ImportResult:
    return import_file(corpus, data, "tbx", user)


def export_csv(corpus) -> str:
    return write_csv(GlossaryTerm.objects.in_scope(corpus).concept_records()[1])


def export_tbx(corpus) -> bytes:
    return write_tbx(GlossaryTerm.objects.in_scope(corpus).concept_records()[1])
