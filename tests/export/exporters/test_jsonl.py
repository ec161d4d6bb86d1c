"""redline-jsonl against its JSON Schema, and doccano's documented sequence-labelling shape."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from export.exporters import SpanRecord
from export.exporters.jsonl import DoccanoJsonl, RedlineJsonl

from .conftest import ORG, lines, run, segment, segments

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "schemas" / "redline-segment.schema.json"


def redline_lines(records):
    data, report = run(RedlineJsonl(), records)
    return [json.loads(line) for line in lines(data)], report


def test_redline_lines_carry_the_whole_segment(seed_records):
    parsed, report = redline_lines(seed_records)
    originals = segments(seed_records)
    assert len(parsed) == len(originals) == report.segments
    first = next(p for p in parsed if p["spans"])
    source = next(s for s in originals if s.id == first["id"])
    assert first["text"] == source.text and first["mt_text"] == source.mt_text
    assert first["trailing"] == source.trailing and first["document"] == source.document
    assert first["metadata"] == {"corpus": "Seeds", "updated_at": "2024-05-01T12:00:00+00:00"}
    for line in parsed:
        for span in line["spans"]:
            assert line["text"][span["start"] : span["end"]] == span["text"]


def test_redline_spans_keep_glossary_links_state_and_origin():
    text = "develop specialized, refined, distinctive and innovative enterprises"
    term = "specialized, refined, distinctive and innovative"
    at = text.index(term)
    span = SpanRecord(
        at,
        at + len(term),
        "TERM",
        term,
        term_id=17,
        term=term,
        state="needs-review",
        origin="glossary",
    )
    [line], _ = redline_lines([segment(text, span)])
    assert line["spans"] == [
        {
            "start": at,
            "end": at + len(term),
            "label": "TERM",
            "text": term,
            "term_id": 17,
            "term": term,
            "state": "needs-review",
            "origin": "glossary",
        }
    ]


def test_lines_match_the_schema_keys_without_jsonschema(seed_records):
    # Runs everywhere: the exact key sets and types the schema promises (additionalProperties
    # is false, so a key added to the exporter must be added to the schema too).
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    span_schema = schema["$defs"]["span"]
    parsed, _ = redline_lines(seed_records)
    for line in parsed:
        assert set(line) == set(schema["required"])
        # The optional keys: only bilingual segments carry a source and their unit, only commented
        # or rejected segments their conversation (tests/export/test_export_notes.py).
        assert set(schema["properties"]) - set(schema["required"]) == {
            "source_text",
            "source_language",
            "target_language",
            "unit_id",
            "unit",
            "comments",
            "reject_reasons",
        }
        assert isinstance(line["id"], int) and isinstance(line["hter"], float)
        for span in line["spans"]:
            assert set(span) == set(span_schema["required"]) == set(span_schema["properties"])


def test_lines_validate_against_the_json_schema(seed_records):
    jsonschema = pytest.importorskip(
        "jsonschema",
        reason="jsonschema is not installed in .venv (not a project dependency); "
        "the key-level schema test above still runs",
    )
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    parsed, _ = redline_lines(seed_records)
    for line in parsed:
        validator.validate(line)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**parsed[0], "spans": [{"start": 0}]})


def test_edit_time_is_written_and_validates_null_or_whole_ms():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    parsed, _ = redline_lines([segment("Timed.", edit_time_ms=72_000), segment("Not.", id=2)])
    assert [line["edit_time_ms"] for line in parsed] == [72_000, None]
    for line in parsed:
        validator.validate(line)
    for wrong in (-1, 1.5, "72000"):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate({**parsed[0], "edit_time_ms": wrong})


def test_doccano_lines_have_exactly_the_import_shape(seed_records):
    data, report = run(DoccanoJsonl(), seed_records)
    parsed = [json.loads(line) for line in lines(data)]
    assert len(parsed) == report.segments
    for line, source in zip(parsed, segments(seed_records), strict=True):
        assert set(line) == {"id", "text", "label"}
        assert line["id"] == source.id and line["text"] == source.text
        for item in line["label"]:
            start, end, label = item
            assert isinstance(start, int) and isinstance(end, int) and isinstance(label, str)
            assert line["text"][start:end] in {s.text for s in source.spans}


def test_doccano_keeps_nested_spans_in_text_order():
    text = f"Reply of the {ORG}."
    org, gpe = text.index(ORG), text.index("Ningxia Hui Autonomous Region")
    seg = segment(text, (gpe, gpe + 29, "GPE"), (org, org + len(ORG), "ORG"))
    data, report = run(DoccanoJsonl(), [seg])
    assert json.loads(data)["label"] == [[org, org + len(ORG), "ORG"], [gpe, gpe + 29, "GPE"]]
    assert report.spans_written == 2 and not report.problems


def test_line_separators_inside_text_never_split_a_jsonl_line():
    # MT output carries U+2028 and NEL; str.splitlines() and some readers break lines on them.
    text = "Jining\u2028city\x85grew 25.7%\u2029."
    data, _ = run(
        RedlineJsonl(), [segment(text, (text.index("25.7%"), text.index("25.7%") + 5, "PERCENT"))]
    )
    assert len(data.decode("utf-8").splitlines()) == 1
    assert json.loads(data)["text"] == text


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize(
    "beside", ["", "\u201cquoted\u201d \u2014 ", "50\u00b0C \u00b7 ", "\u5b81\u590f"]
)
def test_each_line_separator_alone_is_escaped_whatever_is_beside_it(breaker, beside):
    # The escape is looked for by the separators' lead bytes first (E2, C2), which curly quotes,
    # dashes, degree signs and middle dots share; Chinese has neither.
    text = f"{beside}Jining{breaker}grew."
    data, _ = run(RedlineJsonl(), [segment(text)])
    assert len(data.decode("utf-8").splitlines()) == 1
    assert json.loads(data)["text"] == text


def test_lines_with_only_lookalike_bytes_are_written_as_orjson_writes_them():
    text = "\u201cJining\u201d \u2014 50\u00b0C \u00b7 \u5b81\u590f"
    data, _ = run(DoccanoJsonl(), [segment(text)])
    assert data == orjson.dumps({"id": 1, "text": text, "label": []}) + b"\n"
