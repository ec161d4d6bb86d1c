"""The segment table carries no index another one already provides.

Every index costs each of an import's 100,000 inserts (bench/bench_bilingual_import.py). An index
whose columns lead another index adds nothing a lookup could use: the longer one serves the same
lookups. Django adds such an index to each ForeignKey by default (document_id beside the unique
(document, position) index), so this pins that it stays off.
"""

import pytest
from django.db import connection

from corpus.models import Segment

pytestmark = pytest.mark.django_db


def _indexes(table: str) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        name: info["columns"]
        for name, info in constraints.items()
        if (info["index"] or info["unique"]) and not info["primary_key"] and info["columns"]
    }


def test_no_segment_index_is_the_leading_part_of_another():
    indexes = _indexes(Segment._meta.db_table)
    redundant = [
        (name, other)
        for name, columns in indexes.items()
        for other, longer in indexes.items()
        if other != name and len(longer) > len(columns) and longer[: len(columns)] == columns
    ]
    assert not redundant


def test_lookups_by_document_keep_an_index_leading_with_it():
    unique = _indexes(Segment._meta.db_table)["segment_unique_position"]
    assert unique == ["document_id", "position"]


def test_paragraph_lookups_by_document_have_an_index():
    # Every edit's checks read the segment's paragraph mates; without it an edit's cost grew with
    # the document (bench/bench_pages.py: a save in a 200,000-segment document).
    assert ["document_id", "paragraph"] in _indexes(Segment._meta.db_table).values()
