"""Glossary import and export as plain records: CSV for spreadsheets, TBX for CAT tools.

Bytes or text in, ``ConceptRecord`` lists out (and back); the Django side maps records to
``GlossaryTerm`` rows. XML is read only through defusedxml (see ``tbx.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from corpus.text.i18n import N_

from .records import STATUSES, ConceptRecord, GlossaryFormatError
from .tbx import read_tbx, write_tbx

__all__ = [
    "CSV_COLUMNS",
    "LIST_SEPARATOR",
    "STATUSES",
    "ConceptRecord",
    "GlossaryFormatError",
    "read_csv",
    "read_tbx",
    "write_csv",
    "write_tbx",
]

LIST_SEPARATOR = " | "
CSV_COLUMNS = (
    "preferred",
    "source",
    "definition",
    "note",
    "domain",
    "part_of_speech",
    "status",
    "case_sensitive",
    "label",
    "admitted",
    "forbidden",
)
# Spreadsheets run a cell starting with one of these as a formula (CSV injection). The
# apostrophe is escaped too so that a term that really starts with one survives the round trip.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_STARTS = (*_FORMULA_TRIGGERS, "'")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n", ""}


# --- CSV -----------------------------------------------------------------------------------


def _escape_cell(value: str) -> str:
    return "'" + value if value.startswith(_ESCAPED_STARTS) else value


def _unescape_cell(value: str) -> str:
    # Only the apostrophe our exporter adds (one followed by a trigger or an apostrophe) is
    # removed, so a hand-typed "'t Hooft" keeps its apostrophe.
    if value.startswith("'") and value[1:].startswith(_ESCAPED_STARTS):
        return value[1:]
    return value


def _join_list(record: ConceptRecord, column: str, items: list[str]) -> str:
    for item in items:
        if "|" in item:
            raise GlossaryFormatError(
                N_(
                    "%(column)s variant %(item)s of %(record_preferred)s contains '|', the CSV list separator",
                    column=column,
                    item=repr(item),
                    record_preferred=repr(record.preferred),
                )
            )
    return LIST_SEPARATOR.join(item.strip() for item in items if item.strip())


def write_csv(records: Iterable[ConceptRecord]) -> str:
    """One header row, then one row per concept; variant lists joined with " | "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        # Terms are stripped (edge whitespace is never part of a term, and the importer strips
        # too); free text (definition, note) is written as it is.
        row = {
            "preferred": record.preferred.strip(),
            "source": record.source.strip(),
            "definition": record.definition,
            "note": record.note,
            "domain": record.domain,
            "part_of_speech": record.part_of_speech,
            "status": record.status,
            "case_sensitive": "true" if record.case_sensitive else "false",
            "label": record.label,
            "admitted": _join_list(record, "admitted", record.admitted),
            "forbidden": _join_list(record, "forbidden", record.forbidden),
        }
        writer.writerow([_escape_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _decode(data: bytes | str, what: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryFormatError(
            N_(
                "%(what)s is not UTF-8 text (byte %(exc_start)s cannot be decoded)",
                what=what,
                exc_start=exc.start,
            )
        ) from exc


def _split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


def _parse_status(value: str, where: str) -> str:
    status = value.strip().lower() or "approved"
    if status not in STATUSES:
        raise GlossaryFormatError(
            N_(
                "%(where)s: unknown status %(value)s; use one of %(statuses)s",
                where=where,
                value=repr(value),
                statuses=", ".join(STATUSES),
            )
        )
    return status


def _parse_bool(value: str, where: str) -> bool:
    flag = value.strip().lower()
    if flag in _TRUE:
        return True
    if flag in _FALSE:
        return False
    raise GlossaryFormatError(
        N_(
            "%(where)s: case_sensitive must be true or false, not %(value)s",
            where=where,
            value=repr(value),
        )
    )


def _numbered_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cells): a quoted cell may span lines, so rows are counted,
    not lines; csv errors are reported with the row they happened in."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise GlossaryFormatError(
                N_("row %(number)s: %(exc)s", number=number, exc=exc)
            ) from exc
        yield number, row


def _record(cells: dict[str, str], where: str) -> ConceptRecord:
    preferred = cells.get("preferred", "").strip()
    if not preferred:
        raise GlossaryFormatError(N_("%(where)s: the preferred term is empty", where=where))
    return ConceptRecord(
        preferred=preferred,
        source=cells.get("source", "").strip(),
        definition=cells.get("definition", ""),
        note=cells.get("note", ""),
        domain=cells.get("domain", "").strip(),
        part_of_speech=cells.get("part_of_speech", "").strip(),
        status=_parse_status(cells.get("status", ""), where),
        case_sensitive=_parse_bool(cells.get("case_sensitive", ""), where),
        label=cells.get("label", "").strip(),
        admitted=_split_list(cells.get("admitted", "")),
        forbidden=_split_list(cells.get("forbidden", "")),
    )


def read_csv(data: bytes | str) -> list[ConceptRecord]:
    """Concepts from a CSV with a header row. Header names are case-insensitive; unknown
    columns are ignored (other tools add ids and timestamps); blank rows are skipped. Errors
    name the row as a spreadsheet numbers it, the header being row 1."""
    rows = _numbered_rows(_decode(data, "The CSV file"))
    _, header = next(rows, (1, None))
    if header is None:
        raise GlossaryFormatError(
            N_("The CSV file is empty: expected a header row with a 'preferred' column")
        )
    names = [_unescape_cell(name).strip().lower().replace(" ", "_") for name in header]
    if "preferred" not in names:
        found = ", ".join(filter(None, names)) or "nothing"
        raise GlossaryFormatError(
            N_("row 1: no 'preferred' column in the header (found: %(found)s)", found=found)
        )
    # The first of duplicated columns wins.
    positions = {
        name: position for position, name in reversed(list(enumerate(names))) if name in CSV_COLUMNS
    }
    records = []
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = {
            name: _unescape_cell(row[position])
            for name, position in positions.items()
            if position < len(row)
        }
        records.append(_record(cells, f"row {number}"))
    return records
