"""Find glossary renderings in MT English with one Aho-Corasick automaton.

Glossary rescans run over whole corpora, so the text is scanned once, in C, by pyahocorasick, and
Python only touches candidate hits: word boundaries, case-sensitive entries and overlaps are
settled per hit, never per character of the text.

Matching rules (the review screen and the rescan task both rely on them):

- Case-folded matching, except for case-sensitive entries, which match their exact spelling.
  The fold keeps every character's length, so offsets into the folded text are offsets into
  the original text (``str.casefold`` would turn "ß" into "ss" and shift everything after it).
- A match never starts or ends inside a word. Letters, digits, underscores and combining marks
  are word characters; CJK characters are not (Chinese has no spaces, so a Chinese source term
  left in English text, or in Chinese text, matches wherever it occurs). An entry that begins or
  ends with punctuation ("specialized, special and new" quoted, "(Zhongwei)") only needs a
  boundary on its word side.
- A space in an entry matches any run of horizontal whitespace in the text (MT output has
  doubled spaces, no-break and ideographic spaces); line breaks never match, so a match stays
  in its line. Greek final sigma matches medial sigma.
- Results never overlap: leftmost first, and of the candidates starting there the longest.
- One surface shared by several concepts gives one match: forbidden beats preferred beats
  admitted, then the lowest term id. A forbidden reading wins because a missed known-bad
  rendering costs more than a spurious flag; a preferred reading beats an admitted one so a
  concept's own preferred term is never reported as a variant of another concept.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

import ahocorasick

__all__ = ["Entry", "GlossaryMatcher", "Match", "TermKind", "fold", "is_word_char"]


class TermKind(StrEnum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    FORBIDDEN = "forbidden"


_KIND_RANK = {TermKind.FORBIDDEN: 0, TermKind.PREFERRED: 1, TermKind.ADMITTED: 2}


@dataclass(frozen=True)
class Entry:
    term_id: int
    surface: str
    kind: TermKind
    case_sensitive: bool = False
    preferred: str = ""
    """The concept's preferred rendering: what a fix puts in place of a forbidden variant."""


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term_id: int
    kind: TermKind
    surface: str
    """The glossary form that matched (the entry's surface). The document's own spelling is
    ``text[start:end]``; the two differ in case and whitespace."""
    preferred: str


# --- folding -------------------------------------------------------------------------------

# Over all of Unicode (checked by a test), str.lower() changes the length of exactly one
# character: U+0130 "İ" lowers to "i" plus a combining dot. Per character it folds to "i".
_LENGTH_SAFE = {0x130: "i"}


