from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The scripts' strings (domain djangojs): a script file, so the CSP's script-src 'self' allows it.
    path(
        "i18n/catalogue.js",
        login_not_required(JavaScriptCatalog.as_view()),  # the login page needs it too
        name="javascript_catalogue",
    ),
    path("", include("corpus.urls")),
    path("", include("annotate.urls")),
    path("glossary/", include("glossary.urls")),
    path("export/", include("export.urls")),
    path("api/", include("api.urls")),
]
