"""Offsets are code points end to end: emoji and CJK Extension B before a span change nothing."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from export.exporters import ExportReport, SpanRecord
from export.exporters.jsonl import DoccanoJsonl, RedlineJsonl
from export.exporters.prodigy import ProdigyJsonl
from export.exporters.spacy_docbin import SpacyDocBinShards

from .conftest import lines, run, segment, unzip

# U+1F680 and U+1F44D U+1F3FD are astral emoji (two UTF-16 units each); U+20000/U+20001 are CJK
# Extension B. A UTF-16 offset would be off by 8 at the first span.
TEXT = "🚀 𠀀𠀁 👍🏽 Ningxia reached 45.080 billion yuan, up 25.7%."
SPANS = [("Ningxia", "GPE"), ("45.080 billion yuan", "MONEY"), ("25.7%", "PERCENT")]


def astral_segment():
    return segment(TEXT, *[(TEXT.index(s), TEXT.index(s) + len(s), label) for s, label in SPANS])


def test_code_point_offsets_differ_from_utf16_here():
    at = TEXT.index("Ningxia")
    assert len(TEXT[:at].encode("utf-16-le")) // 2 == at + 5


def test_json_consumers_in_python_get_the_same_offsets():
    for exporter, key in ((RedlineJsonl, "spans"), (DoccanoJsonl, "label")):
        [line] = [json.loads(line) for line in lines(run(exporter(), [astral_segment()])[0])]
        assert line["text"] == TEXT
        items = line[key]
        bounds = [(i["start"], i["end"]) if isinstance(i, dict) else (i[0], i[1]) for i in items]
        assert [TEXT[s:e] for s, e in bounds] == [surface for surface, _ in SPANS]


def test_prodigy_tokens_and_spans_use_code_points():
    [task] = [json.loads(line) for line in lines(run(ProdigyJsonl(), [astral_segment()])[0])]
    for token in task["tokens"]:
        assert TEXT[token["start"] : token["end"]] == token["text"]
    assert [TEXT[s["start"] : s["end"]] for s in task["spans"]] == [surface for surface, _ in SPANS]


def test_spacy_char_offsets_survive_the_docbin():
    data, report = run(SpacyDocBinShards(), [astral_segment()])
    [shard] = unzip(data).values()
    [doc] = DocBin().from_bytes(shard).get_docs(Vocab())
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (TEXT.index(s), TEXT.index(s) + len(s), label) for s, label in SPANS
    ]
    assert not report.problems


WORDS = st.sampled_from(
    [
        "Ningxia",
        "𠀀𠀁",
        "🚀",
        "👍🏽",
        "e\u0301te",
        "25.7%",
        "yuan",
        "Jining's",
        "\u3000",
        "\u2028",
        "45.080",
    ]
)


@st.composite
def segments_with_spans(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    gaps = draw(
        st.lists(st.sampled_from([" ", "  ", "\t", ""]), min_size=len(words), max_size=len(words))
    )
    text, starts = "", []
    for word, gap in zip(words, gaps, strict=True):
        starts.append(len(text))
        text += word + gap
    picked = draw(st.lists(st.integers(0, len(words) - 1), max_size=4, unique=True))
    spans = [SpanRecord(starts[i], starts[i] + len(words[i]), "X", words[i]) for i in picked]
    return segment(text, *spans)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(segments_with_spans())
def test_every_span_round_trips_or_is_reported(seg):
    for exporter in (RedlineJsonl(), ProdigyJsonl(), SpacyDocBinShards()):
        report = ExportReport()
        data = b"".join(exporter.write([seg], report))
        assert report.spans_written + report.spans_skipped == len(seg.spans)
        if isinstance(exporter, RedlineJsonl):
            [line] = [json.loads(x) for x in lines(data)]
            assert [(s["start"], s["end"]) for s in line["spans"]] == sorted(
                (s.start, s.end) for s in seg.spans
            )
        elif isinstance(exporter, SpacyDocBinShards):
            [doc] = DocBin().from_bytes(next(iter(unzip(data).values()))).get_docs(Vocab())
            written = {(s.start_char, s.end_char) for s in doc.spans["sc"]}
            reported = {(p.start, p.end) for p in report.problems if p.skipped}
            assert written | reported == {(s.start, s.end) for s in seg.spans}
            assert all(doc.text[a:b] == seg.text[a:b] for a, b in written)
