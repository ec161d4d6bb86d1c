"""decode_text: UTF-8, UTF-16 with a BOM and GB18030 only; the rest and binary refused."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.importers import ImportRefused, decode_text
from corpus.importers.encoding import GUESSED

MIXED = "Ningxia 宁夏回族自治区 digital economy 数字经济, “specialized, refined” 专精特新.\r\n"
POLICY = (
    "关于加快宁夏数字信息产业发展的提案答复。\n"
    "The digital information industry is the core industry of the digital economy.\n"
    "第一条 为了规范管理，制定本办法。第二条 本办法适用于自治区工业和信息化厅。\n"
)

# Text that survives every encoding tested here; no BOM-like first character, no controls.
printable_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200
).filter(lambda text: not text.startswith("\ufeff"))


def refusal(data: bytes, name: str = "f.txt") -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        decode_text(data, name)
    return caught.value


# --- UTF-8 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain ASCII",
        MIXED,
        POLICY,
        "emoji 👍🏽 and CJK Extension B 𠀀𪚥 stay intact",
        "Ⅷ",  # a single multibyte character: detectors guess here, strict UTF-8 does not
    ],
)
def test_utf8_without_bom_is_decoded_strictly(text: str) -> None:
    assert decode_text(text.encode("utf-8"), "f.txt") == (text, "utf-8")


def test_utf8_bom_is_removed_and_reported() -> None:
    data = codecs.BOM_UTF8 + MIXED.encode("utf-8")
    assert decode_text(data, "f.txt") == (MIXED, "utf-8-sig")


def test_only_the_leading_bom_is_removed() -> None:
    data = codecs.BOM_UTF8 + "a\ufeffb".encode("utf-8")
    assert decode_text(data, "f.txt") == ("a\ufeffb", "utf-8-sig")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_newlines_are_kept_exactly(newline: str) -> None:
    text = f"one{newline}two{newline}{newline}three"
    assert decode_text(text.encode("utf-8"), "f.txt")[0] == text


def test_bom_followed_by_invalid_bytes_is_refused() -> None:
    exc = refusal(codecs.BOM_UTF8 + b"ok \xff\xfe broken")
    assert "UTF-8 byte-order mark" in exc.reason


# --- UTF-16 / UTF-32 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
@pytest.mark.parametrize("text", ["Hi", MIXED, POLICY, "宁夏"])
def test_utf16_with_bom(bom: bytes, codec: str, text: str) -> None:
    assert decode_text(bom + text.encode(codec), "f.txt") == (text, "utf-16")


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")]
)
def test_utf32_is_refused(bom: bytes, codec: str) -> None:
    assert "could not tell the encoding" in refusal(bom + MIXED.encode(codec)).reason


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_refused(codec: str) -> None:
    text = "Hello world, this is a translated policy text.\nSecond line.\n"
    assert "byte-order mark" in refusal(text.encode(codec)).reason


def test_utf16_bom_with_odd_length_is_refused() -> None:
    exc = refusal(codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00")
    assert "UTF-16" in exc.reason


# --- GB18030 / GBK -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "宁夏回族自治区工业和信息化厅",
        "中",
        "工业",
        "宁夏",
        "专精特新",
        "数字经济",
        MIXED,
        POLICY,
        "Article 3 第三条 本办法自发布之日起施行。",
        "单位：万元　合计",  # ideographic space
    ],
)
@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb_family_decodes_right_even_when_short(text: str, codec: str) -> None:
    assert decode_text(text.encode(codec), "f.txt") == (text, "gb18030")


def test_gb18030_four_byte_characters() -> None:
    text = "生僻字 𠀀 in a GB18030-only sentence: 数字经济。"
    assert decode_text(text.encode("gb18030"), "f.txt") == (text, "gb18030")


def test_western_legacy_text_is_refused() -> None:
    text = "Le café est très bon, n'est-ce pas? Où est la bibliothèque?"
    assert "could not tell the encoding" in refusal(text.encode("cp1252")).reason


def test_bytes_once_accepted_as_cp775_are_refused() -> None:
    """Issue 13.6: these were stored as cp775 mojibake."""
    exc = refusal(b"Good start. \xff\xfe\xfa\x80\x81 bad \xc3\x28")
    assert exc.reason.startswith("could not tell the encoding")


def test_gb18030_the_detector_does_not_back_is_flagged_as_guessed() -> None:
    # Turkish cp1254 that happens to be valid GB18030: accepted, but never silently.
    data = "Ölçü birimleri ve kısaltmalar".encode("cp1254")
    assert decode_text(data, "f.txt")[1] == "gb18030" + GUESSED


# --- refused -----------------------------------------------------------------------------


def test_nul_bytes_in_narrow_text_mean_binary() -> None:
    exc = refusal(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    assert exc.reason.startswith("not a text file")


def test_nul_inside_otherwise_plain_text_is_binary() -> None:
    assert "not a text file" in refusal(b"abc\x00def" * 5).reason


def test_many_control_characters_mean_binary() -> None:
    exc = refusal(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50 + b"some text")
    assert exc.reason == "not a text file (too many control characters)"


def test_a_few_control_characters_are_allowed_and_kept() -> None:
    text = "Report\f\tpage 2\x1b[0m with one escape and a form feed, then the end.\x1a"
    assert decode_text(text.encode("utf-8"), "f.txt") == (text, "utf-8")


def test_undecodable_bytes_are_refused() -> None:
    rng = random.Random(1)
    data = bytes(rng.randrange(1, 256) for _ in range(2000))  # noise without NUL bytes
    exc = refusal(data, "noise.txt")
    assert exc.name == "noise.txt"
    assert "encoding" in exc.reason


def test_refusal_names_the_file() -> None:
    exc = refusal(b"\x00" * 10, "scan.txt")
    assert str(exc) == f"scan.txt: {exc.reason}"


# --- properties --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, database=None)
@given(printable_text)
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_text(text.encode("utf-8"), "f.txt") == (text, "utf-8")


@settings(max_examples=150, deadline=None, database=None)
@given(printable_text, st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]))
def test_any_text_with_a_bom_round_trips(text: str, codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    decoded, encoding = decode_text(bom + text.encode(codec), "f.txt")
    assert decoded == text
    assert encoding in {"utf-8-sig", "utf-16"}
