"""Translation Edit Rate (TER) and HTER, the effort a reviewer spent on a segment.

HTER is TER of the MT output against its own post-edited version: the number of word edits
(insertions, deletions, substitutions and block shifts) per post-edited word. The numbers
match sacrebleu's ``TER()`` with its defaults (whitespace tokens, case-insensitive, no
normalisation), which re-implements tercom, so our figures compare with published ones. The
search follows tercom's greedy shift heuristics exactly, including its limits, because those
limits change the result on long sentences; only the evaluation is faster (see ``_ShiftSearch``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

__all__ = ["EditCounts", "edit_counts", "hter", "ter"]

# tercom's limits, as sacrebleu applies them.
_MAX_SHIFT_SIZE = 10
_MAX_SHIFT_DIST = 50
_BEAM_WIDTH = 25
_MAX_SHIFT_CANDIDATES = 1000
_INFINITY = 10**16

_MATCH, _SUB, _INS, _DEL, _UNREACHED = " ", "s", "i", "d", "x"


@dataclass(frozen=True, slots=True)
class EditCounts:
    """Raw TER statistics: ``edits`` includes ``shifts``."""

    edits: int
    shifts: int
    reference_words: int

    @property
    def rate(self) -> float:
        if self.reference_words:
            return self.edits / self.reference_words
        # sacrebleu's convention: against an empty reference any word is a full error.
        return 1.0 if self.edits else 0.0


class _BeamAligner:
    """Word edit distance restricted to a beam around the (length-scaled) diagonal.

    The beam is tercom's: it can make the distance larger than the true Levenshtein distance
    when the best alignment strays far from the diagonal, and tercom's shift choices depend
    on that, so it is reproduced as is.
    """

    def __init__(self, ref: list[int], hyp_length: int) -> None:
        self.ref = ref
        self.hyp_length = hyp_length
        ratio = len(ref) / hyp_length if hyp_length else 1
        self.ratio = ratio
        self.beam = math.ceil(ratio / 2 + _BEAM_WIDTH) if ratio / 2 > _BEAM_WIDTH else _BEAM_WIDTH
        self.first_row = list(range(len(ref) + 1))

    def _band(self, row: int) -> tuple[int, int]:
        diagonal = math.floor(row * self.ratio)
        low = max(0, diagonal - self.beam)
        high = (
            len(self.ref) + 1
            if row == self.hyp_length
            else min(len(self.ref) + 1, diagonal + self.beam)
        )
        return low, high

    def exact_when_in_beam(self, exact: int) -> bool:
        # An alignment of cost d never leaves the band |j - i*ratio| <= d, so when the true
        # distance is at most beam - 2 (one more for rounding of the diagonal) the beam cannot
        # have cut it off and rapidfuzz's exact distance is the beam distance.
        return exact <= self.beam - 2

    def cost_rows(self, hyp: list[int], base: list[list[int]], first: int) -> int:
        """Beam distance of ``hyp``, reusing ``base[first]`` (rows of a hyp sharing its prefix)."""
        ref = self.ref
        previous = base[first]
        for i in range(first + 1, len(hyp) + 1):
            low, high = self._band(i)
            row = [_INFINITY] * (len(ref) + 1)
            word = hyp[i - 1]
            for j in range(low, high):
                if j == 0:
                    best = previous[0] + 1
                else:
                    best = previous[j - 1] + (word != ref[j - 1])
                    other = previous[j] + 1
                    if other < best:
                        best = other
                    other = row[j - 1] + 1
                    if other < best:
                        best = other
                row[j] = best if best < _INFINITY else _INFINITY
            previous = row
        return previous[len(ref)]

    def align(self, hyp: list[int]) -> tuple[int, list[list[int]], str]:
        """Beam distance, all cost rows, and the edit trace with tercom's tie-breaking."""
        ref = self.ref
        costs = [self.first_row]
        ops = [[_INS] * (len(ref) + 1)]
        for i in range(1, len(hyp) + 1):
            low, high = self._band(i)
            previous = costs[-1]
            row = [_INFINITY] * (len(ref) + 1)
            row_ops = [_UNREACHED] * (len(ref) + 1)
            word = hyp[i - 1]
            for j in range(low, high):
                if j == 0:
                    row[0], row_ops[0] = previous[0] + 1, _DEL
                    continue
                # Same order and strict comparison as tercom: diagonal, then deletion, then
                # insertion win ties, which decides the alignment used to pick shifts.
                best, op = _INFINITY, _UNREACHED
                same = word == ref[j - 1]
                cost = previous[j - 1] + (0 if same else 1)
                if cost < best:
                    best, op = cost, (_MATCH if same else _SUB)
                cost = previous[j] + 1
                if cost < best:
                    best, op = cost, _DEL
                cost = row[j - 1] + 1
                if cost < best:
                    best, op = cost, _INS
                row[j], row_ops[j] = best, op
            costs.append(row)
            ops.append(row_ops)

        trace: list[str] = []
        i, j = len(hyp), len(ref)
        while i > 0 or j > 0:
            op = ops[i][j]
            trace.append(op)
            if op in (_MATCH, _SUB):
                i, j = i - 1, j - 1
            elif op == _INS:
                j -= 1
            elif op == _DEL:
                i -= 1
            else:
                raise RuntimeError("beam alignment left the band; tercom has no answer here either")
        trace.reverse()
        return costs[-1][len(ref)], costs, "".join(trace)


