"""Find and replace through the screens and the job: search pages, counts, refusals, the replace
preview with opt-outs, revisions and spans, stale and approved segments, the glossary preset."""

import re

import pytest
from django.urls import reverse

from annotate.models import Label, Span
from annotate.services.edits import edit_segment
from annotate.services.replace import start_replace_all
from annotate.services.spans import check_invariant
from corpus import roles
from corpus.models import Corpus, Job, Revision, Segment
from corpus.services import search as search_service
from corpus.services.segments import set_status
from corpus.text import search as pure
from corpus.text.search import compile_query
from glossary.services.concepts import create_term
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db

TEXT = "Jining grew on 20 acres. The acres of Jining 😀 are wide. ACRES and acresx, says Jining."


@pytest.fixture
def doc(text_document):
    return text_document(TEXT)


def segments(document):
    return list(document.segments.order_by("position"))


def search_url(corpus, **params):
    from urllib.parse import urlencode

    return reverse("annotate:corpus_search", args=[corpus.pk]) + "?" + urlencode(params)


def replace_url(corpus, **params):
    from urllib.parse import urlencode

    return reverse("annotate:replace_search", args=[corpus.pk]) + "?" + urlencode(params)


def test_search_page_shows_hits_in_context_each_linking_to_its_segment(client, translator, doc):
    login(client, translator)
    page = client.get(search_url(doc.corpus, q="jining"))
    html = page.content.decode()
    hits = list(page.context["page"].found)
    texts = [s.text for s in segments(doc)]
    expected = [(s.pk, m.start()) for s in segments(doc) for m in re.finditer("Jining", s.text)]
    assert [(f.segment_id, h.start) for f in hits for h in f.hits] == expected
    first = segments(doc)[0]
    link = reverse("annotate:document_review", args=[doc.pk])
    assert f'href="{link}?after={first.position - 1}#seg-{first.pk}"' in html
    assert "<mark>Jining</mark>" in html and any("Jining" in t for t in texts)
    counts = client.get(reverse("annotate:search_counts", args=[doc.corpus.pk]), {"q": "jining"})
    assert counts.content.decode().split("occurrence")[0].endswith("<strong>3</strong> ")
    assert "in <strong>3</strong> segments" in counts.content.decode()


def test_modes_reach_the_page_and_htmx_gets_only_the_results(client, translator, doc):
    login(client, translator)
    word = client.get(search_url(doc.corpus, q="acres", word="on"), **HX)
    assert word.content.decode().lstrip().startswith('<div id="find-results"')
    assert marked(word) == ["acres", "acres", "ACRES"]
    assert marked(client.get(search_url(doc.corpus, q="ACRES", case="on"), **HX)) == ["ACRES"]
    rx = client.get(search_url(doc.corpus, q=r"\d+ acres", regex="on"), **HX)
    assert marked(rx) == ["20 acres"]


def marked(response) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", response.content.decode())


def test_an_invalid_pattern_is_refused_with_the_reason(client, translator, doc):
    login(client, translator)
    page = client.get(search_url(doc.corpus, q="(acres", regex="on"), **HX)
    assert page.status_code == 200
    assert "Not a valid regular expression: missing ) at position" in page.content.decode()
    assert "find-counts" not in page.content.decode()


def test_a_slow_pattern_says_it_timed_out(client, translator, text_document, monkeypatch):
    text_document("a" * 60 + "b")
    monkeypatch.setattr(pure, "TIMEOUT", 0.02)
    login(client, translator)
    page = client.get(search_url(Corpus.objects.get(), q="(a|aa)+$", regex="on"), **HX)
    assert "this pattern takes too long to run" in page.content.decode()


def test_search_pages_are_keyset_and_stop_reading_after_one_page(
    text_document, django_assert_max_num_queries
):
    text = " ".join(f"Sentence {n} has growth in it." for n in range(700))
    document = text_document(text)
    query = compile_query("growth")
    with django_assert_max_num_queries(3):  # the documents, one batch of rows, the titles
        first = search_service.search_page(document.corpus_id, query, size=50)
    assert first.hit_count == 50 and first.next_after is not None
    seen, after = [], None
    while True:
        page = search_service.search_page(document.corpus_id, query, size=120, after=after)
        seen += [f.segment_id for f in page.found]
        if page.next_after is None:
            break
        after = page.next_after
    assert seen == [s.pk for s in document.segments.order_by("position")]


