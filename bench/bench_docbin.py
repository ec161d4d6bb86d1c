"""spaCy DocBin on plain records (no database): the exporter beside a bare spaCy loop over the
same records (blank English tokenizer, the same doc.ents, a DocBin per shard), on the seeds and
the bilingual sample's MT replicated with varied figures, and its peak memory at two sizes.
bench_export.py measures the same exporter through the database on realistic corpora.

Run: .venv/bin/python bench/bench_docbin.py [--sizes 10000,200000] (the memory check's two sizes,
as the other benchmarks take their sizes)
"""

import multiprocessing
import re
import sys
import time
from collections import defaultdict

from django_env import ROOT, seed_paragraphs, sizes_argument

MB = 1024 * 1024
PER_DOCUMENT = 5000
DOCBIN_SPEED_SEGMENTS = 20_000
DOCBIN_MEMORY_SIZES = (10_000, 200_000)
MT_SAMPLE = ROOT / "seeds" / "wmt22-zhen-sample" / "mt.en.txt"
# Names a reviewer marks in these texts, beside what the report rules find.
NAMES = re.compile(
    r"\b(?:Ningxia Hui Autonomous Region|Ningxia|Jining|Qinghai Lake|Qinghai|Xining|Xinhua|China|"
    r"Beijing|Shandong|Ministry of Industry and Information Technology)\b"
)
FIGURE = re.compile(r"\d+")
SPAN_STATES = ("accepted", "accepted", "suggested", "needs-review")


def realistic_texts() -> list[str]:
    """The seeds' sentences and the bilingual sample's MT lines, as the importer would cut them."""
    sentences = [
        sentence.strip()
        for paragraph in seed_paragraphs()
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", paragraph)
        if sentence.strip()
    ]
    mt = [line.strip() for line in MT_SAMPLE.read_text(encoding="utf-8").split("\n")]
    return sentences + [line for line in mt if line]


def _shifted(digits: str, by: int) -> str:
    # Same width, so "4,260" stays a well-formed figure ("4,261"), not "4,1".
    return f"{(int(digits) + by) % 10 ** len(digits):0{len(digits)}d}"


def docbin_records(total: int, per_document: int = PER_DOCUMENT):
    """``total`` segment records: the real texts over and over, each copy with its figures
    changed (so the vocabulary keeps meeting new tokens, as a real corpus does), with spans from
    the report rules and the names, in every state, and the metadata iter_records gives."""
    from datetime import UTC, datetime

    from annotate.rules import find_entities
    from export.exporters import DocumentStart, SegmentRecord, SpanRecord

    texts = realistic_texts()
    updated = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    for i in range(total):
        copy, number = divmod(i, len(texts))
        document, position = divmod(i, per_document)
        if position == 0:
            yield DocumentStart(document, f"doc {document}", f"doc-{document}.txt", "")
        text = texts[number]
        if copy:
            text = FIGURE.sub(lambda m, copy=copy: _shifted(m.group(), copy), text)
        found = [(m.start, m.end, m.label) for m in find_entities(text)]
        found += [(m.start(), m.end(), "GPE") for m in NAMES.finditer(text)]
        spans = tuple(
            SpanRecord(s, e, label, text[s:e], state=SPAN_STATES[(i + k) % 4], origin="rule")
            for k, (s, e, label) in enumerate(sorted(found))
        )
        yield SegmentRecord(
            id=i + 1,
            document_id=document,
            document=f"doc-{document}.txt",
            position=(position + 1) * 10,
            paragraph=position // 5,
            text=text,
            mt_text=texts[number],
            trailing=" ",
            status=("approved", "edited", "mt")[i % 3],
            hter=0.1,
            spans=spans,
            metadata={"corpus": "bench", "updated_at": updated},
        )


def docbin_entities(records) -> list[list[tuple[int, int, str]]]:
    """Per segment, the doc.ents the exporter sets (aligned, non-overlapping), for the bare loop."""
    from export.exporters import ExportReport
    from export.exporters.checks import split_overlaps
    from export.exporters.tokens import aligned_spans, blank_english

    nlp, report = blank_english(), ExportReport()
    found = []
    for record in records:
        aligned = aligned_spans(nlp.make_doc(record.text), record, report)
        kept, _ = split_overlaps(aligned, lambda a: a.bounds)
        found.append([(a.record.start, a.record.end, a.record.label) for a in kept])
    return found


