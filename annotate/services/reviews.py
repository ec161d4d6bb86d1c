"""Review decisions (approve, reject with a reason) and segment comments.

A rejection carries an error category and severity (MQM-style) and an optional note, stored with
the rejecting revision so the translator sees why. Comments are a segment's thread: members
post, the author or a reviewer resolves and reopens.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from annotate.models import Comment, RejectReason
from annotate.services import actionlog
from corpus import roles
from corpus.models import Revision, Segment
from corpus.services import EditRefused, refuse_unstorable
from corpus.services.segments import Change, set_status


@dataclass(frozen=True)
class Reason:
    category: str
    severity: str
    text: str = ""

    def check(self) -> None:
        if self.category not in RejectReason.Category.values:
            raise EditRefused(
                f"“{self.category}” is not an error category; choose one of "
                + ", ".join(RejectReason.Category.values)
                + "."
            )
        if self.severity not in RejectReason.Severity.values:
            raise EditRefused(
                gettext("“%(severity)s” is not a severity (minor, major or critical).")
                % {"severity": self.severity}
            )
        if len(self.text) > RejectReason.MAX_LENGTH:
            raise EditRefused(
                gettext(
                    "The reason is %(n_text)s characters long; at most %(rejectreason_max_length)s fit."
                )
                % {"n_text": len(self.text), "rejectreason_max_length": RejectReason.MAX_LENGTH}
            )
        refuse_unstorable(self.text, what="The reason")


def decide(
    segment: Segment, status: str, expected_version: int, user, reason: Reason | None = None
) -> Change:
    """Approve, or reject (with a reason when given), as one undoable action."""
    if status == Segment.Status.REJECTED and reason is not None:
        reason.check()
    kind = "approve" if status == Segment.Status.APPROVED else "reject"
    with (
        transaction.atomic(),
        actionlog.logged(user, kind, segment.document_id, [segment.pk]) as entry,
    ):
        change = set_status(segment, status, expected_version, user)
        if status == Segment.Status.REJECTED and reason is not None:
            keep_reason(change.revision, reason)
            entry.extra["reason"] = reason.__dict__
    return change


def keep_reason(revision: Revision, reason: Reason) -> RejectReason:
    return RejectReason.objects.create(
        revision=revision,
        segment_id=revision.segment_id,
        category=reason.category,
        severity=reason.severity,
        text=reason.text.strip(),
    )


def add_comment(segment: Segment, text: str, user) -> Comment:
    text = text.strip()
    if not text:
        raise EditRefused(gettext("A comment cannot be empty; write something first."))
    if len(text) > Comment.MAX_LENGTH:
        raise EditRefused(
            gettext(
                "The comment is %(n_text)s characters long; at most %(comment_max_length)s fit."
            )
            % {"n_text": len(text), "comment_max_length": Comment.MAX_LENGTH}
        )
    refuse_unstorable(text, what="The comment")
    return Comment.objects.create(segment=segment, author=user, text=text)


def may_resolve(comment: Comment, user) -> bool:
    return comment.author_id == user.pk or roles.can_review(user) or roles.can_manage(user)


def resolve_comment(comment: Comment, user, resolved: bool = True) -> Comment:
    """Resolve (or reopen) a comment: its author, a reviewer or a project admin may."""
    if not may_resolve(comment, user):
        raise EditRefused(
            gettext("Only the comment's author, a reviewer or a project admin resolves it.")
        )
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.resolved == resolved:
            raise EditRefused("The comment is already " + ("resolved." if resolved else "open."))
        comment.resolved_at = timezone.now() if resolved else None
        comment.resolved_by = user if resolved else None
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
