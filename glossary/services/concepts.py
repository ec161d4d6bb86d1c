"""Glossary writes: concepts and their variants, each in one transaction with a TermChange
holding the concept's state before and after.

Glossary admins call these; translators only propose drafts (annotate.services.linking); the
views check who may call what.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from corpus.services import EditRefused, refuse_unstorable
from corpus.validators import key_validator
from glossary.models import FIELDS, GlossaryState, GlossaryTerm, TermChange, TermVariant
from glossary.terms.matcher import fold

TERM_FIELDS = ("preferred", "source")  # single-line terms: whitespace runs collapse to one space
MAX_TERM = 300


class GlossaryRefused(EditRefused):
    """A glossary change that is not allowed; the message says why. Nothing was written."""


def snapshot(term: GlossaryTerm) -> dict:
    """A concept as plain JSON: what TermChange keeps before and after each change."""
    data = {name: getattr(term, name) for name in FIELDS}
    variants = list(term.variants.order_by("id").values_list("text", "kind"))
    data["corpus"] = term.corpus_id
    data["admitted"] = [text for text, kind in variants if kind == TermVariant.Kind.ADMITTED]
    data["forbidden"] = [text for text, kind in variants if kind == TermVariant.Kind.FORBIDDEN]
    return data


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def clean_concept(
    fields: dict, admitted: Iterable[str], forbidden: Iterable[str], where: str = ""
) -> tuple[dict, list, list]:
    """Validated, normalised fields and variant lists, or GlossaryRefused naming the problem."""
    at = f"{where}: " if where else ""
    fields = {**fields, **{name: one_line(fields[name]) for name in TERM_FIELDS if name in fields}}
    admitted, forbidden = list(admitted), list(forbidden)
    texts = [value for value in fields.values() if isinstance(value, str)]
    refuse_unstorable(
        *texts,
        *admitted,
        *forbidden,
        what=f"{at}a field" if at else "A field",
        refusal=GlossaryRefused,
    )
    preferred = fields.get("preferred", "")
    if not preferred:
        raise GlossaryRefused(gettext("%(at)sthe preferred term is empty.") % {"at": at})
    if fields.get("status", GlossaryTerm.Status.APPROVED) not in GlossaryTerm.Status.values:
        raise GlossaryRefused(
            gettext("%(at)sunknown status “%(fields)s”.") % {"at": at, "fields": fields["status"]}
        )
    if fields.get("label_key"):
        try:
            key_validator(fields["label_key"])
        except ValidationError as error:
            raise GlossaryRefused(
                gettext("%(at)slabel “%(fields)s”: %(error_messages)s")
                % {
                    "at": at,
                    "fields": fields["label_key"],
                    "error_messages": " ".join(error.messages),
                }
            ) from None
    lists = {}
    for kind, texts in (("admitted", admitted), ("forbidden", forbidden)):
        lists[kind] = list(dict.fromkeys(t for t in map(one_line, texts) if t))
    seen = {fold(preferred): "the preferred term"}
    for kind, texts in lists.items():
        for text in texts:
            if len(text) > MAX_TERM:
                raise GlossaryRefused(
                    gettext(
                        "%(at)sthe %(kind)s variant “%(text)s…” is longer than %(max_term)s characters."
                    )
                    % {"at": at, "kind": kind, "text": text[:40], "max_term": MAX_TERM}
                )
            if "|" in text:
                raise GlossaryRefused(
                    gettext(
                        "%(at)sthe %(kind)s variant “%(text)s” contains “|”, which separates variants in CSV."
                    )
                    % {"at": at, "kind": kind, "text": text}
                )
            clash = seen.setdefault(fold(text), f"{kind} variant")
            if clash != f"{kind} variant":
                raise GlossaryRefused(
                    gettext("%(at)s“%(text)s” is both %(clash)s and %(kind)s variant; keep one.")
                    % {"at": at, "text": text, "clash": clash, "kind": kind}
                )
    if len(preferred) > MAX_TERM or len(fields.get("source", "")) > MAX_TERM:
        raise GlossaryRefused(
            gettext("%(at)sterms are at most %(max_term)s characters.")
            % {"at": at, "max_term": MAX_TERM}
        )
    return fields, lists["admitted"], lists["forbidden"]


def _check_unique(corpus_id, preferred: str, exclude: int | None = None) -> None:
    same = (
        GlossaryTerm.objects.filter(corpus_id=corpus_id, preferred__iexact=preferred)
        .exclude(pk=exclude)
        .first()
    )
    if same is not None:
        scope = "this corpus" if corpus_id else "the all-corpora glossary"
        raise GlossaryRefused(
            gettext(
                "“%(same_preferred)s” is already a concept of %(scope)s; edit that one instead."
            )
            % {"same_preferred": same.preferred, "scope": scope}
        )


def _write_variants(term: GlossaryTerm, admitted: list[str], forbidden: list[str]) -> None:
    term.variants.all().delete()
    TermVariant.objects.bulk_create(
        [TermVariant(term=term, text=t, kind=TermVariant.Kind.ADMITTED) for t in admitted]
        + [TermVariant(term=term, text=t, kind=TermVariant.Kind.FORBIDDEN) for t in forbidden]
    )


def touch(corpus_id: int | None) -> None:
    """Mark a scope's glossary as changed, so every process rebuilds its cached matcher. The
    services call it; code that writes terms some other way must call it too."""
    GlossaryState.objects.update_or_create(scope=corpus_id or 0, defaults={"token": uuid4().hex})


def _log(
    term: GlossaryTerm,
    user,
    action: str,
    before: dict | None,
    after: dict | None = None,
    note: str = "",
) -> None:
    TermChange.objects.create(
        term=term, user=user, action=action, before=before, after=after or snapshot(term), note=note
    )
    touch(term.corpus_id)


def create_term(
    user, *, corpus=None, admitted=(), forbidden=(), action=TermChange.Action.CREATED, **fields
) -> GlossaryTerm:
    fields, admitted, forbidden = clean_concept(fields, admitted, forbidden)
    corpus_id = getattr(corpus, "pk", corpus)
    try:
        with transaction.atomic():
            _check_unique(corpus_id, fields["preferred"])
            term = GlossaryTerm.objects.create(
                corpus_id=corpus_id, created_by=user, updated_by=user, **fields
            )
            _write_variants(term, admitted, forbidden)
            _log(term, user, action, None)
    except IntegrityError as error:
        raise GlossaryRefused(
            gettext("“%(fields)s” could not be saved: %(error)s.")
            % {"fields": fields["preferred"], "error": error}
        ) from error
    return term


def update_term(
    term: GlossaryTerm,
    user,
    *,
    admitted=None,
    forbidden=None,
    action=TermChange.Action.UPDATED,
    change_note: str = "",
    **fields,
) -> GlossaryTerm:
    """Change fields and (when given) variants. Nothing changed: nothing written, no record."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"not concept fields: {sorted(unknown)}")
    with transaction.atomic():
        term = GlossaryTerm.objects.select_for_update().get(pk=term.pk)
        before = snapshot(term)
        merged, admitted, forbidden = clean_concept(
            {**{name: before[name] for name in FIELDS}, **fields},
            before["admitted"] if admitted is None else admitted,
            before["forbidden"] if forbidden is None else forbidden,
        )
        after = {**before, **merged, "admitted": admitted, "forbidden": forbidden}
        if after == before:
            return term
        if fold(merged["preferred"]) != fold(before["preferred"]):
            _check_unique(term.corpus_id, merged["preferred"], exclude=term.pk)
        for name, value in merged.items():
            setattr(term, name, value)
        term.updated_by, term.version = user, term.version + 1
        term.save()
        if (admitted, forbidden) != (before["admitted"], before["forbidden"]):
            _write_variants(term, admitted, forbidden)
        _log(term, user, action, before, after, change_note)
    return term


def set_variants(
    term: GlossaryTerm, user, admitted: Iterable[str], forbidden: Iterable[str]
) -> GlossaryTerm:
    return update_term(
        term,
        user,
        admitted=list(admitted),
        forbidden=list(forbidden),
        action=TermChange.Action.VARIANTS,
    )


def _set_status(term: GlossaryTerm, user, status: str, action: str) -> GlossaryTerm:
    with transaction.atomic():
        current = GlossaryTerm.objects.select_for_update().get(pk=term.pk)
        if current.status == status:
            raise GlossaryRefused(
                gettext("“%(current_preferred)s” is already %(current_status_display_lower)s.")
                % {
                    "current_preferred": current.preferred,
                    "current_status_display_lower": current.get_status_display().lower(),
                }
            )
        return update_term(current, user, status=status, action=action)


def approve_term(term: GlossaryTerm, user) -> GlossaryTerm:
    return _set_status(term, user, GlossaryTerm.Status.APPROVED, TermChange.Action.APPROVED)


def deprecate_term(term: GlossaryTerm, user) -> GlossaryTerm:
    return _set_status(term, user, GlossaryTerm.Status.DEPRECATED, TermChange.Action.DEPRECATED)
