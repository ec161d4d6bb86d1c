"""Pre-annotation throughput beside raw spaCy nlp.pipe (same pipeline), and span remapping per edit
beside the bare rapidfuzz Indel.opcodes call.

Targets: pre-annotation >= 0.8x raw nlp.pipe; remapping <= 3x the opcodes call.
Run: .venv/bin/python bench/bench_annotate.py
"""

import random
import time

from django_env import seed_paragraphs, setup


def bench_preannotation(copies: int = 3) -> None:
    from annotate.models import Label
    from annotate.services import preannotate
    from corpus import nlp
    from corpus.models import Corpus, Segment
    from corpus.services.imports import import_text

    corpus = Corpus.objects.create(name=f"bench annotate {time.time()}")
    for key in preannotate.SPACY_LABELS.values():
        Label.objects.get_or_create(corpus=corpus, key=key, defaults={"name": key})
    text = "\n".join(seed_paragraphs())
    for i in range(copies):
        import_text(corpus, f"c{i}.txt", text + f"\nCopy {i}.", "utf-8", f"{i:064d}")
    texts = list(Segment.objects.filter(document__corpus=corpus).values_list("text", flat=True))
    words = sum(len(t.split()) for t in texts)
    pipeline = nlp.entity_pipeline()
    if pipeline is None:
        print("pre-annotation: no NER pipeline installed (blank:en); skipped")
        return
    list(pipeline.pipe(texts[:20]))

    start = time.perf_counter()
    list(pipeline.pipe(texts, batch_size=32))
    raw = time.perf_counter() - start
    job = preannotate.start_job(corpus, None, None)
    start = time.perf_counter()
    preannotate.run_job(job.pk)
    ours = time.perf_counter() - start
    ratio = raw / ours
    print(
        f"pre-annotation: {len(texts):,} segments, {words:,} words, pipeline {pipeline.pipe_names}"
    )
    print(f"  raw spaCy nlp.pipe : {words / raw:10,.0f} words/s")
    print(f"  Redline (NER + rules + dedupe + writes): {words / ours:10,.0f} words/s")
    print(
        f"  ratio              : {ratio:.2f}x (target >= 0.80) {'PASS' if ratio >= 0.8 else 'FAIL'}"
    )


def bench_remap(rounds: int = 20_000) -> None:
    from rapidfuzz.distance import Indel

    from corpus.text.offsets import remap_spans

    rng = random.Random(7)
    sentences = [p for p in seed_paragraphs() if 80 < len(p) < 400][:50]
    cases = []
    for old in sentences:
        cut = rng.randrange(len(old) // 2)
        new = old[:cut] + " revised" + old[cut + 3 :]
        spans = [(i, i + 10) for i in range(len(old) // 3, len(old) - 10, len(old) // 4)][:3]
        cases.append((old, new, spans))

    def timed(fn) -> float:
        start = time.perf_counter()
        for i in range(rounds):
            fn(*cases[i % len(cases)])
        return (time.perf_counter() - start) / rounds

    bare = timed(lambda old, new, spans: Indel.opcodes(old, new))
    ours = timed(remap_spans)
    ratio = ours / bare
    print(f"span remapping: {len(cases)} seed sentences, 3 spans each, one edit")
    print(f"  bare Indel.opcodes : {bare * 1e6:7.2f} µs")
    print(f"  remap_spans        : {ours * 1e6:7.2f} µs")
    print(f"  ratio              : {ratio:.2f}x (target <= 3.0) {'PASS' if ratio <= 3 else 'FAIL'}")


if __name__ == "__main__":
    setup()
    bench_preannotation()
    bench_remap()
