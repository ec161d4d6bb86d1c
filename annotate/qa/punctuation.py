"""Punctuation left over from the source or doubled by the MT: ".%", ",.", "?.", ". .", '" "'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, quote, surroundings
from .marks import QUOTE_CHARS, Role, is_abbreviation_dot, quote_marks

_STRAY_HINT = re.compile(
    r"[.,;:!?\"\u201c\u201d]"
    r"(?:(?<=[.,;:!?])[.,;:!?%]|(?<=[.,;:!?])[ \t]+[.,;:!?]|(?<=[\"\u201c\u201d])[\"\u201c\u201d])"
)
_LEADING_MARK = re.compile(r"\s*[,;:.](?=\s)")
_STRAY = re.compile(
    r"(?P<percent>(?<=[^\W\d_])[.,;:]%)"
    r"|(?P<run>[.,;:!?]{2,}(?:[ \t]+[.,;:!?]+(?=\s|$|[\"\u201d)\]]))*)"
    r"|(?P<spaced>[.,;:!?](?:[ \t]+[.,;:!?]+)+(?=\s|$|[\"\u201d)\]]))"
    r"|(?P<quotes>[\"\u201c\u201d]{2})"
    # A segment opening with marks left over from the previous one: all of them, spaced or not
    # (". . "), so the fix leaves no mark of the run behind.
    r"|(?P<leading>^\s*[,;:.](?:[ \t]*[,;:.])*(?=\s|$))"
)
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s*$")
_NEXT_VISIBLE = re.compile(r"[\s\"\u201c\u201d'\u2018\u2019()\[\]]*(.?)")


def kept_mark(text: str, start: int, end: int) -> str | None:
    """The one mark to keep of a run that clashes (",." "?." ". ," ",,"), when the text says.

    Marks of one kind are a doubling: one stays. A sentence mark (. ? !) meets a clause mark
    (, ; :): before a capital or at the end the sentence mark stays, before a lower-case word
    the clause mark. "?" and "!" win over ".", and two clause marks (",;") are left to the
    reviewer.
    """
    marks = set(text[start:end]) - {" ", "\t"}
    if len(marks) == 1:
        return marks.pop()
    exclaims = marks & set("?!")
    if exclaims:
        return text[start:end].lstrip(".,;: \t")[0] if marks - exclaims <= {"."} else None
    clause = marks - {"."}
    if "." not in marks or len(clause) != 1:
        return None
    following = _NEXT_VISIBLE.match(text, end).group(1)
    if not following or following.isupper():
        return "."
    return clause.pop() if following.islower() else None


def _at_start(text: str, start: int, end: int, fix: str | None) -> str | None:
    """Marks that open the text, before a space, end nothing: all of them go."""
    opens_text = not text[:start].strip() and (end == len(text) or text[end].isspace())
    return "" if fix is not None and opens_text else fix


class StrayPunctuation(Check):
    id = "stray-punctuation"
    severity = Severity.ERROR
    title = N_("Stray, doubled or clashing punctuation")
    explanation = N_(
        'Punctuation left over from the source or doubled by the MT: ".%,", ",.", "?.", ". .", ". ,", a quote mark standing alone (\'" ”\'). Ellipses and abbreviations followed by a comma ("etc.,", "et al.,", "e.g.,") are fine. Where the text after the marks shows which one belongs (a capital: the full stop; a lower-case word: the comma) the fix keeps that one.'
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
                start += len(surface) - len(surface.lstrip())
                stop = end + 1 if end < len(text) else end  # with the space after the marks
                yield self.finding(
                    start,
                    stop,
                    N_("Sentence starts with stray %(text)s", text=quote(text[start:end])),
                    "",
                )
            elif kind == "percent":
                following = text[end : end + 1]
                fix = "" if following and following in ",;:." else surface[0]
                yield self.finding(
                    start, end, N_("Stray punctuation: %(surface)s", surface=quote(surface)), fix
                )
            elif kind == "run":
                if self._allowed_run(text, start, surface):
                    continue
                fix = _at_start(text, start, end, kept_mark(text, start, end))
                label = N_("Doubled") if len(set(surface)) == 1 else N_("Clashing")
                yield self.finding(
                    start,
                    end,
                    N_("%(label)s punctuation: %(surface)s", label=label, surface=quote(surface)),
                    fix,
                )
            elif kind == "spaced":
                if self._spaced_ellipsis(text, start, end):
                    continue
                fix = _at_start(text, start, end, kept_mark(text, start, end))
                yield self.finding(
                    start, end, N_("Stray punctuation: %(surface)s", surface=quote(surface)), fix
                )
            else:
                yield self.finding(
                    start, end, N_("Doubled quote marks: %(surface)s", surface=quote(surface))
                )

    @staticmethod
    def _allowed_run(text: str, start: int, run: str) -> bool:
        """An ellipsis ("...", "...,"), "?!" and "!!", or an abbreviation before its comma
        ("etc.,", "U.S.,", "et al.;")."""
        if run.startswith("...") or not run.strip("?!"):
            return True
        return (
            run[0] == "." and len(run) == 2 and run[1] != "." and is_abbreviation_dot(text, start)
        )

    @staticmethod
    def _spaced_ellipsis(text: str, start: int, end: int) -> bool:
        marks = text[start:end].replace(" ", "").replace("\t", "")
        return marks.count(".") >= 3 and not marks.strip(".")

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
                yield self.finding(
                    i, after, N_("Quote mark standing alone: %(context)s", context=context), ""
                )
            elif before > 0 and text[before - 1] in QUOTE_CHARS:
                yield self.finding(
                    before, i + 1, N_("Quote mark standing alone: %(context)s", context=context), ""
                )
            else:
                yield self.finding(
                    i, i + 1, N_("Quote mark standing alone: %(context)s", context=context)
                )
