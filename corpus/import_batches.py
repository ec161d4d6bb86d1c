"""An upload waiting for the worker: the batch and its files (decoded, bilingual units staged).

Its own module, imported by corpus.models for that module's size: the references go by name
("corpus.Corpus"), so this module needs nothing from corpus.models.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from corpus.leasing import Leased


class ImportBatch(Leased):
    """One upload: its files wait here (decoded) until the worker segments them."""

    class State(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Running")
        DONE = "done", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")

    corpus = models.ForeignKey(
        "corpus.Corpus", on_delete=models.CASCADE, related_name="import_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    message = models.TextField(blank=True)  # why the batch failed
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.state})"

    def progress(self) -> tuple[int, int]:
        """(files finished, files in the batch); uses the prefetched items when there are any."""
        states = [item.state for item in self.items.all()]
        return sum(state != ImportItem.State.PENDING for state in states), len(states)


class ImportItem(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        IMPORTED = "imported", gettext_lazy("Imported")
        REFUSED = "refused", gettext_lazy("Refused")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    encoding = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    # Bilingual files: the parsed units and the language pair, so the worker stores exactly what
    # was parsed and checked at upload time. The units are zlib-compressed JSON (see
    # corpus.services.imports.stage_import), not a JSON column: SQLite's JSON_VALID check on a
    # 40 MB value of 100,000 units alone took four times its size in memory.
    staged_units = models.BinaryField(blank=True, default=b"", editable=False)
    source_language = models.CharField(max_length=35, blank=True, default="")
    target_language = models.CharField(max_length=35, blank=True, default="")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    message = models.TextField(blank=True)
    document = models.ForeignKey(
        "corpus.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["batch", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"
