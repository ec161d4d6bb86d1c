"""Split units joined again for the bilingual writers: pure record logic, no database.

A unit split in Redline is several segments; XLIFF and TMX write one unit per imported unit, so
the parts are appended back to the first before the writer sees them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from .records import Record, SegmentRecord


def whole_units(records: Iterable[Record]) -> Iterator[Record]:
    """The records with each split unit joined again: the parts that continue a unit (the
    second and later parts of a split) are appended to it, text and MT, so a bilingual writer
    gets one record per imported unit."""
    held: SegmentRecord | None = None
    for record in records:
        if (
            held is not None
            and isinstance(record, SegmentRecord)
            and record.document_id == held.document_id
            and record.metadata.get("continues") == held.unit_id
            and held.unit_id
        ):
            held = replace(
                held,
                text=_joined(held.text, held.trailing, record.text),
                mt_text=_joined(held.mt_text, held.trailing, record.mt_text),
                trailing=record.trailing,
                status=_joined_status(held.status, record.status),
            )
            continue
        if held is not None:
            yield held
            held = None
        if isinstance(record, SegmentRecord):
            held = record
        else:
            yield record
    if held is not None:
        yield held


def _joined(left: str, gap: str, right: str) -> str:
    if not left or not right:
        return left or right
    # The split's own gap (a space, or nothing inside a word); never the line between units.
    return left + (" " if "\n" in gap else gap) + right


# The least finished part decides: a unit is approved only when all of it is.
_STATUS_ORDER = ("rejected", "mt", "edited", "approved")


def _joined_status(a: str, b: str) -> str:
    return min(a, b, key=lambda s: _STATUS_ORDER.index(s) if s in _STATUS_ORDER else 0)
