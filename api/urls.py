"""/api/: the schema and its reference (public: they describe, they hold no data), version 1 of
the endpoints (a token or a session; each view checks roles as its screen does), and the tokens
page (a screen, behind the login like the others)."""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.views import (
    assignments,
    corpora,
    documents,
    exports,
    findings,
    glossary,
    segments,
    spans,
    tokens,
    webhook_screens,
    webhooks,
)

app_name = "api"


def endpoint(route: str, view, name: str):
    # Token requests carry no session: DRF answers 401 itself, the login redirect must not.
    return path(route, login_not_required(view), name=name)


v1 = [
    ("corpora/", corpora.corpus_list, "corpus-list"),
    ("corpora/<int:pk>/", corpora.corpus_detail, "corpus-detail"),
    ("corpora/<int:pk>/members/", corpora.member_list, "member-list"),
    ("corpora/<int:pk>/members/<int:user_pk>/", corpora.member_detail, "member-detail"),
    ("corpora/<int:pk>/labels/", corpora.label_list, "label-list"),
    ("corpora/<int:pk>/documents/", documents.document_list, "document-list"),
    ("corpora/<int:pk>/segments/", segments.corpus_segments, "corpus-segments"),
    ("corpora/<int:pk>/glossary/", glossary.concept_list, "concept-list"),
    ("corpora/<int:pk>/glossary/<int:term_pk>/", glossary.concept_detail, "concept-detail"),
    ("corpora/<int:pk>/glossary/file/", glossary.glossary_file, "glossary-file"),
    ("corpora/<int:pk>/glossary/import/", glossary.glossary_import, "glossary-import"),
    ("corpora/<int:pk>/export/", exports.export_download, "export"),
    ("imports/<int:pk>/", documents.import_detail, "import-detail"),
    ("documents/<int:pk>/", documents.document_detail, "document-detail"),
    ("documents/<int:pk>/raw/", documents.document_raw, "document-raw"),
    ("documents/<int:pk>/text/", documents.document_text, "document-text"),
    ("documents/<int:pk>/segments/", segments.document_segments, "document-segments"),
    ("documents/<int:pk>/findings/", findings.document_findings, "document-findings"),
    ("segments/<int:pk>/", segments.segment_detail, "segment-detail"),
    ("segments/<int:pk>/approve/", segments.segment_approve, "segment-approve"),
    ("segments/<int:pk>/reject/", segments.segment_reject, "segment-reject"),
    ("segments/<int:pk>/spans/", spans.segment_spans, "segment-spans"),
    ("spans/<int:pk>/", spans.span_detail, "span-detail"),
    ("spans/<int:pk>/accept/", spans.span_accept, "span-accept"),
    ("spans/<int:pk>/reject/", spans.span_reject, "span-reject"),
    ("findings/<int:pk>/fix/", findings.finding_fix, "finding-fix"),
    ("findings/<int:pk>/dismiss/", findings.finding_dismiss, "finding-dismiss"),
    ("jobs/<int:pk>/", corpora.job_detail, "job-detail"),
    ("corpora/<int:pk>/assignments/", assignments.assignment_list, "assignment-list"),
    ("assignments/<int:pk>/", assignments.assignment_detail, "assignment-detail"),
    ("me/work/", assignments.work, "my-work"),
    ("me/review-queue/", assignments.review_queue, "review-queue"),
    ("corpora/<int:pk>/webhooks/", webhooks.endpoint_list, "webhook-list"),
    ("webhooks/<int:pk>/", webhooks.endpoint_detail, "webhook-detail"),
    ("webhooks/<int:pk>/test/", webhooks.endpoint_test, "webhook-test"),
    ("webhooks/<int:pk>/deliveries/", webhooks.delivery_list, "webhook-deliveries"),
    ("deliveries/<int:pk>/retry/", webhooks.delivery_retry, "delivery-retry"),
]

urlpatterns = [
    endpoint("schema/", SpectacularAPIView.as_view(api_version="1"), "schema"),
    # Swagger UI sets style attributes from its script (no inline script: the split view serves
    # its initialiser as a file); only this page's styles may be inline.
    endpoint(
        "docs/",
        csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        "docs",
    ),
    *(endpoint(f"v1/{route}", view, name) for route, view, name in v1),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
    # The webhook screens (project admins of the corpus), beside the API endpoints they mirror.
    path("corpora/<int:pk>/webhooks/", webhook_screens.endpoint_list, name="webhooks-page"),
    path("webhooks/<int:pk>/", webhook_screens.endpoint_page, name="webhook-page"),
    path("webhooks/<int:pk>/edit/", webhook_screens.endpoint_edit, name="webhook-edit"),
    path("webhooks/<int:pk>/delete/", webhook_screens.endpoint_delete, name="webhook-delete"),
    path("webhooks/<int:pk>/secret/", webhook_screens.endpoint_secret, name="webhook-secret"),
    path("webhooks/<int:pk>/test/", webhook_screens.endpoint_test, name="webhook-send-test"),
    path("deliveries/<int:pk>/retry/", webhook_screens.delivery_retry, name="delivery-retry-page"),
]
