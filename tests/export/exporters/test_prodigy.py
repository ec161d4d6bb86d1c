"""Prodigy tasks: spaCy tokens, spans with INCLUSIVE token_end, misaligned spans reported."""

from __future__ import annotations

import json

import spacy

from export.exporters import Reason
from export.exporters.prodigy import ProdigyJsonl

from .conftest import lines, run, segment

TEXT = "In the first half of 2023, the operating income will be 45.080 billion yuan, a year-on-year increase of 25.7%."


def span_of(text, surface, label):
    at = text.index(surface)
    return at, at + len(surface), label


def test_token_end_is_inclusive():
    seg = segment(
        TEXT, span_of(TEXT, "45.080 billion yuan", "MONEY"), span_of(TEXT, "25.7%", "PERCENT")
    )
    [task] = [json.loads(line) for line in lines(run(ProdigyJsonl(), [seg])[0])]
    money, percent = task["spans"]
    tokens = task["tokens"]
    assert [t["text"] for t in tokens[money["token_start"] : money["token_end"] + 1]] == [
        "45.080",
        "billion",
        "yuan",
    ]
    assert money["token_end"] - money["token_start"] == 2  # three tokens, inclusive end
    assert [t["text"] for t in tokens[percent["token_start"] : percent["token_end"] + 1]] == [
        "25.7",
        "%",
    ]
    assert percent == {
        "start": TEXT.index("25.7%"),
        "end": TEXT.index("25.7%") + 5,
        "label": "PERCENT",
        "token_start": percent["token_start"],
        "token_end": percent["token_start"] + 1,
    }
    assert tokens[money["token_start"]]["start"] == money["start"]
    assert tokens[money["token_end"]]["end"] == money["end"]


def test_tokens_rebuild_the_text_like_prodigy_expects():
    seg = segment("Member  Peng Shengxuan:\tthe Department", (8, 22, "PERSON"))
    [task] = [json.loads(line) for line in lines(run(ProdigyJsonl(), [seg])[0])]
    rebuilt = "".join(t["text"] + (" " if t["ws"] else "") for t in task["tokens"])
    assert rebuilt == task["text"]
    assert [t["id"] for t in task["tokens"]] == list(range(len(task["tokens"])))
    for token in task["tokens"]:
        assert task["text"][token["start"] : token["end"]] == token["text"]
    assert set(task) == {"text", "tokens", "spans", "meta"}
    assert task["meta"] == {
        "segment_id": 1,
        "document": "doc-1.txt",
        "position": 10,
        "status": "approved",
    }


def test_a_span_inside_a_token_is_reported_not_adjusted():
    # Seed 004's glued sentence: "twoThe" is one token, so "The development index" cannot align.
    text = "integrate the twoThe development index has been among the top 5 in the province"
    seg = segment(
        text,
        span_of(text, "The development index", "POLICY"),
        span_of(text, "top 5", "QUANTITY"),
        id=9,
    )
    data, report = run(ProdigyJsonl(), [seg])
    [task] = [json.loads(line) for line in lines(data)]
    assert [s["label"] for s in task["spans"]] == ["QUANTITY"]
    [found] = report.problems
    assert (
        found.reason == Reason.MISALIGNED
        and found.segment_id == 9
        and found.surface == "The development index"
    )
    assert "'twoThe'" in found.detail
    assert (report.spans_written, report.spans_skipped) == (1, 1)


def test_a_pipeline_can_be_passed_in():
    nlp = spacy.blank("en")
    nlp.tokenizer.add_special_case("yuan,", [{"ORTH": "yuan,"}])
    seg = segment(TEXT, span_of(TEXT, "45.080 billion yuan", "MONEY"))
    data, report = run(ProdigyJsonl(nlp=nlp), [seg])
    assert json.loads(data)["spans"] == [] and report.problems[0].reason == Reason.MISALIGNED
