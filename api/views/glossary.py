"""A corpus's glossary: concepts (its own and the all-corpora ones), written by glossary admins
through glossary.services; CSV and TBX in and out."""

from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, parser_classes
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from api.pagination import KeysetPagination
from api.serializers import (
    ConceptSerializer,
    ConceptWriteSerializer,
    GlossaryImportResultSerializer,
    GlossaryImportSerializer,
)
from api.views.corpora import page_of
from corpus.access import corpus_for
from glossary.access import require_glossary_admin, term_for
from glossary.forms import ImportForm
from glossary.models import GlossaryTerm, TermVariant
from glossary.services.concepts import create_term, update_term
from glossary.services.files import export_csv, export_tbx, import_file

STATUS = OpenApiParameter("status", str, enum=GlossaryTerm.Status.values)
FORMAT = OpenApiParameter("format", str, enum=["csv", "tbx"], required=True)
CURSOR = OpenApiParameter("cursor", str, description="From the previous page's next.")


def _concepts(corpus):
    return GlossaryTerm.objects.in_scope(corpus).prefetch_related(
        Prefetch("variants", TermVariant.objects.order_by("kind", "id"))
    )


def _write_fields(data: dict) -> dict:
    return {name: value for name, value in data.items() if name != "scope"}


@extend_schema(
    methods=["GET"],
    operation_id="glossary_concepts_list",
    parameters=[STATUS, CURSOR],
    responses=page_of(ConceptSerializer, "ConceptPage"),
)
@extend_schema(methods=["POST"], request=ConceptWriteSerializer, responses={201: ConceptSerializer})
@api_view(["GET", "POST"])
def concept_list(request, pk: int):
    corpus = corpus_for(request, pk)
    if request.method == "POST":
        require_glossary_admin(request)
        form = ConceptWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        scope = corpus if form.validated_data["scope"] == "corpus" else None
        term = create_term(request.user, corpus=scope, **_write_fields(form.validated_data))
        return Response(ConceptSerializer(_concepts(corpus).get(pk=term.pk)).data, status=201)
    concepts = _concepts(corpus)
    if request.query_params.get("status") in GlossaryTerm.Status.values:
        concepts = concepts.filter(status=request.query_params["status"])
    pages = KeysetPagination()
    return pages.response(ConceptSerializer(pages.page(request, concepts), many=True).data)


@extend_schema(methods=["GET"], responses=ConceptSerializer)
@extend_schema(methods=["PATCH"], request=ConceptWriteSerializer, responses=ConceptSerializer)
@api_view(["GET", "PATCH"])
def concept_detail(request, pk: int, term_pk: int):
    corpus = corpus_for(request, pk)
    term = term_for(corpus, term_pk)
    if request.method == "PATCH":
        require_glossary_admin(request)
        form = ConceptWriteSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        update_term(term, request.user, **_write_fields(form.validated_data))
    return Response(ConceptSerializer(_concepts(corpus).get(pk=term.pk)).data)


@extend_schema(
    parameters=[FORMAT],
    responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="CSV or TBX")},
)
@api_view(["GET"])
def glossary_file(request, pk: int):
    corpus = corpus_for(request, pk)
    if request.query_params.get("format") == "tbx":
        response = HttpResponse(export_tbx(corpus), content_type="application/x-tbx+xml")
    elif request.query_params.get("format") == "csv":
        response = HttpResponse(export_csv(corpus), content_type="text/csv; charset=utf-8")
    else:
        raise ValidationError({"format": ["Ask for format=csv or format=tbx."]})
    name = f"glossary-{corpus.pk}.{request.query_params['format']}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@extend_schema(
    request={"multipart/form-data": GlossaryImportSerializer},
    responses=GlossaryImportResultSerializer,
)
@api_view(["POST"])
@parser_classes([MultiPartParser])
def glossary_import(request, pk: int):
    """All or nothing, as on the glossary page: a concept whose preferred term exists is updated."""
    corpus = corpus_for(request, pk)
    require_glossary_admin(request)
    form = ImportForm(request.POST, request.FILES)  # the glossary page's own checks
    if not form.is_valid():
        raise ValidationError(form.errors)
    upload = form.cleaned_data["file"]
    scope = corpus if form.cleaned_data["scope"] == "corpus" else None
    result = import_file(scope, upload.read(), upload.glossary_format, request.user)
    return Response(GlossaryImportResultSerializer(result).data)
