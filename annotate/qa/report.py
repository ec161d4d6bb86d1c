"""Measure the checks: findings per check, and against labelled text precision and recall.

Pure. A ``.jsonl`` file is read as labelled segments (the format of
tests/annotate/qa/seed_artefacts.jsonl); any other file as plain text, split into paragraphs at
line ends and into sentences by a simple rule, and only counted. The command line is in
``measure.py`` (``manage.py qa_report`` wraps it), beside the clean-English and fix measures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .base import DEFAULT_STYLE, Check, CheckContext, Finding, Severity, Style
from .marks import is_abbreviation_dot
from .registry import CHECKS, run_checks


@dataclass(frozen=True)
class Artefact:
    check: str
    start: int
    end: int
    rule_visible: bool = True
    correct: str | None = None
    """The segment text with this artefact (alone) repaired, where the repair is certain."""


@dataclass(frozen=True)
class LabelledItem:
    text: str
    artefacts: tuple[Artefact, ...] = ()
    paragraph: str | None = None
    paragraph_offset: int | None = None
    mt_text: str | None = None
    clean: bool = False
    """A clean English sentence: counted for the false-alarm rate as well."""
    previous: str | None = None
    next: str | None = None

    @property
    def context(self) -> CheckContext:
        return CheckContext(
            mt_text=self.mt_text,
            paragraph=self.paragraph,
            paragraph_offset=self.paragraph_offset,
            previous=self.previous,
            next=self.next,
        )

    @classmethod
    def from_mapping(cls, row: Mapping) -> LabelledItem:
        text = row["text"]
        artefacts = []
        for a in row.get("artefacts", ()):
            start = a["start"] if "start" in a else text.index(a["surface"])
            if text[start : start + len(a["surface"])] != a["surface"]:
                raise ValueError(f"artefact {a['surface']!r} is not at {start} in {text[:60]!r}")
            artefacts.append(
                Artefact(
                    a["check"],
                    start,
                    start + len(a["surface"]),
                    a.get("rule_visible", True),
                    a.get("correct"),
                )
            )
        return cls(
            text,
            tuple(artefacts),
            row.get("paragraph"),
            row.get("paragraph_offset"),
            row.get("mt_text"),
            previous=row.get("previous"),
            next=row.get("next"),
        )


@dataclass
class CheckStats:
    check_id: str
    severity: Severity
    findings: int = 0
    true_positives: int = 0
    artefacts: int = 0
    found: int = 0
    clean_findings: int = 0

    @property
    def false_positives(self) -> int:
        return self.findings - self.true_positives

    @property
    def false_negatives(self) -> int:
        return self.artefacts - self.found

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.found / self.artefacts if self.artefacts else None


@dataclass
class Report:
    checks: dict[str, CheckStats]
    items: int = 0
    hidden_artefacts: int = 0
    clean_sentences: int = 0
    clean_errors: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    """(check id, surface, segment start) of every rule-visible artefact no finding matched."""

    @property
    def visible_artefacts(self) -> int:
        return sum(s.artefacts for s in self.checks.values())

    @property
    def found(self) -> int:
        return sum(s.found for s in self.checks.values())

    @property
    def recall(self) -> float | None:
        return self.found / self.visible_artefacts if self.visible_artefacts else None

    @property
    def precision(self) -> float | None:
        findings = sum(s.findings for s in self.checks.values())
        return sum(s.true_positives for s in self.checks.values()) / findings if findings else None

    @property
    def clean_errors_per_100(self) -> float | None:
        return 100 * self.clean_errors / self.clean_sentences if self.clean_sentences else None


def overlaps(f: Finding, a: Artefact) -> bool:
    if f.start == f.end:
        return a.start <= f.start <= a.end
    return f.start < a.end and a.start < f.end


def evaluate(
    labelled_items: Iterable[LabelledItem | Mapping],
    checks: Sequence[Check] = CHECKS,
    clean_sentences: Iterable[str] = (),
    style: Style = DEFAULT_STYLE,
) -> Report:
    """Run ``checks`` over labelled segments (and clean sentences, which have no artefacts).

    A finding matches an artefact when the check ids are equal and the character ranges overlap.
    Artefacts marked not rule-visible are left out of recall; a finding that happens to match
    one still counts as a true positive.
    """
    report = Report({c.id: CheckStats(c.id, c.severity) for c in checks})
    items = [
        i if isinstance(i, LabelledItem) else LabelledItem.from_mapping(i) for i in labelled_items
    ]
    items += [LabelledItem(s, clean=True) for s in clean_sentences]
    for item in items:
        report.items += 1
        findings = run_checks(item.text, styled(item.context, style), checks)
        for f in findings:
            stats = report.checks[f.check_id]
            stats.findings += 1
            if any(a.check == f.check_id and overlaps(f, a) for a in item.artefacts):
                stats.true_positives += 1
            if item.clean:
                stats.clean_findings += 1
        if item.clean:
            report.clean_sentences += 1
            report.clean_errors += sum(1 for f in findings if f.severity is Severity.ERROR)
        for a in item.artefacts:
            if not a.rule_visible or a.check not in report.checks:
                report.hidden_artefacts += 1
                continue
            stats = report.checks[a.check]
            stats.artefacts += 1
            if any(f.check_id == a.check and overlaps(f, a) for f in findings):
                stats.found += 1
            else:
                report.missed.append((a.check, item.text[a.start : a.end], item.text[:70]))
    return report


def _ratio(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def format_report(report: Report) -> str:
    head = f"{'check':<30}{'severity':<9}{'findings':>9}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>7}{'recall':>8}{'clean':>7}"
    lines = [head, "-" * len(head)]
    for s in report.checks.values():
        lines.append(
            f"{s.check_id:<30}{s.severity.value:<9}{s.findings:>9}{s.true_positives:>5}{s.false_positives:>5}"
            f"{s.false_negatives:>5}{_ratio(s.precision):>7}{_ratio(s.recall):>8}{s.clean_findings:>7}"
        )
    lines.append("-" * len(head))
    lines.append(
        f"segments {report.items}; rule-visible artefacts {report.visible_artefacts}, found {report.found}, "
        f"recall {_ratio(report.recall).strip()}; precision {_ratio(report.precision).strip()}; "
        f"artefacts no rule can see {report.hidden_artefacts}"
    )
    if report.clean_sentences:
        lines.append(
            f"clean sentences {report.clean_sentences}: {report.clean_errors} error-level findings "
            f"({report.clean_errors_per_100:.2f} per 100)"
        )
    for check_id, surface, segment in report.missed:
        lines.append(f"missed {check_id}: {surface!r} in {segment!r}")
    return "\n".join(lines)


_BOUNDARY = re.compile(r"(?<=[.!?])[\"\u201d)]*\s+(?=[\"\u201c(]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """A rough sentence split for plain-text reports; the import uses spaCy instead."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        dot = paragraph.rfind(".", start, m.start() + 1)
        if dot == m.start() - 1 and is_abbreviation_dot(paragraph, dot):
            continue
        cut = m.start() + len(m.group().rstrip())
        spans.append((start, cut))
        start = m.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans


