"""Capital letters where a sentence did not start: the trace of two clauses run together."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, quote, words
from .wordlists import (
    CLAUSE_STARTERS,
    HEADING_LABELS,
    MT_CLAUSE_VERBS,
    NUMBER_WORDS,
    SENTENCE_STARTERS,
)

_AFTER_COMMA = re.compile(r",([ \t]+)([A-Z][a-z]+)(?=[ \t]+[a-z0-9])")
# "(1)", "1)", "(iv)", "(a)": a label, not the end of a clause.
_LIST_LABEL = re.compile(r"(?:^|[\s(])\(?(?:\d{1,3}|[ivx]{1,4}|[a-z])\)$")
_CLOSING_GAPS = frozenset({'" ', "\u201d ", ") ", "] "})
_CANDIDATE = re.compile(r"[A-Z](?<=[\w\"\u201d)\]] [A-Z])[a-z]+(?:-[A-Za-z]+)?(?= [a-z0-9])")


def _clause_word(word: str) -> bool:
    if word in CLAUSE_STARTERS or word in MT_CLAUSE_VERBS:
        return True
    head, dash, _ = word.partition("-")
    return bool(dash) and head in NUMBER_WORDS


class CapitalAfterComma(Check):
    id = "capital-after-comma"
    severity = Severity.WARNING
    title = N_("Capital letter after a comma")
    explanation = N_(
        'A comma followed by a capitalised clause opener (", There are", ", Under the") usually means two sentences were joined with a comma. Names after commas are fine. Before a word that opens a main clause ("The", "There", "In") the fix makes the comma a full stop.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if ", " not in text:
            return
        for m in _AFTER_COMMA.finditer(text):
            word = m.group(2)
            if _clause_word(word):
                context = text[m.start(2) : m.end(2) + 12].rsplit(" ", 1)[0]
                message = N_(
                    "Capitalised %(word)s after a comma: %(value)s",
                    word=quote(word),
                    value=quote(", " + context),
                )
                fix = f".{m.group(1)}{word}" if word in SENTENCE_STARTERS else None
                yield self.finding(m.start(), m.end(), message, fix)


class MidSentenceCapital(Check):
    id = "mid-sentence-capital"
    severity = Severity.WARNING
    title = N_("Capitalised word in mid-sentence")
    explanation = N_(
        'A clause opener such as "The", "With", "If" or an imperative such as "Implement" is capitalised between two lower-case words ("has made The major"): a sentence boundary was lost or the MT glued two clauses. Titles and names are left alone.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not any(_clause_word(m.group()) for m in _CANDIDATE.finditer(text)):
            return  # cheap pre-test before walking every word
        tokens = list(words(text))
        for k in range(1, len(tokens) - 1):
            word = tokens[k].group()
            if not (word[0].isupper() and word[1:2].islower() and _clause_word(word)):
                continue
            prev, nxt = tokens[k - 1], tokens[k + 1]
            if text[tokens[k].end() : nxt.start()] != " " or not nxt.group()[0].islower():
                continue
            gap = text[prev.end() : tokens[k].start()]
            if self._numbered_heading(text, tokens, k):
                continue
            if gap == " ":
                if not (prev.group()[0].islower() or prev.group()[0].isdigit()):
                    continue
                if k >= 2 and self._title_context(text, tokens[k - 2], prev):
                    continue
            elif gap not in _CLOSING_GAPS:
                continue
            surface = text[prev.start() : nxt.end()]
            message = N_(
                "Capitalised %(word)s in mid-sentence: %(surface)s",
                word=quote(word),
                surface=quote(surface),
            )
            yield self.finding(tokens[k].start(), tokens[k].end(), message)

    @staticmethod
    def _numbered_heading(text: str, tokens: list[re.Match[str]], k: int) -> bool:
        """ "Article 25 The State", "(1) The plan", "Step 2 Build": numbers label a heading."""
        prev = tokens[k - 1]
        if not (prev.group()[0].isdigit() or len(prev.group()) <= 4):
            return False
        if _LIST_LABEL.search(text, max(0, prev.start() - 2), tokens[k].start() - 1):
            return True
        if not prev.group()[0].isdigit():
            return False
        return k == 1 or (tokens[k - 2].group().lower() in HEADING_LABELS)

    @staticmethod
    def _title_context(text: str, before_prev: re.Match[str], prev: re.Match[str]) -> bool:
        """ "Plan for Ningxia to Implement the": a capitalised word two back means a title."""
        if before_prev.start() == 0 or text[: before_prev.start()].rstrip()[-1:] in ".!?":
            return False
        return before_prev.group()[0].isupper() and text[before_prev.end() : prev.start()] == " "
