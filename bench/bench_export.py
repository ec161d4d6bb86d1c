"""Export on realistic corpora (bench/realistic.py): JSONL and spaCy DocBin beside their bare limits.

JSONL, straight after the corpus is written (no ANALYZE, as after an import): the real path
(iter_records + RedlineJsonl) against the bare limit in the same run: the same fields (spans with
their glossary term, the summed editing time) read with values_list and written with orjson,
either in one query (segments LEFT JOIN the exported spans) or in two (spans, then segments);
the faster of the two is the limit. Target >= 0.6x, on SQLite and on PostgreSQL (DATABASE_URL).
DocBin: the real export (ExportRun, ZIP of shards) against a bare spaCy loop over the same rows:
tokenise, set the same entities, serialise a DocBin per 5,000 docs. Target >= 0.5x; peak RSS
growth of the whole-corpus export (forked child, peak reset first) flat from the smallest to the
largest size (within 50 MB).
The whole-corpus DocBin export runs when estimated (from one ordinary document) to take under
--docbin-budget seconds (300 by default); otherwise its speed comes from that document alone.
Run: .venv/bin/python bench/bench_export.py [--sizes 10000,100000,200000] [--docbin-budget 3600]
"""

import multiprocessing
import re
import sys
import time
from collections import defaultdict

import realistic
from django_env import setup, sizes_argument

MB = 1024 * 1024
SHARD = 5000
BUDGET_FLAG = "--docbin-budget"
DOCBIN_BUDGET = int(sys.argv[sys.argv.index(BUDGET_FLAG) + 1]) if BUDGET_FLAG in sys.argv else 300


def real_path(corpus, documents=()) -> int:
    from export.exporters import ExportReport
    from export.exporters.jsonl import RedlineJsonl
    from export.services.selection import iter_records

    report = ExportReport()
    size = sum(
        len(chunk)
        for chunk in RedlineJsonl().write(
            iter_records(corpus, documents=documents, effort=RedlineJsonl.carries_effort), report
        )
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
# What the export writes of a span, its linked glossary term included (a LEFT JOIN).
SPAN_COLUMNS = (
    "start",
    "end",
    "label__key",
    "text",
    "term_id",
    "term__preferred",
    "state",
    "origin",
)


def _edit_times(corpus) -> dict[int, int]:
    """Each segment's revisions' editing time summed, in one grouped query read into a dict: the
    export writes it on every line, so the bare limit reads it too. (A correlated subquery in the
    segment query was the other way; PostgreSQL plans it badly before ANALYZE, which would make
    the limit slower than the export.)"""
    from django.db.models import Sum

    from corpus.models import Revision

    rows = (
        Revision.objects.filter(segment__document__corpus=corpus, edit_time_ms__isnull=False)
        .order_by()
        .values("segment_id")
        .annotate(total=Sum("edit_time_ms"))
        .values_list("segment_id", "total")
    )
    return dict(rows.iterator(chunk_size=2000))


def _line(row, spans, corpus, edit_times) -> dict:
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
        "metadata": {"corpus": corpus.name, "updated_at": updated},
        "edit_time_ms": edit_times.get(sid),
    }


def _line_size(row, spans, corpus, edit_times) -> int:
    import orjson

    line = _line(row, spans, corpus, edit_times)
    return len(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))


def bare_joined(corpus) -> int:
    """One values_list query, segments LEFT JOIN spans, grouped by segment as rows stream in (and
    the editing times, read first)."""
    from django.db.models import FilteredRelation, Q

    from corpus.models import Segment
    from export.services.selection import DEFAULT_SPAN_STATES

    # The spans the export writes by default (accepted ones), joined on the same condition.
    columns = SEGMENT_COLUMNS + tuple(f"chosen__{c}" for c in SPAN_COLUMNS)
    chosen = FilteredRelation("spans", condition=Q(spans__state__in=DEFAULT_SPAN_STATES))
    rows = (
        Segment.objects.filter(document__corpus=corpus)
        .annotate(chosen=chosen)
        .order_by("document_id", "position", "chosen__start")
        .values_list(*columns)
    )
    edit_times = _edit_times(corpus)
    size, current, spans, head = 0, None, [], None
    for row in rows.iterator(chunk_size=2000):
        if row[0] != current:
            if head is not None:
                size += _line_size(head, spans, corpus, edit_times)
            current, head, spans = row[0], row[:11], []
        if row[11] is not None:
            spans.append(dict(zip(SPAN_COLUMNS, row[11:], strict=False)))
    if head is not None:
        size += _line_size(head, spans, corpus, edit_times)
    return size


