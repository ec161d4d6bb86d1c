"""Playwright (Python) driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("REDLINE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: `make test` installs it (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def new_page(browser, live_server, *, bypass_csp: bool):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return page


@pytest.fixture
def page(browser, live_server):
    # Playwright's wait_for_function evaluates its string with eval, which the content security
    # policy forbids; the flow tests test flows, and tests/e2e/test_csp.py tests the policy on a
    # page that does not bypass it (strict_page).
    page = new_page(browser, live_server, bypass_csp=True)
    yield page
    page.context.close()


@pytest.fixture
def strict_page(browser, live_server):
    page = new_page(browser, live_server, bypass_csp=False)
    yield page
    page.context.close()


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)

    return take


def log_in(page, username: str, password: str):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def open_editor(page, segment_pk: int):
    """Press e on the segment and wait until its text box has the focus (the swap has settled),
    so typing cannot race the focus the page gives the box."""
    page.locator(f"#seg-{segment_pk}").focus()
    page.keyboard.press("e")
    page.wait_for_function(
        f"document.activeElement && document.activeElement.id === 'text-{segment_pk}'"
    )
    return page.locator(f"#seg-{segment_pk} textarea")
