import itertools

import pytest

from annotate.rules import find_entities


def labelled(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.label) for m in find_entities(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In the first half of 2023, the operating income will be 45.080 billion yuan, a year-on-year increase of 25.7%.",
            [
                ("the first half of 2023", "DATE"),
                ("45.080 billion yuan", "MONEY"),
                ("25.7%", "PERCENT"),
            ],
        ),
        ("35.9 percentage points faster", [("35.9 percentage points", "PERCENT")]),
        ("an increase of 28.1 percent", [("28.1 percent", "PERCENT")]),
        ("From January to August, output rose.", [("January to August", "DATE")]),
        ("covering 4,260 mu of land", [("4,260 mu", "QUANTITY")]),
        ("increased from 1,551 in 2012 to 2,083", [("2012", "DATE")]),
        ("a total of 863 enterprises", [("863 enterprises", "QUANTITY")]),
        ("34 companies were selected", [("34 companies", "QUANTITY")]),
        ("On the afternoon of October 12, the press met.", [("October 12", "DATE")]),
        ("RMB 5 million was spent", [("RMB 5 million", "MONEY")]),
        ("The 13th Party Congress of the Autonomous Region", []),
    ],
)
def test_rules_find_report_figures(text, expected):
    assert labelled(text) == expected


def test_matches_never_overlap():
    text = "8.129 billion yuan, 12.5% and 3 percentage points in the first half of the year"
    matches = find_entities(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
