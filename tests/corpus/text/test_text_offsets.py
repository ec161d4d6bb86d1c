"""Spans survive edits, merges and splits: never silently wrong."""

from __future__ import annotations

from itertools import combinations, product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from corpus.text.alignment import Alignment
from corpus.text.offsets import (
    Remapped,
    SpanState,
    merge_spans,
    remap_spans,
    shift_spans,
    split_span_sides,
    split_spans,
)
from corpus.text.segment import split_at

INTACT, TOUCHED, DELETED = SpanState.INTACT, SpanState.TOUCHED, SpanState.DELETED


def span_of(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def surfaces(text: str, remapped: list[Remapped]) -> list[str]:
    return [text[r.start : r.end] for r in remapped]


def assert_valid(old: str, new: str, spans: list[tuple[int, int]], result: list[Remapped]) -> None:
    assert len(result) == len(spans)
    for (start, end), moved in zip(spans, result, strict=True):
        if moved.state is INTACT:
            assert new[moved.start : moved.end] == old[start:end]
        elif moved.state is TOUCHED:
            assert 0 <= moved.start < moved.end <= len(new)
        else:
            assert 0 <= moved.start == moved.end <= len(new)


# --- concrete cases from the seeds --------------------------------------------------------------

GLUED = (
    "Make every effort to promote the integrated development of digital technology and traditional "
    "industries, and integrate the twoThe development index has been among the top 5 in the province "
    "within 5 years."
)
FIXED = GLUED.replace("twoThe", "two. The")


def test_seed_glued_sentence_keeps_its_entity_spans() -> None:
    spans = [
        span_of(GLUED, "development index"),
        span_of(GLUED, "integrate the two"),
        span_of(GLUED, "The development"),
        span_of(GLUED, "twoThe"),
        span_of(GLUED, "digital technology"),
    ]
    result = remap_spans(GLUED, FIXED, spans)
    assert [r.state for r in result] == [INTACT, INTACT, INTACT, TOUCHED, INTACT]
    assert surfaces(FIXED, result) == [
        "development index",
        "integrate the two",
        "The development",
        "two. The",
        "digital technology",
    ]
    assert result[0] == Remapped(spans[0][0] + 2, spans[0][1] + 2, INTACT)
    assert result[4] == Remapped(*spans[4], INTACT)


def test_seed_duplicated_phrase_removed() -> None:
    old = "emerging businesses such as big data, cloud computing, big data, integration, Internet of Things"
    new = "emerging businesses such as big data, cloud computing, integration, Internet of Things"
    spans = [
        span_of(old, "big data"),
        span_of(old, "big data", 1),
        span_of(old, "Internet of Things"),
    ]
    result = remap_spans(old, new, spans)
    assert [r.state for r in result] == [INTACT, DELETED, INTACT]
    assert surfaces(new, result) == ["big data", "", "Internet of Things"]
    assert result[1].start == new.index("integration")


def test_seed_misspelt_name_corrected_is_touched_and_covers_the_correction() -> None:
    old = "Lijialiang City Workers Member of the Party Leadership Group"
    new = "Li Jialiang, City Workers Member of the Party Leadership Group"
    result = remap_spans(
        old, new, [span_of(old, "Lijialiang"), span_of(old, "Party Leadership Group")]
    )
    assert result[0] == Remapped(0, len("Li Jialiang"), TOUCHED)
    assert result[1].state is INTACT and surfaces(new, result)[1] == "Party Leadership Group"


def test_seed_forbidden_variant_replaced_by_preferred_term() -> None:
    old = 'adhere to the "specialized, special and new" development path of small and medium-sized enterprises'
    new = (
        'adhere to the "specialized, refined, distinctive and innovative" development path of SMEs'
    )
    spans = [span_of(old, "specialized, special and new"), span_of(old, "development path")]
    result = remap_spans(old, new, spans)
    assert result[0].state is TOUCHED
    assert (
        new[result[0].start : result[0].end] == "specialized, refined, distinctive and innovative"
    )
    assert result[1] == Remapped(*span_of(new, "development path"), INTACT)


# --- the rules one by one ---------------------------------------------------------------------


def test_identical_text_keeps_everything() -> None:
    assert remap_spans("abc", "abc", [(0, 3), (1, 2)]) == [
        Remapped(0, 3, INTACT),
        Remapped(1, 2, INTACT),
    ]


def test_insertion_at_span_edges_does_not_touch_it() -> None:
    old, spans = "one two three", [(4, 7)]
    assert remap_spans(old, "one XXtwo three", spans) == [Remapped(6, 9, INTACT)]
    assert remap_spans(old, "one twoXX three", spans) == [Remapped(4, 7, INTACT)]
    assert remap_spans(old, "XXone two three", [(0, 3)]) == [Remapped(2, 5, INTACT)]
    assert remap_spans(old, "one two threeXX", [(8, 13)]) == [Remapped(8, 13, INTACT)]


def test_insertion_strictly_inside_touches() -> None:
    assert remap_spans("one two three", "one twXo three", [(4, 7)]) == [Remapped(4, 8, TOUCHED)]


def test_partial_deletion_touches_and_covers_survivors() -> None:
    assert remap_spans("one two three", "one wo three", [(4, 7)]) == [Remapped(4, 6, TOUCHED)]
    assert remap_spans("one two three", "one tw three", [(4, 7)]) == [Remapped(4, 6, TOUCHED)]


def test_full_deletion_deletes_at_the_gap() -> None:
    # Indel reports "wo t" deleted here; sliding the deletion onto "two " deletes the span
    # instead of leaving a touched stub on the "t" of "three".
    assert Indel.opcodes("one two three", "one three").as_list()[1] == ("delete", 5, 9, 5, 5)
    assert remap_spans("one two three", "one three", [(4, 8), (4, 7)]) == [
        Remapped(4, 4, DELETED),
        Remapped(4, 4, DELETED),
    ]
    assert remap_spans("one two three", "one  three", [(4, 7)]) == [Remapped(4, 4, DELETED)]


def test_replaced_span_is_touched_not_deleted() -> None:
    assert remap_spans("the two sides", "the 2 sides", [(4, 7)]) == [Remapped(4, 5, TOUCHED)]
    assert remap_spans("two", "2", [(0, 3)]) == [Remapped(0, 1, TOUCHED)]


def test_everything_deleted() -> None:
    assert remap_spans("abc def", "", [(0, 3), (4, 7)]) == [
        Remapped(0, 0, DELETED),
        Remapped(0, 0, DELETED),
    ]


def test_ambiguous_insertion_slides_out_of_the_span() -> None:
    # Indel reports "Zab" inserted after "Zab", i.e. inside the span "abc".
    assert Indel.opcodes("Zabc", "ZabZabc").as_list()[1] == ("insert", 3, 3, 3, 6)
    assert remap_spans("Zabc", "ZabZabc", [(1, 4), (0, 1)]) == [
        Remapped(4, 7, INTACT),
        Remapped(0, 1, INTACT),
    ]


def test_ambiguous_deletion_slides_out_of_the_span() -> None:
    assert Indel.opcodes("ZabZabc", "Zabc").as_list()[1] == ("delete", 3, 6, 3, 3)
    assert remap_spans("ZabZabc", "Zabc", [(4, 7)]) == [Remapped(1, 4, INTACT)]
    assert remap_spans("abab", "ab", [(2, 4)]) == [Remapped(0, 2, INTACT)]


def test_retyped_span_that_survives_whole_is_intact() -> None:
    # Indel reports "b" inserted before "a" and the span's own "b" deleted; that deletion can
    # slide onto the next "b", outside the span, so its text "ab" is still there, whole.
    assert Indel.opcodes("abb", "bab").as_list()[2] == ("delete", 1, 2, 2, 2)
    assert remap_spans("abb", "bab", [(0, 2)]) == [Remapped(1, 3, INTACT)]


def test_emoji_and_cjk_offsets_are_code_points() -> None:
    old = "😀 宁夏 𠀋 data"
    new = "😀😀 宁夏回族 𠀋 big data"
    result = remap_spans(old, new, [span_of(old, "宁夏"), span_of(old, "𠀋"), span_of(old, "data")])
    assert [r.state for r in result] == [INTACT, INTACT, INTACT]
    assert surfaces(new, result) == ["宁夏", "𠀋", "data"]


def test_result_keeps_input_order_and_duplicates() -> None:
    old, new = "alpha beta gamma", "alpha BETA gamma delta"
    spans = [(11, 16), (0, 5), (6, 10), (0, 5)]
    result = remap_spans(old, new, spans)
    assert [r.state for r in result] == [INTACT, INTACT, TOUCHED, INTACT]
    assert surfaces(new, result) == ["gamma", "alpha", "BETA", "alpha"]


@pytest.mark.parametrize("span", [(0, 0), (3, 2), (-1, 2), (0, 4)])
def test_invalid_spans_are_refused(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="not a non-empty range"):
        remap_spans("abc", "abcd", [span])


def test_span_state_values_are_stable_strings() -> None:
    assert [s.value for s in SpanState] == ["intact", "touched", "deleted"]
    assert SpanState.TOUCHED == "touched"


# --- merge and split --------------------------------------------------------------------------


def test_shift_and_merge() -> None:
    assert shift_spans([(0, 2), (5, 9)], 3) == [(3, 5), (8, 12)]
    assert shift_spans([(3, 5)], -3) == [(0, 2)]
    left, gap, right = "integrate the two", "", "The development index"
    merged = merge_spans(left, gap, [(10, 17)], [(0, 3), (4, 21)])
    text = left + gap + right
    assert [text[s:e] for s, e in merged] == ["the two", "The", "development index"]
    assert merge_spans("One.", "  ", [], [(0, 4)]) == [(6, 10)]


def test_split_spans_sides_clipping_and_gap() -> None:
    text = "Alpha beta.  Gamma delta."
    cut = text.index("  ") + 1
    left_text, gap, right_text = split_at(text, cut)
    assert (left_text, gap, right_text) == ("Alpha beta.", "  ", "Gamma delta.")
    spans = [
        span_of(text, "Alpha"),
        span_of(text, "Gamma"),
        span_of(text, "beta.  Gamma"),  # 5 characters each side: a tie stays left
        span_of(text, "a.  Gamma"),  # more on the right
        span_of(text, "  "),  # only the gap
        span_of(text, " Gamma"),  # gap plus right: clipped, so touched
    ]
    sides = split_span_sides(text, cut, spans)
    assert sides == [
        ("left", Remapped(0, 5, INTACT)),
        ("right", Remapped(0, 5, INTACT)),
        ("left", Remapped(6, 11, TOUCHED)),
        ("right", Remapped(0, 5, TOUCHED)),
        ("left", Remapped(11, 11, DELETED)),
        ("right", Remapped(0, 5, TOUCHED)),
    ]
    left, right = split_spans(text, cut, spans)
    assert left == [r for side, r in sides if side == "left"]
    assert right == [r for side, r in sides if side == "right"]


def test_split_inside_a_glued_word() -> None:
    text = "integrate the twoThe development index"
    cut = text.index("The")
    spans = [span_of(text, "twoThe"), span_of(text, "development index"), span_of(text, "oThe")]
    left, right = split_spans(text, cut, spans)
    assert left == [Remapped(14, 17, TOUCHED)]
    assert right == [Remapped(4, 21, INTACT), Remapped(0, 3, TOUCHED)]


def test_split_refuses_like_split_at() -> None:
    with pytest.raises(ValueError, match="no text before"):
        split_spans("  Hello", 1, [])
    with pytest.raises(ValueError, match="not a non-empty range"):
        split_spans("Hello world", 5, [(3, 30)])


# --- properties -------------------------------------------------------------------------------

# Few distinct characters: repeated text makes LCS alignments ambiguous, which is the hard case.
_SMALL = st.lists(st.sampled_from([*list("ab Z."), "😀", "好"]), min_size=1, max_size=30).map(
    "".join
)


@st.composite
def text_and_spans(
    draw: st.DrawFn, texts: st.SearchStrategy[str] = _SMALL
) -> tuple[str, list[tuple[int, int]]]:
    text = draw(texts)
    spans = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(text) - 1))
        spans.append((start, draw(st.integers(start + 1, len(text)))))
    return text, spans


