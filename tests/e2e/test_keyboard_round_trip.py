"""A reviewer's round trip with the keyboard only (issue #11's "done when"): mark a mid-sentence
span, fix a finding, find and replace across the corpus with one occurrence opted out, undo the
replace in one segment from its history, comment, reject with a reason, and cross a page
boundary with `j`.

Every action is a key press or typed text (page.keyboard); the test reads the DOM and the
database only to check what each key did. Addresses are typed as a user types them (goto).
"""

import pytest

from annotate.models import Comment, Label, RejectReason, Span
from corpus import roles
from corpus.models import Revision, Segment
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SENTENCES = [
    "Yesterday the Jining Municipal Committee met.",
    "Output rose , and prices fell.",  # a space before the comma: a finding with a fix
    "Farmers sowed 20 acres.",
    "Rain came early.",
    "The acres of Jining are wide.",
    "Roads crossed acres of wheat.",
    "Prices held steady.",
    "Roads were widened.",
]


def focused(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page, selector: str, *, back: bool = False, limit: int = 60) -> None:
    """Tab (or Shift+Tab) until the focus is on `selector`, as a keyboard user walks a page."""
    for _ in range(limit):
        if focused(page, selector):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"Tab never reached {selector}")


def wait_focus(page, element_id: str) -> None:
    page.wait_for_function(
        f"document.activeElement && document.activeElement.id === '{element_id}'"
    )


