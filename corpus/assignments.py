"""Who works on what: a document, or a range of its segments, assigned to a translator and to a
reviewer, with an optional due date. An assignment orders work; it grants nothing (permissions
stay the roles' and the membership's).

Its own module, imported by corpus.models: the references go by name ("corpus.Document"), so
this module needs nothing from corpus.models and the import graph stays a tree.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class AssignmentQuerySet(models.QuerySet):
    def of(self, user) -> AssignmentQuerySet:
        """Assigned to the user, in corpora still in use and still theirs."""
        return self.filter(
            Q(translator=user) | Q(reviewer=user),
            document__corpus__archived_at__isnull=True,
            document__corpus__members=user,
        ).distinct()

    def listed(self) -> AssignmentQuerySet:
        """One query for a list: the document's counters and names, never its texts."""
        return self.select_related("document__corpus", "translator", "reviewer").only(
            *(
                f"document__{field}"
                for field in ("title", "corpus_id", "segment_count", "status_counts")
            ),
            "document__corpus__name",
            "translator__username",
            "reviewer__username",
            "first_number",
            "last_number",
            "due_on",
            "created_at",
        )


class Assignment(models.Model):
    document = models.ForeignKey(
        "corpus.Document", on_delete=models.CASCADE, related_name="assignments"
    )
    # 1-based segment numbers as the review screen counts them; both empty: the whole document.
    # Numbers, not positions: positions are respaced when splits use up their gaps.
    first_number = models.PositiveIntegerField(null=True, blank=True)
    last_number = models.PositiveIntegerField(null=True, blank=True)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translation_assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_assignments",
    )
    due_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(translator__isnull=False) | Q(reviewer__isnull=False),
                name="assignment_has_assignee",
            ),
            models.CheckConstraint(
                condition=Q(first_number__isnull=True, last_number__isnull=True)
                | Q(first_number__gte=1, last_number__gte=models.F("first_number")),
                name="assignment_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.range_label}"

    @property
    def range_label(self) -> str:
        if self.first_number is None:
            return "whole document"
        return f"segments {self.first_number}–{self.last_number}"
