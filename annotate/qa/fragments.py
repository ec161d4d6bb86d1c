"""Short "sentences" that are not sentences: the debris of a bad sentence split in the MT."""

from __future__ import annotations

from collections.abc import Iterator

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, quote, words
from .wordlists import (
    AUXILIARIES,
    CONTRACTED_VERBS,
    CONVERSATIONAL,
    CONVERSATIONAL_OPENERS,
    HEADING_LABELS,
    INTERJECTIONS,
    IRREGULAR_VERB_FORMS,
    NOT_PAST_TENSE,
    NOUN_DETERMINERS,
    OBJECT_STARTERS,
    VERB_BASES,
    VERB_LICENSORS,
)

_CLOSERS = "\"\u201d')]"
# Longer verbless sentences exist in MT too, but a word-list verb detector misses too many
# real verbs in long sentences to be trusted there.
MAX_WORDS = 8


def _third_person(word: str) -> bool:
    if word.endswith("ies"):
        return word[:-3] + "y" in VERB_BASES
    if word.endswith("es") and word[:-2] in VERB_BASES:
        return True
    return word.endswith("s") and word[:-1] in VERB_BASES


def _takes_object(word: str, prev: str, nxt: str) -> bool:
    """An "-s" word followed by a number or a determiner is a verb with its object
    ("The theater seats 1,650 people", "The update fixes 12 flaws"), not a plural noun."""
    if not word.endswith("s") or word.endswith(("ss", "us", "is")) or len(word) < 4:
        return False
    if prev in NOUN_DETERMINERS or prev[:1].isdigit():
        return False
    return nxt[:1].isdigit() or nxt in NOUN_DETERMINERS


def _plural_subject(word: str) -> bool:
    """ "rules take", "CEOs say": a plural noun right before a base-form verb is its subject."""
    plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return len(word) > 3 and plural and word not in NOUN_DETERMINERS


def has_verb(tokens: list[str]) -> bool:
    """A cheap guess whether a short sentence has a finite or imperative verb."""
    lowered = [t.lower().replace("\u2019", "'") for t in tokens]
    if len(lowered) > 1 and lowered[1] in OBJECT_STARTERS:
        return True  # an imperative with its object: "Visit the website."
    for k, word in enumerate(lowered):
        prev = lowered[k - 1] if k else ""
        if word in AUXILIARIES or word in IRREGULAR_VERB_FORMS:
            return True
        if word.endswith(CONTRACTED_VERBS) or word == "let's":
            return True
        if word.endswith("ed") and len(word) >= 4 and word not in NOT_PAST_TENSE:
            return True
        if k and _third_person(word) and prev not in NOUN_DETERMINERS and not prev[:1].isdigit():
            return True
        if k and _takes_object(word, prev, lowered[k + 1] if k + 1 < len(lowered) else ""):
            return True
        if word in VERB_BASES:
            # imperative, infinitive, after a modal or subject, "Vigorously promote ..."
            if (
                k == 0
                or prev in VERB_LICENSORS
                or (k == 1 and prev.endswith("ly"))
                or _plural_subject(prev)
            ):
                return True
    return False


def _conversational(tokens: list[str]) -> bool:
    """A spoken line: addressed to someone, or opened like "Good luck." or "Of course." """
    lowered = [t.lower() for t in tokens]
    return lowered[0] in CONVERSATIONAL_OPENERS or not CONVERSATIONAL.isdisjoint(lowered)


class Fragment(Check):
    id = "fragment"
    severity = Severity.INFO
    title = N_("Not a sentence")
    explanation = N_(
        'A short piece ending in a full stop with no verb ("Solid foundation.", "2 places."), a single word, or a piece starting in lower case ("plan."): usually debris of a broken sentence, to be merged with its neighbour. Only pieces of at most %(max_words)s words are judged; headings without a full stop, and spoken lines ("Thank you for your help.", "Good morning.", "I won\'t go.") are left alone.',
        max_words=MAX_WORDS,
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if len(text) > 40 * MAX_WORDS or not text.rstrip().rstrip(_CLOSERS).endswith("."):
            return
        if len(text.split()) > 2 * MAX_WORDS:
            return  # plainly too long: skip cutting it into words
        if text.lstrip()[:1] in ",;:":
            return  # the rest of a sentence cut at a comma: split-sentence and stray-punctuation
        tokens = [m.group() for m in words(text)]
        if len(tokens) > 2 and tokens[0].lower() in HEADING_LABELS and tokens[1][0].isdigit():
            tokens = tokens[2:]  # "Step 2 Choose a delivery time.": judge what the label heads
        if not tokens or len(tokens) > MAX_WORDS:
            return
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        first = tokens[0]
        if len(tokens) == 1 and first.lower() in INTERJECTIONS:
            return
        if _conversational(tokens):
            return
        if len(tokens) == 1:
            reason = N_("a single word")
        elif not has_verb(tokens):
            reason = N_("no verb")
        elif first[0].islower() and not any(c.isupper() for c in first):
            reason = N_("starts in lower case")
        else:
            return
        yield self.finding(
            start,
            end,
            N_("Not a sentence (%(reason)s): %(text)s", reason=reason, text=quote(text[start:end])),
        )
