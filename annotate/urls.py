from django.urls import path

from annotate.views import (
    corpora,
    findings,
    house_style,
    labels,
    linking,
    replace,
    review,
    segments,
    spans,
)

app_name = "annotate"
urlpatterns = [
    path("corpora/new/", corpora.corpus_new, name="corpus_new"),
    path("documents/<int:pk>/", review.document_review, name="document_review"),
    path("segments/<int:pk>/", segments.segment_detail, name="segment_detail"),
    path("segments/<int:pk>/edit/", segments.segment_edit, name="segment_edit"),
    path(
        "segments/<int:pk>/approve/",
        segments.segment_status,
        {"status": "approved"},
        name="segment_approve",
    ),
    path(
        "segments/<int:pk>/reject/",
        segments.segment_status,
        {"status": "rejected"},
        name="segment_reject",
    ),
    path("segments/<int:pk>/merge/", segments.segment_merge, name="segment_merge"),
    path("segments/<int:pk>/split/", segments.segment_split, name="segment_split"),
    path("segments/<int:pk>/history/", segments.segment_history, name="segment_history"),
    path("segments/<int:pk>/restore/", segments.segment_restore, name="segment_restore_mt"),
    path(
        "segments/<int:pk>/restore/<int:revision_pk>/",
        segments.segment_restore,
        name="segment_restore",
    ),
    path("segments/<int:pk>/spans/", spans.span_add, name="span_add"),
    path("segments/<int:pk>/spans/accept-all/", spans.span_accept_all, name="span_accept_all"),
    path("spans/<int:pk>/label/", spans.span_relabel, name="span_relabel"),
    path("spans/<int:pk>/delete/", spans.span_delete, name="span_delete"),
    path("spans/<int:pk>/accept/", spans.span_decide, {"accept": True}, name="span_accept"),
    path("spans/<int:pk>/reject/", spans.span_decide, {"accept": False}, name="span_reject"),
    path(
        "documents/<int:pk>/preannotate/",
        spans.preannotate_document,
        name="preannotate_document",
    ),
    path("corpora/<int:pk>/preannotate/", spans.preannotate_corpus, name="preannotate_corpus"),
    path("corpora/<int:pk>/labels/", labels.label_list, name="label_list"),
    path("corpora/<int:pk>/labels.css", labels.label_css, name="label_css"),
    path("corpora/<int:pk>/house-style/", house_style.house_style, name="house_style"),
    path("findings/<int:pk>/fix/", findings.finding_fix, name="finding_fix"),
    path("findings/<int:pk>/dismiss/", findings.finding_dismiss, name="finding_dismiss"),
    path("documents/<int:pk>/findings/", findings.document_findings, name="document_findings"),
    path("corpora/<int:pk>/findings/", findings.corpus_findings, name="corpus_findings"),
    path("documents/<int:pk>/recheck/", findings.recheck_document, name="recheck_document"),
    path("corpora/<int:pk>/recheck/", findings.recheck_corpus, name="recheck_corpus"),
    path(
        "corpora/<int:pk>/labels/<int:label_pk>/delete/",
        labels.label_delete,
        name="label_delete",
    ),
    # The review screen's glossary endpoints and replace-all live under /glossary/ beside the
    # glossary's own screens, but they edit spans and text, so they are annotate's.
    path("glossary/search/", linking.search, name="term_search"),
    path("glossary/propose/", linking.propose, name="term_propose"),
    path("glossary/link/", linking.link, name="term_link"),
    path(
        "glossary/corpora/<int:pk>/terms/<int:term_pk>/variants/<int:variant_pk>/replace/",
        replace.replace_all,
        name="replace_variant",
    ),
]
