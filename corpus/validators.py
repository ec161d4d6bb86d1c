"""Validators shared across apps, so each rule has one implementation: a label key names a label
in one corpus and a concept's label in every corpus (glossary files carry keys); the text rule
holds for every text a user or a file writes."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext, gettext_lazy

key_validator = RegexValidator(
    r"^[A-Z][A-Z0-9_]{0,29}$", gettext_lazy("Keys are upper-case letters, digits and _, e.g. ORG.")
)

# The text rule every write path applies (editor, imports, import_dataset, glossary): NUL is
# what PostgreSQL cannot store in a text column and what the browser editor never sends;
# lone surrogates cannot be encoded as UTF-8 at all (they arrive through JSON "\ud800" escapes).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_NAMES = {"\x00": "a NUL character (U+0000)"}


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None when it can."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    char = found.group()
    name = _NAMES.get(char, f"an unpaired surrogate (U+{ord(char):04X})")
    return f"contains {name} at character {found.start() + 1}, which text may not hold"


def validate_text(value: str) -> None:
    problem = text_problem(value)
    if problem:
        raise ValidationError(
            gettext("The text %(problem)s.") % {"problem": problem}, code="unstorable_text"
        )
