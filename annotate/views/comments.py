"""A segment's comment thread: post (members), resolve and reopen (author, reviewers, admins)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from annotate.forms import CommentForm
from annotate.models import Comment
from annotate.services.reviews import add_comment, may_resolve, resolve_comment
from annotate.views.common import done, refreshed, refused, segment_for
from corpus.models import Segment
from corpus.services import EditRefused


@require_POST
def comment_add(request, pk: int):
    segment = segment_for(request, pk)  # members only: others get a 404
    form = CommentForm(request.POST)
    if not form.is_valid():
        return refused(request, segment, gettext("The comment was incomplete; write it again."))
    try:
        add_comment(segment, form.cleaned_data["text"], request.user)
    except EditRefused as refusal:
        return done(
            request,
            segment,
            error=str(refusal),
            status=422,
            comment_text=request.POST.get("text", ""),
        )
    return done(request, refreshed(segment))


@require_POST
def comment_resolve(request, pk: int, resolved: bool):
    comment = get_object_or_404(
        Comment.objects.select_related("segment"),
        pk=pk,
        segment__in=Segment.objects.visible_to(request.user),
    )
    if not may_resolve(comment, request.user):
        raise PermissionDenied(
            gettext("Only the comment's author, a reviewer or a project admin resolves it.")
        )
    try:
        resolve_comment(comment, request.user, resolved)
    except EditRefused as refusal:
        return refused(request, refreshed(comment.segment), str(refusal))
    return done(request, refreshed(comment.segment))
