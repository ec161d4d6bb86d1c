"""Ctrl+Z / Ctrl+Shift+Z on the review screen; c opens a comment box; r rejects with a reason."""

import pytest

from annotate.models import Comment, Label, RejectReason, Span
from corpus import roles
from corpus.models import Revision, Segment
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in, open_editor
from tests.e2e.test_spans_flow import SELECT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ORG = "Jining Municipal Committee"


def focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_ctrl_z_undoes_an_edit_and_a_span_and_ctrl_shift_z_redoes(
    page, shot, make_user, text_document, corpus
):
    Label.objects.create(corpus=corpus, key="ORG", name="Org", shortcut="1")
    document = text_document(f"Yesterday the {ORG} met. Then it rained.")
    user = make_user("tina", roles.TRANSLATOR, member_of=corpus)
    first, second = document.segments.order_by("position")
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    page.locator(f"#seg-{first.pk}").focus()
    page.evaluate(SELECT, [first.pk, ORG])
    page.keyboard.press("1")
    page.wait_for_selector(f"#seg-{first.pk} .chip-label")
    textarea = open_editor(page, second.pk)
    textarea.fill("Then it rained hard.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{second.pk}:not(.editing)")
    assert "rained hard" in page.locator(f"#seg-{second.pk} .seg-text").inner_text()

    page.keyboard.press("Control+z")  # the edit
    page.wait_for_selector("#undo-status >> text=Undid: edit.")
    page.wait_for_function(
        f"document.querySelector('#seg-{second.pk} .seg-text').textContent.trim() === 'Then it rained.'"
    )
    assert focused(page) == f"seg-{second.pk}"
    page.keyboard.press("Control+z")  # the span
    page.wait_for_selector("#undo-status >> text=Undid: span marked.")
    page.wait_for_selector(f"#seg-{first.pk} .chip-label", state="detached")
    assert not Span.objects.exists()
    shot(page, "undo-span")
    page.keyboard.press("Control+Shift+Z")  # the span again
    page.wait_for_selector(f"#seg-{first.pk} .chip-label")
    page.keyboard.press("Control+Shift+Z")  # the edit again
    page.wait_for_selector("#undo-status >> text=Redid: edit.")
    page.wait_for_function(
        f"document.querySelector('#seg-{second.pk} .seg-text').textContent.includes('rained hard')"
    )
    shot(page, "redo-edit")
    assert Segment.objects.get(pk=second.pk).text == "Then it rained hard."
    assert Span.objects.get().text == ORG
    assert list(Revision.objects.filter(segment=second).values_list("action", flat=True)) == [
        "edit",
        "undo",
        "redo",
    ]
    page.keyboard.press("Control+Shift+Z")
    page.wait_for_selector("#undo-status >> text=Nothing to redo.")
    assert page.js_errors == []


def test_comment_with_c_resolve_and_reject_with_a_reason(
    page, shot, make_user, text_document, corpus
):
    document = text_document("The GDP grow fast. It rained.")
    user = make_user("rui", roles.REVIEWER, member_of=corpus)
    first, _second = document.segments.order_by("position")
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    page.locator(f"#seg-{first.pk}").focus()
    page.keyboard.press("c")
    box = page.locator(f"#seg-{first.pk} .comment-form textarea")
    assert focused(page) == f"comment-{first.pk}-text" and box.input_value() == ""
    page.keyboard.press("Control+Enter")  # empty: refused with a message
    page.wait_for_selector(f"#seg-{first.pk} >> text=A comment cannot be empty")
    page.locator(f"#seg-{first.pk}").focus()
    page.keyboard.press("c")
    page.keyboard.type("Should this be “grows”?")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{first.pk} .comment >> text=Should this be “grows”?")
    shot(page, "comment-posted")
    page.locator(f"#seg-{first.pk} .comment button:has-text('Resolve')").click()
    page.wait_for_selector(f"#seg-{first.pk} .comment.resolved")
    assert Comment.objects.get().resolved_by == user

    page.locator(f"#seg-{first.pk}").focus()
    page.keyboard.press("r")
    page.wait_for_function("document.activeElement && document.activeElement.name === 'category'")
    page.select_option(f"#seg-{first.pk} select[name=category]", "grammar")
    page.locator(f"#seg-{first.pk} input[name=note]").fill("subject–verb agreement")
    shot(page, "reject-reason-form")
    page.locator(f"#seg-{first.pk} input[name=note]").press("Enter")
    page.wait_for_selector(f"#seg-{first.pk}.status-rejected .reject-reason")
    text = page.locator(f"#seg-{first.pk} .reject-reason").inner_text()
    assert "Rejected: Grammar" in text and "(major)" in text and "subject–verb agreement" in text
    shot(page, "rejected-with-reason")
    reason = RejectReason.objects.get()
    assert (reason.category, reason.severity, reason.revision.author) == ("grammar", "major", user)
    page.locator(f"#seg-{first.pk}").focus()
    page.keyboard.press("Control+z")  # the rejection is undoable too
    page.wait_for_selector(f"#seg-{first.pk}.status-mt")
    assert page.js_errors == []
