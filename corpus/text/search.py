"""Find and replace over segment texts, pure: a query compiled from mode flags, its occurrences
as code-point offsets, keyword-in-context snippets, and replacements applied to a text.

Patterns run on the `regex` module with a time limit, so no pattern (however it backtracks) holds
a worker: a run past its budget raises SearchTimeout. Invalid patterns raise QueryError with the
regex module's own message. `Query.literal` is a substring every match contains, for a database
to prefilter rows with LIKE before Python looks at them; "" when none can be proven.
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from corpus.text.i18n import N_

TIMEOUT = 1.0  # seconds (of the process's CPU, as the regex module counts) one search may spend
CONTEXT = 60  # characters of keyword-in-context either side of a hit
MAX_QUERY = 500
INSIDE_WORD = r"(?!(?<=\w)\w)"
SENTENCE_ENDS = ".!?。！？"
OPENERS = "\"'“‘«(（[「『《"
# The non-ASCII letters that case-fold to an ASCII one: a case-insensitive LIKE (ASCII folding
# on SQLite) on "kilo" misses "Kilo", so a prefilter also lets through rows holding a twin of
# a letter of its literal. tests/corpus/text/test_text_search.py derives this from the regex module.
FOREIGN_TWINS = {"İ": "i", "ſ": "s", "K": "k"}


class QueryError(ValueError):
    """The query cannot be run; the message says why (for the person who typed it)."""


class SearchTimeout(Exception):
    """The pattern ran past its time budget."""

    def __init__(self, seconds: float):
        super().__init__(
            N_(
                "The search stopped after %(seconds)s s: this pattern takes too long to run. "
                "Make it more specific (fewer nested repeats such as (a+)+).",
                seconds=format(seconds, "g"),
            )
        )


@dataclass(frozen=True)
class Query:
    text: str
    whole_word: bool = False
    case_sensitive: bool = False
    regex: bool = False
    pattern: regex.Pattern = field(default=None, compare=False, repr=False)
    literal: str = ""  # every match contains it (case-folded when not literal_case_sensitive)
    literal_case_sensitive: bool = False

    @property
    def twins(self) -> list[str]:
        """Non-ASCII letters a text may spell the literal's letters with, case folded."""
        if self.literal_case_sensitive:
            return []
        return sorted(twin for twin, letter in FOREIGN_TWINS.items() if letter in self.literal)

    @property
    def mode(self) -> str:
        words = ["regular expression" if self.regex else "plain"]
        if self.whole_word:
            words.append("whole word")
        words.append("case-sensitive" if self.case_sensitive else "any case")
        return ", ".join(words)


def compile_query(
    text: str, *, whole_word: bool = False, case_sensitive: bool = False, use_regex: bool = False
) -> Query:
    if not text:
        raise QueryError(N_("Type something to search for."))
    if len(text) > MAX_QUERY:
        raise QueryError(
            N_(
                "The search is %(n_text)s characters long; at most %(max_query)s.",
                n_text=len(text),
                max_query=MAX_QUERY,
            )
        )
    body = text if use_regex else regex.escape(text)
    if whole_word:
        # Neither end of a match may fall inside a word (a word character on both sides of it);
        # an end that is itself punctuation or an emoji needs no space beside it.
        body = rf"{INSIDE_WORD}(?:{body}){INSIDE_WORD}"
    flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
    try:
        pattern = regex.compile(body, flags)
    except (regex.error, OverflowError, RecursionError) as error:
        raise QueryError(N_("Not a valid regular expression: %(error)s.", error=error)) from None
    if use_regex and pattern.search("") is not None:
        raise QueryError(
            N_("This pattern matches empty text; it must match at least one character.")
        )
    insensitive = not case_sensitive or (use_regex and _inline_ignorecase(text))
    literal = _required_literal(text) if use_regex else text
    literal = _prefilter_part(literal, insensitive)
    return Query(text, whole_word, case_sensitive, use_regex, pattern, literal, not insensitive)


def _inline_ignorecase(text: str) -> bool:
    return re.search(r"\(\?[a-zA-Z^]*i", text) is not None


def _required_literal(pattern: str) -> str:
    """The longest run of plain characters that every match of `pattern` contains, or "".

    Read with the standard library's parser, which shares the regex module's syntax for what it
    accepts; anything it reads differently (nested sets, fuzzy {e<=1}, \\p{…}) gives "".
    """
    if "{" in pattern and re.search(r"(?<!\\)\{(?!\d*,?\d*\})", pattern):
        return ""  # fuzzy matching or a literal brace: the two parsers may disagree
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tree = re._parser.parse(pattern)
    except (re.error, Warning, RecursionError, OverflowError):
        return ""
    runs = _literal_runs(list(tree))
    return max(runs, key=len, default="")


