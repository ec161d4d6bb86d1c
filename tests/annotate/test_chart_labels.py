"""The column chart's x-axis labels never collide, whatever the number of columns.

Pure: the labels' boxes are measured here with DejaVu Sans's own advance widths (the font
Debian's Chromium draws the dashboard in; among the widest sans-serif faces), except East Asian
ambiguous characters (the en dash of "0.1–0.2"), which a Chinese font draws a full em wide on
a page in Chinese. The chart's layout uses its own estimate; these measures are independent of
it, so an estimate too narrow for a real font fails here. tests/e2e/test_dashboard_flow.py
checks the same in Chromium with the boxes the browser measures.
"""

import datetime as dt
import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from annotate import charts
from annotate.charts import Series, column_chart
from annotate.services.dashboard import HTER_BUCKETS

SVG = "{http://www.w3.org/2000/svg}"
FONT = 11  # dashboard.css: .chart text { font-size: 11px }
LEGEND = 12  # .chart text.legend
# DejaVu Sans advance widths in em (units per em 2048), and its ascent and descent.
DEJAVU = {"-": 739, ".": 651, " ": 651, ">": 1716, "…": 2048, "x": 1212, "w": 1675, "W": 2025}
DEJAVU |= dict.fromkeys("0123456789", 1303)
FULL_WIDTH = "–"  # "–": 1024 in DejaVu, a full em in a CJK font
ASCENT, DESCENT = 1901 / 2048, 483 / 2048
# Closer than a space apart, two labels read as one ("0.1–0.20.2–0.3").
CLEARANCE = DEJAVU[" "] / 2048 * FONT


def width(text: str, size: float = FONT) -> float:
    """Chinese characters are an em wide in every Chinese font."""
    return sum(1.0 if c in FULL_WIDTH or c >= "\u4e00" else DEJAVU[c] / 2048 for c in text) * size


def _rotation(node) -> tuple[float, float, float]:
    match = re.fullmatch(r"rotate\((\S+) (\S+) (\S+)\)", node.get("transform", "rotate(0 0 0)"))
    assert match, node.get("transform")
    return tuple(float(v) for v in match.groups())


def label_boxes(svg: str) -> tuple[list[list[tuple[float, float]]], float, tuple[float, ...]]:
    """The x-axis labels (the text below the axis line, right of its start) as polygons in the
    chart's coordinates, the axis's y and the viewBox."""
    root = ET.fromstring(svg)
    line = root.find(f"{SVG}line[@class='axis']")
    axis, start = float(line.get("y1")), float(line.get("x1"))
    boxes = []
    for node in root.iter(f"{SVG}text"):
        x, y = float(node.get("x")), float(node.get("y"))
        if y <= axis or x <= start:
            continue  # the value ticks (left of the axis), the legend, the y-axis name
        w = width(node.text)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[node.get("text-anchor", "start")]
        corners = [(left, y - ASCENT * FONT), (left + w, y - ASCENT * FONT)]
        corners += [(left + w, y + DESCENT * FONT), (left, y + DESCENT * FONT)]
        angle, cx, cy = _rotation(node)
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        boxes.append(
            [
                (cx + (px - cx) * cos - (py - cy) * sin, cy + (px - cx) * sin + (py - cy) * cos)
                for px, py in corners
            ]
        )
    view = tuple(float(v) for v in root.get("viewBox").split())
    return boxes, axis, view


def separation(p, q) -> float:
    """How far apart two convex polygons are along their best separating axis (negative when
    they overlap): the separating axis theorem, every edge normal of both tried."""
    best = -math.inf
    for poly in (p, q):
        for (ax, ay), (bx, by) in zip(poly, poly[1:] + poly[:1], strict=True):
            nx, ny = by - ay, ax - bx
            length = math.hypot(nx, ny)
            on_p = [(x * nx + y * ny) / length for x, y in p]
            on_q = [(x * nx + y * ny) / length for x, y in q]
            best = max(best, min(on_q) - max(on_p), min(on_p) - max(on_q))
    return best


def test_separation_measures_gaps_and_overlaps():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert separation(square, [(x + 14, y) for x, y in square]) == pytest.approx(4)
    assert separation(square, [(x + 5, y + 5) for x, y in square]) < 0
    diamond = [(20, 5), (25, 0), (30, 5), (25, 10)]  # a rotated square 10 away from the edge
    assert separation(square, diamond) == pytest.approx(10)


