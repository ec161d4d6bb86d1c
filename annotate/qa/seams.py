"""Damage across the seam between two segments: a sentence the import cut in the wrong place.

"... traditional industries." | ", focusing on ...": the MT (or the source) put a full stop
where a comma belonged, and the sentence splitter cut there. Both halves are reported, each
with the half of the repair that lies in it, so neither needs finding by scrolling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, quote, surroundings
from .marks import is_abbreviation_dot

_STARTS_WITH_MARK = re.compile(r"\s*([,;:])[ \t]+(?=[^\W_])")


def _ends_with_stop(text: str) -> int | None:
    """Index of the full stop that ends ``text``, unless it ends an abbreviation."""
    dot = len(text.rstrip()) - 1
    if dot < 1 or text[dot] != "." or not (text[dot - 1].isalnum() or text[dot - 1] in "%)"):
        return None
    return None if is_abbreviation_dot(text, dot) else dot


class SplitSentence(Check):
    id = "split-sentence"
    severity = Severity.ERROR
    title = N_("Sentence split at a comma")
    explanation = N_(
        'One segment ends with a full stop and the next starts with a comma or semicolon ("industries." | ", focusing on"): one sentence was cut in two. Both segments are flagged; the fixes turn the full stop into the comma and drop the comma that starts the next segment (accept both, or merge the segments).'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.paragraph is None and ctx.previous is None and ctx.next is None:
            return
        lead = _STARTS_WITH_MARK.match(text)
        trail = _ends_with_stop(text)
        if lead is None and trail is None:
            return
        before, after = surroundings(text, ctx)
        if lead and _ends_with_stop(before) is not None:
            start, end = lead.span()
            start = lead.start(1)
            tail = before.rstrip()[-20:].lstrip()
            yield self.finding(
                start,
                end,
                N_(
                    "Sentence cut before this %(lead_group)s: %(tail)s",
                    lead_group=quote(lead.group(1)),
                    tail=quote(tail + " | " + text[:20]),
                ),
                "",
            )
        if trail is not None:
            following = _STARTS_WITH_MARK.match(after)
            if following:
                mark = following.group(1)
                head = after.lstrip()[:20]
                yield self.finding(
                    trail,
                    trail + 1,
                    N_(
                        "Sentence cut after this full stop: %(text)s",
                        text=quote(text[max(0, trail - 20) : trail + 1] + " | " + head),
                    ),
                    mark,
                )
