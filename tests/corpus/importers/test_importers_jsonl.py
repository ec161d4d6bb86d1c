"""Redline JSONL read back (pure): grouping, ordering, span checks, refusals with line numbers."""

from __future__ import annotations

import hashlib

import orjson
import pytest

from corpus.importers import (
    ImportLimits,
    ImportRefused,
    accepted_extensions,
    importer_for,
    parse_upload,
)
from corpus.importers.jsonl import RedlineJsonlImporter
from export.exporters import DocumentStart, ExportReport, SegmentRecord, SpanRecord
from export.exporters.jsonl import RedlineJsonl

LIMITS = ImportLimits(max_file_bytes=1024 * 1024, max_upload_bytes=4 * 1024 * 1024)


def line(**fields) -> dict:
    values = {
        "id": 1,
        "document_id": 7,
        "document": "a.txt",
        "position": 1024,
        "paragraph": 0,
        "text": "Jining grew.",
        "mt_text": "Jining grew .",
        "trailing": " ",
        "status": "edited",
        "hter": 0.5,
        "spans": [],
        "metadata": {},
    }
    values.update(fields)
    return values


def jsonl(*lines: dict) -> bytes:
    return b"".join(orjson.dumps(value) + b"\n" for value in lines)


def parse(data: bytes):
    return parse_upload("export.jsonl", data, LIMITS, segments=True)


def _ids(segment_id: int, document_id: int, document: str) -> dict:
    return {"id": segment_id, "document_id": document_id, "document": document}


def test_exported_lines_come_back_grouped_by_document_in_position_order():
    first = SegmentRecord(
        id=10,
        document_id=1,
        document="a.txt",
        position=1024,
        paragraph=0,
        text="Jining 😀 grew.",
        mt_text="Jining 😀 grow.",
        trailing=" ",
        status="edited",
        hter=0.3,
        spans=(
            SpanRecord(0, 6, "GPE", "Jining", term_id=4, term="Jining"),
            SpanRecord(9, 14, "X", "grew.", state="needs-review"),
        ),
    )
    records = [
        DocumentStart(1, "a", "a.txt", ""),
        first,
        SegmentRecord(
            **_ids(11, 1, "a.txt"),
            position=2048,
            paragraph=1,
            text="Second.",
            mt_text="Second.",
            trailing="\n",
            status="mt",
        ),
        DocumentStart(2, "b", "b.txt", ""),
        SegmentRecord(
            **_ids(12, 2, "b.txt"),
            position=1024,
            paragraph=0,
            text="Other.",
            mt_text="Other.",
            trailing="",
            status="approved",
        ),
    ]
    data = b"".join(RedlineJsonl().write(records, ExportReport()))
    a, b = parse(data)
    assert (a.name, a.text, a.encoding) == ("a.txt", "Jining 😀 grow. Second.\n", "utf-8")
    assert a.sha256 == hashlib.sha256(a.text.encode()).hexdigest() and a.size == len(
        a.text.encode()
    )
    # One record both ways: what was exported is what is read back.
    assert a.segments[0] == first
    assert [s.status for s in a.segments] == ["edited", "mt"] and b.segments[0].text == "Other."


def test_segments_are_sorted_by_position_and_documents_keep_first_appearance():
    data = jsonl(
        line(position=3000, text="Three."),
        line(document_id=9, document="b.txt"),
        line(position=5, text="One."),
    )
    a, b = parse(data)
    assert [s.text for s in a.segments] == ["One.", "Three."] and b.name == "b.txt"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json}\n", "line 1: not valid JSON"),
        (b"[1, 2]\n", "line 1: not a JSON object"),
        (
            jsonl(line(), {k: v for k, v in line().items() if k != "mt_text"}),
            "line 2: “mt_text” is missing",
        ),
        (jsonl(line(position="3")), "“position” has the wrong type (str)"),
        (jsonl(line(position=True)), "“position” has the wrong type (bool)"),
        (jsonl(line(text="  ")), "“text” is empty"),
        (jsonl(line(paragraph=-1)), "“paragraph” is negative"),
        (jsonl(line(), line()), "line 2: document 7 has two segments at position 1024"),
        (
            jsonl(line(spans=[{"start": 0, "end": 6, "label": "GPE", "text": "Jinin"}])),
            "span 1: says 'Jinin' but the text at 0..6 is 'Jining'",
        ),
        (
            jsonl(line(spans=[{"start": 5, "end": 50, "label": "GPE", "text": "g"}])),
            "offsets 5..50 fall outside the text (12 characters)",
        ),
        (
            jsonl(line(spans=[{"start": 0, "end": 6, "label": "", "text": "Jining"}])),
            "span 1: has no label",
        ),
        (
            jsonl(
                line(
                    spans=[{"start": 0, "end": 6, "label": "GPE", "text": "Jining", "term_id": "4"}]
                )
            ),
            "“term_id” has the wrong type",
        ),
        (b"\n\n", "the file is empty"),
        ("{}".encode("utf-16"), "must be UTF-8"),
    ],
)
def test_bad_files_are_refused_as_a_whole_naming_the_line(data, message):
    with pytest.raises(ImportRefused) as refused:
        parse(data)
    assert message in refused.value.reason


def test_optional_span_fields_default_and_a_bom_is_fine():
    data = b"\xef\xbb\xbf" + jsonl(
        line(spans=[{"start": 0, "end": 6, "label": "GPE", "text": "Jining"}])
    )
    [document] = parse(data)
    assert document.segments[0].spans == (SpanRecord(0, 6, "GPE", "Jining"),)


def test_size_limit():
    with pytest.raises(ImportRefused, match="larger than"):
        RedlineJsonlImporter.parse(
            "x.jsonl", jsonl(line()), ImportLimits(max_file_bytes=10, max_upload_bytes=10)
        )


def test_registry_dispatches_jsonl_but_a_text_import_refuses_it_instead_of_dropping_spans():
    assert importer_for("Export.JSONL") is RedlineJsonlImporter
    assert ".jsonl" not in accepted_extensions() and ".jsonl" in accepted_extensions(segments=True)
    with pytest.raises(ImportRefused, match="would lose its segments and spans.*import_dataset"):
        parse_upload("export.jsonl", jsonl(line()), LIMITS)
    with pytest.raises(ImportRefused, match=r"accepted types: \.txt, \.md, \.zip, \.jsonl"):
        parse_upload("x.pdf", b"a", LIMITS, segments=True)
