from django.contrib import admin

from annotate.models import Label


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "corpus", "shortcut", "colour"]
    list_filter = ["corpus"]
