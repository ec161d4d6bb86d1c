"""The second round of checks: house style, damage across segments, the new mechanical checks."""

from __future__ import annotations

import pytest

from annotate.qa import CheckContext, Severity, Style, apply_fix, get_check, run_checks


def found(
    check_id: str, text: str, ctx: CheckContext | None = None
) -> list[tuple[str, str | None]]:
    check = get_check(check_id)
    return [(text[f.start : f.end], f.fix) for f in check.find(text, ctx or CheckContext())]


def fixed(check_id: str, text: str, ctx: CheckContext | None = None) -> str:
    [finding] = get_check(check_id).find(text, ctx or CheckContext())
    return apply_fix(text, finding)


EN = CheckContext(style=Style(dash="en"))


class TestDashMisuse:
    @pytest.mark.parametrize(
        "text, em, en",
        [
            ("property -- no damage", "property\u2014no damage", "property \u2013 no damage"),
            ("two goals - growth", "two goals\u2014growth", "two goals \u2013 growth"),
            (
                "a hard decision -but right",
                "a hard decision\u2014but right",
                "a hard decision \u2013 but right",
            ),
            ("simple- invest", "simple\u2014invest", "simple \u2013 invest"),
            ("one thing--speed", "one thing\u2014speed", "one thing \u2013 speed"),
        ],
    )
    def test_fix_follows_the_house_dash(self, text, em, en):
        assert fixed("dash-misuse", text) == em
        assert fixed("dash-misuse", text, EN) == en

    @pytest.mark.parametrize(
        "text",
        [
            "Both short- and long-term rates fell.",
            "pre- or post-war housing",
            "the so -called green corridor",
            "a non -profit group",
            "It fell to -5 degrees.",
            "The 2010\u20132015 plan and the score 3-2.",
            "The project\u2014the largest in Asia\u2014is due in 2027.",
            "The project \u2013 the largest in Asia \u2013 is due in 2027.",
            "See www.long-name.com/a-b for more.",
            "a well-known, long-term, high-tech firm",
        ],
    )
    def test_negatives(self, text):
        assert found("dash-misuse", text) == []


class TestGluedSource:
    def test_source_name_after_a_headline(self):
        text = "Consumer confidence rises as economy regains trust-Chinanews.com"
        assert fixed("glued-source", text).endswith("trust\u2014Chinanews.com")
        assert (
            fixed("glued-source", "Harvest hits record-Xinhua", EN)
            == "Harvest hits record \u2013 Xinhua"
        )

    @pytest.mark.parametrize(
        "text", ["a long-term plan", "The Sino-Xinhua link", "e-commerce sites"]
    )
    def test_negatives(self, text):
        assert found("glued-source", text) == []


class TestUnseparatedNumber:
    @pytest.mark.parametrize(
        "text, number, grouped",
        [
            ("more than 250000 species", "250000", "250,000"),
            ("a fine of 50000 yuan", "50000", "50,000"),
            ("sold 1500000 cars", "1500000", "1,500,000"),
            ("paid $125000.50 in fees", "125000", "125,000"),
        ],
    )
    def test_grouped_with_the_house_separator(self, text, number, grouped):
        assert found("unseparated-number", text) == [(number, grouped)]

    def test_other_separators_and_none(self):
        text = "more than 250000 species"
        assert found("unseparated-number", text, CheckContext(style=Style(thousands=" "))) == [
            ("250000", "250 000")
        ]
        assert found("unseparated-number", text, CheckContext(style=Style(thousands=None))) == []

    @pytest.mark.parametrize(
        "text",
        [
            "In 2023 and 1998 the index was 3,215.6 and 250,000 people came.",
            "Call 010-6523 8899 or the hotline 12345.",
            "The postcode is 100871.",
            "Order No. 20230612 and ID 110101199003074512 were checked.",
            "Flight CA1831 landed in Room 30215 at 18:40.",
            "The code 00123 and the value 0.12345 are small.",
            "Dial 12315 to complain; ticket number 884512.",
            "It is 12.34567 metres long.",
        ],
    )
    def test_negatives(self, text):
        assert found("unseparated-number", text) == []


class TestSpaceBeforeQuote:
    @pytest.mark.parametrize(
        "text, repaired",
        [
            ("It is necessary. \u201d", "It is necessary.\u201d"),
            ("the \u201cgreen mountains \u201d slogan", "the \u201cgreen mountains\u201d slogan"),
            ('He said it was "absolutely necessary "', 'He said it was "absolutely necessary"'),
            ('She said: "We agree. "', 'She said: "We agree."'),
        ],
    )
    def test_fix_removes_the_space(self, text, repaired):
        assert fixed("space-before-quote", text) == repaired
        assert found("stray-punctuation", text) == []

    @pytest.mark.parametrize(
        "text", ['He said " we will go" and left.', 'Project" \u201d, there', '"Yes," he said.']
    )
    def test_negatives(self, text):
        assert found("space-before-quote", text) == []


