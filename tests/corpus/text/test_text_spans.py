import itertools

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.text.spans import pieces, snap_to_tokens, snap_to_words
from tests.real_text import real_lines

NLP = spacy.blank("en")  # the tokenizer the IOB and DocBin exports use

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


@pytest.mark.parametrize(
    "text, suggested, expected",
    [
        ("Reporter Chen Huijie  reported.", "Chen Huijie  ", "Chen Huijie"),  # NER took the space
        ("at price:3999 yuan only", "3999 yuan", "price:3999 yuan"),  # one token in spaCy
        ('up "25.7%", said', '"25.7%",', "25.7%"),
        ("loans (RMB 5 million) were", "(RMB 5 million)", "RMB 5 million"),
        ("Xinhua (Beijing) said", "Xinhua (Beijing)", "Xinhua (Beijing)"),
        ("grew in 2023.", "2023.", "2023"),
        ("Huawei Co., Ltd. said", "Huawei Co., Ltd.", "Huawei Co., Ltd."),  # "Ltd." is a token
        ("the 2021-2023 plan", "2021", "2021"),  # spaCy splits hyphens between figures
        ("about 5,000mu of land", "5,000", "5,000mu"),
        ("“Huangyu”, a fish", "“Huangyu”,", "Huangyu"),
        ("costs $5 million", "$5 million", "$5 million"),
        ("rose 3.5%-4% on", "4%", "3.5%-4%"),
    ],
)
def test_snap_to_tokens_trims_and_grows_to_whole_tokens(text, suggested, expected):
    start = text.index(suggested)
    fitted = snap_to_tokens(text, start, start + len(suggested))
    assert fitted is not None and text[fitted[0] : fitted[1]] == expected


def test_snap_to_tokens_drops_what_is_only_punctuation():
    assert snap_to_tokens("a , b", 1, 4) is None
    assert snap_to_tokens("said: “”.", 5, 9) is None


def on_spacy_tokens(text: str, start: int, end: int) -> bool:
    span = NLP.make_doc(text).char_span(start, end, alignment_mode="strict")
    return span is not None and not span[0].is_space and not span[-1].is_space


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(real_lines()), st.data())
def test_snapped_suggestions_sit_on_spacy_tokens_in_real_text(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 60)))
    fitted = snap_to_tokens(text, start, end)
    if not any(char.isalnum() for char in text[start:end]):
        return
    assert fitted is not None
    s, e = fitted
    assert on_spacy_tokens(text, s, e), (text[start:end], text[s:e])
    # Only punctuation and whitespace are trimmed: every letter and digit selected stays.
    kept = range(s, e)
    assert all(i in kept for i in range(start, end) if text[i].isalnum())


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
