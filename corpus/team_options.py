"""The options a project admin sets on a corpus's settings page besides its name: per-corpus
choices over two site-wide settings, and archiving. An abstract model Corpus inherits, so
corpus/models.py stays under 400 lines."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TeamOptions(models.Model):
    # Overrides of the site-wide settings; None follows the setting (see the properties below).
    forbid_self_approval = models.BooleanField(null=True, blank=True)
    export_allow_reviewers = models.BooleanField(null=True, blank=True)
    # Archived corpora keep every row but leave the lists and refuse writes.
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def self_approval_forbidden(self) -> bool:
        own = self.forbid_self_approval
        return settings.REDLINE_FORBID_SELF_APPROVAL if own is None else own

    @property
    def reviewers_may_export(self) -> bool:
        own = self.export_allow_reviewers
        return settings.REDLINE_EXPORT_ALLOW_REVIEWERS if own is None else own
