"""Creating, checking and revoking personal API tokens.

A token reads ``rl_<prefix>_<secret>``: the prefix is stored in clear to find the row, the secret
only as its sha256 (a random 256-bit secret needs no slow hash: there is nothing to guess).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from api.models import ApiToken
from corpus.services import EditRefused

TOKEN_START = "rl_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def create_token(user, name: str, scope: str) -> tuple[ApiToken, str]:
    """The new token and its full text, which is shown once and then exists only as a digest."""
    name = " ".join(name.split())
    if not name:
        raise EditRefused(gettext("Give the token a name, e.g. the pipeline that will use it."))
    if scope not in ApiToken.Scope.values:
        raise EditRefused(
            gettext("“%(scope)s” is not a token scope (read or write).") % {"scope": scope}
        )
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], scope=scope, prefix=prefix, digest=_digest(secret)
    )
    return token, f"{TOKEN_START}{prefix}_{secret}"


def revoke_token(token: ApiToken) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def _parts(text: str) -> tuple[str, str]:
    """(prefix, secret) of a token's text; empty strings where it is malformed."""
    if not text.startswith(TOKEN_START):
        return "", ""
    prefix, _, secret = text[len(TOKEN_START) :].partition("_")
    return prefix, secret


def attempt_name(text: str) -> str:
    """The name django-axes counts a failed token attempt under, as it counts a login's user
    name: the token's prefix (never its secret), so guessing one token's secret from many
    addresses is limited as guessing one user's password is."""
    prefix = _parts(text)[0][:20]
    return f"API token {TOKEN_START}{prefix}…" if prefix else "API token (malformed)"


def token_for(text: str) -> ApiToken | None:
    """The active token this text proves, or None (unknown, malformed, wrong secret, revoked)."""
    prefix, secret = _parts(text)
    if not prefix or not secret:
        return None
    token = ApiToken.objects.active().select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    # One write a minute at most: a busy pipeline should not turn every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
