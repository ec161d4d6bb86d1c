"""A bilingual document on the review screen and through the edits: the source above the target,
glossary terms in the source, inline codes as tokens the editor must keep, source-aware
findings, and merge/split carrying the source."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.models import Finding
from annotate.services import edits
from annotate.services.findings import refresh_document
from corpus.importers import parse_uploads
from corpus.models import Segment
from corpus.services import EditRefused
from corpus.services.imports import import_limits, import_parsed
from glossary.services.concepts import create_term
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="r" source-language="zh" target-language="en" datatype="plaintext"><body>
<trans-unit id="a"><source><x id="1"/>开发区的面积为三千亩。</source><target><x id="1"/>The development zone covers 6,847 acres.</target></trans-unit>
<trans-unit id="b"><source>这是第二句话。</source><target>This is the second sentence.</target></trans-unit>
<trans-unit id="c"><source>第三句&lt;script&gt;。</source><target>The third &lt;b&gt; sentence.</target></trans-unit>
</body></file></xliff>"""


@pytest.fixture
def bilingual(corpus):
    records, refusals = parse_uploads([("r.xlf", XLIFF.encode())], import_limits(), bilingual=True)
    assert not refusals
    return import_parsed(corpus, records[0])


def units(document):
    return list(document.segments.order_by("position"))


def test_review_page_shows_the_source_above_the_target_escaped(
    client, translator, bilingual, corpus
):
    create_term(
        translator, corpus=corpus, preferred="development zone", source="开发区", status="approved"
    )
    login(client, translator)
    page = client.get(reverse("annotate:document_review", args=[bilingual.pk])).content.decode()
    first = page.index('class="seg-source" lang="zh"')
    assert first < page.index('class="seg-text" lang="en"')
    assert page.count('class="seg-source"') == 3
    assert '<mark class="src-term" title="Glossary: development zone">开发区</mark>' in page
    assert "第三句&lt;script&gt;。" in page and "<script>。" not in page
    assert 'data-ph="⟨1⟩"' in page  # the code is a token in source and target


def test_source_numbers_are_checked_and_fixed_with_the_source(translator, bilingual):
    first = units(bilingual)[0]
    refresh_document(bilingual)
    finding = Finding.objects.get(segment=first, check_id="source-numbers")
    assert "3,000" in (finding.fix or "") or "3,000" in finding.message
    assert finding.fix is not None
    edits.apply_fix(finding, first.version, translator)
    first.refresh_from_db()
    assert "3,000" in first.text and first.source_text.endswith("三千亩。")
    assert not Finding.objects.filter(segment=first, check_id="source-numbers").exists()


def test_missing_glossary_term_is_found_in_the_source(translator, bilingual, corpus):
    create_term(
        translator, corpus=corpus, preferred="second sentence", source="第二句话", status="approved"
    )
    second = units(bilingual)[1]
    edits.edit_segment(second, "This is the other line.", second.version, translator)
    assert Finding.objects.filter(segment=second, check_id="missing-term").exists()


def test_an_edit_that_drops_an_inline_code_is_refused(client, translator, bilingual):
    first = units(bilingual)[0]
    code = first.text[0]
    assert code in first.placeholders
    with pytest.raises(EditRefused, match="removes ⟨1⟩"):
        edits.edit_segment(first, first.text[1:], first.version, translator)
    login(client, translator)
    response = client.post(
        reverse("annotate:segment_edit", args=[first.pk]),
        {"text": first.text[1:] + "!", "version": first.version},
        **HX,
    )
    assert response.status_code == 422
    assert "Inline codes must stay" in response.content.decode()
    first.refresh_from_db()
    assert first.text[0] == code and first.version == 1
    moved = first.text[1:].replace("covers", "covers " + code, 1)
    edits.edit_segment(first, moved, first.version, translator)  # moving it is fine


def test_the_editor_shows_the_source_and_the_codes(client, translator, bilingual):
    first = units(bilingual)[0]
    login(client, translator)
    html = client.get(reverse("annotate:segment_edit", args=[first.pk]), **HX).content.decode()
    assert 'class="seg-source editing-source" lang="zh"' in html
    assert "<code>&lt;x id=&quot;1&quot;/&gt;</code>" in html


def test_merge_joins_both_sides_and_split_keeps_the_source_on_the_first_part(translator, bilingual):
    _first, second, _third = units(bilingual)
    merged = edits.merge_with_next(second, second.version, translator).change.segment
    assert merged.source_text == "这是第二句话。第三句<script>。"
    assert merged.text == "This is the second sentence. The third <b> sentence."
    assert merged.unit["merged"] == ["c"]
    cut = merged.text.index("The third")
    split = edits.split_segment(merged, cut, merged.version, translator)
    left, right = split.left.segment, split.right.segment
    assert left.source_text == merged.source_text and right.source_text == ""
    assert right.unit["continues"] == "b" and right.unit_id == "b"


def test_monolingual_documents_have_no_source_on_the_page(client, translator, text_document):
    document = text_document("One sentence here. And another one.")
    login(client, translator)
    page = client.get(reverse("annotate:document_review", args=[document.pk])).content.decode()
    assert "seg-source" not in page
    assert not Segment.objects.exclude(source_text="").exists()


def _pair_document(corpus, count: int, name: str):
    files = [
        (f"{name}.zh.txt", "".join(f"第{i}句话。\n" for i in range(count)).encode()),
        (f"{name}.en.txt", "".join(f"Sentence {i}.\n" for i in range(count)).encode()),
    ]
    records, refusals = parse_uploads(files, import_limits(), bilingual=True)
    assert not refusals
    return import_parsed(corpus, records[0])


def test_bilingual_review_pages_cost_the_same_queries_however_long(
    client, reviewer, corpus, settings
):
    settings.REDLINE_PAGE_SIZE = 5
    small, large = _pair_document(corpus, 12, "small"), _pair_document(corpus, 300, "large")
    login(client, reviewer)
    counts = []
    for document in (small, large, large):
        url = reverse("annotate:document_review", args=[document.pk])
        client.get(url)  # the first opening runs the checks
        for query in ("", "?page=last"):
            with CaptureQueriesContext(connection) as queries:
                page = client.get(url + query)
            assert page.status_code == 200 and b'class="seg-source"' in page.content
            counts.append(len(queries))
    # Constant; 12 with the page's comments, reject reasons and open-comment count.
    assert len(set(counts)) == 1 and counts[0] < 10
