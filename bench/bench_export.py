"""Export speed and memory: 100,000 segments with spans through the real path, beside the bare limit.

Speed target: Redline JSONL through the real path (iter_records + the exporter) at >= 0.5x the
bare limit measured in the same run: the same rows read with one values_list query (segments
LEFT JOIN spans) and written with orjson. A stricter bare variant, two values_list queries
(spans, then segments) with no per-row joins, is printed beside it for information.
Memory target: the export's peak RSS growth at 10,000 and at 100,000 segments within 50 MB of
each other, for JSONL and for spaCy DocBin shards. Each measurement runs in a forked child that
resets its peak (/proc/self/clear_refs), so earlier work does not count.

spaCy DocBin on plain records (no database; docbin_speed.py, run from here): the exporter at
>= 0.5x a bare spaCy loop over the same records (blank English tokenizer, the same doc.ents, a
DocBin serialised per shard), on the seeds and the bilingual sample's MT replicated with varied
figures to 20,000 segments with spans; and its peak RSS growth at 10,000 and 200,000 segments.
Run: .venv/bin/python bench/bench_export.py [segments] [--docbin-only] [--docbin-max N]
"""

import multiprocessing
import re
import sys
import time
from collections import defaultdict

from django_env import ROOT, setup

SENTENCE = "In the first half of 2023, the operating income of Jining was {n}.5 billion yuan, up 25.7% year on year."
PER_DOCUMENT = 5000
MB = 1024 * 1024


