"""MT/post-edit pairs: JSONL and a TSV whose escaping round-trips any text."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from export.exporters.pairs import (
    TSV_COLUMNS,
    PairsJsonl,
    PairsTsv,
    escape_tsv_field,
    unescape_tsv_field,
)

from .conftest import lines, run, segment, segments

MT = "integrate the twoThe development index has been among the top 5"
EDITED = "integrate the two.\tThe development index\nhas been among the top 5 \\ province"


def test_pairs_jsonl_gives_mt_text_and_correction(seed_records):
    data, report = run(PairsJsonl(), seed_records)
    parsed = [json.loads(line) for line in lines(data)]
    assert len(parsed) == report.segments == len(segments(seed_records))
    assert set(parsed[0]) == {
        "id",
        "document_id",
        "document",
        "position",
        "status",
        "hter",
        "mt_text",
        "text",
        "edit_time_ms",
    }
    assert report.spans_written == report.spans_skipped == 0


def test_pairs_jsonl_carries_the_edit_time_or_null():
    timed = segment("Fixed.", mt_text="Fxed.", id=5, edit_time_ms=72_000)
    data, _ = run(PairsJsonl(), [timed, segment("Same.", id=6)])
    assert [json.loads(line)["edit_time_ms"] for line in lines(data)] == [72_000, None]


def test_pairs_tsv_has_a_header_and_eight_fields_a_row():
    rows = [segment(EDITED, mt_text=MT, hter=0.3125, id=5), segment("Same.", id=6)]
    data, _ = run(PairsTsv(), rows)
    read = list(
        csv.reader(
            io.StringIO(data.decode("utf-8"), newline=""), delimiter="\t", quoting=csv.QUOTE_NONE
        )
    )
    assert read[0] == list(TSV_COLUMNS)
    assert len(read) == 3 and all(len(row) == 8 for row in read)
    assert read[1][-1] == ""  # monolingual: no source
    record = dict(zip(read[0], read[1], strict=True))
    assert record["id"] == "5" and float(record["hter"]) == 0.3125
    assert unescape_tsv_field(record["mt_text"]) == MT
    assert unescape_tsv_field(record["text"]) == EDITED
    assert (
        record["text"]
        == "integrate the two.\\tThe development index\\nhas been among the top 5 \\\\ province"
    )


def test_tsv_lines_survive_splitlines():
    text = "a\x0bb\x0cc\x1cd\x85e\u2028f\u2029g\rh"
    data, _ = run(PairsTsv(), [segment(text)])
    assert len(data.decode("utf-8").splitlines()) == 2


@given(st.text())
def test_tsv_escaping_round_trips_and_leaves_no_separators(value):
    escaped = escape_tsv_field(value)
    assert unescape_tsv_field(escaped) == value
    assert "\t" not in escaped and len(escaped.splitlines()) <= 1 and "\n" not in escaped
