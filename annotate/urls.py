from django.urls import path

from annotate import views

app_name = "annotate"
urlpatterns = [
    path("documents/<int:pk>/", views.document_review, name="document_review"),
    path("segments/<int:pk>/", views.segment_detail, name="segment_detail"),
    path("segments/<int:pk>/edit/", views.segment_edit, name="segment_edit"),
    path("segments/<int:pk>/approve/", views.segment_status, {"status": "approved"}, name="segment_approve"),
    path("segments/<int:pk>/reject/", views.segment_status, {"status": "rejected"}, name="segment_reject"),
    path("segments/<int:pk>/merge/", views.segment_merge, name="segment_merge"),
    path("segments/<int:pk>/split/", views.segment_split, name="segment_split"),
    path("segments/<int:pk>/history/", views.segment_history, name="segment_history"),
    path("segments/<int:pk>/restore/", views.segment_restore, name="segment_restore_mt"),
    path("segments/<int:pk>/restore/<int:revision_pk>/", views.segment_restore, name="segment_restore"),
]
