"""The one registry of QA checks and the function that runs them."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Check, CheckContext, Finding
from .bilingual import BILINGUAL_CHECKS, drop_superseded
from .capitals import CapitalAfterComma, MidSentenceCapital
from .characters import ChineseLeftover, ControlChars, Mojibake
from .dashes import DashMisuse, GluedSource
from .fragments import Fragment
from .numbers import NumbersChanged, UnseparatedNumber
from .punctuation import StrayPunctuation
from .quotes import SpaceBeforeQuote, UnbalancedQuotes, clear_paragraph_cache
from .repetition import RepeatedAcrossPunctuation, RepeatedPhrase, RepeatedWord, XAndX
from .seams import SplitSentence
from .spacing import JoinedWords, MissingSpace, SpaceBeforePunctuation
from .units import SuspiciousUnit

# Order is the order of the reviewer's list when two findings start at the same character.
CHECKS: tuple[Check, ...] = (
    ChineseLeftover(),
    Mojibake(),
    ControlChars(),
    JoinedWords(),
    MissingSpace(),
    StrayPunctuation(),
    SpaceBeforePunctuation(),
    RepeatedWord(),
    RepeatedPhrase(),
    XAndX(),
    CapitalAfterComma(),
    MidSentenceCapital(),
    UnbalancedQuotes(),
    SuspiciousUnit(),
    NumbersChanged(),
    Fragment(),
    SpaceBeforeQuote(),
    SplitSentence(),
    DashMisuse(),
    GluedSource(),
    UnseparatedNumber(),
    RepeatedAcrossPunctuation(),
    *BILINGUAL_CHECKS,  # silent without a source
)

_BY_ID = {check.id: check for check in CHECKS}
assert len(_BY_ID) == len(CHECKS), "check ids must be unique"

EMPTY_CONTEXT = CheckContext()


def clear_caches() -> None:
    """Forget cached per-paragraph work (benchmarks call this between passes)."""
    clear_paragraph_cache()


def get_check(check_id: str) -> Check:
    try:
        return _BY_ID[check_id]
    except KeyError:
        raise KeyError(f"no QA check with id {check_id!r}") from None


def run_checks(
    text: str, ctx: CheckContext | None = None, checks: Iterable[Check | type[Check]] = CHECKS
) -> list[Finding]:
    """Every finding of ``checks`` on ``text``, sorted by position."""
    ctx = ctx or EMPTY_CONTEXT
    found: list[Finding] = []
    for check in checks:
        if isinstance(check, type):
            check = check()
        found.extend(check.find(text, ctx))
    if ctx.source is not None:
        found = drop_superseded(found, CHECKS)
    found.sort(key=lambda f: (f.start, f.end))
    return found
