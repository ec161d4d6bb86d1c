"""corpus.services.counters.gathered: deltas applied inside are written once, at the end of the
outermost block, and a block left by an exception drops its own deltas (not its outer block's)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from corpus.models import Document
from corpus.services import counters
from corpus.services.counters import Delta

pytestmark = pytest.mark.django_db


def _moved(document_id: int, status: str, n: int = 1) -> dict:
    return {document_id: Delta({("status_counts", status): n})}


def _statuses(document) -> dict:
    return Document.objects.get(pk=document.pk).status_counts


def _document_updates(queries) -> int:
    return sum(q["sql"].startswith('UPDATE "corpus_document"') for q in queries.captured_queries)


def test_deltas_are_written_once_at_the_end_of_the_outer_block(text_document):
    document = text_document("One. Two.")
    before = _statuses(document)
    with CaptureQueriesContext(connection) as queries, counters.gathered():
        counters.apply(_moved(document.pk, "edited"))
        with counters.gathered():
            counters.apply(_moved(document.pk, "approved", 2))
        assert _statuses(document) == before  # nothing written yet
    assert _document_updates(queries) == 1
    after = _statuses(document)
    assert after.get("edited", 0) == before.get("edited", 0) + 1
    assert after.get("approved", 0) == before.get("approved", 0) + 2


def test_a_block_left_by_an_exception_drops_only_its_own_deltas(text_document):
    document = text_document("One. Two.")
    before = _statuses(document)
    with counters.gathered():
        counters.apply(_moved(document.pk, "edited"))
        with pytest.raises(ValueError), transaction.atomic(), counters.gathered():
            counters.apply(_moved(document.pk, "approved"))
            raise ValueError("refused")
    after = _statuses(document)
    assert after.get("edited", 0) == before.get("edited", 0) + 1
    assert after.get("approved", 0) == before.get("approved", 0)


def test_outside_a_block_a_delta_is_written_at_once(text_document):
    document = text_document("One. Two.")
    mt = _statuses(document)["mt"]
    counters.apply(_moved(document.pk, "mt", -1))
    assert _statuses(document)["mt"] == mt - 1
