"""Precision and recall of the source-aware checks on hand-labelled (source, MT) pairs.

A labelled row (tests/annotate/qa/bilingual_labelled.jsonl) is ``{"doc", "source", "mt",
"expect": [check ids that should fire], "fixed": {check id: the target after the certain fix}}``.
Judged per pair: a check that fires on a pair whose labels name it is a true positive. Fixes are
judged apart: a labelled fix is right when applying the check's fixes gives exactly that text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..base import Check, CheckContext, apply_fixes
from ..registry import run_checks
from . import BILINGUAL_CHECKS
from .ratio import length_ratio_stats


@dataclass
class PairStats:
    check_id: str
    severity: str
    fired: int = 0
    true_positives: int = 0
    labelled: int = 0
    fixes_expected: int = 0
    fixes_right: int = 0
    fixes_offered_unasked: int = 0

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.fired if self.fired else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.labelled if self.labelled else None


@dataclass(frozen=True)
class Glossary:
    source_terms: Mapping[str, tuple[str, ...]]
    forbidden: Mapping[str, str]

    @classmethod
    def read(cls, path: Path | None) -> Glossary:
        if path is None:
            return cls({}, {})
        data = json.loads(path.read_text(encoding="utf-8"))
        terms = {k: tuple(v) for k, v in data.get("source_terms", {}).items()}
        return cls(terms, dict(data.get("forbidden", {})))


def read_pairs(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def evaluate_pairs(
    rows: Iterable[Mapping],
    glossary: Glossary = Glossary({}, {}),
    checks: Sequence[Check] = BILINGUAL_CHECKS,
) -> dict[str, PairStats]:
    """Per check: pairs fired, true positives, labelled pairs, and how its fixes fared."""
    rows = list(rows)
    by_doc: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        by_doc[row.get("doc", "")].append(row)
    stats = {c.id: PairStats(c.id, c.severity.value) for c in checks}
    for doc_rows in by_doc.values():
        ratio_stats = length_ratio_stats((r["source"], r["mt"]) for r in doc_rows)
        for row in doc_rows:
            target = row["mt"]
            ctx = CheckContext(
                mt_text=target,
                source=row["source"],
                length_ratio_stats=ratio_stats,
                source_terms=glossary.source_terms,
                forbidden=glossary.forbidden,
            )
            findings = run_checks(target, ctx)
            expected = set(row.get("expect", ()))
            fixed = row.get("fixed", {})
            for check_id, s in stats.items():
                own = [f for f in findings if f.check_id == check_id]
                s.labelled += check_id in expected
                s.fired += bool(own)
                s.true_positives += bool(own) and check_id in expected
                offered = any(f.fix is not None for f in own)
                if check_id in fixed:
                    s.fixes_expected += 1
                    s.fixes_right += offered and apply_fixes(target, own) == fixed[check_id]
                elif offered:
                    s.fixes_offered_unasked += 1
    return stats


def _ratio(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def format_pair_stats(stats: Mapping[str, PairStats], pairs: int) -> str:
    head = (
        f"{'check':<22}{'severity':<9}{'fired':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>7}"
        f"{'recall':>8}{'fixes right':>13}{'unasked':>9}"
    )
    lines = [head, "-" * len(head)]
    for s in stats.values():
        lines.append(
            f"{s.check_id:<22}{s.severity:<9}{s.fired:>6}{s.true_positives:>5}"
            f"{s.fired - s.true_positives:>5}{s.labelled - s.true_positives:>5}"
            f"{_ratio(s.precision):>7}{_ratio(s.recall):>8}"
            f"{f'{s.fixes_right}/{s.fixes_expected}':>13}{s.fixes_offered_unasked:>9}"
        )
    fired = sum(s.fired for s in stats.values())
    tp = sum(s.true_positives for s in stats.values())
    labelled = sum(s.labelled for s in stats.values())
    lines.append("-" * len(head))
    lines.append(
        f"{pairs} labelled pairs; all source-aware checks: precision "
        f"{_ratio(tp / fired if fired else None).strip()}, recall "
        f"{_ratio(tp / labelled if labelled else None).strip()} (per pair and check)"
    )
    return "\n".join(lines)


def bilingual_report(path: Path, glossary: Path | None = None) -> str:
    rows = read_pairs(path)
    return format_pair_stats(evaluate_pairs(rows, Glossary.read(glossary)), len(rows))
