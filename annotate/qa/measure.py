"""Two measures the issue asks for beside precision and recall.

Clean English: findings per 100 sentences of text with no damage in it, by severity and by
check; every finding there is a false alarm (or a real typo in the reference). Fixes: the
fraction of labelled artefacts with a certain repair whose fix gives exactly the labelled text.

``manage.py qa_report`` wraps ``run``; so does ``python -m annotate.qa.measure``:

    python -m annotate.qa.measure tests/annotate/qa/seed_artefacts.jsonl --fixes \
        --also tests/annotate/qa/seed_clean_segments.jsonl --clean tests/annotate/qa/clean_sentences.txt
    python -m annotate.qa.measure tests/annotate/qa/clean_paragraphs.txt --clean-english
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .base import (
    DASH_STYLES,
    DEFAULT_STYLE,
    QUOTE_STYLES,
    THOUSANDS_SEPARATORS,
    Check,
    CheckContext,
    Severity,
    Style,
    apply_fix,
)
from .bilingual.evaluate import bilingual_report
from .registry import CHECKS, run_checks
from .report import (
    LabelledItem,
    count_findings,
    evaluate,
    format_counts,
    format_report,
    overlaps,
    read_clean,
    read_labelled,
    split_sentences,
    styled,
)


@dataclass
class CleanRates:
    sentences: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_check: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[str, str, str]] = field(default_factory=list)
    """(check id, surface, sentence) of every finding."""

    def per_100(self, count: int) -> float:
        return 100 * count / self.sentences if self.sentences else 0.0

    @property
    def errors_per_100(self) -> float:
        return self.per_100(self.by_severity[Severity.ERROR.value])

    @property
    def warnings_and_info_per_100(self) -> float:
        return self.per_100(
            self.by_severity[Severity.WARNING.value] + self.by_severity[Severity.INFO.value]
        )


def clean_segments(text: str, style: Style = DEFAULT_STYLE) -> list[tuple[str, CheckContext]]:
    """Sentences of plain text (one paragraph per line), each with its paragraph and, at a
    paragraph's edges, the neighbouring sentence, as the review screen passes them."""
    cut: list[tuple[str, str, int]] = []
    for paragraph in text.splitlines():
        cut += [(paragraph[a:b], paragraph, a) for a, b in split_sentences(paragraph)]
    segments = []
    for k, (sentence, paragraph, offset) in enumerate(cut):
        previous = cut[k - 1][0] if k and offset == 0 else None
        at_end = offset + len(sentence) >= len(paragraph.rstrip())
        following = cut[k + 1][0] if at_end and k + 1 < len(cut) else None
        ctx = CheckContext(
            paragraph=paragraph,
            paragraph_offset=offset,
            previous=previous,
            next=following,
            style=style,
        )
        segments.append((sentence, ctx))
    return segments


def clean_rates(
    text: str, checks: Sequence[Check] = CHECKS, style: Style = DEFAULT_STYLE
) -> CleanRates:
    rates = CleanRates()
    for sentence, ctx in clean_segments(text, style):
        rates.sentences += 1
        for f in run_checks(sentence, ctx, checks):
            rates.by_severity[f.severity.value] += 1
            rates.by_check[f.check_id] += 1
            rates.examples.append((f.check_id, sentence[f.start : f.end], sentence))
    return rates


def format_clean_rates(rates: CleanRates, *, examples: bool = True) -> str:
    lines = [f"clean English: {rates.sentences} sentences, findings per 100 sentences"]
    for severity in Severity:
        n = rates.by_severity[severity.value]
        lines.append(f"  {severity.value:<8}{n:>5}{rates.per_100(n):>8.2f}")
    lines.append(f"  warnings + info per 100: {rates.warnings_and_info_per_100:.2f}")
    for check_id, n in rates.by_check.most_common():
        lines.append(f"  {check_id:<30}{n:>5}{rates.per_100(n):>8.2f}")
    if examples:
        lines += [f"  {c}: {s!r} in {t[:80]!r}" for c, s, t in rates.examples]
    return "\n".join(lines)


@dataclass
class FixStats:
    labelled: int = 0
    """Rule-visible artefacts labelled with the correct text."""
    correct: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)
    """(check id, text after the fix, labelled text)."""
    missing: list[tuple[str, str]] = field(default_factory=list)
    """(check id, segment start): no finding with a fix on the artefact."""
    unlabelled_fixes: int = 0
    """Fixes offered on artefacts that have no certain repair: the reviewer must judge them."""

    @property
    def rate(self) -> float | None:
        return self.correct / self.labelled if self.labelled else None


