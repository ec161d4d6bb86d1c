from django.contrib import admin

from annotate.models import Label
from annotate.services.labels import ensure_default_labels
from corpus.admin import CorpusAdmin
from corpus.models import Corpus


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "corpus", "shortcut", "colour"]
    list_filter = ["corpus"]


# Labels are annotate's, so annotate extends corpus's admin: a corpus created there gets the
# default label set like one created by any other way.
admin.site.unregister(Corpus)


@admin.register(Corpus)
class CorpusWithLabelsAdmin(CorpusAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            ensure_default_labels(obj)
