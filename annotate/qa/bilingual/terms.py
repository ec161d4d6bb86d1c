"""Approved glossary terms of the source must reach the target in an approved rendering."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from corpus.text.i18n import N_

from ..base import Check, CheckContext, Finding, Severity, quote

_SEPARATORS = re.compile(r"[\s\-‐‑–]+")


def _normal(text: str) -> str:
    """Lower case, hyphens as spaces, curly apostrophes straight: "Qinghai-Tibet" = "qinghai tibet"."""
    return _SEPARATORS.sub(" ", text.lower().replace("’", "'"))


def rendered(rendering: str, target: str) -> bool:
    """Is ``rendering`` in ``target`` (normalised), as whole words, allowing an -s/-es/'s ending?"""
    needle = _normal(rendering).strip()
    if not needle:
        return False
    start = target.find(needle)
    while start >= 0:
        end = start + len(needle)
        before_ok = start == 0 or not target[start - 1].isalnum()
        rest = target[end : end + 3]
        after_ok = (
            not rest[:1].isalnum()
            or (rest[:1] == "s" and not rest[1:2].isalnum())
            or (rest[:2] == "es" and not rest[2:3].isalnum())
        )
        if before_ok and after_ok:
            return True
        start = target.find(needle, start + 1)
    return False


def terms_in(source: str, terms: Mapping[str, object]) -> list[str]:
    """Glossary terms occurring in ``source``, leaving out one inside a longer one found there."""
    found = []
    for term in terms:
        if term and term in source:
            found.append(term)
    found.sort(key=len, reverse=True)
    kept: list[str] = []
    for term in found:
        covered = all(
            any(
                i >= k and i + len(term) <= k + len(longer)
                for longer in kept
                for k in _at(source, longer)
            )
            for i in _at(source, term)
        )
        if not covered:
            kept.append(term)
    return [t for t in found if t in kept]


def _at(text: str, term: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(term), text)]


class MissingTerm(Check):
    id = "missing-term"
    severity = Severity.WARNING
    title = N_("Glossary term of the source not rendered")
    explanation = N_(
        "The source contains the Chinese term of an approved glossary concept and the target has none of its preferred or admitted English renderings. Where the target has one of the concept's forbidden variants instead, the fix puts the preferred rendering there."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not ctx.source or not ctx.source_terms:
            return
        terms = terms_in(ctx.source, ctx.source_terms)
        if not terms:
            return
        target = _normal(text)
        for term in terms:
            renderings = ctx.source_terms[term]
            if not renderings or any(rendered(r, target) for r in renderings):
                continue
            preferred = renderings[0]
            variant = self._forbidden_variant(text, renderings, ctx.forbidden)
            if variant is not None:
                start, end = variant
                message = N_(
                    "Source term %(term)s is rendered as %(text)s, a forbidden variant of %(preferred)s",
                    term=quote(term),
                    text=quote(text[start:end]),
                    preferred=quote(preferred),
                )
                yield self.finding(start, end, message, preferred)
                continue
            message = N_(
                "Source term %(term)s has no approved rendering (%(preferred)s)",
                term=quote(term),
                preferred=quote(preferred),
            )
            yield self.finding(0, len(text), message)

    @staticmethod
    def _forbidden_variant(
        text: str, renderings: tuple[str, ...], forbidden: Mapping[str, str]
    ) -> tuple[int, int] | None:
        for variant, preferred in forbidden.items():
            if preferred not in renderings:
                continue
            m = re.search(rf"(?<!\w){re.escape(variant)}(?!\w)", text, re.IGNORECASE)
            if m:
                return m.span()
        return None
