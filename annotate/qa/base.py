"""The vocabulary every QA check shares: severities, findings, the context, the base class.

Pure Python: text in, findings out. Offsets are Python code points into the segment text, the
same unit spans use, so the review screen can underline a finding with the span machinery.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, Literal

__all__ = [
    "DASH_STYLES",
    "QUOTE_STYLES",
    "THOUSANDS_SEPARATORS",
    "Check",
    "CheckContext",
    "Finding",
    "Severity",
    "Style",
    "apply_fix",
    "apply_fixes",
    "locate_in_paragraph",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at ``text[start:end]``; ``fix`` replaces exactly those characters."""

    check_id: str
    start: int
    end: int
    message: str
    fix: str | None = None
    # Keyword-only so the field order can stay as documented (fix before severity).
    severity: Severity = field(kw_only=True)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad finding range {self.start}..{self.end}")


# House-style options by name, as a corpus stores them and qa_report takes them: name -> value.
QUOTE_STYLES: dict[str, Literal["straight", "curly"] | None] = {
    "any": None,
    "straight": "straight",
    "curly": "curly",
}
DASH_STYLES: dict[str, str] = {"em": "\u2014", "em-spaced": " \u2014 ", "en": " \u2013 "}
THOUSANDS_SEPARATORS: dict[str, str | None] = {
    "comma": ",",
    "thin": "\u202f",  # narrow no-break space: SI's thin space that never breaks a number
    "space": " ",
    "none": None,
}


@dataclass(frozen=True, slots=True)
class Style:
    """House style: conventions the checks follow instead of reporting them as damage."""

    quotes: Literal["straight", "curly"] | None = None
    """None: either kind, as long as one paragraph does not mix them."""
    dash: Literal["em", "em-spaced", "en"] = "em"
    """What a dash written as a hyphen becomes: "a—b" (em), "a — b" (spaced em) or
    "a – b" (spaced en)."""
    thousands: Literal[",", " ", "\u202f"] | None = ","
    """Separator for numbers of five digits or more; None when bare digits are house style.
    Numbers grouped with it read as one number (numbers-changed, source-numbers)."""

    @property
    def dash_between_words(self) -> str:
        return DASH_STYLES[self.dash]

    @classmethod
    def named(cls, quotes: str = "any", dash: str = "em", thousands: str = "comma") -> Style:
        """The style from option names; ValueError naming the option and the choices."""
        for option, value, choices in (
            ("quotes", quotes, QUOTE_STYLES),
            ("dash", dash, DASH_STYLES),
            ("thousands", thousands, THOUSANDS_SEPARATORS),
        ):
            if value not in choices:
                raise ValueError(
                    f"{option} {value!r} is not a house style; choose one of {', '.join(choices)}"
                )
        return cls(QUOTE_STYLES[quotes], dash, THOUSANDS_SEPARATORS[thousands])  # type: ignore[arg-type]


DEFAULT_STYLE = Style()


@dataclass(frozen=True)
class CheckContext:
    """What a check may know beyond the segment text. Every field is optional."""

    mt_text: str | None = None
    """The MT text as imported; the numbers-changed check compares against it."""
    paragraph: str | None = None
    """The whole paragraph the segment sits in, for quotes and glued sentence boundaries."""
    paragraph_offset: int | None = None
    """Where the segment starts inside ``paragraph``; found by search when not given."""
    forbidden: Mapping[str, str] = field(default_factory=dict)
    """Glossary hook, unused for now: forbidden variant -> preferred rendering."""
    source: str | None = None
    """The source text of a bilingual segment; the source-aware checks run only when it is set."""
    source_language: str | None = None
    """BCP-47 of the source (``zh`` when None); Chinese numerals are read only for ``zh*``."""
    length_ratio_stats: tuple[float, float] | None = None
    """(median, spread) of log(target/source length) over the document: ``length_ratio_stats``."""
    source_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Approved glossary: Chinese term -> (preferred, admitted English renderings...)."""
    style: Style = DEFAULT_STYLE
    previous: str | None = None
    """The text of the segment before this one in the document (damage across the seam)."""
    next: str | None = None
    """The text of the segment after this one in the document."""


def locate_in_paragraph(text: str, ctx: CheckContext | None) -> int | None:
    """Offset of the segment inside its paragraph, or None when there is no usable paragraph."""
    if ctx is None or not ctx.paragraph or not text:
        return None
    paragraph = ctx.paragraph
    offset = ctx.paragraph_offset
    if offset is not None:
        return offset if paragraph[offset : offset + len(text)] == text else None
    found = paragraph.find(text)
    return found if found >= 0 else None


def surroundings(text: str, ctx: CheckContext | None) -> tuple[str, str]:
    """The text right before and right after the segment (a few words of it): its paragraph
    where that is known, the neighbouring segments across a paragraph boundary (or when no
    paragraph is given)."""
    if ctx is None:
        return "", ""
    offset = locate_in_paragraph(text, ctx)
    if offset is None:
        return (ctx.previous or "")[-_REACH:], (ctx.next or "")[:_REACH]
    paragraph = ctx.paragraph or ""
    before = paragraph[max(0, offset - _REACH) : offset]
    end = offset + len(text)
    after = paragraph[end : end + _REACH]
    return (
        before if before.strip() else (ctx.previous or "")[-_REACH:],
        after if after.strip() else (ctx.next or "")[:_REACH],
    )


# How far the seam checks look into the neighbouring text: a few words is all they need.
_REACH = 120


class Check:
    """A target-only check. Subclasses set the class attributes and implement ``find``.

    Instances are stateless and shared; ``find`` must not keep anything between calls.
    """

    id: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[str]
    explanation: ClassVar[str]
    supersedes: ClassVar[tuple[str, ...]] = ()
    """Checks whose fix-less findings inside one of this check's findings are dropped."""

    def find(self, text: str, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, start: int, end: int, message: str, fix: str | None = None) -> Finding:
        return Finding(self.id, start, end, message, fix, severity=self.severity)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


def apply_fix(text: str, finding: Finding) -> str:
    if finding.fix is None:
        raise ValueError(f"{finding.check_id} finding has no fix")
    return text[: finding.start] + finding.fix + text[finding.end :]


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """Apply every fix that does not overlap an earlier accepted one, right to left."""
    chosen: list[Finding] = []
    last_start = None
    for f in sorted(
        (f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end), reverse=True
    ):
        if last_start is not None and f.end > last_start:
            continue
        chosen.append(f)
        last_start = f.start
    for f in chosen:
        text = apply_fix(text, f)
    return text


WORD = re.compile(r"\d+(?:[.,]\d+)+(?![^\W_])|[^\W_]+(?:[-'’][^\W_]+)*")
"""A word: letters/digits, with inner hyphens or apostrophes ("high-quality", "Jining's"), or a
number with its decimal point and thousands separators ("11.564", "1,551")."""


def words(text: str) -> Iterator[re.Match[str]]:
    return WORD.finditer(text)


def quote(surface: str, limit: int = 60) -> str:
    """A surface for a message, shortened so messages stay one line."""
    surface = surface if len(surface) <= limit else surface[: limit - 1] + "…"
    return f'"{surface}"'
