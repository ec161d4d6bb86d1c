"""Moving around the review screen from the keyboard: the word cursor inside a segment, keeping
the focused segment clear of the sticky label bar, and j/k/[/] across pages with the URL
remembering the focused segment."""

import pytest

from annotate.models import Label, Span
from annotate.services.edits import edit_segment
from corpus import roles
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOCUSED = "document.activeElement && document.activeElement.id"


def sentences(n: int) -> str:
    return "\n\n".join(
        f"Sentence number {i} says something about the county economy." for i in range(1, n + 1)
    )


@pytest.fixture
def labels(corpus):
    return {
        key: Label.objects.create(corpus=corpus, key=key, name=key.title(), shortcut=str(i + 1))
        for i, key in enumerate(["GPE", "ORG", "DATE"])
    }


def test_word_cursor_marks_a_span_in_the_middle_after_emoji_and_cjk(
    page, shot, make_user, text_document, labels
):
    text = "In 2022 😀 𠀀 the Jining Municipal Committee met in Jining."
    document = text_document(text)
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    segment = document.segments.get()
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    box = page.locator(f"#seg-{segment.pk}")
    box.focus()
    status = page.locator("#cursor-status")
    # → walks word by word; End and Home jump to the ends.
    page.keyboard.press("End")
    assert status.inner_text().endswith(": Jining")
    page.keyboard.press("Home")
    assert status.inner_text().startswith("Word 1 of") and status.inner_text().endswith(": In")
    for _ in range(8):
        if status.inner_text().endswith(": Jining"):
            break
        page.keyboard.press("ArrowRight")
    assert status.inner_text().endswith(": Jining")
    assert box.get_attribute("aria-description") == status.inner_text()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    assert page.evaluate("window.getSelection().toString()") == "Jining Municipal Committee"
    shot(page, "word-cursor-selection")
    page.keyboard.press("2")  # ORG
    page.wait_for_selector(f"#seg-{segment.pk} .chip-label")
    span = Span.objects.get()
    assert (span.text, span.label.key) == ("Jining Municipal Committee", "ORG")
    assert text[span.start : span.end] == span.text  # code points, past the emoji and 𠀀
    # The new span's chip has the focus; Esc goes back to the segment, whose cursor stayed on its
    # word through the swap. End, then a label key, marks the word under the cursor.
    page.wait_for_function("document.activeElement.classList.contains('chip-label')")
    page.keyboard.press("Escape")
    assert status.inner_text().endswith(": Committee")
    page.keyboard.press("End")
    page.keyboard.press("1")  # GPE, on the last "Jining"
    page.wait_for_function("document.querySelectorAll('.chip-label').length === 2")
    last = Span.objects.get(label__key="GPE")
    assert (last.start, last.end) == (text.rindex("Jining"), text.rindex("Jining") + 6)
    assert page.js_errors == []


def test_moving_up_with_k_keeps_the_segment_below_the_label_bar(
    page, shot, make_user, text_document, labels
):
    document = text_document(sentences(24))
    user = make_user("rui", roles.REVIEWER, member_of=document.corpus)
    page.set_viewport_size({"width": 900, "height": 420})
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    for _ in range(20):
        page.keyboard.press("j")
    for _ in range(15):
        page.keyboard.press("k")
        bar = page.evaluate("document.querySelector('.palette').getBoundingClientRect().bottom")
        meta = page.evaluate(
            "document.activeElement.querySelector('.seg-meta').getBoundingClientRect().top"
        )
        top = page.evaluate("document.activeElement.getBoundingClientRect().top")
        assert top >= bar and meta >= bar, (top, meta, bar)
    shot(page, "k-below-label-bar")


def test_j_and_k_cross_pages_and_the_url_keeps_the_focused_segment(
    page, shot, settings, make_user, text_document
):
    settings.REDLINE_PAGE_SIZE = 5
    document = text_document(sentences(12))
    user = make_user("rui", roles.REVIEWER, member_of=document.corpus)
    ids = [
        f"seg-{pk}" for pk in document.segments.order_by("position").values_list("pk", flat=True)
    ]
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    for _ in range(5):
        page.keyboard.press("j")
    assert page.evaluate(FOCUSED) == ids[4]
    page.keyboard.press("j")  # past the page's last segment: the next page, its first focused
    page.wait_for_function(f"{FOCUSED} === '{ids[5]}'")
    assert "after=" in page.url and page.url.endswith("#" + ids[5])
    page.keyboard.press("j")
    page.wait_for_function(f"location.hash === '#{ids[6]}'")
    page.reload()  # the reload comes back to the focused segment
    page.wait_for_function(f"{FOCUSED} === '{ids[6]}'")
    page.keyboard.press("k")
    page.keyboard.press("k")  # before the page's first: the previous page, its last focused
    page.wait_for_function(f"{FOCUSED} === '{ids[4]}'")
    shot(page, "k-previous-page")
    page.keyboard.press("]")
    page.wait_for_function(f"{FOCUSED} === '{ids[5]}'")
    page.keyboard.press("]")
    page.wait_for_function(f"{FOCUSED} === '{ids[10]}'")
    page.keyboard.press("]")  # no page after the last: nothing happens
    page.keyboard.press("[")
    page.wait_for_function(f"{FOCUSED} === '{ids[5]}'")
    page.go_back()  # Back returns to the page and the segment it was on
    page.wait_for_function(f"{FOCUSED} === '{ids[10]}'")
    assert page.js_errors == []


def test_history_keeps_the_place_of_a_segment_on_a_later_page(
    page, shot, settings, make_user, text_document
):
    settings.REDLINE_PAGE_SIZE = 5
    document = text_document(sentences(12))
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    segment = document.segments.order_by("position")[7]  # on the second page
    edit_segment(segment, segment.text.replace("county", "city"), segment.version, user)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/?after={segment.position - 3}#seg-{segment.pk}")
    page.wait_for_function(f"{FOCUSED} === 'seg-{segment.pk}'")
    page.keyboard.press("h")
    page.wait_for_url(f"**/segments/{segment.pk}/history/")
    page.keyboard.press("Escape")  # the history closes back to the segment, on its page
    page.wait_for_function(f"{FOCUSED} === 'seg-{segment.pk}'")
    assert f"segment={segment.pk}" in page.url
    page.keyboard.press("h")
    page.wait_for_url(f"**/segments/{segment.pk}/history/")
    # The document link in the crumbs opens the page that holds the segment, not page 1.
    assert (
        page.locator(".crumbs a", has_text=document.title)
        .get_attribute("href")
        .endswith(f"?segment={segment.pk}#seg-{segment.pk}")
    )
    page.get_by_role("button", name="Restore the MT text").click()
    # After a restore: back on the review page, at the segment, with the message.
    page.wait_for_function(f"{FOCUSED} === 'seg-{segment.pk}'")
    assert "Restored as a new revision" in page.locator(".msg-success").inner_text()
    segment.refresh_from_db()
    assert segment.text == segment.mt_text
    shot(page, "restored-back-at-segment")
    assert page.js_errors == []