def _alignment(
    trace: str, hyp_length: int, ref_length: int
) -> tuple[list[int], list[int], list[int]]:
    """For each reference word its hypothesis position, plus per-word error flags.

    The trace rewrites the hypothesis into the reference; tercom reads it the other way round,
    so an insertion here is a hypothesis word without partner and a deletion a reference word.
    """
    align = [0] * ref_length
    hyp_errors: list[int] = []
    ref_errors: list[int] = []
    h = r = -1
    for op in trace:
        if op == _DEL:
            h += 1
            hyp_errors.append(1)
            continue
        r += 1
        if op == _INS:
            align[r] = h
            ref_errors.append(1)
        else:
            h += 1
            align[r] = h
            flag = 0 if op == _MATCH else 1
            hyp_errors.append(flag)
            ref_errors.append(flag)
    assert len(hyp_errors) == hyp_length and len(ref_errors) == ref_length
    return align, hyp_errors, ref_errors


def _prefix_sums(values: list[int]) -> list[int]:
    sums = [0]
    for value in values:
        sums.append(sums[-1] + value)
    return sums


def _shifted(words: list[int], start: int, length: int, target: int) -> list[int]:
    # tercom's semantics for all three cases, the odd third one included (a target inside the
    # moved block): it decides which candidate word orders exist, and so the score.
    if target < start:
        return (
            words[:target]
            + words[start : start + length]
            + words[target:start]
            + words[start + length :]
        )
    if target > start + length:
        return (
            words[:start]
            + words[start + length : target]
            + words[start : start + length]
            + words[target:]
        )
    return (
        words[:start]
        + words[start + length : length + target]
        + words[start : start + length]
        + words[length + target :]
    )


