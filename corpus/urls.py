from django.urls import path

from corpus import language, team_views, views, work_views

app_name = "corpus"
urlpatterns = [
    path("language/", language.set_language, name="set_language"),
    path("", views.corpus_list, name="corpus_list"),
    path("corpora/<int:pk>/", views.corpus_detail, name="corpus_detail"),
    path("corpora/<int:pk>/import/", views.import_files, name="import_files"),
    path("corpora/<int:pk>/imports/<int:batch_pk>/", views.import_progress, name="import_progress"),
    path("jobs/<int:pk>/", views.job_progress, name="job_progress"),
    path("corpora/<int:pk>/settings/", team_views.corpus_settings, name="corpus_settings"),
    path(
        "corpora/<int:pk>/archive/",
        team_views.corpus_archive,
        {"archived": True},
        name="corpus_archive",
    ),
    path(
        "corpora/<int:pk>/unarchive/",
        team_views.corpus_archive,
        {"archived": False},
        name="corpus_unarchive",
    ),
    path("corpora/<int:pk>/assignments/", work_views.assignments, name="assignments"),
    path(
        "corpora/<int:pk>/assignments/<int:assignment_pk>/delete/",
        work_views.assignment_delete,
        name="assignment_delete",
    ),
    path("review-queue/", work_views.queue, name="review_queue"),
    path("corpora/<int:pk>/members/", team_views.member_add, name="member_add"),
    path(
        "corpora/<int:pk>/members/<int:user_pk>/roles/",
        team_views.member_roles,
        name="member_roles",
    ),
    path(
        "corpora/<int:pk>/members/<int:user_pk>/remove/",
        team_views.member_remove,
        name="member_remove",
    ),
]
