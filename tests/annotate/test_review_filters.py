"""The review page's filters combine (status, check, spans), show as removable chips, name the
check by its title; and a link to one segment opens the page that holds it."""

import re
from html import unescape

import pytest
from django.urls import reverse

from corpus.services.segments import raw_edit
from tests.helpers import login

pytestmark = pytest.mark.django_db


def hrefs(html: str, css_class: str) -> dict[str, str]:
    """Link text (first word) -> href of the <a> elements carrying this class."""
    found = {}
    for attrs, text in re.findall(
        r'<a ([^>]*class="[^"]*' + css_class + r'[^"]*"[^>]*)>(.*?)</a>', html
    ):
        href = unescape(re.search(r'href="([^"]*)"', attrs).group(1))
        found[re.sub(r"<[^>]+>", "", text).split()[0]] = (href, ' on"' in attrs or 'on" ' in attrs)
    return found


@pytest.fixture
def document(text_document, translator):
    # Two repeated words (repeated-word) and two clean sentences; one of each kind edited.
    document = text_document(
        "We saw the the report here. Clean one here.\n\nThey read the the news. Clean two."
    )
    segments = list(document.segments.order_by("position"))
    raw_edit(segments[0], segments[0].text.replace("here", "today"), 1, translator)
    raw_edit(segments[1], "Clean one, edited.", 1, translator)
    return document


def test_status_and_check_combine_and_show_as_removable_chips(client, reviewer, document):
    url = reverse("annotate:document_review", args=[document.pk])
    login(client, reviewer)
    client.get(url)  # the first visit runs the checks
    response = client.get(url, {"check": "repeated-word", "status": "edited"})
    shown = [s.text for s in response.context["segments"]]
    assert shown == ["We saw the the report today."]
    html = response.content.decode()
    # The banner names the check by its title, not its id.
    assert "Showing segments with “Repeated word” findings" in html
    # Status chips keep the check; the chip that is on takes only itself off; All is not on.
    chips = hrefs(html, "chip")
    assert chips["MT"][0] == "?status=mt&check=repeated-word"
    assert chips["Edited"] == ("?check=repeated-word", True)
    assert chips["All"] == ("?", False)
    assert chips["Suggestions"][0] == "?status=edited&spans=suggested&check=repeated-word"
    # Each filter in use is a chip that removes just it.
    removable = hrefs(html, "removable")
    assert removable["Status:"][0] == "?check=repeated-word"
    assert removable["Check:"][0] == "?status=edited"
    # The findings summary's check links keep the status.
    summary = client.get(
        reverse("annotate:document_findings", args=[document.pk]), {"status": "edited"}
    ).content.decode()
    assert 'href="?status=edited&amp;check=repeated-word"' in summary


def test_all_is_on_only_without_filters(client, reviewer, document):
    url = reverse("annotate:document_review", args=[document.pk])
    login(client, reviewer)
    assert hrefs(client.get(url).content.decode(), "chip")["All"] == ("?", True)
    assert (
        hrefs(client.get(url, {"spans": "suggested"}).content.decode(), "chip")["All"][1] is False
    )


def test_a_link_to_a_segment_opens_the_page_holding_it(client, reviewer, text_document, settings):
    settings.REDLINE_PAGE_SIZE = 3
    document = text_document(" ".join(f"Sentence {i} here." for i in range(1, 11)))
    wanted = document.segments.order_by("position")[7]
    url = reverse("annotate:document_review", args=[document.pk])
    response = login(client, reviewer).get(url, {"segment": wanted.pk})
    assert wanted in response.context["segments"]
    assert f'data-focus="seg-{wanted.pk}"' in response.content.decode()
