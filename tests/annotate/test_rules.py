import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.rules import find_entities
from export.exporters import ExportReport, SegmentRecord, SpanRecord
from export.exporters.conll import ConllIob
from export.exporters.spacy_docbin import SpacyDocBinShards
from tests.real_text import real_lines


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


def test_a_figure_glued_into_a_word_is_suggested_as_the_whole_token():
    # MT writes "price:3999"; spaCy keeps it as one token, so "3999 yuan" could not be exported.
    assert labelled("The price:3999 yuan is final.") == [("price:3999 yuan", "MONEY")]
    assert labelled("rose 3.5%-4% on the year") == [("3.5%-4%", "PERCENT")]


# What MT does to the text around figures: glues words and punctuation to them, doubles spaces,
# wraps them in quotes and brackets (full-width too), drops the space after a comma.
DAMAGE = (
    lambda before, after: before + ":" + after.lstrip(),
    lambda before, after: before.rstrip() + after.lstrip(),
    lambda before, after: before + "  " + after,
    lambda before, after: before + "“" + after,
    lambda before, after: before + "（" + after,
    lambda before, after: before + ")." + after,
    lambda before, after: before + "," + after.lstrip(),
    lambda before, after: before + "。" + after,
)


FIGURE = re.compile(r"\d+(?:[.,]\d+)*%?")


@st.composite
def damaged_lines(draw) -> str:
    """A real line with MT damage at the edges of its figures (where rules match) or anywhere."""
    text = draw(st.sampled_from(real_lines()))
    for _ in range(draw(st.integers(1, 4))):
        edges = sorted({i for m in FIGURE.finditer(text) for i in m.span()})
        at = draw(st.sampled_from(edges) if edges else st.integers(0, len(text)))
        text = draw(st.sampled_from(DAMAGE))(text[:at], text[at:])
    return text


def exported_without_loss(texts: list[str], suggestions: list[list[tuple[int, int, str]]]) -> None:
    records = [
        SegmentRecord(
            id=i, document_id=1, document="d.txt", position=i, paragraph=0, text=text,
            mt_text=text, trailing="\n", status="mt", hter=0.0,
            spans=tuple(SpanRecord(s, e, label, text[s:e]) for s, e, label in found),
        )
        for i, (text, found) in enumerate(zip(texts, suggestions, strict=True))
    ]  # fmt: skip
    total = sum(map(len, suggestions))
    for exporter in (ConllIob(), SpacyDocBinShards()):
        report = ExportReport()
        b"".join(exporter.write(records, report))
        assert report.problems == [], report.as_text()
        assert report.spans_written == total


@settings(max_examples=150, deadline=None)
@given(st.lists(damaged_lines(), min_size=1, max_size=4))
def test_every_rule_suggestion_survives_the_token_exports(texts):
    found = [[(m.start, m.end, m.label) for m in find_entities(text)] for text in texts]
    exported_without_loss(texts, found)


def test_the_real_texts_suggestions_all_survive_the_token_exports():
    texts = list(real_lines())
    found = [[(m.start, m.end, m.label) for m in find_entities(text)] for text in texts]
    assert sum(map(len, found)) > 100  # the real MT is full of figures
    exported_without_loss(texts, found)


@settings(max_examples=60, deadline=None)
@given(st.lists(damaged_lines(), min_size=1, max_size=4))
def test_blank_pipeline_suggestions_survive_the_token_exports(texts):
    # The path the tests and a model-less install take: rules only, through suggest().
    from annotate.services.preannotate import suggest

    found = [[(s, e, label) for s, e, label, *_ in spans] for spans in suggest(texts)]
    exported_without_loss(texts, found)
