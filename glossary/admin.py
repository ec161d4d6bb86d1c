from django.contrib import admin

from glossary.models import GlossaryTerm, TermChange, TermVariant
from glossary.services.concepts import snapshot, touch


class TermVariantInline(admin.TabularInline):
    model = TermVariant
    extra = 0


class TermChangeInline(admin.TabularInline):
    model = TermChange
    extra = 0
    can_delete = False
    fields = ["created_at", "user", "action", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    """The app's glossary pages are the place to curate (they validate and record every change);
    edits made here are recorded too, as plain "updated" entries."""

    list_display = ["preferred", "source", "status", "corpus", "label_key", "updated_at"]
    list_filter = ["status", "corpus", "domain"]
    search_fields = ["preferred", "source", "variants__text"]
    readonly_fields = ["created_by", "created_at", "updated_by", "updated_at", "version"]
    inlines = [TermVariantInline, TermChangeInline]

    def save_model(self, request, obj, form, change):
        request._glossary_before = snapshot(GlossaryTerm.objects.get(pk=obj.pk)) if change else None
        obj.updated_by = request.user
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        term = form.instance
        before = getattr(request, "_glossary_before", None)
        GlossaryTerm.objects.filter(pk=term.pk).update(version=term.version + 1)
        action = TermChange.Action.UPDATED if change else TermChange.Action.CREATED
        TermChange.objects.create(
            term=term,
            user=request.user,
            action=action,
            before=before,
            after=snapshot(term),
            note="in the Django admin",
        )
        # Once the variants are saved too: cached matchers of the old and new scope rebuild.
        for corpus_id in {term.corpus_id, before["corpus"] if before else term.corpus_id}:
            touch(corpus_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        touch(obj.corpus_id)

    def delete_queryset(self, request, queryset):
        scopes = set(queryset.values_list("corpus_id", flat=True))
        super().delete_queryset(request, queryset)
        for corpus_id in scopes:
            touch(corpus_id)


@admin.register(TermChange)
class TermChangeAdmin(admin.ModelAdmin):
    list_display = ["term", "action", "user", "created_at"]
    list_filter = ["action"]
    readonly_fields = ["term", "user", "action", "before", "after", "note", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
