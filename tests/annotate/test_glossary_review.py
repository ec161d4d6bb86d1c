"""The glossary on the review screen: hits underlined, forbidden variants fixed in one call,
linked suggestions from pre-annotation."""

import re

import pytest
from django.urls import reverse

from annotate.models import Finding, Label, Span
from annotate.services import findings, preannotate
from annotate.services.edits import apply_fix
from glossary.services.concepts import create_term
from tests.conftest import PASSWORD
from tests.helpers import HX

pytestmark = pytest.mark.django_db
PREFERRED = "specialized, refined, distinctive and innovative"


@pytest.fixture
def concept(corpus):
    return create_term(
        None,
        corpus=corpus,
        preferred=PREFERRED,
        source="专精特新",
        definition="SMEs that MIIT certifies.",
        status="approved",
        label_key="POLICY",
        forbidden=["specialized, special and new"],
    )


def test_forbidden_variant_is_a_finding_with_the_preferred_fix(text_document, translator, concept):
    segment = text_document(
        'We cultivate "specialized, special and new" enterprises.'
    ).segments.get()
    findings.refresh([segment])
    finding = Finding.objects.get(segment=segment, check_id="glossary-forbidden")
    assert (
        finding.fix == PREFERRED
        and segment.text[finding.start : finding.end] == "specialized, special and new"
    )
    change = apply_fix(finding, 1, translator)
    assert PREFERRED in change.segment.text and change.revision.action == "fix-applied"
    assert not Finding.objects.filter(segment=segment, check_id="glossary-forbidden").exists()


def test_review_page_underlines_glossary_hits_with_a_tooltip(
    client, translator, text_document, concept
):
    document = text_document(
        f"Firms that are {PREFERRED} grow. Others are specialized, special and new."
    )
    client.login(username=translator.username, password=PASSWORD)
    html = client.get(reverse("annotate:document_review", args=[document.pk])).content.decode()
    assert "gl gl-preferred" in html and "gl gl-forbidden" in html
    assert (
        "Glossary: specialized, refined, distinctive and innovative (专精特新) — SMEs that MIIT certifies."
        in html
    )
    assert "use “specialized, refined, distinctive and innovative”" in html


def test_preannotation_suggests_linked_glossary_terms(text_document, translator, concept, corpus):
    Label.objects.create(corpus=corpus, key="POLICY", name="Policy")
    segment = text_document(f"We support {PREFERRED} enterprises.").segments.get()
    preannotate.run_job(preannotate.start_job(corpus, segment.document, translator).pk)
    span = Span.objects.get(segment=segment)
    assert (span.text, span.label.key, span.origin, span.term_id) == (
        PREFERRED,
        "POLICY",
        "glossary",
        concept.pk,
    )


def test_link_endpoint_links_a_span_and_the_chip_says_so(
    client, translator, text_document, concept, corpus
):
    label = Label.objects.create(corpus=corpus, key="POLICY", name="Policy", shortcut="9")
    segment = text_document("We support specialized firms.").segments.get()
    span = Span.objects.create(segment=segment, start=11, end=22, text="specialized", label=label)
    client.login(username=translator.username, password=PASSWORD)
    options = client.get(
        reverse("annotate:term_search"), {"corpus": corpus.pk, "q": "specialized refined"}
    ).content.decode()
    assert re.findall(r'data-term="(\d+)"', options)[0] == str(concept.pk)
    assert (
        client.post(
            reverse("annotate:term_link"), {"span": span.pk, "term": concept.pk}
        ).status_code
        == 200
    )
    fragment = client.get(
        reverse("annotate:segment_detail", args=[segment.pk]), **HX
    ).content.decode()
    assert (
        "linked to “specialized, refined, distinctive and innovative”" in fragment
        and "≡" in fragment
    )
