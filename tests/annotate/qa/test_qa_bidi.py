"""Bidirectional controls (issue 13.11): flagged, removed by the fix, named for the screen."""

import pytest

from annotate.qa import apply_fixes, run_checks
from annotate.qa.bidi import bidi_positions

CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_each_control_is_flagged_and_the_fix_removes_it(control):
    text = f"Pay {control}001 to Ann."
    findings = [f for f in run_checks(text) if f.check_id == "control-chars"]
    assert [(f.start, f.end, f.fix) for f in findings] == [(4, 5, "")]
    assert apply_fixes(text, findings) == "Pay 001 to Ann."


def test_positions_name_each_control():
    assert bidi_positions("a\u202eb\u2069") == [
        (1, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        (3, "U+2069 POP DIRECTIONAL ISOLATE"),
    ]
    assert bidi_positions("plain \u200f mark") == []  # a direction mark reorders nothing
