"""For every check with a fix: applying the fix removes that finding and adds none of its kind.

Exhaustive over every labelled segment (seed artefacts and clean segments, the mechanical
artefacts, the clean paragraphs), then random messy text with hypothesis. The segment is judged
again in its context after the fix, with the paragraph rebuilt around the repaired text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.qa import CHECKS, CheckContext, Finding, apply_fix, run_checks
from annotate.qa.base import locate_in_paragraph
from annotate.qa.measure import clean_segments
from annotate.qa.report import read_labelled

HERE = Path(__file__).resolve().parent


def labelled_segments() -> list[tuple[str, CheckContext]]:
    segments = []
    for name in ("seed_artefacts.jsonl", "seed_clean_segments.jsonl", "mechanical_artefacts.jsonl"):
        segments += [(i.text, i.context) for i in read_labelled(HERE / name)]
    segments += clean_segments((HERE / "clean_paragraphs.txt").read_text(encoding="utf-8"))
    return segments


def context_after(text: str, repaired: str, ctx: CheckContext) -> CheckContext:
    offset = locate_in_paragraph(text, ctx)
    if offset is None:
        return dataclasses.replace(ctx, paragraph=None, paragraph_offset=None)
    paragraph = ctx.paragraph or ""
    return dataclasses.replace(
        ctx, paragraph=paragraph[:offset] + repaired + paragraph[offset + len(text) :]
    )


def shifted(f: Finding, fix: Finding) -> tuple[int, int] | None:
    """Where a finding untouched by ``fix`` stands after it; None if the fix touched it."""
    delta = len(fix.fix or "") - (fix.end - fix.start)
    if f.end <= fix.start:
        return f.start, f.end
    if f.start >= fix.end:
        return f.start + delta, f.end + delta
    return None


def assert_fix_is_clean(text: str, ctx: CheckContext, finding: Finding) -> None:
    check = next(c for c in CHECKS if c.id == finding.check_id)
    before = list(check.find(text, ctx))
    repaired = apply_fix(text, finding)
    after = list(check.find(repaired, context_after(text, repaired, ctx)))
    others = [f for f in before if f != finding]
    # A finding is known by where it starts: its end may move when the fix changes what a
    # later fix of the same finding would delete.
    allowed = {moved[0] for f in others if (moved := shifted(f, finding))}
    # A finding the fix cut into ("the, the -- the": fixing the first pair touches the second)
    # may stand on after it, moved; nothing else may appear.
    touched = sum(1 for f in others if shifted(f, finding) is None)
    new = [f for f in after if f.start not in allowed]
    assert len(new) <= touched, (finding.check_id, text, repaired, new)
    assert len(after) < len(before), (finding.check_id, text, repaired)


SEGMENTS = labelled_segments()
FIXED = [
    (text, ctx, f) for text, ctx in SEGMENTS for f in run_checks(text, ctx) if f.fix is not None
]


def test_the_labelled_sets_exercise_every_check_with_a_fix():
    fixing_checks = {f.check_id for _, _, f in FIXED}
    expected = {
        "joined-words",
        "missing-space",
        "stray-punctuation",
        "space-before-punctuation",
        "repeated-word",
        "repeated-phrase",
        "capital-after-comma",
        "suspicious-unit",
        "space-before-quote",
        "split-sentence",
        "dash-misuse",
        "glued-source",
        "unseparated-number",
        "repeated-across-punctuation",
    }
    assert expected <= fixing_checks


@pytest.mark.parametrize("case", range(len(FIXED)))
def test_every_fix_on_the_labelled_sets(case):
    assert_fix_is_clean(*FIXED[case])


messy = st.lists(
    st.sampled_from(
        [
            *list('aAbTthe .,;:!?%"()“”-0123456789\n'),
            " -- ",
            " - ",
            " -",
            "- ",
            "12345",
            "250000",
            ",.",
            "?.",
            ". .",
            "twoThe",
            ", There are",
            "the, the",
            "big data, cloud, big data, x",
            "trust-Xinhua",
            "necessary. ”",
            "100M (megabytes) broadband",
            "et al.,",
        ]
    ),
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(messy, messy, messy)
def test_every_fix_on_messy_text(previous, text, following):
    ctx = CheckContext(previous=previous, next=following)
    for f in run_checks(text, ctx):
        if f.fix is not None:
            assert_fix_is_clean(text, ctx, f)
