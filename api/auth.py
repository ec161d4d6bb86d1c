"""Bearer-token authentication and the read-only scope; browser sessions work as well.

A wrong, unknown or revoked token is a failed sign-in like a wrong password: it is recorded by
django-axes (the ``user_login_failed`` signal, with the request) and an address (or a token
prefix) over the limit is locked out of the API and the login page alike, the right token
included, for the same cool-off; an admin unlocks it the same way (Access attempts, axes_reset_ip).
"""

from __future__ import annotations

from axes.conf import settings as axes_settings
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from api.services.tokens import attempt_name, token_for

HINT = gettext_lazy("Send “Authorization: Bearer rl_…” with a token from your API tokens page.")


class LockedOut(exceptions.APIException):
    """429 with Retry-After (DRF sets it from ``wait``); a problem detail like every refusal."""

    status_code = 429

    def __init__(self, request):
        cool_off = get_cool_off(request)
        self.wait = int(cool_off.total_seconds()) if cool_off else None
        lasting = f"for {self.wait // 60} minutes" if self.wait else "until an admin unlocks it"
        super().__init__(
            "Too many failed sign-ins from this address (wrong passwords, or unknown or revoked "
            f"API tokens): the API and the login are locked here {lasting}, the right token "
            "included. Check the token your client sends, then try again after that, or ask an "
            "administrator to unlock this address (Django admin › Axes › Access attempts)."
        )


def _failed(request, credentials: dict) -> None:
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                gettext("Malformed Authorization header. %(hint)s") % {"hint": HINT}
            )
        # axes keeps its state on Django's request, which its middleware reads afterwards.
        http, credentials = request._request, {"username": attempt_name(header[1])}
        if axes_settings.AXES_ENABLED and not AxesProxyHandler.is_allowed(http, credentials):
            _failed(http, credentials)  # as a login while locked: counted, the lock goes on
            raise LockedOut(http)
        token = token_for(header[1])
        if token is None:
            _failed(http, credentials)
            if getattr(http, "axes_locked_out", False):
                raise LockedOut(http)
            raise exceptions.AuthenticationFailed(
                gettext(
                    "This token is unknown or was revoked. Create a new one on your API tokens page."
                )
            )
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class TokenScope(permissions.BasePermission):
    """Signed in, and a read token only reads. Roles and membership are checked by each view,
    with the same helpers as the screens."""

    message = "This token is read-only; create a read-and-write token to change data."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated(gettext("Sign in first. %(hint)s") % {"hint": HINT})
        token = request.auth
        if token is None or request.method in permissions.SAFE_METHODS:
            return True
        return token.can_write


class TokenScheme(OpenApiAuthenticationExtension):
    """Describes the bearer token in the schema (drf-spectacular registers it on definition)."""

    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": HINT}
