"""Writes that touch documents, segments and revisions, split by noun (imports, segments). Each
public function is one transaction.

The two refusals every write may raise live here, so each app's services can share them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext

from corpus.validators import text_problem

if TYPE_CHECKING:
    from corpus.models import Corpus, Segment


class EditConflict(Exception):
    """Someone saved the segment since the reviewer loaded it."""

    def __init__(self, current: Segment):
        super().__init__(
            gettext("Segment %(pk)s was changed by someone else (now version %(version)s).")
            % {"pk": current.pk, "version": current.version}
        )
        self.current = current


class EditRefused(Exception):
    """The change is not allowed; the message says why. Nothing was written."""


def refuse_unstorable(
    *texts: str, what: str = "The text", refusal: type[EditRefused] = EditRefused
) -> None:
    """``refusal`` when a text breaks the one text rule (corpus.validators.text_problem)."""
    for text in texts:
        problem = text_problem(text)
        if problem:
            raise refusal(f"{what} {problem}.")


def refuse_archived(corpus: Corpus) -> None:
    """Every write into a corpus asks this first: an archived corpus is read-only."""
    if corpus.archived:
        raise EditRefused(
            gettext(
                "The corpus “%(corpus_name)s” is archived, so it is read-only; a project admin can unarchive it on its settings page."
            )
            % {"corpus_name": corpus.name}
        )
