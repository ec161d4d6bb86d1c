"""Per-user interface settings that follow a user from browser to browser: the language for now.

The choice is read from the database once, at login, into the session (a user_logged_in receiver:
a UI preference, not domain flow, so the "no signals" rule does not apply), and
corpus.language.UserLanguageMiddleware applies it from there: a page costs no extra query. The
receiver lives beside the model so it is connected whenever the models are loaded.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import models
from django.dispatch import receiver

SESSION_KEY = "redline_language"  # [user pk, language code or ""]


class UserPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference"
    )
    language = models.CharField(max_length=15, blank=True)  # a code from settings.LANGUAGES

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language or 'browser default'}"


def supported_language(code: str | None) -> str | None:
    return code if code in dict(settings.LANGUAGES) else None


def remember_language(request, user, code: str) -> None:
    request.session[SESSION_KEY] = [user.pk, code]


def session_language(request) -> str | None:
    """The signed-in user's saved language, if this session holds it (a login stores it)."""
    saved = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if saved and request.user.is_authenticated and saved[0] == request.user.pk:
        return supported_language(saved[1])
    return None


@receiver(user_logged_in, dispatch_uid="redline-user-language")
def load_language_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    code = UserPreference.objects.filter(user=user).values_list("language", flat=True).first()
    remember_language(request, user, supported_language(code) or "")
