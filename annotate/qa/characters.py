"""Characters that should not be in English output: Chinese, mojibake, control characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from corpus.text.i18n import N_

from .base import Check, CheckContext, Finding, Severity, quote

_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = f"[\u0080-\u00bf{_CP1252_HIGH}]"
# UTF-8 bytes read as Windows-1252 or Latin-1: a lead byte (Â..ô) then continuation bytes.
_MOJIBAKE = re.compile(
    f"(?:[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}})+"
    "|\ufffd+"
    "|(?:锟斤拷)+|(?:烫){2,}|(?:屯){2,}"
)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _redecode(run: str) -> str | None:
    for codec in ("cp1252", "latin-1"):
        try:
            return run.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return None


def mojibake_spans(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, repaired text or None) for each run of mojibake."""
    if not _NOT_ASCII.search(text):
        return []
    spans = []
    for m in _MOJIBAKE.finditer(text):
        run = m.group()
        if run[0] in "\ufffd锟烫屯":
            spans.append((m.start(), m.end(), None))
            continue
        repaired = _redecode(run)
        if repaired is not None and repaired != run:
            spans.append((m.start(), m.end(), repaired))
    return spans


class Mojibake(Check):
    id = "mojibake"
    severity = Severity.ERROR
    title = N_("Garbled encoding (mojibake)")
    explanation = N_(
        'UTF-8 text decoded with the wrong encoding ("â€™" for ’, "Ã©" for é), replacement characters (�) or GBK garbage ("锟斤拷"). Where the bytes can be read back the fix restores the intended characters.'
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        for start, end, repaired in mojibake_spans(text):
            yield self.finding(
                start,
                end,
                N_("Garbled characters: %(text)s", text=quote(text[start:end])),
                repaired,
            )


_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6\U00020000-\U0002fa1f\U00030000-\U0003134f]+"
)
# CJK punctuation with one certain English counterpart.
_CJK_PUNCTUATION = {
    "\u3001": ",",
    "\u3002": ".",
    "\u3000": " ",
    "\u300a": '"',
    "\u300b": '"',
    "\u300c": '"',
    "\u300d": '"',
    "\u300e": '"',
    "\u300f": '"',
    "\u3010": "[",
    "\u3011": "]",
}
_SPACE_AFTER = ",.;:!?)]"


class ChineseLeftover(Check):
    id = "chinese-leftover"
    severity = Severity.ERROR
    title = N_("Chinese characters left in the text")
    explanation = N_(
        "Chinese (or other CJK) characters the MT did not translate. Characters need a human translation; full-width punctuation gets its English form as a fix."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not _NOT_ASCII.search(text):
            return
        garbled = [(a, b) for a, b, _ in mojibake_spans(text)]
        for m in _CJK.finditer(text):
            if any(a <= m.start() < b for a, b in garbled):
                continue
            run = m.group()
            fix = self._punctuation_fix(text, m)
            yield self.finding(
                m.start(), m.end(), N_("Untranslated characters: %(run)s", run=quote(run)), fix
            )

    @staticmethod
    def _punctuation_fix(text: str, m: re.Match[str]) -> str | None:
        pieces = []
        for ch in m.group():
            if ch in _CJK_PUNCTUATION:
                pieces.append(_CJK_PUNCTUATION[ch])
                continue
            folded = unicodedata.normalize("NFKC", ch)
            if not folded.isascii():
                return None
            pieces.append(folded)
        fixed = "".join(pieces)
        following = text[m.end() : m.end() + 1]
        if fixed[-1:] in _SPACE_AFTER and following.isalnum():
            fixed += " "
        if fixed[:1] in "([" and text[m.start() - 1 : m.start()].isalnum():
            fixed = " " + fixed
        return fixed


# C0 and C1 controls except tab, line feed and carriage return; zero-width and bidi controls;
# the byte-order mark; the soft hyphen. Zero-width joiners stay: emoji sequences need them.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]+"
)


class ControlChars(Check):
    id = "control-chars"
    severity = Severity.ERROR
    title = N_("Control or invisible characters")
    explanation = N_(
        "Invisible characters from the file or the MT engine: control codes, zero-width spaces, direction marks, byte-order marks, soft hyphens. The fix removes them."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if text.isprintable():
            return
        garbled = None
        for m in _CONTROL.finditer(text):
            if garbled is None:
                garbled = [(a, b) for a, b, _ in mojibake_spans(text)]
            if any(a <= m.start() < b for a, b in garbled):
                continue
            names = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(m.group()))
            yield self.finding(
                m.start(), m.end(), N_("Invisible control characters (%(names)s)", names=names), ""
            )
