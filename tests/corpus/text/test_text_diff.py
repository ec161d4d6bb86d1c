"""Word diffs rejoin exactly and read the way a reviewer expects."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.text.diff import DiffChunk, tokenize_words, word_diff


def rejoined(chunks: list[DiffChunk]) -> tuple[str, str]:
    return "".join(c.old for c in chunks), "".join(c.new for c in chunks)


def assert_well_formed(old: str, new: str, chunks: list[DiffChunk]) -> None:
    assert rejoined(chunks) == (old, new)
    for chunk in chunks:
        assert chunk.old or chunk.new
        if chunk.op == "equal":
            assert chunk.old == chunk.new
        elif chunk.op == "insert":
            assert not chunk.old and chunk.new
        elif chunk.op == "delete":
            assert chunk.old and not chunk.new
        else:
            assert chunk.op == "replace" and chunk.old and chunk.new
    for before, after in itertools.pairwise(chunks):
        assert "equal" in (before.op, after.op), "two changes in a row should be one chunk"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", []),
        (
            "integrate the twoThe development",
            ["integrate", " ", "the", " ", "two", "The", " ", "development"],
        ),
        ("25.7%, ranking", ["25", ".", "7", "%,", " ", "ranking"]),
        (
            'the city’s people\'s "core"',
            ["the", " ", "city’s", " ", "people's", " ", '"', "core", '"'],
        ),
        ("宁夏回族 ok", ["宁", "夏", "回", "族", " ", "ok"]),
        ("a\r\n\tb", ["a", "\r\n\t", "b"]),
        ("100M 5G iPhone", ["100M", " ", "5G", " ", "i", "Phone"]),
        ("😀x 𠀋", ["😀", "x", " ", "𠀋"]),
        ("Ningdong—Management", ["Ningdong", "—", "Management"]),
    ],
)
def test_tokenize_words(text: str, tokens: list[str]) -> None:
    assert tokenize_words(text) == tokens


def test_glued_sentences_diff_as_an_insertion() -> None:
    old = "integrate the twoThe development index"
    new = "integrate the two. The development index"
    assert word_diff(old, new) == [
        DiffChunk("equal", "integrate the two", "integrate the two"),
        DiffChunk("insert", "", ". "),
        DiffChunk("equal", "The development index", "The development index"),
    ]


def test_seed_style_word_replacement() -> None:
    old = "the integration of informatization and informatization has advanced in depth"
    new = "the integration of informatization and industrialization has advanced in depth"
    assert word_diff(old, new) == [
        DiffChunk(
            "equal",
            "the integration of informatization and ",
            "the integration of informatization and ",
        ),
        DiffChunk("replace", "informatization", "industrialization"),
        DiffChunk("equal", " has advanced in depth", " has advanced in depth"),
    ]


def test_deletion_and_insertion() -> None:
    assert word_diff("big data, cloud, big data, IoT", "big data, cloud, IoT") == [
        DiffChunk("equal", "big data, cloud, ", "big data, cloud, "),
        DiffChunk("delete", "big data, ", ""),
        DiffChunk("equal", "IoT", "IoT"),
    ]
    assert word_diff("Mobile access", "Mobile Internet access") == [
        DiffChunk("equal", "Mobile ", "Mobile "),
        DiffChunk("insert", "", "Internet "),
        DiffChunk("equal", "access", "access"),
    ]


def test_lone_spaces_between_changes_are_absorbed() -> None:
    assert word_diff("the quick brown fox", "a slow brown fox") == [
        DiffChunk("replace", "the quick", "a slow"),
        DiffChunk("equal", " brown fox", " brown fox"),
    ]


def test_identical_and_empty() -> None:
    assert word_diff("", "") == []
    assert word_diff("same", "same") == [DiffChunk("equal", "same", "same")]
    assert word_diff("", "new text") == [DiffChunk("insert", "", "new text")]
    assert word_diff("old text", "") == [DiffChunk("delete", "old text", "")]


def test_whitespace_only_change() -> None:
    assert_well_formed("a  b", "a b", word_diff("a  b", "a b"))
    assert word_diff("a  b", "a b")[1] == DiffChunk("replace", "  ", " ")


_WORDISH = st.sampled_from(
    [
        "the",
        "The",
        "two",
        "twoThe",
        "data",
        "big",
        " ",
        "  ",
        "\n",
        "\r\n",
        ",",
        ".",
        "%",
        "’s",
        "😀",
        "宁",
        "夏",
        "\t",
    ]
)
_TEXTS = st.lists(_WORDISH, max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_tokens_rejoin_for_any_text(text: str) -> None:
    tokens = tokenize_words(text)
    assert "".join(tokens) == text
    assert all(tokens)


@settings(max_examples=300, deadline=None)
@given(old=_TEXTS, new=_TEXTS)
def test_chunks_rejoin_for_word_like_text(old: str, new: str) -> None:
    assert_well_formed(old, new, word_diff(old, new))


@settings(max_examples=200, deadline=None)
@given(old=st.text(max_size=60), new=st.text(max_size=60))
def test_chunks_rejoin_for_any_text(old: str, new: str) -> None:
    assert_well_formed(old, new, word_diff(old, new))
