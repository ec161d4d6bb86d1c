"""Find and replace, pure: modes, Unicode offsets, the prefilter literal, time limits, messages."""

import sys

import pytest
import regex

from corpus.text.search import (
    FOREIGN_TWINS,
    Deadline,
    QueryError,
    Replacement,
    SearchTimeout,
    apply,
    compile_query,
    context,
    find,
    replacement_for,
)


def spans(query, text):
    return [(h.start, h.end, text[h.start : h.end]) for h in find(query, text)]


def test_plain_search_ignores_case_and_treats_metacharacters_as_text():
    text = "Growth (2.5%) and growth. GROWTH? grow."
    assert [s[2] for s in spans(compile_query("growth"), text)] == ["Growth", "growth", "GROWTH"]
    assert spans(compile_query("(2.5%)"), text) == [(7, 13, "(2.5%)")]
    assert spans(compile_query("GROWTH", case_sensitive=True), text) == [(26, 32, "GROWTH")]


def test_whole_word_stops_at_word_edges_only_where_the_query_has_a_word_character():
    text = "acres, acresx xacres acres. 😀 x 😀 xy"
    assert [s[0] for s in spans(compile_query("acres", whole_word=True), text)] == [0, 21]
    # An emoji is not a word character: a word just before it does not make it "inside a word".
    assert spans(compile_query("😀 x", whole_word=True), "a😀 x 😀 xy") == [(1, 4, "😀 x")]


def test_offsets_are_code_points_through_emoji_cjk_and_extension_b():
    text = "😀 济宁市 𠀀 Jining 😀 Jining"
    hits = spans(compile_query("jining"), text)
    assert hits == [(8, 14, "Jining"), (17, 23, "Jining")]
    assert spans(compile_query("济宁"), text) == [(2, 4, "济宁")]
    assert spans(compile_query("𠀀"), text) == [(6, 7, "𠀀")]
    assert spans(compile_query(r"\p{Han}+", use_regex=True), text) == [
        (2, 5, "济宁市"),
        (6, 7, "𠀀"),
    ]


def test_case_folding_beyond_ascii():
    assert spans(compile_query("ÉTÉ"), "un été chaud") == [(3, 6, "été")]
    assert spans(compile_query("σ"), "ΟΔΟΣ οδος") == [(3, 4, "Σ"), (8, 9, "ς")]


def test_regular_expression_with_groups_and_replacement_template():
    query = compile_query(r"(\d+) acres", use_regex=True)
    text = "20 acres here and 30 acres there"
    hits = find(query, text)
    assert apply(text, hits, replacement_for(query, r"\1 mu")) == "20 mu here and 30 mu there"
    named = compile_query(r"(?P<n>\d+) acres", use_regex=True)
    assert apply(text, find(named, text), replacement_for(named, r"\g<n> mu")).count("mu") == 2
    # Without regex mode a backslash in the replacement is just a backslash.
    plain = compile_query("acres")
    assert apply("2 acres", find(plain, "2 acres"), replacement_for(plain, r"\1")) == r"2 \1"


def test_a_replacement_naming_a_missing_group_is_refused_with_the_reason():
    query = compile_query(r"(\d+) acres", use_regex=True)
    with pytest.raises(QueryError, match=r"The replacement cannot be used: .*group"):
        apply("20 acres", find(query, "20 acres"), replacement_for(query, r"\2 mu"))


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("a(", "missing ) at position 2"),
        ("[a-", "unterminated character set"),
        ("*a", "nothing to repeat at position 0"),
        (r"\p{Nonsense}", "unknown property at position"),
    ],
)
def test_invalid_patterns_are_refused_with_the_regex_modules_message(pattern, message):
    with pytest.raises(QueryError) as refused:
        compile_query(pattern, use_regex=True)
    assert str(refused.value).startswith("Not a valid regular expression: ")
    assert message in str(refused.value)


def test_empty_queries_and_patterns_that_match_nothing_are_refused():
    with pytest.raises(QueryError, match="Type something"):
        compile_query("")
    with pytest.raises(QueryError, match="matches empty text"):
        compile_query("a*", use_regex=True)
    with pytest.raises(QueryError, match="at most 500"):
        compile_query("x" * 501)


def test_a_catastrophic_pattern_stops_at_its_time_budget():
    query = compile_query(r"(a|aa)+$", use_regex=True)
    with pytest.raises(SearchTimeout, match="takes too long"):
        find(query, "a" * 40 + "b", Deadline(0.05))


def test_the_budget_is_shared_by_every_text_a_search_reads():
    deadline = Deadline(0.0)
    with pytest.raises(SearchTimeout):
        find(compile_query("x"), "x", deadline)


@pytest.mark.parametrize(
    ("pattern", "case_sensitive", "literal"),
    [
        (r"Jining \w+", True, "Jining "),
        (r"Jining \w+", False, "jining "),
        (r"(?:foo|bar) baz", True, " baz"),
        (r"x{2,3}yz", True, "yz"),
        (r"(?i)Jining", True, "jining"),
        (r"[[:alpha:]]x", True, ""),  # the standard parser would read [[:alpha:] as a set
        (r"(?:foo){e<=1}", True, ""),  # fuzzy: "foo" need not be there
        (r"\p{Han}+省", True, ""),
        (r"foo|bar", True, ""),
    ],
)
def test_the_prefilter_literal_is_something_every_match_contains(pattern, case_sensitive, literal):
    query = compile_query(pattern, use_regex=True, case_sensitive=case_sensitive)
    assert query.literal == literal


def test_prefilter_literals_avoid_letters_sql_like_would_not_fold():
    assert compile_query("Café au lait").literal == " au lait"
    kilo = compile_query("Kilos")
    assert (kilo.literal, kilo.twins) == ("kilos", ["\u0130", "\u017f", "\u212a"])
    assert find(kilo, "5 \u212ailo\u017f") != []  # what the twins let through is a real hit
    assert compile_query("Kilo", case_sensitive=True).twins == []
    assert compile_query("济宁市").literal == "济宁市"


def test_the_foreign_case_twins_are_exactly_those_the_regex_module_folds_to_ascii():
    twins = {}
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if not char.isalpha() or char.lower() == char.upper():
            continue
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if regex.fullmatch(letter, char, regex.IGNORECASE):
                twins[char] = letter
    assert twins == FOREIGN_TWINS


def test_keyword_in_context_cuts_at_spaces_and_marks_the_cut():
    text = "word " * 30 + "TARGET" + " more" * 30
    start = text.index("TARGET")
    left, right = context(text, start, start + 6, width=20)
    assert left.startswith("…") and left.endswith("word ") and len(left) <= 21
    assert right.startswith(" more") and right.endswith("…")
    assert context("a TARGET b", 2, 8) == ("a ", " b")


def test_sentence_case_keeps_the_capital_of_a_sentence_opening():
    query = compile_query("acres", whole_word=True)
    text = "Acres of land: 20 acres. “Acres” again, and Acres mid-sentence."
    replacement = Replacement("mu", sentence_case=True)
    assert apply(text, find(query, text), replacement) == (
        "Mu of land: 20 mu. “Mu” again, and mu mid-sentence."
    )
