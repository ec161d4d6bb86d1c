"""Walking and fixing findings from the keyboard: n / N move between findings across segments,
f on a focused finding fixes it and moves on, a page filtered by a check opens at its first
finding; and the house-style form that decides what some fixes write."""

import pytest

from corpus import roles
from corpus.models import Segment
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = (
    "The fire destroyed the warehouse -- no one was hurt.\n\n"
    "The plan is clear. More than 250000 species live here.\n\n"
    "We stayed at home that day.\n\n"
    "The office ,as always, stayed open -- all night.\n"
)


def focused(page) -> str:
    return page.evaluate(
        "() => { const f = document.activeElement.closest('.finding');"
        " return f ? f.closest('.segment').id + ':' + f.dataset.check : '' }"
    )


def test_n_walks_the_findings_and_f_fixes_and_moves_on(page, shot, make_user, text_document):
    document = text_document(TEXT)
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    page.wait_for_selector(".finding")
    ids = {s.text[:12]: f"seg-{s.pk}" for s in Segment.objects.filter(document=document)}
    fire, more, office = ids["The fire des"], ids["More than 25"], ids["The office ,"]
    page.keyboard.press("n")
    assert focused(page) == f"{fire}:dash-misuse"
    page.keyboard.press("n")  # across segments, past one without findings
    assert focused(page) == f"{more}:unseparated-number"
    page.keyboard.press("N")
    assert focused(page) == f"{fire}:dash-misuse"
    page.keyboard.press("f")  # fixed, and the focus is on the next finding
    page.wait_for_function(f"!document.querySelector('#{fire} .finding')")
    page.wait_for_function(f"document.activeElement.closest('#{more}')")
    assert focused(page) == f"{more}:unseparated-number"
    shot(page, "findings-f-moves-on")
    page.keyboard.press("f")
    page.wait_for_function(f"document.activeElement.closest('#{office}')")
    assert focused(page).startswith(f"{office}:")
    texts = dict(Segment.objects.filter(document=document).values_list("text", "pk"))
    assert "The fire destroyed the warehouse\u2014no one was hurt." in texts
    assert "More than 250,000 species live here." in texts
    assert page.js_errors == []


def test_a_page_filtered_by_a_check_opens_at_its_first_finding(page, make_user, text_document):
    document = text_document(TEXT)
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    page.click("#findings-summary a[href='?check=dash-misuse']")
    page.wait_for_url("**?check=dash-misuse")
    page.wait_for_function("document.activeElement.closest('.finding')")
    first = focused(page)
    assert first.endswith(":dash-misuse")
    page.keyboard.press("n")  # the next dash, not the space before the comma between them
    assert focused(page).endswith(":dash-misuse") and focused(page) != first
    assert page.js_errors == []


def test_admin_sets_the_house_style_and_the_fixes_follow(page, shot, make_user, text_document):
    document = text_document(TEXT)
    admin = make_user("pat", roles.PROJECT_ADMIN, roles.TRANSLATOR, member_of=document.corpus)
    log_in(page, admin.username, PASSWORD)
    page.goto(f"/corpora/{document.corpus_id}/")
    page.click("text=House style")
    page.check("input[name=dash_style][value=en]")
    page.check("input[name=thousands_separator][value=thin]")
    shot(page, "house-style-form")
    page.click("text=Save house style")
    page.wait_for_selector("text=House style saved")
    page.goto(f"/documents/{document.pk}/")
    button = page.locator(".finding[data-check='dash-misuse'] button[data-key='f']").first
    assert "\u2013" in button.inner_text()
    number = page.locator(".finding[data-check='unseparated-number'] button[data-key='f']")
    assert "250\u202f000" in number.inner_text()
    shot(page, "house-style-fixes")
    assert page.js_errors == []
