"""Labels (and, as annotation grows, spans and the glossary)."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from corpus.models import Corpus

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give the colour as #rrggbb, e.g. #1f77b4.")
key_validator = RegexValidator(r"^[A-Z][A-Z0-9_]{0,29}$", "Keys are upper-case letters, digits and _, e.g. ORG.")
shortcut_validator = RegexValidator(r"^[1-9]?$", "A shortcut is one digit from 1 to 9 (or none).")


class Label(models.Model):
    corpus = models.ForeignKey(Corpus, on_delete=models.CASCADE, related_name="labels")
    key = models.CharField(max_length=30, validators=[key_validator])
    name = models.CharField(max_length=100)
    colour = models.CharField(max_length=7, validators=[colour_validator], default="#1f77b4")
    shortcut = models.CharField(max_length=1, blank=True, validators=[shortcut_validator])
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["corpus", "shortcut", "key"]
        constraints = [
            models.UniqueConstraint(fields=["corpus", "key"], name="label_unique_key"),
            models.UniqueConstraint(
                fields=["corpus", "shortcut"], condition=~Q(shortcut=""), name="label_unique_shortcut"
            ),
            models.CheckConstraint(condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="label_colour_hex"),
        ]

    def __str__(self) -> str:
        return self.key
