"""One concept rendered two ways in one document: a finding on each place (pure, no Django)."""

from glossary.terms import Entry, GlossaryMatcher, TermKind
from glossary.terms.consistency import FORBIDDEN, INCONSISTENT, document_findings, rendering_key

MU, SME = 1, 2
ENTRIES = [
    Entry(MU, "mu", TermKind.PREFERRED, preferred="mu"),
    Entry(MU, "acres", TermKind.FORBIDDEN, preferred="mu"),
    Entry(MU, "亩", TermKind.FORBIDDEN, preferred="mu"),
    Entry(
        SME,
        "small and medium-sized enterprises",
        TermKind.PREFERRED,
        preferred="small and medium-sized enterprises",
    ),
    Entry(SME, "SMEs", TermKind.ADMITTED, preferred="small and medium-sized enterprises"),
    Entry(
        SME,
        "small and medium enterprises",
        TermKind.ADMITTED,
        preferred="small and medium-sized enterprises",
    ),
    Entry(
        SME,
        "small and medium-sized enterprise",
        TermKind.ADMITTED,
        preferred="small and medium-sized enterprises",
    ),
]
MATCHER = GlossaryMatcher(ENTRIES)


def findings(*segments: str):
    places = [
        (i, m, text[m.start : m.end])
        for i, text in enumerate(segments, 1)
        for m in MATCHER.find(text)
    ]
    return document_findings(places)


def test_a_forbidden_rendering_alone_gets_the_fix_and_no_inconsistency():
    [only] = findings("The park covers 4,260 acres.", "Nothing else here.")
    assert (only.segment_id, only.check_id, only.severity, only.fix) == (
        1,
        FORBIDDEN,
        "error",
        "mu",
    )
    assert only.message == "“acres” is a forbidden rendering: use “mu”."
    assert "The park covers 4,260 acres."[only.start : only.end] == "acres"


def test_forbidden_beside_preferred_flags_every_place_naming_the_other_rendering():
    result = findings(
        "Land of 4,260 mu was freed.", "Another 11,000 acres were advanced.", "And 20 mu more."
    )
    assert [(f.segment_id, f.check_id) for f in result] == [
        (1, INCONSISTENT),
        (2, FORBIDDEN),
        (3, INCONSISTENT),
    ]
    assert "“acres”" in result[0].message and result[0].fix is None
    assert (
        result[1].message
        == "“acres” is a forbidden rendering: use “mu”; this document also uses “mu”."
    )
    assert result[1].fix == "mu"


def test_two_admitted_variants_are_inconsistent_but_preferred_plus_one_admitted_is_not():
    assert findings("Small and medium-sized enterprises grew.", "SMEs grew faster.") == []
    result = findings("SMEs grew.", "Small and medium enterprises grew too.")
    assert [(f.segment_id, f.check_id) for f in result] == [(1, INCONSISTENT), (2, INCONSISTENT)]
    assert "“Small and medium enterprises”" in result[0].message and "“SMEs”" in result[1].message


def test_case_spacing_and_plural_are_one_rendering():
    assert rendering_key("Small and  Medium-sized Enterprise") == rendering_key(
        "small and medium-sized enterprises"
    )
    assert findings("SMEs grew.", "SMEs  grew.", "smes grew.") == []
    # a singular admitted variant beside a plural one is the same rendering, not two
    assert (
        findings("SMEs grew.", "Each small and medium-sized enterprise grew.", "SMEs again.") == []
    )


def test_a_chinese_source_term_left_in_the_text_is_forbidden():
    [only] = findings("占地 50 亩 of land.")
    assert only.check_id == FORBIDDEN and only.fix == "mu"


def test_each_document_is_judged_alone_by_the_caller():
    # the caller passes one document at a time; separate calls know nothing of each other
    assert [f.check_id for f in findings("4,260 mu.")] == []
    assert [f.check_id for f in findings("4,260 acres.")] == [FORBIDDEN]
