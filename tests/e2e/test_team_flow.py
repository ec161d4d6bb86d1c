"""A project admin starts a corpus, adds a translator and a reviewer, imports and assigns a
document; the translator switches to the Chinese interface, finds it under "My work" and edits;
the reviewer finds the edit in the review queue; the admin's dashboard shows the edit, its time
and its HTER in the charts and their tables. All in Chromium, from Redline's own screens (issue
12's "done when")."""

import pytest

from annotate.templatetags.review import duration_ms
from corpus import roles
from corpus.assignments import Assignment
from corpus.models import Corpus, Segment
from tests.conftest import PASSWORD, SEED_FILES
from tests.e2e.conftest import log_in, new_page, open_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_admin_builds_a_team_translator_works_reviewer_queues(
    browser, live_server, page, shot, make_user
):
    admin = make_user("pam", roles.PROJECT_ADMIN)
    make_user("tom", roles.TRANSLATOR)
    make_user("rita", roles.REVIEWER)
    log_in(page, admin.username, PASSWORD)
    page.click("text=New corpus")
    page.fill("input[name=name]", "Team flow")
    page.click("button:has-text('Create corpus')")
    page.wait_for_selector("text=is ready: add members")
    for user, role in (("tom", roles.TRANSLATOR), ("rita", roles.REVIEWER)):
        page.fill(".member-add input[name=username]", user)
        page.check(f".member-add input[value='{role}']")
        page.click(".member-add button")
        page.wait_for_selector(f"text={user} joined as {role}")
    shot(page, "team-members")
    corpus = Corpus.objects.get(name="Team flow")
    assert set(corpus.members.values_list("username", flat=True)) == {"pam", "tom", "rita"}

    page.goto(f"/corpora/{corpus.pk}/")
    page.set_input_files("input[name=files]", str(SEED_FILES[1]))
    page.click("button:has-text('Import')")
    page.wait_for_selector("table.documents td a")
    page.click("a:has-text('Assignments')")
    page.select_option("select[name=document]", index=1)
    page.select_option("select[name=translator]", label="tom")
    page.select_option("select[name=reviewer]", label="tom")
    page.click("button:has-text('Assign')")
    page.wait_for_selector("text=tom cannot review")
    page.select_option("select[name=reviewer]", label="rita")
    page.click("button:has-text('Assign')")
    page.wait_for_selector("text=whole document")
    shot(page, "team-assigned")
    assignment = Assignment.objects.get()
    assert (assignment.translator.username, assignment.reviewer.username) == ("tom", "rita")

    tom_page = new_page(browser, live_server, bypass_csp=True)
    log_in(tom_page, "tom", PASSWORD)
    tom_page.select_option("#language-choice", "zh-hans")
    tom_page.locator(".language-switch button").click()
    tom_page.wait_for_selector('html[lang="zh-hans"]')
    assert "我的工作" in tom_page.locator(".my-work").inner_text()
    work = tom_page.locator(".my-work table a")
    assert work.inner_text() == assignment.document.title
    shot(tom_page, "team-my-work")
    work.click()
    segment = assignment.document.segments.order_by("position").first()
    assert "编辑" in tom_page.locator(f"#seg-{segment.pk} [data-key=e]").inner_text()
    box = open_editor(tom_page, segment.pk)
    box.press("End")
    tom_page.keyboard.type(" Checked by Tom.", delay=60)  # typed: the editor's clock runs
    tom_page.keyboard.press("Control+Enter")
    tom_page.locator(f"#seg-{segment.pk}.status-edited").wait_for()
    shot(tom_page, "team-chinese-edit")
    edited = Segment.objects.get(pk=segment.pk)
    assert edited.text_author.username == "tom" and edited.hter > 0
    revision = edited.revisions.get(action="edit")
    assert revision.edit_time_ms >= 800 and revision.first_key_ms <= revision.edit_time_ms

    rita_page = new_page(browser, live_server, bypass_csp=True)
    log_in(rita_page, "rita", PASSWORD)
    rita_page.click("text=Review queue")
    rows = rita_page.locator("table.queue tbody tr")
    assert rows.count() == 1 and "Checked by Tom." in rows.inner_text()
    shot(rita_page, "team-queue")
    rita_page.click("table.queue td a")
    rita_page.locator(f"#seg-{segment.pk}").wait_for()

    page.goto(f"/corpora/{corpus.pk}/")
    page.click("a:has-text('Dashboard')")
    page.wait_for_selector("svg.chart")
    today = page.locator("section.dash:has(h2:has-text('Progress per day')) tbody tr")
    assert today.count() == 1 and today.locator("td").all_inner_texts()[1] == "1"
    hter = page.locator("section.dash:has(h2:has-text('HTER distribution'))")
    assert hter.locator("svg.chart").count() == 1
    assert sum(int(n) for n in hter.locator("tbody td.num").all_inner_texts()) == 1
    people = page.locator("section.dash:has(h2:has-text('Effort per person'))")
    assert people.locator("svg.chart").count() == 1
    tom_row = people.locator("tbody tr:has(th:has-text('tom'))").locator("td").all_inner_texts()
    segments_edited, _words, active_time, _per_hour, mean_hter = tom_row[:5]
    assert segments_edited == "1"
    assert active_time == duration_ms(revision.edit_time_ms)  # e.g. "2.4 s"
    assert mean_hter == f"{edited.hter:.3f}"
    shot(page, "team-dashboard")
    assert page.js_errors == tom_page.js_errors == rita_page.js_errors == []
    tom_page.context.close()
    rita_page.context.close()