def test_the_prefilter_keeps_rows_spelled_with_a_foreign_case_twin(text_document):
    document = text_document("Five \u212ailos here. Five kilos there. None.")
    hits = search_service.search_page(document.corpus_id, compile_query("kilos")).found
    assert len(hits) == 2


def test_search_refusals(client, make_user, translator, doc):
    outsider = make_user("otto", roles.TRANSLATOR, member_of=Corpus.objects.create(name="Other"))
    login(client, outsider)
    assert client.get(search_url(doc.corpus, q="acres")).status_code == 404
    glossary_only = make_user("gil", roles.GLOSSARY_ADMIN, member_of=doc.corpus)
    login(client, glossary_only)
    assert client.get(search_url(doc.corpus, q="acres")).status_code == 200
    assert client.get(replace_url(doc.corpus, q="acres", to="mu")).status_code == 403
    assert client.post(replace_url(doc.corpus), {"q": "acres", "to": "mu"}).status_code == 403
    login(client, translator)
    elsewhere = Corpus.objects.get(name="Other")
    assert client.get(replace_url(elsewhere, q="acres", to="mu")).status_code == 404
    other = doc.corpus.documents.create(title="x", sha256="x", encoding="utf-8")
    other.corpus = elsewhere
    other.save()
    assert client.get(replace_url(doc.corpus, q="acres", to="mu", doc=other.pk)).status_code == 404
    assert client.get(search_url(doc.corpus, q="acres", doc=other.pk)).status_code == 404
    assert not Job.objects.exists()
    client.logout()
    assert client.get(search_url(doc.corpus, q="acres")).status_code == 302  # to the login


def preview_post(preview, drop=()):
    """The form the preview page posts, with the occurrences in `drop` unticked."""
    html = preview.content.decode()
    values = lambda name: re.findall(rf'name="{name}" value="([^"]*)"', html)  # noqa: E731
    data = {name: values(name) for name in ("seen", "occurrence", "q", "to", "word", "regex")}
    data["replace"] = [v for v in values("replace") if v not in drop]
    return {k: v for k, v in data.items() if v}


def test_replace_all_with_one_occurrence_opted_out_writes_one_revision_per_segment(
    client, translator, doc, django_capture_on_commit_callbacks
):
    first, second, third = segments(doc)
    label = Label.objects.create(corpus=doc.corpus, key="GPE", name="Place")
    start = second.text.index("Jining")
    span = Span.objects.create(
        segment=second, start=start, end=start + 6, text="Jining", label=label
    )
    login(client, translator)
    preview = client.get(replace_url(doc.corpus, q="acres", word="on", to="mu"))
    html = preview.content.decode()
    assert preview.status_code == 200 and "<ins>mu</ins>" in html
    opted_out = f"{third.pk}:0"  # "ACRES and acresx…": leave this one
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            preview.request["PATH_INFO"], preview_post(preview, [opted_out]), **HX
        )
    assert b"<progress" in response.content
    job = Job.objects.get()
    assert (job.state, job.total, job.done, job.message) == ("done", 2, 2, "")
    for segment in (first, second, third):
        segment.refresh_from_db()
    assert first.text == "Jining grew on 20 mu."
    assert second.text.startswith("The mu of Jining 😀")
    assert third.text.startswith("ACRES and acresx")  # opted out, and acresx is not a word hit
    revisions = Revision.objects.filter(action=Revision.Action.REPLACE_ALL)
    assert sorted(r.segment_id for r in revisions) == [first.pk, second.pk]
    assert all(r.author == translator and "“acres” → “mu”" in r.note for r in revisions)
    span.refresh_from_db()
    assert second.text[span.start : span.end] == "Jining" and span.start == start - 3
    assert check_invariant(second) == []


