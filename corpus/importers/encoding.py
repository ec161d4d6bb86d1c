"""Turn uploaded bytes into text: UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB18030.

These are the encodings the README promises. Anything else is refused rather than guessed: a
detector will always name *some* legacy code page for noise (cp775 for a damaged file), and
text decoded that way is stored as mojibake no reviewer can repair. Strict UTF-8 goes first,
since most uploads are UTF-8 MT output; GB18030 decodes strictly too, but random bytes can
happen to be valid GB18030, so when charset-normalizer does not also rank GB18030 first the
encoding is reported as guessed (shown beside the document) instead of silently trusted.
"""

from __future__ import annotations

import codecs
import math
import re

from charset_normalizer import from_bytes

from corpus.importers.base import ImportRefused
from corpus.text.i18n import N_

# UTF-32 BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# GB18030 is a strict superset of GBK and GB2312, so decoding with it never loses a character
# and callers see one name for the whole family.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030"})
# Appended to the encoding name, which the corpus page shows beside each document.
GUESSED = " (guessed)"

# Control characters other than \t \n \r \f (C0, DEL and C1). A few occur in real text
# (a stray ESC or ^Z); binary files decoded by force are full of them.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05

_UNDECODABLE = (
    "could not tell the encoding: Redline reads UTF-8, UTF-16 (with a byte-order mark) and "
    "GB18030; save the file as UTF-8 and upload it again"
)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding); the BOM is removed, nothing else is changed.

    The encoding ends with GUESSED when only a strict GB18030 decode, not the detector,
    vouches for it. Raises ImportRefused for binary data and for any other encoding.
    """
    text, encoding = _decode(data, name)
    _refuse_binary_text(text, name)
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(_UTF32_BOMS):
        raise ImportRefused(
            name, N_("%(undecodable)s (this file is UTF-32)", undecodable=_UNDECODABLE)
        )
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                # These codecs consume the BOM themselves and pick the byte order from it.
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise ImportRefused(
                    name,
                    N_(
                        "starts with a %(label)s byte-order mark but is not valid %(label)s",
                        label=label,
                    ),
                ) from None

    if b"\x00" in data:
        # NUL bytes never occur in UTF-8 or GB18030 text: binary, or UTF-16 without its BOM.
        raise ImportRefused(
            name, N_("not a text file (it contains NUL bytes; UTF-16 needs a byte-order mark)")
        )

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportRefused(name, _UNDECODABLE) from None
    return text, "gb18030" if _detector_agrees(data) else "gb18030" + GUESSED


def _detector_agrees(data: bytes) -> bool:
    """True when charset-normalizer ranks the GB family first, alone or tied: a few CJK
    characters decode alike as GB18030, Big5, CP949 and EUC-JP, and such a tie is no
    evidence against GB18030, the encoding of this app's mainland sources."""
    matches = list(from_bytes(data))
    if not matches:
        return False
    best = matches[0]
    return any(
        _canonical(match.encoding) in _GB_FAMILY
        for match in matches
        if math.isclose(match.chaos, best.chaos, abs_tol=1e-9)
        and math.isclose(match.coherence, best.coherence, abs_tol=1e-9)
    )


def _canonical(encoding: str) -> str:
    """Python's canonical codec name ("utf_16_le" -> "utf-16-le")."""
    return codecs.lookup(encoding).name


def _refuse_binary_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise ImportRefused(name, N_("not a text file (it contains NUL characters)"))
    if not text:
        return
    controls = len(_CONTROL_CHARS.findall(text))
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise ImportRefused(name, N_("not a text file (too many control characters)"))
