"""Fuzzy concept lookup for the "link a span to a concept" search box.

Every concept contributes its preferred term, its variants (forbidden ones too: a reviewer
often searches for the MT rendering they have just selected) and its Chinese source term.

Ranking, one hit per concept (its best item), in score bands so a band never outranks a
better one:

    100       exact: the processed query equals the processed item
    90..99    the item starts with the query (shorter items rank higher)
    80..89    a word of the item starts with the query (any character, for Chinese)
    0..79     fuzzy: rapidfuzz ``ratio`` against the items, or the words within them, that
              start with the query's first two characters, whole and cut to the query's
              length (typos while typing); against every item of a plausible length only
              when that finds nothing (a typo in the first two characters)

Speed: every pass starts from bisection in one sorted list of word-start suffixes, so a query
touches a few hundred rows, not every item. The fuzzy pass runs only when the exact and prefix
passes found fewer concepts than asked for.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

__all__ = ["FuzzyIndex", "Hit", "LookupItem"]

FUZZY_CUTOFF = 70.0
_PREFIX_SCAN_LIMIT = 400  # suffix-index rows examined per query; enough for any sane limit
_FUZZY_SCAN_LIMIT = 3000
_FIELD_ORDER = {"preferred": 0, "variant": 1, "source": 2}
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_TOP = "\U0010ffff"

_Offer = Callable[[int, float], None]  # (item index, score)


@dataclass(frozen=True)
class LookupItem:
    term_id: int
    text: str
    field: str  # "preferred" | "variant" | "source"


@dataclass(frozen=True)
class Hit:
    term_id: int
    text: str
    field: str
    score: float


def _word_starts(key: str) -> Iterable[int]:
    """Offsets a word-prefix search may start from: after each space, and at every CJK
    character (Chinese terms have no spaces, so any character may begin a searched word)."""
    yield 0
    for position in range(1, len(key)):
        if key[position - 1] == " " or _CJK.match(key[position]):
            yield position


def _band(score: float) -> int:
    """100 exact, 9 prefix, 8 word prefix, 0 fuzzy (see the module docstring)."""
    return 100 if score >= 100.0 else 9 if score >= 90.0 else 8 if score >= 80.0 else 0


class _Pool:
    """Items of one script sorted by processed length, for length-bounded fuzzy passes."""

    def __init__(self, pairs: list[tuple[str, int]]) -> None:
        pairs.sort(key=lambda pair: len(pair[0]))
        self.keys = [key for key, _ in pairs]
        self.items = [item for _, item in pairs]
        self.lengths = [len(key) for key in self.keys]

    def window(self, length: int, cutoff: float) -> tuple[int, int]:
        # ratio = 2 * matches / (len(a) + len(b)) can only reach the cutoff within these lengths.
        low = math.ceil(length * cutoff / (200 - cutoff))
        high = math.floor(length * (200 - cutoff) / cutoff)
        return bisect_left(self.lengths, low), bisect_right(self.lengths, high)


class FuzzyIndex:
    """Built once per glossary version; ``search`` is read-only and safe to share."""

    def __init__(self, items: Iterable[LookupItem]) -> None:
        self._items: list[LookupItem] = []
        self._keys: list[str] = []
        for item in items:
            key = default_process(item.text)
            if key:
                self._items.append(item)
                self._keys.append(key)
        suffixes = sorted(
            (key[start:], index, start)
            for index, key in enumerate(self._keys)
            for start in _word_starts(key)
        )
        self._suffix_keys = [suffix for suffix, _, _ in suffixes]
        self._suffix_rows = [(index, start) for _, index, start in suffixes]
        latin, cjk = [], []
        for index, key in enumerate(self._keys):
            (cjk if _CJK.search(key) else latin).append((key, index))
        self._latin, self._cjk = _Pool(latin), _Pool(cjk)

    def __len__(self) -> int:
        return len(self._items)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The best ``limit`` concepts for ``query``, one hit each, best first."""
        needle = default_process(query)
        if not needle or limit <= 0:
            return []
        best: dict[int, tuple[float, int]] = {}  # term id -> (score, item index)

        def offer(index: int, score: float) -> None:
            term_id = self._items[index].term_id
            held = best.get(term_id)
            if held is None or self._beats(score, index, *held):
                best[term_id] = (score, index)

        self._prefix_matches(needle, offer)
        if len(best) < limit and len(needle) >= 3:
            self._fuzzy_matches(needle, limit, offer)
        ranked = sorted(
            best.values(), key=lambda held: (-held[0], len(self._keys[held[1]]), held[1])
        )
        hits = []
        for score, index in ranked[:limit]:
            item = self._items[index]
            hits.append(Hit(item.term_id, item.text, item.field, round(score, 2)))
        return hits

    def _beats(self, score: float, index: int, held_score: float, held_index: int) -> bool:
        # Within one band a concept is shown by its preferred term rather than by a variant
        # that happens to score a little higher (a shorter prefix match, say): the hit names the
        # concept the reviewer is linking to. Across bands the better band wins.
        band, held_band = _band(score), _band(held_score)
        if band != held_band:
            return band > held_band
        mine, theirs = self._items[index], self._items[held_index]
        field, held_field = _FIELD_ORDER.get(mine.field, 3), _FIELD_ORDER.get(theirs.field, 3)
        if field != held_field:
            return field < held_field
        return (score, -len(mine.text)) > (held_score, -len(theirs.text))

    def _suffix_range(self, prefix: str, cap: int) -> tuple[int, int]:
        """Rows of the suffix index starting with ``prefix`` (at most ``cap`` of them)."""
        low = bisect_left(self._suffix_keys, prefix)
        cap_at = min(len(self._suffix_keys), low + cap)
        return low, bisect_right(self._suffix_keys, prefix + _TOP, low, cap_at)

    def _prefix_matches(self, needle: str, offer: _Offer) -> None:
        low, high = self._suffix_range(needle, _PREFIX_SCAN_LIMIT)
        for row in range(low, high):
            index, start = self._suffix_rows[row]
            coverage = len(needle) / len(self._keys[index])
            if start:
                offer(index, 80.0 + 9.0 * coverage)
            elif coverage == 1.0:
                offer(index, 100.0)
            else:
                offer(index, 90.0 + 9.0 * coverage)

    def _fuzzy_matches(self, needle: str, limit: int, offer: _Offer) -> None:
        # Candidates are the word-start suffixes sharing the query's first two characters
        # (people rarely mistype those): a bisection away, and a few hundred rows instead of
        # every item. Each is scored whole (a typo in a full term, or in a later word) and by
        # its opening of the query's length (a typo in a term still being typed).
        first, last = self._suffix_range(needle[:2], _FUZZY_SCAN_LIMIT)
        suffixes = self._suffix_keys[first:last]
        width = len(needle)
        passes = (
            (suffixes, FUZZY_CUTOFF, (0.79, 0.72)),
            ([suffix[:width] for suffix in suffixes], 80.0, (0.75, 0.7)),
        )
        found = False
        for choices, cutoff, (whole_weight, later_weight) in passes:
            scored = process.extract(
                needle,
                choices,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=cutoff,
                limit=limit * 3,
            )
            for _, score, position in scored:
                index, start = self._suffix_rows[first + position]
                coverage = min(1.0, width / len(self._keys[index]))
                offer(
                    index,
                    score * (later_weight if start else whole_weight) * (0.9 + 0.1 * coverage),
                )
                found = True
        if not found:
            # The first characters may be the typo: compare with every item of a plausible
            # length (ratio cannot reach the cutoff outside that window).
            pool = self._cjk if _CJK.search(needle) else self._latin
            low, high = pool.window(width, FUZZY_CUTOFF)
            scored = process.extract(
                needle,
                pool.keys[low:high],
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=FUZZY_CUTOFF,
                limit=limit,
            )
            for _, score, position in scored:
                offer(pool.items[low + position], score * 0.79)
