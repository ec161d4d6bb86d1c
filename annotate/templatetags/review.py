"""Segment text with its spans drawn in, escaped piece by piece.

Each text piece carries its code-point offset (data-o) so the browser can turn a selection into
Python offsets without counting the label chips; each span gets one focusable chip after its last
piece, which is what Tab moves between.
"""

from functools import lru_cache
from html import escape

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from annotate.models import Span
from annotate.qa.bidi import bidi_positions
from corpus.importers import placeholder_chars
from corpus.services.segments import placeholder_label
from corpus.text.spans import Piece, pieces

register = template.Library()
SEVERITY_RANK = ["error", "warning", "info"]  # the most serious finding decides a piece's underline


@register.simple_tag
def segment_text(segment) -> SafeString:
    text = segment.text
    spans = list(getattr(segment, "shown_spans", ()))
    flagged = [(f.start, f.end, f.severity) for f in getattr(segment, "active_findings", ())]
    hits = getattr(segment, "glossary_hits", ())
    parts = []
    last_piece_of = {}
    # Finding and glossary ranges cut the text too, so a piece is wholly flagged or not at all;
    # so does each inline code, drawn as a token of its own.
    cuts = [(f_start, f_end) for f_start, f_end, _ in flagged] + [(m.start, m.end) for m, _ in hits]
    codes = segment.placeholders if placeholder_chars(text) else {}
    cuts += [(i, i + 1) for i, char in enumerate(text) if char in codes]
    # Each bidirectional control is a piece of its own, isolated and labelled by the stylesheet,
    # so it cannot reorder the text around it and the reviewer sees it (the character stays in
    # the piece, so selection offsets still count it).
    bidi = dict(bidi_positions(text))
    cuts += [(offset, offset + 1) for offset in bidi]
    layout = pieces(len(text), [(s.start, s.end) for s in spans] + cuts)
    layout = [Piece(p.start, p.end, tuple(i for i in p.covering if i < len(spans))) for p in layout]
    for index, piece in enumerate(layout):
        for span_index in piece.covering:
            last_piece_of[span_index] = index
    for index, piece in enumerate(layout):
        covering = [sev for s, e, sev in flagged if s <= piece.start and piece.end <= e]
        severity = min(covering, key=SEVERITY_RANK.index) if covering else None
        css = f"t qa-{severity}" if severity else "t"
        marked = ""
        if piece.start in bidi and piece.end == piece.start + 1:
            css += " bidi"
            marked = format_html(' data-bidi="{}" title="{}"', *bidi[piece.start].split(" ", 1))
        hit = next(
            ((m, info) for m, info in hits if m.start <= piece.start and piece.end <= m.end), None
        )
        piece_text = text[piece.start : piece.end]
        if piece_text in codes:
            chunk = _placeholder(piece_text, codes, css, piece.start)
        elif hit is None:
            # The common piece, written directly: format_html's per-argument escaping was a
            # fifth of a review page's server time. css and the offset are ours; the text is
            # escaped.
            chunk = f'<span class="{escape(css)}" data-o="{piece.start}"{marked}>{escape(piece_text)}</span>'
        else:
            chunk = format_html(
                '<span class="{} gl gl-{}" data-o="{}" data-term="{}" title="{}">{}</span>',
                css,
                hit[0].kind,
                piece.start,
                hit[0].term_id,
                _term_tip(*hit),
                text[piece.start : piece.end],
            )
        if piece.covering:
            top = spans[piece.covering[0]]
            outer = " ".join(str(spans[i].pk) for i in piece.covering)
            chunk = (
                f'<mark class="span state-{escape(top.state)} label-{int(top.label_id)}" '
                f'data-spans="{outer}">{chunk}</mark>'
            )
        parts.append(chunk)
        ending = [spans[i] for i, last in last_piece_of.items() if last == index]
        parts.extend(_chip(span) for span in sorted(ending, key=lambda s: -s.start))
    # Every part is markup built above from escaped text (or format_html's output).
    return mark_safe("".join(parts))


def _placeholder(char: str, codes: dict, css: str, offset: int | None = None) -> SafeString:
    """An inline code: the private-use character stays in the DOM (one code point, so offsets
    hold) but is drawn as a small boxed ⟨n⟩ by CSS; the title shows the markup it stands for."""
    return format_html(
        '<span class="{} ph" data-o="{}" data-ph="{}" title="Inline code {}: {}">{}</span>',
        css,
        "" if offset is None else offset,
        placeholder_label(char),
        placeholder_label(char),
        codes.get(char, ""),
        char,
    )


@register.simple_tag
def source_text(segment) -> SafeString:
    """The unit's source: glossary terms marked with their preferred English, codes as tokens."""
    source = segment.source_text
    codes = segment.placeholders
    cuts = sorted(
        [(s, e, ("term", tip)) for s, e, tip in getattr(segment, "source_hits", ())]
        + [(i, i + 1, ("code", "")) for i, char in enumerate(source) if char in codes]
    )
    parts, at = [], 0
    for start, end, (kind, tip) in cuts:
        if start < at:
            continue  # a code inside a term: the term's mark wins
        parts.append(format_html("{}", source[at:start]))
        if kind == "code":
            parts.append(_placeholder(source[start], codes, "src-code"))
        else:
            parts.append(
                format_html(
                    '<mark class="src-term" title="Glossary: {}">{}</mark>', tip, source[start:end]
                )
            )
        at = end
    parts.append(format_html("{}", source[at:]))
    return format_html_join("", "{}", ((part,) for part in parts))


