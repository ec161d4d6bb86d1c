from django.urls import path

from corpus import views

app_name = "corpus"
urlpatterns = [
    path("", views.corpus_list, name="corpus_list"),
    path("corpora/<int:pk>/", views.corpus_detail, name="corpus_detail"),
    path("corpora/<int:pk>/import/", views.import_files, name="import_files"),
    path("corpora/<int:pk>/imports/<int:batch_pk>/", views.import_progress, name="import_progress"),
    path("jobs/<int:pk>/", views.job_progress, name="job_progress"),
]
