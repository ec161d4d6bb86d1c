"""How a document row is stored, where that decides what reading it costs."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL keeps long values out of line"
)
def test_raw_text_is_the_last_column_on_sqlite():
    # SQLite reads a row's columns in table order through the overflow pages of a long value, so
    # a column after raw_text costs every document read a walk through the imported file. A new
    # Document field needs the move of corpus/migrations/*_raw_text_last.py again.
    with connection.cursor() as cursor:
        columns = [row[1] for row in cursor.execute("PRAGMA table_info(corpus_document)")]
    assert columns[-1] == "raw_text", columns