def build(total: int):
    from annotate.models import Label, Span
    from corpus.models import Corpus, Document, Segment

    corpus = Corpus.objects.create(name=f"bench export {time.time()}")
    labels = {
        key: Label.objects.create(corpus=corpus, key=key, name=key)
        for key in ("GPE", "MONEY", "PERCENT")
    }
    documents = [
        Document.objects.create(
            corpus=corpus,
            title=f"doc {d}",
            original_name=f"doc-{d}.txt",
            sha256=f"{d:064d}",
            raw_text="",
            encoding="utf-8",
        )
        for d in range(-(-total // PER_DOCUMENT))
    ]
    for document in documents:
        count = min(PER_DOCUMENT, total - (documents.index(document) * PER_DOCUMENT))
        texts = [SENTENCE.format(n=n) for n in range(count)]
        segments = Segment.objects.bulk_create(
            (
                Segment(
                    document=document,
                    position=(i + 1) * Segment.POSITION_STEP,
                    paragraph=i // 5,
                    mt_text=t,
                    text=t,
                    trailing=" ",
                )
                for i, t in enumerate(texts)
            ),
            batch_size=2500,
        )
        spans = []
        for segment in segments:
            text = segment.text
            for key, surface in (
                ("GPE", "Jining"),
                ("MONEY", text[text.index(" was ") + 5 : text.index(" yuan") + 5]),
                ("PERCENT", "25.7%"),
            ):
                start = text.index(surface)
                spans.append(
                    Span(
                        segment=segment,
                        start=start,
                        end=start + len(surface),
                        text=surface,
                        label=labels[key],
                    )
                )
        Span.objects.bulk_create(spans, batch_size=2500)
    return corpus, documents


def real_path(corpus, documents=()) -> int:
    from export.exporters import ExportReport
    from export.exporters.jsonl import RedlineJsonl
    from export.services.selection import iter_records

    report = ExportReport()
    size = sum(
        len(chunk)
        for chunk in RedlineJsonl().write(iter_records(corpus, documents=documents), report)
    )
    assert report.ok, report.as_text()
    return size


SEGMENT_COLUMNS = (
    "id",
    "document_id",
    "document__original_name",
    "position",
    "paragraph",
    "text",
    "mt_text",
    "trailing",
    "status",
    "hter",
    "updated_at",
)
SPAN_COLUMNS = ("start", "end", "label__key", "text", "state", "origin")


def _line(row, spans) -> dict:
    sid, did, name, position, paragraph, text, mt_text, trailing, status, hter, updated = row
    return {
        "id": sid,
        "document_id": did,
        "document": name,
        "position": position,
        "paragraph": paragraph,
        "text": text,
        "mt_text": mt_text,
        "trailing": trailing,
        "status": status,
        "hter": hter,
        "spans": spans,
        "metadata": {"updated_at": updated},
    }


def bare_joined(corpus) -> int:
    """One values_list query, segments LEFT JOIN spans, grouped by segment as rows stream in."""
    import orjson

    from corpus.models import Segment

    columns = SEGMENT_COLUMNS + tuple(f"spans__{c}" for c in SPAN_COLUMNS)
    rows = (
        Segment.objects.filter(document__corpus=corpus)
        .order_by("document_id", "position", "spans__start")
        .values_list(*columns)
    )
    size, current, spans, head = 0, None, [], None
    for row in rows.iterator(chunk_size=2000):
        if row[0] != current:
            if head is not None:
                size += len(orjson.dumps(_line(head, spans), option=orjson.OPT_APPEND_NEWLINE))
            current, head, spans = row[0], row[:11], []
        if row[11] is not None:
            spans.append(dict(zip(SPAN_COLUMNS, row[11:], strict=False)))
    if head is not None:
        size += len(orjson.dumps(_line(head, spans), option=orjson.OPT_APPEND_NEWLINE))
    return size


def bare_beside(corpus) -> int:
    """The spans in one values_list query, then the segments in another, written with orjson."""
    import orjson

    from annotate.models import Span
    from corpus.models import Segment

    spans = defaultdict(list)
    for row in (
        Span.objects.filter(segment__document__corpus=corpus)
        .values_list("segment_id", *SPAN_COLUMNS)
        .iterator(chunk_size=2000)
    ):
        spans[row[0]].append(dict(zip(SPAN_COLUMNS, row[1:], strict=False)))
    rows = (
        Segment.objects.filter(document__corpus=corpus)
        .order_by("document_id", "position")
        .values_list(*SEGMENT_COLUMNS)
    )
    return sum(
        len(orjson.dumps(_line(row, spans.get(row[0], [])), option=orjson.OPT_APPEND_NEWLINE))
        for row in rows.iterator(chunk_size=2000)
    )


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        return int(re.search(rf"{field}:\s+(\d+)", status.read()).group(1)) * 1024


def _measure_child(queue, format_id, corpus_pk, document_ids) -> None:
    from corpus.models import Corpus
    from export.services.run import ExportRun
    from export.services.selection import Selection

    corpus = Corpus.objects.get(pk=corpus_pk)
    run = ExportRun(corpus, format_id, Selection(documents=tuple(document_ids)))
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # reset the peak RSS to the current RSS
    before = _status("VmRSS")
    start = time.perf_counter()
    size = sum(len(chunk) for chunk in run.data())
    queue.put((_status("VmHWM") - before, time.perf_counter() - start, size, run.report.segments))


def peak_growth(format_id: str, corpus, documents) -> tuple[float, float, int, int]:
    """(peak RSS growth in bytes, seconds, bytes written, segments) of one export, in a forked child."""
    from django.db import connections

    connections.close_all()  # the child opens its own connection
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(
        target=_measure_child, args=(queue, format_id, corpus.pk, [d.pk for d in documents])
    )
    child.start()
    result = queue.get()
    child.join()
    return result


def main(total: int = 100_000) -> None:
    setup()
    from export.exporters.tokens import blank_english

    blank_english()  # load spaCy before forking, so the children measure the export alone
    start = time.perf_counter()
    corpus, documents = build(total)
    print(
        f"export benchmark: {total:,} segments, 3 spans each, {len(documents)} documents (built in {time.perf_counter() - start:.0f} s)"
    )

    timings = defaultdict(list)
    sizes = {}
    for _ in range(3):  # interleaved, best of three, so a noisy neighbour slows all alike
        for name, work in (
            ("real", lambda: real_path(corpus)),
            ("bare joined", lambda: bare_joined(corpus)),
            ("bare beside", lambda: bare_beside(corpus)),
        ):
            start = time.perf_counter()
            sizes[name] = work()
            timings[name].append(time.perf_counter() - start)
    best = {name: min(times) for name, times in timings.items()}
    ratio = best["bare joined"] / best["real"]
    print("  Redline JSONL, segments/s (best of 3):")
    labels = {
        "bare joined": "bare: one values_list query + orjson",
        "bare beside": "bare: two values_list queries + orjson",
        "real": "Redline: iter_records + RedlineJsonl",
    }
    for name, label in labels.items():
        print(
            f"    {label:<40}: {total / best[name]:9,.0f}/s  ({best[name]:.2f} s, {sizes[name] / MB:.1f} MB)"
        )
    print(
        f"    real / bare limit (one query): {ratio:.2f}x (target >= 0.5x) {'PASS' if ratio >= 0.5 else 'FAIL'}"
    )
    print(
        f"    real / two-query bare        : {best['bare beside'] / best['real']:.2f}x (information)"
    )

    small = documents[: max(1, 10_000 // PER_DOCUMENT)]
    print("  peak RSS growth while exporting (forked child, peak reset before the export):")
    ok = True
    for format_id, large in (("redline-jsonl", documents), ("spacy-docbin", documents)):
        figures = [peak_growth(format_id, corpus, chosen) for chosen in (small, large)]
        for growth, seconds, size, segments in figures:
            print(
                f"    {format_id:<14} {segments:>7,} segments: {growth / MB:6.1f} MB peak growth, {seconds:6.1f} s, {size / MB:6.1f} MB written"
            )
        spread = abs(figures[1][0] - figures[0][0]) / MB
        ok &= spread <= 50
        print(
            f"    {format_id:<14} difference: {spread:.1f} MB (target <= 50 MB) {'PASS' if spread <= 50 else 'FAIL'}"
        )
    print(f"  memory: {'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:] if not a.startswith("--")]
    if "--docbin-only" not in sys.argv:
        main(arguments[0] if arguments else 100_000)
    else:
        sys.path.insert(0, str(ROOT))  # the pure exporters need no Django, only the app's packages
    from docbin_speed import DOCBIN_MEMORY_SIZES, docbin_main

    largest = arguments[1] if len(arguments) > 1 else DOCBIN_MEMORY_SIZES[-1]
    docbin_main(sizes=(DOCBIN_MEMORY_SIZES[0], largest))
