from django.urls import path

from annotate import finding_views, label_views, span_views, views

app_name = "annotate"
urlpatterns = [
    path("documents/<int:pk>/", views.document_review, name="document_review"),
    path("segments/<int:pk>/", views.segment_detail, name="segment_detail"),
    path("segments/<int:pk>/edit/", views.segment_edit, name="segment_edit"),
    path(
        "segments/<int:pk>/approve/",
        views.segment_status,
        {"status": "approved"},
        name="segment_approve",
    ),
    path(
        "segments/<int:pk>/reject/",
        views.segment_status,
        {"status": "rejected"},
        name="segment_reject",
    ),
    path("segments/<int:pk>/merge/", views.segment_merge, name="segment_merge"),
    path("segments/<int:pk>/split/", views.segment_split, name="segment_split"),
    path("segments/<int:pk>/history/", views.segment_history, name="segment_history"),
    path("segments/<int:pk>/restore/", views.segment_restore, name="segment_restore_mt"),
    path(
        "segments/<int:pk>/restore/<int:revision_pk>/",
        views.segment_restore,
        name="segment_restore",
    ),
    path("segments/<int:pk>/spans/", span_views.span_add, name="span_add"),
    path("segments/<int:pk>/spans/accept-all/", span_views.span_accept_all, name="span_accept_all"),
    path("spans/<int:pk>/label/", span_views.span_relabel, name="span_relabel"),
    path("spans/<int:pk>/delete/", span_views.span_delete, name="span_delete"),
    path("spans/<int:pk>/accept/", span_views.span_decide, {"accept": True}, name="span_accept"),
    path("spans/<int:pk>/reject/", span_views.span_decide, {"accept": False}, name="span_reject"),
    path(
        "documents/<int:pk>/preannotate/",
        span_views.preannotate_document,
        name="preannotate_document",
    ),
    path("corpora/<int:pk>/preannotate/", span_views.preannotate_corpus, name="preannotate_corpus"),
    path("jobs/<int:pk>/", span_views.job_progress, name="job_progress"),
    path("corpora/<int:pk>/labels/", label_views.label_list, name="label_list"),
    path("findings/<int:pk>/fix/", finding_views.finding_fix, name="finding_fix"),
    path("findings/<int:pk>/dismiss/", finding_views.finding_dismiss, name="finding_dismiss"),
    path("documents/<int:pk>/findings/", finding_views.document_findings, name="document_findings"),
    path("corpora/<int:pk>/findings/", finding_views.corpus_findings, name="corpus_findings"),
    path(
        "corpora/<int:pk>/labels/<int:label_pk>/delete/",
        label_views.label_delete,
        name="label_delete",
    ),
]
