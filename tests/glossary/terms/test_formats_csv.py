"""CSV import/export: lossless round trip, formula-injection escaping, clear errors."""

from __future__ import annotations

import csv
import io

import pytest

from glossary.terms.formats import (
    CSV_COLUMNS,
    ConceptRecord,
    GlossaryFormatError,
    read_csv,
    write_csv,
)

RECORDS = [
    ConceptRecord(
        "specialized, refined, distinctive and innovative",
        source="专精特新",
        definition='MIIT criteria.\nTwo lines, "quotes", commas',
        note="Abbreviation SRDI",
        domain="SME policy",
        part_of_speech="adjective",
        status="approved",
        case_sensitive=False,
        label="TERM",
        admitted=["SRDI"],
        forbidden=["specialized, special and new", "Specialized, Specialized, Special and New"],
    ),
    ConceptRecord("mu", source="亩", label="QUANTITY", forbidden=["acres", "acre"], status="draft"),
    ConceptRecord("US", case_sensitive=True, status="deprecated"),
    # Cells a spreadsheet would run as formulas, and ones that really start with an apostrophe.
    ConceptRecord(
        "-ization",
        definition='=HYPERLINK("http://evil")',
        note="'t Hooft said so",
        domain="+1",
        label="@TERM",
        admitted=["=SUM(A1)", "plain"],
        forbidden=["'quoted", "plain too"],
    ),
    ConceptRecord("'s-Hertogenbosch", definition="\tTabbed definition", note="\rCR first"),
]


def raw_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_round_trip_is_lossless():
    assert read_csv(write_csv(RECORDS)) == RECORDS
    assert read_csv(write_csv(RECORDS).encode("utf-8")) == RECORDS


def test_header_row_and_list_columns():
    rows = raw_rows(write_csv(RECORDS[:1]))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1][CSV_COLUMNS.index("forbidden")] == (
        "specialized, special and new | Specialized, Specialized, Special and New"
    )
    assert rows[1][CSV_COLUMNS.index("case_sensitive")] == "false"


def test_formula_cells_are_escaped_with_an_apostrophe():
    rows = raw_rows(write_csv(RECORDS[3:]))
    cells = dict(zip(CSV_COLUMNS, rows[1], strict=False))
    assert cells["preferred"] == "'-ization"
    assert cells["definition"] == '\'=HYPERLINK("http://evil")'
    assert cells["domain"] == "'+1"
    assert cells["label"] == "'@TERM"
    assert cells["admitted"] == "'=SUM(A1) | plain"
    assert cells["forbidden"] == "''quoted | plain too"
    assert cells["note"] == "''t Hooft said so"  # escaped so the importer's strip is exact
    second = dict(zip(CSV_COLUMNS, rows[2], strict=False))
    assert second["preferred"] == "''s-Hertogenbosch"
    assert second["definition"] == "'\tTabbed definition" and second["note"] == "'\rCR first"
    dangerous = tuple("=+-@\t\r")
    assert not any(cell.startswith(dangerous) for row in rows for cell in row)


def test_terms_are_stripped_free_text_is_not():
    records = read_csv(
        write_csv([ConceptRecord("  mu ", admitted=[" m.u. "], definition="  indented\n")])
    )
    assert records == [ConceptRecord("mu", admitted=["m.u."], definition="  indented\n")]


def test_hand_typed_apostrophes_are_kept():
    records = read_csv("preferred,note\n'til,'t Hooft\n")
    assert (records[0].preferred, records[0].note) == ("'til", "'t Hooft")
    assert read_csv("preferred\n'=1\n")[0].preferred == "=1"


def test_bom_is_tolerated():
    text = write_csv(RECORDS[:2])
    assert read_csv(text.encode("utf-8-sig")) == RECORDS[:2]
    assert read_csv("\ufeff" + text) == RECORDS[:2]


def test_minimal_file_other_tools_columns_and_blank_rows():
    data = "ID,Preferred,Status,Forbidden,Exported At\n7,mu,,acres|acre,2024\n,,,,\n8,yuan,Approved,,\n"
    assert read_csv(data) == [
        ConceptRecord("mu", forbidden=["acres", "acre"]),
        ConceptRecord("yuan"),
    ]


def test_missing_preferred_column():
    with pytest.raises(GlossaryFormatError, match=r"row 1: no 'preferred' column.*term, source"):
        read_csv("term,source\nmu,亩\n")


def test_empty_preferred_cell_names_the_row():
    with pytest.raises(GlossaryFormatError, match=r"row 3: the preferred term is empty"):
        read_csv("preferred,source\nmu,亩\n  ,元\n")


def test_unknown_status_names_row_and_value():
    with pytest.raises(GlossaryFormatError, match=r"row 2: unknown status 'published'"):
        read_csv("preferred,status\nmu,published\n")


def test_bad_boolean_names_the_row():
    with pytest.raises(GlossaryFormatError, match=r"row 2: case_sensitive must be true or false"):
        read_csv("preferred,case_sensitive\nmu,sometimes\n")


def test_empty_and_undecodable_files():
    with pytest.raises(GlossaryFormatError, match="empty"):
        read_csv(b"")
    with pytest.raises(GlossaryFormatError, match="not UTF-8"):
        read_csv("preferred\nmu\n".encode("utf-16"))


def test_variants_with_the_list_separator_are_refused_on_export():
    with pytest.raises(GlossaryFormatError, match=r"'a\|b' of 'mu'.*separator"):
        write_csv([ConceptRecord("mu", admitted=["a|b"])])
