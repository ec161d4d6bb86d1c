"""Assignments, "My work" and the review queue: the rules, the screens, and constant query
counts however much work there is."""

import datetime
import hashlib

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from corpus import roles
from corpus.assignments import Assignment
from corpus.models import Corpus, Segment
from corpus.services import EditRefused, corpora
from corpus.services.assignments import assign, my_work, review_queue, unassign
from corpus.services.imports import import_text
from corpus.services.segments import raw_edit, set_status
from tests.conftest import SEED_FILES, import_file

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def document(corpus):
    return import_file(corpus, SEED_FILES[1])


def test_assign_a_range_to_a_translator_and_a_reviewer(
    document, project_admin, translator, reviewer
):
    made = assign(
        document,
        project_admin,
        translator=translator,
        reviewer=reviewer,
        first_number=1,
        last_number=3,
        due_on=TODAY,
    )
    assert made.range_label == "segments 1–3"
    assert [w.assignment for w in my_work(translator)] == [made]
    assert my_work(translator)[0].as_translator and not my_work(translator)[0].as_reviewer
    assert my_work(reviewer)[0].as_reviewer


@pytest.mark.parametrize(
    "who, extra, problem",
    [
        ({}, {}, "Choose a translator, a reviewer or both"),
        ({"reviewer": "translator"}, {}, "tina cannot review (approve or reject) (their roles: "),
        ({"translator": "outsider"}, {}, "out is not a member of “Test corpus”"),
        ({"translator": "translator"}, {"first_number": 2}, "both the first and the last"),
        (
            {"translator": "translator"},
            {"first_number": 3, "last_number": 2},
            "Segments 3–2 are not within the document, which has segments 1–",
        ),
        (
            {"translator": "translator"},
            {"first_number": 1, "last_number": 10_000},
            "Segments 1–10000 are not within",
        ),
        (
            {"translator": "translator"},
            {"due_on": TODAY - datetime.timedelta(days=1)},
            "is in the past",
        ),
    ],
)
def test_bad_assignments_are_refused(
    document, project_admin, translator, make_user, who, extra, problem
):
    people = {"translator": translator, "outsider": make_user("out", roles.TRANSLATOR)}
    with pytest.raises(EditRefused, match=problem.replace("(", r"\(").replace(")", r"\)")):
        assign(document, project_admin, **{k: people[v] for k, v in who.items()}, **extra)
    assert not Assignment.objects.exists()


def test_glossary_admins_cannot_be_given_translation(document, project_admin, make_user, corpus):
    curator = make_user("gia", roles.GLOSSARY_ADMIN, member_of=corpus)
    with pytest.raises(EditRefused, match="gia cannot translate"):
        assign(document, project_admin, translator=curator)


def test_archived_corpus_work_leaves_my_work_and_refuses_changes(
    corpus, document, project_admin, translator
):
    made = assign(document, project_admin, translator=translator)
    corpora.archive(corpus, project_admin)
    assert my_work(translator) == []
    with pytest.raises(EditRefused, match="archived"):
        assign(document, project_admin, translator=translator)
    with pytest.raises(EditRefused, match="archived"):
        unassign(made, project_admin)


def test_an_assignment_grants_nothing(corpus, document, project_admin, make_user):
    reader = make_user("reader", roles.TRANSLATOR)  # not a member
    corpus.members.add(reader)
    assign(document, project_admin, translator=reader)
    corpus.members.remove(reader)
    assert my_work(reader) == []  # the assignment does not make the document visible
    client_segment = Segment.objects.visible_to(reader)
    assert not client_segment.exists()


def _more_documents(corpus, admin, translator, reviewer, how_many: int, start: int):
    for n in range(start, start + how_many):
        doc = _copy(corpus, n)
        assign(doc, admin, translator=translator, reviewer=reviewer)
        first = doc.segments.order_by("position").first()
        raw_edit(first, first.text + " (edited)", first.version, translator, "edit")


