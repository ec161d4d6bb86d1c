"""Glossary writes and the cached matcher and lookup built from the rows.

Every write is one transaction and appends a TermChange with the concept's state before and
after. Glossary admins call the term writes; translators only `propose_draft`; the views check
who may call what. Concordance, replace-all and the review screen's findings scan segment texts
and live in annotate.glossary_scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from annotate.glossary import (
    ConceptRecord,
    FuzzyIndex,
    GlossaryFormatError,
    GlossaryMatcher,
    lookup_items,
    matcher_entries,
    read_csv,
    read_tbx,
    write_csv,
    write_tbx,
)
from annotate.glossary.matcher import fold
from annotate.models import (
    GlossaryState,
    GlossaryTerm,
    Span,
    TermChange,
    TermVariant,
    key_validator,
)
from corpus.models import Segment
from corpus.services import EditRefused

FIELDS = (
    "preferred",
    "source",
    "definition",
    "note",
    "domain",
    "part_of_speech",
    "status",
    "case_sensitive",
    "label_key",
)
TERM_FIELDS = ("preferred", "source")  # single-line terms: whitespace runs collapse to one space
MAX_TERM = 300
BATCH = 1000


class GlossaryRefused(EditRefused):
    """A glossary change that is not allowed; the message says why. Nothing was written."""


# --- terms -----------------------------------------------------------------------------------------


def snapshot(term: GlossaryTerm) -> dict:
    """A concept as plain JSON: what TermChange keeps before and after each change."""
    data = {name: getattr(term, name) for name in FIELDS}
    variants = list(term.variants.order_by("id").values_list("text", "kind"))
    data["corpus"] = term.corpus_id
    data["admitted"] = [text for text, kind in variants if kind == TermVariant.Kind.ADMITTED]
    data["forbidden"] = [text for text, kind in variants if kind == TermVariant.Kind.FORBIDDEN]
    return data


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _clean(
    fields: dict, admitted: Iterable[str], forbidden: Iterable[str], where: str = ""
) -> tuple[dict, list, list]:
    """Validated, normalised fields and variant lists, or GlossaryRefused naming the problem."""
    at = f"{where}: " if where else ""
    fields = {**fields, **{name: _one_line(fields[name]) for name in TERM_FIELDS if name in fields}}
    preferred = fields.get("preferred", "")
    if not preferred:
        raise GlossaryRefused(f"{at}the preferred term is empty.")
    if fields.get("status", GlossaryTerm.Status.APPROVED) not in GlossaryTerm.Status.values:
        raise GlossaryRefused(f"{at}unknown status “{fields['status']}”.")
    if fields.get("label_key"):
        try:
            key_validator(fields["label_key"])
        except ValidationError as error:
            raise GlossaryRefused(
                f"{at}label “{fields['label_key']}”: {' '.join(error.messages)}"
            ) from None
    lists = {}
    for kind, texts in (("admitted", admitted), ("forbidden", forbidden)):
        lists[kind] = list(dict.fromkeys(t for t in map(_one_line, texts) if t))
    seen = {fold(preferred): "the preferred term"}
    for kind, texts in lists.items():
        for text in texts:
            if len(text) > MAX_TERM:
                raise GlossaryRefused(
                    f"{at}the {kind} variant “{text[:40]}…” is longer than {MAX_TERM} characters."
                )
            if "|" in text:
                raise GlossaryRefused(
                    f"{at}the {kind} variant “{text}” contains “|”, which separates variants in CSV."
                )
            clash = seen.setdefault(fold(text), f"{kind} variant")
            if clash != f"{kind} variant":
                raise GlossaryRefused(f"{at}“{text}” is both {clash} and {kind} variant; keep one.")
    if len(preferred) > MAX_TERM or len(fields.get("source", "")) > MAX_TERM:
        raise GlossaryRefused(f"{at}terms are at most {MAX_TERM} characters.")
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
            f"“{same.preferred}” is already a concept of {scope}; edit that one instead."
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
    fields, admitted, forbidden = _clean(fields, admitted, forbidden)
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
        raise GlossaryRefused(f"“{fields['preferred']}” could not be saved: {error}.") from error
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
        merged, admitted, forbidden = _clean(
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
                f"“{current.preferred}” is already {current.get_status_display().lower()}."
            )
        return update_term(current, user, status=status, action=action)


def approve_term(term: GlossaryTerm, user) -> GlossaryTerm:
    return _set_status(term, user, GlossaryTerm.Status.APPROVED, TermChange.Action.APPROVED)


def deprecate_term(term: GlossaryTerm, user) -> GlossaryTerm:
    return _set_status(term, user, GlossaryTerm.Status.DEPRECATED, TermChange.Action.DEPRECATED)


def propose_draft(span: Span, user, note: str = "") -> GlossaryTerm:
    """A translator's proposal from a marked span: a draft concept, linked to that span."""
    corpus_id = span.segment.document.corpus_id
    text = _one_line(span.text)
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
            f"“{text}” is already in the glossary{how}; link the span to it instead."
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
            Segment.objects.select_for_update().select_related("document").get(pk=span.segment_id)
        )
        span = Span.objects.get(pk=span.pk)
        if span.state == Span.State.REJECTED:
            raise GlossaryRefused(
                "That suggestion was rejected; mark the words again to link them."
            )
        if (
            term is not None
            and not GlossaryTerm.objects.in_scope(segment.document.corpus_id)
            .filter(pk=term.pk)
            .exists()
        ):
            raise GlossaryRefused(f"“{term.preferred}” is not in this corpus's glossary.")
        span.term = term
        span.created_by = user
        span.save(update_fields=["term", "created_by", "updated_at"])
    return span


