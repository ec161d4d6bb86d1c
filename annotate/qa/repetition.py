"""Repetition the MT produced: a doubled word, a doubled list item, "X and X"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat
from operator import eq

from corpus.text.i18n import N_

from .base import WORD, Check, CheckContext, Finding, Severity, quote, surroundings
from .marks import inside, url_spans
from .wordlists import (
    AUXILIARIES,
    CLAUSE_STARTERS,
    DOUBLING_OK,
    EMPHATIC_REPEATS,
    REDUPLICATION_OK,
)

_TRAILING = ".,;:!?\"\u201d)'\u2019"
_DOUBLED = re.compile(
    r"(?<![\w'\u2019-])([^\W\d_]+(?:[-'\u2019][^\W\d_]+)*)\s+(\1)(?![\w'\u2019-])", re.IGNORECASE
)


class RepeatedWord(Check):
    id = "repeated-word"
    severity = Severity.ERROR
    title = N_("Repeated word")
    explanation = N_(
        'The same word twice in a row ("task Task", "the the"). "had had" and "that that" are allowed, and so are doubled names such as "Bora Bora".'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        words = text.lower().split()
        # Cheap pre-test, mapped in C: no word is followed by itself.
        if not any(map(eq, words, map(str.rstrip, words[1:], repeat(_TRAILING)))):
            return
        urls = None
        for m in _DOUBLED.finditer(text):
            first, second = m.group(1), m.group(2)
            if first.lower() in DOUBLING_OK:
                continue
            urls = url_spans(text) if urls is None else urls
            if inside(urls, m.start()):
                continue
            if first[0].isupper() and second[0].isupper() and first not in CLAUSE_STARTERS:
                continue
            yield self.finding(
                m.start(),
                m.end(),
                N_("Repeated word: %(m_group)s", m_group=quote(m.group())),
                first,
            )


# Items of an enumeration are cut at commas and at "and"/"or"; an enumeration ends at
# sentence punctuation, brackets and quote marks.
_ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
_ENUMERATION_END = re.compile(r"[;:()\[\]\"\u201c\u201d!?\n\u2013\u2014]|\.(?=\s|$)|--|\s-\s")
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "with",
        "by",
        "as",
        "its",
        "their",
        "our",
        "this",
        "that",
        "other",
    ]
)
# The first word of a list item that is not a stopword ("by rail" -> "rail").
_ITEM_HEAD = re.compile(
    r"[, ](?:(?<=,)\s*(?:and |or )?|(?<= )(?:and|or) )[\"\u201c]?(?:(?:{}) )*([^\W\d_]+)".format(
        "|".join(sorted(_STOPWORDS))
    )
)
_MAX_ITEM_WORDS = 5
_COMMA_AFTER = re.compile(r",[ \t]+")
_LOOK_BACK = 4


class RepeatedPhrase(Check):
    id = "repeated-phrase"
    severity = Severity.WARNING
    title = N_("Repeated list item")
    explanation = N_(
        'An item appears twice in one list ("big data, cloud computing, big data"; "Specialized, Specialized"). Often two different source terms got one rendering.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        lowered = text.lower()
        # Cheap pre-test: a repeated item starts with a word that stands twice in the text.
        heads = [
            (m.group(1), m.start(1))
            for m in _ITEM_HEAD.finditer(lowered)
            if m.group(1) not in _STOPWORDS and lowered.count(m.group(1)) > 1
        ]
        if not heads:
            return
        suspects = {w for w, _ in heads}
        start = 0
        for end_mark in _ENUMERATION_END.finditer(text):
            yield from self._enumeration(text, lowered, heads, suspects, start, end_mark.start())
            start = end_mark.end()
        yield from self._enumeration(text, lowered, heads, suspects, start, len(text))

    def _enumeration(
        self,
        text: str,
        lowered: str,
        heads: list[tuple[str, int]],
        suspects: set[str],
        start: int,
        end: int,
    ) -> Iterator[Finding]:
        # Only a list where a suspect heads an item and stands again is worth cutting up.
        if not any(start <= at < end and lowered.count(w, start, end) > 1 for w, at in heads):
            return
        items: list[list[re.Match[str]]] = []
        comma_before: list[bool] = [False]
        position = start
        for sep in _ITEM_SEPARATOR.finditer(text, start, end):
            items.append(list(WORD.finditer(text, position, sep.start())))
            comma_before.append("," in sep.group())
            position = sep.end()
        items.append(list(WORD.finditer(text, position, end)))
        if len(items) < 2:
            return
        keys = [[w.group().lower() for w in item] for item in items]
        listable = [_listable(key) for key in keys]
        last = len(items) - 1
        for j in range(1, len(items)):
            if not suspects.intersection(keys[j]):
                continue
            for i in range(j - 1, max(-1, j - 1 - _LOOK_BACK), -1):
                if i == j - 1 and not comma_before[j]:
                    continue  # "X and X" is the x-and-x check's
                earlier, item = keys[i], keys[j]
                # The first item often carries the words that introduce the list ("such as big
                # data"), so its tail is compared; the last item runs on into the sentence ("big
                # data are"), so its head is compared.
                if listable[j] and earlier[-len(item) :] == item:
                    length = len(item)
                elif (
                    j == last
                    and listable[i]
                    and len(item) > len(earlier)
                    and item[: len(earlier)] == earlier
                ):
                    length = len(earlier)
                else:
                    continue
                first, final = items[j][0], items[j][length - 1]
                surface = text[first.start() : final.end()]
                message = N_("Repeated list item: %(surface)s", surface=quote(surface))
                end = self._deletion_end(text, items, keys, i, j)
                if end is None:
                    yield self.finding(first.start(), final.end(), message)
                else:
                    yield self.finding(first.start(), end, message, "")
                break

    @staticmethod
    def _deletion_end(
        text: str, items: list[list[re.Match[str]]], keys: list[list[str]], i: int, j: int
    ) -> int | None:
        """Where to stop deleting the item (with the comma and space after it), when deleting
        it is certainly the repair.

        An item that comes back later in the list ("big data, cloud computing, big data,
        integration") was emitted twice. Side by side ("leading, leading") two source terms
        usually got one rendering, and the last item runs on into the sentence, so those are
        left to the reviewer.
        """
        if i == j - 1 or j == len(items) - 1 or keys[j] != keys[i][-len(keys[j]) :]:
            return None
        end = items[j][-1].end()
        m = _COMMA_AFTER.match(text, end)
        return m.end() if m else None


def _listable(key: list[str]) -> bool:
    if not 0 < len(key) <= _MAX_ITEM_WORDS or all(w in _STOPWORDS or w[0].isdigit() for w in key):
        return False
    # "quarter by quarter", "one by one" are idioms that recur in one sentence.
    return not (len(key) >= 3 and key[0] == key[-1])


_CONJUNCTION = re.compile(r"\s+(and|or)\s+")
_FUNCTION_WORDS = frozenset(w.lower() for w in CLAUSE_STARTERS) | AUXILIARIES
_MAX_X_WORDS = 7


class XAndX(Check):
    id = "x-and-x"
    severity = Severity.WARNING
    title = N_('Same words on both sides of "and"')
    explanation = N_(
        '"informatization and informatization": two different source terms were rendered with one English word. "more and more", "again and again" and comparatives ("bigger and bigger") are allowed.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if " and " not in text and " or " not in text:
            return
        for conj in _CONJUNCTION.finditer(text):
            # Cheap pre-test: the word after "and" must also stand in the few words before it.
            following = WORD.match(text, conj.end())
            start, end = conj.span()
            if (
                not following
                or following.group().lower() not in text[max(0, start - 120) : start].lower()
            ):
                continue
            before = self._run_before(
                text, list(WORD.finditer(text, max(0, start - 200), start)), start
            )
            after = self._run_after(
                text, list(WORD.finditer(text, end, min(len(text), end + 200))), end
            )
            for k in range(min(len(before), len(after), _MAX_X_WORDS), 0, -1):
                left, right = before[-k:], after[:k]
                if [w.group().lower() for w in left] != [w.group().lower() for w in right]:
                    continue
                if k == 1 and (
                    self._reduplication(left[0].group().lower()) or self._modifies_next(after)
                ):
                    break
                surface = text[left[0].start() : right[-1].end()]
                message = N_(
                    "Same words on both sides of %(conj_group)s: %(surface)s",
                    conj_group=quote(conj.group(1)),
                    surface=quote(surface),
                )
                yield self.finding(left[0].start(), right[-1].end(), message)
                break

    @staticmethod
    def _run_before(text: str, found: list[re.Match[str]], end: int) -> list[re.Match[str]]:
        """The words right before the conjunction, up to the first punctuation between them."""
        run: list[re.Match[str]] = []
        for w in reversed(found):
            if text[w.end() : end].strip():
                break
            run.append(w)
            end = w.start()
        run.reverse()
        return run

    @staticmethod
    def _run_after(text: str, found: list[re.Match[str]], start: int) -> list[re.Match[str]]:
        run: list[re.Match[str]] = []
        for w in found:
            if text[start : w.start()].strip():
                break
            run.append(w)
            start = w.end()
        return run

    @staticmethod
    def _modifies_next(after: list[re.Match[str]]) -> bool:
        """ "start of construction and construction progress": the second X qualifies a noun;
        "J.P. Morgan and Morgan Stanley": the second X begins a name."""
        if len(after) < 2:
            return False
        word = after[1].group()
        if after[0].group()[0].isupper() and word[0].isupper():
            return True
        return word[0].islower() and word not in _FUNCTION_WORDS

    @staticmethod
    def _reduplication(word: str) -> bool:
        return (
            word in REDUPLICATION_OK
            or word.isdigit()
            or (word.endswith("er") and len(word) > 4)
            or word == "worse"
        )


_ACROSS = re.compile(
    r"(?<![\w'\u2019-])([^\W\d_]+)(?=([ \t]*(?:[,;:.!?]|\u2014|\u2013)[ \t\n]*|[ \t]+--?[ \t]+)(\1)(?![\w'\u2019-]))",
    re.IGNORECASE,
)
_MARKS = ",;:.!?\u2014\u2013"
_DASHES = frozenset(["-", "--", "\u2014", "\u2013"])
_FIRST_WORD = re.compile(r"\s*([^\W\d_]+)[ \t]*")


class RepeatedAcrossPunctuation(Check):
    id = "repeated-across-punctuation"
    severity = Severity.WARNING
    title = N_("Word repeated across punctuation or a segment break")
    explanation = N_(
        'The same word on both sides of a mark ("the, the", "growth. Growth") or on both sides of a segment break: a doubling the repeated-word check cannot see. Emphasis ("very, very", "no, no") is fine. A doubled function word after a comma is deleted by the fix; elsewhere the reviewer picks which one goes.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._across_the_break(text, ctx)
        if not self._candidates(text):
            return
        # The second word sits in a lookahead, so "the, the, the" gives two overlapping pairs.
        for m in _ACROSS.finditer(text):
            word = m.group(1).lower()
            end = m.end(3)
            if word in EMPHATIC_REPEATS or word in DOUBLING_OK or (len(word) < 2 and word != "a"):
                continue
            mark = m.group(2).strip()
            if mark == ",":
                # Content words after a comma are list items: the repeated-phrase check's.
                if word not in _STOPWORDS and word not in AUXILIARIES:
                    continue
                message = N_(
                    "Repeated word across a comma: %(text)s", text=quote(text[m.start() : end])
                )
                yield self.finding(m.start(), end, message, m.group(1))
                continue
            message = N_(
                "Repeated word across %(mark)s: %(text)s",
                mark=quote(mark),
                text=quote(text[m.start() : end]),
            )
            yield self.finding(m.start(), end, message)

    @staticmethod
    def _candidates(text: str) -> bool:
        """Whether a word after a mark repeats the word before it. Maps of str methods over
        the split text run in C: a regex with a back-reference tried at every word, or a
        Python loop over the words, costs several times as much on long sentences."""
        pieces = text.lower().split()
        stripped = list(map(str.rstrip, pieces, repeat(_MARKS)))
        following = list(map(str.rstrip, pieces[1:], repeat(_TRAILING)))
        for i in (k for k, same in enumerate(map(eq, stripped, following)) if same):
            if stripped[i] != pieces[i]:
                return True  # "the, the" (or "the the", which the regex then passes over)
        dashed = [k for k, piece in enumerate(pieces) if piece in _DASHES]
        return any(0 < k < len(pieces) - 1 and pieces[k - 1] == pieces[k + 1] for k in dashed)

    def _across_the_break(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.paragraph is None and ctx.previous is None:
            return
        first = _FIRST_WORD.match(text)
        if not first:
            return
        word = first.group(1)
        before = surroundings(text, ctx)[0].rstrip().lower()
        if not before.endswith(word.lower()) or before[-len(word) - 1 : -len(word)].isalpha():
            return
        if word.lower() in EMPHATIC_REPEATS or word.lower() in DOUBLING_OK:
            return
        # Mid-sentence on both sides ("of the" | "the plan"): the second one goes.
        fix = "" if word[0].islower() else None
        yield self.finding(
            first.start(1),
            first.end(),
            N_("%(word)s repeats the last word of the segment before", word=quote(word)),
            fix,
        )