def _term_tip(match, info: dict) -> str:
    preferred = info.get("preferred") or match.preferred
    if str(match.kind) == "forbidden":
        return _("Glossary: do not write “%(surface)s”; use “%(preferred)s”") % {
            "surface": match.surface,
            "preferred": preferred,
        }
    source = f" ({info['source']})" if info.get("source") else ""
    definition = f" — {info['definition']}" if info.get("definition") else ""
    return _("Glossary: %(term)s") % {"term": f"{preferred}{source}{definition}"}


@lru_cache(maxsize=8)
def _chip_words(language: str) -> dict[str, str]:
    """The words every span chip repeats, translated once per language (a page draws hundreds
    of chips, and each lazy label costs a catalogue lookup)."""
    return {
        **{value: str(label) for value, label in Span.State.choices},
        **{f"origin-{value}": str(label) for value, label in Span.Origin.choices},
        "accept": _("Accept"),
        "reject": _("Reject"),
        "delete": _("Delete"),
        "linked": _("linked to “%(term)s”"),
    }


def _chip(span) -> str:
    """A span's chip and its mouse controls, as markup. Written with f-strings: format_html's
    per-argument escaping was most of a chip's cost; every text from the database is escaped."""
    words = _chip_words(get_language() or "")
    pk, state = int(span.pk), span.state
    urls = {
        act: url_for(pk, f"annotate:span_{act}")
        for act in ("relabel", "accept", "reject", "delete")
    }
    title = f"{span.label.name} · {words.get(state, state)} · {words.get(f'origin-{span.origin}', span.origin)}"
    if span.term_id:
        title += " · " + words["linked"] % {"term": span.term.preferred}
    mark = "?" if state == "suggested" else ("⚠" if state == "needs-review" else "")
    chip = (
        f'<span class="chip-label state-{escape(state)} label-{int(span.label_id)}" tabindex="-1" '
        f'data-span="{pk}" data-state="{escape(state)}" data-text="{escape(span.text)}" title="{escape(title)}" '
        f'data-relabel-url="{urls["relabel"]}" data-accept-url="{urls["accept"]}" '
        f'data-reject-url="{urls["reject"]}" data-delete-url="{urls["delete"]}">'
        f"{escape(span.label.key)}{'≡' if span.term_id else ''}{mark}</span>"
    )
    # Mouse controls beside the chip (keyboard users press a / x on the focused chip instead).
    if state in ("suggested", "needs-review"):
        refuse = "reject" if state == "suggested" else "delete"
        controls = (
            f'<button type="button" class="span-act" data-act="accept" data-span="{pk}" '
            f'data-url="{urls["accept"]}" title="{escape(words["accept"])}">✓</button>'
            f'<button type="button" class="span-act" data-act="{refuse}" data-span="{pk}" '
            f'data-url="{urls[refuse]}" title="{escape(words[refuse])}">×</button>'
        )
    else:
        controls = (
            f'<button type="button" class="span-act" data-act="delete" data-span="{pk}" '
            f'data-url="{urls["delete"]}" title="{escape(words["delete"])}">×</button>'
        )
    return f'<span class="chip-wrap">{chip}<span class="span-acts">{controls}</span></span>'


class OnceNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context) -> str:
        key = (OnceNode, self.name)
        held = context.render_context.get(key)
        if held is None:
            held = context.render_context[key] = self.nodelist.render(context)
        return held


@register.tag
def once(parser, token) -> OnceNode:
    """`{% once "name" %}…{% endonce %}`: rendered the first time in a response, then repeated.

    For what is the same in every segment of a page: the reject form's fields, a finding's dismiss
    controls. Drawn fifty times they were a third of a review page's server time (their
    translations, choices and CSRF inputs). What is inside must not depend on the segment or the
    finding: it is rendered for the first one only."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% once %} takes one name: {% once "reject-fields" %}')
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(bits[1].strip("\"'"), nodelist)


register.filter("placeholder_label", placeholder_label)


@register.filter
def has_suggestions(segment) -> bool:
    return any(span.state == "suggested" for span in getattr(segment, "shown_spans", ()))


@register.filter
def slice_text(text: str, finding) -> str:
    return text[finding.start : finding.end]


@lru_cache(maxsize=64)
def _url_pattern(name: str) -> tuple[str, str]:
    # Reverse once with a marker id and keep the text around it: a review page links every
    # segment nine times, and 450 reverse() calls were most of a page's server time.
    prefix, _, suffix = reverse(name, args=[987654321]).partition("987654321")
    return prefix, suffix


@register.filter
def url_for(pk: int, name: str) -> str:
    """`{{ segment.pk|url_for:"annotate:segment_edit" }}` is `{% url "annotate:segment_edit" segment.pk %}`."""
    prefix, suffix = _url_pattern(name)
    return f"{prefix}{int(pk)}{suffix}"


@register.filter
def duration_ms(ms: int | None) -> str:
    """A measured time as a person reads it ("4.2 s", "1 min 12 s", "2 h 5 min"); "—" when
    nothing was measured."""
    if ms is None:
        return "—"
    if ms < 10_000:
        return _("%(seconds)s s") % {"seconds": f"{ms / 1000:.1f}".removesuffix(".0")}
    seconds = round(ms / 1000)
    if seconds < 60:
        return _("%(seconds)d s") % {"seconds": seconds}
    if seconds < 3600:
        minutes, seconds = divmod(seconds, 60)
        return _("%(minutes)d min %(seconds)d s") % {"minutes": minutes, "seconds": seconds}
    hours, minutes = divmod(round(seconds / 60), 60)
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