# --- import and export --------------------------------------------------------------------------


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
        fields, admitted, forbidden = _clean(
            _to_fields(record), record.admitted, record.forbidden, where
        )
        earlier = first_seen.setdefault(fold(fields["preferred"]), number)
        if earlier != number:
            raise GlossaryRefused(
                f"{where}: concept {earlier} has the same preferred term; merge the two."
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
        raise GlossaryRefused(f"Nothing imported: {error}.") from None
    try:
        return import_records(corpus, records, user)
    except GlossaryRefused as refused:
        raise GlossaryRefused(f"Nothing imported: {refused}") from None
    except IntegrityError as error:  # a concurrent edit of the same concepts
        raise GlossaryRefused(
            f"Nothing imported: the glossary changed meanwhile ({error}); try again."
        ) from None


def import_csv(corpus, data: bytes, user) -> ImportResult:
    return import_file(corpus, data, "csv", user)


def import_tbx(corpus, data: bytes, user) -> ImportResult:
    return import_file(corpus, data, "tbx", user)


def concept_rows(queryset) -> tuple[list[int], list[ConceptRecord]]:
    """Term ids and concept records (the pure package's shape) for a queryset of terms, in two queries."""
    terms = list(
        queryset.order_by("id").values_list("pk", *FIELDS)
    )  # creation order: an import exports as it came
    variants: dict[int, tuple[list, list]] = {}
    for term_id, text, kind in (
        TermVariant.objects.filter(term__in=queryset)
        .order_by("id")
        .values_list("term_id", "text", "kind")
    ):
        variants.setdefault(term_id, ([], []))[kind == TermVariant.Kind.FORBIDDEN].append(text)
    records = []
    for pk, preferred, source, definition, note, domain, pos, status, case, label in terms:
        admitted, forbidden = variants.get(pk, ([], []))
        records.append(
            ConceptRecord(
                preferred,
                source,
                definition,
                note,
                domain,
                pos,
                status,
                case,
                label,
                admitted,
                forbidden,
            )
        )
    return [row[0] for row in terms], records


def export_csv(corpus) -> str:
    return write_csv(concept_rows(GlossaryTerm.objects.in_scope(corpus))[1])


def export_tbx(corpus) -> bytes:
    return write_tbx(concept_rows(GlossaryTerm.objects.in_scope(corpus))[1])


# --- the cached matcher and lookup --------------------------------------------------------------

_CACHE: dict[tuple[str, int | None], tuple[tuple, object]] = {}
_EMPTY: dict[str, object] = {}


def _state(corpus_id: int | None) -> tuple[tuple, bool]:
    """(this scope's and the all-corpora token, whether any concept is in scope), in one query.

    Four indexed probes in SQL written out: compiling the same query through the ORM cost
    1.8 ms of Python per call against 0.01 ms in SQLite, and this runs on every search keystroke.
    """
    qn = connection.ops.quote_name
    state, term = qn(GlossaryState._meta.db_table), qn(GlossaryTerm._meta.db_table)
    sql = (
        f"SELECT (SELECT token FROM {state} WHERE scope = %s), (SELECT token FROM {state} WHERE scope = 0), "
        f"EXISTS(SELECT 1 FROM {term} WHERE corpus_id = %s), EXISTS(SELECT 1 FROM {term} WHERE corpus_id IS NULL)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [corpus_id or 0, corpus_id or 0])
        own, everywhere, own_terms, global_terms = cursor.fetchone()
    return (own, everywhere), bool(own_terms or global_terms)


def _cached(kind: str, corpus, build):
    """Built once per corpus and glossary state; each use checks the state in one query."""
    corpus_id = getattr(corpus, "pk", corpus)
    stamp, any_term = _state(corpus_id)
    if stamp == (None, None):
        # No service ever changed this scope: nearly always an empty glossary, answered without
        # building. Concepts written some other way (a shell, a test) have no token to be cached
        # under, so they are built fresh on each call rather than served stale.
        if any_term:
            return build(GlossaryTerm.objects.in_scope(corpus_id))
        if kind not in _EMPTY:
            _EMPTY[kind] = build(GlossaryTerm.objects.none())
        return _EMPTY[kind]
    held = _CACHE.get((kind, corpus_id))
    if held is not None and held[0] == stamp:
        return held[1]
    value = build(GlossaryTerm.objects.in_scope(corpus_id))
    _CACHE[(kind, corpus_id)] = (stamp, value)
    return value


def _build_matcher(scope) -> tuple[GlossaryMatcher, dict[int, dict]]:
    ids, records = concept_rows(scope.live())
    info = {
        pk: {
            "preferred": r.preferred,
            "source": r.source,
            "definition": r.definition,
            "note": r.note,
            "label": r.label,
        }
        for pk, r in zip(ids, records, strict=False)
    }
    return GlossaryMatcher(matcher_entries(records, ids)), info


def matcher_for(corpus) -> GlossaryMatcher:
    """The approved concepts of a corpus's glossary (its own and the all-corpora ones)."""
    return _cached("matcher", corpus, _build_matcher)[0]


def matcher_and_info(corpus) -> tuple[GlossaryMatcher, dict[int, dict]]:
    """The matcher and, per term id it reports, the concept's preferred term, source, definition,
    note and label key (for tooltips and linked suggestions), for one look at the state."""
    return _cached("matcher", corpus, _build_matcher)


def _build_lookup(scope) -> tuple[FuzzyIndex, dict[int, dict]]:
    ids, records = concept_rows(scope)
    info = {
        pk: {"preferred": r.preferred, "source": r.source, "label": r.label, "status": r.status}
        for pk, r in zip(ids, records, strict=False)
    }
    return FuzzyIndex(lookup_items(records, ids)), info


def search(corpus, query: str, limit: int = 10) -> list[dict]:
    """Ranked hits for the link box over every concept in scope (drafts and deprecated ones too):
    one per concept, best first, plain JSON-ready dicts."""
    index, info = _cached("lookup", corpus, _build_lookup)
    return [
        {
            "term_id": hit.term_id,
            "text": hit.text,
            "field": hit.field,
            "score": hit.score,
            **info[hit.term_id],
        }
        for hit in index.search(query, limit)
    ]
