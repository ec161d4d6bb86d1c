"""GlossaryMatcher: boundaries, case, overlaps, tie-breaking and offsets into the original text."""

from __future__ import annotations

import dataclasses
import itertools
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.terms.matcher import (
    _LENGTH_SAFE,
    Entry,
    GlossaryMatcher,
    Match,
    TermKind,
    fold,
    is_word_char,
)

P, A, F = TermKind.PREFERRED, TermKind.ADMITTED, TermKind.FORBIDDEN


def spans(matcher: GlossaryMatcher, text: str) -> list[tuple[str, int, TermKind]]:
    return [(text[m.start : m.end], m.term_id, m.kind) for m in matcher.find(text)]


MU = [Entry(1, "mu", P, preferred="mu"), Entry(1, "acres", F, preferred="mu")]


@pytest.mark.parametrize(
    "text",
    [
        "community",
        "municipal",
        "accumulate",
        "macresx",
        "acresx",
        "xacres",
        "10mu",
        "mu_x",
        "_acres",
        "muse",
    ],
)
def test_no_match_inside_a_word(text):
    assert GlossaryMatcher(MU).find(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("mu", ["mu"]),
        ("4,260 acres.", ["acres"]),
        ('"yield per mu"', ["mu"]),
        ("(acres)", ["acres"]),
        ("acres-mu", ["acres", "mu"]),
        ("mu's yield", ["mu"]),
        ("6,847 ACRES of land", ["ACRES"]),
        ("亩mu亩", ["mu"]),  # a CJK neighbour is a boundary: Chinese has no spaces
    ],
)
def test_matches_at_word_boundaries(text, found):
    assert [t for t, _, _ in spans(GlossaryMatcher(MU), text)] == found


def test_offsets_and_fields_of_a_match():
    text = "11,000 acres of land"
    (match,) = GlossaryMatcher(MU).find(text)
    assert match == Match(7, 12, 1, F, "acres", "mu")
    assert text[match.start : match.end] == "acres"


def test_matches_are_real_frozen_dataclass_instances():
    # The scan builds Match objects without calling __init__ (see matcher._scan): they must be
    # indistinguishable from constructed ones.
    (built,) = GlossaryMatcher(MU).find("4,260 acres")
    constructed = Match(6, 11, 1, F, "acres", "mu")
    assert (
        built == constructed
        and hash(built) == hash(constructed)
        and repr(built) == repr(constructed)
    )
    assert dataclasses.asdict(built) == dataclasses.asdict(constructed)
    assert isinstance(built.kind, TermKind)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.start = 0  # type: ignore[misc]


def test_case_sensitive_entries_match_their_exact_spelling_only():
    matcher = GlossaryMatcher([Entry(1, "US", P, case_sensitive=True), Entry(2, "SME", P)])
    assert spans(matcher, "US firms and us, sme and SMEs and Sme") == [
        ("US", 1, P),
        ("sme", 2, P),
        ("Sme", 2, P),
    ]


def test_case_sensitive_and_insensitive_entries_sharing_a_surface():
    matcher = GlossaryMatcher(
        [
            Entry(7, "Mu", F, case_sensitive=True, preferred="Greek mu"),
            Entry(3, "mu", P, preferred="mu"),
        ]
    )
    assert spans(matcher, "Mu mu MU") == [("Mu", 7, F), ("mu", 3, P), ("MU", 3, P)]


def test_longest_match_wins_at_the_same_start():
    matcher = GlossaryMatcher(
        [
            Entry(1, "individual champion", F),
            Entry(2, "individual champions in the manufacturing industry", F),
        ]
    )
    text = "58 individual champions in the manufacturing industry; an individual champion"
    assert spans(matcher, text) == [
        ("individual champions in the manufacturing industry", 2, F),
        ("individual champion", 1, F),
    ]


def test_leftmost_match_wins_over_a_longer_overlapping_one():
    matcher = GlossaryMatcher(
        [Entry(1, "industry and information", P), Entry(2, "information technology bureau", P)]
    )
    assert spans(matcher, "industry and information technology bureau") == [
        ("industry and information", 1, P)
    ]


