"""Turn uploaded bytes into text: BOMs first, then strict UTF-8, then charset-normalizer.

Most uploads are UTF-8 (the MT output), so strict UTF-8 goes before detection: detectors are
least reliable exactly where UTF-8 is certain (short texts). Detection is charset-normalizer's
job; this module only reads BOMs and breaks ties among its equally ranked guesses.
"""

from __future__ import annotations

import codecs
import math
import re

from charset_normalizer import from_bytes

from corpus.importers.base import ImportRefused

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# When charset-normalizer ranks several encodings exactly alike (common for a few CJK
# characters, where GB18030, Big5, CP949 and EUC-JP all decode cleanly), prefer the one this
# app's sources use: mainland Chinese documents (GB18030), Windows "Unicode" (UTF-16-LE) and
# Western Windows text (cp1252).
_PREFERRED_ON_TIE = ("gb18030", "utf-16-le", "cp1252")

# GB18030 is a strict superset of GBK and GB2312, so decoding with it never loses a character
# and callers see one name for the whole family.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030"})

_WIDE_ENCODINGS = ("utf-16", "utf-32")

# Control characters other than \t \n \r \f (C0, DEL and C1). A few occur in real text
# (a stray ESC or ^Z); binary files decoded by force are full of them.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05

_UNDECODABLE = "could not work out the text encoding; save the file as UTF-8 and upload it again"


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding); the BOM is removed, nothing else is changed.

    Raises ImportRefused for binary data and for bytes no known encoding decodes.
    """
    text, encoding = _decode(data, name)
    _refuse_binary_text(text, name)
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                # These codecs consume the BOM themselves and pick the byte order from it.
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise ImportRefused(
                    name, f"starts with a {label} byte-order mark but is not valid {label}"
                ) from None

    if b"\x00" in data:
        # NUL bytes never occur in UTF-8 or GB18030 text, but UTF-16/32 without a BOM is full
        # of them, so only a wide encoding can explain them.
        decoded = _decode_detected(data, wide_only=True)
        if decoded is None:
            raise ImportRefused(name, "not a text file (it contains NUL bytes)")
        return decoded

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    decoded = _decode_detected(data, wide_only=False)
    if decoded is None:
        raise ImportRefused(name, _UNDECODABLE)
    return decoded


def _decode_detected(data: bytes, *, wide_only: bool) -> tuple[str, str] | None:
    for encoding in _candidate_encodings(data):
        if wide_only and not encoding.startswith(_WIDE_ENCODINGS):
            continue
        try:
            # Our own strict decode of the whole payload: the detector samples chunks of large
            # files, so its guess is a hypothesis until every byte decodes.
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _candidate_encodings(data: bytes) -> list[str]:
    matches = list(from_bytes(data))
    if not matches:
        return []
    best = matches[0]
    tied = {
        _canonical(match.encoding)
        for match in matches
        if math.isclose(match.chaos, best.chaos, abs_tol=1e-9)
        and math.isclose(match.coherence, best.coherence, abs_tol=1e-9)
    }
    ranked = [encoding for encoding in _PREFERRED_ON_TIE if encoding in tied]
    for match in matches:
        encoding = _canonical(match.encoding)
        if encoding not in ranked:
            ranked.append(encoding)
    return ranked


def _canonical(encoding: str) -> str:
    """Python's canonical codec name ("utf_16_le" -> "utf-16-le"), GB family as gb18030."""
    canonical = codecs.lookup(encoding).name
    return "gb18030" if canonical in _GB_FAMILY else canonical


def _refuse_binary_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise ImportRefused(name, "not a text file (it contains NUL characters)")
    if not text:
        return
    controls = len(_CONTROL_CHARS.findall(text))
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise ImportRefused(name, "not a text file (too many control characters)")
