"""Assignments (project admins assign and unassign, as on the assignments screen), a person's
work and a reviewer's queue: the same services as the screens (corpus.services.assignments)."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from api.access import require
from api.pagination import KeysetPagination
from api.serializers import (
    AssignmentSerializer,
    AssignmentWriteSerializer,
    QueueSegmentSerializer,
    WorkSerializer,
)
from api.views.corpora import _valid, page_of
from corpus import roles
from corpus.access import corpus_for
from corpus.assignments import Assignment
from corpus.models import Corpus
from corpus.services import EditRefused
from corpus.services.assignments import assign, my_work, queue_segments, unassign
from corpus.team_views import ADMINS_ONLY
from corpus.work_views import QUEUE_REFUSED


def _user(name: str | None, role: str):
    if not name:
        return None
    user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: name}).first()
    if user is None:
        raise EditRefused(
            gettext("There is no user “%(name)s” to be the %(role)s.")
            % {"name": name, "role": role}
        )
    return user


def _assign(request, corpus: Corpus) -> Response:
    require(roles.can_manage(request.user), ADMINS_ONLY)
    data = _valid(AssignmentWriteSerializer, request)
    document = corpus.documents.filter(pk=data.pop("document")).first()
    if document is None:
        raise EditRefused(
            gettext("Corpus “%(corpus)s” has no such document.") % {"corpus": corpus.name}
        )
    made = assign(
        document,
        request.user,
        translator=_user(data.pop("translator", None), gettext("translator")),
        reviewer=_user(data.pop("reviewer", None), gettext("reviewer")),
        **data,
    )
    return Response(AssignmentSerializer(made).data, status=201)


@extend_schema(methods=["GET"], responses=page_of(AssignmentSerializer, "AssignmentPage"))
@extend_schema(
    methods=["POST"],
    request=AssignmentWriteSerializer,
    responses={201: AssignmentSerializer},
    description="Project admins: assign a document, or a range of its segments, to a translator "
    "and/or a reviewer (members with those roles), with an optional due date. It grants nothing.",
)
@api_view(["GET", "POST"])
def assignment_list(request, pk: int):
    corpus = corpus_for(request, pk)
    if request.method == "POST":
        return _assign(request, corpus)
    pages = KeysetPagination()
    rows = pages.page(request, Assignment.objects.filter(document__corpus=corpus).listed())
    return pages.response(AssignmentSerializer(rows, many=True).data)


@extend_schema(methods=["GET"], responses=AssignmentSerializer)
@extend_schema(methods=["DELETE"], responses={204: None}, description="Project admins.")
@api_view(["GET", "DELETE"])
def assignment_detail(request, pk: int):
    assignment = get_object_or_404(Assignment.objects.listed(), pk=pk)
    corpus_for(request, assignment.document.corpus_id)  # 404 outside your corpora
    if request.method == "DELETE":
        require(roles.can_manage(request.user), ADMINS_ONLY)
        unassign(assignment, request.user)
        return Response(status=204)
    return Response(AssignmentSerializer(assignment).data)


@extend_schema(
    responses=WorkSerializer(many=True),
    description="What is assigned to you (as translator or reviewer) in corpora in use, by due "
    "date, with the document's progress counters: the home page's “My work”.",
)
@api_view(["GET"])
def work(request):
    return Response(WorkSerializer(my_work(request.user), many=True).data)


@extend_schema(
    responses=page_of(QueueSegmentSerializer, "QueuePage"),
    description="Reviewers: edited segments someone else wrote, not yet approved or rejected, "
    "in (document, position) order: the review queue screen.",
)
@api_view(["GET"])
def review_queue(request):
    require(roles.can_review(request.user), QUEUE_REFUSED)
    pages = KeysetPagination(keys=("document_id", "position"))
    rows = pages.page(request, queue_segments(request.user))
    return pages.response(QueueSegmentSerializer(rows, many=True).data)
