"""Findings on a seed document in Chromium: seen on the damaged sentence, fixed with one key."""

import pytest

from annotate.models import Finding
from corpus import roles
from corpus.models import Segment
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_open_seed_see_findings_fix_with_f(page, shot, make_user, seed_document):
    user = make_user("tina", roles.TRANSLATOR, member_of=seed_document.corpus)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{seed_document.pk}/")  # the first opening runs the checks
    page.wait_for_selector(".findings-summary")
    fixable = (
        Finding.objects.filter(document=seed_document, fix__isnull=False, dismissed=False)
        .order_by("segment__position")
        .first()
    )
    segment = fixable.segment
    before = segment.text
    page.goto(f"/documents/{seed_document.pk}/?check={fixable.check_id}")
    card = page.locator(f"#seg-{segment.pk}")
    assert card.locator(f".finding[data-finding='{fixable.pk}']").is_visible()
    shot(page, "findings")
    card.locator(f".finding[data-finding='{fixable.pk}']").focus()
    page.keyboard.press("f")
    page.wait_for_function(
        f"!document.querySelector(\"#seg-{segment.pk} .finding[data-finding='{fixable.pk}']\")"
    )
    segment.refresh_from_db()
    assert segment.text == before[: fixable.start] + fixable.fix + before[fixable.end :]
    assert segment.revisions.get().action == "fix-applied"
    shot(page, "finding-fixed")
    assert page.js_errors == []


def test_dismiss_with_a_reason_from_the_keyboard(page, make_user, text_document):
    document = text_document("Output rose, There are many reasons.")
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    segment = Segment.objects.get(document=document)
    page.locator(f"#seg-{segment.pk}").focus()
    page.keyboard.press("d")
    page.keyboard.type("a heading in quotes")
    page.keyboard.press("Enter")
    page.wait_for_function(f"!document.querySelector('#seg-{segment.pk} .finding')")
    assert segment.dismissals.get().reason == "a heading in quotes"


def test_e_on_a_finding_opens_the_editor_with_its_characters_selected(
    page, make_user, text_document
):
    # The emoji before the finding is two UTF-16 units but one code point: the selection must
    # still cover exactly the flagged characters.
    document = text_document("We 😀 met the the delegation today.")
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    segment = Segment.objects.get(document=document)
    finding = Finding.objects.get(segment=segment, check_id="repeated-word")
    page.locator(f"#seg-{segment.pk} .finding[data-finding='{finding.pk}']").focus()
    page.keyboard.press("e")
    textarea = page.locator(f"#seg-{segment.pk} textarea[name=text]")
    textarea.wait_for()
    page.wait_for_function(
        "document.activeElement && document.activeElement.tagName === 'TEXTAREA'"
    )
    selected = textarea.evaluate("t => t.value.slice(t.selectionStart, t.selectionEnd)")
    assert selected == segment.text[finding.start : finding.end]
    page.keyboard.type("the")  # typing replaces exactly the flagged words
    page.keyboard.press("Control+Enter")
    page.wait_for_function(f"!document.querySelector('#seg-{segment.pk} textarea')")
    segment.refresh_from_db()
    assert segment.text == "We 😀 met the delegation today."
    assert page.js_errors == []
