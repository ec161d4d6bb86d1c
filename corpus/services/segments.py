"""The raw segment writes: text, status, merge and split, each in one transaction.

Edits carry the version the reviewer started from; a stale version raises EditConflict and
writes nothing (invariant 4). Every change appends a Revision (invariant 3).

The raw_* writes change text only and leave spans where they were: call them through
annotate.services.edits, which remaps spans in the same transaction (invariant 2). A test
checks that nothing else calls them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from corpus.effort import Effort
from corpus.i18n import localize_error
from corpus.importers import placeholder_chars
from corpus.models import Revision, Segment
from corpus.services import (
    EditConflict,
    EditRefused,
    counters,
    refuse_archived,
    refuse_unstorable,
)
from corpus.text.metrics import hter
from corpus.text.offsets import remap_spans
from corpus.text.segment import split_at


@dataclass(frozen=True)
class Change:
    """What an edit did, for callers that keep derived data (spans) in step."""

    segment: Segment
    revision: Revision
    before: str


def _locked(segment: Segment, expected_version: int) -> Segment:
    current = Segment.objects.select_for_update(of=("self",)).with_document().get(pk=segment.pk)
    refuse_archived(current.document.corpus)
    if current.version != expected_version:
        raise EditConflict(current)
    return current


def _record(
    segment: Segment, action: str, before: str, user, note: str = "", effort: Effort | None = None
) -> Revision:
    return Revision.objects.create(
        segment=segment,
        action=action,
        before=before,
        after=segment.text,
        status=segment.status,
        version=segment.version,
        author=user,
        note=note,
        **(effort.fields() if effort else {}),
    )


def _set_text(segment: Segment, text: str, user) -> None:
    segment.text = text
    segment.hter = hter(segment.mt_text, text)
    segment.status = Segment.Status.MT if text == segment.mt_text else Segment.Status.EDITED
    segment.text_author = None if text == segment.mt_text else user
    segment.updated_by = user
    segment.version += 1


def clean_text(text: str) -> str:
    """A segment is one line of text: no surrounding whitespace, no line breaks inside."""
    cleaned = " ".join(
        part.strip() for part in text.replace("\r\n", "\n").split("\n") if part.strip()
    )
    if not cleaned:
        raise EditRefused(
            gettext("A segment cannot be empty. To remove a sentence, merge it into its neighbour.")
        )
    refuse_unstorable(cleaned)
    return cleaned


def raw_edit(
    segment: Segment,
    text: str,
    expected_version: int,
    user,
    action: str = Revision.Action.EDIT,
    note: str = "",
    status: str | None = None,
    effort: Effort | None = None,
) -> Change:
    """`status`: the status to leave (undo puts back the one from before the undone edit);
    `effort`: what the editor measured for this save (corpus.effort), kept on the revision."""
    new_text = clean_text(text)
    with transaction.atomic():
        current = _locked(segment, expected_version)
        before, status, new_status = current.text, current.status, status
        if new_text == before:
            raise EditRefused(gettext("Nothing changed: the text is the same as the saved one."))
        if current.document.bilingual:
            _keep_placeholders(before, new_text)
        _set_text(current, new_text, user)
        current.status = new_status or current.status
        current.save()
        counters.status_moved(current.document_id, (status, current.status))
        revision = _record(current, action, before, user, note, effort)
    return Change(current, revision, before)


def placeholder_label(char: str) -> str:
    """How the review screen shows an inline code: ⟨1⟩ for U+E000, ⟨2⟩ for U+E001..."""
    return f"⟨{ord(char) - 0xE000 + 1}⟩"


def _keep_placeholders(before: str, after: str) -> None:
    """Inline codes are restored from their markup on export, so an edit may move words around
    them but must keep each one exactly once: the textarea cannot protect them itself."""
    old, new = Counter(placeholder_chars(before)), Counter(placeholder_chars(after))
    if old == new:
        return
    lost = "".join(placeholder_label(c) for c in sorted((old - new).elements()))
    added = "".join(placeholder_label(c) for c in sorted((new - old).elements()))
    problems = [f"removes {lost}" if lost else "", f"adds {added}" if added else ""]
    raise EditRefused(
        "Inline codes must stay as they are (each shown as ⟨n⟩); this text "
        + " and ".join(p for p in problems if p)
        + ". Nothing was saved."
    )


def raw_restore(segment: Segment, revision: Revision | None, expected_version: int, user) -> Change:
    """Bring back an earlier text (None: the MT) as a new revision; history is never rewritten."""
    if revision is None:
        return raw_edit(
            segment,
            segment.mt_text,
            expected_version,
            user,
            Revision.Action.RESTORE,
            "restored the MT text",
        )
    if revision.segment_id != segment.pk:
        raise EditRefused(gettext("That revision belongs to another segment."))
    note = f"restored revision {revision.pk} of {timezone.localtime(revision.created_at):%Y-%m-%d %H:%M}"
    return raw_edit(segment, revision.after, expected_version, user, Revision.Action.RESTORE, note)


def set_status(segment: Segment, status: str, expected_version: int, user) -> Change:
    if status not in (Segment.Status.APPROVED, Segment.Status.REJECTED):
        raise EditRefused(
            gettext("“%(status)s” is not a review decision (approved or rejected).")
            % {"status": status}
        )
    return _write_status(segment, status, expected_version, user, f"marked {status}")


def put_back_status(
    segment: Segment, status: str, expected_version: int, user, note: str
) -> Change:
    """Undo's way back to any earlier status (edited, MT…): recorded like a review decision."""
    if status not in Segment.Status.values:
        raise EditRefused(gettext("“%(status)s” is not a segment status.") % {"status": status})
    return _write_status(segment, status, expected_version, user, note, action=Revision.Action.UNDO)


