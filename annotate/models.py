"""Labels, spans, findings and their dismissals, and the jobs that show background progress."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from corpus.models import Corpus, Document, Segment, SegmentQuerySet
from corpus.validators import (
    key_validator,  # here too: old migrations name annotate.models.key_validator
)

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give the colour as #rrggbb, e.g. #1f77b4.")
shortcut_validator = RegexValidator(r"^[1-9]?$", "A shortcut is one digit from 1 to 9 (or none).")


class Label(models.Model):
    corpus = models.ForeignKey(Corpus, on_delete=models.CASCADE, related_name="labels")
    key = models.CharField(max_length=30, validators=[key_validator])
    name = models.CharField(max_length=100)
    colour = models.CharField(max_length=7, validators=[colour_validator], default="#1f77b4")
    shortcut = models.CharField(max_length=1, blank=True, validators=[shortcut_validator])
    description = models.TextField(blank=True, max_length=500)

    class Meta:
        ordering = ["corpus", "shortcut", "key"]
        constraints = [
            models.UniqueConstraint(fields=["corpus", "key"], name="label_unique_key"),
            models.UniqueConstraint(
                fields=["corpus", "shortcut"],
                condition=~Q(shortcut=""),
                name="label_unique_shortcut",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="label_colour_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class SpanQuerySet(models.QuerySet):
    def shown(self) -> "SpanQuerySet":
        """What the review screen and exports see: rejected suggestions stay only as a memory."""
        return self.exclude(state=Span.State.REJECTED)


class Span(models.Model):
    """A labelled character range of a segment's current text (Python code points).

    `text` repeats the surface so invariant 1 (segment.text[start:end] == span.text) can be
    checked at any time, not just trusted.
    """

    class Origin(models.TextChoices):
        HUMAN = "human", "Human"
        MODEL = "model", "Model"
        GLOSSARY = "glossary", "Glossary"
        RULE = "rule", "Rule"

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        NEEDS_REVIEW = "needs-review", "Needs review"

    segment = models.ForeignKey("corpus.Segment", on_delete=models.CASCADE, related_name="spans")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    label = models.ForeignKey(Label, on_delete=models.PROTECT, related_name="spans")
    term = models.ForeignKey(
        "glossary.GlossaryTerm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="spans",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.HUMAN)
    state = models.CharField(max_length=12, choices=State.choices, default=State.ACCEPTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SpanQuerySet.as_manager()

    class Meta:
        ordering = ["segment", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")), name="span_start_before_end"
            ),
        ]
        indexes = [
            models.Index(fields=["segment", "start"], name="span_segment_idx"),
            models.Index(fields=["state"], name="span_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.label_id}:{self.start}-{self.end}"


class Finding(models.Model):
    """A QA check's finding on a segment's current text, stored so filtering is one indexed query.

    corpus and document are copied from the segment so "every finding of check X in this corpus"
    needs no join over 100,000 segments. Recomputed whenever the segment's text changes.
    """

    segment = models.ForeignKey("corpus.Segment", on_delete=models.CASCADE, related_name="findings")
    document = models.ForeignKey("corpus.Document", on_delete=models.CASCADE, related_name="+")
    corpus = models.ForeignKey(Corpus, on_delete=models.CASCADE, related_name="+")
    check_id = models.CharField(max_length=40)
    severity = models.CharField(max_length=10)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    message = models.TextField()
    fix = models.TextField(null=True, blank=True)
    dismissed = models.BooleanField(default=False)

    class Meta:
        ordering = ["segment", "start", "check_id"]
        indexes = [
            models.Index(
                fields=["corpus", "check_id", "dismissed"], name="finding_corpus_check_idx"
            ),
            models.Index(
                fields=["document", "check_id", "dismissed"], name="finding_document_check_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.check_id}@{self.segment_id}:{self.start}-{self.end}"


class Dismissal(models.Model):
    """A reviewer's "this is fine": holds while the same characters are flagged by the same check."""

    segment = models.ForeignKey(
        "corpus.Segment", on_delete=models.CASCADE, related_name="dismissals"
    )
    check_id = models.CharField(max_length=40)
    surface = models.TextField()
    # A cap in the table too, not only in DismissForm: every writer goes through the service,
    # which refuses longer reasons, and PostgreSQL refuses them even if one did not.
    reason = models.CharField(max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["segment", "created_at"]
        indexes = [models.Index(fields=["segment", "check_id"], name="dismissal_segment_idx")]

    def __str__(self) -> str:
        return f"{self.check_id}@{self.segment_id}: {self.surface}"


class GlossaryCheck(models.Model):
    """How far a corpus's findings have followed its glossary: the last TermChange whose touched
    segments were checked again (annotate.services.recheck)."""

    corpus = models.OneToOneField(
        Corpus, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    change_id = models.BigIntegerField(default=0)
    # The glossary state tokens (this corpus's, the all-corpora one) when last looked: while they
    # are unchanged the review page learns that nothing is pending inside its document query.
    own_token = models.CharField(max_length=32, blank=True)
    global_token = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return f"{self.corpus_id} checked up to glossary change {self.change_id}"


# --- the review screen's reads, which look through spans and findings --------------------------


class ReviewSegments(SegmentQuerySet):
    """Segment reads that filter on annotate's spans and findings (corpus knows neither)."""

    def filtered(self, *, status: str = "", span_state: str = "", check: str = ""):
        segments = self
        if status:
            segments = segments.filter(status=status)
        if span_state:
            spans = Span.objects.filter(segment=OuterRef("pk"), state=span_state)
            segments = segments.filter(Exists(spans))
        if check:
            open_findings = Finding.objects.filter(
                segment=OuterRef("pk"), check_id=check, dismissed=False
            )
            segments = segments.filter(Exists(open_findings))
        return segments


def review_segments(document: Document) -> ReviewSegments:
    return ReviewSegments(Segment).filter(document=document)
