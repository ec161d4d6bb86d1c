"""Shared reading of quote marks, URLs and abbreviations, so the checks agree on them.

A straight double quote has no direction of its own; its neighbours give it one. A quote with
space on both sides belongs to no pair: the stray-punctuation check reports it and the quote
balance check ignores it, so one defect is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from .wordlists import ABBREVIATIONS

DOUBLE_QUOTES = '"\u201c\u201d'
QUOTE_CHARS = DOUBLE_QUOTES
OPENERS_BEFORE_QUOTE = "([{\u2014\u2013-/\u2018'"
CLOSERS_AFTER_QUOTE = ",.;:!?)]}\u2014\u2013\u2026'\u2019"


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    AMBIGUOUS = "ambiguous"
    ORPHAN = "orphan"


@dataclass(frozen=True, slots=True)
class QuoteMark:
    index: int
    char: str
    role: Role

    @property
    def curly(self) -> bool:
        return self.char != '"'


def _blank(ch: str | None) -> bool:
    return ch is None or ch.isspace()


_SPACES_BEFORE = re.compile(r"[ \t\u00a0]+$")


def space_before_closing_quote(text: str, i: int) -> int | None:
    """Where the space starts in 'necessary. ”' or 'said, "': a closing quote set off from
    the words it closes; None for any other quote mark.

    A curly closing quote after a word or a mark, or a straight one after sentence
    punctuation, that has nothing but space or punctuation after it closes what comes before.
    """
    if i + 1 < len(text) and not (text[i + 1].isspace() or text[i + 1] in ",.;:!?)"):
        return None
    m = _SPACES_BEFORE.search(text, max(0, i - 8), i)
    if not m or m.start() == 0:
        return None
    word_end = text[m.start() - 1]
    if word_end in DOUBLE_QUOTES or word_end.isspace():
        return None
    if text[i] == "\u201d" or (text[i] == '"' and word_end in ".!?"):
        return m.start()
    # 'was "absolutely necessary "': a straight quote ending the text after an odd number of
    # straight quotes closes the last of them.
    if text[i] == '"' and not text[i + 1 :].strip(",.;:!?)") and text.count('"', 0, i) % 2:
        return m.start()
    return None


def quote_role(text: str, i: int) -> Role:
    prev = text[i - 1] if i > 0 else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    if _blank(prev) and (_blank(nxt) or nxt in ",.;:!?"):
        if space_before_closing_quote(text, i) is not None:
            return Role.CLOSE
        return Role.ORPHAN
    ch = text[i]
    if ch == "\u201c":
        return Role.OPEN
    if ch == "\u201d":
        return Role.CLOSE
    opens = _blank(prev) or prev in OPENERS_BEFORE_QUOTE
    closes = _blank(nxt) or nxt in CLOSERS_AFTER_QUOTE
    if opens and not closes:
        return Role.OPEN
    if closes and not opens:
        return Role.CLOSE
    return Role.AMBIGUOUS


_QUOTE_RE = re.compile(f"[{DOUBLE_QUOTES}]")


def quote_marks(text: str) -> Iterator[QuoteMark]:
    for m in _QUOTE_RE.finditer(text):
        yield QuoteMark(m.start(), m.group(), quote_role(text, m.start()))


def closing_quote_at(text: str, i: int) -> bool:
    """Whether the quote at ``i`` closes a quotation, judged from the marks before it."""
    if text[i] == "\u201d":
        return True
    if text[i] == "\u201c":
        return False
    depth = 0
    for mark in quote_marks(text):
        if mark.index > i:
            break
        if mark.role is Role.ORPHAN:
            continue
        if mark.index == i:
            return mark.role is Role.CLOSE or (mark.role is Role.AMBIGUOUS and depth > 0)
        if mark.role is Role.OPEN or (mark.role is Role.AMBIGUOUS and depth == 0):
            depth += 1
        else:
            depth = max(0, depth - 1)
    return False


URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b(?:[A-Za-z0-9-]+\.)+(?:com|org|net|gov|edu|int|mil|io|ai|cn|uk|de|fr|jp|info|biz|co)\b(?:/\S*)?"
)


_URL_HINT = re.compile(r"www\.|://|@|\.[A-Za-z]")


def url_spans(text: str) -> list[tuple[int, int]]:
    if not _URL_HINT.search(text):
        return []
    return [m.span() for m in URL_RE.finditer(text)]


def inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in spans)


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def is_abbreviation_dot(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends an abbreviation ("e.g.", "U.S.", "Inc.", "J.")."""
    # A backwards walk over letters and inner dots: a regex anchored at the end would try
    # every start position, and this runs for every full stop.
    start, limit = dot, max(0, dot - 40)
    while start > limit and (
        text[start - 1] in _ASCII_LETTERS
        or (text[start - 1] == "." and start - 2 >= limit and text[start - 2] in _ASCII_LETTERS)
    ):
        start -= 1
    word = text[start:dot].lstrip(".")
    if not word:
        return False
    return "." in word or len(word) == 1 or word.lower() in ABBREVIATIONS
