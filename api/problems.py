"""Errors as RFC 9457 problem details (application/problem+json), with a message a person can act
on. The services' own refusals (EditRefused, EditConflict) become 422 and 409 here, so the views
call a service and let its message through unchanged, as the screens do."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from corpus.services import EditConflict, EditRefused

PROBLEM = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    415: "Unsupported media type",
    422: "Refused",
    429: "Too many requests",
}
NOT_FOUND = gettext_lazy(
    "There is no such object, or it belongs to a corpus you are not a member of. Check the id, or ask a project admin to add you to the corpus."
)


def problem(status_code: int, detail: str, request=None, **extra) -> Response:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        **extra,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    return Response(body, status=status_code, content_type=PROBLEM)


def conflict(request, current, mine: str | None = None) -> Response:
    """A stale version: nothing was written; both texts, so the client can merge and retry."""
    return problem(
        409,
        gettext(
            "Someone changed this segment since you read it; nothing was saved. Merge your text with the current one and send it again with version %(current_version)s."
        )
        % {"current_version": current.version},
        request,
        current={"text": current.text, "version": current.version, "status": current.status},
        yours=mine,
    )


def problem_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, EditConflict):
        return conflict(request, exc.current, getattr(request, "data", {}).get("text"))
    if isinstance(exc, EditRefused):
        return problem(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc), request)
    if isinstance(exc, Http404):
        return problem(404, NOT_FOUND, request)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    extra = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = "The request is incomplete or malformed; see “errors” for each field."
        extra["errors"] = data
    else:
        detail = str(data.get("detail", data)) if isinstance(data, dict) else str(data)
    result = problem(response.status_code, detail, request, **extra)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
