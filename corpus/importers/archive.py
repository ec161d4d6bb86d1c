"""Zip uploads: many text files in one go, refused as a whole at the first problem.

A zip is hostile input until proven otherwise, so nothing here trusts its headers: entry
names are checked before use, declared sizes are checked before reading, and every entry is
read through a bounded reader so a lying header or a zip bomb cannot inflate past the limits.
"""

from __future__ import annotations

import io
import lzma
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import ClassVar

from corpus.importers.base import (
    DEFAULT_OPTIONS,
    ImportedText,
    Importer,
    ImportLimits,
    ImportOptions,
    ImportRefused,
    extension_of,
    format_size,
    too_large_reason,
)
from corpus.importers.parallel import pair_parallel_texts
from corpus.importers.plaintext import PlainTextImporter
from corpus.text.i18n import N_

# What a damaged archive raises varies with where the damage is: the central directory
# (BadZipFile), a deflate stream (zlib.error), an lzma stream (LZMAError), a truncated
# member (EOFError) or a bzip2 stream (OSError).
_DAMAGED = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError)

_READ_CHUNK = 64 * 1024
_UTF8_NAME_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
# Files operating systems add on their own; users never meant to upload them.
_JUNK_DIRS = frozenset({"__MACOSX"})
_JUNK_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class _Entry:
    info: zipfile.ZipInfo
    path: str  # normalised, "/"-separated; the name records and messages use
    importer: type[Importer]


class ZipImporter(Importer):
    id = "zip"
    label = N_("Zip of text files")
    extensions = (".zip",)
    # What may sit inside a zip. Nested zips stay out: one pass over one archive keeps the
    # limits simple to enforce and to explain.
    entry_importers: ClassVar[tuple[type[Importer], ...]] = (PlainTextImporter,)

    @classmethod
    def parse(
        cls, name: str, data: bytes, limits: ImportLimits, options: ImportOptions = DEFAULT_OPTIONS
    ) -> list[ImportedText]:
        if len(data) > limits.max_upload_bytes:
            raise ImportRefused(name, too_large_reason(len(data), limits.max_upload_bytes))
        if not data:
            raise ImportRefused(name, N_("the file is empty"))
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except NotImplementedError as exc:  # e.g. a zip format version newer than zipfile's
            raise ImportRefused(
                name, N_("uses zip features that are not supported (%(exc)s)", exc=exc)
            ) from exc
        except _DAMAGED as exc:
            raise ImportRefused(name, N_("not a valid zip file (%(exc)s)", exc=exc)) from exc
        with archive:
            entries = cls._select_entries(name, archive.infolist(), limits)
            records: list[ImportedText] = []
            bytes_read = 0
            for entry in entries:
                budget_left = limits.max_upload_bytes - bytes_read
                payload = _read_bounded(name, archive, entry, limits, budget_left)
                bytes_read += len(payload)
                records.extend(_parse_entry(name, entry, payload, limits, options))
        if options.bilingual:
            records, refusals = pair_parallel_texts(records, options)
            if refusals:
                # A zip is refused whole, as for any other bad entry.
                raise ImportRefused(f"{name}/{refusals[0].name}", refusals[0].reason)
        return records

    @classmethod
    def _select_entries(
        cls, name: str, infos: list[zipfile.ZipInfo], limits: ImportLimits
    ) -> list[_Entry]:
        """Check names, types and declared sizes of every entry before reading any of them."""
        entries: list[_Entry] = []
        seen: set[str] = set()
        for info in infos:
            raw_name = _entry_name(info)
            if not raw_name:
                # zipfile's own is_dir() fails on a nameless entry; only a damaged zip has one.
                raise ImportRefused(name, N_("not a valid zip file (an entry has no name)"))
            if _is_unsafe(raw_name):
                raise ImportRefused(
                    f"{name}/{raw_name}",
                    N_(
                        'unsafe path inside the zip (absolute paths, drive letters and ".." are not allowed)'
                    ),
                )
            path = _normalise(raw_name)
            if info.is_dir() or raw_name.endswith(("/", "\\")) or _is_junk(path):
                continue
            importer = next((imp for imp in cls.entry_importers if imp.accepts(path)), None)
            if importer is None:
                raise ImportRefused(f"{name}/{path}", cls._wrong_type_reason(path))
            if path in seen:
                raise ImportRefused(f"{name}/{path}", N_("appears more than once in the zip"))
            seen.add(path)
            entries.append(_Entry(info=info, path=path, importer=importer))

        if not entries:
            raise ImportRefused(
                name, N_("contains no %(accepted)s files", accepted=_accepted(cls.entry_importers))
            )
        if len(entries) > limits.max_files:
            raise ImportRefused(
                name,
                N_(
                    "contains %(n_entries)s files; the limit is %(limits_max_files)s per zip",
                    n_entries=format(len(entries), ","),
                    limits_max_files=format(limits.max_files, ","),
                ),
            )
        for entry in entries:
            _check_declared_entry(name, entry, limits)
        declared_total = sum(entry.info.file_size for entry in entries)
        if declared_total > limits.max_upload_bytes:
            raise ImportRefused(
                name,
                too_large_reason(declared_total, limits.max_upload_bytes, " uncompressed")
                + " for one upload",
            )
        return entries

    @classmethod
    def _wrong_type_reason(cls, path: str) -> str:
        extension = extension_of(path)
        found = f"a {extension} file" if extension else "a file without an extension"
        return f"{found}; a zip may contain only {_accepted(cls.entry_importers)} files" + (
            " (zips inside zips are not supported)" if extension == ".zip" else ""
        )