def bare_docbin(nlp, texts: list[str], entities, shard_size: int) -> int:
    """What spaCy itself needs: tokenise, set the entities, one DocBin serialised per shard."""
    from spacy.tokens import DocBin

    size, shard = 0, DocBin()
    for text, ents in zip(texts, entities, strict=True):
        doc = nlp.make_doc(text)
        doc.ents = [doc.char_span(s, e, label=label) for s, e, label in ents]
        shard.add(doc)
        if len(shard) >= shard_size:
            size += len(shard.to_bytes())
            shard = DocBin()
    return size + len(shard.to_bytes())


def redline_docbin(records) -> int:
    from export.exporters import ExportReport
    from export.exporters.spacy_docbin import SpacyDocBinShards

    report = ExportReport()
    size = sum(len(chunk) for chunk in SpacyDocBinShards().write(records, report))
    assert report.spans_skipped == 0, report.as_text()
    return size


def _docbin_child(queue, total: int) -> None:
    records = docbin_records(total)  # a generator: the records never exist all at once
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    before = _status("VmRSS")
    start = time.perf_counter()
    size = redline_docbin(records)
    queue.put((_status("VmHWM") - before, time.perf_counter() - start, size))


def docbin_peak_growth(total: int) -> tuple[float, float, int]:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_docbin_child, args=(queue, total))
    child.start()
    result = queue.get()
    child.join()
    return result


def docbin_main(segments: int = DOCBIN_SPEED_SEGMENTS, sizes=DOCBIN_MEMORY_SIZES) -> bool:
    import spacy

    from export.exporters import SegmentRecord
    from export.exporters.spacy_docbin import DEFAULT_SHARD_SIZE
    from export.exporters.tokens import blank_english

    records = [r for r in docbin_records(segments) if isinstance(r, SegmentRecord)]
    texts, entities = [r.text for r in records], docbin_entities(records)
    spans = sum(len(r.spans) for r in records)
    print(
        f"spaCy DocBin: {segments:,} segments from {len(realistic_texts())} real texts, figures varied"
        f" per copy, {spans:,} spans ({sum(map(len, entities)):,} in doc.ents)"
    )
    blank_english()  # the exporter's pipeline is built here, not inside the first timing
    bare_nlp = spacy.blank("en")
    timings = defaultdict(list)
    for _ in range(3):  # interleaved, best of three
        for name, work in (
            ("bare", lambda: bare_docbin(bare_nlp, texts, entities, DEFAULT_SHARD_SIZE)),
            ("real", lambda: redline_docbin(records)),
        ):
            start = time.perf_counter()
            work()
            timings[name].append(time.perf_counter() - start)
    best = {name: min(times) for name, times in timings.items()}
    labels = {
        "bare": "bare spaCy: make_doc, doc.ents, DocBin",
        "real": "Redline: SpacyDocBinShards (ZIP, sc, user_data)",
    }
    print("  segments/s (best of 3, interleaved):")
    for name, label in labels.items():
        print(
            f"    {label:<50}: {segments / best[name]:8,.0f}/s  ({best[name] / segments * 1e6:5.0f} µs a segment)"
        )
    ratio = best["bare"] / best["real"]
    fast = ratio >= 0.5
    print(f"    real / bare spaCy: {ratio:.2f}x (target >= 0.5x) {'PASS' if fast else 'FAIL'}")

    print("  peak RSS growth while exporting (forked child, records generated as they are read):")
    figures = []
    for total in sizes:
        growth, seconds, size = docbin_peak_growth(total)
        figures.append(growth)
        print(
            f"    {total:>8,} segments: {growth / MB:6.1f} MB peak growth, {seconds:6.1f} s, {size / MB:6.1f} MB written"
        )
    spread = abs(figures[-1] - figures[0]) / MB
    flat = spread <= 50
    print(f"    difference: {spread:.1f} MB (target <= 50 MB) {'PASS' if flat else 'FAIL'}")
    return fast and flat


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        return int(re.search(rf"{field}:\s+(\d+)", status.read()).group(1)) * 1024


if __name__ == "__main__":
    sizes = sizes_argument(",".join(map(str, DOCBIN_MEMORY_SIZES)))
    if len(sizes) != 2:
        sys.exit(f"--sizes takes the memory check's two sizes (smaller,larger), not {sizes}")
    sys.exit(0 if docbin_main(sizes=tuple(sorted(sizes))) else 1)
