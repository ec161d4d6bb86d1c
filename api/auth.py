"""Bearer-token authentication and the read-only scope; browser sessions work as well."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from api.services.tokens import token_for

HINT = "Send “Authorization: Bearer rl_…” with a token from your API tokens page."


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(f"Malformed Authorization header. {HINT}")
        token = token_for(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(
                "This token is unknown or was revoked. Create a new one on your API tokens page."
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
            raise exceptions.NotAuthenticated(f"Sign in first. {HINT}")
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