def test_a_regex_replacement_uses_groups(
    client, translator, doc, django_capture_on_commit_callbacks
):
    login(client, translator)
    preview = client.get(replace_url(doc.corpus, q=r"(\d+) acres", regex="on", to=r"\1 mu"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview.request["PATH_INFO"], preview_post(preview))
    assert segments(doc)[0].text == "Jining grew on 20 mu."


def test_a_segment_changed_after_the_preview_is_skipped_and_reported(
    client, translator, reviewer, doc, django_capture_on_commit_callbacks
):
    _, second, _ = segments(doc)
    login(client, translator)
    preview = client.get(replace_url(doc.corpus, q="acres", word="on", to="mu"))
    edit_segment(second, second.text + " Edited.", second.version, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview.request["PATH_INFO"], preview_post(preview))
    job = Job.objects.get()
    assert job.message == "Replaced in 2 segment(s); 1 skipped because they changed meanwhile."
    assert job.params["result"]["stale"] == [second.pk]
    progress = client.get(reverse("corpus:job_progress", args=[job.pk]), **HX).content.decode()
    history = reverse("annotate:segment_history", args=[second.pk])
    assert f'<a href="{history}">segment {second.pk}</a>' in progress
    second.refresh_from_db()
    assert "acres" in second.text and second.text.endswith("Edited.")
    assert not second.revisions.filter(action=Revision.Action.REPLACE_ALL).exists()


def test_approved_text_is_replaced_only_for_those_who_may_edit_it(
    make_user, translator, reviewer, text_document, django_capture_on_commit_callbacks
):
    document = text_document("The acres are wide.")
    segment = document.segments.get()
    set_status(segment, Segment.Status.APPROVED, segment.version, reviewer)
    gale = make_user("gale", roles.GLOSSARY_ADMIN, member_of=document.corpus)
    mu = create_term(
        gale, corpus=document.corpus, preferred="mu", status="approved", forbidden=["acres"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = start_replace_all(document.corpus, mu, mu.variants.get(), gale)
    job.refresh_from_db()
    segment.refresh_from_db()
    assert segment.text == "The acres are wide." and segment.status == "approved"
    assert "1 approved left as they are" in job.message
    with django_capture_on_commit_callbacks(execute=True):
        start_replace_all(document.corpus, mu, mu.variants.get(), translator)
    segment.refresh_from_db()
    assert segment.text == "The mu are wide." and segment.status == "edited"


def test_the_preview_shows_approved_segments_locked_for_a_glossary_admin(
    client, make_user, reviewer, text_document
):
    document = text_document("The acres are wide.")
    segment = document.segments.get()
    set_status(segment, Segment.Status.APPROVED, segment.version, reviewer)
    gale = make_user("gale", roles.GLOSSARY_ADMIN, member_of=document.corpus)
    mu = create_term(
        gale, corpus=document.corpus, preferred="mu", status="approved", forbidden=["acres"]
    )
    login(client, gale)
    url = reverse(
        "annotate:replace_variant", args=[document.corpus.pk, mu.pk, mu.variants.get().pk]
    )
    html = client.get(url).content.decode()
    assert '<input type="checkbox" disabled>' in html and 'name="replace"' not in html


def test_the_glossary_replace_is_a_preset_of_the_same_search(
    text_document, make_user, django_capture_on_commit_callbacks
):
    document = text_document("Acres here, acresx there, 20 ACRES in all.")
    gale = make_user("gale", roles.GLOSSARY_ADMIN, roles.REVIEWER, member_of=document.corpus)
    mu = create_term(
        gale, corpus=document.corpus, preferred="mu", status="approved", forbidden=["acres"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = start_replace_all(document.corpus, mu, mu.variants.get(), gale)
    job.refresh_from_db()
    assert job.params["query"] == {
        "text": "acres",
        "whole_word": True,
        "case_sensitive": False,
        "use_regex": False,
    }
    assert document.segments.get().text == "Mu here, acresx there, 20 mu in all."