def _copy(corpus, n: int):
    text = f"Document number {n}. It has two sentences.\n"
    digest = hashlib.sha256(text.encode()).hexdigest()
    return import_text(corpus, f"doc{n}.txt", text, "utf-8", digest)


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_my_work_and_the_queue_cost_the_same_however_much_work(
    client, corpus, project_admin, translator, reviewer
):
    _more_documents(corpus, project_admin, translator, reviewer, 2, 1)
    client.force_login(reviewer)
    home = reverse("corpus:corpus_list")
    queue = reverse("corpus:review_queue")
    few = (_queries(lambda: client.get(home)), _queries(lambda: client.get(queue)))
    _more_documents(corpus, project_admin, translator, reviewer, 6, 3)
    many = (_queries(lambda: client.get(home)), _queries(lambda: client.get(queue)))
    assert len(my_work(reviewer)) == 8
    assert len(client.get(queue).context["segments"]) == 8
    assert few == many


def test_the_queue_holds_others_edits_only_until_reviewed(
    corpus, document, translator, reviewer, make_user
):
    first, second, third = document.segments.order_by("position")[:3]
    raw_edit(first, first.text + " A.", 1, translator, "edit")
    raw_edit(second, second.text + " B.", 1, reviewer, "edit")  # the reviewer's own edit
    changed = raw_edit(third, third.text + " C.", 1, translator, "edit").segment
    set_status(changed, Segment.Status.APPROVED, changed.version, reviewer)
    foreign = Corpus.objects.create(name="Foreign corpus")
    stranger = make_user("stranger", roles.TRANSLATOR, member_of=foreign)
    elsewhere = import_file(foreign, SEED_FILES[1]).segments.first()
    raw_edit(elsewhere, elsewhere.text + " D.", 1, stranger, "edit")
    page, after = review_queue(reviewer)
    assert [s.pk for s in page] == [first.pk] and after is None
    assert review_queue(translator) == ([], None)


def test_the_queue_pages_by_keyset(corpus, document, translator, reviewer):
    segments = list(document.segments.order_by("position")[:5])
    for seg in segments:
        raw_edit(seg, seg.text + " X.", seg.version, translator, "edit")
    first, after = review_queue(reviewer, size=2)
    second, after2 = review_queue(reviewer, after=after, size=2)
    third, after3 = review_queue(reviewer, after=after2, size=2)
    assert [s.pk for s in first + second + third] == [s.pk for s in segments]
    assert after3 is None


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_assign_and_unassign_from_the_screen(client, corpus, document, project_admin, translator):
    client.force_login(project_admin)
    url = reverse("corpus:assignments", args=[corpus.pk])
    assert client.get(url).status_code == 200
    made = client.post(url, {"document": document.pk, "translator": translator.pk})
    assert made.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.translator, assignment.created_by) == (translator, project_admin)
    page = client.get(url)
    assert b"whole document" in page.content
    gone = client.post(reverse("corpus:assignment_delete", args=[corpus.pk, assignment.pk]))
    assert gone.status_code == 302 and not Assignment.objects.exists()


@pytest.mark.parametrize(
    "data, problem",
    [
        ({}, "Document: This field is required."),
        ({"document": 999_999, "translator": "T"}, "Document: Select a valid choice."),
        ({"document": "D", "due_on": "tomorrow", "translator": "T"}, "Due: Enter a valid date."),
        ({"document": "D", "translator": "R", "reviewer": "T"}, "tina cannot review"),
        ({"document": "D", "translator": "X"}, "Translator: Select a valid choice."),
    ],
)
def test_bad_assignment_on_screen_names_the_problem(
    client, corpus, document, project_admin, translator, reviewer, make_user, data, problem
):
    outsider = make_user("out", roles.TRANSLATOR)
    ids = {"D": document.pk, "T": translator.pk, "R": reviewer.pk, "X": outsider.pk}
    client.force_login(project_admin)
    body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in data.items()}
    response = client.post(reverse("corpus:assignments", args=[corpus.pk]), body)
    assert response.status_code == 400
    assert "Nothing assigned." in messages_of(response) and problem in messages_of(response)
    assert not Assignment.objects.exists()


def test_home_shows_my_work_with_progress(client, corpus, document, project_admin, translator):
    assign(document, project_admin, translator=translator, first_number=1, last_number=2)
    client.force_login(translator)
    page = client.get(reverse("corpus:corpus_list")).content.decode()
    assert "My work" in page and document.title in page and "segments 1–2" in page
    assert f"0 approved, 0 edited of {document.segment_count}" in page


def test_queue_is_for_reviewers(client, translator, reviewer):
    client.force_login(translator)
    assert client.get(reverse("corpus:review_queue")).status_code == 403
    client.force_login(reviewer)
    assert client.get(reverse("corpus:review_queue") + "?after=junk").status_code == 200
