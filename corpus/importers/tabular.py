"""Bilingual TSV/CSV (``source<TAB>mt``) and JSONL (``{"source": ..., "mt": ...}``): one unit per row.

TSV and CSV: two columns, source then MT, and an optional header row naming them ("source"
then "mt", "target" or "translation"); with a header, an ``id`` column gives the unit ids and
other named columns are kept as metadata. Without one, a third column is refused. TSV fields
are taken literally (no quoting); CSV follows RFC 4180 quoting. Unit ids default to line numbers.

JSONL shares ``.jsonl`` with Redline JSONL: a file whose first record has "source" and "mt"
keys is this format (``claims``), anything else is Redline JSONL. ``id`` gives the unit id;
every other key but "source" and "mt" is kept as metadata.

A blank row (both sides empty) is skipped; an empty source beside an MT is refused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from corpus.importers.base import (
    DEFAULT_OPTIONS,
    ImportedText,
    ImportedUnit,
    Importer,
    ImportLimits,
    ImportOptions,
    ImportRefused,
    bilingual_text,
    checked_target,
)
from corpus.importers.placeholders import refuse_private_use
from corpus.importers.plaintext import read_text_file
from corpus.text.i18n import N_

__all__ = ["BilingualCsvImporter", "BilingualJsonlImporter", "BilingualTsvImporter", "plain_unit"]

_SOURCE_HEADERS = frozenset({"source", "src"})
_TARGET_HEADERS = frozenset({"mt", "target", "translation", "tgt"})


def plain_unit(
    name: str,
    where: str,
    source: str,
    target: str,
    options: ImportOptions,
    unit_id: str,
    metadata: Mapping[str, Any] | None = None,
) -> ImportedUnit:
    """A unit from plain text: no inline codes, so private-use characters are refused outright."""
    refuse_private_use(name, where, source, target)
    if not source.strip():
        raise ImportRefused(name, N_("%(where)s has an empty source beside its MT", where=where))
    checked_target(name, where, target, options)
    return ImportedUnit(source=source, target=target, unit_id=unit_id, metadata=metadata or {})


class _DelimitedImporter(Importer):
    carries_units = True

    @classmethod
    def rows(cls, name: str, text: str) -> Iterator[tuple[int, list[str]]]:
        raise NotImplementedError

    @classmethod
    def parse(
        cls, name: str, data: bytes, limits: ImportLimits, options: ImportOptions = DEFAULT_OPTIONS
    ) -> list[ImportedText]:
        decoded = read_text_file(name, data, limits)
        columns: list[str] | None = None
        units: list[ImportedUnit] = []
        for line, fields in cls.rows(name, decoded.text):
            if columns is None and not units and _is_header(fields):
                columns = [field.strip().lower() for field in fields]
                continue
            if not any(field.strip() for field in fields):
                continue
            where = f"line {line}"
            if columns is None:
                if len(fields) != 2:
                    raise ImportRefused(
                        name,
                        N_(
                            "%(where)s has %(n_fields)s columns; expected 2 (source, then MT)",
                            where=where,
                            n_fields=len(fields),
                        ),
                    )
                source, target, unit_id, extra = fields[0], fields[1], str(line), {}
            else:
                if len(fields) != len(columns):
                    raise ImportRefused(
                        name,
                        N_(
                            "%(where)s has %(n_fields)s columns; the header names %(n_columns)s",
                            where=where,
                            n_fields=len(fields),
                            n_columns=len(columns),
                        ),
                    )
                row = dict(zip(columns, fields, strict=True))
                source, target = fields[0], fields[1]
                unit_id = row.pop("id", "") or str(line)
                extra = dict(list(row.items())[2:])
            units.append(plain_unit(name, where, source, target, options, unit_id, extra))
        languages = (options.source_language, options.target_language)
        return [bilingual_text(name, data, decoded.encoding, units, languages)]


def _is_header(fields: list[str]) -> bool:
    return (
        len(fields) >= 2
        and fields[0].strip().lower() in _SOURCE_HEADERS
        and fields[1].strip().lower() in _TARGET_HEADERS
    )


class BilingualTsvImporter(_DelimitedImporter):
    id = "bilingual-tsv"
    label = N_("Tab-separated source and MT (.tsv)")
    extensions = (".tsv",)

    @classmethod
    def rows(cls, name: str, text: str) -> Iterator[tuple[int, list[str]]]:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for number, line in enumerate(lines, 1):
            yield number, line.removesuffix("\r").split("\t")


class BilingualCsvImporter(_DelimitedImporter):
    id = "bilingual-csv"
    label = N_("Comma-separated source and MT (.csv)")
    extensions = (".csv",)

    @classmethod
    def rows(cls, name: str, text: str) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            for fields in reader:
                yield reader.line_num, fields
        except csv.Error as error:
            raise ImportRefused(
                name,
                N_(
                    "line %(reader_line_num)s: not valid CSV (%(error)s)",
                    reader_line_num=reader.line_num,
                    error=error,
                ),
            ) from None


class BilingualJsonlImporter(Importer):
    id = "bilingual-jsonl"
    label = N_('JSON lines with "source" and "mt" (.jsonl)')
    extensions = (".jsonl",)
    carries_units = True

    @classmethod
    def claims(cls, data: bytes) -> bool:
        return looks_bilingual_jsonl(data)

    @classmethod
    def parse(
        cls, name: str, data: bytes, limits: ImportLimits, options: ImportOptions = DEFAULT_OPTIONS
    ) -> list[ImportedText]:
        decoded = read_text_file(name, data, limits)
        units: list[ImportedUnit] = []
        for number, line in enumerate(decoded.text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"line {number}"
            record = _object(name, where, line)
            source, target = (
                _string(name, where, record, "source"),
                _string(name, where, record, "mt"),
            )
            raw_id = record.pop("id", None)
            unit_id = str(raw_id) if raw_id is not None else str(number)
            del record["source"], record["mt"]
            units.append(plain_unit(name, where, source, target, options, unit_id, record))
        languages = (options.source_language, options.target_language)
        return [bilingual_text(name, data, decoded.encoding, units, languages)]


def looks_bilingual_jsonl(data: bytes) -> bool:
    """The first record has "source" and "mt": the one rule both JSONL importers go by."""
    first = next((line for line in io.BytesIO(data) if line.strip()), b"")
    try:
        record = orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return isinstance(record, dict) and "source" in record and "mt" in record


def _object(name: str, where: str, line: str) -> dict[str, Any]:
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        raise ImportRefused(
            name, N_("%(where)s: not valid JSON (%(error)s)", where=where, error=error)
        ) from None
    if not isinstance(record, dict):
        raise ImportRefused(name, N_("%(where)s: not a JSON object", where=where))
    return record


def _string(name: str, where: str, record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str):
        problem = "is missing" if value is None else f"is not a string ({type(value).__name__})"
        raise ImportRefused(name, f"{where}: “{key}” {problem}")
    return value