def _write_status(
    segment: Segment,
    status: str,
    expected_version: int,
    user,
    note: str,
    action: str = Revision.Action.STATUS,
) -> Change:
    with transaction.atomic():
        current = _locked(segment, expected_version)
        if (
            status == Segment.Status.APPROVED
            and action == Revision.Action.STATUS  # undo puts back an approval someone gave
            and current.text_author_id is not None
            and current.text_author_id == user.pk
            and current.document.corpus.self_approval_forbidden
        ):
            raise EditRefused(gettext("You wrote this text; another reviewer must approve it."))
        if current.status == status:
            raise EditRefused(
                gettext("The segment is already %(current_status_display_lower)s.")
                % {"current_status_display_lower": current.get_status_display().lower()}
            )
        counters.status_moved(current.document_id, (current.status, status))
        current.status = status
        current.updated_by = user
        current.version += 1
        current.save()
        revision = _record(current, action, current.text, user, note)
    return Change(current, revision, current.text)


def next_segment(segment: Segment) -> Segment | None:
    return (
        Segment.objects.filter(document_id=segment.document_id, position__gt=segment.position)
        .order_by("position")
        .first()
    )


@dataclass(frozen=True)
class Merge:
    change: Change
    absorbed_id: int
    offset: int  # where the absorbed segment's text now starts in the merged text


def raw_merge(segment: Segment, expected_version: int, user, on_absorb=None) -> Merge:
    """Join a segment with the next one of its paragraph.

    `on_absorb(survivor, absorbed, offset)` runs inside the transaction before the absorbed row
    is deleted, so data that hangs off segments (annotate's spans) can move across; corpus
    knows nothing of what moves.
    """
    with transaction.atomic():
        current = _locked(segment, expected_version)
        following = next_segment(current)
        if following is None:
            raise EditRefused(
                gettext(
                    "This is the last segment of the document; there is nothing to merge it with."
                )
            )
        following = Segment.objects.select_for_update().get(pk=following.pk)
        bilingual = current.document.bilingual
        if following.paragraph != current.paragraph and not bilingual:
            raise EditRefused(
                gettext(
                    "The next segment starts a new paragraph; only sentences of one paragraph merge."
                )
            )
        before, status = current.text, current.status
        # A unit's trailing is the line break between units, not a space inside a sentence.
        gap = " " if bilingual else (current.trailing or " ")
        offset = len(current.text) + len(gap)
        if bilingual:
            _merge_units(current, following)
        current.mt_text = current.mt_text + gap + following.mt_text
        current.trailing = following.trailing
        _set_text(current, current.text + gap + following.text, user)
        current.save()
        # Keep the absorbed segment's history: its revisions move to the surviving segment.
        Revision.objects.filter(segment=following).update(segment=current)
        if on_absorb is not None:
            on_absorb(current, following, offset)
        revision = _record(
            current,
            Revision.Action.MERGE,
            before,
            user,
            f"merged with the next segment: “{following.text}”",
        )
        absorbed_id = following.pk
        following.delete()
        counters.status_moved(
            current.document_id, (status, current.status), (following.status, None)
        )
    return Merge(Change(current, revision, before), absorbed_id, offset)


