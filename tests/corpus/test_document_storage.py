"""How a document row is stored, where that decides what reading and writing it costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corpus.models import Document, DocumentFile

pytestmark = pytest.mark.django_db


def test_the_imported_file_is_not_in_the_document_row():
    # The document row is read by every page and rewritten by every counter update; SQLite
    # rewrites a whole row, so a file in it made each save in a long document rewrite the file.
    columns = [field.column for field in Document._meta.concrete_fields]
    assert "raw_text" not in columns
    assert not [
        f.name
        for f in Document._meta.concrete_fields
        if f.get_internal_type() == "TextField" and f.name != "leading"
    ]


def test_the_file_is_read_only_when_asked_for(text_document):
    document = text_document("Jining grew. Yinchuan waited.\n")
    with CaptureQueriesContext(connection) as queries:
        fetched = Document.objects.get(pk=document.pk)
    assert not [q for q in queries if "corpus_documentfile" in q["sql"]]
    assert fetched.raw_text == "Jining grew. Yinchuan waited.\n"
    assert DocumentFile.objects.get(document=document).text == fetched.raw_text
    assert fetched.current_text() == fetched.raw_text


def test_the_file_goes_with_its_document(text_document):
    document = text_document("Gone soon.")
    document.delete()
    assert not DocumentFile.objects.filter(document_id=document.pk).exists()
