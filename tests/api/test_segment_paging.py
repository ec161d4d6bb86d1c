"""Segment listing costs the same queries at page 1 and deep in a long document (keyset)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def _queries(api, url) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


@pytest.mark.parametrize("listing", ["document", "corpus"])
def test_a_deep_page_costs_what_the_first_costs(listing, text_document, translator, settings):
    settings.REDLINE_API_PAGE_SIZE = 20
    text = "\n\n".join(f"Sentence number {i} is here." for i in range(1, 1001))
    document = text_document(text)
    api = token_client(translator, "read")
    url = (
        f"/api/v1/documents/{document.pk}/segments/"
        if listing == "document"
        else f"/api/v1/corpora/{document.corpus_id}/segments/"
    )
    api.get(url)  # the first visit checks the document (findings), as the review screen does
    first, page = _queries(api, url)
    seen = [s["position"] for s in page["results"]]
    for _ in range(30):
        count, page = _queries(api, page["next"])
        assert count == first
        seen += [s["position"] for s in page["results"]]
    assert seen == sorted(seen) and len(set(seen)) == len(seen) == 31 * 20
    # Follow to the end: every segment once, in order, and no next link on the last page.
    while page["next"]:
        count, page = _queries(api, page["next"])
        assert count == first
        seen += [s["position"] for s in page["results"]]
    assert len(seen) == document.segments.count() == 1000
    assert seen == sorted(seen)
