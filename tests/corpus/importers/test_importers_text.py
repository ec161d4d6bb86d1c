"""parse_upload for single text files, the registry, limits, messages and the seed texts."""

from __future__ import annotations

import codecs
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.importers import (
    IMPORTERS,
    ImportedText,
    Importer,
    ImportLimits,
    ImportRefused,
    PlainTextImporter,
    ZipImporter,
    accepted_extensions,
    format_size,
    importer_for,
    parse_upload,
)
from corpus.importers.jsonl import RedlineJsonlImporter
from corpus.importers.tabular import (
    BilingualCsvImporter,
    BilingualJsonlImporter,
    BilingualTsvImporter,
)
from corpus.importers.tmx import TmxImporter
from corpus.importers.xliff import XliffImporter

REPO = Path(__file__).resolve().parents[3]
MB = 1024 * 1024
LIMITS = ImportLimits(max_file_bytes=5 * MB, max_upload_bytes=20 * MB)


def refusal(name: str, data: bytes, limits: ImportLimits = LIMITS) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        parse_upload(name, data, limits)
    return caught.value


# --- records -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notes.txt", "README.md", "SHOUTING.TXT", "Mixed.Md"])
def test_text_and_markdown_give_one_record(name: str) -> None:
    data = "# Title\r\n\r\nBody with 宁夏 and trailing spaces   \n".encode()
    assert parse_upload(name, data, LIMITS) == [
        ImportedText(
            name=name,
            text=data.decode("utf-8"),
            encoding="utf-8",
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
        )
    ]


def test_sha256_and_size_are_of_the_raw_bytes_not_the_text() -> None:
    data = codecs.BOM_UTF16_LE + "宁夏回族自治区".encode("utf-16-le")
    [record] = parse_upload("gov.txt", data, LIMITS)
    assert record.text == "宁夏回族自治区"
    assert record.encoding == "utf-16"
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert record.size == len(data)


def test_records_are_immutable() -> None:
    [record] = parse_upload("a.txt", b"text", LIMITS)
    with pytest.raises(AttributeError):
        record.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("path", sorted((REPO / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_seed_texts_import_unchanged(path: Path) -> None:
    data = path.read_bytes()
    [record] = parse_upload(path.name, data, LIMITS)
    assert record.name == path.name
    assert record.text == data.decode("utf-8")
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert record.size == len(data)
    assert record.encoding == "utf-8"


def test_there_are_seed_texts_to_check() -> None:
    assert len(list((REPO / "seeds").glob("*.txt"))) >= 2


# --- refusals ----------------------------------------------------------------------------


def test_empty_file_is_refused() -> None:
    exc = refusal("empty.txt", b"")
    assert (exc.name, exc.reason) == ("empty.txt", "the file is empty")


@pytest.mark.parametrize(
    "data",
    [b" \n\t\r\n", "\u3000\u00a0\n".encode("utf-8"), " \n".encode("utf-16")],
    ids=["ascii", "unicode-spaces", "utf-16"],
)
def test_whitespace_only_file_is_refused(data: bytes) -> None:
    assert refusal("blank.txt", data).reason == "the file contains only whitespace"


def test_a_lone_bom_counts_as_empty() -> None:
    assert refusal("bom.txt", codecs.BOM_UTF8).reason == "the file is empty"


def test_too_large_file_is_refused_with_human_sizes() -> None:
    data = b"a" * int(6.2 * MB)
    exc = refusal("report.txt", data)
    assert str(exc) == "report.txt: larger than the 5 MB limit (6.2 MB)"


def test_size_is_checked_before_decoding() -> None:
    # Binary content over the limit: the size is what the user must hear about.
    exc = refusal("dump.txt", b"\x00" * (5 * MB + 1))
    assert exc.reason == "larger than the 5,242,880 bytes limit (5,242,881 bytes)"


def test_file_exactly_at_the_limit_is_accepted() -> None:
    limits = ImportLimits(max_file_bytes=10, max_upload_bytes=10)
    assert parse_upload("ten.txt", b"0123456789", limits)[0].size == 10


def test_binary_file_is_refused_as_not_text() -> None:
    exc = refusal("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    assert exc.reason.startswith("not a text file")


@pytest.mark.parametrize("name", ["report.pdf", "notes.docx", "archive.tar.gz", "README"])
def test_unknown_extension_is_refused_listing_the_accepted_ones(name: str) -> None:
    exc = refusal(name, b"whatever")
    assert exc.name == name
    assert exc.reason.endswith("accepted types: .txt, .md, .zip")


def test_refusal_str_is_name_then_reason() -> None:
    exc = ImportRefused("a.txt", "the file is empty")
    assert (exc.name, exc.reason, str(exc)) == (
        "a.txt",
        "the file is empty",
        "a.txt: the file is empty",
    )


# --- registry ----------------------------------------------------------------------------


def test_registry_holds_the_importers_with_stable_ids() -> None:
    assert [(importer.id, importer) for importer in IMPORTERS] == [
        ("text", PlainTextImporter),
        ("zip", ZipImporter),
        ("redline-jsonl", RedlineJsonlImporter),
        ("xliff", XliffImporter),
        ("tmx", TmxImporter),
        ("bilingual-tsv", BilingualTsvImporter),
        ("bilingual-csv", BilingualCsvImporter),
        ("bilingual-jsonl", BilingualJsonlImporter),
    ]


def test_registry_entries_are_well_formed() -> None:
    extensions = accepted_extensions()
    assert len(extensions) == len(set(extensions)), "an extension is claimed twice"
    everything = accepted_extensions(segments=True, bilingual=True)
    assert len(everything) == len(set(everything))
    for importer in IMPORTERS:
        assert issubclass(importer, Importer)
        assert importer.label
        assert all(ext.startswith(".") and ext == ext.lower() for ext in importer.extensions)


def test_dispatch_is_by_case_insensitive_extension() -> None:
    assert importer_for("A.TXT") is PlainTextImporter
    assert importer_for("notes.md") is PlainTextImporter
    assert importer_for("Bundle.ZIP") is ZipImporter
    assert importer_for("C:\\Users\\me\\notes.txt") is PlainTextImporter
    assert importer_for("notes.txt.pdf") is None


def test_importers_package_imports_no_django() -> None:
    code = (
        "import sys, corpus.importers;"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "sys.exit(', '.join(bad) or None)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- limits and sizes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (MB - 1, "1 MB"),
        (5 * MB, "5 MB"),
        (int(6.2 * MB), "6.2 MB"),
        (3 * 1024 * MB, "3 GB"),
    ],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


@pytest.mark.parametrize("field", ["max_file_bytes", "max_upload_bytes", "max_files"])
def test_limits_must_be_positive(field: str) -> None:
    values = {"max_file_bytes": 1, "max_upload_bytes": 1, "max_files": 1, field: 0}
    with pytest.raises(ValueError, match=field):
        ImportLimits(**values)
