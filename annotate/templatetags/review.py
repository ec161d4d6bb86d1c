"""Segment text with its spans drawn in, escaped piece by piece.

Each text piece carries its code-point offset (data-o) so the browser can turn a selection into
Python offsets without counting the label chips; each span gets one focusable chip after its last
piece, which is what Tab moves between.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from corpus.text.spans import pieces

register = template.Library()


@register.simple_tag
def segment_text(segment) -> SafeString:
    text = segment.text
    spans = list(getattr(segment, "shown_spans", ()))
    parts = []
    last_piece_of = {}
    layout = pieces(len(text), [(s.start, s.end) for s in spans])
    for index, piece in enumerate(layout):
        for span_index in piece.covering:
            last_piece_of[span_index] = index
    for index, piece in enumerate(layout):
        chunk = format_html('<span class="t" data-o="{}">{}</span>', piece.start, text[piece.start:piece.end])
        if piece.covering:
            top = spans[piece.covering[0]]
            outer = " ".join(str(spans[i].pk) for i in piece.covering)
            chunk = format_html(
                '<mark class="span state-{}" style="--c:{}" data-spans="{}">{}</mark>',
                top.state, top.label.colour, outer, chunk,
            )
        parts.append(chunk)
        ending = [spans[i] for i, last in last_piece_of.items() if last == index]
        parts.extend(_chip(span) for span in sorted(ending, key=lambda s: -s.start))
    return format_html_join("", "{}", ((part,) for part in parts))


def _chip(span) -> SafeString:
    title = f"{span.label.name} · {span.get_state_display()} · {span.get_origin_display()}"
    return format_html(
        '<span class="chip-label state-{}" style="--c:{}" tabindex="-1" data-span="{}" data-state="{}" title="{}">{}{}</span>',
        span.state, span.label.colour, span.pk, span.state, title, span.label.key,
        "?" if span.state == "suggested" else ("⚠" if span.state == "needs-review" else ""),
    )


@register.filter
def has_suggestions(segment) -> bool:
    return any(span.state == "suggested" for span in getattr(segment, "shown_spans", ()))
