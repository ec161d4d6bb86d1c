"""The interface language switcher and the middleware that applies a signed-in user's choice.

LocaleMiddleware picks the language from the cookie or Accept-Language (all an anonymous visitor
has); UserLanguageMiddleware, after authentication, overrides it with the user's saved choice,
which the session holds since login (corpus/preferences.py).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corpus.preferences import (
    UserPreference,
    remember_language,
    session_language,
    supported_language,
)


class UserLanguageMiddleware:
    """Put after AuthenticationMiddleware and LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = session_language(request)
        if code:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        return self.get_response(request)


def _back(request) -> str:
    target = request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_not_required  # the login page has the switcher too; an anonymous choice lives in the cookie
@require_POST
def set_language(request):
    asked = request.POST.get("language", "")
    code = supported_language(asked)
    response = HttpResponseRedirect(_back(request))
    if code is None:
        offered = ", ".join(code for code, _name in settings.LANGUAGES)
        message = _("“%(language)s” is not a language of this site; choose one of %(offered)s.")
        messages.error(request, message % {"language": asked, "offered": offered})
        return response
    if request.user.is_authenticated:
        UserPreference.objects.update_or_create(user=request.user, defaults={"language": code})
        remember_language(request, request.user, code)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
