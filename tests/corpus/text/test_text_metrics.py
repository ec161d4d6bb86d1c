"""TER/HTER agree with sacrebleu's tercom re-implementation, shifts included."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein
from sacrebleu.metrics import TER

from corpus.text.metrics import EditCounts, _BeamAligner, edit_counts, hter, ter

REPO_ROOT = Path(__file__).resolve().parents[3]
SEED_TEXT = " ".join(
    p.read_text(encoding="utf-8") for p in sorted((REPO_ROOT / "seeds").glob("*.txt"))
)
SEED_SENTENCES = [s for s in re.split(r"(?<=[.!?])\s+", SEED_TEXT) if len(s.split()) >= 3]

_SACREBLEU = TER()
_SACREBLEU_CASED = TER(case_sensitive=True)


def reference_ter(hypothesis: str, reference: str, *, case_sensitive: bool = False) -> float:
    metric = _SACREBLEU_CASED if case_sensitive else _SACREBLEU
    return metric.sentence_score(hypothesis, [reference]).score / 100


HAND_PAIRS = [
    ("", ""),
    ("", "the reference"),
    ("a hypothesis", ""),
    ("   ", "  \n "),
    ("same words here", "same words here"),
    ("Same WORDS here", "same words HERE"),
    ("the cat sat", "the cat sat on the mat"),
    ("the cat sat on the mat", "the cat sat"),
    ("a b c d", "e f g h"),
    ("the the the", "the"),
    ("the", "the the the"),
    # Block shifts: a moved phrase costs one edit, not a deletion plus an insertion.
    ("on the mat the cat sat", "the cat sat on the mat"),
    ("B C A", "A B C"),
    ("A B C D E F", "D E F A B C"),
    ("the development index integrate the two", "integrate the two the development index"),
    (
        "of the year in the first half the operating income",
        "in the first half of the year the operating income",
    ),
    (
        "one two three four five six seven eight nine ten eleven twelve",
        "twelve one two three four five six seven eight nine ten eleven",
    ),
    ("x y z a b c d e f g h i j k l", "a b c d e f g h i j k l x y z"),
    # The glued words from the seeds, fixed by the reviewer.
    ("integrate the twoThe development index", "integrate the two. The development index"),
    ("Lijialiang City Workers Member", "Li Jialiang, City Workers Member"),
    (
        'the "specialized, special and new" development path',
        'the "specialized, refined, distinctive and innovative" development path',
    ),
    (
        "big data, cloud computing, big data, integration, Internet of Things",
        "big data, cloud computing, integration, Internet of Things",
    ),
    ("ranking first in the country", "ranking 1st in the country ,"),
    ("word\twith\ttabs and\nnewlines", "word with tabs and newlines"),
    ("宁夏 数字 经济", "数字 经济 宁夏"),
    ("😀 emoji 😀", "emoji 😀"),
    ("İstanbul ÉCOLE straße", "i̇stanbul école STRASSE"),
    ("a b a b a b a b", "b a b a b a b a"),
    ("a a a a b b b b", "b b b b a a a a"),
]


@pytest.mark.parametrize(("hypothesis", "reference"), HAND_PAIRS)
def test_hand_made_pairs_match_sacrebleu(hypothesis: str, reference: str) -> None:
    assert ter(hypothesis, reference) == pytest.approx(
        reference_ter(hypothesis, reference), abs=1e-9
    )
    assert ter(hypothesis, reference, case_sensitive=True) == pytest.approx(
        reference_ter(hypothesis, reference, case_sensitive=True), abs=1e-9
    )


def test_hter_counts_case_and_punctuation_fixes() -> None:
    # A case fix and a full stop are a reviewer's edits: HTER must not call them free.
    assert hter("the river rose", "The river rose") == pytest.approx(1 / 3)
    assert hter("the river rose", "the river rose.") == pytest.approx(1 / 3)
    for mt, post_edited in [("the river rose", "The river rose"), ("a b c", "A b. c")]:
        assert hter(mt, post_edited) == pytest.approx(
            _SACREBLEU_CASED.sentence_score(mt, [post_edited]).score / 100
        )


def test_hter_is_ter_of_mt_against_post_edit() -> None:
    mt = "integrate the twoThe development index"
    post_edited = "integrate the two. The development index"
    assert hter(mt, post_edited) == ter(hypothesis=mt, reference=post_edited, case_sensitive=True)
    # "twoThe" -> "two." + "The": one substitution and one insertion over 6 reference words.
    assert hter(mt, post_edited) == pytest.approx(2 / 6)
    assert hter(post_edited, post_edited) == 0.0


def test_edit_counts() -> None:
    assert edit_counts("B C A", "A B C") == EditCounts(edits=1, shifts=1, reference_words=3)
    assert edit_counts("a b", "") == EditCounts(edits=2, shifts=0, reference_words=0)
    assert edit_counts("a b", "").rate == 1.0
    assert edit_counts("", "").rate == 0.0
    assert edit_counts("", "x y").rate == 1.0
    assert edit_counts("The", "the").rate == 0.0
    assert edit_counts("The", "the", case_sensitive=True).rate == 1.0


def _mutate(words: list[str], rng: random.Random, vocabulary: list[str]) -> list[str]:
    words = list(words)
    for _ in range(rng.randint(0, 8)):
        roll = rng.random()
        if not words:
            words.append(rng.choice(vocabulary))
            continue
        at = rng.randrange(len(words))
        if roll < 0.2:
            words.insert(at, rng.choice(vocabulary))
        elif roll < 0.35:
            del words[at]
        elif roll < 0.5:
            words[at] = rng.choice(vocabulary)
        elif roll < 0.6:
            words[at] = words[at].upper()
        else:
            # Move a block, the edit only TER's shifts account for.
            size = rng.randint(1, 6)
            block = words[at : at + size]
            del words[at : at + size]
            target = rng.randint(0, len(words))
            words[target:target] = block
    return words


def _random_pairs(
    seed: int, count: int, max_words: int, min_words: int = 3
) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    vocabulary = SEED_TEXT.split()
    pairs = []
    for _ in range(count):
        start = rng.randrange(len(SEED_SENTENCES))
        words = " ".join(SEED_SENTENCES[start : start + 6]).split()[
            : rng.randint(min_words, max_words)
        ]
        edited = _mutate(words, rng, vocabulary)
        pairs.append(
            (" ".join(edited), " ".join(words))
            if rng.random() < 0.5
            else (" ".join(words), " ".join(edited))
        )
    return pairs


def test_seed_sentences_with_random_edits_match_sacrebleu() -> None:
    pairs = _random_pairs(seed=20240611, count=300, max_words=30)
    scores = [(hyp, ref, ter(hyp, ref), reference_ter(hyp, ref)) for hyp, ref in pairs]
    mismatches = [case for case in scores if abs(case[2] - case[3]) > 1e-9]
    assert not mismatches
    assert sum(1 for *_, ours, _ in scores if ours > 0) > 250  # the edits really happened


def test_long_seed_passages_match_sacrebleu() -> None:
    for hyp, ref in _random_pairs(seed=7, count=8, max_words=120, min_words=80):
        assert ter(hyp, ref) == pytest.approx(reference_ter(hyp, ref), abs=1e-9)


def test_beam_limited_alignment_matches_sacrebleu() -> None:
    # A 30-word offset between hypothesis and reference pushes the best alignment outside
    # tercom's beam, where its distance (40 here) is larger than the true edit distance (33).
    words = SEED_TEXT.split()
    reference = " ".join(words[:70])
    hypothesis = " ".join(words[30:70] + words[:3])
    assert ter(hypothesis, reference) == pytest.approx(
        reference_ter(hypothesis, reference), abs=1e-9
    )
    assert ter(reference, hypothesis) == pytest.approx(
        reference_ter(reference, hypothesis), abs=1e-9
    )


@pytest.mark.parametrize(
    ("vocabulary", "size"), [(["the", "of", "and"], 35), (["the", "of", "and", "data", "big"], 40)]
)
def test_candidate_budget_is_honoured(vocabulary: list[str], size: int) -> None:
    # Shuffled repetitive text: tercom gives up once 1000 shift candidates have been scored
    # (finishing the block it is in), discarding that round's best shift, and so must we.
    rng = random.Random(5)
    reference = [rng.choice(vocabulary) for _ in range(size)]
    hypothesis = list(reference)
    rng.shuffle(hypothesis)
    hyp, ref = " ".join(hypothesis), " ".join(reference)
    assert ter(hyp, ref) == pytest.approx(reference_ter(hyp, ref), abs=1e-9)


def test_long_sentences_are_fast() -> None:
    rng = random.Random(11)
    words = SEED_TEXT.split()
    reference = words[300:420]
    hypothesis = list(reference)
    for _ in range(30):
        hypothesis[rng.randrange(len(hypothesis))] = rng.choice(words)
    for _ in range(3):
        at = rng.randrange(len(hypothesis) - 8)
        block = hypothesis[at : at + 5]
        del hypothesis[at : at + 5]
        target = rng.randrange(len(hypothesis))
        hypothesis[target:target] = block
    began = time.perf_counter()
    score = ter(" ".join(hypothesis), " ".join(reference))
    elapsed = time.perf_counter() - began
    assert 0 < score < 1
    assert elapsed < 1.0, f"TER of a 120-word sentence took {elapsed:.2f}s"


@settings(max_examples=150, deadline=None)
@given(
    hyp=st.lists(st.integers(0, 4), min_size=1, max_size=70),
    ref=st.lists(st.integers(0, 4), max_size=70),
    data=st.data(),
)
def test_beam_distance_shortcuts(hyp: list[int], ref: list[int], data: st.DataObject) -> None:
    # The speed-ups in metrics rest on two facts, pinned here on the private aligner: the
    # exact distance is a lower bound that equals the beam distance when small enough, and
    # resuming the DP from any row of a hypothesis sharing the prefix gives the same result.
    aligner = _BeamAligner(ref, len(hyp))
    distance, rows, trace = aligner.align(hyp)
    exact = Levenshtein.distance(hyp, ref)
    assert distance >= exact
    if aligner.exact_when_in_beam(exact):
        assert distance == exact
    assert len(trace) >= max(len(hyp), len(ref))
    resume_at = data.draw(st.integers(0, len(hyp)))
    assert aligner.cost_rows(hyp, rows, resume_at) == distance
