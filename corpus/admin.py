from django.contrib import admin

from corpus.models import Corpus, Document, ImportBatch, Revision, Segment


@admin.register(Corpus)
class CorpusAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    filter_horizontal = ["members"]
    search_fields = ["name"]
    # Set on the corpus's House style page, which checks the corpus again after a change.
    readonly_fields = Corpus.HOUSE_STYLE


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "corpus", "original_name", "encoding", "created_at"]
    list_filter = ["corpus"]
    search_fields = ["title", "original_name", "sha256"]
    readonly_fields = ["sha256", "raw_text", "encoding", "leading"]  # the file: DocumentFile


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["document", "position", "status", "version", "hter"]
    list_filter = ["status", "document__corpus"]
    search_fields = ["text"]
    readonly_fields = ["mt_text", "version"]
    list_select_related = ["document"]
    raw_id_fields = ["document"]  # a dropdown would list every document


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["segment", "action", "author", "created_at", "version"]
    list_filter = ["action"]

    # Revisions are append-only history: the admin may look, never change.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["corpus", "state", "created_by", "created_at", "finished_at"]


# Project admins run corpora and members from Redline's own screens (corpus settings); the Django
# admin, which bypasses every rule of corpus.services.corpora, is for superusers only.
def _superusers_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
