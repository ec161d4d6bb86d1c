"""Labels (and, as annotation grows, spans and the glossary)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from corpus.models import Corpus

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give the colour as #rrggbb, e.g. #1f77b4.")
key_validator = RegexValidator(
    r"^[A-Z][A-Z0-9_]{0,29}$", "Keys are upper-case letters, digits and _, e.g. ORG."
)
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
        "annotate.GlossaryTerm",
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


class Job(models.Model):
    """A background task's progress, for the progress bars (pre-annotation, rescans, exports)."""

    class Kind(models.TextChoices):
        PREANNOTATE = "preannotate", "Pre-annotation"
        REPLACE_ALL = "replace-all", "Replace all"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    corpus = models.ForeignKey(Corpus, on_delete=models.CASCADE, related_name="jobs")
    document = models.ForeignKey(
        "corpus.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.state})"

    @property
    def running(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)


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
    reason = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["segment", "created_at"]
        indexes = [models.Index(fields=["segment", "check_id"], name="dismissal_segment_idx")]

    def __str__(self) -> str:
        return f"{self.check_id}@{self.segment_id}: {self.surface}"


# --- glossary --------------------------------------------------------------------------------------


class GlossaryTermQuerySet(models.QuerySet):
    def in_scope(self, corpus) -> "GlossaryTermQuerySet":
        """The glossary a corpus works with: its own concepts and the all-corpora ones."""
        corpus_id = getattr(corpus, "pk", corpus)
        if corpus_id is None:
            return self.filter(corpus__isnull=True)
        return self.filter(Q(corpus_id=corpus_id) | Q(corpus__isnull=True))

    def live(self) -> "GlossaryTermQuerySet":
        """What flags and highlights text: approved concepts. Drafts are unreviewed proposals and
        deprecated ones are kept for history and old links."""
        return self.filter(status=GlossaryTerm.Status.APPROVED)


class GlossaryTerm(models.Model):
    """A concept: one preferred English rendering plus admitted and forbidden variants.

    Scope: `corpus` set means this corpus only; null means every corpus. The entity label is
    stored as a label *key* (TERM, POLICY…), not a foreign key: labels belong to one corpus, an
    all-corpora concept must name one that every corpus resolves to its own, and glossary
    files (CSV, TBX) carry keys too. `label_in(corpus)` resolves it; a key a corpus lacks
    resolves to None.

    Concepts are never deleted in the app (deprecate instead); every change is a TermChange.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        DEPRECATED = "deprecated", "Deprecated"

    corpus = models.ForeignKey(
        Corpus,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="glossary_terms",
        help_text="Empty: the concept applies to every corpus.",
    )
    preferred = models.CharField(max_length=300)
    source = models.CharField(max_length=300, blank=True, help_text="The Chinese source term.")
    definition = models.TextField(blank=True)
    note = models.TextField(blank=True, help_text="Usage note.")
    domain = models.CharField(max_length=100, blank=True)
    part_of_speech = models.CharField(max_length=50, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    case_sensitive = models.BooleanField(default=False)
    label_key = models.CharField(max_length=30, blank=True, validators=[key_validator])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)  # raised by every change, variants included

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        ordering = ["preferred", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(preferred=""), name="glossaryterm_preferred_not_empty"
            ),
            # One concept per preferred rendering and scope (NULL corpora never collide in SQL,
            # hence the second, partial constraint for the all-corpora scope).
            models.UniqueConstraint(
                models.functions.Lower("preferred"),
                "corpus",
                condition=Q(corpus__isnull=False),
                name="glossaryterm_unique_preferred",
            ),
            models.UniqueConstraint(
                models.functions.Lower("preferred"),
                condition=Q(corpus__isnull=True),
                name="glossaryterm_unique_global_preferred",
            ),
        ]
        indexes = [models.Index(fields=["corpus", "status"], name="glossaryterm_scope_idx")]

    def __str__(self) -> str:
        return self.preferred

    def label_in(self, corpus) -> Label | None:
        if not self.label_key:
            return None
        return Label.objects.filter(corpus=corpus, key=self.label_key).first()


class TermVariant(models.Model):
    class Kind(models.TextChoices):
        ADMITTED = "admitted", "Admitted"
        FORBIDDEN = "forbidden", "Forbidden"

    term = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, related_name="variants")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["term", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["term", "text"], name="termvariant_unique_text"),
            models.CheckConstraint(condition=~Q(text=""), name="termvariant_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.kind})"


class TermChange(models.Model):
    """Append-only: who changed a concept, when, how, and its state before and after."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        PROPOSED = "proposed", "Proposed"
        UPDATED = "updated", "Updated"
        VARIANTS = "variants", "Variants changed"
        APPROVED = "approved", "Approved"
        DEPRECATED = "deprecated", "Deprecated"
        IMPORTED = "imported", "Imported"

    term = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField()
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term", "id"]
        indexes = [models.Index(fields=["term", "id"], name="termchange_term_idx")]

    def __str__(self) -> str:
        return f"{self.term_id} {self.action}"

    def differences(self) -> list[tuple[str, str, str]]:
        """(field, before, after) as display text for each field the change touched."""
        before = self.before or {}

        def shown(value):
            return (
                " | ".join(value)
                if isinstance(value, list)
                else "yes"
                if value is True
                else "no"
                if value is False
                else str(value or "")
            )

        return [
            (name.replace("_", " "), shown(before.get(name)), shown(value))
            for name, value in self.after.items()
            if name != "corpus"
            and before.get(name) != value
            and (self.before is not None or value not in ("", [], None, False))
        ]


class GlossaryState(models.Model):
    """A fresh random token per glossary scope (a corpus id, or 0 for the all-corpora concepts),
    replaced in the same transaction as every change to that scope's concepts.

    The cached matchers and search indexes compare tokens: one indexed lookup per use instead of
    aggregating over thousands of terms, correct in whatever order concurrent changes commit,
    and never equal to a token from before (ids can be reused; random tokens are not).
    """

    scope = models.BigIntegerField(unique=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.scope}:{self.token}"