@st.composite
def edit_of(
    draw: st.DrawFn, text: str, fresh: st.SearchStrategy[str] = _SMALL
) -> tuple[int, int, str]:
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, min(len(text), a + 8)))
    return a, b, draw(st.one_of(st.just(""), fresh))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=text_and_spans(), data=st.data())
def test_edit_outside_a_span_leaves_it_intact(
    case: tuple[str, list[tuple[int, int]]], data: st.DataObject
) -> None:
    old, spans = case
    a, b, inserted = data.draw(edit_of(old))
    new = old[:a] + inserted + old[b:]
    result = remap_spans(old, new, spans)
    assert_valid(old, new, spans, result)
    for (start, end), moved in zip(spans, result, strict=True):
        # Touching the span's edge (insertion or deletion right next to it) still counts as outside.
        if b <= start or a >= end:
            assert moved.state is INTACT, (old, new, (start, end), moved)


_UNIQUE_POOL = [chr(0x4E00 + i) for i in range(400)]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_states_are_exact_when_the_alignment_is_unique(data: st.DataObject) -> None:
    # All characters distinct and inserted ones fresh: the LCS is unique, so the expected
    # outcome of every span can be computed by hand.
    size = data.draw(st.integers(1, 25))
    old = "".join(_UNIQUE_POOL[:size])
    start = data.draw(st.integers(0, size - 1))
    end = data.draw(st.integers(start + 1, size))
    a = data.draw(st.integers(0, size))
    b = data.draw(st.integers(a, size))
    inserted = "".join(_UNIQUE_POOL[size : size + data.draw(st.integers(0, 4))])
    if a == b and not inserted:
        return
    new = old[:a] + inserted + old[b:]
    [moved] = remap_spans(old, new, [(start, end)])

    def position(index: int) -> int:  # where old character ``index`` lands (or would) in new
        return index if index < a else index - (b - a) + len(inserted)

    if a == b and start < a < end:
        assert moved == Remapped(start, end + len(inserted), TOUCHED)
        return
    if b <= start or a >= end:
        assert moved == Remapped(position(start), position(start) + end - start, INTACT)
        return
    new_start = start if start < a else a
    new_end = position(end - 1) + 1 if end - 1 >= b else a + len(inserted)
    expected_state = DELETED if new_start == new_end else TOUCHED
    assert moved == Remapped(new_start, new_end, expected_state)
    if moved.state is TOUCHED and a <= start and end <= b:
        assert new[moved.start : moved.end] == inserted