class _ShiftSearch:
    """tercom's greedy search: repeatedly apply the best shift until none lowers the distance.

    Candidates are enumerated and counted in tercom's order (the 1000-candidate budget makes
    the order matter). Scoring is where time goes, so a candidate is first bounded with
    rapidfuzz's exact distance (never above the beam distance): most are discarded without
    any Python DP, and when the bound is provably exact it is the score. Only the rest run the
    beam DP, resuming from the rows of the unshifted prefix.
    """

    def __init__(self, hyp: list[int], ref: list[int]) -> None:
        self.ref = ref
        self.aligner = _BeamAligner(ref, len(hyp))
        self.checked = 0
        positions: dict[int, list[int]] = {}
        for index, word in enumerate(ref):
            positions.setdefault(word, []).append(index)
        self.ref_positions = positions

    def _pairs(self, hyp: list[int]) -> Iterator[tuple[int, int, int]]:
        ref, n_hyp, n_ref = self.ref, len(hyp), len(self.ref)
        for start_h in range(n_hyp):
            for start_r in self.ref_positions.get(hyp[start_h], ()):
                if abs(start_r - start_h) > _MAX_SHIFT_DIST:
                    continue
                length = 0
                while length < _MAX_SHIFT_SIZE and hyp[start_h + length] == ref[start_r + length]:
                    length += 1
                    yield start_h, start_r, length
                    if start_h + length == n_hyp or start_r + length == n_ref:
                        break

    def best_shift(self, hyp: list[int]) -> tuple[int, list[int] | None, int]:
        """One round: (gain, the shifted words or None, beam distance of ``hyp`` as it is)."""
        aligner = self.aligner
        score, rows, trace = aligner.align(hyp)
        align, hyp_errors, ref_errors = _alignment(trace, len(hyp), len(self.ref))
        hyp_err_sums, ref_err_sums = _prefix_sums(hyp_errors), _prefix_sums(ref_errors)
        best_key: tuple[int, int, int, int] | None = None
        best_words: list[int] | None = None
        for start_h, start_r, length in self._pairs(hyp):
            if hyp_err_sums[start_h + length] == hyp_err_sums[start_h]:
                continue
            if ref_err_sums[start_r + length] == ref_err_sums[start_r]:
                continue
            if start_h <= align[start_r] < start_h + length:
                continue
            previous_target = -1
            for offset in range(-1, length):
                target = 0 if start_r + offset == -1 else align[start_r + offset] + 1
                if target == previous_target:
                    continue
                previous_target = target
                self.checked += 1
                words = _shifted(hyp, start_h, length, target)
                exact = Levenshtein.distance(words, self.ref)
                bound = (score - exact, length, -start_h, -target)
                # The real gain is at most the bound; skip what cannot win or cannot help.
                if bound[0] <= 0 or (best_key is not None and bound <= best_key):
                    continue
                if aligner.exact_when_in_beam(exact):
                    key = bound
                else:
                    gain = score - aligner.cost_rows(words, rows, min(start_h, target))
                    key = (gain, length, -start_h, -target)
                if key[0] > 0 and (best_key is None or key > best_key):
                    best_key, best_words = key, words
            if self.checked >= _MAX_SHIFT_CANDIDATES:
                break
        return (best_key[0] if best_key else 0), best_words, score


def edit_counts(hypothesis: str, reference: str, *, case_sensitive: bool = False) -> EditCounts:
    """TER statistics of ``hypothesis`` against ``reference`` (whitespace-separated words)."""
    if not case_sensitive:
        hypothesis, reference = hypothesis.lower(), reference.lower()
    vocabulary: dict[str, int] = {}
    # Interned ids: exact comparisons for rapidfuzz (which hashes items) and fast ones for the DP.
    hyp = [vocabulary.setdefault(word, len(vocabulary)) for word in hypothesis.split()]
    ref = [vocabulary.setdefault(word, len(vocabulary)) for word in reference.split()]
    if not ref:
        return EditCounts(edits=len(hyp), shifts=0, reference_words=0)

    search = _ShiftSearch(hyp, ref)
    shifts = 0
    while True:
        gain, shifted, distance = search.best_shift(hyp)
        # tercom stops when the budget runs out, discarding the round that exhausted it.
        if search.checked >= _MAX_SHIFT_CANDIDATES or gain <= 0 or shifted is None:
            break
        shifts += 1
        hyp = shifted
    return EditCounts(edits=shifts + distance, shifts=shifts, reference_words=len(ref))


def ter(hypothesis: str, reference: str, *, case_sensitive: bool = False) -> float:
    """Translation Edit Rate as a fraction (sacrebleu reports the same number times 100)."""
    return edit_counts(hypothesis, reference, case_sensitive=case_sensitive).rate


def hter(mt_text: str, post_edited: str) -> float:
    """Human-targeted TER: edits a reviewer made to ``mt_text``, per post-edited word.

    Case- and punctuation-sensitive (sacrebleu's ``TER(case_sensitive=True)``): "The" -> "the"
    and "grew" -> "grew." are edits a reviewer made, and effort data must not hide them.
    """
    return ter(mt_text, post_edited, case_sensitive=True)
