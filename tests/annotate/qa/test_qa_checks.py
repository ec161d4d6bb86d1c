"""Each check on what it must catch and on what it must leave alone."""

from __future__ import annotations

import pytest

from annotate.qa import CheckContext, Severity, apply_fix, get_check, run_checks


def surfaces(check_id: str, text: str, ctx: CheckContext | None = None) -> list[str]:
    check = get_check(check_id)
    return [text[f.start : f.end] for f in check.find(text, ctx or CheckContext())]


# Sentences every check must stay silent on: decimals, abbreviations, URLs, initials, names.
CLEAN = [
    "In the first half of 2023, the operating income was 45.080 billion yuan.",
    "Exports to the U.S. fell 8.2% in the first quarter.",
    "Several provinces, e.g. Shandong and Henan, reported gains.",
    "Dr. Smith said the results were encouraging.",
    "Details are at www.example.com and https://example.org/News.Today today.",
    "J. K. Rowling and J.R.R. Tolkien both studied languages.",
    "The iPhone and WeChat are popular in China, and PetroChina is a big refiner.",
    "McDonald's opened 50 restaurants, and YouTube removed the video.",
    "WeBank, iQiyi, OnePlus, AB InBev and eBay were all mentioned.",
    "The rules apply to banks, insurers, etc., but not to pension funds.",
    "The meeting starts at 9 a.m., not 10 a.m., the organizers said.",
    "He had had enough, he said, and the prices rose more and more.",
    "The court in The Hague ruled on Friday, she told The Associated Press.",
    "Bora Bora and Walla Walla are real places.",
    "The ratio is 1:14 and the score was 3-2.",
    "It cost $2.4 billion (about 17 billion yuan), according to the filing.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_no_error_or_warning_on_clean_english(text):
    noisy = [f for f in run_checks(text) if f.severity is not Severity.INFO]
    assert noisy == []


class TestJoinedWords:
    def test_lower_case_word_glued_to_sentence_start(self):
        text = "and integrate the twoThe development index has been among the top 5."
        [finding] = get_check("joined-words").find(text, CheckContext())
        assert text[finding.start : finding.end] == "twoThe"
        # A lower-case word glued to a capitalised main-clause opener: a lost full stop.
        assert finding.fix == "two. The"
        assert "sentence end" in finding.message

    def test_glued_before_a_subordinator_has_no_fix(self):
        # "andIf": a lost comma or a lost stop? The reviewer decides.
        [finding] = get_check("joined-words").find(
            "prices fell sharplyIf rates rise", CheckContext()
        )
        assert finding.fix is None

    def test_two_title_case_words(self):
        text = "Non-public Economic DevelopmentSection Chief,"
        [finding] = get_check("joined-words").find(text, CheckContext())
        assert text[finding.start : finding.end] == "DevelopmentSection"
        assert finding.fix == "Development Section"

    def test_title_case_word_glued_to_an_article(self):
        assert surfaces("joined-words", "in the province of ShandongThe plan") == ["ShandongThe"]
        assert surfaces("joined-words", "TheDevelopment of the zone") == ["TheDevelopment"]

    def test_lower_case_word_glued_to_acronym(self):
        assert surfaces("joined-words", "the digital economyGDP grew") == ["economyGDP"]

    def test_year_glued_to_next_sentence(self):
        assert surfaces("joined-words", "August 30, 2023On the afternoon of October 12") == [
            "2023On"
        ]

    @pytest.mark.parametrize(
        "name",
        [
            "iPhone",
            "WeChat",
            "PetroChina",
            "McDonald's",
            "YouTube",
            "eBay",
            "mRNA",
            "kWh",
            "LinkedIn",
            "PayPal",
            "GitHub",
            "BlackRock",
            "HarperCollins",
            "ArcelorMittal",
            "JavaScript",
            "WeBank",
            "MacBook",
            "DiCaprio",
            "LeBron",
            "iQiyi",
            "PricewaterhouseCoopers",
            "macOS",
            "InBev",
            "CanSino",
            "FromSoftware",
            "AllBirds",
            "TheStreet",
        ],
    )
    def test_camel_case_names_are_fine(self, name):
        assert surfaces("joined-words", f"Shares of {name} rose on Monday.") == []

    def test_urls_are_fine(self):
        assert surfaces("joined-words", "See https://example.com/getStarted for help.") == []


class TestMissingSpace:
    def test_period_glued_to_next_sentence(self):
        text = "a total of 200 enterprises have been reduced.There are 11 enterprises"
        [finding] = get_check("missing-space").find(text, CheckContext())
        assert text[finding.start : finding.end] == "reduced.There"
        assert finding.fix == "reduced. There"

    def test_closing_quote_glued_to_next_word(self):
        text = 'the cumulative "decline and slowdown"Taxes and fees amounted to'
        [finding] = get_check("missing-space").find(text, CheckContext())
        assert text[finding.start : finding.end] == 'slowdown"Taxes'
        assert finding.fix == 'slowdown" Taxes'

    def test_opening_quote_glued_to_previous_word(self):
        text = 'the policy of"common prosperity" was announced'
        [finding] = get_check("missing-space").find(text, CheckContext())
        assert finding.fix == 'of "common'

    def test_glued_to_the_next_segment_through_the_paragraph(self):
        paragraph = "There are 37 platforms in the city.Solid foundation."
        segment = "There are 37 platforms in the city."
        [finding] = get_check("missing-space").find(
            segment, CheckContext(paragraph=paragraph, paragraph_offset=0)
        )
        assert segment[finding.start : finding.end] == "city."
        assert finding.fix is None  # the space belongs between two segments
        assert "city.Solid" in finding.message

    def test_next_segment_after_a_space_is_fine(self):
        paragraph = "There are 37 platforms in the city. Solid foundation."
        assert (
            surfaces(
                "missing-space",
                "There are 37 platforms in the city.",
                CheckContext(paragraph=paragraph),
            )
            == []
        )

    @pytest.mark.parametrize(
        "text",
        [
            "Income was 45.080 billion yuan.",
            "Exports to the U.S. fell.",
            "Exports to the U.S.A. fell.",
            "Some provinces, e.g. Henan, grew.",
            "Dr. Smith arrived.",
            "Visit www.example.com today.",
            "See https://example.org/News.Today for more.",
            "J. K. Rowling wrote it; so did J.K. Rowling.",
            "She holds a Ph.D. in economics.",
            "The app uses Node.js and ASP.NET.",
            "Write to press@example.Com for details.",
        ],
    )
    def test_negatives(self, text):
        assert surfaces("missing-space", text) == []


class TestStrayPunctuation:
    def test_period_and_percent(self):
        text = "accounted for 59.2% of the added value of industry above designated size.%, an increase of 13.4"
        [finding] = get_check("stray-punctuation").find(text, CheckContext())
        assert text[finding.start : finding.end] == ".%"
        assert finding.fix == ""

    def test_spaced_double_period(self):
        text = "all ranking among the top in the province. ."
        [finding] = get_check("stray-punctuation").find(text, CheckContext())
        assert (text[finding.start : finding.end], finding.fix) == (". .", ".")

    @pytest.mark.parametrize(
        "text, fixed",
        [
            # A lower-case word follows: the sentence goes on, the comma stays.
            (
                "upgrading of traditional industries. , focusing on",
                "upgrading of traditional industries, focusing on",
            ),
            ("above designated size,. The output", "above designated size. The output"),
            ("the rate;. It rose", "the rate. It rose"),
            ("Why is that?. Nobody knows", "Why is that? Nobody knows"),
            ("the plan ended., then it", "the plan ended, then it"),
        ],
    )
    def test_clashing_marks_keep_the_one_the_next_word_asks_for(self, text, fixed):
        [finding] = get_check("stray-punctuation").find(text, CheckContext())
        assert apply_fix(text, finding) == fixed

    @pytest.mark.parametrize("text", ["the rate,; the cost", "the rate. , 2020 figures"])
    def test_clashing_marks_without_a_certain_fix(self, text):
        [finding] = get_check("stray-punctuation").find(text, CheckContext())
        assert finding.fix is None

    def test_quote_mark_standing_alone(self):
        text = 'Enhancement Pilot Project" \u201d, there are only 22 in the country.'
        [finding] = get_check("stray-punctuation").find(text, CheckContext())
        assert finding.fix == ""
        assert (
            text[: finding.start] + text[finding.end :]
            == 'Enhancement Pilot Project", there are only 22 in the country.'
        )

    def test_straight_quote_standing_alone(self):
        text = 'make every effort to " "Guarantee five"'
        [finding] = get_check("stray-punctuation").find(text, CheckContext())
        assert (
            text[: finding.start] + finding.fix + text[finding.end :]
            == 'make every effort to "Guarantee five"'
        )

    def test_lone_quote_without_a_neighbour_has_no_certain_fix(self):
        text = 'He said " we will go" and left.'
        [finding] = get_check("stray-punctuation").find(text, CheckContext())
        assert text[finding.start : finding.end] == '"' and finding.fix is None

    @pytest.mark.parametrize(
        "text, fixed",
        [("growth,, and", "growth, and"), ("the end..", "the end."), ("costs;; and", "costs; and")],
    )
    def test_doubled_marks(self, text, fixed):
        [finding] = get_check("stray-punctuation").find(text, CheckContext())
        assert text[: finding.start] + finding.fix + text[finding.end :] == fixed

    @pytest.mark.parametrize(
        "text",
        [
            "banks, insurers, etc., but not funds",
            "provinces, e.g., Henan",
            "the U.S., Japan and Korea",
            "at 9 a.m.: the market opened",
            "He paused... then went on.",
            "He paused . . . then went on.",
            'She said "yes." Then she left.',
            "It rose 5%, then 6%.",
            "Acme Inc., the parent",
        ],
    )
    def test_negatives(self, text):
        assert surfaces("stray-punctuation", text) == []


class TestSpaceBeforePunctuation:
    @pytest.mark.parametrize(
        "text, fixed",
        [
            (
                "the Municipal Industry and Information Technology Bureau , what measures",
                "the Municipal Industry and Information Technology Bureau, what measures",
            ),
            ("with practical actions !", "with practical actions!"),
            ("Is it over ?", "Is it over?"),
            ("the plan ; the budget", "the plan; the budget"),
        ],
    )
    def test_fixes(self, text, fixed):
        [finding] = get_check("space-before-punctuation").find(text, CheckContext())
        assert text[: finding.start] + finding.fix + text[finding.end :] == fixed

    @pytest.mark.parametrize(
        "text",
        [
            "It grew .5 points.",
            "Visit the .com site.",
            "He paused ... and went on.",
            "The ratio is 3:1.",
            '"Why?" she asked.',
        ],
    )
    def test_negatives(self, text):
        assert surfaces("space-before-punctuation", text) == []


class TestCapitals:
    @pytest.mark.parametrize(
        "text, word",
        [
            (
                "6 provincial-level public training bases, There are 302 municipal-level centers",
                "There",
            ),
            ("and in the municipal party committee, Under the strong leadership", "Under"),
            (
                "improve land, ecological environment, energy, The efficiency of allocating factors",
                "The",
            ),
        ],
    )
    def test_capital_after_comma(self, text, word):
        [finding] = get_check("capital-after-comma").find(text, CheckContext())
        assert text[finding.start : finding.end] == ", " + word
        assert apply_fix(text, finding) == text.replace(", " + word, ". " + word)

    def test_capital_after_comma_before_a_subordinator_has_no_fix(self):
        text = "the output rose, If demand holds up"
        [finding] = get_check("capital-after-comma").find(text, CheckContext())
        assert finding.fix is None

    @pytest.mark.parametrize(
        "text",
        [
            "Guangdong, Jiangsu, Shandong, Zhejiang, Fujian and Shanghai took part.",
            "Films such as Jaws, The Godfather and Alien were shown.",
            "In Paris, I met the minister.",
            'He said, "The plan works."',
            "The courts in London, The Hague and Paris ruled.",
        ],
    )
    def test_capital_after_comma_negatives(self, text):
        assert surfaces("capital-after-comma", text) == []

    @pytest.mark.parametrize(
        "text, word",
        [
            ("and has made The major strategic deployment", "The"),
            ("we will accelerate With the construction of the base", "With"),
            ("and deepen the core Cultivate the industrial chain", "Cultivate"),
            ("So in What work has been done", "What"),
            (
                'and practice the work of "strict, detailed, practical and fast" The style of work',
                "The",
            ),
            ("and promoting 6-inch The construction of major projects", "The"),
            (
                "Jining High-tech Zone was rated Five-star national new industrialization base",
                "Five-star",
            ),
        ],
    )
    def test_mid_sentence_capital(self, text, word):
        assert surfaces("mid-sentence-capital", text) == [word]

    @pytest.mark.parametrize(
        "text",
        [
            "She told The Associated Press about it.",
            "He works in The Hague now.",
            'the "Implementation Plan for Ningxia to Implement the Requirements of Carbon Peak"',
            'the "Implementation Opinions on Promoting the Development and Application of Big Data"',
            "It won the Formula One race in Shanghai.",
            "The Ministry of Industry and Information Technology said so.",
            "He read it in The New York Times on Monday.",
        ],
    )
    def test_mid_sentence_capital_negatives(self, text):
        assert surfaces("mid-sentence-capital", text) == []


class TestRepetition:
    def test_repeated_word_fix(self):
        text = "but also a major political task Task."
        [finding] = get_check("repeated-word").find(text, CheckContext())
        assert text[finding.start : finding.end] == "task Task"
        assert (
            text[: finding.start] + finding.fix + text[finding.end :]
            == "but also a major political task."
        )

    @pytest.mark.parametrize(
        "text",
        [
            "He had had enough.",
            "He said that that was wrong.",
            "Bora Bora is lovely.",
            "New York, New York is a song.",
            "mahi-mahi and tuna",
        ],
    )
    def test_repeated_word_negatives(self, text):
        assert surfaces("repeated-word", text) == []

    def test_the_the(self):
        assert surfaces("repeated-word", "The the plan failed.") == ["The the"]

    @pytest.mark.parametrize(
        "text, item",
        [
            (
                'Jointly implement the "Specialized, Specialized, Special and New" plan',
                "Specialized",
            ),
            (
                'four categories of "leading, leading, backbone, and high-growth" enterprises',
                "leading",
            ),
            (
                'in the direction of "specialization, specialization and innovation"',
                "specialization",
            ),
            ("Big data, cloud computing and big data are growing.", "big data"),
            (
                "emerging businesses such as big data, cloud computing, big data, integration",
                "big data, ",
            ),
            ("Goods move by road, by rail, by sea and by rail.", "by rail"),
        ],
    )
    def test_repeated_phrase(self, text, item):
        assert surfaces("repeated-phrase", text) == [item]

    @pytest.mark.parametrize(
        "text",
        [
            "to supplement the chain, extend the chain and strengthen the chain",
            '"complete a batch, start a batch, reserve a batch, and plan a batch"',
            "county by county, city by city, and quarter by quarter, and month by month and quarter by quarter",
            "an increase of 20.8% and 41%, an increase of 34.3% over 2012",
            "Advance in batches, start construction in batches, and implement on a rolling basis.",
        ],
    )
    def test_repeated_phrase_negatives(self, text):
        assert surfaces("repeated-phrase", text) == []

    @pytest.mark.parametrize(
        "text, surface",
        [
            (
                "the integration of informatization and informatization has advanced",
                "informatization and informatization",
            ),
            (
                'the "integration of informatization and informatization" and',
                "informatization and informatization",
            ),
            (
                "have built 1 provincial-level industrial Internet park and 1 provincial-level industrial Internet park.",
                "1 provincial-level industrial Internet park and 1 provincial-level industrial Internet park",
            ),
        ],
    )
    def test_x_and_x(self, text, surface):
        assert surfaces("x-and-x", text) == [surface]

    @pytest.mark.parametrize(
        "text",
        [
            "More and more people came, again and again.",
            "Prices rose higher and higher.",
            "They talked for hours and hours.",
            "schedule the start of construction and construction progress every month",
            "bigger and bigger, better and better",
        ],
    )
    def test_x_and_x_negatives(self, text):
        assert surfaces("x-and-x", text) == []

    def test_x_and_x_is_not_also_a_repeated_list_item(self):
        findings = run_checks("the integration of informatization and informatization has advanced")
        assert [f.check_id for f in findings if f.check_id != "fragment"] == ["x-and-x"]


class TestQuotes:
    def test_nested_title_never_closed(self):
        text = 'including the "Administrative Measures for Key Industrial Chain "Chain Master" Enterprises in Ningxia, focusing on'
        [finding] = get_check("unbalanced-quotes").find(text, CheckContext())
        assert finding.start == text.index('"Administrative')
        assert "never closed" in finding.message

    def test_closing_quote_without_opening(self):
        assert surfaces("unbalanced-quotes", 'The plan" was approved.') == ['"']

    def test_brackets(self):
        assert surfaces("unbalanced-quotes", "The fund (set up in 2019 invests in bonds.") == ["("]
        assert surfaces("unbalanced-quotes", "The fund set up in 2019) invests in bonds.") == [")"]
        assert surfaces("unbalanced-quotes", "The fund (set up in 2019] invests.") == ["(", "]"]

    def test_list_labels_are_not_brackets(self):
        assert surfaces("unbalanced-quotes", "Two steps: a) plan, b) act.") == []

    def test_mixed_styles_in_one_sentence(self):
        text = 'build 149 "one enterprise, one technology" centers and 302 \u201cone enterprise, one technology\u201d centers'
        [finding] = get_check("unbalanced-quotes").find(text, CheckContext())
        assert text[finding.start] == "\u201c"
        assert "Mixed" in finding.message

    def test_mixed_styles_across_the_paragraph(self):
        first = "Jining implemented the \u201ccadres to help enterprises climb\u201d activities."
        second = 'It chose the "Nine Strategies".'
        paragraph = f"{first} {second}"
        assert surfaces("unbalanced-quotes", first, CheckContext(paragraph=paragraph)) == ["\u201c"]
        assert surfaces("unbalanced-quotes", second, CheckContext(paragraph=paragraph)) == []
        assert surfaces("unbalanced-quotes", first) == []  # alone, the sentence is consistent

    def test_quotation_over_two_sentences_is_balanced_in_its_paragraph(self):
        first = '"We are pleased with the result.'
        second = 'The team worked hard," she said.'
        paragraph = f"{first} {second}"
        assert (
            surfaces(
                "unbalanced-quotes", first, CheckContext(paragraph=paragraph, paragraph_offset=0)
            )
            == []
        )
        assert surfaces("unbalanced-quotes", second, CheckContext(paragraph=paragraph)) == []
        assert surfaces("unbalanced-quotes", first) == ['"']

    @pytest.mark.parametrize(
        "text",
        [
            'He said "yes" and "no" at once.',
            "\u201cIt\u2019s too early,\u201d she said, \u201cbut the signs are good.\u201d",
            "The slogan 'Lucid waters' appears everywhere.",
            "Jining\u2019s economy and the reporters\u2019 questions",
            'She told me, "We\'re closing," and left.',
            "The report (see page 14) gives details [in the annex].",
        ],
    )
    def test_negatives(self, text):
        assert surfaces("unbalanced-quotes", text) == []


class TestCharacters:
    def test_chinese_characters(self):
        [finding] = get_check("chinese-leftover").find(
            "The yield per 亩 rose by 5%.", CheckContext()
        )
        assert finding.fix is None
        assert "亩" in finding.message

    def test_cjk_extension_b(self):
        text = "The name \U00020bb7 was not translated."
        assert surfaces("chinese-leftover", text) == ["\U00020bb7"]

    def test_full_width_punctuation_gets_a_fix(self):
        text = "The economy grew，and prices fell。"
        findings = list(get_check("chinese-leftover").find(text, CheckContext()))
        assert [f.fix for f in findings] == [", ", "."]

    def test_mojibake_is_repaired(self):
        text = "The company\u00e2\u20ac\u2122s profit rose, said Jos\u00c3\u00a9."
        findings = list(get_check("mojibake").find(text, CheckContext()))
        assert [f.fix for f in findings] == ["\u2019", "\u00e9"]

    def test_replacement_character_and_gbk_garbage(self):
        assert surfaces("mojibake", "Profit rose \ufffd\ufffd percent 锟斤拷") == [
            "\ufffd\ufffd",
            "锟斤拷",
        ]
        assert (
            surfaces("chinese-leftover", "Profit rose 锟斤拷") == []
        )  # reported once, as mojibake

    @pytest.mark.parametrize(
        "text",
        [
            "Café owners in Zürich said naïve plans fail.",
            "The fee is £5 or €6.",
            "José Martí’s “poems”…",
        ],
    )
    def test_accented_text_is_not_mojibake(self, text):
        assert surfaces("mojibake", text) == []

    def test_control_characters_are_removed(self):
        text = "The\u200b plan\x07 was\u00ad approved\ufeff."
        findings = list(get_check("control-chars").find(text, CheckContext()))
        assert len(findings) == 4 and all(f.fix == "" for f in findings)

    def test_emoji_joiners_and_tabs_are_fine(self):
        assert (
            surfaces("control-chars", "Team \U0001f468\u200d\U0001f469\u200d\U0001f467 won\tagain.")
            == []
        )


class TestUnits:
    def test_acres(self):
        assert surfaces("suspicious-unit", "and 6,847 acres of land have been vacated") == ["acres"]

    def test_megabytes_for_bandwidth(self):
        assert surfaces(
            "suspicious-unit", "users with broadband access of 100M (megabytes) and above"
        ) == ["100M (megabytes)"]
        [finding] = get_check("suspicious-unit").find(
            "users with broadband access of 100M (megabytes) and above", CheckContext()
        )
        assert finding.fix == "100 Mbps"
        assert surfaces("suspicious-unit", "a broadband speed of 500 megabytes") == ["megabytes"]

    def test_degrees_of_electricity(self):
        assert surfaces("suspicious-unit", "saving 2 million degrees of electricity a year") == [
            "degrees of electricity"
        ]

    @pytest.mark.parametrize(
        "text", ["The file is 5 MB.", "It was 41 degrees Celsius.", "The park covers 300 hectares."]
    )
    def test_negatives(self, text):
        assert surfaces("suspicious-unit", text) == []

    def test_is_a_warning(self):
        assert get_check("suspicious-unit").severity is Severity.WARNING


class TestNumbersChanged:
    def check(self, mt: str, text: str):
        return list(get_check("numbers-changed").find(text, CheckContext(mt_text=mt)))

    def test_silent_without_an_edit(self):
        text = "The income was 45.080 billion yuan."
        assert self.check(text, text) == []
        assert list(get_check("numbers-changed").find(text, CheckContext())) == []

    def test_changed_number(self):
        [finding] = self.check(
            "The income was 45.080 billion yuan.", "The income was 45.5 billion yuan."
        )
        assert finding.fix is None and finding.severity is Severity.WARNING
        assert "45.080" in finding.message and "45.5" in finding.message

    def test_missing_number_points_at_where_it_was(self):
        mt = "The city had 1,551 firms in 2012 and 2,083 now."
        text = "The city had more firms in 2012 and 2,083 now."
        [finding] = self.check(mt, text)
        assert "1,551" in finding.message and "missing" in finding.message
        assert text[finding.start : finding.end] in {"had", "more", "had more"}

    def test_new_number(self):
        [finding] = self.check("Sales rose sharply.", "Sales rose 12% in May.")
        assert "12" in finding.message
        assert {
            f.message for f in self.check("Sales rose sharply.", "Sales rose 12% in 2023.")
        } == {'New number "12" is not in the MT text', 'New number "2023" is not in the MT text'}

    @pytest.mark.parametrize(
        "mt, text",
        [
            ("It rose 25.7% to 1,551 units.", "It rose by 25.7 percent to 1551 units."),
            ("The income was 45.080 billion.", "Income was 45.08 billion."),
            ("In 2021 and 2022 it grew.", "It grew in 2022 and in 2021."),
        ],
    )
    def test_same_numbers_rewritten(self, mt, text):
        assert self.check(mt, text) == []


class TestFragment:
    @pytest.mark.parametrize(
        "text",
        [
            "Solid foundation.",
            "plan.",
            "question.",
            "2 places.",
            "Failed.",
            "4th in the province.",
            "Provincial quality benchmark.",
            "type, leading enterprise.",
        ],
    )
    def test_fragments(self, text):
        [finding] = get_check("fragment").find(text, CheckContext())
        assert (finding.start, finding.end) == (0, len(text))
        assert finding.severity is Severity.INFO

    @pytest.mark.parametrize(
        "text",
        [
            "Accelerate the construction of Ningxia hub nodes.",
            "Vigorously promote the construction of gigabit optical networks.",
            "Prices rose.",
            "It worked.",
            "No one was hurt.",
            "The theater seats 1,650 people.",
            "Markets fell sharply on Tuesday.",
            "Why now?",
            "Yes.",
            "Jining Daily Reporter",
            "Member Peng Shengxuan:",
            "iPhone sales grew.",
            "The carrying capacity of digital economy development has gradually increased.",
        ],
    )
    def test_sentences(self, text):
        assert surfaces("fragment", text) == []
