"""Quote marks and brackets that do not pair up, and straight and curly quotes mixed.

A quotation may run over several sentences, so when the paragraph is known the pairing is done
over the whole paragraph and only the marks inside this segment are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, Style, locate_in_paragraph, quote
from .marks import QUOTE_CHARS, Role, quote_marks, space_before_closing_quote

_BRACKETS = re.compile(r"[()\[\]{}]")
_PAIRS = {")": "(", "]": "[", "}": "{"}
# "a) first, b) second": a closing bracket after a one- or two-character label opens nothing.
_LIST_LABEL = re.compile(r"(?:^|(?<=\s))\w{1,2}\)$")


_NEVER_CLOSED = N_("Quote opened here is never closed")
_CLOSES_NOTHING = N_("Closing quote mark without an opening one")


@dataclass(frozen=True, slots=True)
class _Problem:
    index: int
    message: str


@dataclass(frozen=True, slots=True)
class _Analysis:
    problems: tuple[_Problem, ...]
    minority_curly: bool | None  # None when only one quote style is used
    mark_styles: tuple[tuple[int, bool], ...]  # (index, curly) of every paired-up quote mark


# Every segment of a paragraph asks about the same paragraph: analyse it once.
@lru_cache(maxsize=256)
def _analyse(text: str) -> _Analysis:
    problems: list[_Problem] = []
    stack: list[int] = []
    styles: list[tuple[int, bool]] = []
    for mark in quote_marks(text):
        if mark.role is Role.ORPHAN:
            continue  # reported by stray-punctuation
        styles.append((mark.index, mark.curly))
        opens = mark.role is Role.OPEN or (mark.role is Role.AMBIGUOUS and not stack)
        if opens:
            stack.append(mark.index)
        elif stack:
            stack.pop()
        else:
            problems.append(_Problem(mark.index, _CLOSES_NOTHING))
    problems.extend(_Problem(i, _NEVER_CLOSED) for i in stack)

    brackets: list[tuple[int, str]] = []
    for m in _BRACKETS.finditer(text):
        ch = m.group()
        if ch in "([{":
            brackets.append((m.start(), ch))
        elif brackets and brackets[-1][1] == _PAIRS[ch]:
            brackets.pop()
        elif (
            not brackets and ch == ")" and _LIST_LABEL.search(text, max(0, m.start() - 3), m.end())
        ):
            continue
        else:
            problems.append(_Problem(m.start(), N_("%(mark)s closes nothing here", mark=quote(ch))))
    problems.extend(
        _Problem(i, N_("%(mark)s is never closed", mark=quote(ch))) for i, ch in brackets
    )

    curly = sum(1 for _, c in styles if c)
    straight = len(styles) - curly
    # On a tie the curly ones are the odd ones out: MT writes straight quotes, curly ones are
    # carried over from the source.
    minority = None if not curly or not straight else curly <= straight
    return _Analysis(tuple(sorted(problems, key=lambda p: p.index)), minority, tuple(styles))


def clear_paragraph_cache() -> None:
    _analyse.cache_clear()


class UnbalancedQuotes(Check):
    id = "unbalanced-quotes"
    severity = Severity.WARNING
    title = N_("Unbalanced or mixed quotes and brackets")
    explanation = N_(
        "A quote mark or bracket that never closes (or closes nothing), or straight and curly quotes mixed in one sentence or paragraph. MT of nested Chinese titles often drops a closing quote."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not any(c in text for c in '"\u201c\u201d()[]{}'):
            return
        offset = locate_in_paragraph(text, ctx)
        scope, base = (ctx.paragraph or "", offset) if offset is not None else (text, 0)
        analysis = _analyse(scope)
        end = base + len(text)
        reported = set()
        for problem in analysis.problems:
            if base <= problem.index < end and not self._continued(problem, scope, ctx):
                i = problem.index - base
                reported.add(i)
                yield self.finding(
                    i,
                    i + 1,
                    N_(
                        "%(problem)s: %(context)s",
                        problem=problem.message,
                        context=quote(self._context(text, i)),
                    ),
                )
        minority = _wrong_style(analysis, ctx.style)
        if minority is None:
            return
        for index, curly in analysis.mark_styles:
            if base <= index < end and curly == minority and index - base not in reported:
                i = index - base
                kind = N_("curly") if curly else N_("straight")
                yield self.finding(
                    i,
                    i + 1,
                    N_(
                        "Mixed quote styles, this one is %(kind)s: %(context)s",
                        kind=kind,
                        context=quote(self._context(text, i)),
                    ),
                    _restyled(text, i, ctx.style),
                )
                break

    @staticmethod
    def _continued(problem: _Problem, scope: str, ctx: CheckContext) -> bool:
        """A quotation that runs over from the paragraph before or into the next one."""
        if problem.message == _CLOSES_NOTHING and ctx.previous:
            before = _analyse(ctx.previous).problems
            return any(p.message == _NEVER_CLOSED for p in before)
        if (
            problem.message == _NEVER_CLOSED
            and ctx.paragraph
            and not scope[: problem.index].strip()
        ):
            return True  # a paragraph opening a quotation that goes on in the next one
        if problem.message == _NEVER_CLOSED and ctx.next:
            # Each paragraph of a long quotation opens with a quote mark and only the last closes.
            following = ctx.next.lstrip()
            if following[:1] in QUOTE_CHARS and following[:1] != "\u201d":
                return True
            return any(p.message == _CLOSES_NOTHING for p in _analyse(ctx.next).problems)
        return False

    @staticmethod
    def _context(text: str, i: int) -> str:
        return text[max(0, i - 10) : i + 20].strip()


def _wrong_style(analysis: _Analysis, style: Style) -> bool | None:
    """Whether curly (True) or straight (False) marks are the odd ones out, None if unmixed."""
    if analysis.minority_curly is None:
        return None
    if style.quotes is None:
        return analysis.minority_curly
    return style.quotes == "straight"


def _restyled(text: str, i: int, style: Style) -> str | None:
    """The house-style form of the mark at ``i`` where the house style is known."""
    if style.quotes == "straight":
        return '"'
    if style.quotes == "curly" and text[i] == '"':
        role = next((m.role for m in quote_marks(text) if m.index == i), None)
        return {Role.OPEN: "\u201c", Role.CLOSE: "\u201d"}.get(role)  # type: ignore[arg-type]
    return None


_SPACED_QUOTE = re.compile(r"[\"\u201d](?<=[ \t\u00a0][\"\u201d])")


class SpaceBeforeQuote(Check):
    id = "space-before-quote"
    severity = Severity.ERROR
    title = N_("Space before a closing quote")
    explanation = N_(
        "A closing quote mark set off from the words it closes (\"necessary. ”\", 'the Belt and Road ” initiative'). The fix removes the space."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not _SPACED_QUOTE.search(text):
            return
        for mark in quote_marks(text):
            if mark.role is not Role.CLOSE:
                continue
            start = space_before_closing_quote(text, mark.index)
            if start is not None:
                surface = text[max(0, start - 12) : mark.index + 1].lstrip()
                yield self.finding(
                    start,
                    mark.index,
                    N_("Space before the closing quote: %(surface)s", surface=quote(surface)),
                    "",
                )
