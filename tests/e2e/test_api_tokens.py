"""In Chromium: make an API token, see it once, use it, revoke it."""

import httpx
import pytest

from corpus import roles
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_create_see_once_and_revoke_a_token(page, live_server, corpus, make_user, shot):
    make_user("tina", roles.TRANSLATOR, member_of=corpus)
    log_in(page, "tina", PASSWORD)
    page.click("text=API tokens")
    page.fill("input[name=name]", "nightly feed")
    page.check("input[name=scope][value=write]")
    page.click("text=Create token")
    text = page.input_value("#new-token-text")
    assert text.startswith("rl_")
    shot(page, "api-token-created")
    api = httpx.Client(base_url=live_server.url, headers={"Authorization": f"Bearer {text}"})
    assert [c["name"] for c in api.get("/api/v1/corpora/").json()["results"]] == [corpus.name]
    page.reload()  # shown once: a reload neither shows it again nor makes a second token
    assert page.locator("#new-token-text").count() == 0
    assert text not in page.content()
    assert page.locator("#tokens tbody tr").count() == 1
    row = page.locator("#tokens tr", has_text="nightly feed")
    row.locator("text=Revoke").click()
    page.wait_for_selector("text=revoked")
    assert "revoked" in page.locator("#tokens tr", has_text="nightly feed").inner_text()
    assert api.get("/api/v1/corpora/").status_code == 401
    assert page.js_errors == []
