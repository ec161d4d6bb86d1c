"""Corpora and their members, labels and jobs (read)."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from api.pagination import KeysetPagination
from api.serializers import CorpusSerializer, JobSerializer, LabelSerializer, MemberSerializer
from corpus.access import corpus_for
from corpus.models import Corpus, Job


def page_of(item, name: str):
    return inline_serializer(
        name=name,
        fields={"next": serializers.URLField(allow_null=True), "results": item(many=True)},
    )


@extend_schema(operation_id="corpora_list", responses=page_of(CorpusSerializer, "CorpusPage"))
@api_view(["GET"])
def corpus_list(request):
    pages = KeysetPagination()
    rows = pages.page(request, Corpus.objects.visible_to(request.user).with_progress())
    return pages.response(CorpusSerializer(rows, many=True).data)


@extend_schema(responses=CorpusSerializer)
@api_view(["GET"])
def corpus_detail(request, pk: int):
    corpus = corpus_for(request, pk)
    corpus.document_count = corpus.documents.count()
    return Response(CorpusSerializer(corpus).data)


@extend_schema(responses=MemberSerializer(many=True))
@api_view(["GET"])
def member_list(request, pk: int):
    corpus = corpus_for(request, pk)
    users = get_user_model().objects.filter(corpora=corpus).prefetch_related("groups")
    rows = [
        {"id": u.pk, "username": u.get_username(), "roles": sorted(g.name for g in u.groups.all())}
        for u in users.order_by("username")
    ]
    return Response(MemberSerializer(rows, many=True).data)


@extend_schema(responses=LabelSerializer(many=True))
@api_view(["GET"])
def label_list(request, pk: int):
    corpus = corpus_for(request, pk)
    return Response(LabelSerializer(corpus.labels.order_by("key"), many=True).data)


@extend_schema(responses=JobSerializer)
@api_view(["GET"])
def job_detail(request, pk: int):
    """A background job's progress (pre-annotation, replace-all): poll until state is done."""
    job = get_object_or_404(
        Job.objects.filter(corpus__in=Corpus.objects.visible_to(request.user)), pk=pk
    )
    return Response(JobSerializer(job).data)
