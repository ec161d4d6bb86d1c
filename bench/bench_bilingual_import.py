"""Bilingual import throughput and memory: an XLIFF 1.2 file of N units, in the same run,
(1) parsed by translate-toolkit alone (its store built and every unit's source and target read),
(2) parsed by Redline's importer alone (parse_uploads: units with their inline codes), and
(3) imported whole through the services an upload uses: parse_files (parse, duplicate check),
stage_import (the staged units written) and run_import_batch (what the task worker runs: the
document and its segments written in one transaction, counters, statistics).

Each measurement runs in a child process forked from a clean parent, so it has its own peak
memory: the growth of the resident set (VmHWM, reset through /proc/self/clear_refs) over what
the child started with. Times are the best of --repeat runs (the machine is shared); the CPU
seconds beside them are the child's own, which other people's load inflates less.

Targets (issue 10): the whole import at >= 0.5x translate-toolkit's throughput (at most twice
its time), its peak memory within 200 MB of translate-toolkit's.
Run: .venv/bin/python bench/bench_bilingual_import.py [--units 100000] [--repeat 3]
"""

import argparse
import json
import os
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


def toolkit_parse(data: bytes, units: int) -> None:
    from translate.storage import xliff

    store = xliff.xlifffile(data)
    parsed = [(unit.source, unit.target) for unit in store.units]
    assert len(parsed) == units


def redline_parse(data: bytes, units: int) -> None:
    from corpus.importers import ImportLimits, parse_uploads

    limits = ImportLimits(max_file_bytes=len(data) + 1, max_upload_bytes=len(data) + 1)
    records, refusals = parse_uploads([("bench.xlf", data)], limits, bilingual=True)
    assert not refusals and len(records[0].units) == units, refusals[:1]


def redline_import(data: bytes, units: int) -> None:
    from corpus.models import Corpus, Document
    from corpus.services.imports import parse_files, run_import_batch, stage_import

    corpus = Corpus.objects.create(name=f"bench {time.time()}")
    texts, refusals = parse_files(corpus, [("bench.xlf", data)])
    assert not refusals, refusals[:1]
    batch = stage_import(corpus, None, texts)
    del texts  # the upload's request ends here; the worker is another process
    run_import_batch(batch.pk)  # what the worker runs for the task stage_import enqueued
    document = Document.objects.get(corpus=corpus)
    assert document.segment_count == units == document.segments.count()


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def measured(job, data: bytes, units: int) -> dict:
    """Run ``job`` in a forked child: wall and CPU seconds, and its peak resident growth."""
    from django.db import connections

    connections.close_all()  # the child opens its own connection
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
            start_rss = _rss_kb("VmRSS")
            cpu, wall = time.process_time(), time.perf_counter()
            job(data, units)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            peak = (_rss_kb("VmHWM") - start_rss) / 1024
            result = {"wall": wall, "cpu": cpu, "peak_mb": peak}
        except BaseException as error:  # reported by the parent
            result = {"error": repr(error)}
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        result = json.loads(pipe.read() or '{"error": "no result"}')
    os.waitpid(pid, 0)
    if "error" in result:
        raise RuntimeError(f"{job.__name__}: {result['error']}")
    return result


def main(units: int, repeat: int) -> float:
    setup()
    from django.conf import settings

    data = xliff_of(units)
    # The upload limits (5 MB by default) are settings; the benchmark measures past them.
    settings.REDLINE_IMPORT_MAX_FILE_BYTES = len(data) + 1
    settings.REDLINE_IMPORT_MAX_UPLOAD_BYTES = len(data) + 1
    jobs = (toolkit_parse, redline_parse, redline_import)
    runs: dict = {job: [] for job in jobs}
    for _ in range(repeat):  # interleaved, so a burst of load hits all three alike
        for job in jobs:
            runs[job].append(measured(job, data, units))
    best = {job: min(r["wall"] for r in results) for job, results in runs.items()}
    cpu = {job: min(r["cpu"] for r in results) for job, results in runs.items()}
    peak = {job: max(r["peak_mb"] for r in results) for job, results in runs.items()}
    raw = best[toolkit_parse]
    print(
        f"bilingual import: {units:,} XLIFF 1.2 units, {len(data) / 1e6:.1f} MB, best of {repeat}"
    )
    print(f"  {'':38} {'wall s':>7} {'cpu s':>7} {'throughput':>10} {'peak MB':>8}")
    labels = {
        toolkit_parse: "translate-toolkit parse alone",
        redline_parse: "Redline parse alone",
        redline_import: "Redline whole import (upload services)",
    }
    for job in jobs:
        print(
            f"  {labels[job]:38} {best[job]:7.2f} {cpu[job]:7.2f} "
            f"{raw / best[job]:9.2f}x {peak[job]:8.0f}"
        )
    ratio = raw / best[redline_import]
    extra = peak[redline_import] - peak[toolkit_parse]
    print(f"  whole import throughput: {ratio:.2f}x translate-toolkit's (target >= 0.50)")
    # On a shared machine the wall times swing with other people's load; CPU seconds less so.
    cpu_ratio = cpu[toolkit_parse] / cpu[redline_import]
    print(f"  whole import by CPU seconds: {cpu_ratio:.2f}x translate-toolkit's")
    print(f"  whole import peak memory: {extra:+.0f} MB beside translate-toolkit's (target <= 200)")
    return ratio


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("units", nargs="?", type=int, default=None, help="same as --units")
    parser.add_argument("--units", dest="units_option", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    main(arguments.units or arguments.units_option, arguments.repeat)
