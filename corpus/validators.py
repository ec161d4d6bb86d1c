"""Validators shared across apps: a label key names a label in one corpus and a concept's label
in every corpus (glossary files carry keys), so both must follow one rule."""

from django.core.validators import RegexValidator

key_validator = RegexValidator(
    r"^[A-Z][A-Z0-9_]{0,29}$", "Keys are upper-case letters, digits and _, e.g. ORG."
)
