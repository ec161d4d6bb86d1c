"""One problem, one finding: where a source-aware check explains a target-only finding better."""

from __future__ import annotations

from collections.abc import Iterable

from ..base import Check, Finding


def drop_superseded(found: list[Finding], checks: Iterable[Check]) -> list[Finding]:
    """``found`` without the fix-less findings lying inside a finding of a check superseding theirs.

    A finding with a fix stays: its one-key repair (full-width punctuation) is still wanted.
    """
    superseded_by = {name: check.id for check in checks for name in check.supersedes}
    over = [f for f in found if f.check_id in superseded_by.values()]
    if not over:
        return found
    return [
        f
        for f in found
        if f.fix is not None
        or f.check_id not in superseded_by
        or not any(
            o.check_id == superseded_by[f.check_id] and o.start <= f.start and f.end <= o.end
            for o in over
        )
    ]
