"""The Chinese number reader of the source-aware numbers check."""

from __future__ import annotations

import pytest

from annotate.qa.bilingual.zh_numbers import parse_numeral, source_numbers


@pytest.mark.parametrize(
    ("run", "value"),
    [
        ("三千", 3000),
        ("十二", 12),
        ("二十一", 21),
        ("一百零五", 105),
        ("三千零二十", 3020),
        ("两千", 2000),
        ("一亿三千万", 130_000_000),
        ("三千五", 3500),
        ("一万五", 15_000),
        ("二〇二一", 2021),
        ("三万亿", 3 * 10**12),
        ("壹佰", 100),
    ],
)
def test_parse_numeral(run, value):
    assert parse_numeral(run) == value


@pytest.mark.parametrize("run", ["万一", "一一", "六七十", "三千千", "x"])
def test_not_one_number(run):
    assert parse_numeral(run) is None


def values(text: str) -> list[tuple[str, tuple[float, ...], str]]:
    return [(n.surface, n.values, n.kind) for n in source_numbers(text)]


def test_scales_after_digits_full_width_and_spaces():
    assert values("增加1.2万吨") == [("1.2万", (12_000.0,), "plain")]
    assert values("3亿尾") == [("3亿", (300_000_000.0,), "plain")]
    assert values("市值蒸发 2510 亿美元") == [("2510 亿", (251_000_000_000.0,), "plain")]
    assert values("有１２３人") == [("１２３", (123.0,), "plain")]


def test_percent_points_years_and_dates():
    assert values("超过23 %") == [("23 %", (23.0,), "percent")]
    assert values("百分之二十") == [("百分之二十", (20.0,), "percent")]
    assert values("提高3个百分点") == [("3个百分点", (3.0,), "points")]
    assert values("2023年") == [("2023", (2023.0,), "year")]
    (date,) = source_numbers("12月11日电")
    assert (date.kind, date.month, date.day, date.surface) == ("date", 12, 11, "12月11日")


def test_ranges_share_the_scale_and_decades_have_their_century():
    assert [v for _, v, _ in values("3至5万人")] == [(30_000.0, 3.0), (50_000.0,)]
    assert [v for _, v, _ in values("8～9层")] == [(8.0,), (9.0,)]
    assert [v[0] for _, v, _ in values("20世纪六七十年代")] == [1960.0, 1970.0]
    assert values("20世纪80年代")[0][1][0] == 1980.0
    assert [v for _, v, _ in values("三四百人")] == [(300.0,), (400.0,)]


def test_idioms_single_numerals_and_codes_are_not_numbers():
    assert values("一些人说万一三江源十分好") == []
    assert values("搭载F-35C和CMV-22") == []
    assert values("第十七条") == [("十七", (17.0,), "plain")]