def bare_beside(corpus) -> int:
    """The spans in one values_list query, then the segments in another (and the editing times
    first), written with orjson."""

    from annotate.models import Span
    from corpus.models import Segment
    from export.services.selection import DEFAULT_SPAN_STATES

    edit_times = _edit_times(corpus)
    spans = defaultdict(list)
    for row in (
        Span.objects.filter(segment__document__corpus=corpus, state__in=DEFAULT_SPAN_STATES)
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
        _line_size(row, spans.get(row[0], []), corpus, edit_times)
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


def bare_docbin(corpus) -> int:
    """Tokenise, set the exported entities, serialise a DocBin per SHARD docs: spaCy alone."""
    from django.db.models import FilteredRelation, Q
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    from corpus.models import Segment
    from export.exporters.tokens import blank_english
    from export.services.selection import DEFAULT_SPAN_STATES

    nlp = blank_english()
    chosen = FilteredRelation("spans", condition=Q(spans__state__in=DEFAULT_SPAN_STATES))
    rows = (
        Segment.objects.filter(document__corpus=corpus)
        .annotate(chosen=chosen)
        .order_by("document_id", "position", "chosen__start")
        .values_list("pk", "text", "chosen__start", "chosen__end", "chosen__label__key")
    )
    # No user_data: the bare limit is spaCy's own speed; the exporter's per-segment record in
    # user_data is the cost the target asks it to bring down (issue 16, item 6).
    size, docs, current, text, spans = 0, DocBin(), None, None, []

    def add() -> None:
        doc = nlp.make_doc(text)
        found = [doc.char_span(s, e, label=k, alignment_mode="contract") for s, e, k in spans]
        doc.ents = filter_spans([span for span in found if span is not None])
        docs.add(doc)

    for pk, row_text, start, end, key in rows.iterator(chunk_size=2000):
        if pk != current:
            if current is not None:
                add()
                if len(docs) >= SHARD:
                    size += len(docs.to_bytes())
                    docs = DocBin()
            current, text, spans = pk, row_text, []
        if start is not None:
            spans.append((start, end, key))
    if current is not None:
        add()
    return size + len(docs.to_bytes())


def with_effort(corpus) -> int:
    """A revision with a measured editing time for every third segment, as a team's post-editing
    leaves them, so the export's per-batch sum of edit_time_ms has rows to add up."""
    from corpus.models import Revision, Segment

    rows = Segment.objects.filter(document__corpus=corpus).values_list("id", "text", "version")
    revisions = [
        Revision(
            segment_id=pk,
            action=Revision.Action.EDIT,
            before=text,
            after=text,
            status=Segment.Status.EDITED,
            version=version,
            edit_time_ms=pk % 90_000,
        )
        for n, (pk, text, version) in enumerate(rows.iterator(chunk_size=2000))
        if n % 3 == 0
    ]
    Revision.objects.bulk_create(revisions, batch_size=2000)
    # A team's revisions arrive one edit at a time over weeks, and autovacuum analyses the table
    # meanwhile; this bulk insert is the benchmark's shortcut, so it analyses them as autovacuum
    # would have (the CI database runs without autovacuum). The import's own tables stay as the
    # import left them.
    try:
        from corpus.db import refresh_statistics
    except ImportError:  # a tree from before it (the before half of a before/after run)
        return len(revisions)
    refresh_statistics(Revision)
    return len(revisions)


def run(size: int) -> dict:
    from django.db import connection

    built = realistic.build(size)
    timed = with_effort(built.corpus)
    segments = sum(d.segments.count() for d in built.documents)
    print(
        f"\n  size {size:,}: {realistic.describe(built)}, {timed:,} timed revisions ({connection.vendor})"
    )
    timings = defaultdict(list)
    for _ in range(5):  # interleaved, so a noisy neighbour slows both alike; the first is cold
        for name, work in (
            ("real", lambda: real_path(built.corpus)),
            ("bare", lambda: bare_joined(built.corpus)),
            ("bare beside", lambda: bare_beside(built.corpus)),
        ):
            start = time.perf_counter()
            work()
            timings[name].append(time.perf_counter() - start)
    # The limit is the faster of the two bare readings in each round: one joined query, or the
    # spans and the segments in two.
    limit = [
        min(joined, beside)
        for joined, beside in zip(timings["bare"], timings["bare beside"], strict=True)
    ]
    first = limit[0] / timings["real"][0]
    best = min(limit) / min(timings["real"])
    ok = first >= 0.6 and best >= 0.6
    print(
        f"    JSONL real {segments / min(timings['real']):9,.0f} seg/s, bare query+orjson "
        f"{segments / min(timings['bare']):9,.0f} seg/s joined, "
        f"{segments / min(timings['bare beside']):9,.0f} seg/s in two queries; against the faster: "
        f"first run after the build {first:.2f}x, best {best:.2f}x (target >= 0.6x) "
        f"{'PASS' if ok else 'FAIL'}"
    )
    start = time.perf_counter()
    bare_docbin(built.corpus)
    bare = time.perf_counter() - start
    # The real export of one ordinary document first: at today's 2-4 ms a segment the whole
    # corpus would take most of an hour at 200k, so it runs only within DOCBIN_BUDGET seconds.
    small, sample, _, sampled = peak_growth("spacy-docbin", built.corpus, built.documents[1:2])
    estimate = sample / sampled * segments
    if estimate <= DOCBIN_BUDGET:
        growth, seconds, _, exported = peak_growth("spacy-docbin", built.corpus, built.documents)
    else:
        growth, seconds, exported = None, sample, sampled
    ratio = (bare / segments) / (seconds / exported)
    measured = (
        f"peak RSS growth {small / MB:.1f} MB for {sampled:,} segments, "
        f"{growth / MB:.1f} MB for all {exported:,}"
        if growth is not None
        else f"whole corpus skipped (about {estimate:.0f} s > {DOCBIN_BUDGET} s budget; "
        f"--docbin-budget raises it), speed from {exported:,} segments"
    )
    print(
        f"    DocBin real {exported / seconds:7,.0f} seg/s, bare spaCy loop "
        f"{segments / bare:7,.0f} seg/s ({bare:.1f} s): {ratio:.2f}x (target >= 0.5x) "
        f"{'PASS' if ratio >= 0.5 else 'FAIL'}; {measured}"
    )
    return {
        "jsonl first": first,
        "jsonl best": best,
        "docbin": ratio,
        "peak": growth,
        "small peak": small,
        "ok": ok and ratio >= 0.5,
    }


def main() -> None:
    setup()
    from django.db import connection

    from export.exporters.tokens import blank_english

    blank_english()  # load spaCy before forking, so the children measure the export alone
    # Imported now, as a running server has them: the first JSONL run after the build paid their
    # import (about 0.1 s, a third of a 10k export) and the bare limit, run after it, did not.
    import export.exporters.jsonl
    import export.services.selection  # noqa: F401

    sizes = sizes_argument()
    print(f"export: JSONL and DocBin on {connection.vendor}, sizes {sizes}")
    figures = {size: run(size) for size in sizes}
    # Flat, as the issue asks: the whole-corpus export's peak growth at the smallest size against
    # the largest (a 500-segment document's figure is printed beside, for scale: spaCy's vocab
    # and string store grow with the first few thousand distinct words, then stop).
    peaks = {size: f["peak"] / MB for size, f in figures.items() if f["peak"] is not None}
    smallest = min(f["small peak"] for f in figures.values()) / MB
    low, high = (peaks[min(peaks)], peaks[max(peaks)]) if peaks else (0.0, 0.0)
    flat = len(peaks) == len(sizes) and high - low <= 50
    print(
        f"  DocBin peak RSS growth of the whole corpus: {low:.1f} MB at the smallest size, "
        f"{high:.1f} MB at the largest measured ({smallest:.1f} MB for one document); measured "
        f"at {len(peaks)} of {len(sizes)} sizes (target within 50 MB) {'PASS' if flat else 'FAIL'}"
    )
    if len(sizes) > 1:
        low, high = figures[sizes[0]], figures[sizes[-1]]
        print(f"  growth {sizes[0]:,} -> {sizes[-1]:,} segments:")
        for name in ("jsonl first", "jsonl best", "docbin"):
            print(f"    {name:<12}: {low[name]:.2f}x -> {high[name]:.2f}x of bare")
    ok = flat and all(f["ok"] for f in figures.values())
    print(f"  export: {'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    main()
