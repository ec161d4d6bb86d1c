"""The rules of corpus.services.corpora, which the settings screen and the API share."""

import pytest

from annotate.models import Finding, Label
from annotate.services import preannotate
from annotate.services.findings import dismiss
from annotate.services.labels import default_labels, new_corpus
from annotate.services.spans import add_span
from corpus import roles
from corpus.models import Corpus, Job, Segment
from corpus.services import EditRefused, corpora
from corpus.services.segments import raw_edit, set_status
from tests.conftest import SEED_FILES, import_file

pytestmark = pytest.mark.django_db


def role_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_new_corpus_has_its_creator_as_member_and_the_default_labels(project_admin):
    corpus = new_corpus(project_admin, name="  Second   project ", description="Annual reports")
    assert corpus.name == "Second project"
    assert list(corpus.members.all()) == [project_admin]
    assert set(corpus.labels.values_list("key", flat=True)) == {s["key"] for s in default_labels()}


@pytest.mark.parametrize(
    "name, problem",
    [("", "name is empty"), ("   ", "name is empty"), ("test CORPUS", "already exists")],
)
def test_a_bad_name_is_refused_and_nothing_is_created(corpus, project_admin, name, problem):
    before = Corpus.objects.count()
    with pytest.raises(EditRefused, match=problem):
        new_corpus(project_admin, name=name)
    assert Corpus.objects.count() == before


def test_rename_to_another_corpus_name_is_refused(corpus, project_admin):
    other = corpora.create(project_admin, name="Other")
    with pytest.raises(EditRefused, match="already exists"):
        corpora.update(other, project_admin, name="Test Corpus")
    other.refresh_from_db()
    assert other.name == "Other"
    # Its own name in another case is a rename, not a clash.
    assert corpora.update(other, project_admin, name="OTHER").name == "OTHER"


def test_unknown_setting_is_refused(corpus, project_admin):
    with pytest.raises(EditRefused, match="Unknown corpus setting"):
        corpora.update(corpus, project_admin, members=[])


def test_archive_keeps_data_hides_from_lists_and_refuses_writes(
    corpus, project_admin, translator, reviewer
):
    document = import_file(corpus, SEED_FILES[1])
    segment = document.segments.order_by("position").first()
    label = Label.objects.create(corpus=corpus, key="ORG", name="Organisation")
    finding = Finding.objects.create(
        segment=segment,
        document=document,
        corpus=corpus,
        check_id="double-space",
        severity="warning",
        start=0,
        end=1,
        message="m",
    )
    corpora.archive(corpus, project_admin)
    # As a request would see them (views fetch the corpus and document afresh).
    corpus.refresh_from_db()
    document = type(document).objects.select_related("corpus").get(pk=document.pk)
    assert corpus not in Corpus.objects.visible_to(translator).active()
    assert corpus in Corpus.objects.visible_to(translator)  # still readable by its members
    for write in (
        lambda: raw_edit(segment, "New text.", segment.version, translator, "edit"),
        lambda: set_status(segment, Segment.Status.APPROVED, segment.version, reviewer),
        lambda: corpora.update(corpus, project_admin, description="x"),
        lambda: corpora.add_member(corpus, project_admin, "someone", [roles.TRANSLATOR]),
        lambda: corpora.remove_member(corpus, project_admin, translator),
        lambda: preannotate.start_job(corpus, None, reviewer),
        lambda: preannotate.annotate_now(document, [segment.pk]),
        lambda: dismiss(finding, translator, "fine"),
        lambda: add_span(segment, 0, 3, label, translator),
    ):
        with pytest.raises(EditRefused, match="archived"):
            write()
    segment.refresh_from_db()
    assert segment.text == segment.mt_text and segment.version == 1
    assert not segment.spans.exists() and not Job.objects.exists() and not finding.dismissed
    assert corpus.members.filter(pk=translator.pk).exists()
    corpora.unarchive(corpus, project_admin)
    assert raw_edit(segment, "New text.", 1, translator, "edit").segment.text == "New text."


def test_archiving_twice_or_unarchiving_a_live_corpus_is_refused(corpus, project_admin):
    with pytest.raises(EditRefused, match="not archived"):
        corpora.unarchive(corpus, project_admin)
    corpora.archive(corpus, project_admin)
    with pytest.raises(EditRefused, match="archived"):
        corpora.archive(corpus, project_admin)


def test_add_member_with_roles(corpus, project_admin, make_user):
    newcomer = make_user("nina")
    corpora.add_member(corpus, project_admin, "nina", [roles.REVIEWER])
    assert corpus.members.filter(pk=newcomer.pk).exists()
    assert role_names(newcomer) == {roles.REVIEWER}


