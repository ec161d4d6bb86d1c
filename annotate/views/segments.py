"""Segment actions on the review screen: edit, approve/reject, merge, split, history, restore.

Each view: fetch what the user may see (404 otherwise), check the role, validate a form, call one
service, answer with the segment fragment (HTMX) or redirect back to the page (plain posts).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from annotate.forms import RejectForm
from annotate.qa import CheckContext, get_check
from annotate.services.edits import edit_segment, merge_with_next, restore_revision, split_segment
from annotate.services.findings import style_of
from annotate.services.reviews import Reason, decide
from annotate.views.common import (
    after_edit,
    changed,
    changed_meanwhile,
    conflict_view,
    done,
    fragment,
    kept_marks,
    permissions,
    refreshed,
    refused,
    review_url,
    segment_for,
    segment_to_change,
)
from corpus import roles
from corpus.forms import SegmentEditForm, SplitForm, VersionForm
from corpus.i18n import localize
from corpus.models import Revision, Segment
from corpus.services import EditConflict, EditRefused
from corpus.text.diff import word_diff

NO_VERSION = gettext_lazy("The request had no segment version.")


def numbers_changed(segment: Segment, text: str) -> list[str]:
    """What a save must confirm: the MT's figures it loses or adds (in the corpus's house style,
    "250\u202f000" is the MT's "250000")."""
    ctx = CheckContext(mt_text=segment.mt_text, style=style_of(segment.document.corpus))
    return [localize(f.message) for f in get_check("numbers-changed").find(text, ctx)]


def segment_detail(request, pk: int):
    return fragment(request, segment_for(request, pk))


