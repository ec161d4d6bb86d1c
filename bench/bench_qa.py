"""QA checks per segment (µs) beside a bare compiled-regex pass over the same segments.

Target: all checks together stay under 300 µs per segment on average. Segments are the seed
sentences as the import cuts them (the labelled fixture), each with its paragraph and its
neighbours across paragraph breaks, as the review screen passes them; they are repeated to about
20,000. Times are this process's CPU time (the machine is shared, so wall time measures the
neighbours too); both sides of the ratio are measured the same way, interleaved.
Run: .venv/bin/python bench/bench_qa.py [n]
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
from annotate.qa.registry import clear_caches  # noqa: E402
from annotate.qa.report import split_sentences  # noqa: E402

FIXTURES = ROOT / "tests" / "annotate" / "qa"
TARGET_US = 300.0
BASELINE = re.compile(r"[a-z][A-Z]")


def seed_segments() -> list[tuple[str, CheckContext]]:
    rows = []
    for name in ("seed_artefacts.jsonl", "seed_clean_segments.jsonl"):
        path = FIXTURES / name
        if path.exists():
            rows += [
                json.loads(line)
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
    if rows:
        return [
            _segment(r["text"], r.get("paragraph", r["text"]), r.get("paragraph_offset", 0), r)
            for r in rows
        ]
    segments = []  # no fixture: cut the seeds with the report's simple splitter
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            segments += [
                _segment(paragraph[a:b], paragraph, a) for a, b in split_sentences(paragraph)
            ]
    return segments


def _segment(
    text: str, paragraph: str, offset: int, row: dict | None = None
) -> tuple[str, CheckContext]:
    # An untouched segment: its MT text is its text, so numbers-changed stays quiet.
    row = row or {}
    return text, CheckContext(
        mt_text=text,
        paragraph=paragraph,
        paragraph_offset=offset,
        previous=row.get("previous"),
        next=row.get("next"),
    )


def main(target_segments: int = 20_000) -> float:
    corpus = seed_segments()
    passes = max(1, round(target_segments / len(corpus)))
    total = passes * len(corpus)
    chars = passes * sum(len(t) for t, _ in corpus)
    for text, ctx in corpus[:50]:  # warm up outside the timings
        run_checks(text, ctx)

    ours = bare = no_context = 0.0
    findings = hits = 0
    empty = CheckContext()
    # Pass by pass, interleaved, so a noisy neighbour slows both sides alike. The paragraph
    # cache is cleared each pass: every paragraph is analysed once per pass, as in review.
    for _ in range(passes):
        clear_caches()
        start = time.process_time()
        for text, ctx in corpus:
            findings += len(run_checks(text, ctx))
        ours += time.process_time() - start

        start = time.process_time()
        for text, _ctx in corpus:
            hits += sum(1 for _ in BASELINE.finditer(text))
        bare += time.process_time() - start

        start = time.process_time()
        for text, _ctx in corpus:
            run_checks(text, empty)
        no_context += time.process_time() - start

    per_check = {}
    for check in CHECKS:
        clear_caches()
        start = time.process_time()
        for text, ctx in corpus:
            list(check.find(text, ctx))
        per_check[check.id] = (time.process_time() - start) / len(corpus) * 1e6

    ours_us, bare_us, no_ctx_us = (seconds / total * 1e6 for seconds in (ours, bare, no_context))
    print(
        f"qa checks: {len(CHECKS)} checks, {total:,} segments "
        f"({len(corpus)} seed sentences x {passes}), avg {chars / total:.0f} chars"
    )
    print(f"  bare regex [a-z][A-Z] : {bare_us:8.2f} µs/segment")
    print(
        f"  run_checks (paragraph): {ours_us:8.2f} µs/segment ({findings // passes} findings per pass)"
    )
    print(f"  run_checks (no context): {no_ctx_us:7.2f} µs/segment")
    print(f"  ratio                 : {ours_us / bare_us:8.1f}x the bare regex pass")
    print(
        f"  target                : < {TARGET_US:.0f} µs/segment {'PASS' if ours_us < TARGET_US else 'FAIL'}"
    )
    slowest = sorted(per_check.items(), key=lambda kv: -kv[1])
    print("  per check (µs/segment): " + ", ".join(f"{k} {v:.1f}" for k, v in slowest))
    return ours_us


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
