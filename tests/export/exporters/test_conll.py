"""CoNLL IOB2 proven by spaCy's own reader: ``python -m spacy convert -c ner``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from export.exporters import DocumentStart, Reason
from export.exporters.conll import DOCSTART, ConllIob

from .conftest import ORG, run, segment

NLP = spacy.blank("en")


def spacy_convert(data: bytes, tmp_path: Path) -> list:
    source = tmp_path / "export.conll"
    source.write_bytes(data)
    out = tmp_path / "converted"
    out.mkdir()
    command = [sys.executable, "-m", "spacy", "convert", str(source), str(out), "-c", "ner"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return list(DocBin().from_disk(out / "export.spacy").get_docs(Vocab()))


def expected_entities(records, report):
    """Per document, (label, words) of every span the report does not name: what IOB must carry."""
    named = {(p.segment_id, p.start, p.end, p.label) for p in report.problems}
    documents: dict[int, list] = {}
    for record in records:
        if isinstance(record, DocumentStart):
            continue
        entities = documents.setdefault(record.document_id, [])
        doc = NLP.make_doc(record.text)
        for span in sorted(record.spans, key=lambda s: (s.start, s.end)):
            if (record.id, span.start, span.end, span.label) not in named:
                words = tuple(t.text for t in doc.char_span(span.start, span.end) if not t.is_space)
                entities.append((span.label, words))
    return list(documents.values())


def test_spacy_convert_reads_our_file_with_the_same_entities(tmp_path, seed_records):
    data, report = run(ConllIob(), seed_records)
    docs = spacy_convert(data, tmp_path)
    assert len(docs) == 2  # one Doc per Redline document
    got = [[(e.label_, tuple(t.text for t in e)) for e in doc.ents] for doc in docs]
    assert got == expected_entities(seed_records, report)
    assert sum(len(entities) for entities in got) == report.spans_written
    # Each segment is a sentence of its document's Doc.
    assert [len(list(doc.sents)) for doc in docs] == [
        sum(1 for r in seed_records if not isinstance(r, DocumentStart) and r.document_id == d)
        for d in (1, 2)
    ]
    assert {p.reason for p in report.problems} == {Reason.OVERLAP_IOB}


def test_file_layout_is_token_per_line_iob2(seed_records):
    data, _ = run(ConllIob(), seed_records)
    text = data.decode("utf-8")
    assert text.startswith(DOCSTART + "\n\n")
    assert text.count(DOCSTART) == 2
    for line in text.split("\n"):
        if line and line != DOCSTART:
            token, tag = line.split(" ")
            assert token and (tag == "O" or tag[:2] in {"B-", "I-"})
    assert "45.080 B-MONEY\nbillion I-MONEY\nyuan I-MONEY\n" in text
    assert "25.7 B-PERCENT\n% I-PERCENT\n" in text


def test_flat_format_reports_what_it_cannot_carry(tmp_path):
    text = (
        f"The {ORG}  said:\tMember Peng  Shengxuan saw 25.7% and 45.080 billion yuan twoThe index."
    )
    at = text.index
    spans = [
        (at(ORG), at(ORG) + len(ORG), "ORG"),
        (at("Ningxia"), at("Ningxia") + 7, "GPE"),  # nested in the ORG
        (at("Peng"), at("Peng") + 15, "PERSON"),  # a double-space token inside: written
        (at("25.7%"), at("25.7%") + 5, "PERCENT"),
        (at("25.7%"), at("25.7%") + 4, "QUANTITY"),  # same start, shorter: overlap
        (at("45.080"), at("45.080") + 19, "MONEY"),
        (at("The index"), at("The index") + 9, "POLICY"),  # inside the token "twoThe"
        (at("  said") + 1, at(":"), "ODD"),  # starts on the whitespace token " "
        (at("Member"), at("Member") + 6, "TITLE WORD"),  # a label with a space
    ]
    seg = segment(text, *spans, id=77)
    data, report = run(ConllIob(), [seg])
    assert sorted((p.label, p.reason) for p in report.problems) == sorted(
        [
            ("GPE", Reason.OVERLAP_IOB),
            ("QUANTITY", Reason.OVERLAP_IOB),
            ("POLICY", Reason.MISALIGNED),
            ("ODD", Reason.WHITESPACE_EDGE),
            ("TITLE WORD", Reason.LABEL_WHITESPACE),
        ]
    )
    assert all(p.segment_id == 77 and p.skipped for p in report.problems)
    assert (report.spans_written, report.spans_skipped) == (4, 5)
    [doc] = spacy_convert(data, tmp_path)
    assert [(e.label_, tuple(t.text for t in e)) for e in doc.ents] == [
        ("ORG", tuple(ORG.split())),
        ("PERSON", ("Peng", "Shengxuan")),
        ("PERCENT", ("25.7", "%")),
        ("MONEY", ("45.080", "billion", "yuan")),
    ]
    written = data.decode("utf-8")
    assert "\t" not in written  # whitespace tokens are left out, never written as a column
    assert all(len(line.split()) == 2 for line in written.split("\n") if line and line != DOCSTART)


def test_adjacent_entities_each_start_with_b():
    text = "Ningxia Jining"
    data, _ = run(ConllIob(), [segment(text, (0, 7, "GPE"), (8, 14, "GPE"))])
    assert data.decode("utf-8").endswith("Ningxia B-GPE\nJining B-GPE\n\n")


def test_documents_start_where_document_ids_change_without_document_starts():
    records = [
        segment("A.", id=1, document_id=1),
        segment("B.", id=2, document_id=1),
        segment("C.", id=3, document_id=2),
    ]
    data, report = run(ConllIob(), records)
    assert data.decode("utf-8").count(DOCSTART) == 2 and report.documents == 2
