"""Writes that touch documents, segments and revisions, split by noun (imports, segments). Each
public function is one transaction.

The two refusals every write may raise live here, so each app's services can share them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.models import Segment


class EditConflict(Exception):
    """Someone saved the segment since the reviewer loaded it."""

    def __init__(self, current: Segment):
        super().__init__(
            f"Segment {current.pk} was changed by someone else (now version {current.version})."
        )
        self.current = current


class EditRefused(Exception):
    """The change is not allowed; the message says why. Nothing was written."""
