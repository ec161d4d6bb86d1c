"""Undo and redo (Ctrl+Z, Ctrl+Shift+Z): the user's last action on the document, reversed as
new history. The answer is a status line plus each touched segment swapped out of band."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from annotate.services.undo import StaleUndo, Step, redo, undo
from annotate.views.common import (
    REVIEW,
    SEGMENT_FORMS,
    attach_glossary,
    changed,
    page_notes,
    permissions,
    segment_reads,
)
from corpus import roles
from corpus.models import Document
from corpus.services import EditRefused
from corpus.text.diff import word_diff
from glossary.services.cache import state_of

STALE = gettext_lazy(
    "Someone changed this since your action; nothing was undone. Check the segment below."
)


@require_POST
def document_undo(request, pk: int, backwards: bool):
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers undo changes."))
    try:
        step = (undo if backwards else redo)(document, request.user)
    except StaleUndo as stale:
        return _answer(request, document, STALE, [stale.current.pk], status=409, stale=stale)
    except EditRefused as refusal:
        return _answer(request, document, str(refusal), [], status=422)
    return _answer(request, document, step.message, step.segment_ids, step=step)


def _answer(
    request, document, message: str, ids, *, status=200, step: Step | None = None, stale=None
):
    if not request.htmx:
        (messages.error if status >= 400 else messages.success)(request, message)
        anchor = f"#seg-{ids[0]}" if ids else ""
        return redirect(reverse("annotate:document_review", args=[document.pk]) + anchor)
    touched = page_notes(list(segment_reads().filter(pk__in=ids).order_by("position")))
    attach_glossary(touched, document.corpus_id, state_of(touched[0]) if touched else None)
    previous = None
    for segment in touched:
        created = step is not None and segment.pk in step.created_ids
        segment.insert_after = previous.pk if created and previous else None
        previous = segment
    context = {
        "message": message,
        "error": status >= 400,
        "touched": touched,
        "removed": step.removed_ids if step else [],
        "conflict": None,
        **permissions(request),
        **SEGMENT_FORMS,
    }
    if stale is not None and stale.mine != stale.current.text:
        context.update(
            undoing=True,
            conflict=touched[0],
            mine=stale.mine,
            diff=word_diff(stale.current.text, stale.mine),
        )
        context["touched"] = []
    return changed(request, render(request, f"{REVIEW}#undo-result", context, status=status))
