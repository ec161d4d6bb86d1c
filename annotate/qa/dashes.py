"""Dashes typed as hyphens, and a source name glued to a headline by a hyphen.

MT and hurried typing write a dash as "--", as a spaced hyphen or as a hyphen touching only one
of its words ("property -- no damage", "word - word", "word -word"). The fix is the house dash
(``Style.dash``); a house-style dash that is already there is never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, quote
from .marks import inside, url_spans

_LETTER = r"[^\W\d_]"
_DASH = re.compile(
    rf"(?P<double>(?<=[\w.,;!?\"\u201d')])[ \t]*-{{2,3}}[ \t]*(?=[\w\"\u201c'(]))"
    rf"|(?P<spaced>(?<={_LETTER})[ \t]+-[ \t]+(?={_LETTER}))"
    rf"|(?P<before>(?<={_LETTER}[ \t])-(?={_LETTER}{{2}}))"
    rf"|(?P<after>(?<={_LETTER}{{2}})-[ \t]+(?={_LETTER}))"
)
# "long- and short-term", "pre- or post-war", "19th- to 20th-century": a suspended hyphen.
_SUSPENDED = re.compile(r"(?:and|or|to|nor|than|as well as)\b")
# "non -profit" is a broken compound, not a dash; the repair could go either way.
_PREFIXES = frozenset(
    [
        "non",
        "anti",
        "co",
        "pre",
        "post",
        "re",
        "self",
        "e",
        "x",
        "ex",
        "multi",
        "inter",
        "sub",
        "semi",
    ]
)
_WORD_BEFORE = re.compile(rf"{_LETTER}+$")
_WORD_AFTER = re.compile(rf"({_LETTER}+)(-)?")
# "so -called", "well -known", "high -tech": the second half of a compound, not a dash.
_COMPOUND_TAILS = frozenset(
    [
        "called",
        "known",
        "based",
        "related",
        "term",
        "level",
        "scale",
        "time",
        "quality",
        "tech",
        "owned",
        "run",
        "making",
        "up",
        "out",
        "off",
        "in",
        "on",
        "free",
        "wide",
        "like",
        "style",
        "oriented",
        "friendly",
        "led",
        "driven",
    ]
)


class DashMisuse(Check):
    id = "dash-misuse"
    severity = Severity.WARNING
    title = N_("Hyphen used as a dash")
    explanation = N_(
        'A dash typed as "--", as a hyphen with spaces ("word - word") or as a hyphen touching one word only ("word -word"). The fix writes the house dash: an em dash ("word—word") or a spaced en dash ("word – word"). Suspended hyphens ("long- and short-term"), ranges and minus signs are left alone.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if " -" not in text and "- " not in text and "--" not in text:
            return  # inner hyphens ("year-on-year") are no dashes; skip the regex for them
        urls = None
        dash = ctx.style.dash_between_words
        for m in _DASH.finditer(text):
            start, end = m.span()
            kind = m.lastgroup
            if kind == "after" and _SUSPENDED.match(text, end):
                continue
            if kind == "before":
                word = _WORD_BEFORE.search(text, max(0, start - 40), start - 1)
                tail = _WORD_AFTER.match(text, end)
                if (word and word.group().lower() in _PREFIXES) or (
                    tail and (tail.group(1).lower() in _COMPOUND_TAILS or tail.group(2))
                ):
                    continue
                start -= 1  # the space before the hyphen belongs to the dash
            urls = url_spans(text) if urls is None else urls
            if inside(urls, start):
                continue
            context = text[max(0, start - 12) : end + 12].strip()
            yield self.finding(
                start, end, N_("Hyphen used as a dash: %(context)s", context=quote(context)), dash
            )


# A news source glued to the end of a headline: "trust-Chinanews.com", "growth-Xinhua".
_SOURCE = re.compile(
    r"(?<=[a-z0-9.!?\"\u201d])-"
    r"(?=(?:[A-Z][\w]*\.(?:com|cn|net|org|co\.uk)|Xinhua|Reuters|AFP|AP|Bloomberg|CNN|BBC"
    r"|China Daily|Global Times|People's Daily|CGTN|Chinanews|Sina|Sohu|Tencent News)\b"
    # ... and ends the headline: a name inside a sentence ("the Sino-Xinhua link") is not glued.
    r"\S*[ \t]*(?:$|\n))"
)


class GluedSource(Check):
    id = "glued-source"
    severity = Severity.WARNING
    title = N_("Source name glued to the headline")
    explanation = N_(
        'A news source or web site joined to the headline by a bare hyphen ("public trust-Chinanews.com"). The fix separates them with the house dash.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if "-" not in text[-60:]:
            return  # the source ends the headline
        for m in _SOURCE.finditer(text, max(0, len(text) - 60)):
            context = text[max(0, m.start() - 12) : m.end() + 14].strip()
            yield self.finding(
                m.start(),
                m.end(),
                N_("Source name glued to the text: %(context)s", context=quote(context)),
                ctx.style.dash_between_words,
            )
