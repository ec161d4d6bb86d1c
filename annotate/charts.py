"""Server-side SVG charts: numbers in, one <svg> string out. No Django, no JavaScript.

Colours are CSS classes (`series-<name>`) that static/redline/dashboard.css maps to the theme's
variables, so the dark theme recolours them: SVG presentation attributes cannot hold var(), and
the content security policy forbids style attributes. Every chart names itself with <title> and
<desc> for screen readers; the page puts the table behind it right after it.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 30, 44
# The x-axis labels' layout needs their size: dashboard.css draws chart text at 11px (user units
# of the viewBox, so the labels scale with the chart and their layout holds at any width).
FONT = 11
LEGEND = 12  # .chart text.legend
ASCENT, DESCENT = 0.95 * FONT, 0.25 * FONT  # at least any sans-serif face's (DejaVu: .93, .24)
LABEL_GAP = 0.4 * FONT  # closer than about a space apart, two labels read as one
SLANT = math.radians(45)
MAX_SLANTED = 14 * FONT  # a longer slanted label is cut, or it would make the chart too tall
NARROW = set(" .,:;'!|()[]{}-/ijlrtfI")
WIDE = set("mwMW@%")


@dataclass(frozen=True)
class Series:
    name: str  # shown in the legend
    css: str  # a class name fragment: `series-<css>`
    values: tuple[float, ...]


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round axis ticks from 0 covering `top` (1, 2 or 5 times a power of ten apart)."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def text_width(text: str, size: float = FONT) -> float:
    """How wide `text` is at this font size, at most: the server has no font metrics, so
    each character counts as wide as it is in the widest common sans-serif faces (DejaVu Sans,
    Verdana), and a full em when a Chinese font may draw it (East Asian wide and ambiguous
    characters: CJK, and the en dash of "0.1–0.2" on a page in Chinese)."""
    em = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WFA":
            em += 1.0
        elif char in NARROW:
            em += 0.42
        elif char in WIDE:
            em += 1.0
        elif char.isupper() or char in "<>=+~#&*^_":
            em += 0.86
        else:
            em += 0.66
    return em * size


def _shortened(text: str, limit: float) -> str:
    """`text`, cut with an ellipsis to at most `limit` wide (the full text stays in each
    column's tooltip and in the table under the chart)."""
    if text_width(text) <= limit:
        return text
    while text and text_width(text + "…") > limit:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True)
class XLabels:
    """Where a column chart writes its category labels: level when every one fits its column,
    else slanted at 45 degrees (parallel slanted labels need only a line's height between them,
    not their width); every `every`-th one when even slanted they would touch."""

    texts: tuple[str, ...]
    every: int
    slanted: bool
    drop: float  # from the axis down to the labels' anchor
    depth: float  # room the labels take under the axis


def x_labels(categories: list[str], slot: float) -> XLabels:
    """The layout of `categories`' labels under columns `slot` apart, computed from the widths
    the labels may take, so that no two ever overlap, whatever their number."""
    widest = max((text_width(c) for c in categories), default=0.0)
    if widest + LABEL_GAP <= slot:
        return XLabels(tuple(categories), 1, False, 16, BOTTOM)
    # A slanted label runs down and left from its anchor under its column: no wider than the
    # space left of the first column, so none leaves the chart, nor than MAX_SLANTED.
    limit = min(MAX_SLANTED, (LEFT + slot / 2 - 1) / math.sin(SLANT) - ASCENT)
    texts = tuple(_shortened(c, limit) for c in categories)
    widest = min(widest, limit)
    # Parallel slanted labels one column apart stand slot * sin(45°) apart across their lines.
    every = max(1, math.ceil((ASCENT + DESCENT + LABEL_GAP) / (slot * math.sin(SLANT))))
    drop = ASCENT * math.sin(SLANT) + 4  # the label's top corner rises above its anchor
    depth = drop + (widest + DESCENT) * math.sin(SLANT) + 6
    return XLabels(texts, every, True, drop, max(BOTTOM, depth))


def _x_label(labels: XLabels, text: str, x: float, axis: float) -> str:
    y = axis + labels.drop
    if labels.slanted:
        return (
            f'<text class="tick x-label" x="{x:.1f}" y="{y:.1f}" text-anchor="end" '
            f'transform="rotate(-45 {x:.1f} {y:.1f})">{escape(text)}</text>'
        )
    return (
        f'<text class="tick x-label" x="{x:.1f}" y="{y:.1f}" text-anchor="middle">'
        f"{escape(text)}</text>"
    )


