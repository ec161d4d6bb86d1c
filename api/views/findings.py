"""Findings: list a document's open findings; fix (an edit like any other) or dismiss."""

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from annotate.access import finding_for
from annotate.models import Finding
from annotate.services import findings, recheck
from annotate.services.edits import apply_fix
from annotate.services.findings import dismiss
from annotate.views.common import refreshed
from api.access import require
from api.pagination import KeysetPagination
from api.serializers import (
    DismissSerializer,
    FindingSerializer,
    SegmentSerializer,
    VersionSerializer,
)
from api.views.corpora import page_of
from corpus import roles
from corpus.access import document_for

CHECK = OpenApiParameter("check", str, description="Only findings of this check id.")
CURSOR = OpenApiParameter("cursor", str, description="From the previous page's next.")


@extend_schema(parameters=[CHECK, CURSOR], responses=page_of(FindingSerializer, "FindingPage"))
@api_view(["GET"])
def document_findings(request, pk: int):
    document = document_for(request, pk)
    recheck.ensure_glossary_checked(document.corpus)  # findings follow glossary changes here too
    findings.ensure_checked(document)
    rows = Finding.objects.filter(document=document, dismissed=False)
    if request.query_params.get("check"):
        rows = rows.filter(check_id=request.query_params["check"][:40])
    pages = KeysetPagination()
    return pages.response(FindingSerializer(pages.page(request, rows), many=True).data)


@extend_schema(request=VersionSerializer, responses=SegmentSerializer)
@api_view(["POST"])
def finding_fix(request, pk: int):
    """Apply the finding's fix to the segment (send the segment's version)."""
    finding = finding_for(request, pk)
    require(roles.can_edit(request.user), gettext("Only translators and reviewers apply fixes."))
    form = VersionSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    change = apply_fix(finding, form.validated_data["version"], request.user)
    return Response(SegmentSerializer(refreshed(change.segment)).data)


@extend_schema(request=DismissSerializer, responses={204: None})
@api_view(["POST"])
def finding_dismiss(request, pk: int):
    """“This is fine”: holds while the same characters are flagged by the same check."""
    finding = finding_for(request, pk)
    require(
        roles.can_edit(request.user), gettext("Only translators and reviewers dismiss findings.")
    )
    form = DismissSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    dismiss(finding, request.user, form.validated_data["reason"])
    return Response(status=204)
