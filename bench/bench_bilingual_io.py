"""XLIFF import parse time beside translate-toolkit parsing the same file alone, and peak memory.

The file: 100,000 trans-units cycled from the WMT22 sample, one in five with inline codes
(<g>, <x/>, <ph>, <bpt>/<ept>) and one in ten with a note. Three timings per side, interleaved so
a noisy neighbour slows both alike; the best of each is compared.

- translate-toolkit alone: ``xlifffile.parsestring`` (and, second baseline, reading every
  unit's id, source and target, which any consumer of the parse does).
- Redline: ``XliffImporter.parse`` (the DOCTYPE check, translate-toolkit's parse, placeholders,
  notes, states, records).

Target: ours at most ~1.5x the parse alone, so database writes fit in the issue's 2x. Peak memory
is each side's maximum resident set in a fresh child process (lxml allocates outside Python's
tracemalloc). Run: .venv/bin/python bench/bench_bilingual_io.py [units]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.importers.base import ImportLimits, ImportOptions  # noqa: E402
from corpus.importers.placeholders import escape_xml  # noqa: E402
from corpus.importers.xliff import XliffImporter  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "data" / "wmt22-zhen-sample"
LIMITS = ImportLimits(max_file_bytes=1 << 30, max_upload_bytes=1 << 30)


def build(units: int) -> bytes:
    sources = (SAMPLE / "source.zh.txt").read_text(encoding="utf-8").splitlines()
    targets = (SAMPLE / "mt.en.txt").read_text(encoding="utf-8").splitlines()
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="bench.txt" source-language="zh" target-language="en" '
        'datatype="plaintext"><body>\n'
    ]
    for n in range(units):
        source, target = (
            escape_xml(sources[n % len(sources)]),
            escape_xml(targets[n % len(targets)]),
        )
        if n % 5 == 0:
            codes = '<g id="1">{}</g><x id="2"/><ph id="3">{{0}}</ph><bpt id="4">&lt;b&gt;</bpt>'
            source = codes.format(source) + '。<ept id="4">&lt;/b&gt;</ept>'
            target = codes.format(target) + '.<ept id="4">&lt;/b&gt;</ept>'
        note = f"<note>checked {n}</note>" if n % 10 == 0 else ""
        parts.append(
            f'<trans-unit id="u{n}"><source>{source}</source>'
            f'<target state="needs-review-translation">{target}</target>{note}</trans-unit>\n'
        )
    parts.append("</body></file></xliff>\n")
    return "".join(parts).encode("utf-8")


def tt_parse(data: bytes) -> int:
    from translate.storage import xliff

    return len(xliff.xlifffile.parsestring(data).units)


def tt_parse_and_read(data: bytes) -> int:
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(data)
    return sum(len(u.getid()) + len(u.source) + len(u.target or "") for u in store.units) and len(
        store.units
    )


def ours(data: bytes) -> int:
    options = ImportOptions(bilingual=True)
    [record] = XliffImporter.parse("bench.xlf", data, LIMITS, options)
    return len(record.units)


SIDES = {"tt-parse": tt_parse, "tt-parse+read": tt_parse_and_read, "redline": ours}


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def child(side: str, units: int) -> None:
    data = build(units)
    # Reset the high-water mark so building the file does not count (Linux clear_refs "5").
    Path("/proc/self/clear_refs").write_text("5")
    before = _rss_kib("VmRSS:")
    SIDES[side](data)
    print(max(_rss_kib("VmHWM:") - before, 0))


def peak_kib(side: str, units: int) -> int:
    done = subprocess.run(
        [sys.executable, __file__, "--child", side, str(units)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return int(done.stdout.strip())


def main(units: int = 100_000, rounds: int = 3) -> float:
    data = build(units)
    best = dict.fromkeys(SIDES, float("inf"))
    for _ in range(rounds):
        for side, run in SIDES.items():
            start = time.perf_counter()
            assert run(data) == units
            best[side] = min(best[side], time.perf_counter() - start)
    print(f"XLIFF 1.2 import: {units:,} units, {len(data) / 1e6:.1f} MB, best of {rounds}")
    for side, seconds in best.items():
        print(f"  {side:15s}: {seconds:6.2f} s  ({units / seconds:10,.0f} units/s)")
    ratio = best["redline"] / best["tt-parse"]
    print(
        f"  ratio to the parse alone      : {ratio:.2f}x (target <= 1.5) {'PASS' if ratio <= 1.5 else 'FAIL'}"
    )
    print(f"  ratio to parse + read units   : {best['redline'] / best['tt-parse+read']:.2f}x")
    peaks = {side: peak_kib(side, units) for side in ("tt-parse", "redline")}
    extra = (peaks["redline"] - peaks["tt-parse"]) / 1024
    print(
        f"  peak memory (RSS growth)      : translate-toolkit {peaks['tt-parse'] / 1024:.0f} MB, "
        f"Redline {peaks['redline'] / 1024:.0f} MB (+{extra:.0f} MB; target within 200 MB)"
    )
    return ratio


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
