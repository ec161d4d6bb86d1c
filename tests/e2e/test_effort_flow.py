"""The editor measures the effort behind a save (static/redline/effort.js): active editing time,
with a minute-long pause cut, summed over visits, and the time to the first keystroke; the
history shows them. No exact durations are asserted: page.clock moves the page's time forward by
whole stretches, and each assertion is a bound that the rule under test decides."""

import pytest

from corpus import roles
from corpus.models import Revision
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in, open_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MINUTE = 60_000


def _saved_revision(page, segment) -> Revision:
    page.keyboard.press("Control+Enter")
    page.locator(f"#seg-{segment.pk} .seg-text").wait_for()
    return segment.revisions.latest("id")


def _document(make_user, text_document):
    document = text_document("The frist sentence here. A second sentence here.")
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    return document, user, document.segments.order_by("position").first()


def test_edit_time_shows_in_history(page, shot, make_user, text_document):
    document, user, segment = _document(make_user, text_document)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    open_editor(page, segment.pk)
    page.wait_for_timeout(300)  # a real pause before the first key
    page.keyboard.press("End")
    page.keyboard.type(" Again")
    page.wait_for_timeout(700)
    revision = _saved_revision(page, segment)

    assert revision.edit_time_ms >= 1000  # both real pauses, well under the idle cut
    assert 300 <= revision.first_key_ms <= revision.edit_time_ms
    page.goto(f"/segments/{segment.pk}/history/")
    effort = page.locator(f"#rev-{revision.pk} .effort")
    assert effort.locator(".edit-time").inner_text() not in ("—", "0 s")
    assert effort.locator(".first-key").inner_text() != "—"
    shot(page, "history-effort")
    page.emulate_media(color_scheme="dark")
    shot(page, "history-effort-dark")
    assert page.js_errors == []


def test_idle_minute_is_cut_and_visits_add_up(page, make_user, text_document):
    document, user, segment = _document(make_user, text_document)
    log_in(page, user.username, PASSWORD)
    page.clock.install()
    page.goto(f"/documents/{document.pk}/")

    open_editor(page, segment.pk)
    page.clock.run_for(2_000)  # reading before the first key
    page.keyboard.press("End")
    page.keyboard.type(" x")
    page.clock.run_for(5_000)
    page.keyboard.type("y")  # 5 s of work since the last key: counted
    page.keyboard.press("Escape")  # leaves unsaved: the clock stops
    page.locator(f"#seg-{segment.pk} .seg-text").wait_for()
    page.clock.run_for(3 * MINUTE)  # away from the editor: not counted

    open_editor(page, segment.pk)  # a second visit goes on from the first
    page.clock.run_for(4_000)
    page.keyboard.type(" z")  # 4 s: counted
    page.clock.fast_forward(70_000)  # a pause over a minute in the editor: cut
    page.keyboard.type("!")
    revision = _saved_revision(page, segment)

    # 2 + 5 + 4 s counted (plus the real time the test's own steps take); with the 70 s pause or
    # the 3 min away counted it would be far over a minute.
    assert 11_000 <= revision.edit_time_ms < MINUTE
    assert 2_000 <= revision.first_key_ms < 5_000
    assert page.js_errors == []


def test_clock_starts_again_after_a_save(page, make_user, text_document):
    document, user, segment = _document(make_user, text_document)
    log_in(page, user.username, PASSWORD)
    page.clock.install()
    page.goto(f"/documents/{document.pk}/")
    open_editor(page, segment.pk)
    page.clock.run_for(20_000)
    page.keyboard.press("End")
    page.keyboard.type(" one")
    first = _saved_revision(page, segment)

    open_editor(page, segment.pk)
    page.keyboard.press("End")
    page.keyboard.type(" two")
    second = _saved_revision(page, segment)
    assert first.edit_time_ms >= 20_000
    assert second.edit_time_ms < 20_000  # the first save's time is not counted again
    assert page.js_errors == []


def test_a_key_right_after_the_swap_is_not_lost(page, make_user, text_document):
    """The saved segment's buttons must answer a key the moment it shows. htmx wires new content
    up when it settles; with a settle delay, a key pressed in between clicked a button htmx had
    not wired, and nothing happened. The paused clock holds any settle timer forever."""
    document, user, segment = _document(make_user, text_document)
    log_in(page, user.username, PASSWORD)
    page.clock.install()
    page.goto(f"/documents/{document.pk}/")
    page.clock.pause_at(page.evaluate("Date.now()") + 1_000)
    open_editor(page, segment.pk)
    page.keyboard.press("End")
    page.keyboard.type(" one")
    _saved_revision(page, segment)

    open_editor(page, segment.pk)
    assert page.js_errors == []
