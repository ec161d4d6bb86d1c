"""Import throughput (words/s) beside raw spaCy nlp.pipe on the same text with the same pipeline.

Target: Redline's import (segmentation + database writes, one transaction per document) runs at
>= 0.8x the bare spaCy pass. Run: .venv/bin/python bench/bench_import.py [copies]
"""

import hashlib
import sys
import time

from django_env import seed_paragraphs, setup


def main(copies: int = 40) -> float:
    setup()
    from corpus import nlp
    from corpus.models import Corpus
    from corpus.services.imports import import_text

    paragraphs = seed_paragraphs()
    documents = ["\n".join(paragraphs) + f"\nCopy {i} of the seeds." for i in range(copies)]
    words = sum(len(d.split()) for d in documents)
    pipeline = nlp.segmenter()
    list(pipeline.pipe(paragraphs[:5]))  # load and warm up outside the timings

    # Interleaved, document by document, so a noisy neighbour slows both sides alike.
    corpus = Corpus.objects.create(name=f"bench {time.time()}")
    raw_seconds = ours_seconds = 0.0
    for i, document in enumerate(documents):
        start = time.perf_counter()
        list(pipeline.pipe(document.split("\n"), batch_size=32))
        raw_seconds += time.perf_counter() - start
        start = time.perf_counter()
        import_text(
            corpus,
            f"copy-{i}.txt",
            document,
            "utf-8",
            hashlib.sha256(document.encode()).hexdigest(),
        )
        ours_seconds += time.perf_counter() - start
    raw, ours = words / raw_seconds, words / ours_seconds

    ratio = ours / raw
    print(
        f"import: pipeline {pipeline.meta.get('name', '?')} {pipeline.pipe_names}, {copies} documents, {words:,} words"
    )
    print(f"  raw spaCy nlp.pipe : {raw:10,.0f} words/s")
    print(f"  Redline import     : {ours:10,.0f} words/s")
    print(
        f"  ratio              : {ratio:.2f}x (target >= 0.80) {'PASS' if ratio >= 0.8 else 'FAIL'}"
    )
    return ratio


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
