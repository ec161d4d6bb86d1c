"""Target-only QA checks for MT English: text in, findings with character offsets out.

Pure Python (no Django, no spaCy), so the review screen, the report command and the benchmark
all run the same code. ``CHECKS`` is the registry; ``run_checks`` runs it on one segment.
"""

from .base import Check, CheckContext, Finding, Severity, Style, apply_fix, apply_fixes
from .registry import CHECKS, get_check, run_checks

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "Finding",
    "Severity",
    "Style",
    "apply_fix",
    "apply_fixes",
    "get_check",
    "run_checks",
]
