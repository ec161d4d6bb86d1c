"""Server-side SVG charts: numbers in, one <svg> string out. No Django, no JavaScript.

Colours are CSS classes (`series-<name>`) that static/redline/dashboard.css maps to the theme's
variables, so the dark theme recolours them: SVG presentation attributes cannot hold var(), and
the content security policy forbids style attributes. Every chart names itself with <title> and
<desc> for screen readers; the page puts the table behind it right after it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 30, 44
MAX_X_LABELS = 12


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


def _number(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value:.3g}"


def _legend(series: list[Series]) -> list[str]:
    parts, x = [], LEFT
    for one in series:
        parts.append(
            f'<rect class="series-{one.css}" x="{x}" y="8" width="10" height="10"/>'
            f'<text class="legend" x="{x + 14}" y="17">{escape(one.name)}</text>'
        )
        x += 24 + 7 * len(one.name)
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

    With many categories (days) every n-th label is written so they do not overlap."""
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
    every = max(1, math.ceil(len(categories) / MAX_X_LABELS))
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
        if i % every == 0:
            body.append(
                f'<text class="tick" x="{LEFT + (i + 0.5) * slot:.1f}" y="{TOP + plot_h + 16}" '
                f'text-anchor="middle">{escape(category)}</text>'
            )
    body.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/>'
    )
    return _frame(chart_id, title, desc, body)


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


__all__ = ["Series", "bar_chart", "column_chart", "nice_ticks"]
