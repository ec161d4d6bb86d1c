"""The export page and the streamed download: permissions, headers, the report in the ZIP, the page."""

import io
import json
import zipfile

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from annotate.models import Label, Span
from annotate.services.spans import add_span
from corpus import roles
from corpus.models import Corpus
from tests.conftest import PASSWORD
from tests.helpers import HX

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked(seed_document):
    corpus = seed_document.corpus
    gpe = Label.objects.create(corpus=corpus, key="GPE", name="Place", shortcut="1")
    for segment in seed_document.segments.filter(text__contains="Jining")[:5]:
        start = segment.text.index("Jining")
        add_span(segment, start, start + 6, gpe, None)
    return seed_document


def client_for(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def url(name, corpus, **params):
    from urllib.parse import urlencode

    return reverse(f"export:{name}", args=[corpus.pk]) + (
        "?" + urlencode(params, doseq=True) if params else ""
    )


def download(client, corpus, **params):
    response = client.get(url("download", corpus, **{"format": "redline-jsonl", **params}))
    assert response.status_code == 200, response.content[:500]
    assert isinstance(response, StreamingHttpResponse)
    return response, b"".join(response.streaming_content)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.mark.parametrize("view", ["page", "preview", "check", "download", "link"])
def test_who_may_export(client, marked, make_user, settings, view):
    corpus = marked.corpus
    admin = make_user("pat", roles.PROJECT_ADMIN, member_of=corpus)
    reviewer = make_user("rui", roles.REVIEWER, member_of=corpus)
    translator = make_user("tina", roles.TRANSLATOR, member_of=corpus)
    outsider = make_user("olga", roles.PROJECT_ADMIN)
    link = url(view, corpus, format="redline-jsonl")
    forbidden = 200 if view == "link" else 403  # the link view answers with nothing instead
    expected = {admin: 200, reviewer: forbidden, translator: forbidden, outsider: 404}
    for user, status in expected.items():
        client_for(client, user)
        assert client.get(link).status_code == status, (user.username, view)
    settings.REDLINE_EXPORT_ALLOW_REVIEWERS = True
    client_for(client, reviewer)
    assert client.get(link).status_code == 200
    client_for(client, translator)
    assert client.get(link).status_code == forbidden


def test_anonymous_users_are_sent_to_log_in(client, marked):
    response = client.get(url("download", marked.corpus, format="redline-jsonl"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_download_is_a_streamed_zip_with_a_safe_name_and_the_report_last(
    client, marked, project_admin
):
    corpus = marked.corpus
    corpus.name = 'Seeds / "2024": 报告'
    corpus.save()
    response, data = download(client_for(client, project_admin), corpus, statuses=["mt"])
    assert response["Content-Type"] == "application/zip"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(
        'attachment; filename="seeds-2024-redline-jsonl-'
    ) and disposition.endswith('.zip"')
    files = members(data)
    assert list(files) == [
        "seeds-2024-redline-jsonl.jsonl",
        "export-report.txt",
        "export-report.json",
    ]
    report = json.loads(files["export-report.json"])
    assert (
        report["spans_written"] == 5
        and report["filters"]["statuses"] == ["mt"]
        and report["problems"] == []
    )
    assert report["segments"] == marked.segments.count()


def test_unnamed_corpus_gets_a_fallback_file_name(client, marked, project_admin):
    corpus = marked.corpus
    corpus.name = "报告"
    corpus.save()
    response, _ = download(client_for(client, project_admin), corpus)
    assert f'filename="corpus-{corpus.pk}-redline-jsonl-' in response["Content-Disposition"]


def test_broken_span_is_warned_on_the_page_and_named_in_the_download(client, marked, project_admin):
    corpus = marked.corpus
    Span.objects.filter(pk=Span.objects.first().pk).update(text="Jinan")
    client_for(client, project_admin)
    page = client.get(url("page", corpus)).content.decode()
    assert "1 span no longer matches the text at its offsets" in page
    check = client.get(
        url("check", corpus, format="conll-iob", span_states=["accepted"])
    ).content.decode()
    assert (
        "Report of a trial run" in check
        and "&#x27;Jinan&#x27;" in check
        and "1 spans skipped" in check
    )
    _, data = download(client, corpus, format="conll-iob")
    text = members(data)["export-report.txt"].decode()
    assert "'Jinan'" in text and "surface text does not match" in text


def test_invalid_choices_rerender_the_page(client, marked, project_admin):
    client_for(client, project_admin)
    response = client.get(url("download", marked.corpus, format="nope"))
    assert response.status_code == 400 and b"Select a valid choice" in response.content
    response = client.get(
        url("download", marked.corpus, format="plain-text", statuses=["approved"])
    )
    assert response.status_code == 400 and b"Plain text exports whole documents" in response.content
    response = client.get(
        url(
            "download",
            marked.corpus,
            format="pairs-tsv",
            date_from="2024-05-02",
            date_to="2024-05-01",
        )
    )
    assert response.status_code == 400 and b"end date is before" in response.content


def test_preview_counts_follow_the_filters(client, marked, project_admin):
    client_for(client, project_admin)
    Span.objects.filter(pk=Span.objects.first().pk).update(state=Span.State.NEEDS_REVIEW)
    body = client.get(url("preview", marked.corpus, format="redline-jsonl"), **HX).content.decode()
    assert "4 spans" in body and "1 needs-review" in body
    body = client.get(
        url(
            "preview",
            marked.corpus,
            format="redline-jsonl",
            span_states=["accepted", "needs-review"],
        )
    ).content.decode()
    assert "5 spans" in body
    body = client.get(url("preview", marked.corpus, format="pairs-tsv")).content.decode()
    assert "carries text only" in body


def test_corpus_page_links_to_export_for_those_who_may(client, marked, make_user, settings):
    corpus = marked.corpus
    admin = make_user("pat", roles.PROJECT_ADMIN, member_of=corpus)
    reviewer = make_user("rui", roles.REVIEWER, member_of=corpus)
    page_url = reverse("corpus:corpus_detail", args=[corpus.pk])
    export_url = reverse("export:page", args=[corpus.pk])
    assert f'href="{export_url}"'.encode() in client_for(client, admin).get(page_url).content
    body = client_for(client, reviewer).get(page_url).content.decode()
    assert f'href="{export_url}"' not in body and reverse("export:link", args=[corpus.pk]) in body
    assert client.get(reverse("export:link", args=[corpus.pk])).content == b""
    settings.REDLINE_EXPORT_ALLOW_REVIEWERS = True
    assert export_url.encode() in client.get(reverse("export:link", args=[corpus.pk])).content


def test_the_page_renders_every_format_and_filter(client, marked, project_admin):
    body = client_for(client, project_admin).get(url("page", marked.corpus)).content.decode()
    for format_id in (
        "redline-jsonl",
        "doccano-jsonl",
        "prodigy-jsonl",
        "spacy-docbin",
        "conll-iob",
        "plain-text",
        "pairs-jsonl",
        "pairs-tsv",
    ):
        assert f'value="{format_id}"' in body
    assert 'value="GPE"' in body and 'name="statuses"' in body and 'name="date_from"' in body
    assert "export-report.txt" in body and "checked" in body


def test_check_refuses_very_large_selections(client, marked, project_admin, monkeypatch):
    from export import views as export_views

    monkeypatch.setattr(export_views, "CHECK_LIMIT", 3)
    body = (
        client_for(client, project_admin)
        .get(url("check", marked.corpus, format="redline-jsonl"))
        .content.decode()
    )
    assert "more than a check runs in the page" in body


def test_other_corpora_are_not_reachable(client, marked, project_admin):
    other = Corpus.objects.create(name="Other")
    assert client_for(client, project_admin).get(url("page", other)).status_code == 404


def test_every_checkbox_on_the_export_page_has_a_label(client, project_admin, corpus):
    import re

    client.force_login(project_admin)
    page = client.get(reverse("export:page", args=[corpus.pk])).content.decode()
    boxes = re.findall(r'<input type="checkbox"[^>]*id="([^"]+)"', page)
    assert boxes, "the page has checkboxes"
    for box in boxes:
        assert f'<label for="{box}">' in page, f"checkbox {box} has no label"
