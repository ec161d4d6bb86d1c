"""Marking spans in Chromium, editing around them, and deciding suggestions from the keyboard."""

import pytest

from annotate.models import Label, Span
from annotate.services import preannotate
from corpus import roles
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in, open_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ORG = "Department of Industry and Information Technology of Ningxia Hui Autonomous Region"

SELECT = """([segmentId, phrase]) => {
  const box = document.querySelector('#seg-' + segmentId + ' .seg-text');
  const piece = Array.from(box.querySelectorAll('.t')).find(p => p.textContent.includes(phrase));
  const node = piece.firstChild, at = node.data.indexOf(phrase);
  const range = document.createRange();
  range.setStart(node, at + 2);               // a sloppy drag: starts inside the first word
  range.setEnd(node, at + phrase.length - 1); // and stops before the last letter
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


@pytest.fixture
def labels(corpus):
    return {
        key: Label.objects.create(corpus=corpus, key=key, name=key.title(), shortcut=str(i + 1))
        for i, key in enumerate(["GPE", "ORG", "DATE", "MONEY", "PERCENT"])
    }


def test_mark_org_then_edit_earlier_text_and_the_span_stays_on_its_words(
    page, shot, make_user, text_document, labels
):
    document = text_document(f"In 2022 😀 the {ORG} quickly organized a meeting.")
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    segment = document.segments.get()
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    page.locator(f"#seg-{segment.pk}").focus()
    page.evaluate(SELECT, [segment.pk, ORG])
    page.keyboard.press("2")  # ORG's shortcut
    page.wait_for_selector(f"#seg-{segment.pk} .chip-label")
    span = Span.objects.get()
    assert (span.text, span.label.key) == (ORG, "ORG")
    shot(page, "span-marked")

    textarea = open_editor(page, segment.pk)
    textarea.fill(f"In the first half of 2022 😀, the {ORG} quickly organized a meeting.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{segment.pk} .chip-label")
    span.refresh_from_db()
    segment.refresh_from_db()
    assert (
        span.text == ORG and segment.text[span.start : span.end] == ORG and span.state == "accepted"
    )
    assert page.locator(f"#seg-{segment.pk} mark.span").first.inner_text().startswith("Department")
    shot(page, "span-after-edit")
    assert page.js_errors == []


def test_accept_and_reject_suggestions_with_the_keyboard(
    page, shot, make_user, text_document, labels
):
    document = text_document("In the first half of 2023, income was 45.080 billion yuan, up 25.7%.")
    user = make_user("rui", roles.REVIEWER, member_of=document.corpus)
    preannotate.run_job(preannotate.start_job(document.corpus, document, user).pk)
    segment = document.segments.get()
    assert segment.spans.filter(state="suggested").count() == 3
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    shot(page, "suggestions")
    page.locator(f"#seg-{segment.pk}").focus()
    page.keyboard.press("Tab")  # first suggestion: the date
    assert page.evaluate("document.activeElement.dataset.state") == "suggested"
    page.keyboard.press("a")
    page.wait_for_selector(f"#seg-{segment.pk} .chip-label[data-state=accepted]")
    page.wait_for_function("document.activeElement.classList.contains('chip-label')")
    page.keyboard.press("Tab")  # the money
    page.keyboard.press("x")
    page.wait_for_function(
        f"document.querySelectorAll('#seg-{segment.pk} .chip-label').length === 2"
    )
    states = dict(segment.spans.values_list("text", "state"))
    assert states == {
        "the first half of 2023": "accepted",
        "45.080 billion yuan": "rejected",
        "25.7%": "suggested",
    }
    page.locator(f"#seg-{segment.pk}").focus()
    page.keyboard.press("Shift+A")
    page.wait_for_selector(f"#seg-{segment.pk} .chip-label[data-state=accepted] >> nth=1")
    assert segment.spans.filter(state="accepted").count() == 2
    shot(page, "suggestions-decided")
    assert page.js_errors == []


def test_mouse_marks_relabels_accepts_and_deletes(page, shot, make_user, text_document, labels):
    document = text_document("Ningxia earned 45.080 billion yuan in the first half of 2023.")
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    preannotate.run_job(preannotate.start_job(document.corpus, document, user).pk)
    segment = document.segments.get()
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    money = segment.spans.get(label__key="MONEY")
    page.hover(f".chip-label[data-span='{money.pk}']")
    page.click(f".span-act[data-act=accept][data-span='{money.pk}']")
    page.wait_for_selector(f".chip-label[data-span='{money.pk}'][data-state=accepted]")
    page.evaluate(
        SELECT, [segment.pk, "Ningxia"]
    )  # a drag over the word, then a click on the label
    page.click(".label-button[data-label=ORG]")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.chip-label')).some(c => c.textContent.startsWith('ORG'))"
    )
    ningxia = Span.objects.get(text="Ningxia")
    page.click(f".chip-label[data-span='{ningxia.pk}']")
    page.click(".label-button[data-label=GPE]")  # with the span focused, a label click relabels it
    page.wait_for_function(
        f"document.querySelector(\".chip-label[data-span='{ningxia.pk}']\").textContent.startsWith('GPE')"
    )
    page.hover(f".chip-label[data-span='{ningxia.pk}']")
    page.click(f".span-act[data-act=delete][data-span='{ningxia.pk}']")
    page.wait_for_function(f"!document.querySelector(\".chip-label[data-span='{ningxia.pk}']\")")
    assert not Span.objects.filter(pk=ningxia.pk).exists()
    assert Span.objects.get(pk=money.pk).state == "accepted"
    assert page.js_errors == []
