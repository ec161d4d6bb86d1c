"""The plain concept record every glossary format reads and writes, and the error they raise."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["STATUSES", "ConceptRecord", "GlossaryFormatError"]

STATUSES = ("draft", "approved", "deprecated")


class GlossaryFormatError(Exception):
    """A glossary file that cannot be imported; the message names the row or entry at fault."""


@dataclass
class ConceptRecord:
    """One concept (a ``GlossaryTerm`` with its variants) without any database identity."""

    preferred: str
    source: str = ""
    definition: str = ""
    note: str = ""
    domain: str = ""
    part_of_speech: str = ""
    status: str = "approved"
    case_sensitive: bool = False
    label: str = ""
    admitted: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
