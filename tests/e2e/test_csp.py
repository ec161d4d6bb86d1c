"""Every screen under the strict content security policy, in Chromium (issue 13.4): no
violation reported, and the label colours and progress bars still drawn without inline styles."""

import pytest
from playwright.sync_api import expect

from annotate.models import Label, Span
from annotate.services.edits import edit_segment
from api.services.webhooks import emit, register
from corpus import roles
from glossary.models import TermVariant
from glossary.services.concepts import create_term
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Collected in the page from the first script on, so violations during parsing count too.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def world(corpus, text_document, make_user, django_user_model):
    document = text_document("Ningxia grew fast. The Jining index rose by 5%.")
    first, second = document.segments.order_by("position")
    label = Label.objects.create(
        corpus=corpus, key="GPE", name="Place", colour="#1f6fb5", shortcut="3"
    )
    Span.objects.create(segment=first, start=0, end=7, text="Ningxia", label=label)
    edit_segment(second, "The Jining development index rose by 5%.", second.version, None)
    term = create_term(
        None,
        corpus=corpus,
        preferred="development index",
        status="approved",
        forbidden=["developing index"],
    )
    admin = django_user_model.objects.create_superuser("root", password=PASSWORD)
    corpus.members.add(admin)
    make_user("glossy", roles.GLOSSARY_ADMIN, member_of=corpus)
    variant = TermVariant.objects.get(term=term)
    hook = register(corpus, admin, "https://93.184.216.34/hook", ["segment.approved"])
    emit(corpus.pk, "test", {"corpus": corpus.pk}, endpoints=[hook])  # a row in the log
    pages = [
        "/",
        f"/corpora/{corpus.pk}/",
        f"/documents/{document.pk}/",
        f"/segments/{second.pk}/history/",
        f"/corpora/{corpus.pk}/labels/",
        "/glossary/",
        f"/glossary/corpora/{corpus.pk}/",
        f"/glossary/corpora/{corpus.pk}/terms/{term.pk}/",
        f"/glossary/corpora/{corpus.pk}/terms/{term.pk}/edit/",
        f"/glossary/corpora/{corpus.pk}/new/",
        f"/glossary/corpora/{corpus.pk}/terms/{term.pk}/variants/{variant.pk}/replace/",
        f"/export/corpora/{corpus.pk}/",
        f"/api/corpora/{corpus.pk}/webhooks/",
        f"/api/webhooks/{hook.pk}/",
        "/admin/",
    ]
    return document, first, pages


def violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.__csp") + [m for m in console if "Content Security Policy" in m]


def test_every_screen_runs_under_the_policy_without_a_violation(strict_page, world):
    page = strict_page
    document, first, pages = world
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.context.add_init_script(LISTEN)

    response = page.goto("/accounts/login/")
    policy = response.headers["content-security-policy"]
    for directive in (
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert violations(page, console) == []

    log_in(page, "root", PASSWORD)
    found = {}
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        if violations(page, console):
            found[url] = violations(page, console)
        console.clear()

    # The review screen after HTMX swaps: open the editor, then cancel.
    page.goto(f"/documents/{document.pk}/")
    # No wait_for_function here: Playwright evaluates its string with eval, which the policy blocks.
    page.locator(f"#seg-{first.pk}").focus()
    page.keyboard.press("e")
    expect(page.locator(f"#text-{first.pk}")).to_be_focused()
    page.keyboard.press("Escape")
    page.wait_for_load_state("networkidle")
    if violations(page, console):
        found["review after a swap"] = violations(page, console)
    assert found == {}
    assert page.js_errors == []


def test_label_colours_and_progress_bars_are_drawn_from_the_stylesheets(strict_page, world, corpus):
    page = strict_page
    document, first, _ = world
    log_in(page, "root", PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    colour = page.evaluate(
        f"getComputedStyle(document.querySelector('#seg-{first.pk} mark.span')).getPropertyValue('--c')"
    )
    assert colour.strip() == "#1f6fb5"
    page.goto(f"/corpora/{corpus.pk}/")
    edited = page.locator("svg.progress rect.edited").first
    assert float(edited.get_attribute("width")) == 1.0
    assert edited.bounding_box()["width"] > 0
