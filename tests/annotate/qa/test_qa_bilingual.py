"""The source-aware checks: silent without a source, each finding naming both sides."""

from __future__ import annotations

import json

import pytest

from annotate.qa import CheckContext, apply_fixes, get_check, run_checks
from annotate.qa.bilingual import BILINGUAL_CHECKS, length_ratio_stats
from annotate.qa.bilingual.en_numbers import english_form, target_numbers
from annotate.qa.bilingual.evaluate import Glossary, evaluate_pairs, format_pair_stats


def ids(text: str, source: str, **ctx) -> list[str]:
    return [f.check_id for f in run_checks(text, CheckContext(source=source, **ctx))]


def only(check_id: str, text: str, source: str, **ctx):
    return list(get_check(check_id).find(text, CheckContext(source=source, **ctx)))


@pytest.mark.parametrize("check", BILINGUAL_CHECKS, ids=lambda c: c.id)
def test_silent_without_a_source(check):
    assert list(check.find("今天 0.71 million meta #PRS_ORG # 。", CheckContext())) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("三千人", "3,000 people"),
        ("三千人", "three thousand people"),
        ("增加1.2万吨", "up 12 thousand tons"),
        ("增加1.2万吨", "up 12,000 tons"),
        ("3亿元", "300 million yuan"),
        ("新华社12月11日电", "Xinhua, 11 December"),
        ("新华社12月11日电", "Xinhua, Dec. 11"),
        ("1月9日", "on January 9th"),
        ("2023年增长23％", "23 percent growth in 2023"),
        ("3至5万人", "30,000 to 50,000 people"),
        ("20世纪80年代以来", "since the 1980s"),
        ("第十二次党代会", "the Twelfth Party Congress"),
        ("持续7天", "the seven-day exercise"),
        ("1,000亿到2,000亿美元", "100 billion to 200 billion US dollars"),
    ],
)
def test_numbers_found_in_any_english_form(source, target):
    assert only("source-numbers", target, source) == []


def test_a_single_certain_mismatch_is_fixed_with_the_source_value():
    target = "increased by 0.71 million tons this year, reaching 108,500 tons"
    (finding,) = only("source-numbers", target, "今年增加0.71万吨,达到10.85万吨")
    assert "0.71万" in finding.message and "0.71 million" in finding.message
    assert (
        apply_fixes(target, [finding]) == "increased by 7,100 tons this year, reaching 108,500 tons"
    )


def test_two_mismatches_are_flagged_without_a_fix():
    findings = only("source-numbers", "rose 5% and 7%", "增长3%和4%")
    assert len(findings) == 2 and all(f.fix is None for f in findings)


def test_percentage_points_said_as_percent():
    (finding,) = only("source-numbers", "rose by 3% this year", "今年提高3个百分点")
    assert apply_fixes("rose by 3% this year", [finding]) == "rose by 3 percentage points this year"
    assert only("source-numbers", "rose by 3 percentage points", "提高3个百分点") == []


def test_english_forms():
    assert english_form(7100.0, like="0.71 million") == "7,100"
    assert english_form(180_000_000.0) == "180 million"
    assert english_form(2021.0, year=True) == "2021"
    assert [n.value for n in target_numbers("twenty-three, a thousand and 1.2 million")] == [
        23.0,
        1000.0,
        1_200_000.0,
    ]


def test_untranslated_replaces_the_leftover_finding():
    assert ids("这是中文。", "这是中文。") == ["untranslated"]
    found = run_checks("It is 中文 here。", CheckContext(source="这是中文。"))
    assert [(f.check_id, f.fix) for f in found] == [
        ("untranslated", None),
        ("chinese-leftover", "."),
    ]
    # Chinese the source does not have stays with chinese-leftover, and so does monolingual text.
    assert ids("It is 英文 here.", "这是中文。") == ["chinese-leftover"]
    assert [f.check_id for f in run_checks("It is 中文 here.")] == ["chinese-leftover"]
    assert ids("unacceptable", "unacceptable") == []


def test_verbatim_tokens():
    source = "我用#PRS_ORG# RED 卡，见 https://example.com/a 或写信 ops@example.org，F-35C"
    target = "I used my #PRS_ORG #RED card, see https://example.com/a or ops@example.org, F-35C"
    (finding,) = only("verbatim-token", target, source)
    assert apply_fixes(target, [finding]).startswith("I used my #PRS_ORG# RED card")
    (missing,) = only("verbatim-token", "see the site", "见 https://example.com/a")
    assert "https://example.com/a" in missing.message and missing.fix is None
    (lowered,) = only("verbatim-token", "the value of meta fell", "Meta 的市值")
    assert lowered.fix == "Meta"
    assert only("verbatim-token", "TikTok apps grow", "tiktok 的 App 增长") == []


