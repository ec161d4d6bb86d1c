from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The scripts' strings (domain djangojs): a script file, so the CSP's script-src 'self' allows
    # it. The login page needs it too. base.html puts the language in the address, so the browser
    # keeps one copy per language for an hour instead of fetching it with every page.
    path(
        "i18n/catalogue.js",
        login_not_required(cache_control(private=True, max_age=3600)(JavaScriptCatalog.as_view())),
        name="javascript_catalogue",
    ),
    path("", include("corpus.urls")),
    path("", include("annotate.urls")),
    path("glossary/", include("glossary.urls")),
    path("export/", include("export.urls")),
    path("api/", include("api.urls")),
]
