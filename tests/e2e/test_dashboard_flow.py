"""A translator edits a segment in Chromium; the corpus dashboard then shows the edit in its
charts and tables, in the light and the dark theme, under the strict content security policy."""

import datetime as dt
import itertools

import pytest

from corpus import roles
from corpus.models import Revision, Segment
from tests.annotate.test_chart_labels import CLEARANCE, separation
from tests.conftest import PASSWORD, SEED_FILES, import_file
from tests.e2e.conftest import log_in, open_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _earlier_work(document, people):
    """Eleven days of earlier edits and approvals (some timed), so the charts have a shape and the
    progress chart more days than fit level labels."""
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=11)
    segments = list(Segment.objects.filter(document=document).order_by("position")[1:40])
    for i, segment in enumerate(segments):
        author = people[i % len(people)]
        Segment.objects.filter(pk=segment.pk).update(
            status="approved" if i % 3 else "edited", hter=(i % 9) / 10, text_author=author
        )
        for action, status in (("edit", "edited"), ("status", "approved")):
            if action == "status" and not i % 3:
                continue
            revision = Revision.objects.create(
                segment=segment,
                action=action,
                after=segment.text,
                status=status,
                version=2,
                author=author,
                edit_time_ms=20_000 + 1000 * i if action == "edit" and i % 4 else None,
            )
            when = start + dt.timedelta(days=i % 11, hours=action == "status")
            Revision.objects.filter(pk=revision.pk).update(created_at=when)


def test_an_edit_shows_on_the_dashboard(strict_page, page, shot, make_user, corpus):
    translator = make_user("tina", roles.TRANSLATOR, member_of=corpus)
    reviewer = make_user("rui", roles.REVIEWER, member_of=corpus)
    document = import_file(corpus, SEED_FILES[1])
    _earlier_work(document, [translator, reviewer])
    first = Segment.objects.filter(document=document).order_by("position").first()

    log_in(page, translator.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    box = open_editor(page, first.pk)
    box.fill(first.text + " Edited in the browser.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{first.pk} .seg-text")
    assert Revision.objects.filter(segment=first, action="edit", author=translator).exists()

    log_in(strict_page, translator.username, PASSWORD)
    strict_page.goto(f"/corpora/{corpus.pk}/")
    strict_page.click("a:has-text('Dashboard')")
    strict_page.wait_for_selector("svg.chart")
    assert strict_page.locator("svg.chart").count() == 5
    today = dt.date.today().isoformat()
    assert strict_page.locator(f"td:has-text('{today}')").count() == 1  # today's edit, tabled
    people = strict_page.locator("table.effort").first
    assert people.locator("th[scope=row]:has-text('tina')").count() == 1
    # The theme's colours reached the bars (dashboard.css under the CSP): not the SVG default.
    fill = strict_page.eval_on_selector(
        "svg.chart rect.series-edited", "r => getComputedStyle(r).fill"
    )
    assert fill not in ("rgb(0, 0, 0)", "")
    shot(strict_page, "dashboard-light")
    strict_page.emulate_media(color_scheme="dark")
    dark_fill = strict_page.eval_on_selector(
        "svg.chart rect.series-edited", "r => getComputedStyle(r).fill"
    )
    assert dark_fill != fill
    _assert_x_labels_apart(strict_page)
    shot(strict_page, "dashboard-dark")
    strict_page.locator("table.effort").first.scroll_into_view_if_needed()
    shot(strict_page, "dashboard-dark-effort")
    strict_page.locator("h2:has-text('Findings per check')").scroll_into_view_if_needed()
    shot(strict_page, "dashboard-dark-checks")


# Each x-axis label's box as Chromium lays it out (getBBox, in the text's own coordinates),
# carried through its rotation into the chart's coordinates.
LABEL_CORNERS = """svg => [...svg.querySelectorAll('text.x-label')].map(text => {
    const box = text.getBBox();
    const m = text.transform.baseVal.consolidate()?.matrix ?? svg.createSVGMatrix();
    return [[box.x, box.y], [box.x + box.width, box.y],
            [box.x + box.width, box.y + box.height], [box.x, box.y + box.height]]
        .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
})"""


def _assert_x_labels_apart(page):
    """The column charts' labels, measured in the browser's own font, never touch."""
    charts = page.locator("svg.chart:has(text.x-label)")
    assert charts.count() == 2  # progress per day and the HTER histogram
    for i in range(charts.count()):
        boxes = charts.nth(i).evaluate(LABEL_CORNERS)
        assert len(boxes) > 1
        for a, b in itertools.combinations(boxes, 2):
            assert separation(a, b) >= CLEARANCE, (a, b)
