"""Corpora and their members (read; project admins write, through corpus.services.corpora like
the settings screen), labels and jobs (read)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from annotate.services.labels import new_corpus
from api.access import require
from api.pagination import KeysetPagination
from api.serializers import (
    CorpusSerializer,
    CorpusWriteSerializer,
    JobSerializer,
    LabelSerializer,
    MemberAddSerializer,
    MemberRolesSerializer,
    MemberSerializer,
)
from corpus import roles
from corpus.access import corpus_for
from corpus.models import Corpus, Job
from corpus.services import corpora
from corpus.team_views import ADMINS_ONLY


def page_of(item, name: str):
    return inline_serializer(
        name=name,
        fields={"next": serializers.URLField(allow_null=True), "results": item(many=True)},
    )


def _shown(corpus: Corpus) -> dict:
    corpus.document_count = corpus.documents.count()
    return CorpusSerializer(corpus).data


def _valid(serializer_class, request, partial: bool = False) -> dict:
    form = serializer_class(data=request.data, partial=partial)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


@extend_schema(
    methods=["GET"],
    operation_id="corpora_list",
    responses=page_of(CorpusSerializer, "CorpusPage"),
    description="The corpora you are a member of, archived ones left out.",
)
@extend_schema(
    methods=["POST"],
    operation_id="corpora_create",
    request=CorpusWriteSerializer,
    responses={201: CorpusSerializer},
    description="Project admins: a new corpus with the default labels and you as its member.",
)
@api_view(["GET", "POST"])
def corpus_list(request):
    if request.method == "POST":
        require(roles.can_manage(request.user), gettext("Only project admins start corpora."))
        fields = _valid(CorpusWriteSerializer, request)
        fields.pop("archived", None)
        return Response(_shown(new_corpus(request.user, **fields)), status=201)
    pages = KeysetPagination()
    rows = pages.page(request, Corpus.objects.visible_to(request.user).active().with_progress())
    return pages.response(CorpusSerializer(rows, many=True).data)


@extend_schema(methods=["GET"], responses=CorpusSerializer)
@extend_schema(
    methods=["PATCH"],
    request=CorpusWriteSerializer,
    responses=CorpusSerializer,
    description="Project admins: rename, describe, set the options, archive or unarchive.",
)
@api_view(["GET", "PATCH"])
def corpus_detail(request, pk: int):
    corpus = corpus_for(request, pk)
    if request.method == "PATCH":
        require(roles.can_manage(request.user), ADMINS_ONLY)
        fields = _valid(CorpusWriteSerializer, request, partial=True)
        archived = fields.pop("archived", None)
        # Unarchive before a change and archive after one: an archived corpus refuses changes.
        if archived is False:
            corpus = corpora.unarchive(corpus, request.user)
        if fields:
            corpus = corpora.update(corpus, request.user, **fields)
        if archived:
            corpus = corpora.archive(corpus, request.user)
    return Response(_shown(corpus))


def _members(corpus: Corpus) -> list[dict]:
    return [
        {"id": u.pk, "username": u.get_username(), "roles": u.role_names}
        for u in corpora.members_of(corpus)
    ]


@extend_schema(methods=["GET"], responses=MemberSerializer(many=True))
@extend_schema(
    methods=["POST"],
    request=MemberAddSerializer,
    responses={201: MemberSerializer(many=True)},
    description="Project admins: add an existing user with roles; answers the members.",
)
@api_view(["GET", "POST"])
def member_list(request, pk: int):
    corpus = corpus_for(request, pk)
    if request.method == "POST":
        require(roles.can_manage(request.user), ADMINS_ONLY)
        data = _valid(MemberAddSerializer, request)
        corpora.add_member(corpus, request.user, data["username"], data["roles"])
        return Response(MemberSerializer(_members(corpus), many=True).data, status=201)
    return Response(MemberSerializer(_members(corpus), many=True).data)


@extend_schema(
    methods=["PATCH"],
    request=MemberRolesSerializer,
    responses=MemberSerializer(many=True),
    description="Project admins: set a member's (site-wide) roles; answers the members.",
)
@extend_schema(methods=["DELETE"], responses={204: None})
@api_view(["PATCH", "DELETE"])
def member_detail(request, pk: int, user_pk: int):
    corpus = corpus_for(request, pk)
    user = get_object_or_404(corpus.members.all(), pk=user_pk)
    require(roles.can_manage(request.user), ADMINS_ONLY)
    if request.method == "DELETE":
        corpora.remove_member(corpus, request.user, user)
        return Response(status=204)
    data = _valid(MemberRolesSerializer, request)
    corpora.change_roles(corpus, request.user, user, data["roles"])
    return Response(MemberSerializer(_members(corpus), many=True).data)


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
