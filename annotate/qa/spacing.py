"""Checks on the seams between words: glued words, glued sentences, stray spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, locate_in_paragraph, quote
from .marks import closing_quote_at, inside, url_spans
from .wordlists import CAMEL_CASE_ALLOWED, CLAUSE_STARTERS, SENTENCE_STARTERS

# Patterns start with a character class where they can: the regex engine then skips ahead to
# candidate characters instead of trying every position (about ten times faster here).
_HUMP_START = re.compile(r"[A-Z](?<=[a-z][A-Z])")
_LETTERS = re.compile(r"[A-Za-z]*")
_LETTERS_BACK = re.compile(r"[A-Za-z]*$")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TITLE_WORD = re.compile(r"[A-Z][a-z]*")
_YEAR_GLUED = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?=[A-Z][a-z])")
_DIGIT = re.compile(r"\d")

_GLUE_WORDS = frozenset({"The", "This", "These", "Those", "That", "There"})
# A first hump this long is a whole English word, not a brand syllable ("DevelopmentSection"
# but not "PetroChina", "HarperCollins", "ArcelorMittal").
_LONG_HUMP = 8


class JoinedWords(Check):
    id = "joined-words"
    severity = Severity.ERROR
    title = N_("Words glued together")
    explanation = N_(
        'A lower-case word runs straight into a capitalised one ("twoThe", "DevelopmentSection"): a space, and sometimes a sentence end, was lost. Camel-case names such as iPhone, WeChat or PetroChina are left alone.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        urls = None
        seen_end = -1
        for hump in _HUMP_START.finditer(text):
            if hump.start() < seen_end:
                continue  # a later hump of a token already judged
            start = _LETTERS_BACK.search(text, max(0, hump.start() - 80), hump.start()).start()
            end = _LETTERS.match(text, hump.start()).end()
            seen_end = end
            token = text[start:end]
            boundaries = self._glued_boundaries(token)
            if not boundaries:
                continue
            urls = url_spans(text) if urls is None else urls
            if inside(urls, start):
                continue
            starters = [self._word_at(token, b) for b in boundaries]
            starts_clause = any(w in CLAUSE_STARTERS for w in starters)
            fix = _insert_spaces(token, boundaries, starters)
            hint = " (a lost sentence end)" if starts_clause else ""
            yield self.finding(
                start,
                end,
                N_("Words glued together: %(token)s%(hint)s", token=quote(token), hint=hint),
                fix,
            )
        if _DIGIT.search(text):
            for m in _YEAR_GLUED.finditer(text):
                end = m.end()
                while end < len(text) and text[end].isalpha():
                    end += 1
                surface = text[m.start() : end]
                yield self.finding(
                    m.start(),
                    end,
                    N_("Year glued to the next word: %(surface)s", surface=quote(surface)),
                )

    @staticmethod
    def _word_at(token: str, at: int) -> str:
        m = _TITLE_WORD.match(token, at)
        return m.group() if m else ""

    def _glued_boundaries(self, bare: str) -> list[int]:
        """Where spaces are missing in a run of letters; empty for a camel-case name."""
        if bare.lower() in CAMEL_CASE_ALLOWED:
            return []
        cuts = [m.start() for m in _HUMP.finditer(bare)]
        if not cuts:
            return []
        first = bare[: cuts[0]]
        flagged = []
        previous = 0
        if bare[0].islower():
            # iPhone, eBay, mRNA, kWh: a one-letter prefix is a naming convention.
            if len(first) == 1:
                return []
            flagged, previous, cuts = [cuts[0]], cuts[0], cuts[1:]
        for cut in cuts:
            left = bare[previous:cut]
            right = self._word_at(bare, cut)
            # "TheDevelopment", "DevelopmentSection", "ChinaThe"; but "WeBank", "CanSino",
            # "InBev" and "FromSoftware" are names, so only the articles and "There" count.
            if (
                left in _GLUE_WORDS
                or len(left) >= _LONG_HUMP
                or (right in _GLUE_WORDS and len(left) >= 4)
            ):
                flagged.append(cut)
            previous = cut
        return flagged


def _insert_spaces(token: str, cuts: list[int], starters: list[str]) -> str | None:
    """The token with a space at each cut, and a full stop too where a sentence starts
    ("twoThe" -> "two. The"); None when a cut is before a clause word that may not start a
    sentence ("andIf": a lost comma or a lost stop?)."""
    pieces, previous = [], 0
    for cut, word in zip(cuts, starters, strict=True):
        left = token[previous:cut]
        if word in SENTENCE_STARTERS and left[-1].islower():
            left += "."
        elif word in CLAUSE_STARTERS:
            return None
        pieces.append(left)
        previous = cut
    pieces.append(token[previous:])
    return " ".join(pieces)


_GLUED_SENTENCE = re.compile(r"[.!?](?<=[a-z][.!?])(?=[A-Z][a-z])")
_GLUED_QUOTE = re.compile(r"[\"\u201d\u201c](?<=[\w.!?,][\"\u201d\u201c])(?=[A-Za-z])")
_LETTERS_BEFORE = re.compile(r"[\w'\u2019-]*$")
_LETTERS_AFTER = re.compile(r"[\w'\u2019-]*")
_SEGMENT_END = re.compile(r"(?<=[a-z0-9%)])[.!?][\"\u201d)]?$")


class MissingSpace(Check):
    id = "missing-space"
    severity = Severity.ERROR
    title = N_("Missing space after a sentence end")
    explanation = N_(
        'A sentence ends and the next begins with no space ("reduced.There", \'slowdown"Taxes\'). Decimals, abbreviations such as U.S. or e.g., initials and web addresses are not flagged.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        candidates = [m.start() for m in _GLUED_SENTENCE.finditer(text)]
        quotes = [m.start() for m in _GLUED_QUOTE.finditer(text)]
        urls = url_spans(text) if candidates or quotes else []
        for i in candidates:
            if not inside(urls, i):
                yield self._glued(text, i, after=True)
        if quotes:
            for i in quotes:
                if not inside(urls, i):
                    # A closing quote wants the space after it, an opening one before it.
                    yield self._glued(text, i, after=closing_quote_at(text, i))
        yield from self._glued_to_next_segment(text, ctx)

    def _glued(self, text: str, i: int, *, after: bool) -> Finding:
        start = i - len(_LETTERS_BEFORE.search(text, max(0, i - 80), i).group())
        end = i + 1 + len(_LETTERS_AFTER.match(text, i + 1).group())
        surface = text[start:end]
        mark = i - start
        fixed = (
            surface[: mark + 1] + " " + surface[mark + 1 :]
            if after
            else surface[:mark] + " " + surface[mark:]
        )
        return self.finding(
            start, end, N_("Missing space: %(surface)s", surface=quote(surface)), fixed
        )

    def _glued_to_next_segment(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        offset = locate_in_paragraph(text, ctx)
        if offset is None:
            return
        after = offset + len(text)
        paragraph = ctx.paragraph or ""
        if after >= len(paragraph) or not (
            paragraph[after].isupper() or paragraph[after] in '"\u201c'
        ):
            return
        m = _SEGMENT_END.search(text)
        if not m:
            return
        start = m.start() - len(
            _LETTERS_BEFORE.search(text, max(0, m.start() - 80), m.start()).group()
        )
        following = _LETTERS_AFTER.match(paragraph, after + (paragraph[after] in '"\u201c')).group()
        surface = text[start:] + paragraph[after : after + 1 + len(following)]
        # The space belongs between two segments, so there is no fix inside this one.
        yield self.finding(
            start,
            len(text),
            N_("No space before the next sentence: %(surface)s", surface=quote(surface)),
        )


_SPACE_BEFORE_HINT = re.compile(r"[,;:!?.](?<=[ \t\u00a0][,;:!?.])")
_SPACE_BEFORE = re.compile(
    r"(?<=[^\s.,;:!?(\[{])([ \t\u00a0]+)([,;:!?]|\.(?!\.))(?=\s|$|[\"\u201d\u2019)\]}])"
)


class SpaceBeforePunctuation(Check):
    id = "space-before-punctuation"
    severity = Severity.ERROR
    title = N_("Space before punctuation")
    explanation = N_(
        'English puts no space before , ; : ! ? or a full stop ("Bureau , what", "actions !").'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not _SPACE_BEFORE_HINT.search(text):
            return
        for m in _SPACE_BEFORE.finditer(text):
            start, end = m.span()
            context = text[max(0, start - 12) : end].lstrip()
            yield self.finding(
                start,
                end,
                N_(
                    "Space before %(m_group)s: %(context)s",
                    m_group=quote(m.group(2)),
                    context=quote(context),
                ),
                m.group(2),
            )
