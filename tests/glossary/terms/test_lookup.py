"""FuzzyIndex: one hit per concept, exact and prefix matches first, typos and Chinese found."""

from __future__ import annotations

import pytest

from glossary.terms.lookup import FuzzyIndex, Hit, LookupItem


def item(term_id: int, text: str, field: str = "preferred") -> LookupItem:
    return LookupItem(term_id, text, field)


ITEMS = [
    item(1, "specialized, refined, distinctive and innovative"),
    item(1, "specialized, special and new", "variant"),
    item(1, "Specialized, Specialized, Special and New", "variant"),
    item(1, "专精特新", "source"),
    item(2, "integration of informatization and industrialization"),
    item(2, "integration of informatization and informatization", "variant"),
    item(2, "两化融合", "source"),
    item(3, "mu"),
    item(3, "acres", "variant"),
    item(3, "亩", "source"),
    item(4, "single champion"),
    item(4, "individual champion", "variant"),
    item(4, "单项冠军", "source"),
    item(5, "manufacturing single champion"),
    item(5, "制造业单项冠军", "source"),
    item(6, "little giant"),
    item(6, "小巨人", "source"),
    item(7, "Municipal Bureau of Industry and Information Technology"),
    item(8, "gazelle enterprise"),
    item(8, "gazelle companies", "variant"),
    item(9, "special economic zone"),
]


@pytest.fixture(scope="module")
def index() -> FuzzyIndex:
    return FuzzyIndex(ITEMS)


def ids(hits: list[Hit]) -> list[int]:
    return [hit.term_id for hit in hits]


def test_exact_match_comes_first_and_names_the_item(index):
    hits = index.search("mu")
    assert hits[0] == Hit(3, "mu", "preferred", 100.0)
    assert 7 in ids(hits)  # "Municipal ..." is a prefix match, ranked after the exact one


def test_exact_variant_beats_prefix_of_other_concepts(index):
    hits = index.search("individual champion")
    assert hits[0] == Hit(4, "individual champion", "variant", 100.0)


def test_one_hit_per_concept_and_sorted_by_score(index):
    hits = index.search("special")
    assert len(ids(hits)) == len(set(ids(hits)))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert ids(hits)[:2] == [9, 1]  # both prefix matches; the shorter item covers more of itself


def test_a_concept_is_shown_by_its_preferred_term_within_a_band(index):
    (hit,) = [h for h in index.search("specialized") if h.term_id == 1]
    assert hit.field == "preferred" and hit.text.startswith("specialized, refined")


def test_prefix_matches_rank_above_word_prefix_and_fuzzy(index):
    hits = index.search("champion")
    assert ids(hits)[:2] == [4, 5]  # a word of each starts with the query
    hits = index.search("single")
    assert ids(hits)[0] == 4 and hits[0].score >= 90.0


@pytest.mark.parametrize(
    "query, term_id",
    [
        ("litle giant", 6),
        ("gazele enterprise", 8),
        ("integraton of informatization and industrialisation", 2),
        ("specalized, refin", 1),
        ("indivdual champion", 4),
    ],
)
def test_typos_are_found(index, query, term_id):
    assert ids(index.search(query))[0] == term_id


@pytest.mark.parametrize(
    "query, term_id",
    [("专精特新", 1), ("精特", 1), ("两化", 2), ("亩", 3), ("小巨人", 6), ("单项冠军", 4)],
)
def test_chinese_source_terms_are_searchable(index, query, term_id):
    hits = index.search(query)
    assert hits and hits[0].term_id == term_id


def test_whole_chinese_term_ranks_its_exact_concept_first(index):
    hits = index.search("单项冠军")
    assert hits[0] == Hit(4, "单项冠军", "source", 100.0)
    assert ids(hits)[1] == 5  # 制造业单项冠军 contains it


def test_case_and_punctuation_are_ignored(index):
    assert index.search("LITTLE GIANT!")[0] == Hit(6, "little giant", "preferred", 100.0)
    assert index.search("“specialized, special and new”")[0].score == 100.0


def test_limit_and_empty_queries(index):
    assert len(index.search("a", limit=3)) <= 3
    assert index.search("") == [] and index.search("  ,;  ") == []
    assert index.search("mu", limit=0) == []
    assert index.search("zzzzqqqq") == []


def test_empty_index():
    empty = FuzzyIndex([])
    assert len(empty) == 0 and empty.search("mu") == []
    assert len(FuzzyIndex([item(1, "  ")])) == 0  # nothing searchable in a blank text
