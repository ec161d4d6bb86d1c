"""Readable text on and in label colours, light and dark (WCAG 2 contrast). Pure: no Django.

A label's colour is whatever a project admin picked, so the stylesheet cannot hard-code the ink
that goes with it: white on dark goldenrod is 3.3:1 and the same colour as text on a dark page is
unreadable. `label_inks` derives, for each theme, the ink of a filled chip (black or white,
whichever contrasts more: one of them always reaches 4.5:1) and a variant of the colour that reads
as text on the theme's card background (darkened or lightened just enough).
"""

from __future__ import annotations

from dataclasses import dataclass

AA = 4.5  # WCAG 2.x AA for normal-size text
BLACK, WHITE = "#000000", "#ffffff"


@dataclass(frozen=True)
class Theme:
    name: str
    card: str  # the background text sits on (segments, chips' surroundings)
    ink: str  # body text
    mark_share: float  # how much label colour a span's background mixes into the card


# Kept in step with app.css (:root) and dark.css (their --card and --ink).
LIGHT = Theme("light", card="#ffffff", ink="#1d2330", mark_share=0.16)
DARK = Theme("dark", card="#1b2029", ink="#e4e7ee", mark_share=0.24)
THEMES = (LIGHT, DARK)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`share` of colour in other, as CSS color-mix(in srgb, colour share, other) computes it."""
    return _hex(
        tuple(c * share + o * (1 - share) for c, o in zip(_rgb(colour), _rgb(other), strict=True))
    )


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on a fill of this colour."""
    return BLACK if contrast(colour, BLACK) >= contrast(colour, WHITE) else WHITE


def text_colour(colour: str, background: str, minimum: float = AA) -> str:
    """The colour itself if it reads on the background, else the nearest shade (mixed towards
    black on a light background, white on a dark one) that reaches `minimum`."""
    towards = BLACK if luminance(background) > 0.18 else WHITE
    for step in range(21):  # 5% steps; the pure end (black/white) always passes on these cards
        shade = mix(towards, colour, step / 20)
        if contrast(shade, background) >= minimum:
            return shade
    return towards


def label_inks(colour: str) -> dict[str, dict[str, str]]:
    """Per theme: `--c-ink` (text on a chip filled with the colour) and `--c-text` (the colour
    as text on the theme's card)."""
    return {
        theme.name: {"--c-ink": ink_on(colour), "--c-text": text_colour(colour, theme.card)}
        for theme in THEMES
    }
