"""Webhook endpoints of a corpus and their delivery log: project admins only (an endpoint's
secret signs what it receives)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from api.access import require
from api.models import WebhookDelivery, WebhookEndpoint
from api.pagination import KeysetPagination
from api.services.webhooks import delete_endpoint, register, retry, send_test, update_endpoint
from api.views.corpora import page_of
from corpus import roles
from corpus.access import corpus_for
from corpus.models import Corpus

ADMINS_ONLY = gettext_lazy("Only project admins manage webhooks.")


class EndpointSerializer(serializers.ModelSerializer):
    # A plain string: the service's check_target is the one URL rule (same words as the screen).
    url = serializers.CharField(max_length=500)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEndpoint.Event.choices)
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "corpus", "url", "events", "secret", "active", "created_at"]
        read_only_fields = ["corpus", "secret", "active", "created_at"]


class EndpointChangeSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=500, required=False)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEndpoint.Event.choices), required=False
    )
    active = serializers.BooleanField(required=False)


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = ["id", "event", "message_id", "payload", "state", "attempts", "last_status"]
        fields += ["last_error", "created_at", "delivered_at"]


def endpoint_for(request, pk: int) -> WebhookEndpoint:
    """The endpoint if its corpus is visible (404 otherwise) and the caller a project admin (403);
    the webhook screens use it too."""
    visible = Corpus.objects.visible_to(request.user)
    endpoint = get_object_or_404(WebhookEndpoint.objects.filter(corpus__in=visible), pk=pk)
    require(roles.can_manage(request.user), ADMINS_ONLY)
    return endpoint


def delivery_for(request, pk: int) -> WebhookDelivery:
    visible = Corpus.objects.visible_to(request.user)
    rows = WebhookDelivery.objects.filter(endpoint__corpus__in=visible).select_related("endpoint")
    delivery = get_object_or_404(rows, pk=pk)
    require(roles.can_manage(request.user), ADMINS_ONLY)
    return delivery


def webhook_corpus_for(request, pk: int) -> Corpus:
    corpus = corpus_for(request, pk)
    require(roles.can_manage(request.user), ADMINS_ONLY)
    return corpus


@extend_schema(methods=["GET"], responses=EndpointSerializer(many=True))
@extend_schema(methods=["POST"], request=EndpointSerializer, responses={201: EndpointSerializer})
@api_view(["GET", "POST"])
def endpoint_list(request, pk: int):
    corpus = webhook_corpus_for(request, pk)
    if request.method == "GET":
        endpoints = WebhookEndpoint.objects.filter(corpus=corpus)
        return Response(EndpointSerializer(endpoints, many=True).data)
    form = EndpointSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    endpoint = register(corpus, request.user, data["url"], data["events"])
    return Response(EndpointSerializer(endpoint).data, status=201)


@extend_schema(methods=["GET"], responses=EndpointSerializer)
@extend_schema(methods=["PATCH"], request=EndpointChangeSerializer, responses=EndpointSerializer)
@extend_schema(methods=["DELETE"], responses={204: None})
@api_view(["GET", "PATCH", "DELETE"])
def endpoint_detail(request, pk: int):
    """PATCH changes the URL, the events, or ``active`` (false: nothing more is sent to it)."""
    endpoint = endpoint_for(request, pk)
    if request.method == "DELETE":
        delete_endpoint(endpoint)
        return Response(status=204)
    if request.method == "PATCH":
        form = EndpointChangeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        update_endpoint(endpoint, **form.validated_data)
    return Response(EndpointSerializer(endpoint).data)


@extend_schema(request=None, responses={202: DeliverySerializer})
@api_view(["POST"])
def endpoint_test(request, pk: int):
    """Send a signed test event now; its delivery shows in the log."""
    delivery = send_test(endpoint_for(request, pk))
    delivery.refresh_from_db()
    return Response(DeliverySerializer(delivery).data, status=202)


@extend_schema(responses=page_of(DeliverySerializer, "DeliveryPage"))
@api_view(["GET"])
def delivery_list(request, pk: int):
    endpoint = endpoint_for(request, pk)
    pages = KeysetPagination()
    rows = pages.page(request, WebhookDelivery.objects.filter(endpoint=endpoint))
    return pages.response(DeliverySerializer(rows, many=True).data)


@extend_schema(request=None, responses={202: DeliverySerializer})
@api_view(["POST"])
def delivery_retry(request, pk: int):
    """Retry a failed delivery now: one more attempt, signed afresh."""
    delivery = retry(delivery_for(request, pk))
    return Response(DeliverySerializer(delivery).data, status=202)
