"""Documents: list, upload (the corpus page's importers and refusals), progress, raw and current
text; import batches."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from api.access import require
from api.pagination import KeysetPagination
from api.problems import problem
from api.serializers import (
    DocumentSerializer,
    ImportBatchSerializer,
    UploadResultSerializer,
    UploadSerializer,
)
from api.views.corpora import page_of
from corpus import roles
from corpus.access import corpus_for
from corpus.models import Corpus, Document, ImportBatch, ImportItem
from corpus.services.imports import parse_files, stage_import

TEXT = OpenApiResponse(OpenApiTypes.STR, description="text/plain; charset=utf-8")


@extend_schema(methods=["GET"], responses=page_of(DocumentSerializer, "DocumentPage"))
@extend_schema(
    methods=["POST"],
    request={"multipart/form-data": UploadSerializer},
    responses={202: UploadResultSerializer},
    description="Import files as the corpus page does (project admins). Poll the batch.",
)
@api_view(["GET", "POST"])
@parser_classes([MultiPartParser])
def document_list(request, pk: int):
    corpus = corpus_for(request, pk)
    if request.method == "POST":
        return _upload(request, corpus)
    pages = KeysetPagination()
    rows = pages.page(request, corpus.documents)
    return pages.response(DocumentSerializer(rows, many=True).data)


def _upload(request, corpus: Corpus):
    require(roles.can_manage(request.user), gettext("Only project admins import documents."))
    form = UploadSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    uploads = [(f.name, f.read()) for f in form.validated_data["files"]]
    texts, refusals = parse_files(corpus, uploads)
    if not texts:
        return problem(
            422, "Nothing was imported: " + " ".join(refusals), request, refusals=refusals
        )
    batch = stage_import(corpus, request.user, texts)
    batch = _batches(request).get(pk=batch.pk)
    body = {"batch": ImportBatchSerializer(batch).data, "refusals": refusals}
    return Response(body, status=202)


def _batches(request):
    items = Prefetch("items", queryset=ImportItem.objects.defer("text", "staged_units"))
    visible = Corpus.objects.visible_to(request.user)
    return ImportBatch.objects.filter(corpus__in=visible).prefetch_related(items)


@extend_schema(responses=ImportBatchSerializer)
@api_view(["GET"])
def import_detail(request, pk: int):
    """An upload's progress: state becomes done when every file is imported or refused."""
    return Response(ImportBatchSerializer(get_object_or_404(_batches(request), pk=pk)).data)


def _document(request, pk: int) -> Document:
    visible = Document.objects.visible_to(request.user)
    return get_object_or_404(visible, pk=pk)


@extend_schema(responses=DocumentSerializer)
@api_view(["GET"])
def document_detail(request, pk: int):
    return Response(DocumentSerializer(_document(request, pk)).data)


@extend_schema(responses={200: TEXT})
@api_view(["GET"])
def document_raw(request, pk: int):
    """The file as imported (decoded), never changed."""
    return HttpResponse(_document(request, pk).raw_text, content_type="text/plain; charset=utf-8")


@extend_schema(responses={200: TEXT})
@api_view(["GET"])
def document_text(request, pk: int):
    """The current text: every segment's text with the whitespace that followed it."""
    text = _document(request, pk).current_text()
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
