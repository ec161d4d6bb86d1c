"""Import throughput (words/s) beside raw spaCy nlp.pipe on the same realistic texts.

The texts are bench/realistic.py's documents (the seeds and the bilingual sample's MT, shuffled
and varied), 2,000 segments each, adding up to each size. Target: Redline's import (segmentation
+ database writes, one transaction per document) at >= 0.8x the bare spaCy pass, interleaved
document by document so a noisy neighbour slows both alike.
Run: .venv/bin/python bench/bench_import.py [--sizes 10000,100000,200000]
"""

import hashlib
import time

import realistic
from django_env import setup, sizes_argument


def run(size: int, base) -> float:
    from corpus import nlp
    from corpus.models import Corpus
    from corpus.services.imports import import_text

    documents = realistic.document_texts(base, size)
    words = sum(len(d.split()) for d in documents)
    pipeline = nlp.segmenter()
    corpus = Corpus.objects.create(name=f"bench import {size} {time.time()}")
    raw_seconds = ours_seconds = 0.0
    for i, document in enumerate(documents):
        start = time.perf_counter()
        list(pipeline.pipe(document.split("\n"), batch_size=32))
        raw_seconds += time.perf_counter() - start
        start = time.perf_counter()
        digest = hashlib.sha256(document.encode()).hexdigest()
        import_text(corpus, f"copy-{i}.txt", document, "utf-8", digest)
        ours_seconds += time.perf_counter() - start
    ratio = raw_seconds / ours_seconds
    print(
        f"  size {size:,}: {len(documents)} documents, {words:,} words: raw spaCy nlp.pipe "
        f"{words / raw_seconds:9,.0f} words/s, Redline import {words / ours_seconds:9,.0f} "
        f"words/s: {ratio:.2f}x (target >= 0.8x) {'PASS' if ratio >= 0.8 else 'FAIL'}"
    )
    return ratio


def main() -> None:
    setup()
    from corpus import nlp
    from corpus.models import Corpus

    sizes = sizes_argument()
    pipeline = nlp.segmenter()
    list(pipeline.pipe(["Warm up the pipeline.", "Outside the timings."]))
    print(f"import: pipeline {pipeline.meta.get('name', '?')} {pipeline.pipe_names}, sizes {sizes}")
    base = realistic.build_base(Corpus.objects.create(name=f"bench import base {time.time()}"))
    ratios = {size: run(size, base) for size in sizes}
    if len(sizes) > 1:
        print(
            f"  growth {sizes[0]:,} -> {sizes[-1]:,}: {ratios[sizes[0]]:.2f}x -> {ratios[sizes[-1]]:.2f}x"
        )
    print(f"  import: {'PASS' if all(r >= 0.8 for r in ratios.values()) else 'FAIL'}")


if __name__ == "__main__":
    main()