def test_a_reviewers_day_from_the_keyboard_only(
    page, shot, make_user, text_document, corpus, settings
):
    settings.REDLINE_PAGE_SIZE = 4
    page.set_default_timeout(30_000)  # a shared, loaded machine: generous, never a timing test
    Label.objects.create(corpus=corpus, key="ORG", name="Organisation", shortcut="1")
    document = text_document(" ".join(SENTENCES))
    seg = list(document.segments.order_by("position"))
    assert [s.text for s in seg] == SENTENCES
    user = make_user("rui", roles.REVIEWER, member_of=corpus)

    # Log in: the username field has the focus.
    page.goto("/accounts/login/")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    # 1. A span in the middle of a sentence: the word cursor, Shift+→, a label key.
    page.goto(f"/documents/{document.pk}/")
    page.wait_for_selector(f"#seg-{seg[1].pk} .finding")
    page.keyboard.press("j")
    wait_focus(page, f"seg-{seg[0].pk}")
    page.keyboard.press("Home")  # "Yesterday"
    page.keyboard.press("ArrowRight")  # "the"
    page.keyboard.press("ArrowRight")  # "Jining"
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")  # "Jining Municipal Committee"
    page.keyboard.press("1")
    page.wait_for_selector(f"#seg-{seg[0].pk} .chip-label")
    span = Span.objects.get()
    assert (span.start, span.end, span.text, span.label.key) == (
        14,
        40,
        "Jining Municipal Committee",
        "ORG",
    )
    shot(page, "round-trip-1-span")

    # 2. A finding fixed: j to the segment, f applies its fix.
    page.keyboard.press("Escape")  # back from the chip to its segment
    wait_focus(page, f"seg-{seg[0].pk}")
    page.keyboard.press("j")
    wait_focus(page, f"seg-{seg[1].pk}")
    assert page.locator(f"#seg-{seg[1].pk} .finding").count() == 1
    page.keyboard.press("f")
    page.wait_for_function(f"!document.querySelector('#seg-{seg[1].pk} .finding')")
    assert Segment.objects.get(pk=seg[1].pk).text == "Output rose, and prices fell."
    shot(page, "round-trip-2-fixed")

    # 3. Find, then on to the corpus's find and replace: `/`, Tab to its link, Enter.
    page.keyboard.press("/")
    page.wait_for_selector("#find-box[open]")
    page.keyboard.type("acres")
    page.keyboard.press("Enter")
    page.wait_for_selector("#find-box .find-counts strong")
    tab_to(page, "#find-box a[data-corpus-search]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#find-q")
    assert focused(page, "#find-q")  # the search page opens ready to type
    assert page.locator("#find-q").input_value() == "acres"  # what was typed came along
    tab_to(page, "input[name=word]")
    page.keyboard.press("Space")  # whole word
    tab_to(page, "#find-to")
    page.keyboard.type("mu")
    tab_to(page, "button[formaction$='/replace/']")
    page.keyboard.press("Enter")
    page.wait_for_selector(".replace-preview")
    opt_out = f"input[name=replace][value='{seg[5].pk}:14']"
    tab_to(page, opt_out)
    page.keyboard.press("Space")  # keep "Roads crossed acres of wheat."
    assert not page.locator(opt_out).is_checked()
    shot(page, "round-trip-3-preview")
    tab_to(page, ".replace-preview ~ p button.primary")
    page.keyboard.press("Enter")
    page.wait_for_selector("#replace-job .badge.state-done")
    shot(page, "round-trip-3-replaced")
    texts = {s.pk: s.text for s in Segment.objects.filter(document=document)}
    assert texts[seg[2].pk] == "Farmers sowed 20 mu."
    assert texts[seg[4].pk] == "The mu of Jining are wide."
    assert texts[seg[5].pk] == "Roads crossed acres of wheat."

    # 4. Undo the replace in one segment: its preview row's link opens it on its review page,
    # h its history, Tab to the undo, Enter.
    tab_to(page, f".replace-preview a[href$='#seg-{seg[2].pk}']", back=True)
    page.keyboard.press("Enter")
    wait_focus(page, f"seg-{seg[2].pk}")
    page.keyboard.press("h")
    page.wait_for_selector("h1:has-text('Segment history')")
    shot(page, "round-trip-4-history")
    tab_to(page, "button[data-undo-replace]")
    page.keyboard.press("Enter")
    wait_focus(page, f"seg-{seg[2].pk}")
    undone = Segment.objects.get(pk=seg[2].pk)
    assert undone.text == "Farmers sowed 20 acres."
    assert [r.action for r in undone.revisions.order_by("id")] == [
        Revision.Action.REPLACE_ALL,
        Revision.Action.RESTORE,
    ]
    assert Segment.objects.get(pk=seg[4].pk).text == "The mu of Jining are wide."

    # 5. A comment: j to the next segment, c, type, Ctrl+Enter.
    page.keyboard.press("j")
    wait_focus(page, f"seg-{seg[3].pk}")
    page.keyboard.press("c")
    wait_focus(page, f"comment-{seg[3].pk}-text")
    page.keyboard.type("Early in which month?")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{seg[3].pk} .comment >> text=Early in which month?")
    comment = Comment.objects.get()
    assert (comment.segment_id, comment.author, comment.text) == (
        seg[3].pk,
        user,
        "Early in which month?",
    )

    # 6. Reject with a reason: r, the category by its first letter, Tab to the note, Enter.
    page.locator(f"#seg-{seg[3].pk}").wait_for()
    if not focused(page, f"#seg-{seg[3].pk}"):
        page.keyboard.press("Escape")
    wait_focus(page, f"seg-{seg[3].pk}")
    page.keyboard.press("r")
    page.wait_for_function("document.activeElement && document.activeElement.name === 'category'")
    page.keyboard.type("o")  # "Omission", the first category starting with o
    tab_to(page, f"#seg-{seg[3].pk} input[name=note]")
    page.keyboard.type("the month is missing")
    shot(page, "round-trip-6-reject-form")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#seg-{seg[3].pk}.status-rejected .reject-reason")
    rejected = Segment.objects.get(pk=seg[3].pk)
    reason = RejectReason.objects.get()
    assert rejected.status == Segment.Status.REJECTED
    assert (reason.segment_id, reason.category, reason.text) == (
        seg[3].pk,
        "omission",
        "the month is missing",
    )
    shot(page, "round-trip-6-rejected")
    # The filter bar's counts follow without a reload: one rejected segment, one open comment.
    for chip in ("status-rejected", "comments-open"):
        page.wait_for_function(
            f"document.querySelector('#filters .chip.{chip} span').textContent === '1'"
        )
    wait_focus(page, f"seg-{seg[3].pk}")  # the bar's refresh leaves the focus where it was

    # 7. j past the page's last segment: the next page, its first segment focused, in the URL.
    # (The undo brought back the page that starts at segments[2]: four a page, [2, 5].)
    if not focused(page, f"#seg-{seg[3].pk}"):
        page.keyboard.press("Escape")
    wait_focus(page, f"seg-{seg[3].pk}")
    page.keyboard.press("j")
    wait_focus(page, f"seg-{seg[4].pk}")
    page.keyboard.press("j")
    wait_focus(page, f"seg-{seg[5].pk}")
    assert page.locator(f"#seg-{seg[6].pk}").count() == 0  # not on this page
    page.keyboard.press("j")
    page.wait_for_url(f"**#seg-{seg[6].pk}")
    wait_focus(page, f"seg-{seg[6].pk}")
    assert page.locator(f"#seg-{seg[3].pk}").count() == 0  # a new page, not a scroll
    assert page.locator(f"#seg-{seg[6].pk}").is_visible()
    shot(page, "round-trip-7-next-page")
    assert page.js_errors == []
