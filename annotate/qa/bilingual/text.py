"""Source-aware checks on the shape of the text: untranslated Chinese, the sentence type, and
the quotes, titles and brackets of the source."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from corpus.text.i18n import N_

from ..base import Check, CheckContext, Finding, Severity, quote

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_SPACE = re.compile(r"\s+")


def _folded(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


class Untranslated(Check):
    id = "untranslated"
    severity = Severity.ERROR
    title = N_("Source left untranslated")
    explanation = N_(
        "The target repeats the Chinese source, or keeps Chinese characters copied from it. Needs a translation, so there is no fix. Chinese the source does not have is left to the chinese-leftover check, which also offers fixes for full-width punctuation."
    )
    supersedes = ("chinese-leftover",)

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        source = ctx.source
        if not source or not HAN.search(text) or not HAN.search(source):
            return
        if _folded(text) == _folded(source):
            yield self.finding(
                0, len(text), N_("The target repeats the source %(source)s", source=quote(source))
            )
            return
        for m in HAN.finditer(text):
            if m.group() in source:
                message = N_(
                    "%(m_group)s is copied from the source untranslated", m_group=quote(m.group())
                )
                yield self.finding(m.start(), m.end(), message)


_CLOSERS = "”’\"'）)」』】》]"
_QUESTION = "？?"
_EXCLAIM = "！!"
_ASKING = re.compile(
    r"(?:what|when|where|who|whom|whose|why|how|which|is|are|was|were|am|do|does|did|can|could|"
    r"will|would|shall|should|may|might|must|have|has|had|isn't|aren't|don't|doesn't|didn't|"
    r"can't|won't)\b",
    re.IGNORECASE,
)


def _final(text: str) -> tuple[int, str]:
    """Position and character of the last mark before trailing space and closing quotes."""
    end = len(text.rstrip())
    while end and text[end - 1] in _CLOSERS:
        end -= 1
    end = len(text[:end].rstrip())
    return end - 1, text[end - 1 : end]


class SentenceType(Check):
    id = "sentence-type"
    severity = Severity.WARNING
    title = N_("Question or exclamation lost")
    explanation = N_(
        "The source ends in a question mark or an exclamation mark and the target ends in neither. When a question became a statement ending in a full stop and the target still opens like a question (what, how, can, is ...), the fix puts the question mark back."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not ctx.source or not text.strip():
            return
        _, mark = _final(ctx.source)
        if not mark or mark not in _QUESTION + _EXCLAIM:
            return
        at, last = _final(text)
        if last in "?!":
            return
        kind = N_("a question") if mark in _QUESTION else N_("an exclamation")
        message = N_(
            "The source is %(kind)s (ends in %(mark)s) but the target ends in %(last)s",
            kind=kind,
            mark=quote(mark),
            last=quote(last),
        )
        fix = None
        last_clause = re.split(r"[,;:]\s*", text[:at])[-1].lstrip(' "“')
        if mark in _QUESTION and last == "." and _ASKING.match(last_clause):
            fix = "?"
        yield self.finding(at, at + 1, message, fix)


# Openers of the source and the target characters that answer them.
_QUOTE_OPENERS = "“「『《〈"
_PAREN_OPENERS = "（(【"
_CLOSER_OF = {
    "“": "”",
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
    "（": "）",
    "(": ")",
    "【": "】",
}
_OPENER = re.compile("[" + re.escape("".join(_CLOSER_OF)) + "]")
_LATIN_GLOSS = re.compile(r"[\sA-Za-z0-9.,'’&/-]+")


def _source_pairs(source: str) -> tuple[list[str], list[str]]:
    """The quoted or titled parts and the bracketed parts of the source that need a counterpart.

    Left out: a bracket holding only Latin script (the English name glossed after the Chinese,
    （USS Nevada）, which the translation uses in place of the Chinese) and a quoted name before
    号 (“卡尔·文森”号, a vessel or craft, which English names without quotes).
    """
    quotes: list[str] = []
    parens: list[str] = []
    for i, c in enumerate(source):
        if c not in _CLOSER_OF:
            continue
        close = source.find(_CLOSER_OF[c], i + 1)
        if close < 0:
            continue
        inner = source[i + 1 : close]
        if c in _QUOTE_OPENERS:
            if inner.endswith("号") or source[close + 1 : close + 2] == "号":
                continue
            quotes.append(source[i : close + 1])
        elif not _LATIN_GLOSS.fullmatch(inner):
            parens.append(source[i : close + 1])
    return quotes, parens


def _target_pairs(text: str) -> tuple[int, int]:
    quotes = text.count("“") + text.count("‘") + text.count('"') // 2 + text.count("«")
    parens = text.count("(") + text.count("[")
    return quotes, parens


class SourcePairs(Check):
    id = "source-pairs"
    severity = Severity.INFO
    title = N_("Quote, title or bracket of the source without a counterpart")
    explanation = N_(
        "The source marks a quotation or a title (“”, 「」, 《》) or an aside in brackets (（）) and the target has fewer quotes or brackets: the marking, or the words inside it, may be lost. English glosses in brackets and quoted vessel names are not counted."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        source = ctx.source
        if not source or not _OPENER.search(source):
            return
        quotes, parens = _source_pairs(source)
        have_quotes, have_parens = _target_pairs(text)
        for wanted, have, what in (
            (quotes, have_quotes, N_("quotes or titles")),
            (parens, have_parens, N_("brackets")),
        ):
            if len(wanted) > have:
                shown = ", ".join(quote(w, 24) for w in wanted[:3])
                yield self.finding(
                    0,
                    len(text),
                    N_(
                        "The source has %(n_wanted)s in %(what)s (%(shown)s); the target has %(have)s",
                        n_wanted=len(wanted),
                        what=what,
                        shown=shown,
                        have=have,
                    ),
                )
