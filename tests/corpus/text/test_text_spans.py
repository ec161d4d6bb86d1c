import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.text.spans import pieces, snap_to_words

TEXT = "In the first half of 2023, income was 45.080 billion yuan, up 25.7% in Ningxia's 4,260 mu."


def sel(phrase: str, shrink_left: int = 0, shrink_right: int = 0) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start + shrink_left, start + len(phrase) - shrink_right


@pytest.mark.parametrize(
    "selection, expected",
    [
        (sel("45.080 billion yuan", 2, 2), "45.080 billion yuan"),
        (sel(" first half ", 0, 0), "first half"),
        (sel("Ningxia's", 3, 4), "Ningxia's"),
        (sel("4,260 mu", 1, 0), "4,260 mu"),
        (sel("25.7%", 0, 0), "25.7%"),
        (sel("2023", 1, 1), "2023"),
    ],
)
def test_snap_grows_to_whole_words(selection, expected):
    start, end = snap_to_words(TEXT, *selection)
    assert TEXT[start:end] == expected


def test_snap_refuses_whitespace_and_bad_bounds():
    with pytest.raises(ValueError, match="whitespace"):
        snap_to_words(TEXT, 2, 3)
    with pytest.raises(ValueError):
        snap_to_words(TEXT, 5, 5)
    with pytest.raises(ValueError):
        snap_to_words(TEXT, 0, len(TEXT) + 1)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40), st.data())
def test_snap_only_grows_and_never_lands_on_whitespace(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        return
    s, e = snap_to_words(text, start, end)
    assert 0 <= s < e <= len(text)
    assert not text[s].isspace() and not text[e - 1].isspace()
    assert s <= start + len(text[start:end]) - len(text[start:end].lstrip())


def test_pieces_cover_the_text_and_list_covering_spans():
    spans = [(0, 10), (5, 15), (20, 25)]
    result = pieces(30, spans)
    assert [(p.start, p.end) for p in result] == [
        (0, 5),
        (5, 10),
        (10, 15),
        (15, 20),
        (20, 25),
        (25, 30),
    ]
    assert [p.covering for p in result] == [(0,), (0, 1), (1,), (), (2,), ()]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 50), st.lists(st.tuples(st.integers(0, 49), st.integers(1, 50)), max_size=6))
def test_pieces_are_contiguous(length, raw):
    spans = [(min(a, length - 1), max(min(b, length), min(a, length - 1) + 1)) for a, b in raw]
    result = pieces(length, spans)
    assert result[0].start == 0 and result[-1].end == length
    assert all(a.end == b.start for a, b in itertools.pairwise(result))
    for piece in result:
        assert set(piece.covering) == {
            i for i, (s, e) in enumerate(spans) if s <= piece.start and piece.end <= e
        }
