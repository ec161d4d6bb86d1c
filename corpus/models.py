"""Documents, their segments and the append-only history of every change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from corpus import house_style

# Models kept in modules of their own, for this module's size, and registered here.
from corpus.assignments import Assignment  # noqa: F401
from corpus.import_batches import ImportBatch, ImportItem  # noqa: F401
from corpus.leasing import Leased, WorkerHeartbeat  # noqa: F401
from corpus.preferences import UserPreference  # noqa: F401
from corpus.team_options import TeamOptions


class CorpusQuerySet(models.QuerySet):
    def visible_to(self, user) -> CorpusQuerySet:
        if user.is_superuser:
            return self
        return self.filter(members=user)

    def active(self) -> CorpusQuerySet:
        return self.filter(archived_at__isnull=True)  # what lists show and what accepts writes

    def with_progress(self) -> CorpusQuerySet:
        return self.annotate(document_count=Count("documents", distinct=True))


class Corpus(TeamOptions):  # archiving and two options: corpus/team_options.py
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="corpora", blank=True)
    allow_overlapping_spans = models.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "Let two spans share characters (nested entities). Off for flat NER data."
        ),
    )
    # House style (corpus/house_style.py): conventions the checks follow instead of reporting.
    quote_style = models.CharField(max_length=10, choices=house_style.QUOTES, default="any")
    dash_style = models.CharField(max_length=10, choices=house_style.DASHES, default="em")
    thousands_separator = models.CharField(
        max_length=10, choices=house_style.THOUSANDS, default="comma"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CorpusQuerySet.as_manager()

    HOUSE_STYLE = ("quote_style", "dash_style", "thousands_separator")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "corpora"

    def __str__(self) -> str:
        return self.name

    def house_style(self) -> dict[str, str]:
        """The house style by option name, as annotate.qa.Style.named takes it."""
        return {
            "quotes": self.quote_style,
            "dash": self.dash_style,
            "thousands": self.thousands_separator,
        }


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> DocumentQuerySet:
        if user.is_superuser:
            return self
        return self.filter(corpus__members=user)

    def listed(self) -> DocumentQuerySet:
        """What a list of documents shows: names and the stored counters, never the texts."""
        return self.only(
            "pk",
            "corpus_id",
            "title",
            "original_name",
            "encoding",
            "bilingual",
            "source_language",
            "target_language",
            *Document.COUNTERS,
        )


class Document(models.Model):
    corpus = models.ForeignKey(Corpus, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    original_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    # The imported file itself is a DocumentFile (raw_text). `leading` is the whitespace before
    # the first segment, so leading + every (text + trailing) reproduces raw_text while untouched.
    encoding = models.CharField(max_length=40)
    leading = models.TextField(blank=True, default="")
    metadata = models.JSONField(default=dict, blank=True)
    # BCP-47 tags. A bilingual document's segments are the imported file's translation units,
    # each with its source; a monolingual one's are sentences of the MT alone.
    source_language = models.CharField(max_length=35, default="zh")
    target_language = models.CharField(max_length=35, default="en")
    bilingual = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Counters kept by the writes that change them (corpus.services.counters.apply), in the same
    # transaction, so pages read them instead of counting a 100,000-segment document per view.
    segment_count = models.PositiveIntegerField(default=0)
    status_counts = models.JSONField(default=dict, blank=True)  # segment status -> segments
    span_counts = models.JSONField(default=dict, blank=True)  # span state -> spans
    finding_counts = models.JSONField(default=dict, blank=True)  # check id -> open findings

    COUNTERS = ("segment_count", "status_counts", "span_counts", "finding_counts")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["corpus", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["corpus", "sha256"], name="document_unique_sha256_per_corpus"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def edited_count(self) -> int:
        return self.status_counts.get(Segment.Status.EDITED, 0)

    @property
    def approved_count(self) -> int:
        return self.status_counts.get(Segment.Status.APPROVED, 0)

    @property
    def rejected_count(self) -> int:
        return self.status_counts.get(Segment.Status.REJECTED, 0)

    @property
    def open_findings(self) -> int:
        return sum(self.finding_counts.values())

    @property
    def raw_text(self) -> str:
        """The imported file's text, as imported (a query of its own: see DocumentFile); empty
        for a document made without an import (the admin, a test's fixture)."""
        try:
            return self.file.text
        except DocumentFile.DoesNotExist:
            return ""

    def store_file(self, text: str) -> DocumentFile:
        """Keep the imported file's text beside this (saved) document; written once, at import."""
        return DocumentFile.objects.create(document=self, text=text)

    def current_text(self) -> str:
        parts = [self.leading]
        for text, trailing in self.segments.order_by("position").values_list("text", "trailing"):
            parts.append(text)
            parts.append(trailing)
        return "".join(parts)


class DocumentFile(models.Model):
    """A document's imported file, decoded, exactly as imported; never changed.

    In a table of its own, not a column of Document: it is megabytes for a long document and read
    only to give the original back, while the document row is read by every page and rewritten
    by every write that moves its counters. SQLite rewrites a whole row on update, so with the
    file in the row each save in a 37 MB document rewrote 37 MB (a quarter of a second).
    """

    document = models.OneToOneField(
        Document, primary_key=True, on_delete=models.CASCADE, related_name="file"
    )
    text = models.TextField()

    def __str__(self) -> str:
        return f"file of {self.document_id}"


class SegmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> SegmentQuerySet:
        if user.is_superuser:
            return self
        return self.filter(document__corpus__members=user)

    def with_document(self) -> SegmentQuerySet:
        """The segment's document and corpus in the same query."""
        return self.select_related("document__corpus")

    def page(
        self,
        *,
        after: int | None = None,
        before: int | None = None,
        last: bool = False,
        size: int = 50,
    ):
        """Keyset pagination on position: any page costs the same, however deep (no OFFSET).

        Returns (segments, has_previous, has_next): the first page by default, the page after
        position `after`, the page before position `before`, or the `last` page. A page reached
        from a neighbour is taken to have that neighbour: asking the database would cost a query
        on every deep page, and at worst the link leads to the first or last page.
        """
        if before is not None or last:
            query = self.filter(position__lt=before) if before is not None else self
            rows = list(query.order_by("-position")[: size + 1])
            has_previous = len(rows) > size
            return rows[:size][::-1], has_previous, not last
        query = self.filter(position__gt=after) if after is not None else self
        rows = list(query.order_by("position")[: size + 1])
        return rows[:size], after is not None, len(rows) > size


class Segment(models.Model):
    class Status(models.TextChoices):
        MT = "mt", gettext_lazy("MT")
        EDITED = "edited", gettext_lazy("Edited")
        APPROVED = "approved", gettext_lazy("Approved")
        REJECTED = "rejected", gettext_lazy("Rejected")

    # No index of its own: the unique (document, position) index leads with document_id and serves
    # every lookup by document and the cascade; a second index only slowed each insert.
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="segments", db_index=False
    )
    # Positions are sparse (gaps of POSITION_STEP) so a split can slot a segment in between
    # without renumbering the rest of the document.
    position = models.BigIntegerField()
    paragraph = models.PositiveIntegerField()
    mt_text = models.TextField()
    # The source as imported (empty for monolingual documents); like mt_text, never changed. The
    # second part of a split unit has none: `unit["continues"]` names the unit it belongs to.
    source_text = models.TextField(blank=True, default="")
    unit_id = models.CharField(max_length=200, blank=True, default="")
    # What an untouched round trip needs of the imported unit: notes, placeholders (inline code
    # character -> markup), state, metadata; see Segment.unit_* below.
    unit = models.JSONField(default=dict, blank=True)
    text = models.TextField()
    trailing = models.CharField(max_length=1000, blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MT)
    version = models.PositiveIntegerField(default=1)
    hter = models.FloatField(default=0.0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Who wrote the current text (for the no-self-approval rule); None while it is the MT.
    text_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SegmentQuerySet.as_manager()

    POSITION_STEP = 1024

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="segment_unique_position"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="segment_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["document", "status", "position"], name="segment_status_idx"),
            # Checks judge a segment in its whole paragraph: every edit reads its paragraph's
            # mates, which without this index scanned all of the document's rows (an edit in a
            # 200,000-segment document cost 100 ms more than one in a 500-segment one).
            models.Index(fields=["document", "paragraph"], name="segment_paragraph_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.position}"

    @property
    def placeholders(self) -> dict[str, str]:
        return self.unit.get("placeholders", {})

    @property
    def continues(self) -> str | None:
        """The unit id this segment continues (it is the second part of a split unit)."""
        return self.unit.get("continues")


class Revision(models.Model):
    class Action(models.TextChoices):
        EDIT = "edit", gettext_lazy("Edit")
        MERGE = "merge", gettext_lazy("Merge")
        SPLIT = "split", gettext_lazy("Split")
        RESTORE = "restore", gettext_lazy("Restore")
        FIX = "fix-applied", gettext_lazy("Fix applied")
        REPLACE_ALL = "replace-all", gettext_lazy("Replace all")
        CHECK = "check", gettext_lazy("QA checks")
        STATUS = "status", gettext_lazy("Status")
        UNDO = "undo", gettext_lazy("Undo")
        REDO = "redo", gettext_lazy("Redo")

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(max_length=20, choices=Action.choices)
    before = models.TextField(blank=True)
    after = models.TextField()
    status = models.CharField(max_length=10, choices=Segment.Status.choices)
    version = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Effort, as the browser measured it for a save: active editing time (editor opened -> saved,
    # idle stretches over 60 s cut, summed over visits) and time to the first keystroke. None for
    # revisions no person typed (imports, jobs, the API without them).
    edit_time_ms = models.PositiveIntegerField(null=True, blank=True)
    first_key_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["segment", "id"]
        indexes = [models.Index(fields=["segment", "id"], name="revision_segment_idx")]

    def __str__(self) -> str:
        return f"{self.segment_id} {self.action} v{self.version}"


class Job(Leased):
    """A background task's progress, for the progress bars (pre-annotation, rescans, exports).

    `total` and `done` count segments, except for checks, which count batches.
    """

    class Kind(models.TextChoices):
        PREANNOTATE = "preannotate", gettext_lazy("Pre-annotation")
        REPLACE_ALL = "replace-all", gettext_lazy("Replace all")
        CHECK = "check", gettext_lazy("QA checks")
        EXPORT = "export", gettext_lazy("Export")

    class State(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Running")
        DONE = "done", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    corpus = models.ForeignKey(Corpus, on_delete=models.CASCADE, related_name="jobs")
    document = models.ForeignKey(
        "corpus.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    # What the job was asked (an export's format and filters, as the query its download takes).
    params = models.JSONField(default=dict, blank=True)
    # Where a taken-over job resumes: each kind keeps what its committed batches reached.
    cursor = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "annotate_job"  # moved from annotate without copying rows
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.state})"

    @property
    def running(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