@st.composite
def documents(draw: st.DrawFn) -> list[tuple[str, list[tuple[int, int]]]]:
    return draw(st.lists(text_and_spans(), min_size=1, max_size=3))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(segments=documents(), data=st.data())
def test_random_edits_merges_and_splits_never_misplace_a_span(
    segments: list[tuple[str, list[tuple[int, int]]]], data: st.DataObject
) -> None:
    # Each span carries the surface it must show while INTACT; TOUCHED spans take their new
    # surface (a reviewer will look at them), DELETED ones disappear.
    live = [(text, [(s, e, text[s:e]) for s, e in spans]) for text, spans in segments]
    for _ in range(data.draw(st.integers(1, 8))):
        index = data.draw(st.integers(0, len(live) - 1))
        text, spans = live[index]
        action = data.draw(st.sampled_from(["edit", "edit", "merge", "split"]))
        if action == "merge" and index + 1 < len(live):
            right_text, right_spans = live.pop(index + 1)
            gap = data.draw(st.sampled_from(["", " ", "  ", "\n"]))
            merged = merge_spans(
                text, gap, [(s, e) for s, e, _ in spans], [(s, e) for s, e, _ in right_spans]
            )
            labels = [label for *_, label in spans + right_spans]
            text = text + gap + right_text
            spans = [(s, e, label) for (s, e), label in zip(merged, labels, strict=True)]
            assert all(text[s:e] == label for s, e, label in spans)
            live[index] = (text, spans)
        elif action == "split":
            cut = data.draw(st.integers(0, len(text)))
            try:
                left_text, _gap, right_text = split_at(text, cut)
            except ValueError:
                continue
            sides = split_span_sides(text, cut, [(s, e) for s, e, _ in spans])
            halves: dict[str, list[tuple[int, int, str]]] = {"left": [], "right": []}
            for (side, moved), (_s, _e, label) in zip(sides, spans, strict=True):
                part = left_text if side == "left" else right_text
                if moved.state is INTACT:
                    assert part[moved.start : moved.end] == label
                    halves[side].append((moved.start, moved.end, label))
                elif moved.state is TOUCHED:
                    assert 0 <= moved.start < moved.end <= len(part)
                    halves[side].append((moved.start, moved.end, part[moved.start : moved.end]))
            live[index : index + 1] = [(left_text, halves["left"]), (right_text, halves["right"])]
        else:
            a, b, inserted = data.draw(edit_of(text))
            new = text[:a] + inserted + text[b:]
            if not new:
                continue
            result = remap_spans(text, new, [(s, e) for s, e, _ in spans])
            kept = []
            for (_s, _e, label), moved in zip(spans, result, strict=True):
                if moved.state is INTACT:
                    assert new[moved.start : moved.end] == label
                    kept.append((moved.start, moved.end, label))
                elif moved.state is TOUCHED:
                    assert 0 <= moved.start < moved.end <= len(new)
                    kept.append((moved.start, moved.end, new[moved.start : moved.end]))
                else:
                    assert 0 <= moved.start == moved.end <= len(new)
            live[index] = (new, kept)