def segment_edit(request, pk: int):
    segment = (segment_to_change if request.method == "POST" else segment_for)(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers edit segments."))
    if request.method != "POST":
        form = SegmentEditForm(initial={"text": segment.text, "version": segment.version})
        return fragment(request, segment, partial="segment-edit", form=form)
    form = SegmentEditForm(request.POST)
    if not form.is_valid():
        return _incomplete(request, segment, form)
    changed_numbers = numbers_changed(segment, form.cleaned_data["text"])
    if changed_numbers and not request.POST.get("confirm"):
        # Numbers are what these reports are about: a lost or new figure must be confirmed.
        return done(
            request, segment, partial="segment-edit", form=form, status=422, confirm=changed_numbers
        )
    try:
        data = form.cleaned_data
        effort = form.effort()
        edited = edit_segment(segment, data["text"], data["version"], request.user, effort=effort)
    except EditConflict as conflict:
        return conflict_view(request, conflict.current, form.cleaned_data["text"])
    except EditRefused as refused:
        return done(
            request, segment, partial="segment-edit", form=form, error=str(refused), status=422
        )
    return done(request, after_edit(edited, segment))


def _incomplete(request, segment: Segment, form: SegmentEditForm):
    """A measured effort that is not a number keeps the editor, naming the field; anything else
    missing means a broken page."""
    effort = {"edit_time_ms", "first_key_ms"}
    if set(form.errors) <= effort:
        problems = " ".join(e for name in sorted(effort) for e in form.errors.get(name, ()))
        error = gettext("%(problems)s Nothing was saved.") % {"problems": problems}
        return done(request, segment, partial="segment-edit", form=form, error=error, status=422)
    error = gettext("The edit was incomplete; reload the segment.")
    return done(request, segment, error=error, status=422)


@require_POST
def segment_status(request, pk: int, status: str):
    segment = segment_for(request, pk)
    if not roles.can_review(request.user):
        raise PermissionDenied(gettext("Only reviewers approve or reject segments."))
    rejecting = status == Segment.Status.REJECTED
    form = (RejectForm if rejecting else VersionForm)(request.POST)
    if not form.is_valid():
        problems = [e for name, errors in form.errors.items() if name != "version" for e in errors]
        return refused(request, segment, " ".join(problems) or NO_VERSION)
    data = form.cleaned_data
    reason = Reason(data["category"], data["severity"], data["note"]) if rejecting else None
    try:
        change = decide(segment, status, data["version"], request.user, reason)
    except EditConflict as conflict:
        return changed_meanwhile(request, conflict)
    except EditRefused as refusal:
        return refused(request, segment, str(refusal))
    if rejecting:
        return done(request, refreshed(change.segment))  # with the reason just given
    return done(request, kept_marks(change.segment, segment))


@require_POST
def segment_merge(request, pk: int):
    segment = segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers merge segments."))
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refused(request, segment, NO_VERSION)
    try:
        merge = merge_with_next(segment, form.cleaned_data["version"], request.user)
    except EditConflict as conflict:
        return changed_meanwhile(request, conflict)
    except EditRefused as refusal:
        return refused(request, segment, str(refusal))
    return done(request, merge.change.segment, absorbed_id=merge.absorbed_id)


@require_POST
def segment_split(request, pk: int):
    segment = segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers split segments."))
    form = SplitForm(request.POST)
    if not form.is_valid():
        return refused(request, segment, gettext("Put the cursor where the segment should split."))
    data = form.cleaned_data
    try:
        split = split_segment(segment, data["cut"], data["version"], request.user)
    except EditConflict as conflict:
        return changed_meanwhile(request, conflict)
    except EditRefused as refusal:
        return refused(request, segment, str(refusal))
    if request.htmx:
        right = segment_for(request, split.right.segment.pk)
        return changed(request, fragment(request, split.left.segment, partial="split", right=right))
    return done(request, split.left.segment)


def undo_replace(segment: Segment, revisions: list[Revision]) -> tuple[int, str] | None:
    """(revision id, restore URL) when the segment's latest change is a replace-all: undoing it in
    this one segment restores the text it replaced, a button in the history (Tab, Enter)."""
    if not revisions or revisions[-1].action != Revision.Action.REPLACE_ALL:
        return None
    replace, earlier = revisions[-1], (revisions[-2] if len(revisions) > 1 else None)
    if (
        replace.after != segment.text
        or (earlier.after if earlier else segment.mt_text) != replace.before
    ):
        return None
    if earlier is None:
        return replace.pk, reverse("annotate:segment_restore_mt", args=[segment.pk])
    return replace.pk, reverse("annotate:segment_restore", args=[segment.pk, earlier.pk])


def segment_history(request, pk: int):
    segment = segment_for(request, pk)
    revisions = list(segment.revisions.select_related("author", "reject_reason").order_by("id"))
    rows, previous = [], segment.mt_text
    for revision in revisions:
        rows.append(
            {
                "revision": revision,
                "against_mt": word_diff(segment.mt_text, revision.after),
                "against_previous": word_diff(previous, revision.after),
            }
        )
        previous = revision.after
    context = {
        "segment": segment,
        "document": segment.document,
        "rows": rows[::-1],
        "undo_replace": undo_replace(segment, revisions),
        "comments": segment.comment_list,
        "back": review_url(segment),
        **permissions(request),
    }
    return render(request, "annotate/history.html", context)


@require_POST
def segment_restore(request, pk: int, revision_pk: int | None = None):
    segment = segment_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers restore revisions."))
    revision = get_object_or_404(Revision, pk=revision_pk, segment=segment) if revision_pk else None
    form = VersionForm(request.POST)
    history = reverse("annotate:segment_history", args=[segment.pk])
    if not form.is_valid():
        messages.error(request, gettext("The request had no segment version."))
        return redirect(history)
    try:
        restore_revision(segment, revision, form.cleaned_data["version"], request.user)
    except EditConflict:
        messages.error(
            request,
            gettext(
                "Someone changed this segment meanwhile; nothing was restored. Check the latest text below."
            ),
        )
    except EditRefused as refused:
        messages.error(request, str(refused))
    else:
        # Back to the work, at the segment; its history (h) keeps every earlier text.
        messages.success(
            request,
            gettext(
                "Restored as a new revision; the segment's history (h) keeps the earlier ones."
            ),
        )
        return redirect(review_url(segment))
    return redirect(history)