def _parse_entry(
    zip_name: str, entry: _Entry, data: bytes, limits: ImportLimits, options: ImportOptions
) -> list[ImportedText]:
    try:
        return entry.importer.parse(entry.path, data, limits, options)
    except ImportRefused as exc:
        # The entry importer names the entry alone; the user needs to know it was in the zip.
        raise ImportRefused(f"{zip_name}/{exc.name}", exc.reason) from exc


def _read_bounded(
    zip_name: str,
    archive: zipfile.ZipFile,
    entry: _Entry,
    limits: ImportLimits,
    budget_left: int,
) -> bytes:
    """Read one entry, stopping one byte past the tighter of the two limits.

    zipfile already stops at the declared size and then checks the CRC, so a header that
    understates the size is refused as damaged. This bound does not rely on that: memory stays
    within the limits whatever the headers claim or the library does. Overlapping entries (one
    compressed stream listed many times) are caught too, as every read counts against the budget.
    """
    where = f"{zip_name}/{entry.path}"
    cap = min(limits.max_file_bytes, budget_left)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(entry.info) as stream:
            while size <= cap:
                chunk = stream.read(min(_READ_CHUNK, cap + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except NotImplementedError as exc:
        reason = N_("uses a compression method that is not supported (%(exc)s)", exc=exc)
        raise ImportRefused(where, reason) from exc
    except _DAMAGED as exc:
        raise ImportRefused(where, N_("this zip entry is damaged (%(exc)s)", exc=exc)) from exc

    if size > limits.max_file_bytes:
        limit = format_size(limits.max_file_bytes)
        raise ImportRefused(
            where, N_("larger than the %(limit)s limit once uncompressed", limit=limit)
        )
    if size > budget_left:
        limit = format_size(limits.max_upload_bytes)
        raise ImportRefused(
            zip_name, N_("expands to more than the %(limit)s limit for one upload", limit=limit)
        )
    return b"".join(chunks)


def _check_declared_entry(zip_name: str, entry: _Entry, limits: ImportLimits) -> None:
    where = f"{zip_name}/{entry.path}"
    if entry.info.flag_bits & _ENCRYPTED_FLAG:
        raise ImportRefused(where, N_("is password-protected; upload an unencrypted zip"))
    if entry.info.file_size > limits.max_file_bytes:
        raise ImportRefused(
            where, too_large_reason(entry.info.file_size, limits.max_file_bytes, " uncompressed")
        )


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name, repairing UTF-8 names stored without the UTF-8 flag.

    zipfile decodes unflagged names as cp437, but many zip tools write UTF-8 without setting
    the flag, which would turn Chinese file names into mojibake.
    """
    if info.flag_bits & _UTF8_NAME_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename


def _is_unsafe(raw_name: str) -> bool:
    # Windows tools write "\" separators, so both count; the same for drive letters, which
    # would be absolute paths on the machine that extracts the archive.
    parts = raw_name.replace("\\", "/").split("/")
    return raw_name.startswith(("/", "\\")) or bool(_DRIVE_LETTER.match(raw_name)) or ".." in parts


def _normalise(raw_name: str) -> str:
    parts = raw_name.replace("\\", "/").split("/")
    return "/".join(part for part in parts if part not in ("", "."))


def _is_junk(path: str) -> bool:
    parts = path.split("/")
    base = parts[-1]
    return any(part in _JUNK_DIRS for part in parts) or base in _JUNK_FILES or base.startswith("._")


def _accepted(importers: tuple[type[Importer], ...]) -> str:
    """'.txt or .md', for messages that tell the user what a zip may hold."""
    extensions = [ext for importer in importers for ext in importer.extensions]
    if len(extensions) == 1:
        return extensions[0]
    return ", ".join(extensions[:-1]) + " or " + extensions[-1]
