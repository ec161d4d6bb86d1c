"""Findings for glossary renderings in one document: forbidden variants, and concepts rendered
two different ways.

A concept is *inconsistent* in a document when the document uses

- a forbidden rendering beside a preferred or admitted one (the fix is not just "use the
  preferred term here" but "this document already says it another way"), or
- two different admitted renderings ("SMEs" here, "small and medium enterprises" there).

The preferred term beside one admitted variant is not inconsistent: that is what "admitted"
means (an abbreviation after the full form, a plural). Renderings that differ only in case,
spacing or a plural -s are the same rendering.

Every place of an inconsistent concept gets a finding that names the other rendering(s). A place
with a forbidden rendering always gets exactly one finding, ``glossary-forbidden``, with the
preferred term as its fix (its message also names the document's other renderings); the other
places of an inconsistent concept get ``glossary-inconsistent`` with the preferred term as
their fix, except the places that already use the preferred term: those are what the others
become, so a fix never leaves a finding on its own result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .matcher import Match, TermKind, fold

__all__ = ["FORBIDDEN", "INCONSISTENT", "GlossaryFinding", "document_findings", "rendering_key"]

FORBIDDEN = "glossary-forbidden"
INCONSISTENT = "glossary-inconsistent"
SEVERITY = {FORBIDDEN: "error", INCONSISTENT: "warning"}


@dataclass(frozen=True)
class GlossaryFinding:
    """Shaped like a QA finding (check id, severity, offsets, message, fix) plus where and what."""

    segment_id: int
    check_id: str
    severity: str
    start: int
    end: int
    message: str
    fix: str | None
    term_id: int


def rendering_key(surface: str) -> str:
    """Renderings equal up to case, whitespace and a plural -s share a key."""
    words = fold(surface).split()
    return " ".join(
        word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        for word in words
    )


def _quote(renderings: list[str]) -> str:
    return ", ".join(f"“{text}”" for text in renderings)


def document_findings(matches: Iterable[tuple[int, Match, str]]) -> list[GlossaryFinding]:
    """Findings for the glossary matches of one whole document, in document order.

    ``matches`` are (segment id, match, the document's text at the match) in document order;
    the text is what the reviewer sees and what the messages quote.
    """
    places = list(matches)
    # concept -> rendering key -> (kind, first spelling in the document)
    renderings: dict[int, dict[str, tuple[TermKind, str]]] = {}
    for _, match, text in places:
        key = rendering_key(text)
        renderings.setdefault(match.term_id, {}).setdefault(key, (_kind(match, key), text))
    inconsistent = {term_id for term_id, seen in renderings.items() if _inconsistent(seen)}
    findings = []
    for segment_id, match, text in places:
        key = rendering_key(text)
        others = [
            spelling for other, (_, spelling) in renderings[match.term_id].items() if other != key
        ]
        also = (
            f"; this document also uses {_quote(others)}"
            if others and match.term_id in inconsistent
            else ""
        )
        if match.kind == TermKind.FORBIDDEN:
            message = f"“{text}” is a forbidden rendering: use “{match.preferred}”{also}."
            findings.append(
                GlossaryFinding(
                    segment_id,
                    FORBIDDEN,
                    SEVERITY[FORBIDDEN],
                    match.start,
                    match.end,
                    message,
                    match.preferred,
                    match.term_id,
                )
            )
        elif match.term_id in inconsistent and _kind(match, key) != TermKind.PREFERRED:
            # The preferred rendering is what the others should become, never the one flagged:
            # flagging it would make every fix below raise a warning on its own result.
            message = (
                f"“{text}” and {_quote(others)} render one concept in this document; "
                f"use the glossary's preferred “{match.preferred}”."
            )
            findings.append(
                GlossaryFinding(
                    segment_id,
                    INCONSISTENT,
                    SEVERITY[INCONSISTENT],
                    match.start,
                    match.end,
                    message,
                    match.preferred,
                    match.term_id,
                )
            )
    return findings


def _kind(match: Match, key: str) -> TermKind:
    """An admitted variant that differs from the preferred term only by a plural counts as it."""
    if match.kind == TermKind.ADMITTED and key == rendering_key(match.preferred):
        return TermKind.PREFERRED
    return match.kind


def _inconsistent(seen: dict[str, tuple[TermKind, str]]) -> bool:
    kinds = [kind for kind, _ in seen.values()]
    allowed = sum(kind != TermKind.FORBIDDEN for kind in kinds)
    admitted = sum(kind == TermKind.ADMITTED for kind in kinds)
    return (TermKind.FORBIDDEN in kinds and allowed > 0) or admitted >= 2