class TestQuotesAcrossSegments:
    def test_closing_quote_opened_in_the_segment_before(self):
        ctx = CheckContext(previous="\u201cThe first thing you notice is the silence.")
        assert found("unbalanced-quotes", "Then the birds come back.\u201d", ctx) == []
        assert found("unbalanced-quotes", "Then the birds come back.\u201d") != []

    def test_paragraph_that_opens_a_quotation_continued_in_the_next(self):
        paragraph = "\u201cThe first thing you notice is the silence. There are no cars."
        first = "\u201cThe first thing you notice is the silence."
        ctx = CheckContext(paragraph=paragraph, paragraph_offset=0)
        assert found("unbalanced-quotes", first, ctx) == []

    def test_a_quote_opened_mid_paragraph_and_never_closed_is_still_reported(self):
        assert found("unbalanced-quotes", 'The plan, called "Clean Water, starts in May.') != []

    def test_house_style_picks_the_odd_ones_out_and_fixes_them(self):
        text = 'He called it \u201cbold\u201d and \u201cfair\u201d, not "rash".'
        curly = CheckContext(style=Style(quotes="curly"))
        [(surface, fix)] = found("unbalanced-quotes", text, curly)
        assert (surface, fix) == ('"', "\u201c")
        straight = CheckContext(style=Style(quotes="straight"))
        [(surface, fix)] = found("unbalanced-quotes", text, straight)
        assert (surface, fix) == ("\u201c", '"')


class TestSplitSentence:
    previous = "The city will transform its traditional industries."
    following = ", focusing on new materials."

    def test_both_sides_are_flagged_with_their_half_of_the_repair(self):
        later = run_checks(self.following, CheckContext(previous=self.previous))
        earlier = run_checks(self.previous, CheckContext(next=self.following))
        assert [(f.check_id, f.fix) for f in later] == [("split-sentence", "")]
        assert [(f.check_id, f.fix) for f in earlier] == [("split-sentence", ",")]
        joined = apply_fix(self.previous, earlier[0]) + " " + apply_fix(self.following, later[0])
        assert (
            joined
            == "The city will transform its traditional industries, focusing on new materials."
        )

    def test_inside_one_paragraph(self):
        paragraph = self.previous + " " + self.following
        ctx = CheckContext(paragraph=paragraph, paragraph_offset=len(self.previous) + 1)
        assert found("split-sentence", self.following, ctx) == [(", ", "")]

    @pytest.mark.parametrize(
        "previous, text",
        [
            ("It was approved in the U.S.", ", and then in Europe."),
            ("Exports rose.", "Imports fell."),
            ("Exports rose,", ", and imports fell."),
        ],
    )
    def test_negatives(self, previous, text):
        assert found("split-sentence", text, CheckContext(previous=previous)) == []

    def test_without_neighbours_stray_punctuation_reports_the_leading_comma(self):
        assert found("split-sentence", self.following) == []
        assert found("stray-punctuation", self.following) == [(", ", "")]
        assert (
            found("stray-punctuation", self.following, CheckContext(previous=self.previous)) == []
        )


class TestRepeatedAcrossPunctuation:
    @pytest.mark.parametrize(
        "text, surface, fix",
        [
            ("The growth rate of the, the industry", "the, the", "the"),
            ("by the end of, of the year", "of, of", "of"),
            ("The growth; growth of exports", "growth; growth", None),
            ("approved in. In the meeting", "in. In", None),
        ],
    )
    def test_found(self, text, surface, fix):
        assert found("repeated-across-punctuation", text) == [(surface, fix)]

    @pytest.mark.parametrize(
        "text",
        [
            "It was very, very cold.",
            "No, no, that is wrong.",
            "steel, cement, steel and glass",
            "a so-so result and a bye-bye wave",
            "He had, had he not, a plan.",
        ],
    )
    def test_negatives(self, text):
        assert found("repeated-across-punctuation", text) == []

    def test_across_the_segment_break(self):
        ctx = CheckContext(previous="We will strengthen the")
        assert found("repeated-across-punctuation", "the construction of roads.", ctx) == [
            ("the ", "")
        ]


class TestQuieterOnCleanEnglish:
    @pytest.mark.parametrize(
        "text",
        [
            "I won't go.",
            "I won\u2019t go.",
            "Thank you for your help.",
            "Please contact the delivery person.",
            "Good morning, everyone.",
            "Of course.",
            "Me too.",
            "We'll see.",
            "Visit the website.",
            "Step 2 Choose a delivery time.",
        ],
    )
    def test_spoken_lines_are_not_fragments(self, text):
        assert found("fragment", text) == []

    @pytest.mark.parametrize("text", ["Solid foundation.", "2 places.", "Failed.", "plan."])
    def test_debris_is_still_a_fragment(self, text):
        assert len(found("fragment", text)) == 1

    @pytest.mark.parametrize(
        "text",
        ["Smith et al., 2020, found it.", "As Chen et al.; Li et al. show", "at 9 a.m., the bell"],
    )
    def test_abbreviations_before_a_comma(self, text):
        assert found("stray-punctuation", text) == []

    @pytest.mark.parametrize(
        "text",
        [
            "Article 25 The State shall protect the rights of workers.",
            "(1) The applicant shall apply in writing; (2) The department shall decide.",
            "Step 2 The driver calls you.",
        ],
    )
    def test_numbered_headings_are_not_mid_sentence(self, text):
        assert found("mid-sentence-capital", text) == []

    def test_a_capital_after_a_number_mid_sentence_is_still_reported(self):
        assert found("mid-sentence-capital", "the top 5 The development index rose") != []


def test_new_checks_have_the_documented_severities():
    severities = {
        "space-before-quote": Severity.ERROR,
        "split-sentence": Severity.ERROR,
        "dash-misuse": Severity.WARNING,
        "glued-source": Severity.WARNING,
        "unseparated-number": Severity.WARNING,
        "repeated-across-punctuation": Severity.WARNING,
    }
    for check_id, severity in severities.items():
        assert get_check(check_id).severity is severity
