"""The webhook screens of a corpus, for its project admins: register, edit, disable and delete
endpoints, see the signing secret, read the delivery log, retry a failed delivery and send a test
event. The same fetch helpers and services as the API's webhook endpoints."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from api.forms import EndpointEditForm, EndpointForm
from api.models import WebhookDelivery, WebhookEndpoint
from api.services import webhooks
from api.views.webhooks import delivery_for, endpoint_for, webhook_corpus_for
from corpus.services import EditRefused

LOG_PAGE = 50
NEW_SECRET = "api_new_webhook_secret"


def endpoint_list(request, pk: int):
    corpus = webhook_corpus_for(request, pk)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = webhooks.register(corpus, request.user, **form.cleaned_data)
        except EditRefused as refused:
            form.add_error("url", str(refused))
        else:
            # Shown on the next page view only, never in a URL (as a new API token).
            request.session[NEW_SECRET] = endpoint.pk
            return redirect("api:webhook-page", endpoint.pk)
    endpoints = WebhookEndpoint.objects.filter(corpus=corpus).with_log_counts()
    context = {"corpus": corpus, "form": form, "endpoints": endpoints}
    context["allow_private"] = settings.REDLINE_WEBHOOK_ALLOW_PRIVATE
    return render(request, "api/webhooks.html", context, status=422 if form.errors else 200)


def endpoint_page(request, pk: int, *, form=None, show_secret=False):
    endpoint = endpoint_for(request, pk)
    if request.session.get(NEW_SECRET) == endpoint.pk:
        show_secret = request.session.pop(NEW_SECRET) is not None
    form = form or EndpointEditForm(
        initial={"url": endpoint.url, "events": endpoint.events, "active": endpoint.active}
    )
    log, older = _log_page(endpoint, request.GET)
    context = {"corpus": endpoint.corpus, "endpoint": endpoint, "form": form, "log": log}
    context |= {"older": older, "failed_only": request.GET.get("state") == "failed"}
    response = render(
        request,
        "api/webhook.html",
        {**context, "show_secret": show_secret},
        status=422 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"  # it may hold the secret
    return response


def _log_page(endpoint, query) -> tuple[list, int | None]:
    """Newest first, keyset-paged on the id (?before=ID), optionally failed ones only."""
    rows = WebhookDelivery.objects.filter(endpoint=endpoint)
    if query.get("state") == "failed":
        rows = rows.filter(state=WebhookDelivery.State.FAILED)
    before = query.get("before", "")
    if before.isdigit():
        rows = rows.filter(pk__lt=int(before))
    page = list(rows.order_by("-pk")[: LOG_PAGE + 1])
    return page[:LOG_PAGE], page[LOG_PAGE - 1].pk if len(page) > LOG_PAGE else None


@require_POST
def endpoint_edit(request, pk: int):
    endpoint = endpoint_for(request, pk)
    form = EndpointEditForm(request.POST)
    if form.is_valid():
        try:
            webhooks.update_endpoint(endpoint, **form.cleaned_data)
        except EditRefused as refused:
            form.add_error("url", str(refused))
        else:
            messages.success(request, gettext("Endpoint saved."))
            return redirect("api:webhook-page", endpoint.pk)
    endpoint.refresh_from_db()  # the page shows what is stored, beside the refused form
    return endpoint_page(request, pk, form=form)


@require_POST
def endpoint_delete(request, pk: int):
    endpoint = endpoint_for(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(
            request, gettext("Tick “Yes, delete it and its log” to delete the endpoint.")
        )
        return redirect("api:webhook-page", endpoint.pk)
    corpus_id, url = endpoint.corpus_id, endpoint.url
    webhooks.delete_endpoint(endpoint)
    messages.success(
        request, gettext("Endpoint %(url)s deleted, with its delivery log.") % {"url": url}
    )
    return redirect("api:webhooks-page", corpus_id)


@require_POST
def endpoint_secret(request, pk: int):
    return endpoint_page(request, pk, show_secret=True)


@require_POST
def endpoint_test(request, pk: int):
    endpoint = endpoint_for(request, pk)
    try:
        delivery = webhooks.send_test(endpoint)
    except EditRefused as refused:
        messages.error(request, str(refused))
    else:
        delivery.refresh_from_db()
        _outcome(request, delivery, "Test event")
    return redirect("api:webhook-page", endpoint.pk)


@require_POST
def delivery_retry(request, pk: int):
    delivery = delivery_for(request, pk)
    try:
        delivery = webhooks.retry(delivery)
    except EditRefused as refused:
        messages.error(request, str(refused))
    else:
        _outcome(request, delivery, "Retry")
    return redirect("api:webhook-page", delivery.endpoint_id)


def _outcome(request, delivery: WebhookDelivery, what: str) -> None:
    if delivery.state == WebhookDelivery.State.DELIVERED:
        messages.success(
            request,
            gettext("%(what)s delivered (HTTP %(delivery_last_status)s).")
            % {"what": what, "delivery_last_status": delivery.last_status},
        )
    elif delivery.state == WebhookDelivery.State.FAILED:
        messages.error(
            request,
            gettext("%(what)s failed: %(delivery_last_error)s")
            % {"what": what, "delivery_last_error": delivery.last_error},
        )
    else:
        messages.info(
            request,
            gettext(
                "%(what)s queued: the task worker sends it in a moment; reload to see the result."
            )
            % {"what": what},
        )