def _source_gap(language: str) -> str:
    # Chinese and Japanese write sentences one after the other without a space.
    return "" if language.split("-")[0].lower() in ("zh", "ja") else " "


def _merge_units(current: Segment, following: Segment) -> None:
    """Join the sources too; the survivor's unit names the units it absorbed, so an export
    writes them as one unit under the first id."""
    if following.continues != current.unit_id or not current.unit_id:
        mine, theirs = current.placeholders, following.placeholders
        clash = [c for c in mine.keys() & theirs.keys() if mine[c] != theirs[c]]
        if clash:
            raise EditRefused(
                gettext(
                    "These two units use the same placeholder for different inline codes; they cannot be merged without losing one of them."
                )
            )
        sources = [part for part in (current.source_text, following.source_text) if part]
        current.source_text = _source_gap(current.document.source_language).join(sources)
        absorbed = [following.unit_id] if following.unit_id else []
        unit = {**current.unit, "merged": [*current.unit.get("merged", []), *absorbed]}
        if theirs:
            unit["placeholders"] = {**theirs, **mine}
        current.unit = unit


@dataclass(frozen=True)
class Split:
    left: Change
    right: Change
    cut: int  # characters before this offset stayed in the left segment


def _split_mt(segment: Segment, cut: int) -> tuple[str, str, str]:
    """Cut the MT where the text's cut lands in it, so the two halves still join to the original."""
    if segment.text == segment.mt_text:
        mt_cut = cut
    else:
        mt_cut = remap_spans(segment.text, segment.mt_text, [(0, cut)])[0].end
    try:
        return split_at(segment.mt_text, mt_cut)
    except ValueError:
        # The MT has no sentence boundary there: the left keeps all of it, so nothing is lost.
        return segment.mt_text, "", ""


def raw_split(segment: Segment, cut: int, expected_version: int, user) -> Split:
    with transaction.atomic():
        current = _locked(segment, expected_version)
        try:
            left, gap, right = split_at(current.text, cut)
        except ValueError as error:
            raise EditRefused(localize_error(error)) from error
        following = next_segment(current)
        if following is not None and following.position - current.position < 2:
            _renumber(current.document_id)
            current.refresh_from_db()
            following = next_segment(current)
        end = following.position if following else current.position + 2 * Segment.POSITION_STEP
        mt_left, _mt_gap, mt_right = _split_mt(current, cut)
        before, status = current.text, current.status
        new = Segment(
            document_id=current.document_id,
            position=(current.position + end) // 2,
            paragraph=current.paragraph,
            mt_text=mt_right,
            text=right,
            trailing=current.trailing,
            # The whole source stays on the first part; the second continues its unit.
            unit_id=current.unit_id,
            unit=_continuation(current),
            status=Segment.Status.EDITED,
            hter=hter(mt_right, right),
            updated_by=user,
            text_author=user,
        )
        new.save()
        current.mt_text = mt_left
        current.trailing = gap or " "
        _set_text(current, left, user)
        current.status = Segment.Status.EDITED
        current.save()
        counters.status_moved(current.document_id, (status, current.status), (None, new.status))
        left_rev = _record(
            current, Revision.Action.SPLIT, before, user, f"split; the rest became “{right}”"
        )
        right_rev = _record(
            new, Revision.Action.SPLIT, before, user, f"split from segment {current.pk}"
        )
    return Split(Change(current, left_rev, before), Change(new, right_rev, before), cut)


def _continuation(segment: Segment) -> dict:
    if not segment.document.bilingual:
        return {}
    unit: dict = {"continues": segment.continues or segment.unit_id}
    if segment.placeholders:
        unit["placeholders"] = segment.placeholders
    return unit


def _renumber(document_id: int) -> None:
    """Spread positions out again once splits have used up the gap between two segments."""
    segments = list(Segment.objects.filter(document_id=document_id).order_by("-position"))
    top = (len(segments) + 1) * Segment.POSITION_STEP
    # Move everything out of the way first, so the unique (document, position) never collides.
    for seg in segments:
        seg.position += top * 2
    Segment.objects.bulk_update(segments, ["position"], batch_size=500)
    for index, seg in enumerate(reversed(segments)):
        seg.position = (index + 1) * Segment.POSITION_STEP
    Segment.objects.bulk_update(segments, ["position"], batch_size=500)
