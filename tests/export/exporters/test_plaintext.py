"""Plain text: an untouched document comes back byte for byte; edits land in place."""

from __future__ import annotations

import dataclasses

import pytest

from corpus.text.segment import segment_document
from export.exporters import DocumentStart
from export.exporters.plaintext import PlainTextZip, entry_name

from .conftest import JINING, NINGXIA, run, segment, split_sentences, unzip


def test_untouched_seed_documents_are_byte_for_byte_the_imported_files(seed_records):
    data, report = run(PlainTextZip(), seed_records)
    files = unzip(data)
    assert files == {NINGXIA.name: NINGXIA.read_bytes(), JINING.name: JINING.read_bytes()}
    assert (report.documents, report.segments, report.spans_written) == (2, 237, 0)


def test_an_edit_lands_in_place_with_the_original_spacing():
    raw = "  \r\nIntegrate the twoThe index rose.  Next one.\r\n\r\n\tThird\u3000line\r\n"
    leading, drafts = segment_document(raw, split_sentences)
    start = DocumentStart(5, "Jining", "jining.txt", leading)
    records = [start] + [
        segment(d.text, id=i, document_id=5, trailing=d.trailing, paragraph=d.paragraph)
        for i, d in enumerate(drafts)
    ]
    assert unzip(run(PlainTextZip(), records)[0]) == {"jining.txt": raw.encode("utf-8")}
    records[1] = dataclasses.replace(records[1], text="Integrate the two. The index rose.")
    [out] = unzip(run(PlainTextZip(), records)[0]).values()
    assert out.decode("utf-8") == raw.replace("twoThe", "two. The")


def test_an_empty_document_is_its_leading_whitespace():
    assert unzip(run(PlainTextZip(), [DocumentStart(1, "t", "empty.txt", "\n")])[0]) == {
        "empty.txt": b"\n"
    }


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("report.txt", "report.txt"),
        ("notes.md", "notes.md.txt"),
        ("batch/2023/reply.TXT", "batch/2023/reply.TXT"),
        ("../../etc/passwd", "etc/passwd.txt"),
        ("/abs/path.txt", "abs/path.txt"),
        ("C:\\Users\\me\\a.txt", "Users/me/a.txt"),
        ('what?<"x">.txt', "what___x__.txt"),
        ("..", "document-9.txt"),
    ],
)
def test_entry_names_are_safe_and_recognisable(original, expected):
    assert entry_name(original, 9) == expected


def test_duplicate_names_get_numbered_case_insensitively():
    records = [
        DocumentStart(1, "a", "a.txt", ""),
        DocumentStart(2, "b", "A.txt", ""),
        DocumentStart(3, "c", "a.txt", ""),
    ]
    assert sorted(unzip(run(PlainTextZip(), records)[0])) == ["A (2).txt", "a (3).txt", "a.txt"]


def test_segments_need_their_document_start():
    with pytest.raises(ValueError, match="needs a DocumentStart"):
        run(PlainTextZip(), [segment("Orphan.")])
    with pytest.raises(ValueError, match="grouped by document"):
        run(PlainTextZip(), [DocumentStart(1, "a", "a.txt", ""), segment("Other.", document_id=2)])
