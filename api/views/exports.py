"""Exports: the export page's selection in, the same streamed ZIP (data plus its report) out."""

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError

from export.forms import FORMATS, ExportForm
from export.views import corpus_for_export, streamed_download

MANY = gettext_lazy("Repeat the parameter for several values; none means all.")
PARAMETERS = [
    OpenApiParameter("format", str, enum=[e.id for e in FORMATS], required=True),
    OpenApiParameter("documents", int, many=True, description=MANY),
    OpenApiParameter("statuses", str, many=True, description=MANY + " approved is usual."),
    OpenApiParameter("labels", str, many=True, description=MANY),
    OpenApiParameter("span_states", str, many=True, description="Default: accepted."),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Updated on or after."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Updated on or before."),
    OpenApiParameter("glossary", bool, description="Add glossary.tbx and glossary.csv."),
]


@extend_schema(
    parameters=PARAMETERS,
    responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/zip")},
)
@api_view(["GET"])
def export_download(request, pk: int):
    """Stream an export as the export page does: a ZIP whose last members are
    export-report.txt and export-report.json. Project admins (and reviewers when allowed).
    Once it has gone out whole, it is a finished export job and the export.ready webhook fires."""
    corpus = corpus_for_export(request, pk)
    form = ExportForm(request.query_params, corpus=corpus)
    if not form.is_valid():
        raise ValidationError(form.errors)
    return streamed_download(request._request, corpus, form)
