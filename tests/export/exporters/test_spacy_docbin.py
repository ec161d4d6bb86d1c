"""DocBin shards proven by spaCy itself: DocBin loads them, ``spacy train`` trains on them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from export.exporters import ExportReport, Reason, SegmentRecord
from export.exporters import tokens as tokens_module
from export.exporters.checks import split_overlaps
from export.exporters.spacy_docbin import (
    SPAN_KEY,
    USER_DATA_KEY,
    SpacyDocBinShards,
    segment_user_data,
    shard_name,
)
from export.exporters.tokens import aligned_spans, blank_english

from .conftest import ORG, run, segment, segments, unzip

NESTED = f"Reply of the {ORG} on 45.080 billion yuan."


def load_docs(data: bytes):
    docs = []
    for name, shard in sorted(unzip(data).items()):
        assert name.endswith(".spacy")
        docs.extend(DocBin().from_bytes(shard).get_docs(Vocab()))
    return docs


def test_shards_hold_every_segment_in_order(seed_records):
    data, report = run(SpacyDocBinShards(shard_size=100), seed_records)
    names = sorted(unzip(data))
    assert names == [shard_name(0), shard_name(1), shard_name(2)]  # 237 segments
    docs = load_docs(data)
    originals = segments(seed_records)
    assert [d.text for d in docs] == [s.text for s in originals]
    assert [d.user_data["redline"]["id"] for d in docs] == [s.id for s in originals]
    assert report.segments == 237


def test_entities_spans_and_user_data_round_trip(seed_records):
    data, report = run(SpacyDocBinShards(), seed_records)
    for doc, source in zip(load_docs(data), segments(seed_records), strict=True):
        expected = {(s.start, s.end, s.label) for s in source.spans}
        sc = {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]}
        ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        not_in_ents = {
            (p.start, p.end, p.label) for p in report.problems if p.segment_id == source.id
        }
        assert sc == expected  # every seed span aligns with spaCy's tokens
        assert ents == expected - not_in_ents
        meta = doc.user_data["redline"]
        assert (meta["document"], meta["status"], meta["mt_text"]) == (
            source.document,
            source.status,
            source.mt_text,
        )
        assert meta["metadata"] == {"corpus": "Seeds", "updated_at": "2024-05-01T12:00:00+00:00"}
    assert {p.reason for p in report.problems} == {Reason.OVERLAP_ENTS}
    assert report.spans_skipped == 0  # overlapping spans stay in doc.spans["sc"]


def test_nested_spans_keep_the_longest_in_ents_and_report_the_rest():
    org, gpe = NESTED.index(ORG), NESTED.index("Ningxia Hui Autonomous Region")
    seg = segment(
        NESTED, (org, org + len(ORG), "ORG"), (gpe, gpe + 29, "GPE"), (gpe, gpe + 7, "GPE"), id=3
    )
    data, report = run(SpacyDocBinShards(), [seg])
    [doc] = load_docs(data)
    assert [(e.start_char, e.label_) for e in doc.ents] == [(org, "ORG")]
    assert len(doc.spans["sc"]) == 3
    assert [(p.start, p.end, p.skipped, p.reason) for p in report.problems] == [
        (gpe, gpe + 7, False, Reason.OVERLAP_ENTS),
        (gpe, gpe + 29, False, Reason.OVERLAP_ENTS),
    ]
    assert f"overlaps ORG {org}..{org + len(ORG)}" in report.problems[0].detail
    assert report.spans_written == 3


def test_segments_without_spans_are_annotated_as_outside():
    # Exported segments count as fully annotated: "no entity here" is training signal.
    [doc] = load_docs(run(SpacyDocBinShards(), [segment("The office is located in our hall.")])[0])
    assert doc.has_annotation("ENT_IOB") and {t.ent_iob_ for t in doc} == {"O"}
    assert list(doc.spans["sc"]) == []


def test_glossary_links_ride_along_in_user_data():
    from export.exporters import SpanRecord

    term = "specialized, refined, distinctive and innovative"
    text = f"Cultivate {term} enterprises."
    at = text.index(term)
    seg = segment(
        text, SpanRecord(at, at + len(term), "TERM", term, term_id=4, term=term, origin="glossary")
    )
    [doc] = load_docs(run(SpacyDocBinShards(), [seg])[0])
    # msgpack gives lists back as tuples.
    assert list(doc.user_data["redline"]["spans"]) == [
        {
            "start": at,
            "end": at + len(term),
            "label": "TERM",
            "term_id": 4,
            "term": term,
            "state": "accepted",
            "origin": "glossary",
        }
    ]


def spacy_shard(records) -> bytes:
    """The shard as spaCy's own DocBin.add writes it: spans in doc.spans, data in user_data."""
    nlp, report, shard = spacy.blank("en"), ExportReport(), DocBin(store_user_data=True)
    for record in records:
        if isinstance(record, SegmentRecord):
            doc = nlp.make_doc(record.text)
            spans = aligned_spans(doc, record, report)
            doc.ents = [a.span for a in split_overlaps(spans, lambda a: a.bounds)[0]]
            doc.spans[SPAN_KEY] = [a.span for a in spans]
            doc.user_data[USER_DATA_KEY] = segment_user_data(record, spans)
            shard.add(doc)
    return shard.to_bytes()