def _literal_runs(items: list) -> list[str]:
    """Runs of consecutive literals in a sequence that must match in order."""
    constants = re._constants
    runs, current = [], []
    for op, value in items:
        if op is constants.LITERAL:
            current.append(chr(value))
            continue
        runs.append("".join(current))
        current = []
        if op is constants.SUBPATTERN and value[1] == 0 and value[2] == 0:
            inner = _literal_runs(list(value[3]))  # a group without its own flags must match
            runs.extend(inner)
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT) and value[0] >= 1:
            runs.extend(_literal_runs(list(value[2])))  # repeated at least once
    runs.append("".join(current))
    return [run for run in runs if run]


def _prefilter_part(literal: str, insensitive: bool) -> str:
    """The longest piece of `literal` that SQL's LIKE (ASCII-only case folding on SQLite) finds
    in every text Python's matching would (see Query.twins): with case folding, ASCII and
    characters that have no case at all."""
    if not insensitive:
        return literal
    pieces, current = [], []
    for char in literal:
        uncased = char.lower() == char.upper() == char
        if uncased or char.isascii():
            current.append(char)
        else:
            pieces.append("".join(current))
            current = []
    pieces.append("".join(current))
    return max(pieces, key=len).lower()


@dataclass(frozen=True)
class Hit:
    start: int  # code points into the text
    end: int
    match: regex.Match = field(compare=False, repr=False)


class Deadline:
    """One time budget shared by every text a search looks at."""

    def __init__(self, seconds: float | None = None):
        self.seconds = TIMEOUT if seconds is None else seconds
        self.until = time.monotonic() + self.seconds

    def left(self) -> float:
        left = self.until - time.monotonic()
        if left <= 0:
            raise SearchTimeout(self.seconds)
        return left


def find(query: Query, text: str, deadline: Deadline | None = None) -> list[Hit]:
    deadline = deadline or Deadline()
    try:
        return [
            Hit(m.start(), m.end(), m)
            for m in query.pattern.finditer(text, timeout=deadline.left())
            if m.end() > m.start()
        ]
    except TimeoutError:
        raise SearchTimeout(deadline.seconds) from None


def context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str]:
    """Keyword-in-context: up to `width` characters either side, cut at a space, … where cut."""
    left, right = text[max(0, start - width) : start], text[end : end + width]
    if start > width:
        left = "…" + left.split(" ", 1)[-1] if " " in left else "…" + left
    if end + width < len(text):
        right = right.rsplit(" ", 1)[0] + "…" if " " in right else right + "…"
    return left, right


@dataclass(frozen=True)
class Replacement:
    """What each occurrence becomes. A regular expression's template may name its groups
    (\\1, \\g<name>); otherwise it is literal. `sentence_case`: a lower-case replacement of a
    capitalised occurrence that opens a sentence gets a capital ("Acres of land" → "Mu of land")."""

    template: str
    expand: bool = False
    sentence_case: bool = False

    def of(self, text: str, hit: Hit) -> str:
        new = self.template
        if self.expand:
            try:
                new = hit.match.expand(self.template)
            except (regex.error, IndexError) as error:
                raise QueryError(
                    N_("The replacement cannot be used: %(error)s.", error=error)
                ) from None
        if (
            self.sentence_case
            and text[hit.start].isupper()
            and new[:1].islower()
            and starts_sentence(text, hit.start)
        ):
            new = new[0].upper() + new[1:]
        return new


def replacement_for(query: Query, template: str) -> Replacement:
    if len(template) > MAX_QUERY:
        raise QueryError(
            N_(
                "The replacement is %(n_template)s characters long; at most %(max_query)s.",
                n_template=len(template),
                max_query=MAX_QUERY,
            )
        )
    return Replacement(template, expand=query.regex)


def starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip().rstrip(OPENERS).rstrip()
    return not before or before[-1] in SENTENCE_ENDS


def apply(text: str, hits: Iterable[Hit], replacement: Replacement) -> str:
    """`text` with each hit (in order, not overlapping) replaced."""
    parts, last = [], 0
    for hit in hits:
        parts += (text[last : hit.start], replacement.of(text, hit))
        last = hit.end
    parts.append(text[last:])
    return "".join(parts)
