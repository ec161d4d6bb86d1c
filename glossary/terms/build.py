"""From concept records to what the matcher and the lookup index take.

The Django side builds the same entries from ``GlossaryTerm`` rows; this module serves the seed
glossary, the benchmark and imports previewed before they are saved. Term ids are positions
(1-based) unless the caller passes its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lookup import LookupItem
from .matcher import Entry, TermKind
from .records import ConceptRecord

__all__ = ["lookup_items", "matcher_entries"]


def _ids(records: Sequence[ConceptRecord], term_ids: Sequence[int] | None) -> Sequence[int]:
    if term_ids is None:
        return range(1, len(records) + 1)
    if len(term_ids) != len(records):
        raise ValueError(f"{len(term_ids)} term ids for {len(records)} records")
    return term_ids


def matcher_entries(
    records: Sequence[ConceptRecord], term_ids: Sequence[int] | None = None
) -> list[Entry]:
    """Entries for every rendering of every live concept.

    Deprecated concepts are left out: they are kept for history, not to flag text. A Chinese
    source term is a forbidden entry: Chinese left in English MT output is untranslated text,
    and the fix is the preferred English rendering.
    """
    entries = []
    for term_id, record in zip(_ids(records, term_ids), records, strict=False):
        if record.status == "deprecated":
            continue
        common = {
            "term_id": term_id,
            "case_sensitive": record.case_sensitive,
            "preferred": record.preferred,
        }
        entries.append(Entry(surface=record.preferred, kind=TermKind.PREFERRED, **common))
        entries += [
            Entry(surface=text, kind=TermKind.ADMITTED, **common) for text in record.admitted
        ]
        entries += [
            Entry(surface=text, kind=TermKind.FORBIDDEN, **common) for text in record.forbidden
        ]
        if record.source:
            entries.append(Entry(surface=record.source, kind=TermKind.FORBIDDEN, **common))
    return entries


def lookup_items(
    records: Sequence[ConceptRecord], term_ids: Sequence[int] | None = None
) -> list[LookupItem]:
    """Search-box items: every concept (deprecated ones too, so old links can be found)."""
    items = []
    for term_id, record in zip(_ids(records, term_ids), records, strict=False):
        items.append(LookupItem(term_id, record.preferred, "preferred"))
        items += [
            LookupItem(term_id, text, "variant") for text in (*record.admitted, *record.forbidden)
        ]
        if record.source:
            items.append(LookupItem(term_id, record.source, "source"))
    return items