def _dates(n: int) -> list[str]:
    return [(dt.date(2026, 3, 2) + dt.timedelta(days=i)).isoformat() for i in range(n)]


def _ranges(n: int) -> list[str]:
    """Histogram-like labels: the dashboard's HTER buckets, more of them for a finer histogram."""
    if n == len(HTER_BUCKETS):
        return HTER_BUCKETS
    return [f"{i / 10:.1f}–{(i + 1) / 10:.1f}" for i in range(n)]


@pytest.mark.parametrize("labels", [_dates, _ranges], ids=["days", "ranges"])
@pytest.mark.parametrize("n", [1, 2, 5, 8, 11, 12, 13, 20, 25, 31, 45, 60, 90, 200])
def test_x_labels_never_collide(labels, n):
    categories = labels(n)
    svg = column_chart("c", "t", "d", categories, [Series("s", "edited", tuple(range(n)))])
    boxes, _axis, _view = label_boxes(svg)
    assert boxes, "some columns are labelled"
    assert len(boxes) * 4 >= min(n, 20), "labels are thinned only as much as they must be"
    _assert_apart_and_inside(svg)


def _assert_apart_and_inside(svg: str) -> None:
    boxes, axis, (x0, y0, view_w, view_h) = label_boxes(svg)
    for a, b in itertools.combinations(boxes, 2):
        assert separation(a, b) >= CLEARANCE, (a, b)
    for box in boxes:
        assert all(x0 <= x <= x0 + view_w and axis < y <= y0 + view_h for x, y in box), box


def test_long_labels_are_cut_to_stay_inside_the_chart():
    categories = [f"{i:030d}" for i in range(8)]
    svg = column_chart("c", "t", "d", categories, [Series("s", "edited", (1,) * 8)])
    _assert_apart_and_inside(svg)
    assert all(
        t.text.endswith("…") for t in ET.fromstring(svg).iter(f"{SVG}text") if "0000" in t.text
    )


def test_every_histogram_bin_keeps_its_label():
    """The dashboard's twelve HTER bins are each labelled (slanted when they do not fit flat)."""
    svg = column_chart(
        "c", "t", "d", HTER_BUCKETS, [Series("s", "edited", (1,) * len(HTER_BUCKETS))]
    )
    boxes, _axis, _view = label_boxes(svg)
    assert len(boxes) == len(HTER_BUCKETS)


def test_few_short_labels_stay_level():
    svg = column_chart("c", "t", "d", _dates(3), [Series("s", "edited", (1, 2, 3))])
    texts = [t for t in ET.fromstring(svg).iter(f"{SVG}text") if t.text in _dates(3)]
    assert len(texts) == 3 and not any(t.get("transform") for t in texts)


@pytest.mark.parametrize("names", [("仍存在", "已修复", "已忽略"), ("0", "00000000", "5555")])
def test_legend_entries_do_not_run_into_each_other(names):
    series = [Series(name, "open", (1,)) for name in names]
    root = ET.fromstring(column_chart("c", "t", "d", ["a"], series))
    swatches = [float(r.get("x")) for r in root.iter(f"{SVG}rect") if r.get("y") == "8"]
    texts = [t for t in root.iter(f"{SVG}text") if t.get("class") == "legend"]
    assert [t.text for t in texts] == list(names) and len(swatches) == len(names)
    for text, next_swatch in zip(texts, swatches[1:], strict=False):
        assert float(text.get("x")) + width(text.text, LEGEND) + CLEARANCE <= next_swatch


def test_the_layout_assumes_the_font_size_the_stylesheet_sets():
    css = (settings.BASE_DIR / "static" / "redline" / "dashboard.css").read_text()
    rule = re.search(r"\.chart text \{([^}]*)\}", css).group(1)
    assert f"font-size: {charts.FONT}px;" in rule and charts.FONT == FONT
    legend = re.search(r"\.chart text\.legend \{([^}]*)\}", css).group(1)
    assert f"font-size: {charts.LEGEND}px;" in legend and charts.LEGEND == LEGEND
