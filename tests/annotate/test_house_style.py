"""A corpus's house style: project admins set it on its own small form; changing it re-checks
the corpus through the check job (the page being viewed at once, the rest by the worker)."""

import pytest
from django.urls import reverse

from annotate.models import Finding
from annotate.services import findings
from corpus.models import Corpus, Job
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TEXT = "The fire destroyed the warehouse -- no one was hurt. More than 250000 species live here.\n"
STYLE = {"quote_style": "curly", "dash_style": "en", "thousands_separator": "thin"}


def fixes(document) -> dict[str, str]:
    rows = Finding.objects.filter(
        document=document, check_id__in=("dash-misuse", "unseparated-number")
    )
    return dict(rows.values_list("check_id", "fix"))


@pytest.fixture
def checked(text_document):
    document = text_document(TEXT)
    findings.ensure_checked(document)
    assert fixes(document) == {"dash-misuse": "\u2014", "unseparated-number": "250,000"}
    return document


def test_the_defaults_are_the_checks_behaviour_without_a_style(corpus):
    assert corpus.house_style() == {"quotes": "any", "dash": "em", "thousands": "comma"}
    assert findings.style_of(corpus) == findings.Style()


def test_a_style_change_checks_the_corpus_again(
    client, project_admin, corpus, checked, django_capture_on_commit_callbacks
):
    assert client.login(username=project_admin.username, password=PASSWORD)
    url = reverse("annotate:house_style", args=[corpus.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, STYLE, follow=True)
    assert "House style saved. Checking 1 document(s) again" in page.content.decode()
    corpus.refresh_from_db()
    assert {name: getattr(corpus, name) for name in Corpus.HOUSE_STYLE} == STYLE
    # The check job ran (the immediate backend): the findings follow the new style.
    assert fixes(checked) == {"dash-misuse": " \u2013 ", "unseparated-number": "250\u202f000"}
    job = Job.objects.get(document=checked, kind=Job.Kind.CHECK)
    assert job.state == Job.State.DONE
    checked.refresh_from_db()
    assert findings.is_checked(checked)


def test_the_page_on_screen_is_checked_before_the_worker_gets_there(
    client, project_admin, corpus, checked, django_capture_on_commit_callbacks
):
    assert client.login(username=project_admin.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(reverse("annotate:house_style", args=[corpus.pk]), STYLE)
    assert queued  # the check job waits for the worker
    checked.refresh_from_db()
    assert not findings.is_checked(checked)
    client.get(reverse("annotate:document_review", args=[checked.pk]))
    assert fixes(checked) == {"dash-misuse": " \u2013 ", "unseparated-number": "250\u202f000"}


def test_saving_the_same_style_checks_nothing(client, project_admin, corpus, checked):
    assert client.login(username=project_admin.username, password=PASSWORD)
    same = {"quote_style": "any", "dash_style": "em", "thousands_separator": "comma"}
    page = client.post(reverse("annotate:house_style", args=[corpus.pk]), same, follow=True)
    assert "unchanged" in page.content.decode()
    assert not Job.objects.filter(kind=Job.Kind.CHECK).exists()


@pytest.mark.parametrize(
    "bad, message",
    [
        ({**STYLE, "dash_style": "hyphen"}, "Dashes: Select a valid choice. hyphen is not one"),
        ({**STYLE, "thousands_separator": "."}, "Thousands separator: Select a valid choice."),
        (
            {"quote_style": "curly", "dash_style": "en"},
            "Thousands separator: This field is required",
        ),
    ],
)
def test_bad_values_are_refused_with_a_message_and_change_nothing(
    client, project_admin, corpus, checked, bad, message
):
    assert client.login(username=project_admin.username, password=PASSWORD)
    page = client.post(reverse("annotate:house_style", args=[corpus.pk]), bad)
    assert page.status_code == 422
    html = page.content.decode()
    assert "The house style was not changed." in html and message in html
    corpus.refresh_from_db()
    assert corpus.house_style() == {"quotes": "any", "dash": "em", "thousands": "comma"}
    assert not Job.objects.filter(kind=Job.Kind.CHECK).exists()
    assert fixes(checked)["unseparated-number"] == "250,000"


def test_only_project_admins_set_the_house_style(client, translator, reviewer, make_user, corpus):
    url = reverse("annotate:house_style", args=[corpus.pk])
    for user in (translator, reviewer):
        assert client.login(username=user.username, password=PASSWORD)
        assert client.get(url).status_code == 403
        assert client.post(url, STYLE).status_code == 403
    outsider = make_user("olga", "project admin")  # an admin, but not of this corpus
    assert client.login(username=outsider.username, password=PASSWORD)
    assert client.post(url, STYLE).status_code == 404
    corpus.refresh_from_db()
    assert corpus.dash_style == "em"


def test_the_corpus_page_links_admins_to_the_form(client, project_admin, translator, corpus):
    url = reverse("annotate:house_style", args=[corpus.pk])
    assert client.login(username=project_admin.username, password=PASSWORD)
    assert url in client.get(reverse("corpus:corpus_detail", args=[corpus.pk])).content.decode()
    page = client.get(url).content.decode()
    assert 'value="thin"' in page and "House style" in page
    assert client.login(username=translator.username, password=PASSWORD)
    assert url not in client.get(reverse("corpus:corpus_detail", args=[corpus.pk])).content.decode()


def test_a_save_confirms_numbers_in_the_corpus_style(client, translator, corpus, text_document):
    """250000 grouped with the house thin space is the MT's number: no confirmation asked."""
    document = text_document("More than 250000 species live here.\n")
    segment = document.segments.get()
    corpus.thousands_separator = "thin"
    corpus.save()
    assert client.login(username=translator.username, password=PASSWORD)
    text = "More than 250\u202f000 species live here."
    answer = client.post(
        reverse("annotate:segment_edit", args=[segment.pk]),
        {"text": text, "version": segment.version},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    segment.refresh_from_db()
    assert segment.text == text


def test_an_older_check_job_leaves_the_marking_to_the_newer_one(text_document, corpus):
    """A job started before a style change must not mark the document checked: the pages a
    reviewer opens go on being checked until the job started by the change has finished."""
    document = text_document(TEXT)
    older = findings.start_check_job(document)
    newer = findings.start_check_job(document)
    findings.run_check_job(older.pk)
    document.refresh_from_db()
    assert not findings.is_checked(document)
    findings.run_check_job(newer.pk)
    document.refresh_from_db()
    assert findings.is_checked(document)


def test_the_corpus_choices_are_the_names_the_checks_read():
    from annotate.qa.base import DASH_STYLES, QUOTE_STYLES, THOUSANDS_SEPARATORS
    from corpus import house_style

    assert [name for name, _ in house_style.QUOTES] == list(QUOTE_STYLES)
    assert [name for name, _ in house_style.DASHES] == list(DASH_STYLES)
    assert [name for name, _ in house_style.THOUSANDS] == list(THOUSANDS_SEPARATORS)


def test_the_api_follows_the_house_style_too(reviewer, corpus, text_document):
    """The API's save asks the same confirmation as the screen, in the corpus's style, and its
    findings are the stored ones the style produced."""
    from tests.api.conftest import token_client

    corpus.thousands_separator = "thin"
    corpus.save()
    document = text_document("More than 250000 species live here -- all year.\n")
    segment = document.segments.get()
    api = token_client(reviewer)
    listed = api.get(f"/api/v1/documents/{document.pk}/findings/").json()["results"]
    assert {f["check_id"]: f["fix"] for f in listed}["unseparated-number"] == "250\u202f000"
    text = "More than 250\u202f000 species live here -- all year."
    saved = api.patch(
        f"/api/v1/segments/{segment.pk}/",
        {"text": text, "version": segment.version},
        content_type="application/json",
    )
    assert saved.status_code == 200 and saved.json()["text"] == text


def test_qa_report_takes_the_house_style_of_a_corpus(corpus, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "plain.txt"
    path.write_text("More than 250000 species live here.\n", encoding="utf-8")

    def count(**options) -> str:
        out = StringIO()
        call_command("qa_report", str(path), stdout=out, **options)
        return next(line for line in out.getvalue().splitlines() if "unseparated" in line)

    assert count().split()[-1] == "1"
    assert count(thousands="none").split()[-1] == "0"
    corpus.thousands_separator = "none"
    corpus.save()
    assert count(corpus=corpus.name).split()[-1] == "0"
