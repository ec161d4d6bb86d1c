"""Glossary concepts: a preferred English rendering with admitted and forbidden variants, the
append-only change log, and the per-scope state token that invalidates cached matchers.

The tables keep their original names (annotate_glossaryterm, …): the models moved here from
annotate without copying a row (see migrations/0001_initial.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from corpus.models import Corpus
from corpus.validators import key_validator
from glossary.terms import ConceptRecord

# The concept fields a glossary file and a TermChange snapshot carry, in that order.
FIELDS = (
    "preferred",
    "source",
    "definition",
    "note",
    "domain",
    "part_of_speech",
    "status",
    "case_sensitive",
    "label_key",
)


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

    def concept_records(self) -> tuple[list[int], list[ConceptRecord]]:
        """Term ids and concept records (the pure package's shape), in two queries, in creation
        order so an imported glossary exports as it came."""
        terms = list(self.order_by("id").values_list("pk", *FIELDS))
        variants: dict[int, tuple[list, list]] = {}
        for term_id, text, kind in (
            TermVariant.objects.filter(term__in=self)
            .order_by("id")
            .values_list("term_id", "text", "kind")
        ):
            variants.setdefault(term_id, ([], []))[kind == TermVariant.Kind.FORBIDDEN].append(text)
        records = [ConceptRecord(*row[1:], *variants.get(row[0], ([], []))) for row in terms]
        return [row[0] for row in terms], records


class GlossaryTerm(models.Model):
    """A concept: one preferred English rendering plus admitted and forbidden variants.

    Scope: `corpus` set means this corpus only; null means every corpus. The entity label is
    stored as a label *key* (TERM, POLICY…), not a foreign key: labels belong to one corpus, an
    all-corpora concept must name one that every corpus resolves to its own, and glossary
    files (CSV, TBX) carry keys too. annotate resolves it to a corpus's label; a key a corpus
    lacks resolves to None.

    Concepts are never deleted in the app (deprecate instead); every change is a TermChange.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", gettext_lazy("Draft")
        APPROVED = "approved", gettext_lazy("Approved")
        DEPRECATED = "deprecated", gettext_lazy("Deprecated")

    corpus = models.ForeignKey(
        Corpus,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="glossary_terms",
        help_text=gettext_lazy("Empty: the concept applies to every corpus."),
    )
    preferred = models.CharField(max_length=300)
    source = models.CharField(
        max_length=300, blank=True, help_text=gettext_lazy("The Chinese source term.")
    )
    definition = models.TextField(blank=True)
    note = models.TextField(blank=True, help_text=gettext_lazy("Usage note."))
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
        db_table = "annotate_glossaryterm"
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


class TermVariant(models.Model):
    class Kind(models.TextChoices):
        ADMITTED = "admitted", gettext_lazy("Admitted")
        FORBIDDEN = "forbidden", gettext_lazy("Forbidden")

    term = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, related_name="variants")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        db_table = "annotate_termvariant"
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
        CREATED = "created", gettext_lazy("Created")
        PROPOSED = "proposed", gettext_lazy("Proposed")
        UPDATED = "updated", gettext_lazy("Updated")
        VARIANTS = "variants", gettext_lazy("Variants changed")
        APPROVED = "approved", gettext_lazy("Approved")
        DEPRECATED = "deprecated", gettext_lazy("Deprecated")
        IMPORTED = "imported", gettext_lazy("Imported")

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
        db_table = "annotate_termchange"
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

    class Meta:
        db_table = "annotate_glossarystate"

    def __str__(self) -> str:
        return f"{self.scope}:{self.token}"


class Place(models.Model):
    """Where a glossary rendering occurs: one match of the matcher in a segment, as the segment's
    last check found it (annotate.services.findings.refresh writes a segment's places with its
    findings, so they are exactly as current as its findings). Whether a concept is rendered two
    ways is a property of the whole document: a save in a checked document reads the places of
    its concepts here instead of every segment's text (glossary.services.scan)."""

    segment = models.ForeignKey(
        "corpus.Segment", on_delete=models.CASCADE, related_name="glossary_places"
    )
    document = models.ForeignKey("corpus.Document", on_delete=models.CASCADE, related_name="+")
    # The concept's id, not a foreign key: a concept deleted while a save is checking must not
    # fail the save; its places go at the next check of their segments (a glossary change
    # re-checks the segments its renderings touch).
    term_id = models.BigIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=10)  # glossary.terms.TermKind
    surface = models.TextField()  # the glossary form that matched
    preferred = models.TextField()  # the concept's preferred rendering when it was matched
    text = models.TextField()  # the document's spelling

    class Meta:
        indexes = [models.Index(fields=["document", "term_id"], name="glossaryplace_concept_idx")]

    def __str__(self) -> str:
        return f"{self.segment_id}:{self.start}-{self.end} {self.kind} “{self.text}”"
