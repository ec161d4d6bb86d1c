"""Punctuation left over from the source or doubled by the MT: ".%", ",.", "?.", ". .", '" "'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Check, CheckContext, Finding, Severity, quote, surroundings
from .marks import QUOTE_CHARS, Role, is_abbreviation_dot, quote_marks

_STRAY_HINT = re.compile(
    r"[.,;:!?\"\u201c\u201d]"
    r"(?:(?<=[.,;:])[.,;:%]|(?<=[!?])[.,;:]|(?<=[.,;:!?])[ \t]+[.,;:!?]"
    r"|(?<=[\"\u201c\u201d])[\"\u201c\u201d])"
)
_LEADING_MARK = re.compile(r"\s*[,;:.](?=\s)")
_STRAY = re.compile(
    r"(?P<percent>(?<=[^\W\d_])[.,;:]%)"
    r"|(?P<double>,,+|;;+|::+|(?<!\.)\.\.(?!\.))"
    r"|(?P<mixed>[,;:][.,;:]|(?<!\.)\.[,;:]|[?!][.,;:])"
    r"|(?P<spaced>[.,;:!?][ \t]+[.,;:!?](?=\s|$|[\"\u201d)\]]))"
    r"|(?P<quotes>[\"\u201c\u201d]{2})"
    r"|(?P<leading>^\s*[,;:.](?=\s))"
)
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s*$")
_NEXT_VISIBLE = re.compile(r"[\s\"\u201c\u201d'\u2018\u2019()\[\]]*(.?)")


def kept_mark(text: str, start: int, end: int) -> str | None:
    """The one mark to keep of two that clash (",." "?." ". ,"), when the text after says.

    A sentence mark (. ? !) meets a clause mark (, ; :): before a capital or at the end the
    sentence mark stays, before a lower-case word the clause mark. "?" and "!" always win
    over ".", and two clause marks (",;") are left to the reviewer.
    """
    first, last = text[start], text[end - 1]
    if first == last:
        return first
    marks = {first, last}
    if marks & set("?!"):
        exclaim = first if first in "?!" else last
        return exclaim if marks - set("?!") <= {"."} else None
    if "." not in marks:
        return None
    following = _NEXT_VISIBLE.match(text, end).group(1)
    if not following or following.isupper():
        return "."
    if following.islower():
        return last if first == "." else first
    return None


class StrayPunctuation(Check):
    id = "stray-punctuation"
    severity = Severity.ERROR
    title = "Stray, doubled or clashing punctuation"
    explanation = (
        'Punctuation left over from the source or doubled by the MT: ".%,", ",.", "?.", ". .", '
        '". ,", a quote mark standing alone (\'" \u201d\'). Ellipses and abbreviations followed '
        'by a comma ("etc.,", "et al.,", "e.g.,") are fine. Where the text after the marks shows '
        "which one belongs (a capital: the full stop; a lower-case word: the comma) the fix "
        "keeps that one."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if _STRAY_HINT.search(text) or _LEADING_MARK.match(text):
            yield from self._marks(text, ctx)
        if any(q in text for q in QUOTE_CHARS):
            yield from self._orphan_quotes(text)

    def _marks(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        for m in _STRAY.finditer(text):
            kind = m.lastgroup
            start, end = m.span()
            surface = m.group()
            if kind == "leading":
                # After a segment that ended a sentence, split-sentence reports both halves.
                if _SENTENCE_END.search(surroundings(text, ctx)[0]):
                    continue
                start = end - 1
                yield self.finding(
                    start, end + 1, f"Sentence starts with stray {quote(text[start])}", ""
                )
            elif kind == "percent":
                following = text[end : end + 1]
                fix = "" if following and following in ",;:." else surface[0]
                yield self.finding(start, end, f"Stray punctuation: {quote(surface)}", fix)
            elif kind == "double":
                yield self.finding(start, end, f"Doubled punctuation: {quote(surface)}", surface[0])
            elif kind == "mixed":
                if surface[0] == "." and is_abbreviation_dot(text, start):
                    continue
                fix = kept_mark(text, start, end)
                yield self.finding(start, end, f"Clashing punctuation: {quote(surface)}", fix)
            elif kind == "spaced":
                if self._spaced_ellipsis(text, start, end):
                    continue
                fix = kept_mark(text, start, end)
                yield self.finding(start, end, f"Stray punctuation: {quote(surface)}", fix)
            else:
                yield self.finding(start, end, f"Doubled quote marks: {quote(surface)}")

    @staticmethod
    def _spaced_ellipsis(text: str, start: int, end: int) -> bool:
        if text[start] != "." or text[end - 1] != ".":
            return False
        return text[end : end + 2] == " ." or text[max(0, start - 2) : start] == ". "

    def _orphan_quotes(self, text: str) -> Iterator[Finding]:
        for mark in quote_marks(text):
            if mark.role is not Role.ORPHAN:
                continue
            i = mark.index
            after = len(text) - len(text[i + 1 :].lstrip(" "))
            before = len(text[:i].rstrip(" "))
            context = quote(text[max(0, i - 12) : i + 2].strip())
            # Next to another quote mark ('" "Guarantee', 'Project" ”') the lone one is a
            # duplicate and goes, with the space between. Elsewhere ('said " we will"') the
            # repair may be the space instead, so no fix is offered.
            if after < len(text) and text[after] in QUOTE_CHARS:
                yield self.finding(i, after, f"Quote mark standing alone: {context}", "")
            elif before > 0 and text[before - 1] in QUOTE_CHARS:
                yield self.finding(before, i + 1, f"Quote mark standing alone: {context}", "")
            else:
                yield self.finding(i, i + 1, f"Quote mark standing alone: {context}")
