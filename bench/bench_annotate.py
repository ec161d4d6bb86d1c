"""Pre-annotation throughput beside raw spaCy nlp.pipe (same pipeline), and span remapping per edit
beside the bare rapidfuzz Indel.opcodes call.

Targets: pre-annotation >= 0.8x raw nlp.pipe; remapping <= 3x the opcodes call.
Run: .venv/bin/python bench/bench_annotate.py
"""

import random
import re
import time
from collections import Counter

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


# Sentences, not paragraphs: a segment is one sentence, and remapping runs on a segment's text.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_WORD = re.compile(r"\S+")
_EDIT_KINDS = (
    "fix word",
    "insert word",
    "delete word",
    "punctuation",
    "fix in span",
    "delete span",
)


def _seed_sentences() -> list[str]:
    sentences = (s for p in seed_paragraphs() for s in _SENTENCE_END.split(p))
    return [s for s in sentences if 40 <= len(s) <= 400]


def _edit(rng: random.Random, kind: str, old: str, spans, vocabulary) -> str:
    words = [(m.start(), m.end()) for m in _WORD.finditer(old)]
    if kind in ("fix in span", "delete span"):
        start, end = rng.choice(spans)
        if kind == "delete span":
            return old[:start] + old[end:].removeprefix(" ")
        words = [(a, b) for a, b in words if start <= a and b <= end]
    a, b = rng.choice(words)
    if kind in ("fix word", "fix in span"):
        word = old[a:b].rstrip(",.;:")
        return old[:a] + rng.choice([w for w in vocabulary if w != word]) + old[a + len(word) :]
    if kind == "insert word":
        return old[:a] + rng.choice(vocabulary) + " " + old[a:]
    if kind == "delete word":
        return old[:a] + old[b:].removeprefix(" ")
    if "," in old[a:b]:  # punctuation: a comma becomes a semicolon, or one is added
        return old[:a] + old[a:b].replace(",", ";", 1) + old[b:]
    return old[:b] + "," + old[b:]


def remap_workload(seed: int = 7) -> list[tuple[str, str, str, list[tuple[int, int]]]]:
    """Post-edits of seed sentences: ``(kind, old, new, spans)``, every kind on every sentence.

    Up to three spans per sentence (overlapping picks are dropped), one to three words each,
    where named entities and terms lie. The first four kinds edit anywhere in the sentence, so
    they reach a span only by chance; the last two always change a span (TOUCHED or DELETED).
    """
    rng = random.Random(seed)
    sentences = _seed_sentences()
    vocabulary = sorted({w.strip(',.;:()“”"') for s in sentences for w in s.split()} - {""})
    cases = []
    for old in sentences:
        words = [(m.start(), m.end()) for m in _WORD.finditer(old)]
        picks = sorted(rng.sample(range(len(words) - 3), 3))
        spans = []
        for pick in picks:
            if spans and words[pick][0] < spans[-1][1]:
                continue  # overlaps the previous span
            last = min(pick + rng.randrange(3), len(words) - 1)
            spans.append((words[pick][0], words[last][1]))
        for kind in _EDIT_KINDS:
            cases.append((kind, old, _edit(rng, kind, old, spans, vocabulary), spans))
    return cases


def time_remap(remap, cases, rounds: int = 40, number: int = 2) -> tuple[float, float]:
    """Best per-edit seconds of the bare ``Indel.opcodes`` call and of ``remap``, same pairs.

    Both run in the same loop shape, rounds interleaved and short, timed in this process's CPU
    time (the machine is shared: time spent waiting for a core is not the code's), and the
    loop's own cost (measured on an empty body) is taken off both.
    """
    from rapidfuzz.distance import Indel

    opcodes = Indel.opcodes
    pairs = [(old, new, spans) for _kind, old, new, spans in cases] * number
    bare = ours = empty = float("inf")
    for _ in range(rounds):
        began = time.process_time()
        for _old, _new, _spans in pairs:
            pass
        empty = min(empty, time.process_time() - began)
        began = time.process_time()
        for old, new, _spans in pairs:
            opcodes(old, new)
        bare = min(bare, time.process_time() - began)
        began = time.process_time()
        for old, new, spans in pairs:
            remap(old, new, spans)
        ours = min(ours, time.process_time() - began)
    return (bare - empty) / len(pairs), (ours - empty) / len(pairs)


def bench_remap() -> None:
    from rapidfuzz.distance import Postfix, Prefix

    from corpus.text.offsets import Remapped, SpanState, remap_spans

    INTACT = SpanState.INTACT

    cases = remap_workload()
    states = Counter(r.state.value for _k, o, n, s in cases for r in remap_spans(o, n, s))
    spans = sum(len(s) for *_rest, s in cases)
    bare, ours = time_remap(remap_spans, cases)
    ratio = ours / bare
    print(
        f"span remapping: {len(cases) // len(_EDIT_KINDS)} seed sentences x {len(_EDIT_KINDS)}"
        f" edits ({', '.join(_EDIT_KINDS)}), {spans / len(cases):.1f} spans each"
    )
    print("  span states after the edits: " + ", ".join(f"{n} {s}" for s, n in states.items()))
    for kind in _EDIT_KINDS:
        one_kind = [case for case in cases if case[0] == kind]
        kind_bare, kind_ours = time_remap(remap_spans, one_kind, rounds=20)
        print(
            f"  {kind:12s}: {kind_bare * 1e6:5.2f} µs bare, {kind_ours * 1e6:5.2f} µs remap,"
            f" {kind_ours / kind_bare:.2f}x"
        )
    print(f"  bare Indel.opcodes : {bare * 1e6:7.2f} µs per edit")
    print(f"  remap_spans        : {ours * 1e6:7.2f} µs per edit")
    # Where the time goes: two costs every edit pays whatever the algorithm, each timed alone in
    # a call of its own (so each includes a call's overhead, and they do not add up).
    prefix, postfix, new_tuple, intact = (
        Prefix.similarity,
        Postfix.similarity,
        tuple.__new__,
        INTACT,
    )
    _bare, ends = time_remap(lambda old, new, _spans: (prefix(old, new), postfix(old, new)), cases)
    _bare, results = time_remap(
        lambda _old, _new, spans: [new_tuple(Remapped, (s, e, intact)) for s, e in spans], cases
    )
    print(f"  floors, each alone : Prefix+Postfix calls {ends / bare:.2f}x,", end=" ")
    print(f"building the Remapped results {results / bare:.2f}x")
    print(f"  ratio              : {ratio:.2f}x (target <= 3.0) {'PASS' if ratio <= 3 else 'FAIL'}")


if __name__ == "__main__":
    setup()
    bench_preannotation()
    bench_remap()
