"""What a check sees around a segment: its paragraph (damage that straddles two sentences) and
the segments either side of it. Read for a few edited segments, or handed over by a job that
reads a whole batch in order (annotate.services.findings.refresh)."""

from __future__ import annotations

from corpus.models import Segment


def paragraph_texts(segments: list[Segment]) -> dict[int, tuple[str, dict[int, int]]]:
    """Paragraph text per segment id, and each segment's offset inside it, from the stored order."""
    by_paragraph: dict[tuple[int, int], list[Segment]] = {}
    for segment in segments:
        by_paragraph.setdefault((segment.document_id, segment.paragraph), []).append(segment)
    result = {}
    for members in by_paragraph.values():
        members.sort(key=lambda s: s.position)
        parts, offsets, at = [], {}, 0
        for index, member in enumerate(members):
            offsets[member.pk] = at
            gap = "" if index == len(members) - 1 else (member.trailing.split("\n")[0] or " ")
            parts.append(member.text + gap)
            at += len(member.text) + len(gap)
        paragraph = "".join(parts)
        for member in members:
            result[member.pk] = (paragraph, offsets)
    return result


def paragraph_of(segments: list[Segment]) -> list[Segment] | None:
    """The whole paragraph of these segments when they share one (an edit, a merge, a split)."""
    keys = {(s.document_id, s.paragraph) for s in segments}
    if len(keys) == 1:
        document_id, paragraph = next(iter(keys))
        return list(Segment.objects.filter(document_id=document_id, paragraph=paragraph))
    return None


def neighbours_in(ordered: list[Segment]) -> dict[int, tuple[str | None, str | None]]:
    """(previous text, next text) per segment of a document's segments in position order."""
    texts = [s.text for s in ordered]
    return {
        s.pk: (texts[i - 1] if i else None, texts[i + 1] if i + 1 < len(texts) else None)
        for i, s in enumerate(ordered)
    }


def looked_up_neighbours(
    segments: list[Segment], mates: list[Segment]
) -> dict[int, tuple[str | None, str | None]]:
    """Neighbours of a few segments (an edit, a merge, a split). `mates` are whole paragraphs
    already read: a side inside the segment's paragraph is taken from them (a paragraph's segments
    are consecutive), and only a side beyond it costs an indexed read. A save in mid-paragraph
    reads none, which matters on its key-to-screen path."""
    paragraphs: dict[tuple[int, int], list[Segment]] = {}
    for mate in sorted(mates, key=lambda s: s.position):
        paragraphs.setdefault((mate.document_id, mate.paragraph), []).append(mate)
    result = {}
    for segment in segments:
        members = paragraphs.get((segment.document_id, segment.paragraph), [])
        at = next((i for i, m in enumerate(members) if m.pk == segment.pk), None)
        others = Segment.objects.filter(document_id=segment.document_id).values_list(
            "text", flat=True
        )
        if at:
            before = members[at - 1].text
        else:
            before = others.filter(position__lt=segment.position).order_by("-position").first()
        if at is not None and at + 1 < len(members):
            after = members[at + 1].text
        else:
            after = others.filter(position__gt=segment.position).order_by("position").first()
        result[segment.pk] = (before, after)
    return result
