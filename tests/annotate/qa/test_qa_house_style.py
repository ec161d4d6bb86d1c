"""A corpus's house style: each option changes what the checks flag and what their fixes insert.

The options are named as a corpus stores them (``Style.named``); conventions of the house style
are never damage, and the fixes write the house form.
"""

from __future__ import annotations

import pytest

from annotate.qa import CheckContext, Style, apply_fix, get_check
from annotate.qa.base import DASH_STYLES, QUOTE_STYLES, THOUSANDS_SEPARATORS


def ctx_for(**names: str) -> CheckContext:
    return CheckContext(style=Style.named(**names))


def found(check_id: str, text: str, ctx: CheckContext) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.fix) for f in get_check(check_id).find(text, ctx)]


def fixed(check_id: str, text: str, ctx: CheckContext) -> str:
    [finding] = get_check(check_id).find(text, ctx)
    return apply_fix(text, finding)


class TestNamed:
    def test_defaults_are_the_behaviour_without_a_style(self):
        assert Style.named() == Style()

    @pytest.mark.parametrize(
        "option, value", [("quotes", "smart"), ("dash", "hyphen"), ("thousands", ".")]
    )
    def test_an_unknown_name_is_refused_with_the_choices(self, option, value):
        with pytest.raises(ValueError, match=rf"{option} '{value}' is not a house style; choose"):
            Style.named(**{option: value})


class TestDash:
    @pytest.mark.parametrize(
        "dash, want",
        [
            ("em", "property\u2014no damage"),
            ("em-spaced", "property \u2014 no damage"),
            ("en", "property \u2013 no damage"),
        ],
    )
    @pytest.mark.parametrize("damaged", ["property -- no damage", "property - no damage"])
    def test_the_fix_writes_the_house_dash(self, dash, want, damaged):
        assert fixed("dash-misuse", damaged, ctx_for(dash=dash)) == want

    @pytest.mark.parametrize("dash", DASH_STYLES)
    def test_glued_source_gets_the_house_dash(self, dash):
        text = "Rebuilding public trust-Chinanews.com"
        assert fixed("glued-source", text, ctx_for(dash=dash)) == (
            f"Rebuilding public trust{DASH_STYLES[dash]}Chinanews.com"
        )

    @pytest.mark.parametrize("dash", DASH_STYLES)
    @pytest.mark.parametrize("written", DASH_STYLES.values())
    def test_a_real_dash_of_any_style_is_never_flagged(self, dash, written):
        assert found("dash-misuse", f"The project{written}the largest", ctx_for(dash=dash)) == []


class TestThousands:
    @pytest.mark.parametrize(
        "name, grouped",
        [("comma", "250,000"), ("thin", "250\u202f000"), ("space", "250 000")],
    )
    def test_the_fix_groups_with_the_house_separator(self, name, grouped):
        text = "more than 250000 species"
        assert found("unseparated-number", text, ctx_for(thousands=name)) == [("250000", grouped)]

    def test_bare_digits_as_house_style_are_not_flagged(self):
        assert found("unseparated-number", "more than 250000 species", ctx_for()) != []
        assert (
            found("unseparated-number", "more than 250000 species", ctx_for(thousands="none")) == []
        )

    @pytest.mark.parametrize("name", ["thin", "space"])
    def test_numbers_changed_reads_the_house_grouping_as_one_number(self, name):
        separator = THOUSANDS_SEPARATORS[name]
        edited = f"more than 250{separator}000 species in 2019"
        ctx = CheckContext(
            mt_text="more than 250000 species in 2019", style=Style.named(thousands=name)
        )
        assert found("numbers-changed", edited, ctx) == []
        # With commas as the house style the same grouping is two numbers, and is reported.
        comma = CheckContext(mt_text="more than 250000 species in 2019")
        assert found("numbers-changed", edited, comma) != []

    def test_a_year_before_a_space_grouped_number_stays_a_year(self):
        ctx = CheckContext(
            mt_text="In 2019 100000 people came.", style=Style.named(thousands="space")
        )
        assert found("numbers-changed", "In 2019 100 000 people came.", ctx) == []

    @pytest.mark.parametrize(
        "name, written",
        [("comma", "250,000"), ("thin", "250\u202f000"), ("space", "250 000"), ("none", "250000")],
    )
    def test_source_numbers_read_and_write_the_house_grouping(self, name, written):
        style = Style.named(thousands=name)
        ok = CheckContext(source="有25万种", style=style)
        assert found("source-numbers", f"There are {written} species.", ok) == []
        # One wrong number: the fix writes the source's value in the house form.
        assert fixed("source-numbers", "There are 240 species.", ok) == (
            f"There are {written} species."
        )


class TestQuotes:
    text = 'He called it \u201cbold\u201d and \u201cfair\u201d, not "rash".'

    def test_any_reports_the_minority_without_a_fix(self):
        assert found("unbalanced-quotes", self.text, ctx_for(quotes="any")) == [('"', None)]

    @pytest.mark.parametrize(
        "quotes, want", [("curly", ('"', "\u201c")), ("straight", ("\u201c", '"'))]
    )
    def test_a_house_style_picks_the_marks_to_change_and_fixes_them(self, quotes, want):
        assert found("unbalanced-quotes", self.text, ctx_for(quotes=quotes)) == [want]

    @pytest.mark.parametrize("quotes", QUOTE_STYLES)
    @pytest.mark.parametrize("text", ['He said "yes".', "He said \u201cyes\u201d."])
    def test_one_kind_throughout_is_never_nagged_about(self, quotes, text):
        assert found("unbalanced-quotes", text, ctx_for(quotes=quotes)) == []
