"""What an export wrote and what it could not: counts and one problem per span not written exactly.

The report fills in while the stream is consumed, so read it only after the last chunk. Every
span an exporter receives ends up either written exactly or listed here with its reason; nothing
is silently dropped, widened or trimmed to make a format happy.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ExportReport", "Problem", "Reason"]


class Reason:
    """The fixed wording of each problem, so reviewers (and tests) can group by it."""

    OUT_OF_RANGE = "offsets fall outside the segment text or the span is empty"
    SURFACE_MISMATCH = "surface text does not match the segment text"
    NO_LABEL = "the span has no label"
    MISALIGNED = "does not align with token boundaries (spaCy char_span returned None)"
    OVERLAP_IOB = "overlaps another span (IOB/ents cannot carry overlaps)"
    OVERLAP_ENTS = (
        "overlaps another span (IOB/ents cannot carry overlaps); "
        "kept in doc.spans['sc'] but not in doc.ents"
    )
    WHITESPACE_EDGE = "starts or ends on a whitespace token, which CoNLL lines cannot carry"
    LABEL_WHITESPACE = "label contains whitespace, which CoNLL columns cannot carry"


@dataclass(frozen=True)
class Problem:
    segment_id: int
    document: str
    start: int
    end: int
    label: str
    surface: str
    reason: str
    detail: str = ""
    """Specifics for a person: what the segment really has there, which span it overlaps."""
    skipped: bool = True
    """False when the span is still in the output, only missing from one layer (spaCy ents)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "segment_id": self.segment_id,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "surface": self.surface,
            "reason": self.reason,
            "detail": self.detail,
            "skipped": self.skipped,
        }

    def as_text(self) -> str:
        where = f"segment {self.segment_id} of {self.document!r}, {self.start}..{self.end}"
        line = f"{where} {self.label or '(no label)'} {_quoted(self.surface)}: {self.reason}"
        return f"{line} ({self.detail})" if self.detail else line


def _quoted(surface: str, limit: int = 60) -> str:
    # One line per problem keeps the report readable; repr escapes newlines and tabs.
    shown = surface if len(surface) <= limit else surface[: limit - 1] + "…"
    return repr(shown)


@dataclass
class ExportReport:
    exporter: str = ""
    documents: int = 0
    segments: int = 0
    spans_written: int = 0
    spans_skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    max_problems: int | None = 10_000
    """A badly broken corpus must not make the report itself unbounded; counts stay exact."""
    problems_not_listed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, problem: Problem) -> None:
        self.reasons[problem.reason] += 1
        if problem.skipped:
            self.spans_skipped += 1
        if self.max_problems is not None and len(self.problems) >= self.max_problems:
            self.problems_not_listed += 1
        else:
            self.problems.append(problem)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.problems_not_listed

    def as_dict(self) -> dict[str, Any]:
        return {
            "exporter": self.exporter,
            "documents": self.documents,
            "segments": self.segments,
            "spans_written": self.spans_written,
            "spans_skipped": self.spans_skipped,
            "reasons": dict(self.reasons),
            "problems": [problem.as_dict() for problem in self.problems],
            "problems_not_listed": self.problems_not_listed,
        }

    def as_text(self) -> str:
        lines = [
            f"Export {self.exporter or '(unnamed)'}: {self.documents} documents, {self.segments} segments, "
            f"{self.spans_written} spans written, {self.spans_skipped} spans skipped."
        ]
        total = len(self.problems) + self.problems_not_listed
        if total:
            lines.append(f"Problems ({total}):")
            lines.extend(f"- {problem.as_text()}" for problem in self.problems)
            if self.problems_not_listed:
                lines.append(f"- … and {self.problems_not_listed} more not listed")
        else:
            lines.append("No problems: every span was written exactly.")
        return "\n".join(lines)
