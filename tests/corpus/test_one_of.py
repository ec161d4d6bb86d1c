"""OneOf: membership in a list sent as one parameter, the same rows as ``__in`` on each database."""

import pytest
from django.db import connection
from django.db.models import F

from corpus.db import OneOf
from corpus.models import Segment

pytestmark = pytest.mark.django_db


def _text(words: int) -> str:
    return " ".join(f"Sentence number {n} is here." for n in range(words))


def test_selects_the_same_rows_as_in(text_document):
    document = text_document(_text(30))
    ids = list(document.segments.values_list("pk", flat=True))
    chosen = [*ids[3:25:4], ids[-1], 10**9]  # unordered is fine; an unknown id matches nothing
    found = Segment.objects.filter(OneOf(F("pk"), chosen)).values_list("pk", flat=True)
    assert sorted(found) == sorted([*ids[3:25:4], ids[-1]])
    assert sorted(found) == sorted(
        Segment.objects.filter(pk__in=chosen).values_list("pk", flat=True)
    )


def test_empty_list_matches_nothing(text_document):
    text_document(_text(3))
    assert not Segment.objects.filter(OneOf(F("pk"), [])).exists()


def test_any_length_is_one_parameter(text_document):
    """2,000 ids as 2,000 parameters cost Django and the driver more than the rows they read."""
    text_document(_text(3))
    query = Segment.objects.filter(OneOf(F("document_id"), list(range(5000)))).query
    _sql, params = query.sql_with_params()
    assert len(params) == 1


def test_another_database_gets_the_plain_in_list(text_document):
    text_document(_text(3))
    query = Segment.objects.filter(OneOf(F("document_id"), [4, 5, 6])).query
    compiler = query.get_compiler(using="default")
    sql, params = (
        OneOf(F("document_id"), [4, 5, 6]).resolve_expression(query).as_sql(compiler, connection)
    )
    assert sql.endswith("IN (%s, %s, %s)")
    assert params == [4, 5, 6]
