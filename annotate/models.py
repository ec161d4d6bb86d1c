"""Labels, spans, findings and their dismissals, and the jobs that show background progress."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from corpus.i18n import localize_stored
from corpus.models import Corpus, Document, Segment, SegmentQuerySet
from corpus.validators import (
    key_validator,  # here too: old migrations name annotate.models.key_validator
)

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", gettext_lazy("Give the colour as #rrggbb, e.g. #1f77b4.")
)
shortcut_validator = RegexValidator(
    r"^[1-9]?$", gettext_lazy("A shortcut is one digit from 1 to 9 (or none).")
)


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
        HUMAN = "human", gettext_lazy("Human")
        MODEL = "model", gettext_lazy("Model")
        GLOSSARY = "glossary", gettext_lazy("Glossary")
        RULE = "rule", gettext_lazy("Rule")

    class State(models.TextChoices):
        SUGGESTED = "suggested", gettext_lazy("Suggested")
        ACCEPTED = "accepted", gettext_lazy("Accepted")
        REJECTED = "rejected", gettext_lazy("Rejected")
        NEEDS_REVIEW = "needs-review", gettext_lazy("Needs review")

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
            # The review page's span filters probe each segment for a span in a state: answered
            # from the index alone, without reading the span rows.
            models.Index(fields=["segment", "state"], name="span_segment_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.label_id}:{self.start}-{self.end}"


# The checks' severities (annotate.qa.base.Severity) as a reader sees them on the badge.
FINDING_SEVERITIES = {
    "error": gettext_lazy("error"),
    "warning": gettext_lazy("warning"),
    "info": gettext_lazy("info"),
}


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
    # The message's template and params (corpus.i18n.portable), so it is shown in the reader's
    # language; null for messages that are plain text.
    message_i18n = models.JSONField(null=True, blank=True)
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

    @property
    def display_message(self) -> str:
        return localize_stored(self.message, self.message_i18n)

    @property
    def severity_label(self) -> str:
        return FINDING_SEVERITIES.get(self.severity, self.severity)


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

    def filtered(
        self, *, status: str = "", span_state: str = "", check: str = "", open_comments=False
    ):
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
        if open_comments:
            # Found from the open comments (few, comment_open_idx), not by probing every segment
            # of the document for one: a long document with none had all its segments probed.
            unresolved = Comment.objects.filter(resolved_at=None).values("segment_id")
            segments = segments.filter(pk__in=unresolved)
        return segments


def with_comment_flag(segments):
    """`has_comments` on each segment, so its comments are read only when it has some."""
    return segments.annotate(has_comments=Exists(Comment.objects.filter(segment=OuterRef("pk"))))


def review_segments(document: Document) -> ReviewSegments:
    return with_comment_flag(ReviewSegments(Segment).filter(document=document))


def open_comment_segments():
    """How many segments of the document have an open comment (the filter chip's count), as an
    annotation of the document's own query rather than a query of its own."""
    # Driven from the open comments, not from the document's segments: matched on the segment's
    # document id, an index on it would have SQLite probe the comments of every one of the
    # document's segments (200,000 probes for a long document with no comment at all). "+ 0"
    # keeps that index out: open comments are few (comment_open_idx), each segment found by its
    # primary key.
    open_ones = (
        Comment.objects.filter(resolved_at=None)
        .alias(document_key=F("segment__document_id") + 0)
        .filter(document_key=OuterRef("pk"))
        .order_by()
        .values("segment__document")
        .annotate(n=Count("segment_id", distinct=True))
        .values("n")[:1]
    )
    return Coalesce(Subquery(open_ones), 0)


# --- undo and redo: each user's log of their undoable actions, per document --------------------


class UndoableAction(models.Model):
    """One action a user took on a document, with what undoing and redoing it needs.

    `segments` and `spans` hold {"before": {id: snapshot or None}, "after": {...}}: the touched
    segments' text and status, and the spans the action changed (None: absent). Undo checks that
    the "after" state is still what is stored (else someone changed it since: refused), replays
    the inverse through the edit services, then puts the spans back exactly as "before".
    """

    class State(models.TextChoices):
        DONE = "done", gettext_lazy("Done")
        UNDONE = "undone", gettext_lazy("Undone")
        DROPPED = (
            "dropped",
            gettext_lazy("Dropped"),
        )  # undone, then replaced by a new action: no redo

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    state = models.CharField(max_length=8, choices=State.choices, default=State.DONE)
    segments = models.JSONField(default=dict)
    spans = models.JSONField(default=dict)
    extra = models.JSONField(default=dict, blank=True)  # the cut of a split, a reject's reason
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["user", "document", "state", "id"], name="undo_user_doc_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id} on {self.document_id} ({self.state})"


# --- comments and reject reasons ----------------------------------------------------------------


class Comment(models.Model):
    """One message in a segment's thread; resolved by its author, a reviewer or an admin."""

    MAX_LENGTH = 2000

    segment = models.ForeignKey("corpus.Segment", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["segment", "created_at", "id"]
        indexes = [
            models.Index(fields=["segment", "resolved_at"], name="comment_segment_idx"),
            # The open comments of a document (open_comment_segments) start from here.
            models.Index(fields=["resolved_at", "segment"], name="comment_open_idx"),
        ]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.segment_id}"

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


class RejectReason(models.Model):
    """Why a reviewer rejected a segment, kept with the rejecting revision (MQM-style)."""

    class Category(models.TextChoices):
        MISTRANSLATION = "mistranslation", gettext_lazy("Mistranslation")
        OMISSION = "omission", gettext_lazy("Omission")
        ADDITION = "addition", gettext_lazy("Addition")
        TERMINOLOGY = "terminology", gettext_lazy("Terminology")
        GRAMMAR = "grammar", gettext_lazy("Grammar")
        SPELLING = "spelling", gettext_lazy("Spelling")
        PUNCTUATION = "punctuation", gettext_lazy("Punctuation")
        STYLE = "style", gettext_lazy("Style")
        OTHER = "other", gettext_lazy("Other")

    class Severity(models.TextChoices):
        MINOR = "minor", gettext_lazy("Minor")
        MAJOR = "major", gettext_lazy("Major")
        CRITICAL = "critical", gettext_lazy("Critical")

    MAX_LENGTH = 1000

    revision = models.OneToOneField(
        "corpus.Revision", on_delete=models.CASCADE, related_name="reject_reason"
    )
    segment = models.ForeignKey(
        "corpus.Segment", on_delete=models.CASCADE, related_name="reject_reasons"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    text = models.CharField(max_length=MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["segment", "revision"]

    def __str__(self) -> str:
        return f"{self.severity} {self.category} on {self.segment_id}"