def styled(ctx: CheckContext, style: Style) -> CheckContext:
    return ctx if style == ctx.style else replace(ctx, style=style)


def count_findings(
    text: str, checks: Sequence[Check] = CHECKS, style: Style = DEFAULT_STYLE
) -> tuple[int, dict[str, int]]:
    """Segments and findings per check in plain text (one paragraph per line)."""
    counts: Counter[str] = Counter()
    segments = 0
    for paragraph in text.splitlines():
        for start, end in split_sentences(paragraph):
            segments += 1
            ctx = CheckContext(paragraph=paragraph, paragraph_offset=start, style=style)
            counts.update(f.check_id for f in run_checks(paragraph[start:end], ctx, checks))
    return segments, {c.id: counts[c.id] for c in checks}


def format_counts(segments: int, counts: Mapping[str, int]) -> str:
    lines = [f"{'check':<30}{'findings':>9}", "-" * 39]
    lines += [f"{check_id:<30}{n:>9}" for check_id, n in counts.items()]
    lines.append(f"{segments} segments, {sum(counts.values())} findings")
    return "\n".join(lines)


def read_labelled(path: Path) -> list[LabelledItem]:
    with path.open(encoding="utf-8") as lines:
        return [LabelledItem.from_mapping(json.loads(line)) for line in lines if line.strip()]


def read_clean(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
