"""One text rule on every write path (issue 13.5): the editor, the imports, the glossary."""

import pytest
from django.urls import reverse

from annotate.services.edits import edit_segment
from corpus.models import Document
from corpus.services import EditRefused
from corpus.validators import text_problem
from glossary.services.concepts import GlossaryRefused, create_term
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db
BAD = ["Jining\x00 grew.", "Jining\ud800 grew."]


@pytest.mark.parametrize(
    "text", ["Jining grew.", "Tab\tand emoji 🎉 and 𠀀.", "‮bidi is flagged, not refused"]
)
def test_the_rule_accepts_real_text(text):
    assert text_problem(text) is None


@pytest.mark.parametrize("text", BAD)
def test_the_rule_names_what_it_refuses(text):
    assert "character 7" in text_problem(text)


@pytest.mark.parametrize("text", BAD)
def test_the_edit_service_refuses_it(text_document, translator, text):
    segment = text_document("Jining grew fast.").segments.get()
    with pytest.raises(EditRefused, match="may not hold"):
        edit_segment(segment, text, segment.version, translator)


def test_the_editor_refuses_it(client, text_document, translator):
    segment = text_document("Jining grew fast.").segments.get()
    login(client, translator)
    response = client.post(
        reverse("annotate:segment_edit", args=[segment.pk]),
        {"text": BAD[0], "version": segment.version},
        **HX,
    )
    assert response.status_code == 422
    segment.refresh_from_db()
    assert segment.text == "Jining grew fast."


def test_the_text_import_refuses_it(text_document):
    with pytest.raises(EditRefused, match="the file contains"):
        text_document(BAD[0])
    assert not Document.objects.exists()


@pytest.mark.parametrize("text", BAD)
def test_glossary_writes_refuse_it(corpus, text):
    with pytest.raises(GlossaryRefused, match="may not hold"):
        create_term(None, corpus=corpus, preferred="index", definition=text)
    with pytest.raises(GlossaryRefused, match="may not hold"):
        create_term(None, corpus=corpus, preferred="index", forbidden=[text])