def test_shards_are_byte_for_byte_what_docbin_add_writes(seed_records):
    # The exporter packs doc.spans and user_data itself (DocBin.add's packing costs ~3 ms a Doc);
    # equal bytes prove that spaCy's readers see nothing different. Should a spaCy upgrade change
    # its span group layout, this fails before any consumer does.
    data, _ = run(SpacyDocBinShards(), seed_records)
    [shard] = unzip(data).values()
    assert shard == spacy_shard(seed_records)


def test_a_grown_shared_vocabulary_is_replaced(monkeypatch):
    # A spaCy vocabulary keeps every string it saw: a worker exporting varied corpora would grow
    # without end, so the shared tokenizer is replaced past MAX_VOCAB_STRINGS.
    first = blank_english()
    limit = len(first.vocab.strings) + 50
    monkeypatch.setattr(tokens_module, "MAX_VOCAB_STRINGS", limit)
    records = [segment(f"Output rose to {n * 7919} units in zone Q{n}.", id=n) for n in range(60)]
    data, report = run(SpacyDocBinShards(shard_size=25), records)
    assert report.segments == 60 and len(load_docs(data)) == 60
    # Each segment brings a few new strings (the figure, "Q7", their lower case and shape), some
    # 250 in all; the first pipeline took one segment past the limit and no more.
    assert limit < len(first.vocab.strings) <= limit + 10
    assert blank_english() is not first


def test_an_empty_export_is_one_empty_shard():
    data, report = run(SpacyDocBinShards(), [])
    assert list(unzip(data)) == [shard_name(0)] and load_docs(data) == []
    assert report.segments == 0


def test_shards_load_from_disk(tmp_path, seed_records):
    data, _ = run(SpacyDocBinShards(shard_size=200), seed_records)
    for name, shard in unzip(data).items():
        (tmp_path / name).write_bytes(shard)
    total = sum(len(DocBin().from_disk(path)) for path in sorted(tmp_path.glob("*.spacy")))
    assert total == 237


# The smallest config `spacy train` accepts for a blank English NER; spaCy fills in the rest
# (optimizer, score weights...) from its defaults. Tiny widths keep 20 steps to a few seconds.
TRAIN_CONFIG = textwrap.dedent(
    """
    [paths]
    train = null
    dev = null

    [system]
    seed = 0
    gpu_allocator = null

    [nlp]
    lang = "en"
    pipeline = ["ner"]
    batch_size = 64

    [components]

    [components.ner]
    factory = "ner"

    [components.ner.model]
    @architectures = "spacy.TransitionBasedParser.v2"
    state_type = "ner"
    extra_state_tokens = false
    hidden_width = 8
    maxout_pieces = 2
    use_upper = true
    nO = null

    [components.ner.model.tok2vec]
    @architectures = "spacy.HashEmbedCNN.v2"
    pretrained_vectors = null
    width = 16
    depth = 1
    embed_size = 500
    window_size = 1
    maxout_pieces = 2
    subword_features = false

    [corpora]

    [corpora.train]
    @readers = "spacy.Corpus.v1"
    path = ${paths.train}

    [corpora.dev]
    @readers = "spacy.Corpus.v1"
    path = ${paths.dev}

    [training]
    seed = ${system.seed}
    gpu_allocator = ${system.gpu_allocator}
    max_steps = 20
    eval_frequency = 10
    max_epochs = 0
    patience = 0

    [training.batcher]
    @batchers = "spacy.batch_by_words.v1"
    size = 500
    tolerance = 0.2
    discard_oversize = false
    """
)


def test_spacy_train_runs_on_the_extracted_shards(tmp_path, seed_records):
    data, _ = run(SpacyDocBinShards(shard_size=80), seed_records)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, shard in unzip(data).items():
        (corpus / name).write_bytes(shard)
    config = tmp_path / "config.cfg"
    config.write_text(TRAIN_CONFIG, encoding="utf-8")
    command = [
        sys.executable, "-m", "spacy", "train", str(config),
        "--paths.train", str(corpus), "--paths.dev", str(corpus), "--output", str(tmp_path / "model"),
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=180, env=_single_thread_env()
        )
    except subprocess.TimeoutExpired:  # pragma: no cover - a hang is a failure, not a skip
        pytest.fail("spacy train did not finish in 180 s")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "ENTS_F" in done.stdout  # the evaluation on our entities ran
    # The NER learnt its label set from our doc.ents, so the entities reached training.
    trained = spacy.load(tmp_path / "model" / "model-last")
    assert {"ORG", "GPE", "MONEY", "PERCENT"} <= set(trained.get_pipe("ner").labels)


def _single_thread_env():
    import os

    return {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