def _lower(text: str) -> str:
    """``str.lower()`` with every character keeping its length."""
    folded = text.lower()
    if len(folded) != len(text):
        # Rare (Turkish capitals): fold the offenders first, then per character as a last
        # resort should a future Unicode version add another expanding lower-case mapping.
        folded = text.translate(_LENGTH_SAFE).lower()
        if len(folded) != len(text):
            folded = "".join([ch.lower()[0] for ch in text])
    return folded


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets carry over unchanged.

    Final sigma is folded to medial sigma: str.lower() picks one by context, and a term and a
    text must agree whatever the context.
    """
    return _lower(text).replace("ς", "σ")


# --- word boundaries -----------------------------------------------------------------------

_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Scripts written without spaces between words: their characters never need a boundary.
_UNSPACED = re.compile(
    "[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303c\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]"
)


def is_word_char(ch: str) -> bool:
    """True for characters a match must not cut through (see the module docstring)."""
    if ch < "\x80":
        return ch in _ASCII_WORD
    if _UNSPACED.match(ch):
        return False
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


# --- whitespace ----------------------------------------------------------------------------

# Horizontal whitespace: the space, tab and every other Unicode space separator (no-break,
# en/em/thin, ideographic...). Line breaks are not in it.
_SPACES = " \t\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_ODD_SPACE = re.compile(f"[{_SPACES}]{{2,}}|[{_SPACES[1:]}]")
# Text needs normalizing before it can match when it has whitespace other than single spaces,
# or a final sigma. These are sentinel keys in the automaton, so the scan that looks for terms
# also tells whether the text needs normalizing, at no cost for clean text, which is nearly
# all MT output (substring tests for each of them took 10% of a corpus scan).
_SENTINELS = ("  ", *_SPACES[1:], "ς")


class _Squeezed:
    """``text`` with each odd whitespace run replaced by one space, and the way back."""

    __slots__ = ("_marks", "_removed", "text")

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        self._marks: list[int] = []  # squeezed offset just after each replacement space
        self._removed: list[int] = []  # characters removed up to and including that run
        removed = last = 0
        for m in _ODD_SPACE.finditer(text):
            a, b = m.span()
            parts += (text[last:a], " ")
            self._marks.append(a - removed + 1)
            removed += b - a - 1
            self._removed.append(removed)
            last = b
        parts.append(text[last:])
        self.text = "".join(parts)

    def original(self, pos: int) -> int:
        """Original offset of the non-space character at squeezed offset ``pos``."""
        k = bisect_right(self._marks, pos)
        return pos + self._removed[k - 1] if k else pos


def _match_fields(entry: Entry) -> dict[str, object]:
    """A Match's fields that come from its entry, in field order, for the scan's fast path."""
    return {
        "term_id": entry.term_id,
        "kind": TermKind(entry.kind),
        "surface": entry.surface,
        "preferred": entry.preferred,
    }


def _normalize_surface(surface: str) -> str:
    return " ".join(surface.split())


# --- the matcher ---------------------------------------------------------------------------


class GlossaryMatcher:
    """All entries of a glossary compiled into one automaton; build once, call ``find`` often."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        by_key: dict[str, list[tuple[str, Entry]]] = {}
        for entry in entries:
            surface = _normalize_surface(entry.surface)
            if surface:  # an empty surface would match everywhere; glossary forms refuse it
                by_key.setdefault(fold(surface), []).append((surface, entry))
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for key, items in by_key.items():
            items.sort(key=lambda item: (_KIND_RANK[item[1].kind], item[1].term_id))
            # Case-sensitive entries ranked ahead of the first case-insensitive one are tried
            # in order against the exact spelling; the case-insensitive one catches the rest.
            exact: list[tuple[str, dict[str, object]]] = []
            fallback = None
            for surface, entry in items:
                if not entry.case_sensitive:
                    fallback = _match_fields(entry)
                    break
                exact.append((surface, _match_fields(entry)))
            first, last = items[0][0][0], items[0][0][-1]
            value = (len(key), is_word_char(first), is_word_char(last), tuple(exact), fallback)
            self._automaton.add_word(key, value)
        self._size = len(by_key)
        if by_key:
            for sentinel in _SENTINELS:
                self._automaton.add_word(
                    sentinel, (0, False, False, (), None)
                )  # length 0: sentinel
            self._automaton.make_automaton()

    def __len__(self) -> int:
        """Number of distinct surfaces (after folding) the matcher looks for."""
        return self._size

    def find(self, text: str) -> list[Match]:
        """Non-overlapping glossary matches in ``text``, in order, as code-point offsets."""
        if not self._size or not text:
            return []
        matches = self._scan(text, _lower(text))
        if matches is not None:
            return matches
        squeezed = _Squeezed(text)
        matches = self._scan(squeezed.text, fold(squeezed.text), normalized=True)
        assert matches is not None
        # Matches never start or end on a space, so their ends map back character by character.
        return [
            replace(m, start=squeezed.original(m.start), end=squeezed.original(m.end - 1) + 1)
            for m in matches
        ]

    def _scan(self, norm: str, low: str, normalized: bool = False) -> list[Match] | None:
        """Matches in ``norm`` (``low`` is its fold), or None as soon as ``norm`` turns out to
        need normalizing first (unless it already is)."""
        size = len(low)
        word, unspaced, new = _ASCII_WORD, is_word_char, object.__new__
        matches: list[Match] = []
        append = matches.append
        taken_to = 0  # end of the last match kept
        # The hot loop: locals only, the value tuple indexed rather than unpacked (measurably
        # faster), ASCII neighbours decided by one set lookup. The automaton reports keys in
        # order of their end, so overlaps are settled on the fly against the matches kept.
        for last, value in self._automaton.iter(low):
            length = value[0]
            if not length:
                if normalized:
                    continue
                return None
            start = last - length + 1
            if value[1] and start:
                ch = low[start - 1]
                if ch in word or (ch > "\x7f" and unspaced(ch)):
                    continue
            end = last + 1
            if value[2] and end < size:
                ch = low[end]
                if ch in word or (ch > "\x7f" and unspaced(ch)):
                    continue
            fields = value[4]
            if value[3]:
                piece = norm[start:end]
                for surface, candidate in value[3]:
                    if piece == surface:
                        fields = candidate
                        break
            if fields is None:
                continue
            if start < taken_to and not _displaces(matches, start, end):
                continue
            # Match(start, end, ...) without the frozen dataclass's __init__, which sets each
            # field through object.__setattr__: on corpus scans that made building matches the
            # largest cost after the scan itself. A test pins the result to the real constructor.
            match = new(Match)
            state = match.__dict__
            state["start"] = start
            state["end"] = end
            state.update(fields)
            append(match)
            taken_to = end
        return matches


def _displaces(matches: list[Match], start: int, end: int) -> bool:
    """Whether a candidate overlapping the last kept match wins (leftmost, then longest); if so
    the matches it beats are dropped. Candidates come in order of their end, so a winner covers
    every match it overlaps, and any candidate dropped earlier for overlapping those."""
    first = len(matches)
    while first and matches[first - 1].end > start:
        first -= 1
    rival = matches[first]  # the leftmost kept match the candidate overlaps
    if rival.start < start or (rival.start == start and rival.end >= end):
        return False
    del matches[first:]
    return True