def _number(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value:.3g}"


def _legend(series: list[Series]) -> list[str]:
    parts, x = [], LEFT
    for one in series:
        parts.append(
            f'<rect class="series-{one.css}" x="{x:.1f}" y="8" width="10" height="10"/>'
            f'<text class="legend" x="{x + 14:.1f}" y="17">{escape(one.name)}</text>'
        )
        x += 14 + text_width(one.name, LEGEND) + 10  # measured, so Chinese names do not collide
    return parts


def _frame(chart_id: str, title: str, desc: str, body: list[str], height: int = HEIGHT) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def column_chart(
    chart_id: str,
    title: str,
    desc: str,
    categories: list[str],
    series: list[Series],
    *,
    y_label: str = "",
) -> str:
    """Vertical columns, one per category, the series stacked; a histogram is one series.

    The category labels are laid out by x_labels: level, slanted, or every n-th, so they never
    overlap; slanted labels make the chart taller, not its plot smaller."""
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    scale = plot_h / ticks[-1]
    body = _legend(series) if len(series) > 1 else []
    for tick in ticks:
        y = TOP + plot_h - tick * scale
        body.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_number(tick)}</text>"
        )
    if y_label:
        body.append(
            f'<text class="axis-label" x="12" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" '
            f'transform="rotate(-90 12 {TOP + plot_h / 2:.1f})">{escape(y_label)}</text>'
        )
    slot = plot_w / max(len(categories), 1)
    labels = x_labels(categories, slot)
    for i, category in enumerate(categories):
        x, base = LEFT + i * slot + slot * 0.1, TOP + plot_h
        for one in series:
            height = one.values[i] * scale
            if height > 0:
                base -= height
                body.append(
                    f'<rect class="series-{one.css}" x="{x:.1f}" y="{base:.1f}" '
                    f'width="{slot * 0.8:.1f}" height="{height:.1f}">'
                    f"<title>{escape(category)}, {escape(one.name)}: "
                    f"{_number(one.values[i])}</title></rect>"
                )
        if i % labels.every == 0:
            body.append(_x_label(labels, labels.texts[i], LEFT + (i + 0.5) * slot, TOP + plot_h))
    body.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/>'
    )
    return _frame(chart_id, title, desc, body, math.ceil(TOP + plot_h + labels.depth))


def bar_chart(
    chart_id: str, title: str, desc: str, categories: list[str], series: list[Series]
) -> str:
    """Horizontal bars, one per category (a check, a person), the series stacked; suits long
    category names. The height grows with the number of categories."""
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))
    label_w, row = 170, 22
    height = TOP + row * max(len(categories), 1) + 28
    plot_w = WIDTH - label_w - RIGHT
    scale = plot_w / ticks[-1]
    body = _legend(series) if len(series) > 1 else []
    bottom = TOP + row * len(categories)
    for tick in ticks:
        x = label_w + tick * scale
        body.append(
            f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{bottom}"/>'
            f'<text class="tick" x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">'
            f"{_number(tick)}</text>"
        )
    for i, category in enumerate(categories):
        y, start = TOP + i * row, label_w
        name = category if len(category) <= 26 else category[:25] + "…"
        body.append(
            f'<text class="tick" x="{label_w - 6}" y="{y + row * 0.65:.1f}" text-anchor="end">'
            f"{escape(name)}</text>"
        )
        for one in series:
            width = one.values[i] * scale
            if width > 0:
                body.append(
                    f'<rect class="series-{one.css}" x="{start:.1f}" y="{y + 3}" '
                    f'width="{width:.1f}" height="{row - 6}">'
                    f"<title>{escape(category)}, {escape(one.name)}: "
                    f"{_number(one.values[i])}</title></rect>"
                )
                start += width
    body.append(f'<line class="axis" x1="{label_w}" x2="{label_w}" y1="{TOP}" y2="{bottom}"/>')
    return _frame(chart_id, title, desc, body, height)


__all__ = ["Series", "XLabels", "bar_chart", "column_chart", "nice_ticks", "text_width", "x_labels"]
