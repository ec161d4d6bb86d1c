"""Fixes are safe: applying one gives the intended repair and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.qa import CHECKS, CheckContext, Severity, apply_fix, apply_fixes, run_checks

HERE = Path(__file__).resolve().parent


def seed_items():
    with (HERE / "seed_artefacts.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def ctx_of(row):
    return CheckContext(
        paragraph=row.get("paragraph"), paragraph_offset=row.get("paragraph_offset")
    )


@pytest.mark.parametrize(
    "text, check_id, repaired",
    [
        (
            "Non-public Economic DevelopmentSection Chief,",
            "joined-words",
            "Non-public Economic Development Section Chief,",
        ),
        (
            "but also a major political task Task.",
            "repeated-word",
            "but also a major political task.",
        ),
        (
            "have been reduced.There are 11 enterprises",
            "missing-space",
            "have been reduced. There are 11 enterprises",
        ),
        (
            'the cumulative "decline and slowdown"Taxes and fees',
            "missing-space",
            'the cumulative "decline and slowdown" Taxes and fees',
        ),
        (
            "all ranking among the top in the province. .",
            "stray-punctuation",
            "all ranking among the top in the province.",
        ),
        (
            "above designated size.%, an increase of 13.4 percentage points",
            "stray-punctuation",
            "above designated size, an increase of 13.4 percentage points",
        ),
        (
            "Technology Bureau , what measures",
            "space-before-punctuation",
            "Technology Bureau, what measures",
        ),
        ("with practical actions !", "space-before-punctuation", "with practical actions!"),
        (
            'Pilot Project" \u201d, there are only 22',
            "stray-punctuation",
            'Pilot Project", there are only 22',
        ),
        ("The company\u00e2\u20ac\u2122s profit", "mojibake", "The company\u2019s profit"),
        ("The\u200b plan", "control-chars", "The plan"),
        ("growth，and", "chinese-leftover", "growth, and"),
    ],
)
def test_fix_gives_the_intended_repair(text, check_id, repaired):
    [finding] = [f for f in run_checks(text) if f.check_id == check_id]
    assert apply_fix(text, finding) == repaired


def test_no_fix_where_the_repair_is_a_guess():
    uncertain = {
        "informatization and informatization": "x-and-x",
        "acres": "suspicious-unit",
    }
    for row in seed_items():
        for f in run_checks(row["text"], ctx_of(row)):
            surface = row["text"][f.start : f.end]
            if uncertain.get(surface) == f.check_id:
                assert f.fix is None, surface
            if f.check_id in {
                "numbers-changed",
                "chinese-leftover",
                "repeated-phrase",
                "unbalanced-quotes",
                "fragment",
            } and not surface.strip("，。"):
                assert f.fix is None


def test_fixing_the_seeds_leaves_no_fixable_finding_and_adds_no_error():
    fixed_any = 0
    for row in seed_items():
        text, ctx = row["text"], ctx_of(row)
        before = run_checks(text, ctx)
        if not any(f.fix is not None for f in before):
            continue
        repaired = apply_fixes(text, before)
        fixed_any += 1
        # The paragraph no longer holds the repaired segment, so judge it on its own.
        after = run_checks(repaired)
        assert not [f for f in after if f.fix is not None], (text, repaired)
        errors_before = sum(f.severity is Severity.ERROR for f in run_checks(text))
        errors_after = sum(f.severity is Severity.ERROR for f in after)
        assert errors_after < errors_before or errors_before == 0
    assert fixed_any >= 8


def test_apply_fixes_skips_overlapping_fixes():
    text = "a major task Task Task."
    findings = run_checks(text)
    assert apply_fixes(text, findings).count("Task") <= 1


def test_apply_fix_refuses_a_finding_without_fix():
    text = "informatization and informatization"
    [finding] = [f for f in run_checks(text) if f.check_id == "x-and-x"]
    with pytest.raises(ValueError):
        apply_fix(text, finding)


# Pieces rather than characters, so mojibake and glued words turn up often.
messy_text = st.lists(
    st.sampled_from(
        [
            *list("aAbTthe .,;:!?%\"'()[]“”’-0123456789\n\t"),
            "亩",
            "，",
            "\u200b",
            "â€™",
            "Ã©",
            "�",
            "𠮷",
            "👨",
            "twoThe",
            "task Task",
            " and ",
            "www.x.com",
            "U.S.",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(messy_text, messy_text)
def test_findings_are_well_formed_on_any_text(text, mt):
    findings = run_checks(
        text, CheckContext(mt_text=mt, paragraph="x " + text + " y", paragraph_offset=2)
    )
    severities = {c.id: c.severity for c in CHECKS}
    assert findings == sorted(findings, key=lambda f: (f.start, f.end))
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.start < f.end or f.check_id == "numbers-changed"
        assert f.severity is severities[f.check_id]
        assert f.message
        if f.fix is not None:
            repaired = apply_fix(text, f)
            assert repaired[: f.start] == text[: f.start]
            assert repaired[len(repaired) - (len(text) - f.end) :] == text[f.end :]


@settings(max_examples=300, deadline=None)
@given(messy_text)
def test_fixes_converge(text):
    """Accepting every fix, round after round, ends with nothing left to fix."""
    for _ in range(10):
        findings = run_checks(text)
        if not any(f.fix is not None for f in findings):
            return
        text = apply_fixes(text, findings)
    raise AssertionError(f"fixes keep coming for {text!r}")
