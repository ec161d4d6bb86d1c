"""In Chromium: a project admin registers a webhook from the corpus page, copies its secret, sends
a test event that a local receiver verifies, breaks the URL, retries the failed delivery."""

import pytest
from standardwebhooks.webhooks import Webhook

from api.models import WebhookDelivery
from corpus import roles
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_register_test_and_retry_a_webhook(page, corpus, make_user, receiver, settings, shot):
    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = True
    url, received, handler = receiver
    make_user("pat", roles.PROJECT_ADMIN, member_of=corpus)
    log_in(page, "pat", PASSWORD)
    page.goto(f"/corpora/{corpus.pk}/")
    page.click("text=Webhooks")
    page.fill("#id_url", "http://exa mple.org/hook")
    page.check("input[value='export.ready']")
    page.click("text=Add endpoint")
    assert "is not a valid web address" in page.locator("#endpoint-form").inner_text()
    page.fill("#id_url", url)
    page.click("text=Add endpoint")
    secret = page.input_value("#secret-text")
    assert secret.startswith("whsec_")
    shot(page, "webhook-created")
    page.click("#send-test")
    page.wait_for_selector("#deliveries tr.delivery-delivered")
    [(headers, body)] = received
    assert (
        Webhook(secret).verify(body, {k.lower(): v for k, v in headers.items()})["type"] == "test"
    )
    assert page.locator("#secret-text").count() == 0  # shown once; on demand afterwards

    handler.status = 500  # the immediate task backend gives up at once, so it shows failed
    page.click("#send-test")
    failed = page.locator("#deliveries tr.delivery-failed")
    assert "HTTP 500" in failed.inner_text()
    shot(page, "webhook-failed-delivery")
    handler.status = 204
    failed.locator("button.retry").click()
    page.wait_for_selector("text=Retry delivered (HTTP 204)")
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"delivered"}
    page.click("#show-secret")
    assert page.input_value("#secret-text") == secret
    assert page.js_errors == []
