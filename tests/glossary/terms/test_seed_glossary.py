"""seeds/glossary.csv: a usable starter glossary that catches the seed texts' known MT damage."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from glossary.terms import GlossaryMatcher, TermKind, matcher_entries, read_csv, write_csv

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"
GLOSSARY = SEEDS / "glossary.csv"

# The issue's four concepts (单项冠军 has two: the short form and MIIT's full name) and an
# independent, hand-written pattern for every way the seed MT renders them.
FAMILIES = {
    "专精特新": (
        ["专精特新"],
        r"specialized, (?:specialized, )?special and new|specialization, specialization and innovation"
        r"|specialized and new|specialized, refined, distinctive and innovative",
    ),
    "两化融合": (
        ["两化融合"],
        r"integration of informatization and (?:informatization|industrialization)",
    ),
    "亩": (["亩"], r"mu|acres?"),
    "单项冠军": (
        ["单项冠军", "制造业单项冠军"],
        r"(?:(?:individual|single|manufacturing) ){1,2}champions?(?: in the manufacturing industry)?",
    ),
}


@pytest.fixture(scope="module")
def records():
    return read_csv(GLOSSARY.read_bytes())


@pytest.fixture(scope="module")
def seed_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


def test_file_is_canonical_write_csv_output(records):
    assert write_csv(records) == GLOSSARY.read_bytes().decode("utf-8")


def test_every_concept_is_documented_and_labelled(records):
    labels = {
        label["key"] for label in json.loads((SEEDS / "labels.json").read_text(encoding="utf-8"))
    }
    assert len(records) >= 25
    for record in records:
        assert record.definition and record.domain and record.source, record.preferred
        assert record.label in labels, record.preferred
        assert record.status == "approved"
    preferred = Counter(r.preferred.lower() for r in records)
    assert max(preferred.values()) == 1


def test_the_issues_renderings(records):
    by_source = {r.source: r for r in records}
    assert by_source["专精特新"].preferred == "specialized, refined, distinctive and innovative"
    assert {"specialized, special and new", "Specialized, Specialized, Special and New"} <= set(
        by_source["专精特新"].forbidden
    )
    assert by_source["两化融合"].forbidden == ["integration of informatization and informatization"]
    assert by_source["亩"].preferred == "mu" and "acres" in by_source["亩"].forbidden
    assert by_source["单项冠军"].preferred == "single champion"
    assert "individual champion" in by_source["单项冠军"].forbidden
    assert by_source["制造业单项冠军"].preferred == "manufacturing single champion"


def test_no_rendering_belongs_to_two_concepts(records):
    owners = Counter()
    for record in records:
        for text in {record.preferred, *record.admitted, *record.forbidden, record.source}:
            owners[text.lower()] += 1
    assert [text for text, count in owners.items() if count > 1] == []


@pytest.mark.parametrize("family", FAMILIES)
def test_matcher_finds_every_rendering_in_the_seeds(records, seed_text, family):
    sources, pattern = FAMILIES[family]
    term_ids = {i for i, r in enumerate(records, 1) if r.source in sources}
    expected = re.findall(rf"(?<!\w)(?:{pattern})(?!\w)", seed_text, flags=re.IGNORECASE)
    found = [
        m
        for m in GlossaryMatcher(matcher_entries(records)).find(seed_text)
        if m.term_id in term_ids
    ]
    assert expected, "the seeds contain renderings of every family"
    assert [seed_text[m.start : m.end].lower() for m in found] == [
        text.lower() for text in expected
    ]
    # every "champion" in the seeds is one of these renderings
    if family == "单项冠军":
        assert len(found) == len(re.findall(r"\bchampions?\b", seed_text, flags=re.IGNORECASE)) == 8


def test_forbidden_seed_renderings_are_flagged_with_the_fix(records, seed_text):
    matches = GlossaryMatcher(matcher_entries(records)).find(seed_text)
    flagged = Counter(
        seed_text[m.start : m.end].lower() for m in matches if m.kind == TermKind.FORBIDDEN
    )
    fixes = {
        seed_text[m.start : m.end].lower(): m.preferred
        for m in matches
        if m.kind == TermKind.FORBIDDEN
    }
    assert flagged["specialized, special and new"] == 9
    assert flagged["specialized, specialized, special and new"] == 3
    assert flagged["integration of informatization and informatization"] == 2
    assert flagged["acres"] == 3
    assert fixes["acres"] == "mu"
    assert fixes["individual champion"] == "single champion"
    assert fixes["individual manufacturing champions"] == "manufacturing single champion"
    assert fixes["propaganda department of the municipal party committee"].startswith(
        "Publicity Department"
    )


def test_each_preferred_term_matches_itself(records):
    matcher = GlossaryMatcher(matcher_entries(records))
    for term_id, record in enumerate(records, 1):
        found = matcher.find(record.preferred)
        assert [(m.start, m.end, m.term_id, m.kind) for m in found] == [
            (0, len(record.preferred), term_id, TermKind.PREFERRED)
        ], record.preferred