def measure_fixes(items: Iterable[LabelledItem], style: Style = DEFAULT_STYLE) -> FixStats:
    stats = FixStats()
    for item in items:
        findings = None
        for a in item.artefacts:
            if not a.rule_visible:
                continue
            if findings is None:
                findings = run_checks(item.text, styled(item.context, style))
            fixable = [
                f
                for f in findings
                if f.check_id == a.check and overlaps(f, a) and f.fix is not None
            ]
            if a.correct is None:
                stats.unlabelled_fixes += bool(fixable)
                continue
            stats.labelled += 1
            if not fixable:
                stats.missing.append((a.check, item.text[:70]))
                continue
            fixed = apply_fix(item.text, fixable[0])
            if fixed == a.correct:
                stats.correct += 1
            else:
                stats.wrong.append((a.check, fixed, a.correct))
    return stats


def format_fixes(stats: FixStats) -> str:
    rate = "-" if stats.rate is None else f"{stats.rate:.2f}"
    lines = [
        f"fixes: {stats.correct} of {stats.labelled} labelled certain repairs give the correct "
        f"text ({rate}); {len(stats.missing)} without a fix, {len(stats.wrong)} wrong; "
        f"{stats.unlabelled_fixes} fixes offered where no repair is certain"
    ]
    lines += [f"  no fix {c}: {t!r}" for c, t in stats.missing]
    for c, fixed, correct in stats.wrong:
        lines.append(f"  wrong {c}: {fixed[:90]!r}\n     want {correct[:90]!r}")
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Measure the QA checks on labelled or plain text.")
    p.add_argument(
        "file", type=Path, nargs="?", help=".jsonl labelled segments, or a plain text file"
    )
    p.add_argument("--also", type=Path, action="append", default=[], help="more labelled .jsonl")
    p.add_argument("--clean", type=Path, help="clean English sentences, one per line")
    p.add_argument(
        "--fixes",
        action="store_true",
        help="labelled files: how often a fix gives the correct text",
    )
    p.add_argument(
        "--clean-english",
        action="store_true",
        help="plain text that has no damage: findings per 100 sentences by severity and check",
    )
    p.add_argument("--bilingual", type=Path, help="labelled (source, MT) pairs, .jsonl")
    p.add_argument("--glossary", type=Path, help="with --bilingual: the glossary .json")
    add_style_arguments(p)
    return p


def add_style_arguments(p) -> None:
    """The house style the checks follow, by the names a corpus stores (defaults: none set)."""
    p.add_argument("--quotes", choices=list(QUOTE_STYLES), default="any", help="house quotes")
    p.add_argument("--dash", choices=list(DASH_STYLES), default="em", help="house dash")
    p.add_argument(
        "--thousands",
        choices=list(THOUSANDS_SEPARATORS),
        default="comma",
        help="house thousands separator",
    )


def style_from(args: argparse.Namespace) -> Style:
    return Style.named(
        getattr(args, "quotes", "any"),
        getattr(args, "dash", "em"),
        getattr(args, "thousands", "comma"),
    )


def run(args: argparse.Namespace) -> str:
    """The report the arguments ask for: labelled precision/recall (and fixes), clean-English
    rates, finding counts, and the source-aware checks on labelled pairs (--bilingual)."""
    parts = []
    if getattr(args, "bilingual", None):
        parts.append(bilingual_report(args.bilingual, args.glossary))
    if args.file is not None:
        parts.append(_monolingual(args))
    return "\n\n".join(parts)


def _monolingual(args: argparse.Namespace) -> str:
    style = style_from(args)
    if args.file.suffix != ".jsonl":
        text = args.file.read_text(encoding="utf-8")
        if args.clean_english:
            return format_clean_rates(clean_rates(text, style=style))
        return format_counts(*count_findings(text, style=style))
    items = read_labelled(args.file) + [i for extra in args.also for i in read_labelled(extra)]
    clean = read_clean(args.clean) if args.clean else []
    out = format_report(evaluate(items, clean_sentences=clean, style=style))
    if args.fixes:
        out += "\n" + format_fixes(measure_fixes(items, style))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    print(run(parser().parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
