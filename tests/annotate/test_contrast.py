"""Label colours stay readable in the light and the dark theme (WCAG 2 AA, 4.5:1)."""

import json
import re
from itertools import product
from pathlib import Path

import pytest
from django.urls import reverse

from annotate.contrast import AA, DARK, LIGHT, THEMES, contrast, ink_on, label_inks, mix
from annotate.models import Label
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
DEFAULTS = [spec["colour"] for spec in json.loads((ROOT / "seeds" / "labels.json").read_text())]
# Every colour a 16-level grid per channel reaches (4,096), beside the defaults: an admin may
# pick any colour, so the inks must hold for all of them, not for a palette we chose.
GRID = ["#" + "".join(f"{level * 17:02x}" for level in rgb) for rgb in product(range(16), repeat=3)]


def test_the_light_chip_ink_of_the_old_stylesheet_failed_on_default_colours():
    # White on every chip is what app.css drew before the inks: five of the ten defaults (GPE,
    # LOC, DATE, PERCENT, QUANTITY) were below AA.
    assert len([c for c in DEFAULTS if contrast("#ffffff", c) < AA]) == 5


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_text_on_and_in_every_label_colour_reaches_aa(theme):
    for colour in DEFAULTS + GRID:
        inks = label_inks(colour)[theme.name]
        # a filled chip: its key in --c-ink on the colour
        assert contrast(inks["--c-ink"], colour) >= AA, colour
        # a suggested chip: the key in --c-text on the card
        assert contrast(inks["--c-text"], theme.card) >= AA, colour
        # a marked span: body ink on the colour mixed into the card
        assert contrast(theme.ink, mix(colour, theme.card, theme.mark_share)) >= AA, colour


def test_a_colour_that_already_reads_is_kept_as_it_is():
    assert label_inks("#1f6fb5")["light"]["--c-text"] == "#1f6fb5"
    assert ink_on("#b8860b") == "#000000" and ink_on("#1f6fb5") == "#ffffff"


def _declarations(css: str) -> dict[str, str]:
    root = re.search(r":root\s*{([^}]*)}", css).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", root))


def _full(colour: str) -> str:
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def test_the_themes_checked_are_the_themes_the_stylesheets_draw():
    light = _declarations((ROOT / "static" / "redline" / "app.css").read_text())
    dark = _declarations((ROOT / "static" / "redline" / "dark.css").read_text())
    for theme, found in ((LIGHT, light), (DARK, dark)):
        assert _full(found["--card"]) == theme.card
        assert found["--ink"] == theme.ink
        assert found["--mark-share"] == f"{round(theme.mark_share * 100)}%"


@pytest.mark.django_db
def test_labels_css_carries_the_inks_for_both_themes(client, translator, corpus):
    label = Label.objects.create(corpus=corpus, key="PERCENT", name="Percent", colour="#b8860b")
    assert client.login(username=translator.username, password=PASSWORD)
    css = client.get(reverse("annotate:label_css", args=[corpus.pk])).content.decode()
    inks = label_inks("#b8860b")
    assert f".label-{label.pk}{{--c:#b8860b;--c-ink:#000000;" in css
    assert f"--c-text:{inks['light']['--c-text']}}}" in css
    dark = css[css.index("@media (prefers-color-scheme: dark)") :]
    assert f".label-{label.pk}{{--c-text:{inks['dark']['--c-text']}}}" in dark
