"""ZipImporter: what a zip yields, and every way a hostile or broken zip is refused whole."""

from __future__ import annotations

import codecs
import functools
import hashlib
import io
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.importers import ImportedText, ImportLimits, ImportRefused, parse_upload
from corpus.importers.archive import _Entry, _read_bounded
from corpus.importers.plaintext import PlainTextImporter

MB = 1024 * 1024
LIMITS = ImportLimits(max_file_bytes=1 * MB, max_upload_bytes=2 * MB, max_files=5)


def make_zip(
    entries: Iterable[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries:
            # A ZipInfo keeps the name verbatim, as a hostile tool would write it.
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def patch_single_entry(
    data: bytes,
    *,
    size: int | None = None,
    crc: int | None = None,
    set_flags: int = 0,
    clear_flags: int = 0,
    method: int | None = None,
) -> bytes:
    """Rewrite the local and central headers of a one-entry zip, as a lying tool would."""
    patched = bytearray(data)
    end_record = data.rfind(b"PK\x05\x06")
    central = struct.unpack_from("<I", data, end_record + 16)[0]
    # Field offsets (flags, method, crc, uncompressed size) in the local and central headers.
    for header, (flags_at, method_at, crc_at, size_at) in (
        (0, (6, 8, 14, 22)),
        (central, (8, 10, 16, 24)),
    ):
        flags = struct.unpack_from("<H", patched, header + flags_at)[0]
        struct.pack_into("<H", patched, header + flags_at, (flags | set_flags) & ~clear_flags)
        if method is not None:
            struct.pack_into("<H", patched, header + method_at, method)
        if crc is not None:
            struct.pack_into("<I", patched, header + crc_at, crc)
        if size is not None:
            struct.pack_into("<I", patched, header + size_at, size)
    return bytes(patched)


@functools.cache
def zip_bomb() -> bytes:
    """50 MB of zeros that compress to about 50 KB."""
    return make_zip([("bomb.txt", bytes(50 * MB))])


def record(name: str, text: str, encoding: str, raw: bytes) -> ImportedText:
    return ImportedText(name, text, encoding, hashlib.sha256(raw).hexdigest(), len(raw))


def refusal(name: str, data: bytes, limits: ImportLimits = LIMITS) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        parse_upload(name, data, limits)
    return caught.value


def peak_memory_of(call: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        call()
    except ImportRefused:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


# --- what a good zip yields ----------------------------------------------------------------


def test_text_entries_become_records_in_archive_order() -> None:
    gb = "宁夏回族自治区工业和信息化厅".encode("gb18030")
    utf16 = codecs.BOM_UTF16_BE + "Policy 政策\r\n".encode("utf-16-be")
    plain = b"Line one\r\nLine two\n"
    data = make_zip([("docs/", b""), ("docs/gov.txt", gb), ("b.md", utf16), ("a.TXT", plain)])

    assert parse_upload("Bundle.ZIP", data, LIMITS) == [
        record("docs/gov.txt", "宁夏回族自治区工业和信息化厅", "gb18030", gb),
        record("b.md", "Policy 政策\r\n", "utf-16", utf16),
        record("a.TXT", "Line one\r\nLine two\n", "utf-8", plain),
    ]


@pytest.mark.parametrize(
    "compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)
def test_every_standard_compression_method(compression: int) -> None:
    [record] = parse_upload("x.zip", make_zip([("a.txt", b"hello")], compression), LIMITS)
    assert record.text == "hello"


def test_os_junk_and_directories_are_skipped() -> None:
    data = make_zip(
        [
            ("__MACOSX/", b""),
            ("__MACOSX/._a.txt", b"\x00\x05\x16\x07 resource fork"),
            ("docs/.DS_Store", b"\x00\x00\x00\x01Bud1"),
            ("docs/._notes.txt", b"\x00\x05\x16\x07"),
            ("Thumbs.db", b"\xd0\xcf\x11\xe0"),
            ("docs/notes.txt", b"kept"),
        ]
    )
    assert [record.name for record in parse_upload("mac.zip", data, LIMITS)] == ["docs/notes.txt"]


def test_entry_names_are_normalised_with_forward_slashes() -> None:
    data = make_zip([("win\\sub\\a.txt", b"a"), ("./b.txt", b"b"), ("c//d.md", b"d")])
    names = [record.name for record in parse_upload("x.zip", data, LIMITS)]
    assert names == ["win/sub/a.txt", "b.txt", "c/d.md"]


def test_utf8_names_written_without_the_utf8_flag_are_repaired() -> None:
    data = patch_single_entry(make_zip([("报告/第一章.txt", b"text")]), clear_flags=0x800)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() != ["报告/第一章.txt"]  # cp437 mojibake
    assert parse_upload("x.zip", data, LIMITS)[0].name == "报告/第一章.txt"


def test_max_files_counts_files_not_junk_or_directories() -> None:
    entries = [(f"{i}.txt", b"x") for i in range(5)] + [("d/", b""), (".DS_Store", b"\x00")]
    assert len(parse_upload("x.zip", make_zip(entries), LIMITS)) == 5


# --- refused: paths ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "../evil.txt",
        "/etc/passwd.txt",
        "C:\\x.txt",
        "c:/x.txt",
        "a/../../b.txt",
        "a\\..\\..\\b.txt",
        "\\\\server\\share\\x.txt",
    ],
)
def test_zip_slip_names_refuse_the_whole_zip(entry: str) -> None:
    exc = refusal("slip.zip", make_zip([("fine.txt", b"fine"), (entry, b"evil")]))
    assert exc.name == f"slip.zip/{entry}"
    assert exc.reason.startswith("unsafe path inside the zip")


def test_unsafe_names_are_refused_even_for_junk_entries() -> None:
    exc = refusal("slip.zip", make_zip([("ok.txt", b"ok"), ("../__MACOSX/._x", b"")]))
    assert "unsafe path" in exc.reason


def test_duplicate_entry_names_are_refused() -> None:
    exc = refusal("dup.zip", make_zip([("a.txt", b"one"), ("./a.txt", b"two")]))
    assert str(exc) == "dup.zip/a.txt: appears more than once in the zip"


# --- refused: types and contents ------------------------------------------------------------


@pytest.mark.parametrize("entry", ["report.pdf", "inner.zip", "README"])
def test_an_entry_of_another_type_refuses_the_zip_naming_it(entry: str) -> None:
    exc = refusal("x.zip", make_zip([("a.txt", b"a"), (entry, b"data")]))
    assert exc.name == f"x.zip/{entry}"
    assert "may contain only .txt or .md files" in exc.reason


def test_nested_zip_message_says_so() -> None:
    exc = refusal("x.zip", make_zip([("inner.zip", make_zip([("a.txt", b"a")]))]))
    assert "zips inside zips are not supported" in exc.reason


@pytest.mark.parametrize(
    "entries", [[], [("docs/", b"")], [("__MACOSX/._a.txt", b"x"), (".DS_Store", b"x")]]
)
def test_zip_without_text_files_is_refused(entries: list[tuple[str, bytes]]) -> None:
    assert str(refusal("x.zip", make_zip(entries))) == "x.zip: contains no .txt or .md files"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "the file contains only whitespace"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)), "not a text file"),
    ],
    ids=["empty", "whitespace", "binary"],
)
def test_one_bad_entry_refuses_the_zip_naming_it(payload: bytes, reason: str) -> None:
    exc = refusal("x.zip", make_zip([("good.txt", b"good"), ("sub/bad.txt", payload)]))
    assert exc.name == "x.zip/sub/bad.txt"
    assert exc.reason.startswith(reason)


