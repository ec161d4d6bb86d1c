"""Fixtures for the pure exporters: plain records built from the real seed texts, no database.

tests/conftest.py has an autouse fixture that asks for pytest-django's ``settings``; here it gets
a plain namespace, so these tests run the same with or without the plugin (``-p no:django``).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import pytest

from corpus.text.segment import segment_document
from export.exporters import DocumentStart, ExportReport, Record, SegmentRecord, SpanRecord

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
NINGXIA = SEEDS / "000_ed58e73d0fdaa7df.txt"
JINING = SEEDS / "004_fdcf46f22384bcb5.txt"

ORG = "Department of Industry and Information Technology of Ningxia Hui Autonomous Region"

# What a reviewer marks in these texts. GPE names sit inside ORG names on purpose: nested spans
# are normal here, and the flat formats (ents, IOB) must report them, not lose them quietly.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ORG", re.compile(re.escape(ORG))),
    (
        "ORG",
        re.compile(
            r"Propaganda Department of the Jining Municipal Committee of the Communist Party of China"
        ),
    ),
    ("ORG", re.compile(r"Municipal Bureau of Industry and Information Technology")),
    ("GPE", re.compile(r"\b(?:Ningxia Hui Autonomous Region|Jining|Ningxia)\b")),
    ("MONEY", re.compile(r"\d+(?:\.\d+)? (?:billion|million) yuan")),
    ("PERCENT", re.compile(r"\d+(?:\.\d+)?(?:%| percent\b)")),
    ("DATE", re.compile(r"the first half of \d{4}")),
)


@pytest.fixture
def settings():
    return SimpleNamespace()


def split_sentences(paragraphs):
    # A rule splitter keeps fixtures fast and independent of spaCy's sentencizer.
    for paragraph in paragraphs:
        yield [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z\"])", paragraph)]


def spans_in(text: str) -> tuple[SpanRecord, ...]:
    found = [
        SpanRecord(m.start(), m.end(), label, m.group(), origin="rule")
        for label, pattern in PATTERNS
        for m in pattern.finditer(text)
    ]
    return tuple(sorted(found, key=lambda s: (s.start, s.end)))


def document_records(path: Path, document_id: int, first_segment_id: int) -> list[Record]:
    raw = path.read_text(encoding="utf-8")
    leading, drafts = segment_document(raw, split_sentences)
    records: list[Record] = [DocumentStart(document_id, path.stem, path.name, leading)]
    for number, draft in enumerate(drafts):
        records.append(
            SegmentRecord(
                id=first_segment_id + number,
                document_id=document_id,
                document=path.name,
                position=(number + 1) * 10,
                paragraph=draft.paragraph,
                text=draft.text,
                mt_text=draft.text,
                trailing=draft.trailing,
                status="approved" if number % 2 else "edited",
                hter=0.0,
                spans=spans_in(draft.text),
                metadata={
                    "corpus": "Seeds",
                    "updated_at": datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
                },
            )
        )
    return records


@lru_cache(maxsize=1)
def _seed_records() -> tuple[Record, ...]:
    return (*document_records(NINGXIA, 1, 1000), *document_records(JINING, 2, 2000))


@pytest.fixture
def seed_records() -> tuple[Record, ...]:
    return _seed_records()


def segments(records: Iterable[Record]) -> list[SegmentRecord]:
    return [r for r in records if isinstance(r, SegmentRecord)]


def segment(
    text: str,
    *spans: tuple[int, int, str] | SpanRecord,
    id: int = 1,
    document_id: int = 1,
    **fields,
) -> SegmentRecord:
    """A one-off segment; spans given as (start, end, label) take their surface from the text."""
    built = tuple(
        s if isinstance(s, SpanRecord) else SpanRecord(s[0], s[1], s[2], text[s[0] : s[1]])
        for s in spans
    )
    values = {
        "id": id,
        "document_id": document_id,
        "document": f"doc-{document_id}.txt",
        "position": id * 10,
        "paragraph": 0,
        "text": text,
        "mt_text": text,
        "trailing": "\n",
        "status": "approved",
        "hter": 0.0,
        "spans": built,
    }
    values.update(fields)
    return SegmentRecord(**values)


def run(exporter, records: Iterable[Record]) -> tuple[bytes, ExportReport]:
    report = ExportReport()
    data = b"".join(exporter.write(records, report))
    return data, report


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def lines(data: bytes) -> list[str]:
    """Lines split on LF only, the way JSONL and TSV define them."""
    text = data.decode("utf-8")
    assert text.endswith("\n") or not text
    return text.split("\n")[:-1]
