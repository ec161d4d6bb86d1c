"""Bilingual import throughput: an XLIFF 1.2 file of N units through Redline's whole import
(parse, units staged as the worker gets them, segments written in one transaction) beside
translate-toolkit parsing the same file alone, in the same run.

Target (issue 10): Redline at >= 0.5x translate-toolkit's throughput (at most twice its time).
Run: .venv/bin/python bench/bench_bilingual_import.py [units]
"""

import sys
import time
from pathlib import Path

from django_env import setup

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "wmt22-zhen-sample"


def xliff_of(units: int) -> bytes:
    from corpus.importers.placeholders import escape_xml

    sources = (SAMPLE / "source.zh.txt").read_text(encoding="utf-8").splitlines()
    targets = (SAMPLE / "mt.en.txt").read_text(encoding="utf-8").splitlines()
    rows = []
    for i in range(units):
        source, target = (
            escape_xml(sources[i % len(sources)]),
            escape_xml(targets[i % len(targets)]),
        )
        rows.append(
            f'<trans-unit id="u{i}"><source><x id="1"/>{source}</source>'
            f'<target state="translated"><x id="1"/>{target}</target></trans-unit>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
        'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="bench" '
        'source-language="zh" target-language="en" datatype="plaintext"><body>'
        + "".join(rows)
        + "</body></file></xliff>"
    ).encode("utf-8")


def main(units: int = 20_000) -> float:
    setup()
    from translate.storage import xliff

    from corpus.importers import ImportLimits, parse_uploads
    from corpus.models import Corpus
    from corpus.services.imports import import_parsed

    data = xliff_of(units)
    corpus = Corpus.objects.create(name=f"bench {time.time()}")
    start = time.perf_counter()
    store = xliff.xlifffile(data)
    parsed = [(u.source, u.target) for u in store.units]
    raw = time.perf_counter() - start
    assert len(parsed) == units
    del store, parsed
    start = time.perf_counter()
    # The upload limit (5 MB by default) is a setting; the benchmark measures past it.
    limits = ImportLimits(max_file_bytes=len(data) + 1, max_upload_bytes=len(data) + 1)
    records, refusals = parse_uploads([("bench.xlf", data)], limits, bilingual=True)
    assert not refusals, refusals[:1]
    document = import_parsed(corpus, records[0])
    ours = time.perf_counter() - start
    assert not refusals and document.segments.count() == units
    ratio = raw / ours
    print(f"bilingual import: {units:,} XLIFF 1.2 units, {len(data) / 1e6:.1f} MB")
    print(f"  translate-toolkit parse alone : {raw:6.2f} s")
    print(f"  Redline import (parse + write): {ours:6.2f} s")
    print(f"  ratio                         : {ratio:.2f}x (target >= 0.50)")
    return ratio


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
