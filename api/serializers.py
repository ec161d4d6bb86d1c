"""Shapes of the API's answers and requests. They validate shape only: the rules are the
services' (corpus, annotate, glossary, export), as with the screens' forms."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from annotate.models import Finding, Label, Span
from corpus import roles
from corpus.assignments import Assignment
from corpus.models import Corpus, Document, ImportBatch, ImportItem, Job, Segment
from glossary.models import GlossaryTerm


class CorpusSerializer(serializers.ModelSerializer):
    document_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Corpus
        fields = ["id", "name", "description", "allow_overlapping_spans", "created_at"]
        fields += ["forbid_self_approval", "export_allow_reviewers", "archived_at"]
        fields += ["document_count"]


class CorpusWriteSerializer(serializers.Serializer):
    """Creating (name required) or changing a corpus; null for the two overrides follows the
    site setting."""

    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    allow_overlapping_spans = serializers.BooleanField(required=False)
    forbid_self_approval = serializers.BooleanField(required=False, allow_null=True)
    export_allow_reviewers = serializers.BooleanField(required=False, allow_null=True)
    archived = serializers.BooleanField(
        required=False,
        help_text=gettext_lazy("true archives (read-only, off the lists); false unarchives."),
    )


ROLE_FIELD = serializers.ChoiceField(choices=roles.ALL_ROLES)


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())


class MemberRolesSerializer(serializers.Serializer):
    roles = serializers.ListField(
        child=ROLE_FIELD,
        allow_empty=False,
        help_text=gettext_lazy("Site-wide roles: they apply in every corpus."),
    )


class MemberAddSerializer(MemberRolesSerializer):
    username = serializers.CharField(max_length=150)


class DocumentSerializer(serializers.ModelSerializer):
    segment_count = serializers.IntegerField(read_only=True)
    edited_count = serializers.IntegerField(read_only=True)
    approved_count = serializers.IntegerField(read_only=True)
    rejected_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Document
        fields = ["id", "corpus", "title", "original_name", "sha256", "encoding", "metadata"]
        fields += ["created_at", "segment_count", "edited_count", "approved_count"]
        fields += ["rejected_count"]


class SpanSerializer(serializers.ModelSerializer):
    label = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Span
        fields = ["id", "segment", "start", "end", "text", "label", "term", "origin", "state"]
        fields += ["updated_at"]


class SegmentSerializer(serializers.ModelSerializer):
    spans = SpanSerializer(many=True, read_only=True, source="shown_spans")

    class Meta:
        model = Segment
        fields = ["id", "document", "position", "paragraph", "mt_text", "text", "trailing"]
        fields += ["status", "version", "hter", "updated_at", "spans"]


class SegmentEditSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)
    version = serializers.IntegerField(min_value=1, help_text=gettext_lazy("The version you read."))
    confirm = serializers.BooleanField(
        default=False,
        help_text=gettext_lazy("Save although the edit loses or adds a figure of the MT."),
    )
    # Parsed here, checked by corpus.effort (as the review screen's are): out of bounds is a 422.
    edit_time_ms = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Active editing time of this edit in ms (0 to 86400000), idle stretches cut.",
    )
    first_key_ms = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Time to the first keystroke in ms, at most edit_time_ms.",
    )


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text=gettext_lazy("The version you read."))


class SpanCreateSerializer(serializers.Serializer):
    start = serializers.IntegerField(
        min_value=0, help_text=gettext_lazy("Code-point offset into the text.")
    )
    end = serializers.IntegerField(min_value=1)
    label = serializers.CharField(
        max_length=30, help_text=gettext_lazy("A label key of the corpus, e.g. ORG.")
    )
    snap = serializers.BooleanField(default=False, help_text=gettext_lazy("Widen to whole words."))


class RelabelSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=30)


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["id", "segment", "document", "check_id", "severity", "start", "end"]
        fields += ["message", "fix"]


class DismissSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class LabelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Label
        fields = ["id", "key", "name", "colour", "shortcut", "description"]


class ConceptSerializer(serializers.ModelSerializer):
    admitted = serializers.SerializerMethodField()
    forbidden = serializers.SerializerMethodField()

    class Meta:
        model = GlossaryTerm
        fields = ["id", "corpus", "preferred", "source", "definition", "note", "domain"]
        fields += ["part_of_speech", "status", "case_sensitive", "label_key", "version"]
        fields += ["updated_at", "admitted", "forbidden"]

    def _variants(self, term, kind: str) -> list[str]:
        return [v.text for v in term.variants.all() if v.kind == kind]

    def get_admitted(self, term) -> list[str]:
        return self._variants(term, "admitted")

    def get_forbidden(self, term) -> list[str]:
        return self._variants(term, "forbidden")


class ConceptWriteSerializer(serializers.Serializer):
    """Fields of a concept; on update only those sent change."""

    preferred = serializers.CharField(max_length=300)
    source = serializers.CharField(max_length=300, required=False, allow_blank=True)
    definition = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
    domain = serializers.CharField(max_length=100, required=False, allow_blank=True)
    part_of_speech = serializers.CharField(max_length=50, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=GlossaryTerm.Status.choices, required=False)
    case_sensitive = serializers.BooleanField(required=False)
    label_key = serializers.CharField(max_length=30, required=False, allow_blank=True)
    admitted = serializers.ListField(child=serializers.CharField(), required=False)
    forbidden = serializers.ListField(child=serializers.CharField(), required=False)
    scope = serializers.ChoiceField(
        choices=[("corpus", "This corpus only"), ("all", "All corpora")],
        default="corpus",
        help_text=gettext_lazy("On creation only."),
    )


class ImportItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportItem
        fields = ["id", "name", "state", "message", "document"]


class ImportBatchSerializer(serializers.ModelSerializer):
    items = ImportItemSerializer(many=True, read_only=True)

    class Meta:
        model = ImportBatch
        fields = ["id", "corpus", "state", "created_at", "finished_at", "items"]


class UploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True),
        help_text=gettext_lazy(
            "Plain text, Markdown, bilingual files or a .zip of them; one document each."
        ),
    )


class UploadResultSerializer(serializers.Serializer):
    batch = ImportBatchSerializer(allow_null=True)
    refusals = serializers.ListField(child=serializers.CharField())


class GlossaryImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy("CSV (with a “preferred” column) or TBX."))
    scope = serializers.ChoiceField(choices=["corpus", "all"], default="corpus")


class GlossaryImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = ["id", "kind", "corpus", "document", "state", "total", "done", "message"]
        fields += ["created_at", "finished_at"]


class AssignmentSerializer(serializers.ModelSerializer):
    translator = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    document_title = serializers.CharField(source="document.title", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "document", "document_title", "translator", "reviewer"]
        fields += ["first_number", "last_number", "due_on", "created_at"]


class AssignmentWriteSerializer(serializers.Serializer):
    document = serializers.IntegerField(help_text="A document of this corpus.")
    translator = serializers.CharField(required=False, allow_null=True, help_text="A user name.")
    reviewer = serializers.CharField(required=False, allow_null=True, help_text="A user name.")
    first_number = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="1-based; with last_number."
    )
    last_number = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    due_on = serializers.DateField(required=False, allow_null=True)


class WorkSerializer(serializers.Serializer):
    assignment = AssignmentSerializer()
    as_translator = serializers.BooleanField()
    as_reviewer = serializers.BooleanField()
    segment_count = serializers.IntegerField(source="document.segment_count")
    edited_count = serializers.IntegerField(source="document.edited_count")
    approved_count = serializers.IntegerField(source="document.approved_count")


class QueueSegmentSerializer(serializers.ModelSerializer):
    corpus = serializers.IntegerField(source="document.corpus_id")
    document_title = serializers.CharField(source="document.title")
    text_author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Segment
        fields = ["id", "corpus", "document", "document_title", "position", "mt_text", "text"]
        fields += ["text_author", "version", "updated_at"]
