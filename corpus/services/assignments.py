"""Assigning a document (or a range of its segments) to a translator and a reviewer, and the two
lists that follow from it: a person's work, and a reviewer's queue. Screens call these; an
assignment grants no permission, so nothing here is consulted by any permission check."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from corpus import roles
from corpus.assignments import Assignment
from corpus.models import Corpus, Document, Segment
from corpus.services import EditRefused, refuse_archived


def _check_assignee(corpus: Corpus, user, fits, needed: str) -> None:
    if user is None:
        return
    if not corpus.members.filter(pk=user.pk).exists():
        raise EditRefused(
            gettext("%(user_username)s is not a member of “%(corpus_name)s”.")
            % {"user_username": user.get_username(), "corpus_name": corpus.name}
        )
    if not fits(user):
        held = ", ".join(sorted(roles.roles_of(user))) or "none"
        raise EditRefused(
            gettext("%(user_username)s cannot %(needed)s (their roles: %(held)s).")
            % {"user_username": user.get_username(), "needed": needed, "held": held}
        )


def _check_range(document: Document, first: int | None, last: int | None) -> None:
    if first is None and last is None:
        return
    if first is None or last is None:
        raise EditRefused(
            gettext("Give both the first and the last segment, or neither (whole document).")
        )
    count = document.segment_count
    if not 1 <= first <= last <= count:
        raise EditRefused(
            gettext(
                "Segments %(first)s–%(last)s are not within the document, which has segments 1–%(count)s."
            )
            % {"first": first, "last": last, "count": count}
        )


def assign(
    document: Document,
    actor,
    *,
    translator=None,
    reviewer=None,
    first_number: int | None = None,
    last_number: int | None = None,
    due_on: datetime.date | None = None,
) -> Assignment:
    if translator is None and reviewer is None:
        raise EditRefused(gettext("Choose a translator, a reviewer or both."))
    with transaction.atomic():
        # Fresh and locked: the document's cached corpus may predate an archive.
        corpus = Corpus.objects.select_for_update().get(pk=document.corpus_id)
        refuse_archived(corpus)
        _check_assignee(corpus, translator, roles.can_edit, "translate (edit segments)")
        _check_assignee(corpus, reviewer, roles.can_review, "review (approve or reject)")
        _check_range(document, first_number, last_number)
        if due_on is not None and due_on < timezone.localdate():
            raise EditRefused(
                gettext("The due date %(due_on)s is in the past.")
                % {"due_on": format(due_on, "%Y-%m-%d")}
            )
        return Assignment.objects.create(
            document=document,
            translator=translator,
            reviewer=reviewer,
            first_number=first_number,
            last_number=last_number,
            due_on=due_on,
            created_by=actor,
        )


def unassign(assignment: Assignment, actor) -> None:
    with transaction.atomic():
        refuse_archived(Corpus.objects.select_for_update().get(documents=assignment.document_id))
        assignment.delete()


@dataclass
class Work:
    """One line of "My work": what, as what, and how far (the document's stored counters)."""

    assignment: Assignment
    as_translator: bool
    as_reviewer: bool

    @property
    def document(self) -> Document:
        return self.assignment.document


def my_work(user) -> list[Work]:
    """One query, however many assignments and documents."""
    rows = Assignment.objects.of(user).listed().order_by("due_on", "pk")
    return [Work(a, a.translator_id == user.pk, a.reviewer_id == user.pk) for a in rows]


def queue_segments(user):
    """Edited segments whose text someone else wrote, not yet approved or rejected, in the
    corpora (in use) the user reviews, in (document, position) order; empty for non-reviewers.
    The screen's queue and the API page this the same way (keyset on document, position)."""
    if not roles.can_review(user):
        return Segment.objects.none()
    corpora = Corpus.objects.visible_to(user).active()
    return (
        Segment.objects.filter(document__corpus__in=corpora, status=Segment.Status.EDITED)
        .exclude(text_author=user)
        .select_related("document__corpus", "text_author")
        .only(
            "document_id", "position", "text", "mt_text", "updated_at", "version",
            "document__title", "document__corpus__name", "text_author__username",
        )
        .order_by("document_id", "position")
    )  # fmt: skip


def review_queue(user, *, after: tuple[int, int] | None = None, size: int = 50):
    """A page of queue_segments; a deep page costs what the first does. Returns (segments, the
    key after the last one or None)."""
    rows = queue_segments(user)
    if after is not None:
        document_id, position = after
        rows = rows.filter(
            Q(document_id__gt=document_id) | Q(document_id=document_id, position__gt=position)
        )
    page = list(rows[: size + 1])
    more = len(page) > size
    page = page[:size]
    return page, ((page[-1].document_id, page[-1].position) if more else None)