@pytest.mark.parametrize(
    "username, role_list, problem",
    [
        ("ghost", [roles.TRANSLATOR], "no active user named “ghost”"),
        ("tina", [roles.TRANSLATOR], "already a member"),
        ("nina", [], "at least one role"),
        ("nina", ["boss"], "Unknown role"),
    ],
)
def test_add_member_refusals_change_nothing(
    corpus, project_admin, translator, make_user, username, role_list, problem
):
    make_user("nina")
    before = (list(corpus.members.values_list("pk", flat=True)), role_names(translator))
    with pytest.raises(EditRefused, match=problem):
        corpora.add_member(corpus, project_admin, username, role_list)
    assert (list(corpus.members.values_list("pk", flat=True)), role_names(translator)) == before


def test_the_last_admin_cannot_be_removed_or_demoted(corpus, project_admin, translator):
    with pytest.raises(EditRefused, match="last project admin"):
        corpora.remove_member(corpus, project_admin, project_admin)
    with pytest.raises(EditRefused, match="last project admin"):
        corpora.change_roles(corpus, project_admin, project_admin, [roles.REVIEWER])
    assert role_names(project_admin) == {roles.PROJECT_ADMIN}
    corpora.change_roles(corpus, project_admin, translator, [roles.PROJECT_ADMIN])
    corpora.remove_member(corpus, project_admin, project_admin)
    assert list(corpus.members.filter(groups__name=roles.PROJECT_ADMIN)) == [translator]


def test_demoting_an_admin_who_is_the_last_one_elsewhere_is_refused(corpus, make_user):
    first = make_user("first", roles.PROJECT_ADMIN, member_of=corpus)
    second = make_user("second", roles.PROJECT_ADMIN, member_of=corpus)
    other = corpora.create(second, name="Second's own")
    first_member = corpora.add_member(other, second, "first", [roles.PROJECT_ADMIN])
    assert first_member == first
    corpora.remove_member(other, second, second)
    # first is now other's only admin: demoting them, even by a superuser, would orphan other.
    boss = make_user("boss")
    boss.is_superuser = True
    boss.save()
    with pytest.raises(EditRefused, match="last project admin of “Second's own”"):
        corpora.change_roles(corpus, boss, first, [roles.TRANSLATOR])
    assert role_names(first) == {roles.PROJECT_ADMIN}


def test_an_admin_cannot_change_the_roles_of_someone_in_a_corpus_they_do_not_manage(
    corpus, project_admin, translator, make_user
):
    elsewhere = Corpus.objects.create(name="Elsewhere")
    elsewhere.members.add(translator)
    with pytest.raises(EditRefused, match="1 corpus\\(es\\) you are not a member of"):
        corpora.change_roles(corpus, project_admin, translator, [roles.PROJECT_ADMIN])
    assert role_names(translator) == {roles.TRANSLATOR}
    # Adding them with the roles they already have changes no role, so it needs no such power.
    third = corpora.create(project_admin, name="Third")
    corpora.add_member(third, project_admin, "tina", [roles.TRANSLATOR])
    with pytest.raises(EditRefused, match="not a member of"):
        corpora.add_member(
            corpora.create(project_admin, name="Fourth"), project_admin, "tina", [roles.REVIEWER]
        )
    # A superuser may.
    boss = make_user("boss")
    boss.is_superuser = True
    boss.save()
    corpora.change_roles(corpus, boss, translator, [roles.REVIEWER])
    assert role_names(translator) == {roles.REVIEWER}


def test_the_self_approval_rule_follows_the_corpus_over_the_setting(
    corpus, project_admin, reviewer, settings
):
    document = import_file(corpus, SEED_FILES[1])
    segment = document.segments.order_by("position").first()
    change = raw_edit(segment, "Reviewer's own text.", 1, reviewer, "edit")
    settings.REDLINE_FORBID_SELF_APPROVAL = True
    with pytest.raises(EditRefused, match="You wrote this text"):
        set_status(change.segment, Segment.Status.APPROVED, change.segment.version, reviewer)
    corpora.update(corpus, project_admin, forbid_self_approval=False)
    approved = set_status(change.segment, Segment.Status.APPROVED, change.segment.version, reviewer)
    assert approved.segment.status == Segment.Status.APPROVED


def test_members_of_lists_roles_in_two_queries(
    corpus, translator, reviewer, project_admin, django_assert_num_queries
):
    with django_assert_num_queries(2):
        members = corpora.members_of(corpus)
    assert [(m.username, m.role_names) for m in members] == [
        ("pat", [roles.PROJECT_ADMIN]),
        ("rui", [roles.REVIEWER]),
        ("tina", [roles.TRANSLATOR]),
    ]