def reference_remap(old: str, new: str, spans: list[tuple[int, int]]) -> list[Remapped] | str:
    """remap_spans the straightforward way: one diff of the whole pair, every span aligned.

    remap_spans takes shortcuts (spans clear of the change only shift; only the changed stretch
    is diffed, or nothing when it is a pure insertion or deletion) that must not change a result.
    """
    starts, ends, new_starts = [0], [0], [0]
    for block in Indel.opcodes(old, new).as_matching_blocks():
        if block.a == ends[-1] and block.b == new_starts[-1] + block.a - starts[-1]:
            ends[-1] = block.a + block.size
        else:
            starts.append(block.a)
            ends.append(block.a + block.size)
            new_starts.append(block.b)
    alignment = Alignment(old, new, starts, ends, new_starts)
    for start, end in spans:
        if not 0 <= start < end <= len(old):
            return f"refused ({start}, {end})"
    return [alignment.place(start, end) for start, end in spans]


_WORDISH = st.lists(st.sampled_from(["ab", "ba", "a", " ", ". ", "Zab", "好"]), max_size=12).map(
    "".join
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=text_and_spans(st.one_of(_SMALL, _WORDISH.filter(bool))),
    edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 6), _WORDISH), min_size=1, max_size=3),
    stray=st.sampled_from([None, (0, 0), (2, 1), (-1, 1), (0, 99)]),
)
def test_shortcuts_give_what_the_full_diff_gives(
    case: tuple[str, list[tuple[int, int]]],
    edits: list[tuple[float, int, str]],
    stray: tuple[int, int] | None,
) -> None:
    old, spans = case
    new = old
    for where, removed, inserted in edits:  # one to three changed stretches
        at = int(where * len(new))
        new = new[:at] + inserted + new[at + removed :]
    if stray is not None:
        spans = [*spans, stray]
    expected = reference_remap(old, new, spans)
    if isinstance(expected, str):
        with pytest.raises(ValueError, match="not a non-empty range"):
            remap_spans(old, new, spans)
        return
    result = remap_spans(old, new, spans)
    assert result == expected, (old, new, spans)
    assert all(type(moved) is Remapped for moved in result)


