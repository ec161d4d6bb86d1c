"""Segmentation keeps every character: documents reassemble byte-for-byte."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.text.segment import SegmentDraft, reassemble, segment_document, split_at, split_bounds

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS = sorted((REPO_ROOT / "seeds").glob("*.txt"))

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def simple_split(paragraphs: Sequence[str]) -> Iterator[list[int]]:
    """A rule splitter standing in for spaCy: a sentence starts after . ! ? and whitespace."""
    for paragraph in paragraphs:
        yield [match.end() for match in _SENTENCE_END.finditer(paragraph)]


def no_split(paragraphs: Sequence[str]) -> Iterator[list[int]]:
    for _ in paragraphs:
        yield []


def rebuilt(leading: str, segments: list[SegmentDraft]) -> str:
    return reassemble(leading, [(s.text, s.trailing) for s in segments])


def assert_well_formed(raw: str, leading: str, segments: list[SegmentDraft]) -> None:
    assert rebuilt(leading, segments) == raw
    assert leading + "".join(s.text + s.trailing for s in segments) == raw
    for segment in segments:
        assert segment.text
        assert segment.text == segment.text.strip()
        assert segment.trailing.strip() == ""
        assert "\n" not in segment.text and "\r" not in segment.text
    paragraphs = [s.paragraph for s in segments]
    assert paragraphs == sorted(paragraphs)
    assert leading.strip() == ""


# --- the seed documents -----------------------------------------------------------------------


def test_seed_files_are_present() -> None:
    assert len(SEEDS) >= 2


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_reassembles_exactly(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8")
    leading, segments = segment_document(raw, simple_split)
    assert_well_formed(raw, leading, segments)
    assert rebuilt(leading, segments).encode("utf-8") == path.read_bytes()
    non_blank_lines = [line for line in re.split(r"\r\n|\r|\n", raw) if line.strip()]
    assert max(s.paragraph for s in segments) == len(non_blank_lines) - 1
    assert len(segments) > len(non_blank_lines)  # real sentence splitting happened


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_with_windows_line_endings_and_indentation(path: Path) -> None:
    raw = "  \r\n" + path.read_text(encoding="utf-8").replace("\n", "\r\n\t\r\n  ")
    leading, segments = segment_document(raw, simple_split)
    assert_well_formed(raw, leading, segments)
    assert leading == "  \r\n"
    assert any("\r\n\t\r\n  " in s.trailing for s in segments)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_with_spacy_sentencizer_batched(path: Path) -> None:
    # The shape the app uses: one nlp.pipe over all paragraphs, sentence starts as offsets.
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def spacy_split(paragraphs: Sequence[str]) -> Iterator[list[int]]:
        for doc in nlp.pipe(paragraphs, batch_size=32):
            yield [sentence.start_char for sentence in doc.sents]

    raw = path.read_bytes().decode("utf-8")
    leading, segments = segment_document(raw, spacy_split)
    assert_well_formed(raw, leading, segments)
    assert len(segments) > raw.count("\n") + 1


def test_seed_sentence_with_glued_words_is_one_segment() -> None:
    raw = (REPO_ROOT / "seeds" / "004_fdcf46f22384bcb5.txt").read_text(encoding="utf-8")
    _, segments = segment_document(raw, simple_split)
    glued = [s.text for s in segments if "twoThe" in s.text]
    assert glued == [
        "Make every effort to promote the integrated development of digital technology and traditional "
        "industries, and integrate the twoThe development index has been among the top 5 in the "
        "province within 5 years."
    ]


# --- concrete behaviour -----------------------------------------------------------------------


def test_sentences_keep_their_separating_whitespace() -> None:
    raw = "One.  Two!\tThree?\n"
    leading, segments = segment_document(raw, simple_split)
    assert leading == ""
    assert segments == [
        SegmentDraft("One.", "  ", 0),
        SegmentDraft("Two!", "\t", 0),
        SegmentDraft("Three?", "\n", 0),
    ]


def test_blank_lines_fold_into_previous_trailing_and_leading() -> None:
    raw = "\n \n  First line.\r\n\r\n\t\r\nSecond line\r  \n"
    leading, segments = segment_document(raw, simple_split)
    assert leading == "\n \n  "
    assert segments == [
        SegmentDraft("First line.", "\r\n\r\n\t\r\n", 0),
        SegmentDraft("Second line", "\r  \n", 1),
    ]


def test_paragraph_index_counts_non_blank_lines_only() -> None:
    raw = "A. B.\n\n\nC.\n   \nD."
    _, segments = segment_document(raw, simple_split)
    assert [(s.text, s.paragraph) for s in segments] == [("A.", 0), ("B.", 0), ("C.", 1), ("D.", 2)]


@pytest.mark.parametrize("raw", ["", " ", "\n", "\r\n\r\n", " \t\x0b\x0c\u2028\u3000\xa0\n"])
def test_document_without_text_is_all_leading(raw: str) -> None:
    calls: list[Sequence[str]] = []

    def splitter(paragraphs: Sequence[str]) -> list[list[int]]:
        calls.append(paragraphs)
        return [[] for _ in paragraphs]

    leading, segments = segment_document(raw, splitter)
    assert (leading, segments) == (raw, [])
    assert all(not paragraphs for paragraphs in calls)


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"])
def test_only_real_line_endings_start_a_paragraph(separator: str) -> None:
    raw = f"left{separator}right\nnext"
    leading, segments = segment_document(raw, no_split)
    assert leading == ""
    assert segments == [SegmentDraft(f"left{separator}right", "\n", 0), SegmentDraft("next", "", 1)]


def test_splitter_is_called_once_with_the_raw_non_blank_lines() -> None:
    seen: list[list[str]] = []

    def splitter(paragraphs: Sequence[str]) -> list[list[int]]:
        seen.append(list(paragraphs))
        return [[] for _ in paragraphs]

    segment_document("  one  \r\n\n two\rthree \n", splitter)
    assert seen == [["  one  ", " two", "three "]]


def test_splitter_offsets_may_be_sloppy() -> None:
    raw = "Alpha beta. Gamma delta."
    sloppy = [[99, 12, -3, 0, 12, 24, 5, 25]]
    leading, segments = segment_document(raw, lambda _: iter(sloppy))
    assert_well_formed(raw, leading, segments)
    assert [(s.text, s.trailing) for s in segments] == [
        ("Alpha", " "),
        ("beta.", " "),
        ("Gamma delta.", ""),
    ]


def test_cut_inside_whitespace_run_gives_no_empty_segment() -> None:
    raw = "First.    Second."
    _leading, segments = segment_document(raw, lambda _: [[7, 8, 9]])
    assert [(s.text, s.trailing) for s in segments] == [("First.", "    "), ("Second.", "")]


def test_splitter_returning_wrong_number_of_results_is_refused() -> None:
    with pytest.raises(ValueError, match="2 results for 1 paragraphs"):
        segment_document("Just one line.", lambda _: [[], []])
    with pytest.raises(ValueError, match="0 results for 2 paragraphs"):
        segment_document("One.\nTwo.", lambda _: [])


def test_emoji_and_cjk_are_code_points() -> None:
    raw = "😀 好的。 𠀋 ok.\n"
    leading, segments = segment_document(raw, lambda _: [[2, 6]])
    assert [(s.text, s.trailing) for s in segments] == [
        ("😀", " "),
        ("好的。", " "),
        ("𠀋 ok.", "\n"),
    ]
    assert_well_formed(raw, leading, segments)


# --- properties -------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [
        *list("ab .!?,\t\n\r"),
        "\r\n",
        "\x0b",
        "\x0c",
        "\u2028",
        "\xa0",
        "\u3000",
        "😀",
        "好",
        "𠀋",
        "\x85",
        "é",
    ]
)
_DOCUMENTS = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=_DOCUMENTS, data=st.data())
def test_any_document_and_any_splitter_reassemble_exactly(raw: str, data: st.DataObject) -> None:
    def arbitrary_splitter(paragraphs: Sequence[str]) -> Iterator[list[int]]:
        for paragraph in paragraphs:
            yield data.draw(st.lists(st.integers(-3, len(paragraph) + 3), max_size=6))

    leading, segments = segment_document(raw, arbitrary_splitter)
    assert_well_formed(raw, leading, segments)
    if raw.strip() == "":
        assert (leading, segments) == (raw, [])


@settings(max_examples=150, deadline=None)
@given(raw=_DOCUMENTS)
def test_without_cuts_each_paragraph_is_one_stripped_segment(raw: str) -> None:
    _, segments = segment_document(raw, no_split)
    lines = [line for line in re.split(r"\r\n|\r|\n", raw) if line.strip()]
    assert [s.text for s in segments] == [line.strip() for line in lines]
    assert [s.paragraph for s in segments] == list(range(len(lines)))


# --- split_at ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cut", "expected"),
    [
        (
            "integrate the twoThe development index",
            17,
            ("integrate the two", "", "The development index"),
        ),
        ("One.  Two.", 4, ("One.", "  ", "Two.")),
        ("One.  Two.", 5, ("One.", "  ", "Two.")),
        ("One.  Two.", 6, ("One.", "  ", "Two.")),
        ("a\tb", 1, ("a", "\t", "b")),
        ("😀𠀋", 1, ("😀", "", "𠀋")),
    ],
)
def test_split_at(text: str, cut: int, expected: tuple[str, str, str]) -> None:
    assert split_at(text, cut) == expected


@pytest.mark.parametrize(
    ("text", "cut", "message"),
    [
        ("Hello world", 0, "no text before"),
        ("Hello world", 11, "no text after"),
        ("Hello world", -1, "cannot split at -1"),
        ("Hello world", 12, "cannot split at 12"),
        ("", 0, "cannot split"),
        ("   ", 1, "no text before"),
    ],
)
def test_split_at_refuses_empty_sides(text: str, cut: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        split_at(text, cut)


@settings(max_examples=200, deadline=None)
@given(text=_DOCUMENTS.map(str.strip), data=st.data())
def test_split_at_properties(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(text)))
    before, after = text[:cut], text[cut:]
    if not before.strip() or not after.strip():
        with pytest.raises(ValueError):
            split_at(text, cut)
        return
    left, gap, right = split_at(text, cut)
    assert left + gap + right == text
    assert left and right and left == left.strip() and right == right.strip()
    assert gap.strip() == ""
    assert split_bounds(text, cut) == (len(left), len(left) + len(gap))
