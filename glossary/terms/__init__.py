"""The glossary, pure: matching renderings in text, fuzzy lookup, and import/export formats.

No Django here (a test enforces it): the models hand plain records and entries in, and get
matches, hits and bytes out.
"""

from .build import lookup_items, matcher_entries
from .formats import read_csv, read_tbx, write_csv, write_tbx
from .lookup import FuzzyIndex, Hit, LookupItem
from .matcher import Entry, GlossaryMatcher, Match, TermKind
from .records import STATUSES, ConceptRecord, GlossaryFormatError

__all__ = [
    "STATUSES",
    "ConceptRecord",
    "Entry",
    "FuzzyIndex",
    "GlossaryFormatError",
    "GlossaryMatcher",
    "Hit",
    "LookupItem",
    "Match",
    "TermKind",
    "lookup_items",
    "matcher_entries",
    "read_csv",
    "read_tbx",
    "write_csv",
    "write_tbx",
]
