"""Find and replace in Chromium: `/` on the review screen, the corpus search, replace-all with one
occurrence opted out."""

import pytest

from corpus import roles
from corpus.models import Revision
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SENTENCES = [
    "Jining grew on 20 acres.",
    "The plan covers the city.",
    "Farmers sowed wheat.",
    "Rain came early.",
    "Prices held steady.",
    "Roads were widened.",
    "The acres of Jining 😀 are wide.",
    "ACRES and acresx are counted apart.",
]


def test_find_in_a_document_then_replace_across_the_corpus(
    page, shot, make_user, text_document, corpus, settings
):
    settings.REDLINE_PAGE_SIZE = 5  # the later hits sit on the second page
    document = text_document(" ".join(SENTENCES))
    segments = list(document.segments.order_by("position"))
    user = make_user("tina", roles.TRANSLATOR, member_of=corpus)
    log_in(page, user.username, PASSWORD)

    page.goto(f"/documents/{document.pk}/")
    page.locator(f"#seg-{segments[0].pk}").focus()
    page.keyboard.press("/")
    page.wait_for_selector("#find-box[open]")
    page.keyboard.type("acres")
    page.keyboard.press("Enter")
    page.wait_for_selector("#find-box .find-counts strong")
    assert "4 occurrences in 3 segments" in page.locator("#find-box .find-counts").inner_text()
    # Going on to the corpus search keeps what was typed, not the document.
    onward = page.locator("#find-box a[data-corpus-search]").get_attribute("href")
    assert "q=acres" in onward and "doc=" not in onward
    shot(page, "find-in-document")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the second segment with a hit, on page 2
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#seg-{segments[6].pk}")
    page.wait_for_function(
        f"document.activeElement && document.activeElement.id === 'seg-{segments[6].pk}'"
    )
    shot(page, "find-opened-hit")
    assert not page.js_errors

    page.goto(f"/corpora/{corpus.pk}/")
    page.click("text=Find and replace")
    page.fill("#find-q", "acres")
    page.check("input[name=word]")
    page.click("button:has-text('Find')")
    page.wait_for_selector(".find-counts strong")
    assert page.locator(".kwic mark").all_inner_texts() == ["acres", "acres", "ACRES"]
    shot(page, "find-corpus")
    page.fill("#find-to", "mu")
    page.click("text=Preview replacements")
    page.wait_for_selector(".replace-preview")
    shot(page, "replace-preview")
    page.uncheck(f"input[name=replace][value='{segments[7].pk}:0']")  # keep "ACRES and acresx"
    page.click("text=Replace the ticked occurrences")
    page.wait_for_selector("#replace-job .badge.state-done")
    shot(page, "replace-done")
    texts = [s.text for s in document.segments.order_by("position")]
    assert texts[0] == "Jining grew on 20 mu." and texts[6] == "The mu of Jining 😀 are wide."
    assert texts[7] == "ACRES and acresx are counted apart."
    assert Revision.objects.filter(action=Revision.Action.REPLACE_ALL).count() == 2
    assert not page.js_errors
