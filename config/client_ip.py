"""The client address django-axes counts failed logins by, when Redline runs behind its proxy."""

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    # The proxy appends the address it saw to X-Forwarded-For; earlier entries come from the
    # client and can be forged, so only the last one counts.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR")