def test_placeholders():
    a, b = "\ue000", "\ue001"
    assert only("placeholder-mismatch", f"{a}Hello{b}", f"{a}你好{b}") == []
    (missing,) = only("placeholder-mismatch", f"{a}Hello", f"{a}你好{b}")
    assert "#2" in missing.message and missing.fix is None
    (extra,) = only("placeholder-mismatch", f"{a}Hel\ue005lo{b}", f"{a}你好{b}")
    assert extra.fix == "" and extra.start == 4


def test_sentence_type():
    (q,) = only("sentence-type", "When will it be delivered.", "几时送到？")
    assert apply_fixes("When will it be delivered.", [q]) == "When will it be delivered?"
    (s,) = only("sentence-type", "I want to know the time.", "请问几时送到？")
    assert s.fix is None and "？" in s.message
    assert only("sentence-type", 'He asked, "Really?"', "他问：“真的吗？”") == []
    assert only("sentence-type", "Stop it.", "停下！") != []
    assert only("sentence-type", "Stop it!", "停下！") == []


def test_source_pairs():
    assert only("source-pairs", 'the "Huangyu" fish', "“湟鱼”") == []
    (f,) = only("source-pairs", "in the Red List of Chinese Species", "在《中国物种红色名录》中")
    assert "《中国物种红色名录》" in f.message
    # English glosses and vessel names need no counterpart.
    assert only("source-pairs", "the USS Nevada", "“内华达号”（USS Nevada）") == []
    assert len(only("source-pairs", "The Navy said", "（南海研究论坛） 海军称")) == 1


def test_length_ratio_against_the_documents_own_distribution():
    pairs = [
        ("这是一个相当普通的中文句子。" * k, "This is a fairly ordinary sentence. " * k * 2)
        for k in range(1, 13)
    ]
    stats = length_ratio_stats(pairs)
    assert stats is not None and stats.spread > 0
    assert only("length-ratio", pairs[5][1], pairs[5][0], length_ratio_stats=stats) == []
    (short,) = only("length-ratio", "This.", pairs[5][0], length_ratio_stats=stats)
    assert "shorter" in short.message and short.fix is None
    assert only("length-ratio", "This.", pairs[5][0]) == []  # no distribution, no verdict
    assert length_ratio_stats(pairs[:3]) is None


def test_missing_term_and_the_forbidden_variant_fix():
    terms = {
        "新冠肺炎": ("COVID-19", "COVID"),
        "长江": ("Yangtze River",),
        "长江航务": ("Changjiang Shipping",),
    }
    assert only("missing-term", "the Yangtze River basin", "长江流域", source_terms=terms) == []
    assert only("missing-term", "two yangtze rivers", "长江", source_terms=terms) == []
    (f,) = only("missing-term", "the Long River", "长江流域", source_terms=terms)
    assert "长江" in f.message and "Yangtze River" in f.message and f.fix is None
    (g,) = only(
        "missing-term",
        "the new crown pneumonia epidemic",
        "新冠肺炎疫情",
        source_terms=terms,
        forbidden={"new crown pneumonia": "COVID-19"},
    )
    assert apply_fixes("the new crown pneumonia epidemic", [g]) == "the COVID-19 epidemic"
    # The longer term covers the shorter one inside it.
    found = only("missing-term", "Changjiang Shipping", "长江航务", source_terms=terms)
    assert found == []


def test_evaluation_counts_pairs_and_fixes(tmp_path):
    rows = [
        {"source": "增加0.71万吨", "mt": "up 0.71 million tons", "expect": ["source-numbers"],
         "fixed": {"source-numbers": "up 7,100 tons"}},
        {"source": "增加3吨", "mt": "up 3 tons", "expect": []},
        {"source": "增加3吨", "mt": "up 4 tons", "expect": []},
        {"source": "Meta 大跌", "mt": "meta fell", "expect": ["verbatim-token"]},
    ]  # fmt: skip
    stats = evaluate_pairs(rows, Glossary({}, {}))
    numbers = stats["source-numbers"]
    assert (numbers.fired, numbers.true_positives, numbers.labelled) == (2, 1, 1)
    assert (numbers.fixes_right, numbers.fixes_expected, numbers.fixes_offered_unasked) == (1, 1, 1)
    assert stats["verbatim-token"].recall == 1.0
    assert "source-numbers" in format_pair_stats(stats, len(rows))


def test_qa_report_measures_the_labelled_pairs(tmp_path, capsys):
    from annotate.qa.measure import main

    path = tmp_path / "pairs.jsonl"
    path.write_text(
        json.dumps(
            {"source": "增加0.71万吨", "mt": "up 0.71 million tons", "expect": ["source-numbers"]}
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["--bilingual", str(path)]) == 0
    out = capsys.readouterr().out
    assert "source-numbers" in out and "1 labelled pairs" in out
