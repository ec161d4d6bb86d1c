"""The glossary on the review screen in Chromium: fix a forbidden variant with f, link a span with g."""

import pytest

from annotate.models import Label, Span
from corpus import roles
from glossary.services.concepts import create_term
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PREFERRED = "specialized, refined, distinctive and innovative"


def test_fix_forbidden_variant_and_link_a_span_by_keyboard(
    page, shot, make_user, text_document, corpus
):
    create_term(
        None,
        corpus=corpus,
        preferred=PREFERRED,
        source="专精特新",
        status="approved",
        label_key="POLICY",
        forbidden=["specialized, special and new"],
    )
    create_term(None, corpus=corpus, preferred="little giant", source="小巨人", status="approved")
    label = Label.objects.create(corpus=corpus, key="POLICY", name="Policy", shortcut="9")
    document = text_document(
        'We cultivate "specialized, special and new" enterprises and little giants.'
    )
    segment = document.segments.get()
    user = make_user("tina", roles.TRANSLATOR, member_of=corpus)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    assert page.locator(f"#seg-{segment.pk} .gl-forbidden").first.is_visible()
    shot(page, "glossary-forbidden")

    page.locator(f"#seg-{segment.pk}").focus()
    page.keyboard.press("f")  # the segment's first fixable finding: the forbidden variant
    page.wait_for_function(
        f"document.querySelector('#seg-{segment.pk} .seg-text').textContent.includes('refined')"
    )
    segment.refresh_from_db()
    assert segment.text == f'We cultivate "{PREFERRED}" enterprises and little giants.'

    start = segment.text.index("little giants")
    span = Span.objects.create(
        segment=segment,
        start=start,
        end=start + len("little giants"),
        text="little giants",
        label=label,
    )
    page.reload()
    page.locator(f"#seg-{segment.pk}").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("g")
    page.wait_for_selector("#link-box[open] .link-hits li")
    page.keyboard.press("Control+a")
    page.keyboard.type("little gia")
    page.wait_for_function(
        "document.querySelector('#link-box .link-hits li strong') && document.querySelector('#link-box .link-hits li strong').textContent === 'little giant'"
    )
    shot(page, "glossary-link-box")
    page.keyboard.press("Enter")
    page.wait_for_selector(
        f"#seg-{segment.pk} .chip-label[data-span='{span.pk}'][title*='linked to']"
    )
    span.refresh_from_db()
    assert span.term.preferred == "little giant"
    assert page.js_errors == []
