"""One concept rendered two ways in one document: a finding on each place (pure, no Django)."""

from hypothesis import given, settings
from hypothesis import strategies as st

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


def apply(text: str, finding) -> str:
    return text[: finding.start] + finding.fix + text[finding.end :]


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
    # The preferred places are what the forbidden one becomes: only the forbidden one is flagged.
    [only] = result
    assert (only.segment_id, only.check_id, only.fix) == (2, FORBIDDEN, "mu")
    assert (
        only.message == "“acres” is a forbidden rendering: use “mu”; this document also uses “mu”."
    )


def test_a_fix_leaves_no_warning_on_the_preferred_term_it_inserts():
    # Two forbidden places beside one preferred: fixing the first must not flag the "mu" it wrote
    # while the second still waits for its fix.
    segments = ["Land of 11,000 acres was freed.", "Another 20 acres.", "And 4 mu more."]
    first = findings(*segments)[0]
    assert (first.segment_id, first.check_id) == (1, FORBIDDEN)
    segments[0] = apply(segments[0], first)
    assert [(f.segment_id, f.check_id) for f in findings(*segments)] == [(2, FORBIDDEN)]


def test_two_admitted_variants_are_inconsistent_but_preferred_plus_one_admitted_is_not():
    assert findings("Small and medium-sized enterprises grew.", "SMEs grew faster.") == []
    result = findings("SMEs grew.", "Small and medium enterprises grew too.")
    assert [(f.segment_id, f.check_id) for f in result] == [(1, INCONSISTENT), (2, INCONSISTENT)]
    assert "“Small and medium enterprises”" in result[0].message and "“SMEs”" in result[1].message
    # Each admitted place is offered the preferred term as its fix.
    assert {f.fix for f in result} == {"small and medium-sized enterprises"}


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


# Words around the renderings of both concepts, in every kind and a few spellings.
PIECES = st.sampled_from(
    [
        "mu",
        "acres",
        "Acres",
        "亩",
        "SMEs",
        "small and medium-sized enterprises",
        "Small and medium enterprises",
        "small and medium-sized enterprise",
        "land",
        "grew",
        "the",
        "4,260",
        ".",
    ]
)
DOCUMENTS = st.lists(st.lists(PIECES, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_no_glossary_fix_leaves_a_finding_of_its_check_on_its_own_result(segments):
    """For every glossary check with a fix: after applying it, no finding of that check (nor any
    other glossary finding) sits on the characters the fix wrote."""
    for finding in findings(*segments):
        if finding.fix is None:
            continue
        repaired = list(segments)
        index = finding.segment_id - 1
        repaired[index] = apply(segments[index], finding)
        written = (finding.start, finding.start + len(finding.fix))
        on_result = [
            f
            for f in findings(*repaired)
            if f.segment_id == finding.segment_id and f.start < written[1] and written[0] < f.end
        ]
        assert not on_result, (segments, finding, on_result)