def test_every_small_retyping_under_covering_spans_gives_what_the_full_diff_gives() -> None:
    # Exhaustive over two letters (random texts meet the rare placements, such as a deletion
    # sliding out of the span into the common suffix, about once in a thousand edits).
    texts = ["".join(letters) for size in range(1, 6) for letters in product("ab", repeat=size)]
    for old in texts:
        for a, b in combinations(range(len(old) + 1), 2):
            spans = [(start, end) for start in range(a + 1) for end in range(b, len(old) + 1)]
            for inserted in (text for text in texts if len(text) <= 3):
                new = old[:a] + inserted + old[b:]
                assert remap_spans(old, new, spans) == reference_remap(old, new, spans), (old, new)


# Two letters and short texts: a span's edge characters recur in almost every replacement.
_AB = st.text("ab", min_size=1, max_size=8)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    old=st.one_of(_AB, _SMALL, _WORDISH.filter(bool)),
    inserted=st.one_of(_AB, _SMALL, _WORDISH.filter(bool)),
    data=st.data(),
)
def test_spans_covering_a_retyped_stretch_give_what_the_full_diff_gives(
    old: str, inserted: str, data: st.DataObject
) -> None:
    # Retyping text a span covers (a word at its edge, most often) with text sharing its
    # characters: the span's edge characters may survive inside the new text, which remap_spans
    # settles from the changed stretch's first and last blocks alone, not the whole alignment.
    a = data.draw(st.integers(0, len(old) - 1))
    b = data.draw(st.integers(a + 1, len(old)))
    new = old[:a] + inserted + old[b:]
    spans = [
        (start, data.draw(st.integers(b, len(old))))
        for start in data.draw(st.lists(st.integers(0, a), min_size=1, max_size=3))
    ]
    assert remap_spans(old, new, spans) == reference_remap(old, new, spans), (old, new, spans)