def test_overlapping_variants_give_one_match_and_adjacent_ones_two():
    matcher = GlossaryMatcher(
        [
            Entry(1, "specialized, special and new", F, preferred="SRDI"),
            Entry(1, "Specialized, Specialized, Special and New", F, preferred="SRDI"),
            Entry(2, "small and medium-sized enterprises", P),
        ]
    )
    text = 'the "Specialized, Specialized, Special and New" small and medium-sized enterprises'
    assert spans(matcher, text) == [
        ("Specialized, Specialized, Special and New", 1, F),
        ("small and medium-sized enterprises", 2, P),
    ]
    found = matcher.find(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_punctuation_edged_terms_need_a_boundary_on_their_word_side_only():
    matcher = GlossaryMatcher(
        [Entry(1, "(Zhongwei) New Internet Exchange Center", P), Entry(2, "“little giant”", P)]
    )
    assert spans(matcher, "National(Zhongwei) New Internet Exchange Center") == [
        ("(Zhongwei) New Internet Exchange Center", 1, P)
    ]
    assert spans(matcher, "National(Zhongwei) New Internet Exchange Centers") == []
    assert spans(matcher, "key“little giant”firms") == [("“little giant”", 2, P)]


def test_terms_with_inner_punctuation():
    matcher = GlossaryMatcher([Entry(1, "specialized, special and new", F, preferred="x")])
    assert spans(matcher, "a 'specialized, special and new' firm") == [
        ("specialized, special and new", 1, F)
    ]
    assert spans(matcher, "specialized, special and newer") == []
    assert spans(matcher, "specialized special and new") == []


def test_chinese_source_terms_in_english_and_in_chinese_text():
    matcher = GlossaryMatcher(
        [Entry(4, "专精特新", F, preferred="specialized, refined, distinctive and innovative")]
    )
    assert spans(matcher, "the 专精特新 enterprises") == [("专精特新", 4, F)]
    assert spans(matcher, "培育专精特新企业") == [("专精特新", 4, F)]
    assert spans(matcher, "“专精特新”SMEs") == [("专精特新", 4, F)]
    assert matcher.find("the 专精特新 enterprises")[0].preferred.startswith("specialized, refined")


def test_tie_breaking_forbidden_then_preferred_then_admitted_then_lowest_id():
    entries = [
        Entry(5, "champion", A),
        Entry(4, "champion", P),
        Entry(9, "champion", F),
        Entry(2, "champion", F),
    ]
    assert spans(GlossaryMatcher(entries), "champion") == [("champion", 2, F)]
    assert spans(GlossaryMatcher(entries[:2]), "champion") == [("champion", 4, P)]
    assert spans(GlossaryMatcher([Entry(8, "x y", A), Entry(3, "x y", A)]), "x y") == [
        ("x y", 3, A)
    ]


def test_kinds_given_as_plain_strings_rank_the_same():
    entries = [Entry(1, "mu", "admitted"), Entry(2, "mu", "forbidden")]  # type: ignore[arg-type]
    assert [m.term_id for m in GlossaryMatcher(entries).find("mu")] == [2]


def test_length_changing_case_folding_keeps_offsets():
    matcher = GlossaryMatcher([*MU, Entry(2, "Straße", P), Entry(3, "İzmir port", P)])
    text = "İİ Straße İzmir PORT mu STRASSE ß acres"
    found = matcher.find(text)
    assert [(text[m.start : m.end], m.term_id) for m in found] == [
        ("Straße", 2),
        ("İzmir PORT", 3),
        ("mu", 1),
        ("acres", 1),
    ]
    assert spans(matcher, "izmir port") == [("izmir port", 3, P)]


def test_fold_keeps_length_over_all_of_unicode():
    expanding = {cp for cp in range(sys.maxunicode + 1) if len(chr(cp).lower()) != 1}
    assert expanding <= set(_LENGTH_SAFE)
    sample = "".join(map(chr, expanding)) + "ẞßΣΟΔΟΣ"
    assert len(fold(sample)) == len(sample)
    assert fold("ΟΔΟΣ") == fold("οδοσ")


def test_whitespace_runs_in_text_match_single_spaces_in_terms():
    matcher = GlossaryMatcher([Entry(1, "little  giant", P), Entry(2, "gazelle enterprise", P)])
    text = "a little \xa0giant,\tgazelle\u3000enterprise and little\ngiant"
    found = matcher.find(text)
    assert [(text[m.start : m.end], m.term_id) for m in found] == [
        ("little \xa0giant", 1),
        ("gazelle\u3000enterprise", 2),
    ]
    assert found[0].surface == "little  giant"


def test_final_sigma_matches_either_way():
    matcher = GlossaryMatcher([Entry(1, "ΟΔΟΣ", P)])
    text = "η οδος, Η ΟΔΟΣ και οδοσ"
    assert [text[m.start : m.end] for m in matcher.find(text)] == ["οδος", "ΟΔΟΣ", "οδοσ"]


def test_empty_inputs():
    assert GlossaryMatcher([]).find("anything") == []
    assert GlossaryMatcher(MU).find("") == []
    matcher = GlossaryMatcher([Entry(1, "  ", P), Entry(2, "mu", P), Entry(3, "MU", A)])
    assert len(matcher) == 1  # blank surfaces are skipped; "mu" and "MU" share one key
    assert len(GlossaryMatcher([])) == 0


def test_word_chars():
    assert is_word_char("a") and is_word_char("é") and is_word_char("7") and is_word_char("_")
    assert is_word_char("\u0301")  # a combining accent belongs to its letter
    assert not is_word_char("专") and not is_word_char("-") and not is_word_char("’")


# --- property: the matcher agrees with a slow, obviously correct reference ------------------


def reference(entries: list[Entry], text: str) -> list[tuple[int, int, int]]:
    rank = {F: 0, P: 1, A: 2}
    low = fold(text)
    candidates = []
    for entry in entries:
        surface = " ".join(entry.surface.split())
        if not surface:
            continue
        key = fold(surface)
        start = low.find(key)
        while start != -1:
            end = start + len(key)
            left_ok = not (is_word_char(surface[0]) and start > 0 and is_word_char(low[start - 1]))
            right_ok = not (is_word_char(surface[-1]) and end < len(low) and is_word_char(low[end]))
            exact_ok = not entry.case_sensitive or text[start:end] == surface
            if left_ok and right_ok and exact_ok:
                candidates.append((start, -end, rank[entry.kind], entry.term_id))
            start = low.find(key, start + 1)
    result, taken_to = [], 0
    for start, neg_end, _, term_id in sorted(candidates):
        if start >= taken_to:
            result.append((start, -neg_end, term_id))
            taken_to = -neg_end
    return result


ALPHABET = "abAB İıß,-' 专"
words = st.text(alphabet=ALPHABET, min_size=1, max_size=5).filter(str.strip)
entry_strategy = st.builds(
    Entry,
    term_id=st.integers(1, 6),
    surface=words,
    kind=st.sampled_from([P, A, F]),
    case_sensitive=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(entry_strategy, min_size=1, max_size=6), st.text(alphabet=ALPHABET, max_size=40))
def test_matches_agree_with_reference(entries, text):
    text = " ".join(text.split(" "))  # single spaces: whitespace runs are covered separately
    if "  " in text:
        return
    found = [(m.start, m.end, m.term_id) for m in GlossaryMatcher(entries).find(text)]
    assert found == reference(entries, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(entry_strategy, min_size=1, max_size=6), st.lists(words, max_size=8), st.data())
def test_extra_whitespace_moves_offsets_but_not_matches(entries, tokens, data):
    plain = " ".join(tokens)
    gaps = [data.draw(st.sampled_from([" ", "  ", "\xa0", " \t ", "\u3000"])) for _ in tokens]
    spaced = "".join(token + gap for token, gap in zip(tokens, gaps, strict=False)).rstrip(
        " \t\xa0\u3000"
    )
    matcher = GlossaryMatcher(entries)
    expected = [(" ".join(plain[m.start : m.end].split()), m.term_id) for m in matcher.find(plain)]
    got = [(" ".join(spaced[m.start : m.end].split()), m.term_id) for m in matcher.find(spaced)]
    assert got == expected
