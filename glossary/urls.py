from django.urls import path

from glossary import views

app_name = "glossary"
urlpatterns = [
    path("", views.index, name="index"),
    path("corpora/<int:pk>/", views.term_list, name="list"),
    path("corpora/<int:pk>/new/", views.term_new, name="new"),
    path("corpora/<int:pk>/import/", views.import_glossary, name="import"),
    path("corpora/<int:pk>/export.csv", views.export_glossary, {"fmt": "csv"}, name="export_csv"),
    path("corpora/<int:pk>/export.tbx", views.export_glossary, {"fmt": "tbx"}, name="export_tbx"),
    path("corpora/<int:pk>/terms/<int:term_pk>/", views.term_detail, name="term"),
    path(
        "corpora/<int:pk>/terms/<int:term_pk>/concordance/",
        views.term_concordance,
        name="concordance",
    ),
    path("corpora/<int:pk>/terms/<int:term_pk>/edit/", views.term_edit, name="edit"),
    path(
        "corpora/<int:pk>/terms/<int:term_pk>/approve/",
        views.term_status,
        {"action": "approved"},
        name="approve",
    ),
    path(
        "corpora/<int:pk>/terms/<int:term_pk>/deprecate/",
        views.term_status,
        {"action": "deprecated"},
        name="deprecate",
    ),
]