@settings(max_examples=200, deadline=None)
@given(case=text_and_spans(), new=_SMALL)
def test_any_rewrite_gives_valid_ranges(case: tuple[str, list[tuple[int, int]]], new: str) -> None:
    old, spans = case
    assert_valid(old, new, spans, remap_spans(old, new, spans))


@settings(max_examples=150, deadline=None)
@given(case=text_and_spans(), data=st.data())
def test_split_spans_agree_with_split_at(
    case: tuple[str, list[tuple[int, int]]], data: st.DataObject
) -> None:
    text, spans = case
    cut = data.draw(st.integers(0, len(text)))
    try:
        left_text, gap, right_text = split_at(text, cut)
    except ValueError:
        with pytest.raises(ValueError):
            split_spans(text, cut, spans)
        return
    for (start, end), (side, moved) in zip(spans, split_span_sides(text, cut, spans), strict=True):
        part, offset = (left_text, 0) if side == "left" else (right_text, len(left_text) + len(gap))
        if moved.state is DELETED:
            assert (side, moved.start, moved.end) == ("left", len(left_text), len(left_text))
            assert text[start:end].strip() == "" and left_text and right_text
            continue
        assert 0 <= moved.start < moved.end <= len(part)
        # The kept characters are the original ones, at the same place in the old text.
        assert text[moved.start + offset : moved.end + offset] == part[moved.start : moved.end]
        assert (moved.state is INTACT) == (
            (moved.start + offset, moved.end + offset) == (start, end)
        )
