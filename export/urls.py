from django.urls import path

from export import views

app_name = "export"
urlpatterns = [
    path("corpora/<int:pk>/", views.export_page, name="page"),
    path("corpora/<int:pk>/preview/", views.export_preview, name="preview"),
    path("corpora/<int:pk>/check/", views.export_check, name="check"),
    path("corpora/<int:pk>/download/", views.export_download, name="download"),
    path("corpora/<int:pk>/link/", views.export_link, name="link"),
]
