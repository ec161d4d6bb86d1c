"""What django-axes answers a locked-out client (AXES_LOCKOUT_CALLABLE): the lockout page, or,
for the API, the problem detail the API already made (api/auth.py), which axes' middleware would
otherwise replace with the HTML page."""

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render

PROBLEM = "application/problem+json"


def lockout_response(request, original_response=None, credentials=None):
    if original_response is not None and original_response.get("Content-Type", "").startswith(
        PROBLEM
    ):
        return original_response
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_timedelta": get_cool_off(request),
    }
    return render(
        request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