# --- refused: limits ---------------------------------------------------------------------


def test_more_files_than_allowed_is_refused() -> None:
    entries = [(f"{i}.txt", b"x") for i in range(6)]
    assert refusal("x.zip", make_zip(entries)).reason == "contains 6 files; the limit is 5 per zip"


def test_declared_entry_size_over_the_file_limit_is_refused() -> None:
    exc = refusal("x.zip", make_zip([("big.txt", b"a" * (MB + MB // 2))]))
    assert str(exc) == "x.zip/big.txt: larger than the 1 MB limit (1.5 MB uncompressed)"


def test_total_over_the_upload_limit_is_refused() -> None:
    entries = [(f"{i}.txt", b"a" * (800 * 1024)) for i in range(3)]  # each fine, 2.3 MB in all
    exc = refusal("x.zip", make_zip(entries))
    assert str(exc) == "x.zip: larger than the 2 MB limit (2.3 MB uncompressed) for one upload"


def test_zip_file_itself_over_the_upload_limit_is_refused() -> None:
    data = make_zip([("a.txt", bytes(range(256)) * 10_000)], zipfile.ZIP_STORED)
    limits = ImportLimits(max_file_bytes=MB, max_upload_bytes=MB)
    assert refusal("x.zip", data, limits).reason.startswith("larger than the 1 MB limit")


def test_zip_bomb_is_refused_without_inflating() -> None:
    limits = ImportLimits(max_file_bytes=MB, max_upload_bytes=MB)
    assert len(zip_bomb()) < MB
    exc = refusal("bomb.zip", zip_bomb(), limits)
    assert str(exc) == "bomb.zip/bomb.txt: larger than the 1 MB limit (50 MB uncompressed)"
    assert peak_memory_of(functools.partial(parse_upload, "bomb.zip", zip_bomb(), limits)) < 2 * MB


def test_zip_bomb_with_a_lying_size_header_is_refused_without_inflating() -> None:
    lying = patch_single_entry(zip_bomb(), size=1000)
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo("bomb.txt").file_size == 1000
    exc = refusal("bomb.zip", lying)
    assert exc.name == "bomb.zip/bomb.txt"
    assert "damaged" in exc.reason
    assert peak_memory_of(functools.partial(parse_upload, "bomb.zip", lying, LIMITS)) < 2 * MB


def test_bounded_reader_stops_at_the_limit_whatever_the_header_says() -> None:
    # The reader alone, past the header checks: memory stays near the limit, not 50 MB.
    archive = zipfile.ZipFile(io.BytesIO(zip_bomb()))
    entry = _Entry(info=archive.getinfo("bomb.txt"), path="bomb.txt", importer=PlainTextImporter)
    limits = ImportLimits(max_file_bytes=MB, max_upload_bytes=10 * MB)
    read = functools.partial(_read_bounded, "bomb.zip", archive, entry, limits, 10 * MB)
    with pytest.raises(ImportRefused, match="larger than the 1 MB limit once uncompressed"):
        read()
    assert peak_memory_of(read) < 3 * MB


def test_bounded_reader_enforces_what_is_left_of_the_upload_budget() -> None:
    archive = zipfile.ZipFile(io.BytesIO(make_zip([("a.txt", b"a" * 5000)])))
    entry = _Entry(info=archive.getinfo("a.txt"), path="a.txt", importer=PlainTextImporter)
    limits = ImportLimits(max_file_bytes=MB, max_upload_bytes=MB)
    with pytest.raises(ImportRefused) as caught:
        _read_bounded("x.zip", archive, entry, limits, 4000)
    assert str(caught.value) == "x.zip: expands to more than the 1 MB limit for one upload"


# --- refused: damaged, encrypted, unsupported ----------------------------------------------


def test_encrypted_entry_is_refused() -> None:
    data = patch_single_entry(make_zip([("secret.txt", b"secret")]), set_flags=0x1)
    exc = refusal("x.zip", data)
    assert str(exc) == "x.zip/secret.txt: is password-protected; upload an unencrypted zip"


def test_unsupported_compression_method_is_refused() -> None:
    data = patch_single_entry(make_zip([("a.txt", b"text")]), method=9)  # Deflate64
    assert "compression method that is not supported" in refusal("x.zip", data).reason


@pytest.mark.parametrize(
    "data",
    [b"", b"this is not a zip file", make_zip([("a.txt", b"hello world " * 50)])[:-30]],
    ids=["empty", "text", "truncated"],
)
def test_not_a_zip_is_refused_clearly(data: bytes) -> None:
    exc = refusal("x.zip", data)
    assert exc.name == "x.zip"
    assert exc.reason == "the file is empty" or exc.reason.startswith("not a valid zip file")


def test_corrupt_entry_data_is_refused_naming_the_entry() -> None:
    data = bytearray(make_zip([("a.txt", b"hello world, some text to compress " * 20)]))
    data[40] ^= 0xFF  # inside the deflate stream, just after the local header
    exc = refusal("x.zip", bytes(data))
    assert exc.name == "x.zip/a.txt"
    assert "damaged" in exc.reason


def test_crc_mismatch_is_refused() -> None:
    data = patch_single_entry(make_zip([("a.txt", b"hello")]), crc=zlib.crc32(b"other"))
    assert "damaged" in refusal("x.zip", data).reason


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.data())
def test_any_damage_is_either_imported_or_refused_never_a_crash(data: st.DataObject) -> None:
    original = make_zip([("a.txt", "宁夏 text ".encode() * 20), ("b/c.md", b"# notes\n")])
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    try:
        records = parse_upload("x.zip", bytes(damaged), LIMITS)
    except ImportRefused:
        return
    assert sum(record.size for record in records) <= LIMITS.max_upload_bytes
