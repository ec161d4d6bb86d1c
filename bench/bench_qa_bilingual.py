"""All QA checks (target-only and source-aware) per bilingual segment, beside a bare regex pass.

Target: < 1 ms mean per segment. Segments are the 195 WMT22 pairs of the labelled fixture
(tests/annotate/qa/bilingual_labelled.jsonl), with the document's length-ratio distribution
and the hand-written glossary in the context as the review screen would pass them, repeated to
about 20,000. Run: .venv/bin/python bench/bench_qa_bilingual.py [n]
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotate.qa import CHECKS, CheckContext, run_checks  # noqa: E402
from annotate.qa.bilingual import BILINGUAL_CHECKS, length_ratio_stats  # noqa: E402
from annotate.qa.registry import clear_caches  # noqa: E402

FIXTURES = ROOT / "tests" / "annotate" / "qa"
TARGET_US = 1000.0
BASELINE = re.compile(r"\d+|[\u4e00-\u9fff]+")


def pairs() -> list[tuple[str, str, CheckContext]]:
    rows = [
        json.loads(line)
        for line in (FIXTURES / "bilingual_labelled.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    glossary = json.loads((FIXTURES / "bilingual_glossary.json").read_text(encoding="utf-8"))
    terms = {k: tuple(v) for k, v in glossary["source_terms"].items()}
    stats = length_ratio_stats((r["source"], r["mt"]) for r in rows)
    return [
        (
            r["source"],
            r["mt"],
            CheckContext(
                mt_text=r["mt"],
                source=r["source"],
                length_ratio_stats=stats,
                source_terms=terms,
                forbidden=glossary["forbidden"],
            ),
        )
        for r in rows
    ]


def main(target_segments: int = 20_000) -> float:
    corpus = pairs()
    passes = max(1, round(target_segments / len(corpus)))
    total = passes * len(corpus)
    for _, target, ctx in corpus[:50]:
        run_checks(target, ctx)
    ours = bare = target_only = 0.0
    findings = hits = 0
    monolingual = [(t, CheckContext(mt_text=t)) for _, t, _ in corpus]
    # Interleaved pass by pass so a noisy neighbour slows every side alike.
    for _ in range(passes):
        clear_caches()
        start = time.perf_counter()
        for _, target, ctx in corpus:
            findings += len(run_checks(target, ctx))
        ours += time.perf_counter() - start

        start = time.perf_counter()
        for source, target, _ in corpus:
            hits += sum(1 for _ in BASELINE.finditer(source)) + sum(
                1 for _ in BASELINE.finditer(target)
            )
        bare += time.perf_counter() - start

        clear_caches()
        start = time.perf_counter()
        for target, ctx in monolingual:
            run_checks(target, ctx)
        target_only += time.perf_counter() - start

    per_check = {}
    for check in BILINGUAL_CHECKS:
        start = time.perf_counter()
        for _, target, ctx in corpus:
            list(check.find(target, ctx))
        per_check[check.id] = (time.perf_counter() - start) / len(corpus) * 1e6

    ours_us, bare_us, mono_us = (s / total * 1e6 for s in (ours, bare, target_only))
    print(
        f"qa checks, bilingual: {len(CHECKS)} checks ({len(BILINGUAL_CHECKS)} source-aware), "
        f"{total:,} segments ({len(corpus)} WMT22 pairs x {passes})"
    )
    print(f"  bare regex over source+target : {bare_us:8.2f} µs/segment")
    print(
        f"  run_checks, with the source   : {ours_us:8.2f} µs/segment ({findings // passes} findings per pass)"
    )
    print(f"  run_checks, target only       : {mono_us:8.2f} µs/segment")
    print(f"  ratio                         : {ours_us / bare_us:8.1f}x the bare regex pass")
    verdict = "PASS" if ours_us < TARGET_US else "FAIL"
    print(f"  target                        : < {TARGET_US:.0f} µs/segment {verdict}")
    slowest = sorted(per_check.items(), key=lambda kv: -kv[1])
    print("  source-aware (µs/segment): " + ", ".join(f"{k} {v:.1f}" for k, v in slowest))
    return ours_us


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
